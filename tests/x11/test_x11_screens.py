"""The lock screen on an X display with two screens (``Xvfb -screen 0 … -screen 1 …``): one
lock window covers each screen, and both go away when the exam is unlocked."""

from __future__ import annotations

import hashlib
import os
import signal
import time

import pytest

from support.xsession import XSession

PASSWORD = "invigilator"
HASHED = hashlib.sha256(PASSWORD.encode()).hexdigest()


@pytest.fixture(scope="module")
def xsession(xsession_two_screens: XSession) -> XSession:
    return xsession_two_screens


from support.xsession import xsession_two_screens  # noqa: E402,F401


def _lock_windows(x: XSession) -> list[int]:
    out = x.run("xdotool", "search", "--onlyvisible", "--name", "^Exam locked", check=False)
    return [int(w) for w in out.split()]


def test_one_lock_window_covers_each_screen(xsession, run_exam):
    exam = run_exam({"hashedQuitPassword": HASHED, "allowedDisplaysMaxNumber": 2})
    os.kill(exam.proc.pid, signal.SIGSTOP)
    try:
        time.sleep(5)
    finally:
        os.kill(exam.proc.pid, signal.SIGCONT)
    xsession.wait_for(lambda: len(_lock_windows(xsession)) == 2, timeout=30, what="two lock windows")
    screens = set()
    for wid in _lock_windows(xsession):
        out = xsession.run("xdotool", "getwindowgeometry", str(wid))
        screens.add(out.split("screen:")[1].split(")")[0].strip() if "screen:" in out else out)
        assert "1280x800" in out
    assert len(screens) == 2, screens

    def unlocked() -> bool:
        xsession.type(PASSWORD)
        xsession.key("Return")
        time.sleep(0.5)
        return not _lock_windows(xsession)

    xsession.wait_for(unlocked, timeout=30, interval=1.0, what="both lock windows to close")
    exam.stop()
