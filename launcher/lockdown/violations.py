"""What a lockdown check reports: one value type shared by the start checks, the watchers
during the exam and the lock screen."""

from __future__ import annotations

from dataclasses import dataclass

from launcher.config.errors import ConfigError


@dataclass(frozen=True)
class Violation:
    """Something the exam's settings forbid, found on this machine.

    ``check`` names the check (``virtual-machine``, ``displays``, ``remote-session``,
    ``debugger``, ``prohibited-process``, ``stopped-process``, ``session-inactive``,
    ``focus-lost``, ``server``); ``key`` the SEB setting that forbids it (``""`` when no single
    key does); ``evidence`` says in plain English what was seen, for the student's dialog, the
    log and the admin (never a secret).
    """

    check: str
    key: str
    evidence: str


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
