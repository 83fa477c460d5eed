"""The running exam's lock screen: who locked it, what the student reads, how it opens again.

One job (a part of :class:`launcher.exam.session.ExamSession`): put every exam window behind
``launcher.ui.lock_screen.LockScreen`` (the question up goes, no click or key reaches the exam,
windows the page opens meanwhile stay behind it), keep the keyboard on the lock screen, and
open it again — by the student (quit password, or "continue" without one) or from outside (SEB
Server's ``NOTIFICATION_CONFIRM``). The session's ``locked``/``unlocked`` signals report it.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from launcher.exam.session import ExamSession

log = logging.getLogger(__name__)


class ExamLock(QObject):
    """``session.locking``: ``lock(reason, source)``, ``unlock(source)``, ``close()``; the state is
    ``session.is_locked``, ``session.lock_source``, ``session.lock_screen``."""

    def __init__(self, session: ExamSession) -> None:
        super().__init__(session)
        self.session = session

    def lock(self, reason: str, source: str) -> None:
        s = self.session
        if s.ending:
            return
        if s.window is not None:
            from launcher.ui.lock_screen import LockScreen

            if s.lock_screen is None:
                from launcher.config.passwords import check_password

                s.lock_screen = LockScreen(s.options, check_password, s)
                s.on_stop("lock screen", self.close)
                s.lock_screen.unlockRequested.connect(partial(self.unlock, "user"))
                s.lock_screen.quitRequested.connect(partial(s.quit, "quit from the lock screen"))
                s.lock_screen.windowShown.connect(self._window_shown)
                s.lock_screen.windowClosed.connect(self._window_closed)
            s.quitting.close_dialog()  # a question under the lock screen makes no sense
            for win in (s.window, *s.extra_windows):
                win.setEnabled(False)  # no click or key reaches the exam while locked
            s.lock_screen.show(reason)
        s.is_locked = True
        s.lock_source = source
        log.warning("exam locked by %s: %s", source, reason)
        s.locked.emit(source, reason)

    def unlock(self, source: str) -> None:
        s = self.session
        if not s.is_locked:
            return
        s.is_locked = False
        s.lock_source = ""
        if s.lock_screen is not None:
            s.lock_screen.close()
        for win in s.windows.all_windows():
            win.setEnabled(True)
        if s.window is not None:
            s.window.raise_()
            s.window.activateWindow()
            # the disabled window lost its focus widget; typing goes on in the page, not in
            # whichever taskbar control Qt would pick first on activation
            QTimer.singleShot(0, self._focus_page)
        log.info("exam unlocked by %s", source)
        s.unlocked.emit(source)

    def _focus_page(self) -> None:
        s = self.session
        if s.window is not None and not s.is_locked and not s.ending:
            from PySide6.QtCore import Qt  # (not at import: the exam's start path does without it)

            s.window.view.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def close(self) -> None:
        """The exam ends: the lock screen goes with it."""
        if self.session.lock_screen is not None:
            self.session.lock_screen.close()

    def _window_shown(self, window: Any) -> None:
        guard = self.session.input_guard
        if guard is not None:
            guard.watch(window)
            if getattr(window, "primary", False):
                guard.hold_keyboard(window)

    def _window_closed(self, window: Any) -> None:
        guard = self.session.input_guard
        if guard is not None:
            guard.release_keyboard(window)
