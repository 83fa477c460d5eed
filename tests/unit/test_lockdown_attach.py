"""``forbid_attaching``: once the launcher has called it, another program of the same user (no
``CAP_SYS_PTRACE``) can neither read its environment or memory nor attach ``strace`` to it;
before, it can. Real processes: a target that calls it, and readers, all without capabilities
(as root, ``setpriv`` drops them all: a student's programs, the launcher among them, have none)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

TARGET = """
import sys, time
if sys.argv[1] == "forbid":
    from launcher.lockdown.debugger import forbid_attaching
    print("forbidden" if forbid_attaching() else "FAILED", flush=True)
else:
    print("open", flush=True)
time.sleep(60)
"""


def _no_caps() -> list[str]:
    """The prefix that runs a command with the rights of an ordinary program of this user."""
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"] if os.geteuid() == 0 else []


def _as_student(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_no_caps(), *argv], capture_output=True, text=True, timeout=30)


@pytest.fixture
def target():
    procs: list[subprocess.Popen[str]] = []

    def start(mode: str) -> int:
        proc = subprocess.Popen([*_no_caps(), sys.executable, "-c", TARGET, mode], stdout=subprocess.PIPE,
                                text=True)
        procs.append(proc)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() in ("forbidden", "open")
        return proc.pid

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def test_without_it_another_program_reads_the_environment_and_attaches(target):
    pid = target("open")
    assert _as_student("cat", f"/proc/{pid}/environ").returncode == 0
    traced = _as_student("timeout", "-s", "INT", "1", "strace", "-e", "trace=none", "-p", str(pid))
    assert "Operation not permitted" not in traced.stderr, traced.stderr


def test_with_it_another_program_can_neither_read_nor_attach(target):
    pid = target("forbid")
    read = _as_student("cat", f"/proc/{pid}/environ")
    assert read.returncode != 0 and "Permission denied" in read.stderr, read
    memory = _as_student("dd", f"if=/proc/{pid}/mem", "bs=1", "count=1", "skip=4096")
    assert memory.returncode != 0, memory
    traced = _as_student("timeout", "-s", "INT", "5", "strace", "-e", "trace=none", "-p", str(pid))
    assert "Operation not permitted" in traced.stderr, traced.stderr
    # the process itself still reads its own /proc (the lockdown checks need it)
    assert os.path.exists(f"/proc/{pid}/status")
