"""A permitted program on X11 comes in front of the full-screen exam and gets the keyboard; the
exam takes the front and the keyboard grab back when the student returns to it or the program
ends (lockdown.md §9)."""

from __future__ import annotations

import subprocess
import time
import sys
from collections.abc import Iterator

import pytest
from test_x11_keys import GRAB_PROBE

PROGRAM = {
    "active": True, "title": "Note", "executable": "xmessage", "path": "/usr/bin",
    "autostart": True, "iconInTaskbar": True,
    "arguments": [{"active": True, "argument": "-default"}, {"active": True, "argument": "okay"},
                  {"active": True, "argument": "permitted tool"}],
}


@pytest.fixture(autouse=True)
def _no_program_left(xsession) -> Iterator[None]:
    """Each test starts without an xmessage from the one before (its exam is ended by signal)."""
    yield
    for window in xsession.search("^xmessage$"):
        xsession.run("xkill", "-id", str(window), check=False)
    xsession.wait_for(lambda: not xsession.search("^xmessage$"), timeout=30, what="the program to end")


def _stacking(xsession) -> list[int]:
    """Managed windows bottom to top (``_NET_CLIENT_LIST_STACKING``)."""
    out = xsession.xprop_root("_NET_CLIENT_LIST_STACKING")
    return [int(v.strip(), 16) for v in out.split("#", 1)[1].split(",")] if "#" in out else []


def _above(xsession, upper: int, lower: int) -> bool:
    order = _stacking(xsession)
    return upper in order and lower in order and order.index(upper) > order.index(lower)


def _probe(xsession) -> str:
    proc = subprocess.run([sys.executable, "-c", GRAB_PROBE], env=xsession.env(), capture_output=True,
                          text=True, timeout=60)
    return proc.stdout.strip()


def _program_window(xsession) -> int:
    found: list[int] = []

    def shown() -> bool:
        found[:] = xsession.search("^xmessage$")
        return bool(found)

    xsession.wait_for(shown, timeout=30, what="the permitted program's window")
    return found[0]


def test_a_permitted_program_comes_in_front_and_the_exam_takes_the_keyboard_back(xsession, run_exam):
    exam = run_exam({"permittedProcesses": [PROGRAM]}, wait_active=False)
    note = _program_window(xsession)
    # in front of the exam, active, and the exam's keyboard grab let go
    xsession.wait_for(lambda: xsession.active_window() == note, timeout=30, what="the program to be active")
    xsession.wait_for(lambda: _above(xsession, note, exam.window), what="the program above the exam")
    assert "_NET_WM_STATE_ABOVE" not in xsession.window_prop(exam.window, "_NET_WM_STATE")
    # the student goes back to the exam: the exam is on top and holds the keyboard again
    xsession.xdotool("windowactivate", str(exam.window))
    xsession.wait_for(lambda: xsession.active_window() == exam.window, what="the exam to be active again")
    xsession.wait_for(lambda: "_NET_WM_STATE_ABOVE" in xsession.window_prop(exam.window, "_NET_WM_STATE"),
                      what="the exam to be always on top again")
    xsession.wait_for(lambda: _probe(xsession) == "refused", timeout=60, what="the exam's keyboard grab")
    assert _above(xsession, exam.window, note)
    assert exam.alive(), exam.stderr()
    exam.stop()


def test_the_taskbar_button_brings_the_program_in_front_typing_reaches_it_and_the_exam_returns(
        xsession, run_exam):
    # Tab goes through the bar left to right; without the clock, Reload and Quit to the right of
    # it, the program's button is the bar's last control: Shift+Tab from the page reaches it
    exam = run_exam({"permittedProcesses": [dict(PROGRAM, autostart=False)], "showTime": False,
                     "browserWindowAllowReload": False, "allowQuit": False})
    assert not xsession.search("^xmessage$")
    exam.type_until("a", lambda r: r.startswith("value:a"), "the answer field to have the focus")
    xsession.key("shift+Tab")  # from the page's answer field to the taskbar's program button
    # the page decides about a Tab itself and hands the focus back later: a key typed before
    # that would still go to the page
    exam.wait_report(lambda r: r == "blur", "the answer field to lose the focus")
    xsession.key("space")
    note = _program_window(xsession)
    xsession.wait_for(lambda: xsession.active_window() == note, timeout=30, what="the program to be active")
    xsession.wait_for(lambda: _probe(xsession) == "granted", timeout=60, what="the keyboard to be free")
    xsession.key("Return")  # xmessage -default okay: Return ends it
    xsession.wait_for(lambda: not xsession.search("^xmessage$"), timeout=30, what="the program to end on Return")
    xsession.wait_for(lambda: xsession.active_window() == exam.window, what="the exam to take the front back")
    xsession.wait_for(lambda: _probe(xsession) == "refused", timeout=60, what="the exam's keyboard grab")
    assert "key:Enter" not in exam.reports(), "the Return went to the exam, not the program"
    assert exam.alive(), exam.stderr()


OTHER_APP = r"""
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("another application")
w.setWindowTitle("other application")
w.resize(300, 100)
w.show()
app.exec()
"""


def test_another_application_taking_the_front_from_the_program_brings_the_exam_back(xsession, run_exam):
    with xsession.program(OTHER_APP, "other application") as other:
        exam = run_exam({"permittedProcesses": [PROGRAM]}, wait_active=False)
        note = _program_window(xsession)
        xsession.wait_for(lambda: xsession.active_window() == note, timeout=30, what="the program to be active")
        xsession.xdotool("windowactivate", str(other))  # while the exam's grab is let go
        xsession.wait_for(lambda: xsession.active_window() == exam.window, what="the exam to take the front back")
        xsession.wait_for(lambda: _probe(xsession) == "refused", timeout=60, what="the exam's keyboard grab")
        assert _above(xsession, exam.window, other)
        assert exam.alive(), exam.stderr()



def test_going_back_to_the_exam_at_once_keeps_the_exam_in_front(xsession, run_exam):
    """The student returns to the exam right after the program came in front (before the
    launcher looked again): the exam stays in front with the keyboard; the program is not
    pulled back over it."""
    exam = run_exam({"permittedProcesses": [PROGRAM]}, wait_active=False)
    note = _program_window(xsession)
    xsession.wait_for(lambda: xsession.active_window() == note, timeout=30, what="the program to be active")
    xsession.xdotool("windowactivate", str(exam.window))
    xsession.wait_for(lambda: "_NET_WM_STATE_ABOVE" in xsession.window_prop(exam.window, "_NET_WM_STATE"),
                      what="the exam to be always on top again")
    end = time.monotonic() + 3  # longer than the launcher's wait for the window manager to obey
    while time.monotonic() < end:
        assert xsession.active_window() == exam.window, "the program was pulled in front of the exam again"
        time.sleep(0.1)
    assert _probe(xsession) == "refused"
    assert exam.alive(), exam.stderr()
