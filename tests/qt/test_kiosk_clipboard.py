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


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", PAGE)
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


def test_isolated_copy_and_paste_stay_inside_the_exam(start_exam, exam, qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("from outside before the exam")
    run = start_exam({"startURL": exam.url("/exam")})  # clipboardPolicy 2 is SEB's default
    assert clipboard.text() == ""  # emptied at start
    _copy_a_then_paste_into_b(run)
    run.wait_js("document.getElementById('b').value === 'the answer text'")
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
    _copy_a_then_paste_into_b(run)
    qtbot.waitUntil(lambda: clipboard.text() == "the answer text", timeout=5_000)
    run.wait_js("document.getElementById('b').value === 'the answer text'")
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("test")
    assert clipboard.text() == "" and clipboard.text(QClipboard.Mode.Selection) == ""
