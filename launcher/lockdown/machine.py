"""The machine the lockdown checks look at: file-system roots, environment and a command runner,
all injectable so a test can hand the detectors a fake machine."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: ``runner(argv, timeout)`` -> (exit code, stdout text), or None when the program is missing
#: or did not answer in time.
Runner = Callable[[Sequence[str], float], "tuple[int, str] | None"]


def run_command(argv: Sequence[str], timeout: float = 2.0) -> tuple[int, str] | None:
    """Run a small system tool (``systemd-detect-virt``, ``loginctl``) with a time limit."""
    try:
        proc = subprocess.run(
            list(argv), capture_output=True, timeout=timeout, check=False,
            stdin=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("%s did not run: %s", argv[0], exc)
        return None
    return proc.returncode, proc.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class Machine:
    """Where the detectors read from. ``local()`` is this computer; tests build their own."""

    proc_root: Path = Path("/proc")
    sys_root: Path = Path("/sys")
    etc_root: Path = Path("/etc")
    env: Mapping[str, str] = field(default_factory=dict)
    runner: Runner = run_command
    uid: int = -1  # whose processes count as the student's (-1: this process' real uid)
    pid: int = -1  # the launcher's own pid (-1: this process)
    platform: str = sys.platform  # "linux", "win32", "darwin"
    dll_loader: Callable[[str], Any] | None = None  # Windows: name -> DLL (None: lockdown_windows.load)

    @classmethod
    def local(cls) -> Machine:
        return cls(env=dict(os.environ))

    @property
    def own_uid(self) -> int:
        if self.uid >= 0:
            return self.uid
        return os.getuid() if hasattr(os, "getuid") else 0

    @property
    def own_pid(self) -> int:
        return self.pid if self.pid >= 0 else os.getpid()

    def read(self, path: str | os.PathLike[str], limit: int = 65536) -> str | None:
        """A small text file's contents, or None when it is missing or unreadable."""
        try:
            with open(path, "rb") as fh:
                return fh.read(limit).decode("utf-8", "replace")
        except OSError:
            return None
