"""A real exam session on Windows and macOS makes the OS's own lockdown requests while it runs
and takes them back when it ends: the system keys (``launcher.platform.system_keys``) and
keeping the computer awake (``launcher.platform.keep_awake``). This runs on Linux: the Windows
DLLs, the Objective-C runtime and IOKit are recording doubles; the session, its window and page
are real."""

from __future__ import annotations

from typing import Any

from conftest import flush_deletions, session_start_and_wait
from kiosk_support import KEYS

from launcher.config.settings import Settings
from launcher.platform import lockdown_macos as mac
from launcher.exam.session import ExamSession


class User32:
    """The calls the session makes to user32 on Windows, as plain functions."""

    def __init__(self) -> None:
        calls: list[str] = []
        self.calls = calls

        class Functions:
            @staticmethod
            def SetWindowsHookExW(kind, proc, module, thread):  # noqa: N802 - the Win32 names
                calls.append(f"hook {kind}")
                return 0x77

            @staticmethod
            def UnhookWindowsHookEx(handle):  # noqa: N802
                calls.append(f"unhook {handle:#x}")
                return 1

            @staticmethod
            def CallNextHookEx(*_args):  # noqa: N802
                return 0

            @staticmethod
            def GetAsyncKeyState(_vk):  # noqa: N802
                return 0

            @staticmethod
            def SetWindowDisplayAffinity(hwnd, affinity):  # noqa: N802
                calls.append(f"affinity {affinity:#x}")
                return 1

            @staticmethod
            def GetModuleHandleW(_name):  # noqa: N802 (kernel32)
                return 0x400000

            @staticmethod
            def SetThreadExecutionState(flags):  # noqa: N802 (kernel32)
                calls.append(f"state {flags:#x}")
                return 0x80000000

        self.dll = Functions


class Objc:
    def __init__(self) -> None:
        self.sent: list[tuple[Any, ...]] = []

    def cls(self, name: str) -> int:
        return 1

    def send(self, receiver: int, selector: str, *args: int) -> int:
        self.sent.append((selector, *args))
        return 2  # the application object; a window for the capture exclusion


def _session(http_server: Any, qtbot: Any, platform: str, **doubles: Any) -> ExamSession:
    http_server.route("/exam", "<!doctype html><p>exam")
    session = ExamSession(None, Settings.from_dict({"allowVirtualMachine": True, "startURL": http_server.url("/exam")}),
                          KEYS)
    session.os_platform = platform
    session.os_loader = doubles.get("loader")
    session.os_runtime = doubles.get("runtime")
    session_start_and_wait(session, qtbot)
    return session


def _end(session: ExamSession, qtbot: Any) -> None:
    with qtbot.waitSignal(session.finished, timeout=10_000):
        session.quit("test over")
    flush_deletions()


def test_on_windows_the_keyboard_hook_holds_the_system_keys_for_the_whole_exam(http_server, qtbot):
    user32 = User32()
    session = _session(http_server, qtbot, "win32", loader=lambda dll: user32.dll)
    try:
        assert "hook 13" in user32.calls  # WH_KEYBOARD_LL
        assert session.input_guard.system_keys.held
        assert not any(c.startswith("unhook") for c in user32.calls)
        # displayAlwaysOn and systemAlwaysOn (SEB's defaults: true) keep the computer awake
        qtbot.waitUntil(lambda: "state 0x80000003" in user32.calls, timeout=5_000)
    finally:
        _end(session, qtbot)
    ended = user32.calls[user32.calls.index("state 0x80000003") + 1:]
    assert "unhook 0x77" in ended and "state 0x80000000" in ended


def test_on_macos_the_kiosk_presentation_holds_for_the_exam_and_is_given_back(http_server, qtbot):
    objc = Objc()
    session = _session(http_server, qtbot, "darwin", runtime=objc)
    try:
        assert ("setPresentationOptions:", mac.kiosk_presentation()) in objc.sent
    finally:
        _end(session, qtbot)
    assert objc.sent[-1] == ("setPresentationOptions:", 0)
