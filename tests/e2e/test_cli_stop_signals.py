"""The system ending the launcher mid-exam (SIGTERM at logout or shutdown, ``kill``; SIGHUP;
Ctrl+C): the real ``seb-launcher open`` ends as any exam ends — its permitted program ended,
SEB Server told with ``DELETE`` — exits with 128 + the signal, and the exam counts as
interrupted, so its next start is behind the lock screen."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from support.cli import launcher_command, user_env
from support.seb_server import CLOSED, seb_server  # noqa: F401
from support.servers import http_server, make_server  # noqa: F401
from test_cli_open_server import connection_config, exam_config

from launcher.config import plist


def _start(path: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(user_env(tmp_path))
    return subprocess.Popen([*launcher_command(), "open", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait(predicate, timeout: float = 60.0) -> bool:  # noqa: ANN001
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _signal_when(proc: subprocess.Popen[bytes], ready, number: int) -> str:  # noqa: ANN001
    """Once ``ready()``, send ``number`` to the launcher; its stderr once it has ended."""
    try:
        assert _wait(ready), "the exam did not get going"
        proc.send_signal(number)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return err.decode(errors="replace")


def _children_named(pid: int, name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if int(fields[1]) == pid and comm == name:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _exam_file(http_server, tmp_path: Path, program: Path) -> Path:  # noqa: ANN001
    http_server.route("/exam", "<!doctype html><title>Exam</title><p>Question 1")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "startURL": http_server.url("/exam"),
        "allowVirtualMachine": True,
        "hashedQuitPassword": hashlib.sha256(b"invigilator").hexdigest(),
        "enableSessionVerification": True,
        "permittedProcesses": [{
            "active": True, "os": 2, "title": "Timer", "executable": program.name,
            "path": str(program.parent), "autostart": True,
            "arguments": [{"active": True, "argument": "300"}],
        }],
    }))
    return path


def test_sigterm_ends_the_exam_and_its_program_and_the_next_start_is_locked(http_server, tmp_path):
    program = tmp_path / "bin" / "examtimer"  # a permitted program of the exam (a renamed sleep)
    program.parent.mkdir()
    shutil.copy("/bin/sleep", program)
    path = _exam_file(http_server, tmp_path, program)
    proc = _start(path, tmp_path)
    timers: list[int] = []

    def started() -> bool:
        timers[:] = _children_named(proc.pid, "examtimer")
        return bool(http_server.requests_to("/exam") and timers)

    text = _signal_when(proc, started, signal.SIGTERM)
    timer = timers[0]
    assert proc.returncode == 128 + signal.SIGTERM, text
    assert "The system asked the launcher to end (SIGTERM)" in text
    assert "Traceback" not in text
    assert _wait(lambda: not _alive(timer), 10), "the permitted program outlived the exam"

    # the next start of the same exam is behind the lock screen (enableSessionVerification)
    again = _start(path, tmp_path)
    text = _signal_when(again, lambda: len(http_server.requests_to("/exam")) >= 2, signal.SIGHUP)
    assert again.returncode == 128 + signal.SIGHUP, text
    assert "this exam did not end cleanly last time" in text


def test_an_exam_that_ends_normally_is_not_marked_interrupted(http_server, tmp_path):
    http_server.route("/exam", '<!doctype html><meta http-equiv="refresh" content="0; url=/done"><p>exam')
    http_server.route("/done", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "startURL": http_server.url("/exam"), "quitURL": http_server.url("/done"), "quitURLConfirm": False,
        "allowVirtualMachine": True, "hashedQuitPassword": hashlib.sha256(b"invigilator").hexdigest(),
    }))
    for _ in range(2):
        proc = _start(path, tmp_path)
        _out, err = proc.communicate(timeout=120)
        text = err.decode(errors="replace")
        assert proc.returncode == 0, text
        assert "did not end cleanly" not in text


def test_sigterm_during_a_seb_server_exam_closes_the_connection(seb_server, http_server, tmp_path):
    http_server.route("/quiz", "<!doctype html><title>Quiz</title><p>Quiz")
    seb_server.add_exam("42", "Algebra", http_server.url("/quiz"), exam_config())
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server, conf={"exam": "42"}))
    proc = _start(path, tmp_path)
    text = _signal_when(proc, lambda: http_server.requests_to("/quiz") and seb_server.pings, signal.SIGTERM)
    assert proc.returncode == 128 + signal.SIGTERM, text
    assert seb_server.connection().status == CLOSED
    delete = [r for r in seb_server.requests_to("/exam-api/v1/handshake") if r.method == "DELETE"]
    assert len(delete) == 1
    # the invigilators read why in the client's log on the server
    assert any("SIGTERM" in str(e.get("text", "")) for e in seb_server.events), seb_server.events


def test_a_killed_launcher_takes_its_permitted_program_with_it(http_server, tmp_path):
    """SIGKILL cannot be caught: the kernel ends the program (its parent-death signal)."""
    program = tmp_path / "bin" / "examtimer"
    program.parent.mkdir()
    shutil.copy("/bin/sleep", program)
    proc = _start(_exam_file(http_server, tmp_path, program), tmp_path)
    timers: list[int] = []

    def started() -> bool:
        timers[:] = _children_named(proc.pid, "examtimer")
        return bool(http_server.requests_to("/exam") and timers)

    try:
        assert _wait(started), "the exam did not get going"
        proc.kill()
        assert proc.wait(timeout=30) == -signal.SIGKILL
        # (not communicate(): a surviving program would hold the launcher's output pipes open)
        assert _wait(lambda: not _alive(timers[0]), 10), "the permitted program outlived the killed launcher"
    finally:
        for pid in timers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)
