"""Which ``permittedProcesses`` entries can run here (spec lockdown.md §9).

SEB has no ``os`` value for Linux, so an entry counts when its program resolves to an
executable on this computer: ``path`` + ``executable`` when that is a Linux path, else the
``executable`` (``.exe`` dropped) found on ``PATH``. The rest are logged and skipped.
Arguments stay a list (the ``argument`` of each ``active`` one), never a shell string.

``running_before`` finds the student's instances of permitted programs that were already running
when the exam starts: as SEB for Windows, they must be ended first (asked, or unasked with
``strongKill``) unless the entry says ``runInBackground`` — the exam starts its own instance.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from launcher.lockdown.processes import Proc, Prohibited, descendants, entry_name

#: What such an instance is (``Prohibited.kind``; the start dialog translates it).
STARTED_BEFORE = "permitted only when started by the exam"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PermittedProgram:
    title: str
    program: str  # absolute path of the executable
    arguments: tuple[str, ...]
    autostart: bool
    icon_in_taskbar: bool


def _arguments(entry: Mapping[str, Any]) -> tuple[str, ...]:
    out = []
    for arg in entry.get("arguments") or ():
        if isinstance(arg, Mapping) and arg.get("active") is True and isinstance(arg.get("argument"), str):
            out.append(arg["argument"])
        elif isinstance(arg, str):
            out.append(arg)
    return tuple(out)


def _resolve(entry: Mapping[str, Any], search_path: str | None) -> str:
    executable = str(entry.get("executable") or "").strip()
    folder = str(entry.get("path") or "").strip()
    if not executable or "\\" in executable or "\\" in folder or ":" in folder[:3]:
        return ""  # a Windows path
    if executable.lower().endswith(".exe"):
        executable = executable[:-4]
    if folder.startswith("/") or executable.startswith("/"):
        candidate = os.path.join(folder, executable) if not executable.startswith("/") else executable
        return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else ""
    return shutil.which(executable, path=search_path) or ""


def resolve(entries: Iterable[Mapping[str, Any]], *, search_path: str | None = None) -> list[PermittedProgram]:
    """The active entries that name a program on this computer (others are logged)."""
    found = []
    for entry in entries:
        if entry.get("active") is not True:
            continue
        title = str(entry.get("title") or entry.get("executable") or "?")
        program = _resolve(entry, search_path)
        if not program:
            log.info("Permitted program '%s' is not a program on this computer; skipped", title)
            continue
        found.append(PermittedProgram(title, program, _arguments(entry), entry.get("autostart") is True,
                                      entry.get("iconInTaskbar") is True))
        log.info("Permitted program '%s': %s", title, program)
    return found


def running_before(entries: Iterable[Mapping[str, Any]], procs: Iterable[Proc], *, uid: int,
                   own_pid: int) -> list[Prohibited]:
    """The student's (``uid``) running processes of ``active`` permitted entries without
    ``runInBackground``, matched as prohibited ones are (``executable`` or ``originalName``,
    ``.exe`` dropped, case-insensitive); programs this launcher started are not counted."""
    names: dict[str, tuple[str, bool]] = {}
    for entry in entries:
        if entry.get("active") is not True or entry.get("runInBackground") is True:
            continue
        for key in ("executable", "originalName"):
            name = entry_name(entry.get(key))
            if name:
                names.setdefault(name.lower(), (name, entry.get("strongKill") is True))
    if not names:
        return []
    procs = list(procs)
    ours = {p.pid for p in descendants(procs, own_pid)}
    found = []
    for proc in procs:
        if proc.uid != uid or proc.pid in ours:
            continue
        for key in sorted(proc.names & names.keys()):
            name, strong = names[key]
            found.append(Prohibited(proc, name, STARTED_BEFORE, strong))
            break
    return found
