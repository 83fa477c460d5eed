"""Is the launcher being traced, or has foreign code been injected into it? (spec lockdown.md §11)

A tracer (``TracerPid`` in ``/proc/self/status`` — a debugger or ``strace``), ``LD_PRELOAD`` or
``LD_AUDIT`` in our environment, a library in ``/etc/ld.so.preload``, a library mapped from
outside the system and the installation (``loader_env``), a Python that is not isolated or
runs hand-added start files (``interpreter``); and ``forbid_attaching`` keeps others from
becoming a tracer.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the start path imports this module for no_core_dumps alone)
    from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)

#: The launcher this process was forked from to run its start checks (``opening.head_start``):
#: a fork has the launcher's interpreter state, so it reports that state for the launcher.
_interpreter_of: int | None = None


def checking_for(pid: int) -> None:
    """In a process forked from the launcher (pid ``pid``) to check it: its interpreter is the
    launcher's (same flags, path and loaded files), so its interpreter evidence is the launcher's."""
    global _interpreter_of
    _interpreter_of = pid


class DebuggerDetector:
    def __init__(self, machine: Machine) -> None:
        self.m = machine

    def tracer_evidence(self, pid: int | None = None) -> list[str]:
        pid = self.m.own_pid if pid is None else pid
        status = self.m.read(self.m.proc_root / str(pid) / "status") or ""
        for line in status.splitlines():
            if line.startswith("TracerPid:"):
                tracer = line.split(":", 1)[1].strip()
                if tracer and tracer != "0":
                    name = (self.m.read(self.m.proc_root / tracer / "comm") or "").strip()
                    what = f"{name} (pid {tracer})" if name else f"pid {tracer}"
                    return [f"the launcher is being traced by {what}"]
        return []

    def preload_evidence(self) -> list[str]:
        from launcher.lockdown import loader_env

        found = loader_env.env_evidence(self.m.env)
        text = self.m.read(self.m.etc_root / "ld.so.preload") or ""
        libs = [w for line in text.splitlines() for w in line.split("#", 1)[0].split()]
        if libs:
            found.append(f"/etc/ld.so.preload loads {', '.join(libs)} into every program")
        return found

    def mapping_evidence(self) -> list[str]:
        """Code loaded into the launcher from outside the system and its installation."""
        from launcher.lockdown import loader_env

        return loader_env.mapping_evidence(self.m.proc_root, self.m.own_pid)

    def evidence(self) -> list[str]:
        from launcher.lockdown import interpreter

        found = self.tracer_evidence() + self.preload_evidence() + self.mapping_evidence()
        if self.m.proc_root == Path("/proc") and self.m.own_pid in (os.getpid(), _interpreter_of):
            found += interpreter.evidence()  # this interpreter's own state: for itself (or its fork's)
        return found


PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4


def no_core_dumps() -> bool:
    """No core dump of the launcher or of any process it starts (the engine's helpers inherit
    the limit): ``RLIMIT_CORE`` 0, soft and hard, so no helper can raise it again. A core dump
    of the exam's page would hold the questions and answers. True when it took effect."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as exc:
        log.warning("Could not switch core dumps off: %s", exc)
        return False
    return True


def forbid_attaching() -> bool:
    """Linux: make this process non-dumpable (``prctl(PR_SET_DUMPABLE, 0)``). Other programs of
    the same user can then no longer attach a debugger to the exam, read its memory
    (``/proc/PID/mem``) or environment, and no core dump is written; only a program with
    ``CAP_SYS_PTRACE`` (root) still can. The launcher's own ``/proc`` reads are unaffected, and
    the engine's helper processes are watched by ``tracer_evidence`` as before. True when it
    took effect."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            log.warning("Could not keep debuggers from attaching to the launcher (errno %d)", ctypes.get_errno())
            return False
        done: bool = libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError) as exc:
        log.warning("Could not keep debuggers from attaching to the launcher: %s", exc)
        return False
    if done:
        log.info("Other programs can no longer attach to the launcher or read its memory")
    return done
