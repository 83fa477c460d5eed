"""The real ``seb-launcher`` finds a screen recorder by what it is, not by what it is called: a
renamed copy of this machine's ``ffmpeg`` (recording nothing telling on its command line)
started before the exam refuses the headless start, named; one run by another user refuses it
too and is left alone (the exam cannot end it); started while the exam runs, the student's
copy is ended within the poll interval and another user's locks the exam."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time

import pytest
from support.cli import launcher_command, run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

#: ffmpeg reading nothing and writing nothing, for as long as it is let: a stand-in recorder
#: whose arguments say nothing about the screen.
QUIET = ["-nostdin", "-loglevel", "quiet", "-re", "-f", "lavfi", "-i", "anullsrc", "-f", "null", "-"]


@pytest.fixture
def renamed_ffmpeg():
    """A copy of the real ffmpeg named ``notarecorder`` in a folder every user may run it from."""
    folder = tempfile.mkdtemp(prefix="seb-identity-")
    os.chmod(folder, 0o755)
    copy = os.path.join(folder, "notarecorder")
    shutil.copy(shutil.which("ffmpeg") or "/usr/bin/ffmpeg", copy)
    started: list[subprocess.Popen[bytes]] = []

    def start(*prefix: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen([*prefix, copy, *QUIET], stdin=subprocess.DEVNULL)
        started.append(proc)
        time.sleep(0.3)  # it runs (an exam running on this machine may end it at once: see ATTEMPTS)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()  # as root, also another user's
        proc.wait()
    shutil.rmtree(folder)


AS_NOBODY = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--")


def _exam(http_server, tmp_path):
    """An exam that ends by itself if it starts (it must not: then the stand-in was gone)."""
    http_server.route("/exam/start", '<!doctype html><meta http-equiv="refresh" content="0; url=/bye"><p>exam')
    http_server.route("/bye", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/start"), "allowVirtualMachine": True,
                                  "quitURL": http_server.url("/bye"), "quitURLConfirm": False}))
    return path


#: Tests run as root on a shared machine: another test's running exam may end a stand-in of
#: ours first (it is a prohibited program to that exam too). Then the step is tried again.
ATTEMPTS = 3


def test_a_renamed_ffmpeg_started_before_the_exam_refuses_the_headless_start(http_server, tmp_path, renamed_ffmpeg):
    for _attempt in range(ATTEMPTS):
        recorder = renamed_ffmpeg()
        before = len(http_server.requests)
        proc = run_cli("open", _exam(http_server, tmp_path), env=user_env(tmp_path))
        if proc.returncode == 4:
            break
    assert proc.returncode == 4, proc.stderr
    assert f"ffmpeg as notarecorder (pid {recorder.pid}): screen recorder" in proc.stderr
    assert len(http_server.requests) == before  # refused before any exam request
    assert recorder.poll() is None  # headless: nobody to ask, so it is not ended unasked


def test_another_users_renamed_ffmpeg_refuses_the_start_named_and_is_left_alone(http_server, tmp_path, renamed_ffmpeg):
    for _attempt in range(ATTEMPTS):
        recorder = renamed_ffmpeg(*AS_NOBODY)  # not ended by anybody's exam: another user's
        before = len(http_server.requests)
        proc = run_cli("open", _exam(http_server, tmp_path), env=user_env(tmp_path))
        if proc.returncode == 4:
            break
    assert proc.returncode == 4, proc.stderr
    assert ("programs of another user that record or share this screen are running and the exam cannot end "
            f"them: ffmpeg as notarecorder (pid {recorder.pid}): screen recorder (user nobody)") in proc.stderr
    assert len(http_server.requests) == before
    assert recorder.poll() is None


PAGE = """<!doctype html><p>exam</p><script>
setInterval(() => fetch('/go').then(r => r.text()), 200);
</script>"""


def test_started_during_the_exam_the_students_copy_is_ended_and_another_users_locks(http_server, tmp_path,
                                                                                   renamed_ffmpeg):
    http_server.route("/exam", PAGE)
    http_server.route("/go", "wait", content_type="text/plain")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"allowVirtualMachine": True, "startURL": http_server.url("/exam")}))
    proc = subprocess.Popen([*launcher_command(), "open", str(path)], env={**os.environ, **user_env(tmp_path)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()

    def said(text: str, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in lines):
                return True
            time.sleep(0.1)
        return False

    try:
        assert http_server.wait_for("/go", timeout=60), "the exam page did not run"
        time.sleep(1)  # the watcher's first look has been taken
        for _attempt in range(ATTEMPTS):
            own = renamed_ffmpeg()
            started = time.monotonic()
            assert own.wait(timeout=10) in (-15, 255)  # SIGTERM (ffmpeg exits 255 on it)
            took = time.monotonic() - started
            if said(f"Ending prohibited process ffmpeg as notarecorder (pid {own.pid})", 5):
                break
        assert said(f"Ending prohibited process ffmpeg as notarecorder (pid {own.pid})", 0.1), lines
        assert took < 2.0 + 2.5, f"ended after {took:.1f} s"  # the 2 s poll, and a little
        other = renamed_ffmpeg(*AS_NOBODY)
        assert said(f"ffmpeg as notarecorder (pid {other.pid}): screen recorder (user nobody)", 5), lines
        assert said("Lock screen for prohibited-process", 5), lines
        assert other.poll() is None
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        reader.join(timeout=10)
