"""What a lockdown check reports: one value type shared by the start checks, the watchers
during the exam and the lock screen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from launcher.config.errors import ConfigError


@dataclass(frozen=True)
class Violation:
    """Something the exam's settings forbid, found on this machine.

    ``check`` names the check (``virtual-machine``, ``displays``, ``remote-session``,
    ``debugger``, ``prohibited-process``, ``stopped-process``, ``session-inactive``,
    ``focus-lost``, ``server``, ``lockdown`` when the checks themselves could not run); ``key``
    the SEB setting that forbids it (``""`` when no single key does); ``evidence`` says in plain
    English what was seen, for the log, the technical details and the admin (never a secret):
    the UI gives the student a translated sentence per ``check`` instead. ``programs`` lists
    the programs of a ``prohibited-process`` finding as (name, kind) pairs (``kind`` as in
    ``launcher.lockdown.processes.BUILTIN``, or ``prohibited by the exam``), without pids, so
    the UI can name them to the student with a translated kind.
    """

    check: str
    key: str
    evidence: str
    programs: tuple[tuple[str, str], ...] = ()


def programs_of(found: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """The (name, kind) pairs of prohibited-process hits, each program once, in order."""
    seen: dict[tuple[str, str], None] = {}
    for hit in found:
        seen.setdefault((hit.name, hit.kind), None)
    return tuple(seen)


def describe(violations: list[Violation]) -> str:
    """One line for the log and the command line: every violation with its key."""
    return "; ".join(
        f"{v.evidence} [{v.key}]" if v.key else v.evidence for v in violations
    )



class LockdownRefused(ConfigError):
    """The machine does not meet the exam's lockdown settings: the exam must not start
    (exit code 4). ``violations`` says what was found; ``detail`` is the admin's log line."""

    default_message = "This computer does not meet the exam's security settings."

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(detail=describe(violations))
        self.violations = list(violations)
