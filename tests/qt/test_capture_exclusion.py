"""The exam's windows — the main one and those the exam opens — are handed to the OS's capture
exclusion on Windows (``SetWindowDisplayAffinity``) unless ``allowScreenSharing``; on Linux
nothing is asked. The Windows DLL is a recording double here (this runs on Linux); the windows,
the page and the new window are real."""

from __future__ import annotations

from typing import Any

from conftest import flush_deletions, session_start_and_wait
from kiosk_support import KEYS

from launcher.config.settings import Settings
from launcher.exam.session import ExamSession


class User32:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def SetWindowDisplayAffinity(self, hwnd: int, affinity: int) -> int:  # noqa: N802 - the Win32 name
        self.calls.append((hwnd, affinity))
        return 1


def _run(raw: dict[str, Any], qtbot: Any, platform: str) -> tuple[ExamSession, User32]:
    user32 = User32()
    session = ExamSession(None, Settings.from_dict({"allowVirtualMachine": True, **raw}), KEYS)
    session.os_platform = platform
    session.os_loader = lambda dll: user32
    session_start_and_wait(session, qtbot)
    return session, user32


def _end(session: ExamSession, qtbot: Any) -> None:
    with qtbot.waitSignal(session.finished, timeout=10_000):
        session.quit("test over")
    flush_deletions()


def test_every_exam_window_is_excluded_from_capture_on_windows(http_server, qtbot):
    http_server.route("/exam", "<!doctype html><p>exam")
    http_server.route("/second", "<!doctype html><p>second")
    session, user32 = _run({"startURL": http_server.url("/exam"), "newBrowserWindowByScriptPolicy": 2},
                           qtbot, "win32")
    try:
        assert user32.calls == [(int(session.window.winId()), 0x11)]
        session.page.runJavaScript(f"window.open('{http_server.url('/second')}')")
        qtbot.waitUntil(lambda: len(session.extra_windows) == 1, timeout=10_000)
        assert user32.calls[1:] == [(int(session.extra_windows[0].winId()), 0x11)]
    finally:
        _end(session, qtbot)


def test_allow_screen_sharing_lets_captures_in_and_linux_asks_nothing(http_server, qtbot):
    http_server.route("/exam", "<!doctype html><p>exam")
    session, user32 = _run({"startURL": http_server.url("/exam"), "allowScreenSharing": True}, qtbot, "win32")
    try:
        assert user32.calls == [(int(session.window.winId()), 0)]
    finally:
        _end(session, qtbot)
    session, user32 = _run({"startURL": http_server.url("/exam")}, qtbot, "linux")
    try:
        assert user32.calls == []
    finally:
        _end(session, qtbot)
