"""A launcher that crashes leaves every thread's Python stack for support: in the crash file
beside its log (``seb-launcher logs --export`` packs it), not just the shell's "Segmentation
fault" — a crash in Qt, the engine or a system library reads from where Python was."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import zipfile

from support.cli import launcher_command, run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist


def test_a_crash_of_the_running_exam_leaves_its_threads_stacks_beside_the_log(http_server, tmp_path):
    http_server.route("/exam", "<!doctype html><p>exam</p><script>fetch('/ready')</script>")
    http_server.route("/ready", "ok", content_type="text/plain")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "allowVirtualMachine": True}))
    env = {**os.environ, **user_env(tmp_path)}
    proc = subprocess.Popen([*launcher_command(), "open", str(path)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        end = time.monotonic() + 90
        while not http_server.requests_to("/ready") and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        assert http_server.requests_to("/ready"), f"the exam did not run: {proc.poll()}"
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGSEGV)  # as a crash inside a library would
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == -signal.SIGSEGV, stderr
    log_dir = tmp_path / "home/.local/state/seb-launcher/log"
    crash = (log_dir / "seb-launcher-crash.log").read_text()
    assert "Fatal Python error: Segmentation fault" in crash
    assert "Current thread" in crash and "(most recent call first)" in crash
    assert "launcher" in crash  # the frames name the launcher's own code
    assert oct((log_dir / "seb-launcher-crash.log").stat().st_mode & 0o777) == "0o600"

    archive = tmp_path / "support.zip"
    done = run_cli("logs", "--export", str(archive), env=user_env(tmp_path))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(archive) as zipped:
        assert "seb-launcher-crash.log" in zipped.namelist()
        assert "Fatal Python error: Segmentation fault" in zipped.read("seb-launcher-crash.log").decode()
