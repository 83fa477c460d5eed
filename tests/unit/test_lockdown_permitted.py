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
