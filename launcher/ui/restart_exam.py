"""The restart-exam button of the taskbar (SEB's "home" button: ``restartExamURL``,
``restartExamUseStartURL``, ``restartExamText``, ``restartExamPasswordProtected``).

One job: a taskbar button that takes the exam window back to the restart URL after the student
confirms, or after the quit password when the exam protects it — as SEB for Windows'
``HomeNavigationRequested`` does: ``restartExamText`` titles the question (or the password
dialog), and a protected button without a quit password just asks.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton

log = logging.getLogger(__name__)



class RestartExamButton(QObject):
    """Adds the button to ``session.window``'s taskbar and carries out a restart."""

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self._session = session
        settings = session.settings
        self.url: str = settings.restart_exam_url
        self.title: str = settings.restart_exam_text.strip() or QCoreApplication.translate("RestartExam", "Restart the exam")
        self.needs_password = settings.restart_exam_password_protected and settings.has_quit_password
        self.button = QPushButton(QCoreApplication.translate("RestartExam", "Restart exam"), session.window.taskbar)
        self.button.setObjectName("restartExam")
        self.button.setToolTip(QCoreApplication.translate("RestartExam", "Go back to the start of the exam"))
        self.button.clicked.connect(self.request)
        session.window.taskbar.add_item(self.button)

    def request(self) -> None:
        """The student asked to restart: confirmation or password first."""
        session = self._session
        if session.active_dialog is not None or session.window is None:
            return
        if self.needs_password:
            from launcher.config.passwords import check_password
            from launcher.ui.quit_dialog import QuitPasswordDialog

            dialog: Any = QuitPasswordDialog(
                session.settings.hashed_quit_password,
                check_password,
                session.window,
                title=self.title,
                prompt=QCoreApplication.translate("RestartExam", "Enter the quit password to go back to the start of the exam:"),
            )
        else:
            dialog = QMessageBox(
                QMessageBox.Icon.Question,
                self.title,
                QCoreApplication.translate("RestartExam", "Go back to the start of the exam? What you entered on this page may be lost."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                session.window,
            )
            dialog.setDefaultButton(QMessageBox.StandardButton.No)
            dialog.button(QMessageBox.StandardButton.Yes).clicked.connect(dialog.accept)
            dialog.button(QMessageBox.StandardButton.No).clicked.connect(dialog.reject)
        dialog.accepted.connect(self._restart)
        session.show_dialog(dialog)

    def _restart(self) -> None:
        session = self._session
        if session.page is None:
            return
        log.info("exam restarted by the student")
        session.page.load(QUrl(self.url))
