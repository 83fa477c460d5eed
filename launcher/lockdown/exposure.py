"""What other programs on this computer can do to a running exam that the launcher cannot
prevent, said plainly (issue 17, items 4 and 6): whether the current user can change the
launcher's installation, and whether other programs of the user can read the memory of the
exam's processes (the launcher and the engine's helpers that hold the page).

The kernel lets a program read another process' memory (``/proc/PID/mem``, ``ptrace``) when
both run as the same user, the target is *dumpable* and Yama's ``ptrace_scope`` (if present)
allows it; root (``CAP_SYS_PTRACE``) can always. The launcher makes itself non-dumpable once
the exam runs; the engine's helpers are made non-dumpable by Chromium's own sandbox, which is
off when the launcher runs as root.
"""

from __future__ import annotations

import logging
import os
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)


def yama_scope(proc_root: Path = Path("/proc")) -> int | None:
    """Yama's ``ptrace_scope`` (0 classic, 1 only a parent, 2 only admins, 3 nobody), or None
    when this kernel has no Yama."""
    try:
        return int((proc_root / "sys/kernel/yama/ptrace_scope").read_text().strip())
    except (OSError, ValueError):
        return None


def _scope_text(scope: int | None) -> str:
    return "the kernel has no Yama ptrace restriction" if scope is None else f"Yama's ptrace_scope is {scope}"


def dumpable(machine: Machine, pid: int) -> bool | None:
    """Whether ``pid`` is dumpable, seen from a non-root launcher: the kernel gives a
    non-dumpable process' ``/proc/PID`` files to root. None when it cannot be told (as root)."""
    if machine.own_uid == 0:
        return None
    try:
        return os.stat(machine.proc_root / str(pid) / "mem").st_uid == machine.own_uid
    except OSError:
        return None


def memory_exposure(machine: Machine, helper_pids: Iterable[int] = ()) -> str:
    """Why other programs of this user can read the exam's memory ('' when they cannot)."""
    if not machine.platform.startswith("linux"):
        return ""
    scope = yama_scope(machine.proc_root)
    if scope is not None and scope >= 2:
        return ""
    if machine.own_uid == 0:
        return ("the launcher runs as root, so the browser engine's sandbox is off: other programs run "
                "as root can read the memory of the exam's page (" + _scope_text(scope) + ")")
    readable = [pid for pid in helper_pids if dumpable(machine, pid)]
    if not readable:
        return ""
    who = ("programs that started the launcher" if scope == 1 else "any program of this user")
    return (f"the browser engine's helper processes (pids {', '.join(map(str, readable))}) are dumpable: "
            f"{who} can read the memory of the exam's page ({_scope_text(scope)})")


def memory_statement(machine: Machine | None = None) -> str:
    """For ``config inspect`` and ``doctor``, before any exam runs: what the kernel and the
    way the launcher is run will allow."""
    machine = machine or Machine.local()
    if not machine.platform.startswith("linux"):
        return "not checked on this platform"
    scope = yama_scope(machine.proc_root)
    if scope is not None and scope >= 2:
        return f"other programs cannot read the exam's memory ({_scope_text(scope)})"
    if machine.own_uid == 0:
        return ("readable by other programs run as root: the launcher runs as root, so the browser "
                "engine's sandbox is off")
    who = "programs that start the launcher" if scope == 1 else "no program of this user"
    return (f"{who} can read the exam's memory while the engine's sandbox runs (it makes its helper "
            f"processes non-dumpable; {_scope_text(scope)}); the start log says what it found")


def install_paths() -> list[Path]:
    """The launcher's installation: its package, the interpreter, the standard library and
    the site directories it imports from (a frozen app: its folder)."""
    package = Path(__file__).resolve().parents[1]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return [Path(bundle)]
    paths = [package, Path(os.path.realpath(sys.executable)).parent, Path(sysconfig.get_paths()["stdlib"])]
    paths += [Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages")) and os.path.isdir(p)]
    seen: list[Path] = []
    for p in paths:
        if p not in seen:
            seen.append(p)
    return seen


def changeable_by_user(paths: Iterable[Path] | None = None, *, limit: int = 20000) -> list[str]:
    """The parts of the installation this user may change (a folder one can write to, or a
    file of the launcher's package); empty for a machine-wide install owned by root."""
    found: list[str] = []
    package = Path(__file__).resolve().parents[1]
    for base in install_paths() if paths is None else paths:
        if os.access(base, os.W_OK):
            found.append(str(base))
            continue
        if base != package:
            continue
        seen = 0
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in [*dirnames, *filenames]:
                seen += 1
                path = os.path.join(dirpath, name)
                if seen <= limit and os.access(path, os.W_OK):
                    found.append(path)
                    break
            if found and found[-1].startswith(str(base)):
                break
    return found


def install_statement() -> str:
    """One line: can the current user change the installed launcher?"""
    parts = changeable_by_user()
    if not parts:
        return "cannot be changed by this user (installed machine-wide)"
    why = " (running as root)" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    return f"can be changed by this user{why}: {', '.join(parts[:3])}{' …' if len(parts) > 3 else ''}"


def report(machine: Machine | None = None) -> dict[str, str]:
    return {"install": install_statement(), "memory": memory_statement(machine)}
