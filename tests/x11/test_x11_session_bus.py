"""The real launcher with logind and a screen saver on a private D-Bus bus (the stand-in
``tests/support/fake_desktop_bus.py``): the exam keeps the machine and the display awake while it
runs and lets go at the end, and the login session becoming inactive (a VT or user switch, the OS
lock) locks it."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

FAKE = Path(__file__).resolve().parents[1] / "support" / "fake_desktop_bus.py"


class Bus:
    def __init__(self) -> None:
        self.daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                                       stdout=subprocess.PIPE, text=True)
        self.address = (self.daemon.stdout.readline() if self.daemon.stdout else "").strip()
        self.fake = subprocess.Popen([sys.executable, str(FAKE)], env=self.env_for_fake(),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def env_for_fake(self) -> dict[str, str]:
        import os

        return dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address, QT_QPA_PLATFORM="offscreen")

    @property
    def env(self) -> dict[str, str]:
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "DBUS_SYSTEM_BUS_ADDRESS": self.address}

    def _read(self) -> None:
        assert self.fake.stdout is not None
        for line in self.fake.stdout:
            self.lines.append(line.strip())

    def send(self, line: str) -> None:
        assert self.fake.stdin is not None
        self.fake.stdin.write(line + "\n")
        self.fake.stdin.flush()

    def stop(self) -> None:
        for proc in (self.fake, self.daemon):
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)


@pytest.fixture
def bus(xsession) -> Iterator[Bus]:
    b = Bus()
    try:
        xsession.wait_for(lambda: "ready" in b.lines, timeout=30, what="the stand-in desktop services")
        yield b
    finally:
        b.stop()


def _lock_windows(exam) -> list[int]:
    return [w for w, name in exam.window_names().items() if name.startswith("Exam locked")]


def test_the_exam_keeps_the_machine_awake_and_a_session_switch_locks_it(xsession, run_exam, exam_server, bus):
    exam = run_exam({"quitURL": exam_server.url("/quit"), "quitURLConfirm": False}, env=bus.env)
    xsession.wait_for(lambda: "inhibit sleep:idle" in bus.lines and "screensaver-inhibit" in bus.lines,
                      timeout=30, what="sleep and screen saver to be inhibited")
    assert not _lock_windows(exam)
    bus.send("inactive")
    xsession.wait_for(lambda: bool(_lock_windows(exam)), timeout=30, what="the lock window")
    # Continue (no quit password), then finish: the screen saver is let go
    xsession.key("Return")
    xsession.wait_for(lambda: not _lock_windows(exam), timeout=30, what="the lock to open")
    xsession.wait_for(lambda: xsession.active_window() == exam.window, timeout=20, what="the exam again")
    xsession.key("F9")
    exam.proc.wait(timeout=30)
    xsession.wait_for(lambda: "screensaver-uninhibit 7" in bus.lines, timeout=10,
                      what="the screen saver inhibition to end")


def test_with_disable_session_change_lock_screen_the_session_is_not_watched(xsession, run_exam, bus):
    exam = run_exam({"disableSessionChangeLockScreen": True, "displayAlwaysOn": False}, env=bus.env)
    # the inhibitor is asked right after the session watch would have started
    xsession.wait_for(lambda: "inhibit sleep" in bus.lines, timeout=30, what="sleep to be inhibited")
    assert "get-session" not in bus.lines
    assert "screensaver-inhibit" not in bus.lines  # displayAlwaysOn false: the display may sleep
    exam.stop()
