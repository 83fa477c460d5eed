"""Is the Python that runs the exam the one that was installed? (issue 17, item 1)

Two things let code that is not the launcher's run inside it before the exam starts:
Python's own environment (``PYTHONPATH`` with a ``sitecustomize.py``, ``PYTHONSTARTUP``, the
user's site directory, the current directory on the path) — gone when Python runs isolated
(``-I``, see ``launcher.platform.isolation``) — and ``.pth`` / ``*customize`` files in
``site-packages``, which Python runs even when isolated. A file there that no installed
distribution's ``RECORD`` lists (nor, for the system's directories, a Debian package's file
list) was put there by hand: the exam is refused, naming it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

#: Where Debian's package manager lists the files of each installed package.
DPKG_INFO = Path("/var/lib/dpkg/info")

_as_program = False
_started_clean = False


def running_as_program(*, started_clean: bool = False) -> None:
    """Called by the program's entry point (``launcher.platform.isolation``): from now on the
    interpreter itself must be isolated — or have started as clean as ``-I`` would have made it
    (``started_clean``: no ``PYTHON*`` variable, user site or option that loads code; the
    isolation module checked it and left it unrestarted). (The launcher's parts running inside
    another program — a test runner — are not the launcher's process.)"""
    global _as_program, _started_clean
    _as_program = True
    _started_clean = started_clean


def isolation_evidence(flags: object = sys.flags, frozen: bool | None = None,
                       program: bool | None = None, clean: bool | None = None) -> list[str]:
    """Empty when this Python ignores ``PYTHON*`` variables, the user site and the current
    directory (``-I``; a frozen app's interpreter is set up by its boot loader), or started
    without any of them (``clean``: ``launcher.platform.isolation.started_clean``)."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    program = _as_program if program is None else program
    clean = _started_clean if clean is None else clean
    if not program or frozen or clean or getattr(flags, "isolated", False):
        return []
    return ["Python does not run isolated (-I): PYTHON* variables, the user's site directory and "
            "the current directory could load other code into the launcher"]


def is_run_file(name: str) -> bool:
    """A file Python runs (``.pth``) or imports by itself (``sitecustomize``, ``usercustomize``)
    at every start."""
    lower = name.lower()
    if lower.endswith(".pth"):
        return True
    stem = lower.split(".", 1)[0]
    return stem.endswith("customize")


def site_dirs(path: Iterable[str] | None = None) -> list[Path]:
    """The ``site-packages`` / ``dist-packages`` directories on this interpreter's path."""
    found: list[Path] = []
    for entry in sys.path if path is None else path:
        if entry and os.path.basename(entry.rstrip("/")) in ("site-packages", "dist-packages"):
            p = Path(entry)
            if p.is_dir() and p not in found:
                found.append(p)
    return found


def recorded_names(site: Path, names: Iterable[str]) -> set[str]:
    """Of ``names`` (files directly in ``site``), those an installed distribution lists: in its
    ``RECORD`` (``.dist-info``) or ``installed-files.txt`` (``.egg-info``, as ``../NAME``). A
    plain text search per listing: ``RECORD`` files of large packages run to thousands of lines."""
    wanted = set(names)
    found: set[str] = set()
    try:
        entries = list(os.scandir(site))
    except OSError:
        return found
    for entry in entries:
        if entry.name.endswith(".dist-info"):
            listing, line_form = Path(entry.path) / "RECORD", "\n{},"
        elif entry.name.endswith(".egg-info"):
            listing, line_form = Path(entry.path) / "installed-files.txt", "\n../{}\n"
        else:
            continue
        try:
            text = "\n" + listing.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n") + "\n"
        except OSError:
            continue
        found.update(n for n in wanted - found if line_form.format(n) in text)
        if found == wanted:
            break
    return found


def dpkg_files(names: set[str], info: Path = DPKG_INFO) -> set[str]:
    """Of ``names`` (absolute paths), those a Debian package installed."""
    found: set[str] = set()
    try:
        lists = [e.path for e in os.scandir(info) if e.name.endswith(".list")]
    except OSError:
        return found
    # Python's own packages first: the files asked about are nearly always theirs
    lists.sort(key=lambda path: not os.path.basename(path).startswith(("libpython3", "python3")))
    for listing in lists:
        try:
            with open(listing, encoding="utf-8", errors="replace") as fh:
                found.update(line.rstrip("\n") for line in fh if line.rstrip("\n") in names)
        except OSError:
            continue
        if found >= names:
            break
    return found


def stray_run_files(sites: Iterable[Path] | None = None, *, dpkg_info: Path = DPKG_INFO,
                    path: Iterable[str] | None = None) -> list[Path]:
    """``.pth`` and ``*customize`` files in the site directories, and ``sitecustomize`` /
    ``usercustomize`` anywhere else on the path (the interpreter's own folders: Python imports
    them from there too), that no installed distribution (nor Debian package) lists: put there
    by hand."""
    candidates: list[Path] = []
    sites = site_dirs(path) if sites is None else list(sites)
    for site in sites:
        try:
            names = sorted(e.name for e in os.scandir(site) if is_run_file(e.name))
        except OSError:
            continue
        if not names:
            continue
        known = recorded_names(site, names)
        candidates += [site / n for n in names if n not in known]
    for entry in sys.path if path is None else path:
        folder = Path(entry or ".")
        if not entry or folder in sites or not folder.is_dir():
            continue
        for name in ("sitecustomize", "usercustomize"):
            for found in (folder / f"{name}.py", folder / name):
                if found.exists():
                    candidates.append(found)
    if candidates:
        packaged = dpkg_files({str(p) for p in candidates}, dpkg_info)
        candidates = [p for p in candidates if str(p) not in packaged]
    return candidates


def evidence() -> list[str]:
    """What the start check reports (empty: the interpreter runs what was installed)."""
    found = isolation_evidence()
    stray = stray_run_files()
    if stray:
        found.append("files that Python runs at every start were added to the launcher's "
                     "installation by hand (no installed package lists them): "
                     + ", ".join(str(p) for p in stray))
    return found
