"""The real ``seb-launcher`` notices being stopped from one second on: a student's script that
stops it 1.8 s and lets it run 0.3 s (never a gap over 3 s) locks the exam at its first stop;
a machine so busy that the launcher's threads wait for the processor does not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from support.cli import launcher_command, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

STOP_LINE = "lockdown stopped-process (detectStoppedProcess): the launcher was stopped for"


def _start(http_server, tmp_path, attempts: int = 3):
    """The exam, running. Tests run as root on a shared machine: another test's stand-in
    program ("Discord") may refuse a start for a moment; then it is tried again."""
    http_server.route("/exam", "<!doctype html><p>exam</p><script>setInterval(() => fetch('/go'), 300);</script>")
    http_server.route("/go", "wait", content_type="text/plain")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "allowVirtualMachine": True}))
    for _attempt in range(attempts):
        proc = subprocess.Popen([*launcher_command(), "open", str(path)], env={**os.environ, **user_env(tmp_path)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                text=True)
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)
        reader.start()
        end = time.monotonic() + 60
        while not http_server.requests_to("/go") and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        if http_server.requests_to("/go") and proc.poll() is None:
            time.sleep(2.0)  # the watchers are up
            return proc, lines, reader
        proc.kill()
        proc.wait()
        reader.join(timeout=10)
        if not any("[prohibitedProcesses]" in line for line in lines):
            break
        time.sleep(2.0)
    raise AssertionError(f"the exam page did not run: {lines}")


def _end(proc, reader):
    proc.send_signal(signal.SIGCONT)
    proc.terminate()
    proc.wait(timeout=60)
    reader.join(timeout=10)


def test_a_stop_duty_cycle_of_1_8_s_is_caught_at_its_first_stop(http_server, tmp_path):
    proc, lines, reader = _start(http_server, tmp_path)
    try:
        assert not any(STOP_LINE in line for line in lines), lines
        # one cycle of the script: stopped 1.8 s, running 0.3 s — then it would go on
        os.kill(proc.pid, signal.SIGSTOP)
        time.sleep(1.8)
        os.kill(proc.pid, signal.SIGCONT)
        time.sleep(0.3)
        end = time.monotonic() + 3
        while not any(STOP_LINE in line for line in lines) and time.monotonic() < end:
            time.sleep(0.1)
        found = [line for line in lines if STOP_LINE in line]
        assert found, lines
        seconds = float(found[0].split("stopped for")[1].split()[0])
        assert 1.0 <= seconds <= 3.0, found[0]
    finally:
        _end(proc, reader)


BUSY = "import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"


def test_a_machine_under_heavy_load_does_not_lock_the_exam(http_server, tmp_path):
    proc, lines, reader = _start(http_server, tmp_path)
    hogs = [subprocess.Popen([sys.executable, "-c", BUSY.format(seconds=12)]) for _ in range(3 * (os.cpu_count() or 2))]
    try:
        for hog in hogs:
            hog.wait(timeout=60)
        time.sleep(3.0)  # a gap's SIGCONT would have been noted by now
        assert not any(STOP_LINE in line for line in lines), [line for line in lines if "stopped" in line]
        assert proc.poll() is None
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
        _end(proc, reader)
