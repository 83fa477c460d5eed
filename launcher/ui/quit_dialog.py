"""Asking for the quit password before an exam may end.

One job: a small modal dialog that checks the typed password against ``hashedQuitPassword`` in
constant time (the core's ``check_password``) and makes each wrong try wait longer before the
next one (1 s, 2 s, 4 s … capped at 30 s) — the logic the lock screen shares, in
``launcher.ui.password_gate``. It never logs or keeps what was typed.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from launcher.ui import exam_dialog
from launcher.ui.password_gate import MAX_DELAY_MS, PasswordGate, retry_delay_ms

log = logging.getLogger(__name__)

__all__ = ["MAX_DELAY_MS", "QuitPasswordDialog", "retry_delay_ms"]


class QuitPasswordDialog(QDialog):
    """Accepts only with the right quit password."""

    def __init__(
        self,
        hashed: str,
        check: Callable[[str, str], bool],
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        prompt: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Quit the exam"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        box = QVBoxLayout(self)
        self.prompt = QLabel(prompt or self.tr("Enter the quit password to end the exam:"), self)
        self.prompt.setWordWrap(True)
        self.prompt.setMinimumWidth(360)
        box.addWidget(self.prompt)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Quit password"))
        self.password.setAccessibleDescription(self.prompt.text())
        self.prompt.setBuddy(self.password)
        box.addWidget(self.password)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setVisible(False)
        box.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self._gate = PasswordGate(
            hashed, check, self.password, self.error,
            self.tr("Wrong password. Please wait a moment and try again."),
            controls=(self.ok_button,), parent=self,
        )
        exam_dialog.prepare(self, over_exam=True)

    @property
    def ok_button(self):  # noqa: ANN201 (QPushButton)
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def wrong_tries(self) -> int:
        return self._gate.wrong_tries

    def _try(self) -> None:
        if self._gate.attempt():
            log.info("quit password accepted")
            self.accept()
