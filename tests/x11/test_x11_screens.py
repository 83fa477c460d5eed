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


def test_a_second_screen_refuses_an_exam_that_allows_one(xsession, exam_server, tmp_path):
    """SEB's default ``allowedDisplaysMaxNumber`` 1 on a two-screen X display: the real launcher
    shows the refusal (naming the screens) instead of the exam, exits 4 once it is closed, and the
    exam server never hears from it."""
    import subprocess

    from support.cli import launcher_command, user_env

    from launcher.config import plist

    exam_server.clear()
    config = tmp_path / "exam.seb"
    config.write_bytes(plist.dumps({
        "startURL": exam_server.url("/exam"), "allowVirtualMachine": True, "enableInjected": True,
    }))
    env = xsession.env(dict(os.environ, **user_env(tmp_path)))
    err_path = tmp_path / "stderr.txt"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([*launcher_command(), "open", str(config)], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        def titles() -> list[str]:
            return [xsession.run("xdotool", "getwindowname", str(w), check=False).strip()
                    for w in xsession.search_pid(proc.pid)]

        xsession.wait_for(lambda: any(t.startswith("The exam cannot start") for t in titles()),
                          timeout=60, what="the refusal dialog")
        assert not any(t.split(" \u2014 ")[0] == "Exam" for t in titles())
        dialog = next(w for w in xsession.search_pid(proc.pid)
                      if xsession.run("xdotool", "getwindowname", str(w), check=False).startswith("The exam"))

        def closed() -> bool:  # the student reads it and presses Enter (OK)
            xsession.run("xdotool", "windowactivate", "--sync", str(dialog), check=False)
            xsession.key("Return")
            return proc.poll() is not None or (time.sleep(0.5), proc.poll() is not None)[1]

        xsession.wait_for(closed, timeout=30, interval=1.0, what="the launcher to end after the refusal was closed")
        assert proc.returncode == 4
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    stderr = err_path.read_text(errors="replace")
    assert "2 displays are in use, at most 1 allowed" in stderr and "allowedDisplaysMaxNumber" in stderr
    assert exam_server.requests_to("/exam") == []
