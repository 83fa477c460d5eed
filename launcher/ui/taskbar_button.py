"""The button every system item of the taskbar is (battery, network, keyboard layout).

One job: a flat, focusable tool button that Tab reaches and Space, Enter or Return press, so
each item is usable without a mouse. On a narrow bar its label shortens with "…" (``text()``
stays whole; every item puts the whole text in its tooltip and accessible name).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionToolButton, QStylePainter, QToolButton, QWidget

#: Characters still shown at the narrowest (then "…"); shorter labels never shorten.
MIN_CHARS = 6


class TaskbarButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # a tool button is fixed-width by default: let the bar shrink it down to its minimum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def refresh(self) -> None:
        """Read the item's data again (items that show machine state override it)."""

    def poll_every(self, ms: int) -> None:
        """Refresh now and every ``ms`` milliseconds while the item lives."""
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.refresh)
        self._poll.start(ms)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = self.sizeHint()
        text = self.text()
        if len(text) <= MIN_CHARS + 1:
            return hint
        metrics = self.fontMetrics()
        saved = metrics.horizontalAdvance(text) - metrics.horizontalAdvance(text[:MIN_CHARS] + "…")
        return QSize(max(0, hint.width() - max(0, saved)), hint.height())

    def shown_text(self) -> str:
        """The label as drawn now (with "…" when the button is narrower than its text)."""
        text = self.text()
        spare = self.width() - self.sizeHint().width()
        if spare >= 0:
            return text
        metrics = self.fontMetrics()
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, metrics.horizontalAdvance(text) + spare))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
