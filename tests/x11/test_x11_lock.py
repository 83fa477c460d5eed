"""The real launcher under Xvfb + openbox: stopping it (``kill -STOP``/``-CONT``) locks the exam;
the lock window holds the keyboard, refuses a wrong quit password and opens for the right one
(typed with xdotool); an exam killed mid-way starts locked next time."""

from __future__ import annotations

import hashlib
import os
import signal
import time

import pytest


PASSWORD = "invigilator"
HASHED = hashlib.sha256(PASSWORD.encode()).hexdigest()


def _lock_windows(x, exam) -> list[int]:
    return [w for w, name in exam.window_names().items() if name.startswith("Exam locked")]


def _stop_and_continue(exam, seconds: float = 5.0) -> None:
    os.kill(exam.proc.pid, signal.SIGSTOP)
    try:
        time.sleep(seconds)  # the launcher is stopped: nothing of it runs meanwhile
    finally:
        os.kill(exam.proc.pid, signal.SIGCONT)


def test_a_stopped_launcher_locks_and_only_the_quit_password_opens_it(xsession, run_exam):
    exam = run_exam({"hashedQuitPassword": HASHED, "lockScreenBackgroundColor": "#123456"})
    assert not _lock_windows(xsession, exam)
    _stop_and_continue(exam)
    xsession.wait_for(lambda: bool(_lock_windows(xsession, exam)), timeout=30, what="the lock window")
    lock = _lock_windows(xsession, exam)[0]
    xsession.wait_for(lambda: xsession.active_window() == lock, timeout=20, what="the lock window to be active")
    x, y, w, h = xsession.geometry(lock)
    assert (w, h) == (1280, 800)  # covers the screen

    # the page gets nothing meanwhile; a wrong password keeps the lock
    before = len(exam.reports())
    xsession.type("wrong")
    xsession.key("Return")
    time.sleep(1.5)  # nothing should change: give a wrong unlock the chance to happen
    assert _lock_windows(xsession, exam) == [lock]
    assert not [r for r in exam.reports()[before:] if r.startswith(("key:", "value:"))]
    assert exam.alive()

    # the desktop's keys do not get past the lock either
    xsession.key("alt+Tab")
    xsession.key("super+d")
    assert xsession.active_window() == lock

    # after the wait for the wrong try, the right password opens the exam again
    def typed_right_password() -> bool:
        xsession.type(PASSWORD)
        xsession.key("Return")
        time.sleep(0.5)
        return not _lock_windows(xsession, exam)

    xsession.wait_for(typed_right_password, timeout=30, interval=1.0, what="the lock to open")
    xsession.wait_for(lambda: xsession.active_window() == exam.window, timeout=20,
                      what="the exam window to be active again")
    xsession.type("back")
    exam.wait_report(lambda r: r.startswith("value:") and r.endswith("back"), "typing in the exam again")
    exam.stop()


def test_an_exam_killed_mid_way_starts_locked_next_time(xsession, run_exam, tmp_path):
    settings = {"hashedQuitPassword": HASHED}
    first = run_exam(settings, home=tmp_path)
    assert not _lock_windows(xsession, first)
    first.proc.kill()
    first.proc.wait(timeout=10)
    again = run_exam(settings, home=tmp_path, wait_active=False)
    xsession.wait_for(lambda: bool(_lock_windows(xsession, again)), timeout=30, what="the lock window")
    again.stop()


def test_the_quit_password_dialog_gets_the_keyboard_while_it_is_shown(xsession, run_exam):
    exam = run_exam({"hashedQuitPassword": HASHED, "enableAltF4": True})
    xsession.key("alt+F4")  # enableAltF4: asks for the quit password
    xsession.wait_for(lambda: any(n.startswith("Quit the exam") for n in exam.window_names().values()),
                      timeout=20, what="the quit password dialog")
    xsession.type(PASSWORD)
    xsession.key("Return")
    exam.proc.wait(timeout=30)
    assert exam.proc.returncode == 0, exam.stderr()


