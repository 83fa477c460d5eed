"""Show the exam's windows as the configuration lays them out (``launcher.config.window_layout``):
full screen, or at their size and place over a backdrop that hides the desktop.

One job: the Qt side of SEB's window mode — compute each window's rectangle on its screen's
available area, show it there (or full screen when it fills the area) and keep one plain,
focus-less backdrop behind a smaller exam window so nothing else on the screen is reachable.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from launcher.config.window_layout import Rect, WindowSpec

log = logging.getLogger(__name__)


class Backdrop(QWidget):
    """A full-screen, frameless, plain window behind a window-mode exam."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("examBackdrop")
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet("#examBackdrop { background: #2b2b2b; }")
        self.setWindowTitle(self.tr("Exam"))


def _area(window: QWidget) -> Rect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    geo = screen.availableGeometry()
    return Rect(geo.x(), geo.y(), geo.width(), geo.height())


def show_window(window: QWidget, spec: WindowSpec) -> Backdrop | None:
    """Show ``window`` per ``spec``; returns the backdrop put behind it (main window in window
    mode), else None."""
    area = _area(window)
    if spec.fills(area):
        window.showFullScreen()
        return None
    rect = spec.geometry(area)
    log.info("window mode: %dx%d at %d,%d of %dx%d", rect.width, rect.height, rect.x, rect.y, area.width, area.height)
    backdrop = Backdrop()
    backdrop.showFullScreen()
    window.setGeometry(QRect(rect.x, rect.y, rect.width, rect.height))
    window.show()
    window.raise_()
    return backdrop


def show_new_window(window: QWidget, spec: WindowSpec) -> None:
    """A window the exam opened: at its size and place (the exam window stays behind it)."""
    area = _area(window)
    if spec.fills(area):
        window.showFullScreen()
        return
    rect = spec.geometry(area)
    window.setGeometry(QRect(rect.x, rect.y, rect.width, rect.height))
    window.show()
    window.raise_()

