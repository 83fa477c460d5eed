"""Dialogs over the exam under a real window manager (Xvfb + openbox): the quit-password dialog
is modal and above the exam, and has no title bar for openbox to put minimize and maximize
buttons on (openbox draws them on every framed dialog, whatever a program asks) — its title is
a heading inside it, whole. A plain Qt dialog beside it is the control: openbox frames it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from support.xsession import xsession  # noqa: F401

#: The quit dialog over a stand-in exam window, next to a plain Qt dialog (what the launcher had
#: before); then the screen is saved to argv[1] and the heading's text printed.
PROGRAM = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget
from launcher.config.passwords import check_password
from launcher.ui import exam_dialog
from launcher.ui.quit_dialog import QuitPasswordDialog
app = QApplication([])
app.setApplicationDisplayName("SEB Launcher")
exam = QWidget(); exam.setWindowTitle("Exam window"); exam.resize(900, 600); exam.show()
plain = QDialog(exam); plain.setWindowTitle("Plain dialog"); QVBoxLayout(plain).addWidget(QLabel("plain", plain))
plain.move(20, 20); plain.show()
quit_dialog = QuitPasswordDialog("x" * 64, check_password, exam)
quit_dialog.move(300, 250); quit_dialog.show()
def report():
    QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])
    label = exam_dialog.heading(quit_dialog)
    print("heading:", label.text(), label.isVisible(), label.width() >= label.sizeHint().width(), flush=True)
QTimer.singleShot(2500, report)
app.exec()
"""


def _extents(xsession: Any, wid: int) -> list[int]:
    out = xsession.window_prop(wid, "_NET_FRAME_EXTENTS")
    return [int(v) for v in out.split("=", 1)[1].split(",")] if "=" in out else []


def test_the_quit_dialog_has_no_title_bar_to_minimize_or_maximize_and_shows_its_whole_title(
    xsession: Any, tmp_path: Path
) -> None:
    shot = tmp_path / "screen.png"
    proc = subprocess.Popen([sys.executable, "-c", PROGRAM, str(shot)], env=xsession.env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        found: dict[str, int] = {}

        def both() -> bool:
            for name, pattern in (("quit", "^Quit the exam"), ("plain", "^Plain dialog")):
                ids = xsession.search(pattern)
                if ids:
                    found[name] = ids[0]
            return len(found) == 2 and all(len(_extents(xsession, w)) == 4 for w in found.values())

        xsession.wait_for(both, timeout=30, what="the two dialogs, managed by openbox")
        # the control: openbox gives a plain dialog a title bar with minimize and maximize
        plain_actions = xsession.window_prop(found["plain"], "_NET_WM_ALLOWED_ACTIONS")
        assert _extents(xsession, found["plain"])[2] > 10  # top: the title bar
        assert "_NET_WM_ACTION_MINIMIZE" in plain_actions and "_NET_WM_ACTION_MAXIMIZE_HORZ" in plain_actions
        # the quit dialog: no frame at all, so no buttons; fixed size, so nothing to maximize
        assert _extents(xsession, found["quit"]) == [0, 0, 0, 0]
        quit_actions = xsession.window_prop(found["quit"], "_NET_WM_ALLOWED_ACTIONS")
        assert "_NET_WM_ACTION_MAXIMIZE_HORZ" not in quit_actions and "_NET_WM_ACTION_RESIZE" not in quit_actions
        state = xsession.window_prop(found["quit"], "_NET_WM_STATE")
        assert "_NET_WM_STATE_MODAL" in state and "_NET_WM_STATE_ABOVE" in state
        assert "Quit the exam" in xsession.window_prop(found["quit"], "_NET_WM_NAME")  # screen readers' name
        line = proc.stdout.readline()
        assert line.strip() == "heading: Quit the exam True True", line + proc.stderr.read() if not line else line
        deadline = time.monotonic() + 10
        while not shot.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert shot.exists()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
