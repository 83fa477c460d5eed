"""The find bar of the exam window (``allowFind``): search the page's text, step through the
matches, close with Escape.

One job: a small bar above the taskbar with a text field, "n of m", Previous/Next and Close,
driving ``QWebEnginePage.findText``. Keyboard-usable: Ctrl+F opens it (the window's key guard
calls :meth:`FindBar.open`), Enter / Shift+Enter step, Escape closes and gives the page back
its focus.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

log = logging.getLogger(__name__)


class FindBar(QWidget):
    """Find in the page shown by ``view``. Hidden until :meth:`open`."""

    def __init__(self, view: QWebEngineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self._view = view
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findText")
        self.edit.setPlaceholderText(self.tr("Find in page"))
        self.edit.setAccessibleName(self.tr("Find in page"))
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.previous_button = QPushButton(self.tr("Previous"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close the find bar"))
        for widget in (self.edit, self.count, self.previous_button, self.next_button, self.close_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.edit.textChanged.connect(self.find_next)
        self.edit.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.edit.installEventFilter(self)
        self.setVisible(False)

    def open(self) -> None:
        """Show the bar and put the cursor in its text field (text selected, to type anew)."""
        self.setVisible(True)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights and give the page its focus back."""
        self._page().findText("")
        self.count.clear()
        self.setVisible(False)
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_next(self) -> None:
        self._find(QWebEnginePage.FindFlag(0))

    def find_previous(self) -> None:
        self._find(QWebEnginePage.FindFlag.FindBackward)

    def _page(self) -> QWebEnginePage:
        return self._view.page()

    def _find(self, flags: QWebEnginePage.FindFlag) -> None:
        text = self.edit.text()
        if not text:
            self._page().findText("")
            self.count.clear()
            return
        self._page().findText(text, flags, self._show_result)

    def _show_result(self, result: Any) -> None:
        total = result.numberOfMatches()
        if total:
            self.count.setText(
                self.tr("%1 of %2").replace("%1", str(result.activeMatch())).replace("%2", str(total))
            )
        else:
            self.count.setText(self.tr("No matches"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """Escape closes, Shift+Enter steps back (the text field would eat both)."""
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if shift and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find_previous()
                return True
        return False
