"""The lock screen cannot be put aside: the exam's page is hidden behind it, and its windows come
back at once when another program minimizes, unmaps or hides them.

One job, while the exam is locked: hide every exam page (each ``QWebEngineView`` of the
launcher's other top-level windows: not only disabled — a lock window taken off the screen
must not leave the questions readable), and watch the lock windows — a window-state change
(minimized) brings its window back at once, and every ``CHECK_MS`` a lock window that is not
shown, minimized or no longer exposed (unmapped by another X client) is shown again and raised.
Windows of other programs over a lock window are put aside by ``launcher.exam.foreign_windows``
(the lock windows are the launcher's topmost). ``LockGuard(lock_screen)``: ``start()`` when the
lock windows are shown, ``stop()`` when they close (the pages come back).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

CHECK_MS = 100
#: A window just shown is not exposed until the X server has mapped it: not before this again.
SETTLE_S = 0.5


class LockGuard(QObject):
    """Holds the lock windows of ``lock_screen`` (a ``LockScreen``) on the screen."""

    def __init__(self, lock_screen: Any) -> None:
        super().__init__(lock_screen if isinstance(lock_screen, QObject) else None)
        self._lock = lock_screen
        self._hidden: list[Any] = []  # the pages hidden while locked
        self._filtered: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self.restored = 0  # how often a lock window had to be brought back
        self._covered: dict[int, float] = {}  # id(window) -> when it was last shown again

    def start(self) -> None:
        self._hide_pages()
        for window in self._lock.windows:
            self._follow(window)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._filtered.clear()
        pages, self._hidden = self._hidden, []
        for page in pages:
            try:
                page.setVisible(True)
            except RuntimeError:  # its window closed meanwhile
                pass

    def _hide_pages(self) -> None:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        ours = set(self._lock.windows)
        for top in QApplication.topLevelWidgets():
            if top in ours:
                continue
            for view in top.findChildren(QWebEngineView):
                if view.isVisible() and view not in self._hidden:
                    view.setVisible(False)
                    self._hidden.append(view)

    def _follow(self, window: QWidget) -> None:
        if id(window) not in self._filtered:
            self._filtered.add(id(window))
            window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Hide) and self._timer.isActive():
            QTimer.singleShot(0, self.check)
        return False

    def check(self) -> None:
        """Bring back every lock window that is not on the screen; hide pages opened meanwhile."""
        if not self._timer.isActive():  # unlocked (a window closing reported itself hidden)
            return
        try:
            self._hide_pages()
            for window in list(self._lock.windows):
                self._follow(window)
                handle = window.windowHandle()
                shown = window.isVisible() and not window.isMinimized() and handle is not None and handle.isExposed()
                if shown or time.monotonic() - self._covered.get(id(window), 0.0) < SETTLE_S:
                    continue
                self._covered[id(window)] = time.monotonic()
                self.restored += 1
                if self.restored == 1 or self.restored % 50 == 0:
                    log.warning("The lock screen was taken off the screen by another program (%d times): "
                                "shown again", self.restored)
                window.hide()
                window.cover()
        except RuntimeError:  # a lock window closed while looking
            pass
