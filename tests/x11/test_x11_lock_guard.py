"""The lock screen cannot be put aside (issue 16 item 6): while the exam is locked its page is
hidden, not only disabled (the page itself reports it hidden), and a lock window that another
program minimizes or unmaps (``xdotool windowminimize``/``windowunmap``, as a student's script
would) is back on the screen at once."""

from __future__ import annotations

import os
import signal
import time

VISIBILITY_PAGE = """<!doctype html><html><head><title>exam page</title></head><body>
<p>Question 1: what is 6 x 7?</p><input id="answer" autofocus>
<script>
function report(s) { var i = new Image(); i.src = '/log?' + encodeURIComponent(s); }
report('load');
document.addEventListener('visibilitychange', function () { report('visibility:' + document.visibilityState); });
</script></body></html>"""


def _lock_windows(exam) -> list[int]:
    return [w for w, name in exam.window_names().items() if name.startswith("Exam locked")]


def test_the_lock_screen_cannot_be_minimized_or_unmapped_and_hides_the_page(xsession, run_exam, exam_server):
    exam_server.route("/visible", VISIBILITY_PAGE)
    exam = run_exam({"startURL": exam_server.url("/visible")})
    os.kill(exam.proc.pid, signal.SIGSTOP)  # a stopped launcher locks the exam when it runs again
    try:
        time.sleep(5)
    finally:
        os.kill(exam.proc.pid, signal.SIGCONT)
    xsession.wait_for(lambda: bool(_lock_windows(exam)), timeout=30, what="the lock window")
    lock = _lock_windows(exam)[0]
    # hidden, not only disabled: the page itself is told it is not shown
    exam.wait_report(lambda r: r == "visibility:hidden", "the exam page to be hidden while locked")

    for attack in ("windowminimize", "windowunmap", "windowminimize"):
        xsession.xdotool(attack, str(lock))
        started = time.monotonic()
        xsession.wait_for(lambda: not xsession.is_viewable(lock), timeout=2, interval=0.02,
                          what=f"{attack} to take effect") if attack == "windowunmap" else None
        xsession.wait_for(lambda: lock in _lock_windows(exam) and xsession.is_viewable(lock), timeout=5,
                          interval=0.05, what=f"the lock window back after {attack}")
        back = time.monotonic() - started
        assert back < 2.0, (attack, back)
        # and it stays: the page is still not shown
        time.sleep(0.5)
        assert xsession.is_viewable(lock), attack
    assert "visibility:visible" not in exam.reports()[exam.reports().index("visibility:hidden"):]
    assert "taken off the screen" in exam.stderr()
    assert exam.alive()
