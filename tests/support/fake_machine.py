"""A fake machine for the lockdown detectors: ``/proc``, ``/sys`` and ``/etc`` trees under a
temporary directory, an environment and a command runner that answers from a table."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from launcher.lockdown.machine import Machine

OWN_PID = 4242
OWN_UID = 1000


class FakeMachine:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc = root / "proc"
        self.sys = root / "sys"
        self.etc = root / "etc"
        for d in (self.proc, self.sys, self.etc):
            d.mkdir(parents=True, exist_ok=True)
        self.env: dict[str, str] = {}
        self.commands: dict[str, tuple[int, str]] = {}
        self.calls: list[list[str]] = []
        self.process(OWN_PID, "seb-launcher", uid=OWN_UID)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def process(self, pid: int, comm: str, *, uid: int = OWN_UID, exe: str = "", argv: tuple[str, ...] = (),
                tracer: int = 0, ppid: int = 1, state: str = "S (sleeping)") -> None:
        base = self.proc / str(pid)
        base.mkdir(parents=True, exist_ok=True)
        (base / "comm").write_text(comm[:15] + "\n")
        (base / "status").write_text(
            f"Name:\t{comm[:15]}\nState:\t{state}\nPPid:\t{ppid}\nTracerPid:\t{tracer}\n"
            f"Uid:\t{uid}\t{uid}\t{uid}\t{uid}\n"
        )
        (base / "cmdline").write_bytes(b"\0".join(a.encode() for a in (argv or (exe or comm,))) + b"\0")
        if exe:
            os.symlink(exe, base / "exe")

    def runner(self, argv, timeout):
        self.calls.append(list(argv))
        return self.commands.get(argv[0])

    def machine(self, env: Mapping[str, str] | None = None) -> Machine:
        return Machine(proc_root=self.proc, sys_root=self.sys, etc_root=self.etc,
                       env=dict(env if env is not None else self.env), runner=self.runner,
                       uid=OWN_UID, pid=OWN_PID)
