"""What a lockdown check reports: one value type shared by the start checks, the watchers
during the exam and the lock screen."""

from __future__ import annotations

from dataclasses import dataclass


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
