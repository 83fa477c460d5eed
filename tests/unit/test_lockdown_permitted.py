"""``permittedProcesses`` entries that resolve to a Linux program (spec lockdown.md §9)."""

from __future__ import annotations

import shutil

from launcher.lockdown.permitted import resolve


def test_linux_programs_resolve_windows_ones_are_skipped(tmp_path, caplog):
    tool = tmp_path / "calc"
    shutil.copy("/bin/true", tool)
    entries = [
        {"active": True, "title": "Calculator", "executable": "calc.exe", "autostart": True,
         "iconInTaskbar": True, "arguments": [{"active": True, "argument": "--mode"},
                                              {"active": False, "argument": "--off"},
                                              {"active": True, "argument": "a b"}]},
        {"active": True, "title": "Notepad", "executable": "notepad.exe", "path": "C:\\Windows\\"},
        {"active": True, "title": "Absolute", "executable": "calc", "path": str(tmp_path)},
        {"active": False, "title": "Off", "executable": "calc"},
    ]
    with caplog.at_level("INFO"):
        found = resolve(entries, search_path=str(tmp_path))
    assert [(p.title, p.program, p.arguments, p.autostart) for p in found] == [
        ("Calculator", str(tool), ("--mode", "a b"), True),
        ("Absolute", str(tool), (), False),
    ]
    assert "Permitted program 'Notepad' is not a program on this computer; skipped" in caplog.text


def test_permitted_programs_started_before_the_exam_must_be_ended_unless_they_run_in_background():
    from launcher.lockdown.permitted import STARTED_BEFORE, running_before
    from launcher.lockdown.processes import Proc

    uid, own = 1000, 50
    procs = [
        Proc(100, uid, "notes", "notes", ("notes",)),
        Proc(101, uid, "gcalctool", "gcalctool", ("gcalctool",)),  # found by originalName
        Proc(102, uid, "music", "music", ("music",)),  # runInBackground
        Proc(103, 0, "notes", "notes", ("notes",)),  # another user's
        Proc(104, uid, "notes", "notes", ("notes",), ppid=own),  # started by this launcher
        Proc(105, uid, "off", "off", ("off",)),  # inactive entry
        Proc(106, uid, "notesplus", "notesplus", ("notesplus",)),  # another program
    ]
    entries = [
        {"active": True, "executable": "Notes.exe", "strongKill": True},
        {"active": True, "executable": "calc", "originalName": "gcalctool"},
        {"active": True, "executable": "music", "runInBackground": True},
        {"active": False, "executable": "off"},
    ]
    found = running_before(entries, procs, uid=uid, own_pid=own)
    assert [(h.proc.pid, h.name, h.kind, h.strong_kill) for h in found] == [
        (100, "Notes", STARTED_BEFORE, True),
        (101, "gcalctool", STARTED_BEFORE, False),
    ]
