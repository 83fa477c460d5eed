"""A real ``seb-launcher`` exam, running, with its stderr read line by line as it comes.

The tests run as root on a machine shared with other engineers' tests: another test's stand-in
program ("Discord", a renamed recorder) may refuse a start for a moment. A start refused for
prohibited programs is tried again; any other outcome is the test's to judge.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any


class RunningExam:
    def __init__(self, proc: subprocess.Popen[str], lines: list[str], reader: threading.Thread) -> None:
        self.proc = proc
        self.lines = lines
        self.reader = reader

    @property
    def pid(self) -> int:
        return self.proc.pid

    def said(self, text: str, timeout: float = 0.0) -> bool:
        end = time.monotonic() + timeout
        while True:
            if any(text in line for line in self.lines):
                return True
            if time.monotonic() >= end:
                return False
            time.sleep(0.1)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        code = self.proc.wait(timeout=60)
        self.reader.join(timeout=10)
        return code


def start_exam(argv: Sequence[str], *, running: Callable[[], bool], attempts: int = 3, timeout: float = 60,
               **popen: Any) -> RunningExam:
    """Start ``argv`` until ``running()`` says the exam's page runs (or fail with its stderr)."""
    lines: list[str] = []
    for _attempt in range(attempts):
        proc = subprocess.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, text=True, **popen)
        lines = []
        reader = threading.Thread(target=lambda p=proc, out=lines: out.extend(iter(p.stderr.readline, "")),
                                  daemon=True)
        reader.start()
        end = time.monotonic() + timeout
        while not running() and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.1)
        if running() and proc.poll() is None:
            return RunningExam(proc, lines, reader)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join(timeout=10)
        if not any("[prohibitedProcesses]" in line for line in lines):
            break
        time.sleep(2.0)
    raise AssertionError(f"the exam page did not run: {lines}")
