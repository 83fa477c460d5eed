"""Lockdown and session integrity, Qt-free: what the machine looks like and what the exam's
settings forbid (virtual machine, displays, remote sessions, debuggers, prohibited processes).

Detectors read the machine through injectable roots and a command runner, so tests can hand
them a fake machine; the Qt layer only schedules them and shows their findings.
"""
