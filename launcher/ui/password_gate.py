"""Checking a typed quit password: constant time, and a growing wait after each wrong try.

One job: the password logic the quit dialog and the lock screen share. The typed text is checked
against ``hashedQuitPassword`` with the core's constant-time ``check_password``, cleared from the
field at once, never logged or kept; after the n-th wrong try the field and its buttons stay
disabled for 1 s, 2 s, 4 s … (at most 30 s).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

log = logging.getLogger(__name__)

MAX_DELAY_MS = 30_000


def retry_delay_ms(wrong_tries: int) -> int:
    """How long to wait after the n-th wrong password."""
    if wrong_tries <= 0:
        return 0
    return min(1000 * 2 ** (wrong_tries - 1), MAX_DELAY_MS)


class PasswordGate(QObject):
    """Checks ``field`` against ``hashed``; on a wrong try shows ``wrong_text`` in ``error`` and
    disables ``field`` and ``controls`` for :func:`retry_delay_ms`."""

    def __init__(
        self,
        hashed: str,
        check: Callable[[str, str], bool],
        field: QLineEdit,
        error: QLabel,
        wrong_text: str,
        controls: Sequence[QWidget] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._hashed = hashed
        self._check = check
        self._field = field
        self._error = error
        self._wrong_text = wrong_text
        self._controls = list(controls)
        self.wrong_tries = 0
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._ready)

    @property
    def waiting(self) -> bool:
        return self._wait.isActive()

    def attempt(self) -> bool:
        """True when the field holds the right password (the field is cleared either way)."""
        if self._wait.isActive():
            return False
        typed = self._field.text()
        self._field.clear()
        if self._check(typed, self._hashed):
            return True
        self.wrong_tries += 1
        log.info("wrong quit password (try %d)", self.wrong_tries)
        self._error.setText(self._wrong_text)
        self._error.setVisible(True)
        for widget in (self._field, *self._controls):
            widget.setEnabled(False)
        self._wait.start(retry_delay_ms(self.wrong_tries))
        return False

    def _ready(self) -> None:
        for widget in (self._field, *self._controls):
            widget.setEnabled(True)
        self._field.setFocus()
