"""The dialogs over a running exam (offscreen): the quit question and the quit-password dialog
are modal and frameless with their whole title as a heading inside, above what they ask; the
opening's dialogs keep a title bar but cannot be resized or maximized."""

from __future__ import annotations

import hashlib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from launcher.ui import exam_dialog

HASHED = hashlib.sha256(b"invigilator").hexdigest()


def _check_over_exam(dialog: QDialog, title: str, asks: QLabel) -> None:
    assert dialog.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert dialog.isModal() and dialog.isVisible()
    heading = exam_dialog.heading(dialog)
    assert heading is not None and heading.isVisible() and heading.text() == title
    assert heading.width() >= heading.sizeHint().width()  # the whole title, not cut
    assert heading.geometry().bottom() <= asks.geometry().top()  # above what the dialog asks
    assert dialog.minimumSize() == dialog.maximumSize() or isinstance(dialog, QMessageBox)  # nothing to stretch


def test_the_quit_question_and_the_quit_password_dialog_are_frameless_with_their_title_inside(
    start_exam: Any, http_server: Any, qtbot: Any
) -> None:
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam")})
    run.window.quitRequested.emit()
    box = run.session.active_dialog
    qtbot.waitUntil(lambda: box.isVisible())
    assert isinstance(box, QMessageBox)
    _check_over_exam(box, "Quit the exam", box.findChild(QLabel, "qt_msgbox_label"))
    box.button(QMessageBox.StandardButton.No).click()

    locked = start_exam({"startURL": http_server.url("/exam"), "hashedQuitPassword": HASHED})
    locked.window.quitRequested.emit()
    dialog = locked.session.active_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    _check_over_exam(dialog, "Quit the exam", dialog.prompt)
    dialog.reject()


def test_the_opening_dialogs_keep_a_title_bar_of_fixed_size_wide_enough_for_the_title(qtbot: Any, qapp: Any) -> None:
    from launcher.ui.dialogs import DownloadDialog, PasswordDialog

    qapp.setApplicationDisplayName("SEB Launcher")
    for dialog in (PasswordDialog(source="exam.seb"), DownloadDialog("moodle.example.edu", delay_ms=0)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        flags = dialog.windowFlags()
        assert not flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowTitleHint
        assert not flags & (Qt.WindowType.WindowMinimizeButtonHint | Qt.WindowType.WindowMaximizeButtonHint)
        assert dialog.minimumSize() == dialog.maximumSize()  # fixed: nothing to maximize
        assert dialog.width() >= exam_dialog.title_width(dialog.windowTitle(), dialog.font())
        dialog.close()
