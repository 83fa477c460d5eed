"""Which ``permittedProcesses`` entries can run here (spec lockdown.md §9).

SEB has no ``os`` value for Linux, so an entry counts when its program resolves to an
executable on this computer: ``path`` + ``executable`` when that is a Linux path, else the
``executable`` (``.exe`` dropped) found on ``PATH``. The rest are logged and skipped.
Arguments stay a list (the ``argument`` of each ``active`` one), never a shell string.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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
