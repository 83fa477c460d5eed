"""A student on a Wayland desktop forces the launcher onto Xwayland (Qt's xcb) and hides every
sign of Wayland from its environment: the launcher tells Xwayland by the X server itself (its
outputs are XWAYLAND0 …), keeps the X grab and adds the focus-loss lock — the compositor's
shortcuts, which no X grab holds, then lock the exam instead of leaving it unnoticed."""

from __future__ import annotations

from support.swaysession import wait_for

XWAYLAND = True  # this module's sway runs an Xwayland


def test_leaving_an_xwayland_exam_through_the_compositor_locks_it(compositor, keyboard, run_exam):
    exam = run_exam({"hashedQuitPassword": "0" * 64}, x11=True)
    # told by the X server, not by the (hidden) environment; the X grab is still taken (it holds
    # X clients)
    wait_for(lambda: "XWayland" in exam.log() and "keyboard held by Exam" in exam.log(), timeout=20,
             what="the launcher to see Xwayland and take the X grab")
    # the student's background script, or a binding the X grab cannot hold: another workspace
    compositor.swaymsg("workspace", "2")
    wait_for(lambda: "the exam window lost the focus for more than 2 s" in exam.log(), timeout=20,
             what="the focus-loss lock")
    assert exam.alive()
    exam.stop()
