"""The real launcher under Xvfb + openbox: the desktop's shortcuts do not leave, hide, zoom or end
the exam, typing still reaches the page, and SEB's key table is applied (keys from ``xdotool``)."""

from __future__ import annotations

from typing import Any

import pytest


# Each of these left, hid or covered the exam under openbox before the keyboard was held.
ESCAPES = ["alt+Tab", "alt+Escape", "super+d", "ctrl+alt+Right", "ctrl+alt+Left", "alt+space",
           "alt+F4", "Print", "ctrl+Escape", "super"]


@pytest.fixture(scope="module")
def exam(xsession, run_exam) -> Any:
    # another application to switch to, on screen before the exam starts
    xsession.spawn("xmessage", "-name", "other-app", "another application")
    xsession.wait_for(lambda: bool(xsession.search("other-app")), what="the other application")
    return run_exam({"enableF5": False, "enableZoomPage": False, "enableEsc": False})


def _still_in_front(x, exam) -> None:
    assert exam.alive(), exam.stderr()
    assert x.active_window() == exam.window
    assert not x.showing_desktop()
    assert x.current_desktop() == 0
    assert x.is_viewable(exam.window)


def test_desktop_shortcuts_do_not_leave_hide_or_end_the_exam(xsession, exam):
    for combo in ESCAPES:
        xsession.key(combo)
        # a marker typed after the combination: once the page has it, the combination was handled
        xsession.type("k")
        exam.wait_report(lambda r, n=ESCAPES.index(combo): r.count("k") >= n + 1 and r.startswith("value:"),
                         f"typing after {combo}")
        _still_in_front(xsession, exam)
    # ... and typing still reaches the page's text field
    xsession.type(" hello")
    exam.wait_report(lambda r: r.startswith("value:") and r.endswith(" hello"), "the typed answer")


def test_ctrl_wheel_neither_zooms_nor_reaches_the_page_when_zoom_is_off(xsession, exam):
    x, y, w, h = xsession.geometry(exam.window)
    xsession.xdotool("mousemove", str(x + w // 2), str(y + h // 3))
    xsession.xdotool("click", "5")  # a plain wheel turn reaches the page
    exam.wait_report(lambda r: r == "wheel:", "a plain wheel event")
    xsession.xdotool("keydown", "ctrl")
    xsession.xdotool("click", "4")
    xsession.xdotool("click", "4")
    xsession.xdotool("keyup", "ctrl")
    xsession.type("z")
    exam.wait_report(lambda r: r == "key:z", "the marker key after Ctrl+wheel")
    assert "wheel:ctrl" not in exam.reports()
    assert not [r for r in exam.reports() if r.startswith("zoom:") and r != "zoom:1"]
    _still_in_front(xsession, exam)


def test_disabled_keys_do_not_reach_the_page_or_reload_it(xsession, exam):
    loads = exam.reports().count("load")
    xsession.key("F5")
    xsession.key("Escape")
    xsession.key("F6")  # enabled: the page gets it
    exam.wait_report(lambda r: r == "key:F6", "the enabled F6 key")
    reports = exam.reports()
    assert "key:F5" not in reports and "key:Escape" not in reports
    assert reports.count("load") == loads
    _still_in_front(xsession, exam)


def test_middle_click_is_blocked_and_right_click_reaches_the_page(xsession, exam):
    x, y, w, h = xsession.geometry(exam.window)
    xsession.xdotool("mousemove", str(x + w // 2), str(y + h // 2))
    xsession.xdotool("click", "2")  # enableMiddleMouse is false by default
    xsession.xdotool("click", "3")  # enableRightMouse is true by default
    xsession.xdotool("click", "1")
    exam.wait_report(lambda r: r == "button:0", "the left click")
    exam.wait_report(lambda r: r == "button:2", "the right click")
    assert "button:1" not in exam.reports()


GRAB_PROBE = r"""
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(None, Qt.WindowType.X11BypassWindowManagerHint)  # no focus change, no WM
w.setGeometry(0, 0, 20, 20)
w.show()
def probe():
    if not w.windowHandle().isExposed():
        QTimer.singleShot(50, probe)
        return
    print("granted" if w.windowHandle().setKeyboardGrabEnabled(True) else "refused", flush=True)
    app.quit()
QTimer.singleShot(0, probe)
app.exec()
"""


def test_another_program_cannot_take_the_keyboard_while_the_exam_holds_it(xsession, exam):
    import subprocess
    import sys

    probe = subprocess.run([sys.executable, "-c", GRAB_PROBE], env=xsession.env(), capture_output=True,
                           text=True, timeout=60)
    assert probe.stdout.strip() == "refused", probe.stderr
    _still_in_front(xsession, exam)
