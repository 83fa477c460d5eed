"""The accessibility bus (issue 16 item 5): on a desktop with the AT-SPI bus running (the real
``at-spi-bus-launcher``, activated on a private session bus as a desktop does), a program that
connects to it during the exam — a renamed ``gdbus`` listening there, as a student's reader
would — is ended and the exam locks naming it; a screen reader installed in the system (a
stand-in ``orca`` in a root-owned directory) keeps working and does not lock the exam."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import pytest

ORCA = r"""
import sys, time
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection
app = QCoreApplication([])
bus = QDBusConnection.connectToBus(sys.argv[1], "orca")
assert bus.isConnected()
time.sleep(600)
"""


@pytest.fixture
def desktop_bus(tmp_path) -> Iterator[tuple[str, str]]:
    """(session bus address, accessibility bus address)."""
    env = dict(os.environ, HOME=str(tmp_path))
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        session = (daemon.stdout.readline() if daemon.stdout else "").strip()
        env["DBUS_SESSION_BUS_ADDRESS"] = session
        a11y = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
                               "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"], env=env,
                              capture_output=True, text=True, timeout=30, check=True).stdout
        yield session, a11y.strip().strip("(),'\"")
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_a_reader_on_the_accessibility_bus_locks_the_exam_and_a_screen_reader_stays(
        xsession, run_exam, desktop_bus, tmp_path):
    session, a11y = desktop_bus
    system_dir = tempfile.mkdtemp(prefix="seb-test-orca-", dir="/usr/local/lib")
    os.chmod(system_dir, 0o755)
    orca_script = os.path.join(system_dir, "orca")
    with open(orca_script, "w") as f:
        f.write(ORCA)
    os.chmod(orca_script, 0o755)
    orca = subprocess.Popen([sys.executable, orca_script, a11y], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    reader_exe = tmp_path / "notes"
    shutil.copy(shutil.which("gdbus") or "", reader_exe)
    reader = None
    try:
        time.sleep(1.0)  # the screen reader is on the bus before the exam
        exam = run_exam({}, env={"DBUS_SESSION_BUS_ADDRESS": session})
        time.sleep(2.5)  # two of the watcher's looks
        assert "exam locked" not in exam.stderr()
        assert orca.poll() is None, "the screen reader was ended"
        reader = subprocess.Popen([str(reader_exe), "monitor", "--address", a11y, "--dest", "org.a11y.atspi.Registry"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            xsession.wait_for(lambda: "exam locked by lockdown" in exam.stderr(), timeout=15, what="the exam to lock")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the launcher's log ends:\n{exam.stderr()[-3000:]}") from None
        line = next(line for line in exam.stderr().splitlines() if "Lock screen for a11y-reader" in line)
        assert "notes" in line and f"pid {reader.pid}" in line, line
        xsession.wait_for(lambda: reader.poll() is not None, timeout=10, what="the reader to be ended")
        assert orca.poll() is None
        assert exam.alive()
    finally:
        for proc in (reader, orca):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        shutil.rmtree(system_dir, ignore_errors=True)