@pytest.mark.parametrize("spoof", [
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},  # Qt told to use xcb
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "QT_QPA_PLATFORM": ""},  # Qt's own choice
], ids=["xcb", "qt-default"])
def test_a_spoofed_wayland_session_does_not_switch_the_x11_grab_off(xsession, run_exam, spoof):
    # A student on an X11 desktop sets the variables a Wayland session has, before the exam:
    # the launcher asks Qt (and the X server Qt talks to), so the X keyboard grab still holds.
    other = xsession.spawn("xmessage", "-name", "spoof-other", "another application")
    xsession.wait_for(lambda: bool(xsession.search("spoof-other")), what="the other application")
    exam = run_exam({"hashedQuitPassword": HASHED}, env=spoof)
    for combo in ("alt+Tab", "super+d", "alt+Tab"):
        xsession.key(combo)
    exam.type_until("w", lambda r: r.startswith("value:") and "w" in r, "typing after Alt+Tab")
    assert xsession.active_window() == exam.window
    assert not xsession.showing_desktop()
    assert not _lock_windows(xsession, exam)
    log = exam.stderr()
    assert "Wayland session" not in log and "XWayland" not in log, log
    exam.stop()
    other.terminate()


def test_a_screen_added_while_locked_is_covered_too(xsession, run_exam):
    exam = run_exam({"hashedQuitPassword": HASHED, "allowedDisplaysMaxNumber": 2})
    _stop_and_continue(exam)
    xsession.wait_for(lambda: len(_lock_windows(xsession, exam)) == 1, timeout=30, what="the lock window")
    xsession.run("xrandr", "--setmonitor", "added", "1280/300x800/200+1280+0", "none")
    try:
        xsession.wait_for(lambda: len(_lock_windows(xsession, exam)) == 2, timeout=30,
                          what="a lock window on the added screen")
        assert sorted(xsession.geometry(w)[0] for w in _lock_windows(xsession, exam)) == [0, 1280]

        def unlocked() -> bool:
            xsession.type(PASSWORD)
            xsession.key("Return")
            time.sleep(0.5)
            return not _lock_windows(xsession, exam)

        xsession.wait_for(unlocked, timeout=30, interval=1.0, what="both lock windows to close")
    finally:
        xsession.run("xrandr", "--delmonitor", "added", check=False)
        exam.stop()


HOLDING_PROBE = r"""
import sys
from PySide6.QtCore import QSocketNotifier, QTimer, Qt
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(None, Qt.WindowType.X11BypassWindowManagerHint)
w.setGeometry(0, 0, 20, 20)
w.show()
def grab():
    if not (w.windowHandle().isExposed() and w.windowHandle().setKeyboardGrabEnabled(True)):
        QTimer.singleShot(50, grab)
        return
    print("held", flush=True)
def command():
    sys.stdin.readline()
    w.windowHandle().setKeyboardGrabEnabled(False)
    w.hide()
    print("released", flush=True)
    QTimer.singleShot(200, app.quit)
n = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
n.activated.connect(command)
QTimer.singleShot(0, grab)
app.exec()
"""


def test_the_exam_takes_the_keyboard_once_another_program_lets_it_go(xsession, run_exam):
    import subprocess
    import sys

    from test_x11_keys import GRAB_PROBE

    holder = subprocess.Popen([sys.executable, "-c", HOLDING_PROBE], env=xsession.env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        exam = run_exam({})  # starts while another program holds the keyboard
        holder.stdin.write("release\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"

        def exam_holds_it() -> bool:
            probe = subprocess.run([sys.executable, "-c", GRAB_PROBE], env=xsession.env(),
                                   capture_output=True, text=True, timeout=60)
            return probe.stdout.strip() == "refused"

        xsession.wait_for(exam_holds_it, timeout=60, interval=0.5, what="the exam to take the keyboard")
        exam.stop()
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(timeout=10)


def test_a_monitor_added_during_the_exam_locks_it(xsession, run_exam):
    """One display allowed (SEB's default): a monitor that appears while the exam runs puts it
    behind the lock screen, and the quit password opens it again."""
    exam = run_exam({"hashedQuitPassword": HASHED})
    assert not _lock_windows(xsession, exam)
    xsession.run("xrandr", "--setmonitor", "second", "1280/300x800/200+1280+0", "none")
    try:
        xsession.wait_for(lambda: bool(_lock_windows(xsession, exam)), timeout=30,
                          what="the lock window after a monitor was added")
    finally:
        xsession.run("xrandr", "--delmonitor", "second", check=False)

    def unlocked() -> bool:
        xsession.type(PASSWORD)
        xsession.key("Return")
        time.sleep(0.5)
        return not _lock_windows(xsession, exam)

    xsession.wait_for(unlocked, timeout=30, interval=1.0, what="the lock window to close")
    assert exam.alive()
    exam.stop()
