"""The head start in a process of its own (``seb-launcher FILE`` on Linux): forked before Qt
loads, it checks the launcher — not itself — and hands back the same results a thread would,
its log lines included; one that does not answer in time is ended and the flow takes over."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from launcher.config import plist

ROOT = Path(__file__).resolve().parents[2]

#: Run in a fresh interpreter: one thread, as the launcher is when it forks.
SCRIPT = r"""
import ctypes, json, logging, os, sys, time
path, foreign, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
records = []
class Keep(logging.Handler):
    def emit(self, record):
        records.append(record.getMessage())
logging.getLogger().addHandler(Keep())
logging.getLogger().setLevel(logging.DEBUG)
from launcher.opening.head_start import HeadStart
head = HeadStart(path).start()
if foreign:
    ctypes.CDLL(foreign)  # loaded into the launcher after the fork: only the launcher has it
begun = time.monotonic()
got = head.take(os.path.abspath(path), timeout=timeout)
took = time.monotonic() - begun
print(json.dumps({
    "forked": head.forked, "took": took,
    "got": got is not None and got.loaded is not None,
    "config_key": got.keys.config_key if got and got.keys else None,
    "violations": [v.check + ": " + v.evidence for v in got.findings.violations] if got and got.findings else None,
    "children": os.listdir(f"/proc/{os.getpid()}/task") and [p for p in os.listdir("/proc") if p.isdigit()
                 and open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1] == str(os.getpid())],
    "log": records,
}))
"""


def _run(tmp_path: Path, path: Path, *, foreign: str = "", timeout: float = 30.0) -> dict:
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(path), foreign, str(timeout)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_process_hands_back_the_flows_own_keys_and_findings(tmp_path):
    from launcher.config.container import read_config
    from launcher.config.keys import ExamKeys

    settings = {"startURL": "https://exam.example/", "allowVirtualMachine": True,
                "permittedProcesses": [{"active": True, "executable": "calculator-that-is-not-here", "os": 1}]}
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps(settings))
    seen = _run(tmp_path, path)
    assert seen["forked"] and seen["got"]
    assert seen["config_key"] == ExamKeys.for_settings(read_config(path.read_bytes()).settings).config_key
    assert seen["violations"] == []
    assert seen["children"] == []  # collected: no process left behind
    assert any("calculator-that-is-not-here" in line for line in seen["log"])  # its log lines came back


def test_it_checks_the_launcher_not_itself(tmp_path):
    libz = next((p for p in ("/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1",
                             "/lib/aarch64-linux-gnu/libz.so.1", "/usr/lib/aarch64-linux-gnu/libz.so.1")
                 if os.path.exists(p)), None)
    assert libz, "zlib is part of every Debian system"
    foreign = tmp_path / "libsneaky.so"
    shutil.copy(libz, foreign)
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": "https://exam.example/", "allowVirtualMachine": True}))
    seen = _run(tmp_path, path, foreign=str(foreign))
    assert seen["forked"]
    assert any(v.startswith("debugger") and "libsneaky.so" in v for v in seen["violations"]), seen["violations"]


def test_a_process_that_does_not_answer_is_ended_and_the_flow_takes_over(tmp_path):
    fifo = tmp_path / "exam.seb"
    os.mkfifo(fifo)  # nobody writes: the read blocks
    seen = _run(tmp_path, fifo, timeout=0.5)
    assert seen["forked"] and not seen["got"]
    assert seen["took"] < 5
    assert seen["children"] == []


DISCARD = r"""
import json, os, sys
from launcher.opening.head_start import HeadStart
head = HeadStart(sys.argv[1]).start()
head.discard()  # the flow opened something else: nothing is left behind
children = [p for p in os.listdir("/proc") if p.isdigit()
            and open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1] == str(os.getpid())]
print(json.dumps({"forked": head.forked, "children": children}))
"""


def test_a_head_start_not_needed_leaves_no_process_behind(tmp_path):
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": "https://exam.example/", "allowVirtualMachine": True}))
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", DISCARD, str(path)], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"forked": True, "children": []}


def test_links_get_no_head_start():
    from launcher.cli.run import _is_link

    assert _is_link("sebs://exam.example/exam.seb") and _is_link("https://exam.example/exam.seb")
    assert not _is_link("/home/student/exam.seb") and not _is_link("file:///home/student/exam.seb")
    assert not _is_link("exam.seb") and not _is_link("C:\\exams\\exam.seb")


FORGED = r"""
import json, os, pickle, subprocess, sys
from launcher.opening.head_start import HeadStart
path, marker = sys.argv[1], sys.argv[2]

class Evil:
    def __reduce__(self):
        return (os.system, (f"touch {marker}",))

head = HeadStart(path).start()
# a program of the student's, started before the exam: it finds the launcher's pipe in /proc and
# writes its own answer first (one that runs a command when unpickled)
writer = ("import os, sys; fd = os.open(f'/proc/{sys.argv[1]}/fd/{sys.argv[2]}', os.O_WRONLY); "
          "os.write(fd, bytes.fromhex(sys.argv[3])); os.close(fd)")
forged = (b"\\0" * 32 + pickle.dumps((path, Evil(), []))).hex()
subprocess.run([sys.executable, "-c", writer, str(os.getpid()), str(head._pipe), forged], check=True)
got = head.take(path, timeout=30)
print(json.dumps({"forked": head.forked, "got": got is not None, "ran": os.path.exists(marker)}))
"""


def test_an_answer_another_program_writes_into_the_pipe_is_neither_believed_nor_run(tmp_path):
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": "https://exam.example/", "allowVirtualMachine": True}))
    marker = tmp_path / "forged-answer-ran"
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FORGED, str(path), str(marker)], capture_output=True,
                          text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"forked": True, "got": False, "ran": False}  # the flow reads and checks itself
    assert "was not its own" in done.stderr
