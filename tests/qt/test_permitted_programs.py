"""Permitted programs in a running exam: ``autostart`` starts them, a taskbar button starts one,
a Windows-only entry is skipped with a log line, and all end when the exam ends."""

from __future__ import annotations

import shutil

from open_helpers import make_opener  # noqa: F401
from PySide6.QtCore import QProcess, Qt
from support.servers import http_server, make_server  # noqa: F401

from launcher.browser import jsapi
from launcher.config import plist

jsapi.register_scheme()


def test_autostart_and_taskbar_programs_run_and_end_with_the_exam(qtbot, make_opener, http_server, tmp_path, caplog):
    tool = tmp_path / "bin" / "examtool"
    tool.parent.mkdir()
    shutil.copy("/bin/sleep", tool)
    http_server.route("/exam", "<!doctype html><p>exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "allowVirtualMachine": True, "startURL": http_server.url("/exam"),
        "permittedProcesses": [
            {"active": True, "title": "Timer", "executable": "examtool", "path": str(tool.parent),
             "autostart": True, "iconInTaskbar": False, "arguments": [{"active": True, "argument": "300"}]},
            {"active": True, "title": "Tool", "executable": "examtool.exe", "path": str(tool.parent),
             "iconInTaskbar": True, "arguments": [{"active": True, "argument": "301"}]},
            {"active": True, "title": "Paint", "executable": "mspaint.exe", "path": "C:\\Windows\\"},
        ],
    }))
    opener = make_opener()
    with caplog.at_level("INFO"), qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(str(path))
    permitted = opener.session.permitted
    assert "Permitted program 'Paint' is not a program on this computer; skipped" in caplog.text
    assert list(permitted.buttons) == ["Tool"]
    qtbot.waitUntil(lambda: len(permitted.processes) == 1 and permitted.processes[0].processId() > 0, timeout=10_000)
    timer = permitted.processes[0]
    # the program runs with its arguments (through setpriv, which execs into it: same pid)
    qtbot.waitUntil(lambda: _command_line(timer.processId()) == [str(tool), "300"], timeout=10_000)
    qtbot.mouseClick(permitted.buttons["Tool"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(permitted.processes) == 2 and permitted.processes[1].processId() > 0, timeout=10_000)
    tool_proc = permitted.processes[1]
    qtbot.waitUntil(lambda: _command_line(tool_proc.processId()) == [str(tool), "301"], timeout=10_000)
    with qtbot.waitSignal(opener.finished, timeout=20_000):
        opener.session.quit("test over")
    assert timer.state() == QProcess.ProcessState.NotRunning
    assert tool_proc.state() == QProcess.ProcessState.NotRunning


def _command_line(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return [part.decode() for part in cmdline.read().split(b"\0") if part]
    except OSError:
        return []


def test_a_replaced_exam_ends_its_programs(qtbot, make_opener, http_server, tmp_path):
    tool = tmp_path / "bin" / "examtool"
    tool.parent.mkdir()
    shutil.copy("/bin/sleep", tool)
    http_server.route("/exam", "<!doctype html><p>exam")
    http_server.route("/next", "<!doctype html><p>next exam")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "allowVirtualMachine": True, "startURL": http_server.url("/exam"),
        "permittedProcesses": [
            {"active": True, "title": "Timer", "executable": "examtool", "path": str(tool.parent),
             "autostart": True, "iconInTaskbar": False, "arguments": [{"active": True, "argument": "300"}]},
        ],
    }))
    opener = make_opener()
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(str(path))
    permitted = opener.session.permitted
    qtbot.waitUntil(lambda: len(permitted.processes) == 1 and permitted.processes[0].processId() > 0, timeout=10_000)
    timer = permitted.processes[0]
    data = plist.dumps({"startURL": http_server.url("/next"), "allowVirtualMachine": True})
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.request_reconfigure(http_server.url("/next.seb"), data)
    assert timer.state() == QProcess.ProcessState.NotRunning
