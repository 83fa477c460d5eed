"""The zoom controls of the taskbar (``enableZoomPage``): smaller, the current zoom (which
resets to 100 % when pressed), larger — the same steps as Ctrl+minus, Ctrl+0 and Ctrl+plus.

One job: three keyboard-usable buttons that drive ``KioskWindow.zoom`` and show the zoom the
page has now.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

from launcher.ui.taskbar_button import TaskbarButton

log = logging.getLogger(__name__)



class ZoomItem(QWidget):
    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window.taskbar)
        self.setObjectName("zoom")
        self._window = window
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.smaller = TaskbarButton(self)
        self.smaller.setText("\u2212")
        self.smaller.setAccessibleName(QCoreApplication.translate("ZoomItem", "Zoom out"))
        self.smaller.setToolTip(QCoreApplication.translate("ZoomItem", "Zoom out (Ctrl+minus)"))
        self.reset = TaskbarButton(self)
        self.reset.setAccessibleName(QCoreApplication.translate("ZoomItem", "Reset zoom"))
        self.reset.setToolTip(QCoreApplication.translate("ZoomItem", "Reset zoom (Ctrl+0)"))
        self.larger = TaskbarButton(self)
        self.larger.setText("+")
        self.larger.setAccessibleName(QCoreApplication.translate("ZoomItem", "Zoom in"))
        self.larger.setToolTip(QCoreApplication.translate("ZoomItem", "Zoom in (Ctrl+plus)"))
        self.smaller.clicked.connect(self._zoom_out)
        self.reset.clicked.connect(self._zoom_reset)
        self.larger.clicked.connect(self._zoom_in)
        for button in (self.smaller, self.reset, self.larger):
            row.addWidget(button)
        window.view.page().zoomFactorChanged.connect(self.update_text)
        self.update_text()

    def _zoom_out(self) -> None:
        self._zoom(-1)

    def _zoom_reset(self) -> None:
        self._zoom(0)

    def _zoom_in(self) -> None:
        self._zoom(+1)

    def _zoom(self, step: int) -> None:
        self._window.zoom(step)
        self.update_text()

    def update_text(self) -> None:
        percent = round(self._window.view.zoomFactor() * 100)
        #: The zoom of the page in percent on the taskbar's reset button, e.g. "110 %".
        self.reset.setText(QCoreApplication.translate("ZoomItem", "%1 %").replace("%1", str(percent)))

