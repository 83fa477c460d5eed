"""Is the launcher being traced, or has foreign code been injected into it? (spec lockdown.md §11)

A tracer (``TracerPid`` in ``/proc/self/status`` — a debugger or ``strace``), ``LD_PRELOAD`` in
our environment, or a library in ``/etc/ld.so.preload``.
"""

from __future__ import annotations

import logging

from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)


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
        found = []
        preload = self.m.env.get("LD_PRELOAD", "").strip()
        if preload:
            found.append(f"LD_PRELOAD loads {preload} into the launcher")
        text = self.m.read(self.m.etc_root / "ld.so.preload") or ""
        libs = [w for line in text.splitlines() for w in line.split("#", 1)[0].split()]
        if libs:
            found.append(f"/etc/ld.so.preload loads {', '.join(libs)} into every program")
        return found

    def evidence(self) -> list[str]:
        return self.tracer_evidence() + self.preload_evidence()
