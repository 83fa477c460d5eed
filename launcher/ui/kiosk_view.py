"""The exam page's web view: no context menu, nothing else.

One job: the view the exam's page is attached to before anything is loaded — small, so the
exam's start path does not import the kiosk window (``launcher.ui.kiosk_window``), which is
built only once the first request has left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget


class KioskView(QWebEngineView):
    """A web view without a context menu."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not the menu policy yet: that would build PySide's ``Qt`` enums (~18 ms) before the
        # exam's first request. The window sets it (``no_menu_policy``) when it takes the view;
        # until then the view is not shown, and contextMenuEvent below shows no menu anyway.

    def no_menu_policy(self) -> None:
        """No context menu is even requested (set when the kiosk window takes the view)."""
        from PySide6.QtCore import Qt

        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def contextMenuEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        event.accept()  # never show Chromium's menu (view source, save, inspect, open in new window)
