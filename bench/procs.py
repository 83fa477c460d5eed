"""Start a measured program, sample the RSS of its whole process tree, and stop it.

QtWebEngine runs Chromium helper processes (zygote, renderer, GPU/utility); their memory counts.
The tree is found by walking parent ids in ``/proc``; RSS comes from ``/proc/PID/statm``.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

log = logging.getLogger(__name__)

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _parents() -> dict[int, int]:
    """pid -> parent pid for every process we can see."""
    result: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        rest = stat[stat.rfind(b")") + 2 :].split()
        if len(rest) > 1:
            result[int(name)] = int(rest[1])
    return result


def tree(root: int) -> list[int]:
    """``root`` and all of its descendants."""
    children: dict[int, list[int]] = {}
    for pid, ppid in _parents().items():
        children.setdefault(ppid, []).append(pid)
    found: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def rss_bytes(pids: Sequence[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time of these processes and of their waited-for children."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        rest = stat[stat.rfind(b")") + 2 :].split()
        try:  # fields 14-17 of stat: utime stime cutime cstime (rest starts at field 3)
            ticks += sum(int(x) for x in rest[11:15])
        except (ValueError, IndexError):
            continue
    return ticks / TICK


def pss_bytes(pids: Sequence[int]) -> int:
    """Proportional set size (shared pages split between their users): the honest sum."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return total


class Measured:
    """A program started in its own session, with a thread sampling its tree's RSS."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], *, interval: float = 0.05,
                 log_path: str | None = None) -> None:
        self.peak_rss = 0
        self.samples = 0
        self._interval = interval
        self._stop = threading.Event()
        self._out = open(log_path, "ab") if log_path else subprocess.DEVNULL
        self.started = time.perf_counter()
        self.started_epoch = time.time()
        self.proc = subprocess.Popen(
            list(argv), env=env, stdin=subprocess.DEVNULL, stdout=self._out,
            stderr=self._out, start_new_session=True,
        )
        self._known: set[int] = {self.proc.pid}
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            pids = tree(self.proc.pid) if self.proc.poll() is None else []
            self._known.update(pids)
            self.peak_rss = max(self.peak_rss, rss_bytes(pids))
            self.samples += 1
            self._stop.wait(self._interval)

    def cpu_now(self) -> float:
        return cpu_seconds(tree(self.proc.pid)) if self.proc.poll() is None else 0.0

    def pss_now(self) -> int:
        return pss_bytes(tree(self.proc.pid)) if self.proc.poll() is None else 0

    def exited(self) -> bool:
        return self.proc.poll() is not None

    def _ours(self) -> set[int]:
        """Known pids still alive in the session we started (never a reused, foreign pid)."""
        mine: set[int] = set()
        for pid in self._known | set(tree(self.proc.pid)):
            try:
                if os.getsid(pid) == self.proc.pid:
                    mine.add(pid)
            except OSError:
                continue
        return mine

    def stop(self, grace: float = 5.0) -> int | None:
        """Stop sampling, then SIGTERM our session's processes; SIGKILL those still there later."""
        self._stop.set()
        self._sampler.join()
        for pid in self._ours():
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        try:
            code: int | None = self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            code = None
        for pid in self._ours():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if code is None:
            code = self.proc.wait(grace)
        if self._out is not subprocess.DEVNULL:
            self._out.close()
        return code
