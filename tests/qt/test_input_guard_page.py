"""SEB's key and mouse table in a real exam page (offscreen): input delivered to the exam window
as the platform delivers it (through its ``QWindow``). Disabled keys, buttons and Ctrl+wheel never
reach the page; enabled ones do. Each check ends with an enabled marker event the page must see,
so "not seen" means "swallowed", not "not yet arrived"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

PAGE = """<!doctype html><title>Exam</title><input id="a" autofocus>
<script>
window.seen = [];
document.addEventListener('keydown', function (e) { seen.push('key:' + e.key); });
document.addEventListener('mousedown', function (e) { seen.push('button:' + e.button); });
document.addEventListener('wheel', function (e) { seen.push('wheel:' + (e.ctrlKey ? 'ctrl' : 'plain')); });
</script>"""


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", PAGE)
    return http_server


def _seen(run: Any) -> list[str]:
    return run.js("seen.join(',')").split(",")


def _until_seen(run: Any, qtbot: Any, send: Any, marker: str, times: int = 1) -> None:
    """Send an enabled event until the page has reported ``marker`` ``times`` times (a fresh page
    drops its first input; the engine may merge wheel events that come close together)."""
    def seen() -> bool:
        send()
        qtbot.wait(100)
        return _seen(run).count(marker) >= times

    qtbot.waitUntil(seen, timeout=20_000)


def _point(run: Any) -> QPoint:
    return run.window.view.mapTo(run.window, QPoint(60, 60))


def _wheel(run: Any, modifiers: Any) -> None:
    pos = QPointF(_point(run))
    event = QWheelEvent(pos, QPointF(run.window.mapToGlobal(_point(run))), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(run.window.windowHandle(), event)


def test_disabled_keys_never_reach_the_page_and_do_not_reload_it(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "enableF5": False, "enableEsc": False})
    handle = run.window.windowHandle()
    _until_seen(run, qtbot, lambda: QTest.keyClick(handle, Qt.Key.Key_X), "key:x")
    loads = len(exam.requests_to("/exam"))
    for key in (Qt.Key.Key_F5, Qt.Key.Key_Escape, Qt.Key.Key_Print):
        QTest.keyClick(handle, key)
    QTest.keyClick(handle, Qt.Key.Key_Space, Qt.KeyboardModifier.AltModifier)
    _until_seen(run, qtbot, lambda: QTest.keyClick(handle, Qt.Key.Key_Z), "key:z")
    seen = _seen(run)
    assert not {"key:F5", "key:Escape", "key:Print", "key: "} & set(seen), seen
    assert len(exam.requests_to("/exam")) == loads  # F5 did not reload


def test_ctrl_wheel_is_swallowed_when_zoom_is_off(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "enableZoomPage": False})
    _until_seen(run, qtbot, lambda: _wheel(run, Qt.KeyboardModifier.NoModifier), "wheel:plain")
    for _ in range(3):
        _wheel(run, Qt.KeyboardModifier.ControlModifier)
    before = _seen(run).count("wheel:plain")
    _until_seen(run, qtbot, lambda: _wheel(run, Qt.KeyboardModifier.NoModifier), "wheel:plain", before + 1)
    assert "wheel:ctrl" not in _seen(run)
    assert run.window.view.zoomFactor() == 1.0


def test_middle_button_is_swallowed_by_default_and_the_right_one_is_not(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam")})
    handle = run.window.windowHandle()

    def click(button: Any) -> None:
        QTest.mouseClick(handle, button, Qt.KeyboardModifier.NoModifier, _point(run))

    _until_seen(run, qtbot, lambda: click(Qt.MouseButton.LeftButton), "button:0")
    click(Qt.MouseButton.MiddleButton)
    _until_seen(run, qtbot, lambda: click(Qt.MouseButton.RightButton), "button:2")
    assert "button:1" not in _seen(run)


def test_buttons_follow_their_settings(start_exam, exam, qtbot):
    run = start_exam({"startURL": exam.url("/exam"), "enableRightMouse": False, "enableMiddleMouse": True})
    handle = run.window.windowHandle()

    def click(button: Any) -> None:
        QTest.mouseClick(handle, button, Qt.KeyboardModifier.NoModifier, _point(run))

    _until_seen(run, qtbot, lambda: click(Qt.MouseButton.LeftButton), "button:0")
    click(Qt.MouseButton.RightButton)
    _until_seen(run, qtbot, lambda: click(Qt.MouseButton.MiddleButton), "button:1")
    assert "button:2" not in _seen(run)


def test_alt_tab_cycles_only_the_exams_own_windows_when_enabled(start_exam, exam, qtbot):
    exam.route("/second", "<!doctype html><title>Second</title><p>second</p>")
    run = start_exam({"startURL": exam.url("/exam"), "newBrowserWindowByScriptPolicy": 2})
    run.js(f"window.open('{exam.url('/second')}'); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1, timeout=10_000)
    second = run.session.extra_windows[0]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second, timeout=10_000)
    QTest.keyClick(second.windowHandle(), Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is run.window, timeout=10_000)
    QTest.keyClick(run.window.windowHandle(), Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second, timeout=10_000)
