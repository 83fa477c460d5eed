"""Take the SEB Server screenshots in docs/: the exam list dialog and the taskbar's
raise-hand button over a running server exam.

Run under Xvfb (the script starts itself under ``xvfb-run`` when there is no display)::

    .venv/bin/python docs/take_server_screenshots.py     # writes docs/server-*.png

Everything shown is real: the launcher's open flow connects to the SEB Server test double
(``tests/support/seb_server.py``) on 127.0.0.1, the student picks the exam in the real dialog,
and the exam runs in the real kiosk window with the hand raised.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shots import ensure_display, use_x_display, wait

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

EXAM_PAGE = """<!doctype html><meta charset="utf-8"><title>Algebra I — final exam</title>
<body style="font-family: sans-serif; margin: 3em; max-width: 48em">
<h1>Algebra I — final exam</h1><p>Question 1 of 12</p>
<p>Solve for <i>x</i>: 3<i>x</i> + 7 = 22</p><input size="8"> <button>Next</button></body>"""


def main() -> int:
    ensure_display(__file__)
    use_x_display()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))

    from launcher.browser import prepare_app

    prepare_app()
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName("SEB Launcher")


    def until(check, ms: int = 30_000) -> bool:
        for _ in range(ms // 100):
            if check():
                return True
            wait(100)
        return check()

    import tempfile

    from support.seb_server import SebServerDouble
    from support.servers import Server

    from launcher.opening.flow import ExamOpener
    from launcher.config import plist
    from launcher.ui.server_dialogs import ExamListDialog

    lms = Server().start()
    lms.route("/mod/quiz/view.php", EXAM_PAGE)
    server = SebServerDouble()
    exam = plist.dumps({"startURL": "about:blank", "allowVirtualMachine": True, "sendBrowserExamKey": True})
    for exam_id, name in (("41", "Algebra I — final exam"), ("52", "Biology — midterm"),
                          ("63", "History of science — essay")):
        server.add_exam(exam_id, name, lms.url(f"/mod/quiz/view.php?id={exam_id}"), exam)
    conn = {"sebMode": 1, "sebServerURL": server.url, "allowVirtualMachine": True,
            "sebServerConfiguration": {"institution": server.institution, "clientName": server.client_name,
                                       "clientSecret": server.client_secret, "pingInterval": 1000}}
    folder = tempfile.mkdtemp(prefix="seb-shots-")
    path = os.path.join(folder, "exam-server.seb")
    with open(path, "wb") as fh:
        fh.write(plist.dumps(conn))

    opener = ExamOpener()
    started: list[object] = []
    opener.sessionStarted.connect(started.append)
    opener.open(path)
    screen = QGuiApplication.primaryScreen()

    def dialog() -> ExamListDialog | None:
        found = [w for w in app.topLevelWidgets() if isinstance(w, ExamListDialog) and w.isVisible()]
        return found[0] if found else None

    if not until(lambda: dialog() is not None):
        print("the exam list did not appear", file=sys.stderr)
        return 1
    box = dialog()
    assert box is not None
    wait(500)
    pixmap = box.grab()
    pixmap.save(str(DOCS / "server-exam-list.png"))
    print(f"wrote docs/server-exam-list.png ({pixmap.width()}x{pixmap.height()})")
    box.accept()
    if not until(lambda: bool(started)):
        print("the exam did not start", file=sys.stderr)
        return 1
    session = started[0]
    session.window.setGeometry(screen.geometry())  # no window manager under Xvfb
    until(lambda: bool(lms.requests), 10_000)
    wait(1500)
    opener.server.raise_hand("")
    wait(800)
    shot = screen.grabWindow(0)
    shot.save(str(DOCS / "server-raise-hand.png"))
    print(f"wrote docs/server-raise-hand.png ({shot.width()}x{shot.height()})")
    done: list[int] = []
    opener.finished.connect(done.append)
    session.quit("screenshots taken")
    until(lambda: bool(done), 15_000)
    server.stop()
    lms.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
