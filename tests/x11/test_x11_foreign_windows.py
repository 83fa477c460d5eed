"""Another program's window that comes in front of the exam (an always-on-top window started
after the exam, then raised over it) is minimized and the exam keeps the front; a bubble the
window manager does not manage goes behind it; an on-screen keyboard (told by its real file)
and the exam's own drop-down list stay (lockdown.md §8)."""

from __future__ import annotations

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
    with xsession.program(ON_TOP_APP, "notes on top") as other:
        xsession.xdotool("windowraise", str(other))
        xsession.wait_for(lambda: "_NET_WM_STATE_HIDDEN" in xsession.window_prop(other, "_NET_WM_STATE"),
                          what="the other program's window to be minimized")
        xsession.wait_for(lambda: xsession.active_window() == exam.window, what="the exam in front")
        assert "came in front of the exam: minimized" in exam.stderr()
        assert exam.alive(), exam.stderr()


def test_an_on_screen_keyboard_may_stay_over_the_exam(xsession, run_exam):
    """An assistive program is told by its real file: a stand-in "onboard" (a Python script, as
    the real one) installed in a root-owned system directory keeps its window over the exam."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    import time

    exam = run_exam({})
    system_dir = tempfile.mkdtemp(prefix="seb-test-onboard-", dir="/usr/local/lib")
    os.chmod(system_dir, 0o755)
    script = os.path.join(system_dir, "onboard")
    with open(script, "w") as f:
        f.write(ON_TOP_APP.replace("QApplication([])", 'QApplication(["onboard"])'))
    os.chmod(script, 0o755)
    proc = subprocess.Popen([sys.executable, script], env=xsession.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        found: list[int] = []
        xsession.wait_for(lambda: bool(found.extend(xsession.search("^notes on top$", only_visible=False)) or found),
                          what="the keyboard's window")
        xsession.xdotool("windowraise", str(found[0]))
        time.sleep(3)  # six of the exam's checks
        assert "_NET_WM_STATE_HIDDEN" not in xsession.window_prop(found[0], "_NET_WM_STATE")
        assert "minimized" not in exam.stderr()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(system_dir, ignore_errors=True)


BUBBLE_APP = r"""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
w = QLabel("Answer to question 3: 42")
w.setWindowTitle("bubble")
w.setWindowFlags(Qt.WindowType.X11BypassWindowManagerHint | Qt.WindowType.FramelessWindowHint)
w.setGeometry(400, 300, 400, 80)
w.show()
app.exec()
"""


def _root_children(xsession) -> list[int]:
    """The root window's children, bottom to top (as ``xwininfo`` lists them: top first)."""
    out = xsession.run("xwininfo", "-root", "-children", check=False)
    ids = [int(line.split()[0], 16) for line in out.splitlines() if line.strip().startswith("0x")]
    return list(reversed(ids))


def test_a_notification_bubble_over_the_exam_is_put_behind_it(xsession, run_exam):
    exam = run_exam({})
    with xsession.program(BUBBLE_APP, "bubble") as bubble:

        def behind() -> bool:
            order = _root_children(xsession)
            frames = [i for i, w in enumerate(order) if w == exam.window or _holds(xsession, w, exam.window)]
            return bubble in order and bool(frames) and order.index(bubble) < frames[-1]

        xsession.wait_for(behind, what="the bubble to go behind the exam")
        assert "A pop-up of another program" in exam.stderr()
        assert xsession.active_window() == exam.window


def _holds(xsession, frame: int, window: int) -> bool:
    out = xsession.run("xwininfo", "-id", str(frame), "-children", check=False)
    return f"{window:#x}" in out or f"0x{window:x}" in out


SELECT_PAGE = """<!doctype html><html><head><title>exam page</title></head><body>
<p>Question 1</p><select id="answer" autofocus><option>one</option><option>two</option>
<option>three</option></select>
<script>
function report(s) { var i = new Image(); i.src = '/log?' + encodeURIComponent(s); }
report('load');
document.getElementById('answer').addEventListener('change', function (e) { report('chose:' + e.target.value); });
</script></body></html>"""


def test_the_exams_own_drop_down_list_stays_open_over_it(xsession, run_exam, exam_server):
    import time

    exam_server.route("/select", SELECT_PAGE)
    exam = run_exam({"startURL": exam_server.url("/select")})
    # the first keys after a load can be lost while Chromium sets up its input routing: Down
    # (which changes a closed list's choice) until the page reports one
    for _ in range(10):
        xsession.key("Down")
        try:
            exam.wait_report(lambda r: r.startswith("chose:"), "a choice by the keyboard", timeout=3)
            break
        except AssertionError:
            continue
    chosen = len([r for r in exam.reports() if r.startswith("chose:")])
    before = set(_root_children(xsession))
    xsession.key("alt+Down")  # opens the list of the focused <select>

    def opened() -> list[int]:
        return [w for w in _root_children(xsession) if w not in before]

    xsession.wait_for(lambda: bool(opened()), what="the drop-down list to open")
    time.sleep(1.5)  # three of the exam's window checks
    assert opened(), "the exam's own drop-down list was closed"
    order = _root_children(xsession)
    assert order.index(opened()[-1]) > max(i for i, w in enumerate(order) if _holds(xsession, w, exam.window)
                                           or w == exam.window)
    assert "A pop-up of another program" not in exam.stderr()
    xsession.key("Up")
    xsession.key("Return")
    xsession.wait_for(lambda: len([r for r in exam.reports() if r.startswith("chose:")]) > chosen,
                      what="the choice from the open list to reach the page")


BURST_APP = r"""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
shown = []
def bubble():
    if len(shown) == 6:
        return
    w = QLabel(f"New message {len(shown)}")
    w.setWindowTitle("bubble")
    w.setWindowFlags(Qt.WindowType.X11BypassWindowManagerHint | Qt.WindowType.FramelessWindowHint)
    w.setGeometry(800, 50 + 60 * len(shown), 300, 50)
    w.show()
    shown.append(w)
t = QTimer(); t.timeout.connect(bubble); t.start(300)
app.exec()
"""


def test_a_burst_of_the_desktops_notifications_is_kept_off_the_exam_without_locking_it(xsession, run_exam):
    """The desktop's notification daemon (a stand-in ``notify-osd`` in a root-owned system
    directory) shows six bubbles within two seconds: each goes behind the exam, none locks it."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile
    import time

    exam = run_exam({})
    system_dir = tempfile.mkdtemp(prefix="seb-test-notify-", dir="/usr/local/lib")
    os.chmod(system_dir, 0o755)
    script = os.path.join(system_dir, "notify-osd")
    with open(script, "w") as f:
        f.write(BURST_APP)
    os.chmod(script, 0o755)
    proc = subprocess.Popen([sys.executable, script], env=xsession.env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        xsession.wait_for(lambda: len(xsession.search("^bubble$", only_visible=False)) >= 6, timeout=30,
                          what="six bubbles")
        time.sleep(2)
        log = exam.stderr()
        assert "A pop-up of another program" in log and "notify-osd" in log, log[-2000:]
        assert "exam locked" not in log, log[-2000:]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(system_dir, ignore_errors=True)
