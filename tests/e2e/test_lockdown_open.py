"""The lockdown checks at start, with the real ``seb-launcher open FILE`` on this machine (a
virtual machine, as CI hosts are): refused with exit code 4 and the evidence before any exam
request, or run when the configuration allows it; a prohibited program (a renamed ``sleep``)
is ended with ``strongKill`` and refuses the headless start without it."""

from __future__ import annotations

import shutil
import signal
import subprocess

from support.cli import run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist
from launcher.lockdown.machine import Machine
from launcher.lockdown.virtual import VirtualMachineDetector


def _exam(http_server, tmp_path, **extra):
    http_server.route("/exam/start", '<!doctype html><meta http-equiv="refresh" content="0; url=/exam/done"><p>exam')
    http_server.route("/exam/done", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "startURL": http_server.url("/exam/start"), "quitURL": http_server.url("/exam/done"),
        "quitURLConfirm": False, **extra,
    }))
    return path


def test_a_virtual_machine_is_refused_with_exit_4_before_any_request(http_server, tmp_path):
    evidence = VirtualMachineDetector(Machine.local()).evidence()
    assert evidence, "this test expects to run in a virtual machine, as CI and the dev machine do"
    proc = run_cli("open", _exam(http_server, tmp_path), env=user_env(tmp_path))
    assert proc.returncode == 4, proc.stderr
    assert "Traceback" not in proc.stderr
    assert evidence[0] in proc.stderr
    assert "[allowVirtualMachine]" in proc.stderr
    assert http_server.requests == []


def test_the_same_exam_runs_when_the_configuration_allows_virtual_machines(http_server, tmp_path):
    proc = run_cli("open", _exam(http_server, tmp_path, allowVirtualMachine=True), env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert http_server.requests_to("/exam/start")  # then it left at the quit URL: exit 0


def _renamed_sleep(tmp_path, name):
    exe = tmp_path / "bin" / name
    exe.parent.mkdir(exist_ok=True)
    shutil.copy("/bin/sleep", exe)
    return subprocess.Popen([str(exe), "300"])


def test_a_prohibited_program_is_ended_with_strong_kill_and_the_exam_runs(http_server, tmp_path):
    cheat = _renamed_sleep(tmp_path, "cheattool")
    try:
        path = _exam(http_server, tmp_path, allowVirtualMachine=True, prohibitedProcesses=[
            {"active": True, "os": 1, "executable": "cheattool.exe", "strongKill": True},
        ])
        proc = run_cli("open", path, env=user_env(tmp_path))
        assert proc.returncode == 0, proc.stderr
        assert cheat.wait(timeout=10) == -signal.SIGTERM
        assert http_server.requests_to("/exam/start")
    finally:
        cheat.kill()
        cheat.wait()


def test_without_strong_kill_a_headless_start_is_refused_and_the_program_left_alone(http_server, tmp_path):
    recorder = _renamed_sleep(tmp_path, "simplescreenrecorder")  # on the built-in list
    obsidian = _renamed_sleep(tmp_path, "obsidian")  # not "obs"
    try:
        proc = run_cli("open", _exam(http_server, tmp_path, allowVirtualMachine=True), env=user_env(tmp_path))
        assert proc.returncode == 4, proc.stderr
        assert f"simplescreenrecorder (pid {recorder.pid}): screen recorder" in proc.stderr
        assert "obsidian" not in proc.stderr
        assert recorder.poll() is None and obsidian.poll() is None
        assert http_server.requests == []
    finally:
        for p in (recorder, obsidian):
            p.kill()
            p.wait()


def test_ld_preload_is_refused_before_any_request(http_server, tmp_path):
    env = {**user_env(tmp_path), "LD_PRELOAD": "libm.so.6"}  # harmless, but injected
    proc = run_cli("open", _exam(http_server, tmp_path, allowVirtualMachine=True), env=env)
    assert proc.returncode == 4, proc.stderr
    assert "LD_PRELOAD loads libm.so.6 into the launcher" in proc.stderr
    assert http_server.requests == []


def test_a_launcher_under_strace_is_refused(http_server, tmp_path):
    import os

    from support.cli import launcher_command

    path = _exam(http_server, tmp_path, allowVirtualMachine=True)
    proc = subprocess.run(
        ["strace", "-f", "-o", os.devnull, *launcher_command(), "open", str(path)],
        env={**os.environ, **user_env(tmp_path)}, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 4, proc.stderr
    assert "the launcher is being traced by strace" in proc.stderr
    assert http_server.requests == []


def test_once_the_exam_runs_another_program_can_neither_read_nor_attach_to_it(http_server, tmp_path):
    """A student's program (same user, no capabilities — as the launcher itself here) cannot read
    the running launcher's environment or memory, nor attach ``strace`` to it."""
    import os
    import time

    from support.cli import launcher_command

    no_caps = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"] if os.geteuid() == 0 else []
    http_server.route("/exam/page", "<!doctype html><p>Question 1")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam/page"), "allowVirtualMachine": True}))
    proc = subprocess.Popen([*no_caps, *launcher_command(), "open", str(path)],
                            env={**os.environ, **user_env(tmp_path)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def student(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*no_caps, *argv], capture_output=True, text=True, timeout=30)

    try:
        end = time.monotonic() + 60
        while not http_server.requests_to("/exam/page") and time.monotonic() < end:
            time.sleep(0.1)
        assert http_server.requests_to("/exam/page"), "the exam did not start"
        end = time.monotonic() + 20
        while student("cat", f"/proc/{proc.pid}/environ").returncode == 0 and time.monotonic() < end:
            time.sleep(0.2)
        read = student("cat", f"/proc/{proc.pid}/environ")
        assert read.returncode != 0 and "Permission denied" in read.stderr, read
        traced = student("timeout", "-s", "INT", "5", "strace", "-e", "trace=none", "-p", str(proc.pid))
        assert "Operation not permitted" in traced.stderr, traced.stderr
        assert proc.poll() is None, "the exam ended"
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
