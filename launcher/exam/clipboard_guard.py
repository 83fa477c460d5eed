"""The system clipboard during an exam (``clipboardPolicy``): empty at start and end, and — when
the exam blocks or isolates the clipboard — kept empty while it runs.

One job: the system side of the clipboard policy. Both the clipboard and the X11 PRIMARY
selection (what a middle click pastes) are emptied when the exam starts and when it ends,
whatever the policy (as SEB does). With block (1) or isolated (2), whatever another program puts
there during the exam is removed at once (``dataChanged`` / ``selectionChanged``) and, in case a
change went unnoticed, every 250 ms. Emptying means the launcher takes the selection over with
no content, so a paste elsewhere gets nothing. Copy and paste inside the exam (isolated) never
touch the system clipboard: see ``launcher.browser.clipboard``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from launcher.browser.options import CLIPBOARD_ALLOW

log = logging.getLogger(__name__)

CHECK_MS = 250
MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection)


def _has_content(clipboard: QClipboard, mode: QClipboard.Mode) -> bool:
    if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
        return False
    owned = clipboard.ownsClipboard() if mode == QClipboard.Mode.Clipboard else clipboard.ownsSelection()
    if not owned:
        return True  # another program owns it: do not ask it (it might not answer); take it back
    data = clipboard.mimeData(mode)
    return data is not None and bool(data.formats())


def _empty(clipboard: QClipboard, mode: QClipboard.Mode) -> None:
    """Own ``mode`` with no content: a paste elsewhere gets nothing, and we know it is empty
    without asking anyone (``clear()`` could leave it to nobody, indistinguishable here from
    another program's content)."""
    clipboard.setMimeData(QMimeData(), mode)


class ClipboardGuard(QObject):
    """Empties the system clipboard at start and end; keeps it empty for block/isolated."""

    def __init__(self, policy: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.clear_foreign)
        self._conns: list[Any] = []
        self._clearing = False

    def start(self) -> None:
        self.clear_all()
        if self.policy == CLIPBOARD_ALLOW:
            log.info("clipboard: allowed (emptied at start and end)")
            return
        clipboard = QGuiApplication.clipboard()
        self._conns = [
            clipboard.dataChanged.connect(self.clear_foreign),
            clipboard.selectionChanged.connect(self.clear_foreign),
        ]
        self._timer.start()
        log.info("clipboard: %s; the system clipboard is kept empty during the exam",
                 "blocked" if self.policy == 1 else "isolated")

    def stop(self) -> None:
        self._timer.stop()
        for conn in self._conns:
            QObject.disconnect(conn)
        self._conns = []
        self.clear_all()

    def clear_all(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return
        self._clearing = True
        try:
            for mode in MODES:
                if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
                    continue
                _empty(clipboard, mode)
        finally:
            self._clearing = False

    def clear_foreign(self, *_args: Any) -> None:
        """Empty whatever has content in the clipboard or the selection now."""
        if self._clearing:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:
            return
        self._clearing = True
        try:
            for mode in MODES:
                if _has_content(clipboard, mode):
                    log.info("clipboard: emptied what another program put into the %s",
                             "selection" if mode == QClipboard.Mode.Selection else "clipboard")
                    _empty(clipboard, mode)
        finally:
            self._clearing = False
