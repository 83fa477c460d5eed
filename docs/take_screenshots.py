"""Take the screenshots in docs/: opening an exam (password, download, errors), the demo exam in
the kiosk with its taskbar, and the quit password dialog and quit confirmation over it.

Run on a real X server or under Xvfb (the script starts itself under ``xvfb-run`` when there
is no display)::

    .venv/bin/python docs/take_screenshots.py            # writes docs/*.png

Everything shown is the real thing: the launcher's own dialogs and the demo exam served by
``seb-launcher demo``'s server, in the real kiosk window.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from shots import ensure_display, use_x_display, wait

log = logging.getLogger("take_screenshots")

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent


def main() -> int:
    ensure_display(__file__)
    use_x_display()
    sys.path.insert(0, str(ROOT))
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")

    from launcher.browser import jsapi

    jsapi.register_scheme()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QWidget

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName("SEB Launcher")


    def shoot(widget: QWidget, name: str) -> None:
        widget.raise_()
        widget.activateWindow()
        wait(400)
        pixmap = widget.grab()
        out = DOCS / name
        pixmap.save(str(out))
        print(f"wrote {out.relative_to(ROOT)} ({pixmap.width()}x{pixmap.height()})")

    from launcher.config.errors import NoIdentity
    from launcher.opening.fetch import ServerSentWebPage
    from launcher.ui.dialogs import DownloadDialog, ErrorDialog, PasswordDialog

    pw = PasswordDialog(source="/home/student/Downloads/final-exam.seb")
    pw.open()
    pw.show_wrong(2)
    shoot(pw, "open-password.png")
    pw.close()

    admin = PasswordDialog(for_client=True, source="sebs://exams.example.edu/client.seb")
    admin.open()
    shoot(admin, "open-admin-password.png")
    admin.close()

    dl = DownloadDialog("moodle.example.edu", delay_ms=0)
    dl.start()
    dl.set_progress(21_000, 52_000)
    shoot(dl, "open-download.png")
    dl.hide()

    err = ErrorDialog(ServerSentWebPage(
        detail="https://moodle.example.edu/mod/quiz/accessrule/seb/config.php?cmid=42 answered "
        "text/html; charset=utf-8"
    ))
    err.open()
    for button in err.buttons():  # unfold "Show Details…" so the detail is in the picture
        if err.buttonRole(button) == err.ButtonRole.ActionRole:
            button.click()
    shoot(err, "open-error-web-page.png")
    err.close()

    noid = ErrorDialog(NoIdentity(key_hash=bytes.fromhex("5c0c7a1f9de4b0a3a1d4b3c2e1f00a9b8c7d6e5f")))
    noid.open()
    shoot(noid, "open-error-no-certificate.png")
    noid.close()

    # The demo exam in the kiosk, as `seb-launcher demo` shows it.
    from launcher.opening.flow import ExamOpener
    from launcher.opening.demo import DemoExam

    demo = DemoExam().start()
    opener = ExamOpener()
    started: list[object] = []
    opener.sessionStarted.connect(started.append)
    opener.open_bytes(demo.config_bytes(), origin="demo exam")
    if not started:
        print("the demo exam did not start; no kiosk screenshot", file=sys.stderr)
        demo.stop()
        return 1
    session = started[0]
    screen = QGuiApplication.primaryScreen()
    # Xvfb has no window manager to make the kiosk full screen: give it the screen's size.
    session.window.setGeometry(screen.geometry())

    def load_and_shoot(name: str, navigate: str | None = None, scroll: int = 0) -> None:
        page = session.window.view.page()
        loaded: list[bool] = []
        page.loadFinished.connect(loaded.append)
        if navigate:
            page.runJavaScript(f"location.href = {navigate!r};")
        for _ in range(100):
            if loaded:
                break
            wait(100)
        page.loadFinished.disconnect(loaded.append)
        if scroll:
            page.runJavaScript(f"window.scrollTo(0, {scroll});")
        wait(1200)
        shot = screen.grabWindow(0)
        shot.save(str(DOCS / name))
        print(f"wrote docs/{name} ({shot.width()}x{shot.height()})")

    load_and_shoot("demo-exam.png", scroll=0)
    load_and_shoot("demo-exam-keys.png", navigate=demo.base_url + "/index.html", scroll=330)
    load_and_shoot("demo-exam-questions.png", navigate=demo.base_url + "/questions.html")
    load_and_shoot("demo-exam-blocked.png", navigate="https://example.org/")
    print(f"key checks by the demo server: {demo.checks}")

    # The invigilator's view: Quit in the taskbar asks for the quit password over the exam
    # (the demo's is "demo"); a wrong one is typed first so the message shows.
    from PySide6.QtWidgets import QDialog, QMessageBox

    def shoot_screen(name: str) -> None:
        wait(800)
        shot = screen.grabWindow(0)
        shot.save(str(DOCS / name))
        print(f"wrote docs/{name} ({shot.width()}x{shot.height()})")

    def centre(dialog: QWidget) -> None:
        # Xvfb has no window manager to place dialogs: centre it on the kiosk as a desktop would.
        dialog.adjustSize()
        frame = dialog.frameGeometry()
        frame.moveCenter(session.window.geometry().center())
        dialog.move(frame.topLeft())

    load_and_shoot("kiosk.png", navigate=demo.base_url + "/index.html")
    session.window.taskbar.quitClicked.emit()
    wait(300)
    dialog = session.active_dialog
    if not isinstance(dialog, QDialog) or not hasattr(dialog, "password"):
        print("Quit did not ask for the quit password; no quit-dialog screenshot", file=sys.stderr)
        demo.stop()
        return 1
    centre(dialog)
    dialog.password.setText("exam2024")
    dialog.ok_button.click()
    wait(200)
    centre(dialog)
    shoot_screen("kiosk-quit-password.png")
    dialog.reject()
    wait(300)

    # Without a quit password (or at a quit URL with confirmation) the student is asked instead.
    from launcher.exam.session import _question

    question = _question(
        session.window,
        QCoreApplication.translate("ExamSession", "Quit the exam"),
        QCoreApplication.translate("ExamSession", "Do you really want to quit the exam?"),
    )
    session._show_dialog(question)
    centre(question)
    shoot_screen("kiosk-quit-confirm.png")
    question.button(QMessageBox.StandardButton.No).click()
    wait(200)

    session.quit("screenshots taken")
    wait(300)
    demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
