"""The slim bar at the bottom of the exam window: notices, clock, reload, quit.

One job: show the user what they may do (reload and quit only when the exam allows them) and
short notices (blocked upload, lost connection with a retry button, a recovered page). The
status lines shorten with "…" (full text in their tooltip) so the bar fits a 1024 px screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from launcher.ui import taskbar_icons
from launcher.ui.elided_label import ElidedLabel

log = logging.getLogger(__name__)

# The status lines take the bar's spare width before the gap between them does (the gap: 1).
STATUS_STRETCH = 8
# The clock's keyboard focus, drawn clearly (the items draw their own: ``TaskbarButton``).
CLOCK_FOCUS = "QLabel:focus { border: 2px solid palette(highlight); border-radius: 4px; }"


class Taskbar(QWidget):
    """Bottom bar. Buttons are created only for what is allowed."""

    reloadClicked = Signal()
    quitClicked = Signal()
    retryClicked = Signal()
    raiseHandClicked = Signal()  # SEB Server's raise-hand button (add_raise_hand_button)

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
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.notice = ElidedLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setVisible(False)
        self.retry_button = QPushButton(self.tr("Retry"), self)
        self.retry_button.setObjectName("retry")
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retryClicked)
        row.addWidget(self.notice, STATUS_STRETCH)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        self.clock_icon = QLabel(self)  # drawn from SVG at the screen's scale (taskbar_icons)
        self.clock_icon.setObjectName("clockIcon")
        self.clock_icon.setAccessibleName(self.tr("Clock"))
        row.addWidget(self.clock_icon)
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        self.clock.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader user reads the time with Tab
        self.clock.setStyleSheet(CLOCK_FOCUS)
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
        self.program_buttons: list[QPushButton] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(15_000)
        self._tick()

    def add_item(self, widget: QWidget) -> None:
        """Put ``widget`` (a taskbar item of its own module) left of the permitted programs'
        buttons and the clock; Tab reaches it in its place on the bar, so the programs stay
        next to the clock and last before the page however late an item comes."""
        row = self._row
        anchor = self.program_buttons[0] if self.program_buttons else self.clock_icon
        row.insertWidget(row.indexOf(anchor), widget)
        # a child added to a shown bar stays hidden unless shown; one that hid itself stays so
        if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            widget.show()
        self.chain_tab_order()

    def add_program_button(self, button: QPushButton) -> None:
        """A permitted program's button (``launcher.exam.permitted_programs``), left of the
        clock, after the items."""
        row = self._row
        row.insertWidget(row.indexOf(self.clock_icon), button)
        self.program_buttons.append(button)
        self.chain_tab_order()

    def chain_tab_order(self) -> None:
        """Tab goes through the bar's controls left to right, as the bar shows them (items are
        made later than the bar's own buttons, so the order Qt gives them would jump about)."""
        row = self._row
        chain: list[QWidget] = []
        for index in range(row.count()):
            item = row.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                chain.extend(_focusable_in(widget))
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _tick(self) -> None:
        now = QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)
        self.clock.setText(now)
        self.clock.setAccessibleName(self.tr("Time: %1").replace("%1", now))
        self._draw_clock_icon()

    def _draw_clock_icon(self) -> None:
        size = QSize(taskbar_icons.SIZE, taskbar_icons.SIZE)
        self.clock_icon.setPixmap(taskbar_icons.icon("clock", self).pixmap(size, self.devicePixelRatioF()))

    def set_clock_visible(self, visible: bool) -> None:
        """``showTime``: the time and its icon."""
        self.clock.setVisible(visible)
        self.clock_icon.setVisible(visible)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ScreenChangeInternal):
            self._draw_clock_icon()  # dark or light bar; another screen's scale
        super().changeEvent(event)

    def show_notice(self, text: str, *, retry: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setVisible(True)
        self.retry_button.setVisible(retry)

    def clear_notice(self) -> None:
        self.notice.clear()
        self.notice.setVisible(False)
        self.retry_button.setVisible(False)

    # -- SEB Server: raise hand and connection state (launcher.exam_server.monitor) ------------------
    def add_raise_hand_button(self) -> QPushButton:
        """Add the raise-hand button left of the clock; ``raiseHandClicked`` when pressed."""
        button = QPushButton(self.tr("Raise hand"), self)
        button.setObjectName("raiseHand")
        button.setCheckable(True)
        button.setToolTip(self.tr("Ask the exam supervisor for help"))
        button.clicked.connect(self.raiseHandClicked)
        row = self._row
        row.insertWidget(row.indexOf(self.clock_icon), button)
        button.setVisible(True)
        self.raise_hand_button = button
        self.chain_tab_order()
        return button

    def set_hand_raised(self, raised: bool) -> None:
        button = getattr(self, "raise_hand_button", None)
        if button is not None:
            button.setChecked(raised)
            button.setText(self.tr("Lower hand") if raised else self.tr("Raise hand"))

    def set_server_state(self, text: str, *, ok: bool) -> None:
        """A short line about the exam server (lost connection, screen proctoring); empty hides it."""
        label = self._status_line("server_state", "serverState")
        label.setText(text)
        label.setProperty("ok", ok)
        label.setVisible(bool(text))

    def set_screen_proctoring(self, text: str) -> None:
        """Tell the student that screen proctoring is on (empty text: off)."""
        label = self._status_line("proctoring_label", "screenProctoring")
        label.setText(text)
        label.setVisible(bool(text))

    def _status_line(self, attribute: str, object_name: str) -> ElidedLabel:
        """The status line kept as ``attribute``, made on first use left of the clock."""
        label = getattr(self, attribute, None)
        if label is None:
            label = ElidedLabel(self)
            label.setObjectName(object_name)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # by the clock
            row = self._row
            row.insertWidget(row.indexOf(self.clock_icon), label, STATUS_STRETCH)
            setattr(self, attribute, label)
        return label


def _focusable_in(widget: QWidget) -> list[QWidget]:
    """``widget`` and its descendants that Tab can reach, in the order they were made (an item's
    own left-to-right order; the focus chain itself may be in any order by now)."""
    candidates = [widget, *widget.findChildren(QWidget)]
    return [w for w in candidates if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
