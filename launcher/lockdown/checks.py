"""The lockdown policy: which checks the exam's settings ask for, at start and while it runs.

``start_violations`` runs every machine check the settings call for (before any exam request
leaves); prohibited processes (and permitted ones started before the exam) are found with
``prohibited_at_start`` and ended with
``end_prohibited`` (the open flow asks the student first unless ``strongKill``).
``ExamPoller`` is the watcher during the exam: one cheap ``poll()`` every 2 s.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from launcher.lockdown.debugger import DebuggerDetector
from launcher.lockdown.displays import DisplayDetector, display_violations
from launcher.lockdown.machine import Machine
from launcher.lockdown.processes import (
    Proc,
    Prohibited,
    ProhibitedList,
    descendants,
    end_processes,
    list_processes,
)
from launcher.lockdown.remote import RemoteSessionDetector
from launcher.lockdown.violations import Violation, programs_of
from launcher.lockdown.virtual import VirtualMachineDetector

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0


def _joined(check: str, key: str, evidence: list[str]) -> list[Violation]:
    return [Violation(check, key, "; ".join(evidence))] if evidence else []


def start_violations(settings: Any, machine: Machine, *, screen_count: int | None,
                     procs: list[Proc] | None = None, display_platform: str = "") -> list[Violation]:
    """Every machine check the settings ask for, except prohibited processes (see below).
    ``procs``: a listing of ``/proc`` already taken for the start (one listing serves both);
    ``display_platform``: Qt's platform the exam is shown through ('' without a GUI);
    ``screen_count`` None: the display count is left for later (``launcher.lockdown.start_checks``)."""
    if not machine.platform.startswith("linux"):
        log.warning("Only the virtual machine, display and remote-session (Windows) checks run on %s: "
                    "the debugger and process checks are Linux-only (see `seb-launcher config inspect`)",
                    machine.platform)
    found: list[Violation] = []
    if not settings.allow_virtual_machine:
        from launcher.lockdown.display_server import DisplayServerDetector

        evidence = VirtualMachineDetector(machine).evidence()
        if machine.platform.startswith("linux"):
            evidence += DisplayServerDetector(machine).evidence(display_platform)
        found += _joined("virtual-machine", "allowVirtualMachine", evidence)
    if screen_count is not None:
        found += display_violations(settings, DisplayDetector(machine).report(screen_count))
    if not settings.allow_screen_sharing:
        found += _joined("remote-session", "allowScreenSharing", RemoteSessionDetector(machine).evidence(procs))
    found += _joined("debugger", "", DebuggerDetector(machine).evidence())
    if machine.platform.startswith("linux"):
        listed = ProhibitedList.for_settings(settings).identify(machine)
        found += foreign_violations(listed.foreign(machine, procs if procs is not None else list_processes(machine)))
    return found


def foreign_violations(found: list[Prohibited]) -> list[Violation]:
    """Another user's screen recorders and remote-desktop tools: the exam cannot end them."""
    if not found:
        return []
    import pwd

    def user(uid: int) -> str:
        try:
            return pwd.getpwuid(uid).pw_name
        except (KeyError, OverflowError):
            return f"uid {uid}"

    shown = ", ".join(f"{h.describe()} (user {user(h.proc.uid)})" for h in found)
    return [Violation("prohibited-process", "prohibitedProcesses",
                      "programs of another user that record or share this screen are running and the exam "
                      f"cannot end them: {shown}", programs_of(found))]


def prohibited_at_start(settings: Any, machine: Machine, procs: list[Proc] | None = None) -> list[Prohibited]:
    """What must be ended before the exam starts: prohibited programs, and instances of
    permitted programs started before the exam (unless ``runInBackground``)."""
    if procs is None:
        procs = list(list_processes(machine))
    found = ProhibitedList.for_settings(settings).identify(machine).running(machine, procs)
    entries = getattr(settings, "permitted_processes", ()) or ()
    if entries:
        from launcher.lockdown.permitted import running_before

        found += running_before(entries, procs, uid=machine.own_uid, own_pid=machine.own_pid)
    return found


def end_prohibited(found: Iterable[Prohibited], *, grace: float = 2.0) -> list[Violation]:
    """End the given processes; one violation naming those that could not be ended."""
    found = list(found)
    for hit in found:
        log.warning("Ending prohibited process %s (matches '%s')", hit.describe(), hit.name)
    failed = set(end_processes([h.proc.pid for h in found], grace=grace))
    stuck = [h for h in found if h.proc.pid in failed]
    if stuck:
        return [Violation("prohibited-process", "prohibitedProcesses",
                          "these programs must not run during the exam and could not be ended: "
                          + ", ".join(h.describe() for h in stuck), programs_of(stuck))]
    return []


class ExamPoller:
    """The watcher during the exam. ``poll(screen_count)`` returns only *new* violations (each
    one once until it clears), so the caller can lock on whatever it returns.

    A prohibited process that appears is ended whatever its ``strongKill`` (as SEB for
    Windows); one that cannot be ended is a violation. Each poll reads ``/proc`` and ``/sys``
    only (no commands), so it can run every 2 s; it may block for up to 4 s while ending a
    process, so run it off the GUI thread.
    """

    def __init__(self, settings: Any, machine: Machine, *, grace: float = 2.0) -> None:
        self.settings = settings
        self.m = machine
        self.grace = grace
        self.prohibited = ProhibitedList.for_settings(settings).identify(machine)
        self.displays = DisplayDetector(machine)
        self.remote = RemoteSessionDetector(machine)
        self.debugger = DebuggerDetector(machine)
        self._active: set[Violation] = set()
        self._told_exposure = False

    def current(self, screen_count: int) -> list[Violation]:
        found = display_violations(self.settings, self.displays.report(screen_count))
        procs = list(list_processes(self.m))
        if not self.settings.allow_screen_sharing:
            found += _joined("remote-session", "allowScreenSharing", self.remote.process_evidence(procs))
        helpers = descendants(procs, self.m.own_pid)
        if helpers and not self._told_exposure:
            self._told_exposure = True
            _tell_exposure(self.m, [p.pid for p in helpers])
        traced = self.debugger.tracer_evidence() + self.debugger.mapping_evidence()
        traced += [f"the exam's helper process {p.label()} is being traced by pid {p.tracer}"
                   for p in helpers if p.tracer]
        found += _joined("debugger", "", traced)
        uid = self.m.own_uid
        hits = [h for h in (self.prohibited.match(p) for p in procs if p.uid == uid) if h is not None]
        if hits:
            found += end_prohibited(hits, grace=self.grace)
        if self.m.platform.startswith("linux"):
            found += foreign_violations(self.prohibited.foreign(self.m, procs))
        return found

    def poll(self, screen_count: int) -> list[Violation]:
        now = set(self.current(screen_count))
        new = [v for v in now if v not in self._active]
        self._active = now
        for violation in new:
            log.warning("Lockdown: %s (%s)", violation.evidence, violation.key or violation.check)
        return new


def _tell_exposure(machine: Machine, helper_pids: list[int]) -> None:
    """The start log says what the launcher cannot prevent: an installation this user can
    change, and memory of the exam that other programs of this user can read."""
    from launcher.lockdown import exposure

    install = exposure.install_statement()
    (log.warning if install.startswith("can ") else log.info)("The launcher's installation %s", install)
    memory = exposure.memory_exposure(machine, helper_pids)
    if memory:
        log.warning("The exam's memory is readable by other programs: %s", memory)
    else:
        log.info("Other programs of this user cannot read the exam's memory")
