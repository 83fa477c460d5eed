"""The exam's page lives in the engine's renderer process. With the real ``seb-launcher`` (run
without capabilities, as a student's programs are; core dumps allowed by the shell that
started it): a renderer killed with SIGSEGV, and then the launcher itself, leave no core file
(the launcher sets ``RLIMIT_CORE`` to 0 for itself and every helper), while a plain program
started the same way does; and whether another program of the same user can read the question from the renderer's
``/proc/PID/mem`` is exactly what the start log says."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from support.cli import launcher_command, user_env
from support.running_exam import start_exam
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

SECRET = "Question 7: name the capital of Kazakhstan (QX-4f1c9e)"

NO_CAPS = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"] if os.geteuid() == 0 else []

READER = r"""
import re, sys
pid, needle = sys.argv[1], sys.argv[2].encode()
try:
    mem = open(f"/proc/{pid}/mem", "rb", buffering=0)
    maps = open(f"/proc/{pid}/maps").read().splitlines()
except OSError as exc:
    print("DENIED", exc.strerror); sys.exit()
for line in maps:
    addr, perms = line.split()[:2]
    start, end = (int(x, 16) for x in addr.split("-"))
    if "r" not in perms or end - start > 256 << 20:
        continue
    try:
        mem.seek(start)
        if needle in mem.read(end - start):
            print("FOUND"); sys.exit()
    except (OSError, OverflowError, ValueError):
        continue
print("NOT FOUND")
"""


def _cores_allowed() -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _cores(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("core*") if p.is_file()]


def _children(pid: int) -> list[int]:
    """Every descendant (helpers are started by the engine's threads, so read each PPid)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            ppid = int(status.split("PPid:")[1].split()[0])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _renderer(pid: int) -> int | None:
    """The page's renderer: forked by the engine's (sandbox-type) zygote, so it keeps the
    zygote's command line; the other zygote (``--no-zygote-sandbox``) forks utility processes."""
    descendants = _children(pid)
    for zygote in descendants:
        try:
            cmdline = Path(f"/proc/{zygote}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=zygote" in cmdline and b"--no-zygote-sandbox" not in cmdline:
            kids = _children(zygote)
            if kids:
                return kids[0]
    return None


def test_no_core_dump_of_the_renderer_and_the_start_log_tells_who_can_read_its_memory(http_server, tmp_path):
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    # the machine does write core files for a program that may: a copy of sleep, same limits
    control_dir = tmp_path / "control"
    control_dir.mkdir()
    if not pattern.startswith(("|", "/")):
        sleeper = subprocess.Popen([*NO_CAPS, shutil.which("sleep") or "/bin/sleep", "60"], cwd=control_dir,
                                   preexec_fn=_cores_allowed)
        time.sleep(0.3)
        sleeper.send_signal(signal.SIGSEGV)
        sleeper.wait()
        end = time.monotonic() + 10
        while not _cores(control_dir) and time.monotonic() < end:
            time.sleep(0.1)
        assert _cores(control_dir), f"this machine wrote no core file (core_pattern {pattern!r})"

    http_server.route("/exam", f"<!doctype html><title>exam</title><p>{SECRET}</p>"
                               "<script>setInterval(() => fetch('/go'), 300);</script>")
    http_server.route("/go", "wait", content_type="text/plain")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "allowVirtualMachine": True}))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    exam = start_exam([*NO_CAPS, *launcher_command(), "open", str(path)],
                      running=lambda: bool(http_server.requests_to("/go")), cwd=run_dir, env={**os.environ, **user_env(tmp_path)}, preexec_fn=_cores_allowed)
    proc, lines = exam.proc, exam.lines
    helpers: list[int] = []
    try:
        renderer = None
        end = time.monotonic() + 20
        while renderer is None and time.monotonic() < end:
            renderer = _renderer(proc.pid)
            time.sleep(0.2)
        assert renderer is not None, "no renderer process"
        end = time.monotonic() + 10
        while not any("memory" in line for line in lines) and time.monotonic() < end:
            time.sleep(0.2)
        said_readable = any("The exam's memory is readable by other programs" in line for line in lines)
        # a student's program: same user, no capabilities
        student = subprocess.run([*NO_CAPS, sys.executable, "-I", "-c", READER, str(renderer), SECRET],
                                 capture_output=True, text=True, timeout=120)
        read = student.stdout.strip()
        assert read in ("FOUND", "NOT FOUND") or read.startswith("DENIED"), student
        assert (read == "FOUND") == said_readable, (read, [line for line in lines if "memory" in line])

        os.kill(renderer, signal.SIGSEGV)
        end = time.monotonic() + 10
        while os.path.exists(f"/proc/{renderer}") and time.monotonic() < end:
            time.sleep(0.1)
        time.sleep(1.0)  # a core file would be written by now
        assert _cores(run_dir) == [] and _cores(tmp_path / "home") == []
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        assert any(line.startswith("Max core file size") and line.split()[4:6] == ["0", "0"]
                   for line in limits.splitlines()), limits
        # and the launcher itself, which holds the page's network data
        helpers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGSEGV)
        assert proc.wait(timeout=30) == -signal.SIGSEGV
        time.sleep(1.0)
        assert _cores(run_dir) == [] and _cores(tmp_path / "home") == []
    finally:
        exam.stop()
        for pid in helpers:  # helpers of a crashed launcher: ours to end
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
