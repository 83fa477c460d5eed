"""A one-line taskbar label that shortens its text with "…" when the bar is narrow.

One job: let the taskbar's status lines (notice, exam-server state, screen proctoring) give up
width so the bar fits a small screen in any language. ``text()`` stays the whole sentence; the
tooltip and the accessible name say it in full.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

log = logging.getLogger(__name__)

#: Characters still shown at the narrowest (then "…").
MIN_CHARS = 6


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # It asks for little and takes what the bar has left (the taskbar gives it a stretch):
        # the system items and buttons keep their width first.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setWordWrap(False)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        text = self.text()
        if not text:
            return hint
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        short = text if len(text) <= MIN_CHARS else text[:MIN_CHARS] + "…"
        width = metrics.horizontalAdvance(short) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(min(width, hint.width()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self.minimumSizeHint()

    def full_width(self) -> int:
        """The width the whole text needs."""
        return super().sizeHint().width()

    def elided(self) -> str:
        """The text as it is shown now (with "…" when it does not fit)."""
        rect = self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0)
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, max(0, rect.width()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        rect = self.contentsRect().adjusted(self.margin(), 0, -self.margin(), 0)
        self.style().drawItemText(
            painter, rect, int(self.alignment()) | int(Qt.AlignmentFlag.AlignVCenter), self.palette(),
            self.isEnabled(), self.elided(), QPalette.ColorRole.WindowText,
        )
        painter.end()
