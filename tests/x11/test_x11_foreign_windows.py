"""Another program's window that comes in front of the exam (here: an always-on-top window
started after the exam, then raised over it) is minimized within seconds, and the exam keeps the
front and the keyboard (lockdown.md §8)."""

from __future__ import annotations

import subprocess
import sys

ON_TOP_APP = r"""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("the answers")
w.setWindowTitle("notes on top")
w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
w.resize(400, 200)
w.show()
app.exec()
"""


def test_a_window_of_another_program_over_the_exam_is_minimized(xsession, run_exam):
    exam = run_exam({})
    other = subprocess.Popen([sys.executable, "-c", ON_TOP_APP], env=xsession.env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        found: list[int] = []
        xsession.wait_for(lambda: bool(found.extend(xsession.search("^notes on top$")) or found),
                          timeout=30, what="the other program's window")
        xsession.xdotool("windowraise", str(found[0]))
        xsession.wait_for(lambda: "_NET_WM_STATE_HIDDEN" in xsession.window_prop(found[0], "_NET_WM_STATE"),
                          what="the other program's window to be minimized")
        xsession.wait_for(lambda: xsession.active_window() == exam.window, what="the exam in front")
        assert "came in front of the exam: minimized" in exam.stderr()
        assert exam.alive(), exam.stderr()
    finally:
        other.terminate()
        other.wait(timeout=30)


def test_an_on_screen_keyboard_may_stay_over_the_exam(xsession, run_exam):
    import time

    exam = run_exam({})
    keyboard = subprocess.Popen([sys.executable, "-c", ON_TOP_APP.replace("QApplication([])",
                                                                          'QApplication(["onboard"])')],
                                env=xsession.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        found: list[int] = []
        xsession.wait_for(lambda: bool(found.extend(xsession.search("^notes on top$")) or found),
                          timeout=30, what="the on-screen keyboard's window")
        xsession.xdotool("windowraise", str(found[0]))
        time.sleep(3)  # three of the exam's checks
        assert "_NET_WM_STATE_HIDDEN" not in xsession.window_prop(found[0], "_NET_WM_STATE")
        assert "minimized" not in exam.stderr()
    finally:
        keyboard.terminate()
        keyboard.wait(timeout=30)
