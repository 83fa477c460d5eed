"""Asking for the quit password before an exam may end.

One job: a small modal dialog that checks the typed password against ``hashedQuitPassword`` in
constant time (the core's ``check_password``) and makes each wrong try wait longer before the
next one (1 s, 2 s, 4 s … capped at 30 s). It never logs or keeps what was typed.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MAX_DELAY_MS = 30_000


def retry_delay_ms(wrong_tries: int) -> int:
    """How long the dialog waits after the n-th wrong password."""
    if wrong_tries <= 0:
        return 0
    return min(1000 * 2 ** (wrong_tries - 1), MAX_DELAY_MS)


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
        self._hashed = hashed
        self._check = check
        self.wrong_tries = 0
        self.setWindowTitle(title or self.tr("Quit the exam"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(prompt or self.tr("Enter the quit password to end the exam:"), self))
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
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
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._ready)

    @property
    def ok_button(self):  # noqa: ANN201 (QPushButton)
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _try(self) -> None:
        if self._wait.isActive():
            return
        typed = self.password.text()
        self.password.clear()
        if self._check(typed, self._hashed):
            log.info("quit password accepted")
            self.accept()
            return
        self.wrong_tries += 1
        log.info("wrong quit password (try %d)", self.wrong_tries)
        self.error.setText(self.tr("Wrong password. Please wait a moment and try again."))
        self.error.setVisible(True)
        self.password.setEnabled(False)
        self.ok_button.setEnabled(False)
        self._wait.start(retry_delay_ms(self.wrong_tries))

    def _ready(self) -> None:
        self.password.setEnabled(True)
        self.ok_button.setEnabled(True)
        self.password.setFocus()
