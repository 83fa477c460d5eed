"""The machine checks at an exam's start, in two parts: what needs no window system, and the rest.

One job (Qt-free, any thread): run every start check the settings ask for and say what refuses
the exam and which prohibited programs must end first. :func:`gather` does all of it except
counting Qt's screens — the process listing, virtual machine, display server, remote sessions,
debuggers, prohibited programs — so it can run before Qt has even loaded
(``launcher.opening.head_start``); :func:`finish` adds the display count once Qt knows its
screens. :func:`machine_findings` does both at once (a worker thread at the start, the GUI
thread for an exam that replaces a running one). Programs under ``strongKill`` are ended only
by :func:`machine_findings`, never by :func:`gather`: nothing is ended for an exam that is
refused. A check that breaks refuses (fail closed).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from launcher.lockdown.violations import Violation

log = logging.getLogger(__name__)

#: The order violations are listed in (the order the checks run in).
_ORDER = ("virtual-machine", "displays", "remote-session", "debugger", "prohibited-process", "lockdown")


@dataclass
class StartFindings:
    """What :func:`gather` found: violations (display count not yet checked), the prohibited
    programs running, and the display platform the display-server check assumed."""

    violations: list[Violation] = field(default_factory=list)
    found: list[Any] = field(default_factory=list)  # launcher.lockdown.processes.Prohibited
    platform: str = ""

    @property
    def strong(self) -> list[Any]:
        return [h for h in self.found if h.strong_kill]


def expected_platform(env: Mapping[str, str]) -> str:
    """The Qt platform plugin Qt will pick for this environment (``xcb``, ``wayland`` …):
    ``QT_QPA_PLATFORM``'s first choice, else Wayland in a Wayland session, else X11. Only a
    guess made before Qt runs: :func:`finish` is told what Qt really opened."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if chosen:
        return chosen
    if env.get("XDG_SESSION_TYPE") == "wayland" and (env.get("WAYLAND_DISPLAY") or env.get("WAYLAND_SOCKET")):
        return "wayland"
    return "xcb"


def _failed(exc: BaseException) -> Violation:
    log.error("A lockdown check failed", exc_info=exc)
    return Violation("lockdown", "", f"the security checks could not run ({type(exc).__name__}: {exc})")


def gather(settings: Any, machine: Any, platform_name: str) -> StartFindings:
    """Every start check but the display count, on the display platform ``platform_name``."""
    from launcher.lockdown import checks
    from launcher.lockdown.processes import list_processes

    try:
        procs = list(list_processes(machine))  # one listing of /proc for every start check
        violations = checks.start_violations(settings, machine, screen_count=None, procs=procs,
                                             display_platform=platform_name)
        if violations:
            return StartFindings(violations, [], platform_name)
        if getattr(settings, "permitted_processes", ()):
            from launcher.lockdown.permitted import resolve

            resolve(settings.permitted_processes)  # logs which entries can run here
        return StartFindings([], checks.prohibited_at_start(settings, machine, procs), platform_name)
    except Exception as exc:  # a check that breaks must not let the exam through: fail closed
        return StartFindings([_failed(exc)], [], platform_name)


def finish(findings: StartFindings, settings: Any, machine: Any, screens: int) -> tuple[list[Violation], list[Any]]:
    """(violations, prohibited programs to ask about) once Qt counted ``screens``; programs
    under ``strongKill`` are in the second list too (the caller ends them: :func:`machine_findings`)."""
    from launcher.lockdown.displays import DisplayDetector, display_violations

    try:
        shown = display_violations(settings, DisplayDetector(machine).report(screens))
    except Exception as exc:
        shown = [_failed(exc)]
    violations = sorted([*findings.violations, *shown], key=lambda v: _ORDER.index(v.check) if v.check in _ORDER else 99)
    if violations:
        return violations, []
    return [], list(findings.found)


def machine_findings(settings: Any, machine: Any, screens: int,
                     platform_name: str = "") -> tuple[list[Violation], list[Any]]:
    """(violations that refuse the exam, prohibited programs to ask about). Programs under
    ``strongKill`` are ended here; those that could not be ended refuse."""
    from launcher.lockdown import checks

    violations, found = finish(gather(settings, machine, platform_name), settings, machine, screens)
    if violations:
        return violations, []
    strong = [h for h in found if h.strong_kill]
    try:
        stuck = checks.end_prohibited(strong) if strong else []
    except Exception as exc:
        return [_failed(exc)], []
    if stuck:
        return stuck, []
    return [], [h for h in found if not h.strong_kill]
