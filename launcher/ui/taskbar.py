"""The slim bar at the bottom of the exam window: notices, clock, reload, quit.

One job: show the user what they may do (reload and quit only when the exam allows them) and
short notices (blocked upload, lost connection with a retry button, a recovered page).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, QLocale, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)


class Taskbar(QWidget):
    """Bottom bar. Buttons are created only for what is allowed."""

    reloadClicked = Signal()
    quitClicked = Signal()
    retryClicked = Signal()

    def __init__(
        self,
        *,
        allow_reload: bool,
        allow_quit: bool,
        quit_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taskbar")
        self.setFixedHeight(36)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setVisible(False)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setObjectName("retry")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retryClicked)
        row.addWidget(self.notice)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        row.addWidget(self.clock)
        self.reload_button: QPushButton | None = None
        if allow_reload:
            self.reload_button = QPushButton(self.tr("Reload"), self)
            self.reload_button.setObjectName("reload")
            self.reload_button.clicked.connect(self.reloadClicked)
            row.addWidget(self.reload_button)
        self.quit_button: QPushButton | None = None
        if allow_quit:
            self.quit_button = QPushButton(quit_text or self.tr("Quit"), self)
            self.quit_button.setObjectName("quit")
            self.quit_button.clicked.connect(self.quitClicked)
            row.addWidget(self.quit_button)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(15_000)
        self._tick()

    def add_item(self, widget: QWidget) -> None:
        """Put ``widget`` (a taskbar item of its own module) left of the clock."""
        row = self.layout()
        row.insertWidget(row.indexOf(self.clock), widget)

    def _tick(self) -> None:
        self.clock.setText(
            QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)
        )

    def show_notice(self, text: str, *, retry: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setVisible(True)
        self.retry_button.setVisible(retry)

    def clear_notice(self) -> None:
        self.notice.clear()
        self.notice.setVisible(False)
        self.retry_button.setVisible(False)
