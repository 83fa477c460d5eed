"""The button every system item of the taskbar is (battery, network, keyboard layout, volume).

One job: a flat, focusable tool button that Tab reaches and Space, Enter or Return press, so
each item is usable without a mouse, showing an icon (``launcher.ui.taskbar_icons``, redrawn
for a dark or light bar when the palette changes) and a short label read at a glance ("76 %",
"DE · US"). ``text()`` stays the whole sentence ("Battery 76 %"), which every item also puts in
its tooltip and accessible name. On a narrow bar the label shortens with "…".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionToolButton, QStylePainter, QToolButton, QWidget

from launcher.ui.taskbar_icons import SIZE, icon

#: Characters still shown at the narrowest (then "…"); shorter labels never shorten.
MIN_CHARS = 6
FOCUS_WIDTH = 2.0


class TaskbarButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setIconSize(QSize(SIZE, SIZE))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # a tool button is fixed-width by default: let the bar shrink it down to its minimum
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._label: str | None = None
        self.icon_name = ""

    def refresh(self) -> None:
        """Read the item's data again (items that show machine state override it)."""

    def poll_every(self, ms: int) -> None:
        """Refresh now and every ``ms`` milliseconds while the item lives."""
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.refresh)
        self._poll.start(ms)
        self.refresh()

    # -- icon and label -------------------------------------------------------------------
    def show_status(self, icon_name: str, text: str, label: str | None = None) -> None:
        """Icon ``icon_name``, the whole ``text`` (tooltip, accessible name, ``text()``) and the
        short ``label`` drawn beside the icon (``None``: the whole text; ``""``: icon only)."""
        self._label = label
        self.setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.set_icon(icon_name)
        self.updateGeometry()
        self.update()

    def set_icon(self, name: str) -> None:
        self.icon_name = name
        if name:
            self.setIcon(icon(name, self))

    def label_colour(self) -> QColor | None:
        """A colour for the label instead of the palette's (a warning); ``None``: the palette's."""
        return None

    def label(self) -> str:
        """What is written beside the icon when there is room."""
        return self.text() if self._label is None else self._label

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.PaletteChange and self.icon_name:
            self.setIcon(icon(self.icon_name, self))  # a dark or light bar now
        super().changeEvent(event)

    # -- keys and size --------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return self._size_for(self.label())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        label = self.label()
        if len(label) <= MIN_CHARS + 1:
            return self.sizeHint()
        return self._size_for(label[:MIN_CHARS] + "…")

    def _size_for(self, label: str) -> QSize:
        """QToolButton's own size rule, for ``label`` instead of ``text()``."""
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        width = height = 0
        has_icon = not option.icon.isNull() and self.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextOnly
        if has_icon:
            width, height = option.iconSize.width(), option.iconSize.height()
        if label and self.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly:
            metrics = self.fontMetrics()
            text_width = metrics.horizontalAdvance(label) + metrics.horizontalAdvance(" ") * 2
            width += (4 if has_icon else 0) + text_width
            height = max(height, metrics.height())
        option.text = label
        option.rect.setSize(QSize(width, height))
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ToolButton, option, QSize(width, height), self)

    def shown_text(self) -> str:
        """The label as drawn now (with "…" when the button is narrower than its label)."""
        label = self.label()
        spare = self.width() - self.sizeHint().width()
        if spare >= 0:
            return label
        metrics = self.fontMetrics()
        return metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(0, metrics.horizontalAdvance(label) + spare))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        colour = self.label_colour()
        if colour is not None:
            option.palette.setColor(QPalette.ColorRole.ButtonText, colour)
            option.palette.setColor(QPalette.ColorRole.WindowText, colour)
        if not option.text:
            option.toolButtonStyle = Qt.ToolButtonStyle.ToolButtonIconOnly
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        if self.hasFocus():  # a flat button shows no focus of its own: a clear ring for keyboard users
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_WIDTH)
            painter.setPen(pen)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            inset = FOCUS_WIDTH / 2
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 4, 4)
