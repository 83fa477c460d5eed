"""Copy and paste in a real exam page per ``clipboardPolicy`` (offscreen): isolated keeps copy and
paste working inside the exam while the system clipboard stays empty; block stops them; allow
uses the system clipboard. The system clipboard is emptied at start and at the end."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtTest import QTest

PAGE = """<!doctype html><title>Exam</title>
<input id="a" value="the answer text"> <input id="b" value="">"""


SECOND = """<!doctype html><title>Second</title><textarea id="c"></textarea>"""


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", PAGE)
    http_server.route("/second", SECOND)
    return http_server


def _keys(run: Any, key: Qt.Key) -> None:
    QTest.keyClick(run.window.view.focusProxy(), key, Qt.KeyboardModifier.ControlModifier)


def _copy_a_then_paste_into_b(run: Any) -> None:
    run.click("a")
    run.js("var a = document.getElementById('a'); a.focus(); a.select(); 1")
    _keys(run, Qt.Key.Key_C)
    run.click("b")
    run.js("document.getElementById('b').focus(); 1")
    _keys(run, Qt.Key.Key_V)


def _copy_and_paste_until_pasted(run: Any, qtbot: Any) -> None:
    """Copy #a and paste into #b (again, while the page may still drop its first keys) until
    #b holds the copy."""
    def pasted() -> bool:
        run.js("document.getElementById('b').value = ''; 1")
        _copy_a_then_paste_into_b(run)
        qtbot.wait(200)
        return run.js("document.getElementById('b').value") == "the answer text"

    qtbot.waitUntil(pasted, timeout=20_000)


def test_isolated_copy_and_paste_stay_inside_the_exam(start_exam, exam, qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("from outside before the exam")
    run = start_exam({"startURL": exam.url("/exam")})  # clipboardPolicy 2 is SEB's default
    assert clipboard.text() == ""  # emptied at start
    _copy_and_paste_until_pasted(run, qtbot)
    assert clipboard.text() == ""  # nothing left the exam
    # what another program puts there is removed and never pasted
    clipboard.setText("smuggled in")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)
    run.js("var b = document.getElementById('b'); b.value = ''; b.focus(); 1")
    _keys(run, Qt.Key.Key_V)
    run.wait_js("document.getElementById('b').value === 'the answer text'")


def test_block_stops_copy_and_paste(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "clipboardPolicy": 1})
    _copy_a_then_paste_into_b(run)
    run.js("document.getElementById('b').focus(); 1")
    QTest.keyClicks(run.window.view.focusProxy(), "typed")
    run.wait_js("document.getElementById('b').value === 'typed'")  # the paste put nothing there
    assert QGuiApplication.clipboard().text() == ""


def test_allow_uses_the_system_clipboard_and_the_end_empties_it(start_exam, exam, qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    run = start_exam({"startURL": exam.url("/exam"), "clipboardPolicy": 0})
    assert clipboard.text() == ""
    _copy_and_paste_until_pasted(run, qtbot)
    assert clipboard.text() == "the answer text"
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("test")
    assert clipboard.text() == "" and clipboard.text(QClipboard.Mode.Selection) == ""


def test_isolated_clipboard_is_shared_between_the_exams_windows(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "newBrowserWindowByScriptPolicy": 2})
    _copy_and_paste_until_pasted(run, qtbot)  # the exam's clipboard holds the text now
    run.js(f"window.open('{exam.url('/second')}'); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1, timeout=10_000)
    second = run.session.extra_windows[0].view.page()
    run.wait_js("!!document.getElementById('c')", page=second)
    view = run.session.extra_windows[0].view

    def pasted() -> bool:
        run.js("var c = document.getElementById('c'); c.value = ''; c.focus(); 1", page=second)
        QTest.keyClick(view.focusProxy(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(200)
        return run.js("document.getElementById('c').value", page=second) == "the answer text"

    qtbot.waitUntil(pasted, timeout=20_000)
    assert QGuiApplication.clipboard().text() == ""
