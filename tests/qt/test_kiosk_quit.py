"""Ending an exam: quit URL (main frame and iframe), quit button with and without a quit
password, reload with its warning."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from launcher.ui.kiosk_window import KioskWindow
from launcher.ui.quit_dialog import QuitPasswordDialog

QUIT_PAGE = """<!doctype html><title>Exam</title><p>exam</p>
<a id="done" href="/quit">Finish</a>"""
IFRAME_PAGE = """<!doctype html><title>Exam</title><p>exam</p>
<iframe id="f" src="/inner"></iframe>"""
INNER = """<!doctype html><p>inner</p><a id="done" href="/quit">Finish</a>"""


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", QUIT_PAGE)
    http_server.route("/framed", IFRAME_PAGE)
    http_server.route("/inner", INNER)
    http_server.route("/quit", "<p>bye</p>")
    return http_server


def _visible_kiosk_windows() -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]


def _yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def test_quit_url_in_main_frame_ends_the_exam(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "quitURL": exam.url("/quit"), "quitURLConfirm": False})
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.js("document.getElementById('done').click(); 1")
    assert _visible_kiosk_windows() == []
    assert exam.requests_to("/quit") == []  # the quit request itself never leaves


def test_quit_url_in_iframe_ends_the_exam(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/framed"), "quitURL": exam.url("/quit/"), "quitURLConfirm": False})
    run.wait_js("!!document.getElementById('f').contentDocument.getElementById('done')")
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.js("document.getElementById('f').contentDocument.getElementById('done').click(); 1")


def test_quit_url_with_confirmation(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "quitURL": exam.url("/quit")})
    run.js("document.getElementById('done').click(); 1")
    qtbot.waitUntil(lambda: isinstance(run.session.active_dialog, QMessageBox))
    box = run.session.active_dialog
    assert box.isVisible() and "finished" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert run.window.isVisible()
    # asked again on the next try, and Yes ends it
    run.js("document.getElementById('done').click(); 1")
    qtbot.waitUntil(lambda: isinstance(run.session.active_dialog, QMessageBox))
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        _yes(run.session.active_dialog)


def test_no_quit_button_when_quitting_is_not_allowed(start_exam: Any, exam: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "allowQuit": False})
    assert run.window.taskbar.quit_button is None
    run.window.close()  # Alt+F4 and the like
    run.session.request_quit()
    assert run.window.isVisible() and run.session.active_dialog is None


def test_quit_without_password_asks_for_confirmation(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam")})
    run.window.taskbar.quit_button.click()
    box = run.session.active_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert run.window.isVisible()
    run.window.taskbar.quit_button.click()
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        _yes(run.session.active_dialog)


def test_quit_password_wrong_then_right(start_exam: Any, exam: Any, qtbot: Any) -> None:
    hashed = hashlib.sha256("invigilator".encode()).hexdigest()
    run = start_exam({"startURL": exam.url("/exam"), "hashedQuitPassword": hashed})
    run.window.taskbar.quit_button.click()
    dialog = run.session.active_dialog
    assert isinstance(dialog, QuitPasswordDialog) and dialog.isVisible()

    QTest.keyClicks(dialog.password, "student-guess")
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "Wrong password" in dialog.error.text()
    assert not dialog.password.isEnabled()  # must wait before the next try
    assert dialog.password.text() == ""
    assert run.window.isVisible()

    qtbot.waitUntil(dialog.password.isEnabled, timeout=5_000)
    QTest.keyClicks(dialog.password, "invigilator")
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)


def test_quit_password_cancel_keeps_the_exam(start_exam: Any, exam: Any, qtbot: Any) -> None:
    hashed = hashlib.sha256("invigilator".encode()).hexdigest()
    run = start_exam({"startURL": exam.url("/exam"), "hashedQuitPassword": hashed})
    run.window.taskbar.quit_button.click()
    dialog = run.session.active_dialog
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert run.session.active_dialog is None and run.window.isVisible()


def test_wrong_tries_wait_longer_each_time() -> None:
    from launcher.ui.quit_dialog import retry_delay_ms

    assert [retry_delay_ms(n) for n in range(0, 4)] == [0, 1000, 2000, 4000]
    assert retry_delay_ms(50) == 30_000


def test_reload_with_warning(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam")})
    run.window.taskbar.reload_button.click()
    box = run.session.active_dialog
    assert isinstance(box, QMessageBox) and "Reload" in box.text()
    with qtbot.waitSignal(run.page.loadFinished, timeout=10_000):
        _yes(box)
    assert len(exam.requests_to("/exam")) == 2


def test_reload_without_warning_and_reload_not_allowed(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "showReloadWarning": False})
    with qtbot.waitSignal(run.page.loadFinished, timeout=10_000):
        QTest.keyClick(run.window.view.focusProxy(), Qt.Key.Key_F5)
    assert len(exam.requests_to("/exam")) == 2
    locked = start_exam({"startURL": exam.url("/exam"), "browserWindowAllowReload": False})
    assert locked.window.taskbar.reload_button is None
    QTest.keyClick(locked.window.view.focusProxy(), Qt.Key.Key_F5)
    locked.js("1")
    assert len(exam.requests_to("/exam")) == 3


def test_quit_url_requested_by_script_ends_the_exam(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "quitURL": exam.url("/quit"), "quitURLConfirm": False})
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.js("fetch('/quit').catch(function () {}); 1")
    assert exam.requests_to("/quit") == []
