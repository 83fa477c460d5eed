"""The running exam's questions to the student: quit (password or confirmation), the quit URL,
and the one dialog at a time that asks.

One job (a part of :class:`launcher.exam.session.ExamSession`): decide what a quit request
means — refused (``allowQuit`` off), the quit password (constant-time check in
``launcher.ui.quit_dialog``), a confirmation — and what reaching the quit URL means
(``quitURLConfirm``, or ``quitURLRestart``: the exam starts over); show every question
window-modal over the exam with the keyboard held for it. The ending itself is
``ExamSession.quit``.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl

from launcher.config.wire_url import escape_lone_percent
from launcher.exam.windows import question

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from launcher.exam.session import ExamSession

log = logging.getLogger(__name__)


class ExamQuitting(QObject):
    """``session.quitting``: ``request()`` (button, Alt+F4), ``on_quit_url(url)``,
    ``show_dialog(dialog)`` (the one dialog asking: ``session.active_dialog``), ``close_dialog()``."""

    def __init__(self, session: ExamSession) -> None:
        super().__init__(session)
        self.session = session

    def request(self) -> None:
        """The user asked to quit: password or confirmation first."""
        s = self.session
        if s.ending or s.window is None:
            return
        if not s.options.allow_quit:
            log.info("quit refused: the exam does not allow quitting")
            return
        if s.active_dialog is not None:
            return
        hashed = s.options.hashed_quit_password
        dialog: QDialog
        if hashed:
            from launcher.config.passwords import check_password
            from launcher.ui.quit_dialog import QuitPasswordDialog

            dialog = QuitPasswordDialog(hashed, check_password, s.window)
            dialog.accepted.connect(partial(s.quit, "password"))
        else:
            dialog = question(
                s.window,
                QCoreApplication.translate("ExamSession", "Quit the exam"),
                QCoreApplication.translate("ExamSession", "Do you really want to quit the exam?"),
            )
            dialog.accepted.connect(partial(s.quit, "user"))
        self.show_dialog(dialog)

    def on_quit_url(self, _url: str) -> None:
        s = self.session
        if s.ending:
            return
        if s.settings.quit_url_restart:
            self._restart()
            return
        if not s.options.quit_url_confirm:
            s.quit("quit URL")
            return
        if s.active_dialog is not None:
            return
        dialog = question(
            s.window,
            QCoreApplication.translate("ExamSession", "Quit the exam"),
            QCoreApplication.translate("ExamSession", "The exam is finished. Do you want to quit now?"),
        )
        dialog.accepted.connect(partial(s.quit, "quit URL"))
        dialog.rejected.connect(self._quit_url_declined)
        self.show_dialog(dialog)

    def _quit_url_declined(self) -> None:
        if self.session.interceptor is not None:
            self.session.interceptor.reset_quit()

    def _restart(self) -> None:
        """``quitURLRestart``: as SEB for Windows' browser reset on the quit URL — the exam's
        other windows close, its cookies go, and the exam window starts over at the start URL."""
        s = self.session
        log.info("quit URL reached: the exam starts over (quitURLRestart)")
        if s.active_dialog is not None:
            s.active_dialog.done(0)
        for win in list(s.extra_windows):
            s.windows.close_extra(win)
        if s.profile is not None:
            s.profile.cookieStore().deleteAllCookies()
        if s.interceptor is not None:
            s.interceptor.reset_quit()
        if s.page is not None and s.options.start_url:
            s.page.load(QUrl(escape_lone_percent(s.options.start_url)))

    # -- the one dialog asking ----------------------------------------------------------
    def show_dialog(self, dialog: QDialog) -> None:
        s = self.session
        s.active_dialog = dialog
        dialog.finished.connect(partial(self._dialog_done, dialog))
        from PySide6.QtCore import Qt  # (not at import: the exam's start path does without it)

        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # first: a message box resets its flags
        from launcher.ui import exam_dialog

        exam_dialog.prepare(dialog, over_exam=True)  # no minimize/maximize, the whole title
        dialog.show()  # window-modal, non-blocking (what QDialog.open does; QPrintDialog.open wants a slot)
        if s.input_guard is not None:  # the dialog needs the keyboard while it is shown
            s.input_guard.hold_keyboard(dialog)

    def _dialog_done(self, dialog: Any, _result: int = 0) -> None:
        s = self.session
        if s.active_dialog is dialog:
            s.active_dialog = None
        if s.input_guard is not None:
            s.input_guard.release_keyboard(dialog)

    def close_dialog(self) -> None:
        """The question up now goes (the exam locks or ends)."""
        s = self.session
        if s.active_dialog is not None:
            s.active_dialog.done(0)
            s.active_dialog = None
