"""The lock screen over a real exam (offscreen): one window per screen in the configured colour
with the reason; the quit password (wrong tries wait longer) or Continue reopens the exam;
Quit exam ends it; the exam cannot be used while locked."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtTest import QTest

from launcher.ui.lock_screen import LockWindow, lock_color

HASHED = hashlib.sha256("invigilator".encode()).hexdigest()


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", "<!doctype html><title>Exam</title><input id=a autofocus>")
    return http_server


def test_locked_exam_shows_a_cover_per_screen_and_opens_only_for_the_quit_password(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "hashedQuitPassword": HASHED,
                      "lockScreenBackgroundColor": "#0000ff"})
    session = run.session
    with qtbot.waitSignal(session.locked, timeout=5_000) as got:
        session.lock("A second display was connected.", source="lockdown")
    assert got.args == ["lockdown", "A second display was connected."]
    assert session.is_locked and session.lock_source == "lockdown"
    windows = session.lock_screen.windows
    assert len(windows) == len(QGuiApplication.screens())
    primary = session.lock_screen.primary
    assert primary.isVisible() and primary.isFullScreen()
    assert primary.reason.text() == "A second display was connected."
    assert primary.palette().color(QPalette.ColorRole.Window).name() == "#0000ff"
    assert primary.continue_button is None  # the exam has a quit password
    assert not run.window.isEnabled()  # nothing reaches the exam meanwhile

    # a wrong password keeps it locked and makes the next try wait
    QTest.keyClicks(primary.password, "guess")
    QTest.keyClick(primary.password, Qt.Key.Key_Return)
    assert session.is_locked and primary.isVisible()
    assert primary.error.isVisible() and not primary.password.isEnabled()
    assert primary.password.text() == ""
    # Quit exam needs the password too
    qtbot.waitUntil(primary.password.isEnabled, timeout=5_000)
    primary.quit_button.click()
    assert session.is_locked and not session.ending

    # the right one opens it, as the student's own unlock
    qtbot.waitUntil(primary.password.isEnabled, timeout=5_000)
    QTest.keyClicks(primary.password, "invigilator")
    with qtbot.waitSignal(session.unlocked, timeout=5_000) as opened:
        QTest.keyClick(primary.password, Qt.Key.Key_Return)
    assert opened.args == ["user"]
    assert not session.is_locked and session.lock_screen.windows == []
    assert run.window.isEnabled() and run.window.isVisible()


def test_without_quit_password_continue_opens_and_the_reason_updates(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam")})
    session = run.session
    session.lock("first", source="server")
    session.lock("The exam was paused by the invigilator.", source="server")
    primary = session.lock_screen.primary
    assert len(session.lock_screen.windows) == len(QGuiApplication.screens())
    assert primary.reason.text() == "The exam was paused by the invigilator."
    assert primary.password is None and primary.continue_button.isVisible()
    # the window manager's close (Alt+F4) does not remove the lock
    primary.close()
    assert primary.isVisible() and session.is_locked
    with qtbot.waitSignal(session.unlocked, timeout=5_000) as opened:
        QTest.keyClick(primary.continue_button, Qt.Key.Key_Space)
    assert opened.args == ["user"]


def test_unlock_from_outside_and_quit_from_the_lock_screen(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam")})
    session = run.session
    session.lock("Locked by the server.", source="server")
    with qtbot.waitSignal(session.unlocked, timeout=5_000) as opened:
        session.unlock("server")
    assert opened.args == ["server"] and not session.is_locked
    session.lock("again", source="lockdown")
    with qtbot.waitSignal(session.finished, timeout=10_000):
        session.lock_screen.primary.quit_button.click()


def test_a_bad_colour_falls_back_to_seb_red():
    assert lock_color("#00ff00").name() == "#00ff00"
    assert lock_color("not a colour").name() == "#ff0000"
    assert lock_color("").name() == "#ff0000"


def test_lock_window_is_frameless_and_on_top(start_exam, exam):
    run = start_exam({"startURL": exam.url("/exam")})
    run.session.lock("x")
    w: LockWindow = run.session.lock_screen.primary
    flags = w.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint


def test_an_exam_that_did_not_end_cleanly_starts_locked_and_a_clean_end_forgets_it(start_exam, exam, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    from launcher.lockdown.interrupted import InterruptedExams, default_state_dir

    from kiosk_support import CONFIG_KEY

    store = InterruptedExams(default_state_dir())
    assert str(tmp_path) in str(store.dir)
    raw = {"startURL": exam.url("/exam"), "hashedQuitPassword": HASHED}
    run = start_exam(raw)
    qtbot.waitUntil(lambda: store.was_interrupted(CONFIG_KEY), timeout=5_000)  # marked while running
    assert not run.session.is_locked
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("clean end")
    assert not store.was_interrupted(CONFIG_KEY)

    store.begin(CONFIG_KEY)  # as left behind by a killed launcher
    again = start_exam(raw)
    qtbot.waitUntil(lambda: again.session.is_locked, timeout=5_000)
    assert "did not end properly" in again.session.lock_screen.primary.reason.text()


def test_without_quit_password_or_with_verification_off_nothing_is_recorded(start_exam, exam, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    run = start_exam({"startURL": exam.url("/exam")})
    run2 = start_exam({"startURL": exam.url("/exam"), "hashedQuitPassword": HASHED,
                       "enableSessionVerification": False})
    # the triggers start right after the window (the sleep inhibitor is their last step but one)
    qtbot.waitUntil(lambda: run.session.guards.inhibitor is not None and run2.session.guards.inhibitor is not None,
                    timeout=5_000)
    assert not (tmp_path / "state").exists()
    assert not run.session.is_locked and not run2.session.is_locked


def test_an_exam_that_may_not_be_quit_cannot_be_quit_from_the_lock_screen(start_exam, exam):
    run = start_exam({"startURL": exam.url("/exam"), "allowQuit": False})
    run.session.lock("focus lost")
    primary = run.session.lock_screen.primary
    assert primary.quit_button is None and primary.continue_button is not None


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (640, 400), (683, 384), (480, 360)])
def test_the_lock_panel_fits_the_screen_also_at_200_percent(qtbot, width, height):
    """(640 x 400, 683 x 384, 480 x 360: a 1280 x 800, a 1366 x 768 and a 960 x 720 screen at 200 %.)"""
    from PySide6.QtGui import QColor

    window = LockWindow(QGuiApplication.primaryScreen(), QColor("#ff0000"), primary=True, has_password=True)
    qtbot.addWidget(window)
    window.reason.setText("The exam window lost the keyboard focus.")
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.layout().activate()
    assert (window.width(), window.height()) == (width, height)  # the panel asks for no more than the screen
    panel = window.panel.geometry()
    assert window.rect().contains(panel), (panel, window.size())
    for control in (window.password, window.unlock_button, window.quit_button, window.reason):
        place = control.geometry().translated(panel.topLeft())
        assert panel.contains(place) and control.width() >= control.minimumSizeHint().width(), control.objectName()
    assert window.unlock_button.height() >= 48
