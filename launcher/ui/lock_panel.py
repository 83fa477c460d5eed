"""The look of the lock screen: a centred panel that reads the same on any cover colour.

One job: the panel every lock window shows — a light card with dark text (so the reason, the
time and the password field read alike on SEB's red, a dark blue or a pale yellow
``lockScreenBackgroundColor``), edged in a darker shade of the cover colour, with controls
large enough to hit (at least 48 px high), a clear focus ring for keyboard users, and a clock
that the primary screen shows. Looks only: what the controls do is ``launcher.ui.lock_screen``'s.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

WIDTH = 560
CONTROL_HEIGHT = 48
BUTTON_WIDTH = 140
SURFACE = "#ffffff"
INK = "#1b1b1b"
FOCUS = "#0b57d0"
ERROR = "#b00020"
CLOCK_MS = 15_000


class Panel(QFrame):
    """The card in the middle of a lock window; ``box`` is its layout."""

    def __init__(self, parent: QWidget, cover: QColor) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setMaximumWidth(WIDTH)  # narrower on a small screen (a 1280 x 800 one at 200 % is 640 wide)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(40, 32, 40, 36)
        self.box.setSpacing(12)
        edge = QColor(cover).darker(140).name()
        self.setStyleSheet(
            f"QFrame#lockPanel {{ background: {SURFACE}; border: 4px solid {edge}; border-radius: 14px; }}"
            f" QFrame#lockPanel QLabel {{ color: {INK}; background: transparent; }}"
            f" QFrame#lockPanel QLabel#error {{ color: {ERROR}; font-weight: bold; }}"
        )

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        """``WIDTH`` wide where the screen has room (the layout gives less on a small one)."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), WIDTH), hint.height())

    def style_controls(self) -> None:
        """Large field and buttons, a visible focus ring (call once the controls exist)."""
        for field in self.findChildren(QLineEdit):
            field.setMinimumHeight(CONTROL_HEIGHT)
            font = field.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            field.setFont(font)
            field.setStyleSheet(
                f"QLineEdit {{ color: {INK}; background: #ffffff; border: 2px solid #6b6b6b; border-radius: 6px;"
                f" padding: 0 10px; }} QLineEdit:focus {{ border: 3px solid {FOCUS}; }}"
                " QLineEdit:disabled { background: #eeeeee; }"
            )
        for button in self.findChildren(QPushButton):
            button.setMinimumHeight(CONTROL_HEIGHT)
            button.setMinimumWidth(BUTTON_WIDTH)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            font.setBold(button.isDefault())
            button.setFont(font)
            main = button.isDefault()
            button.setStyleSheet(
                "QPushButton { border-radius: 8px; padding: 0 20px;"
                + (f" color: #ffffff; background: {FOCUS}; border: 2px solid {FOCUS}; }}" if main
                   else f" color: {INK}; background: #f2f2f2; border: 2px solid #6b6b6b; }}")
                + f" QPushButton:focus {{ border: 3px solid {INK if main else FOCUS}; }}"
                + " QPushButton:disabled { color: #6b6b6b; background: #dddddd; border-color: #bbbbbb; }"
            )


def clock_label(parent: QWidget) -> QLabel:
    """The time now in the user's locale, kept current while the lock screen is up."""
    label = QLabel(parent)
    label.setObjectName("clock")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)

    def tick() -> None:
        now = QLocale().toString(QDateTime.currentDateTime().time(), QLocale.FormatType.ShortFormat)
        label.setText(now)
        label.setAccessibleName(QCoreApplication.translate("LockPanel", "Time: %1").replace("%1", now))

    timer = QTimer(label)
    timer.timeout.connect(tick)
    timer.start(CLOCK_MS)
    tick()
    return label
