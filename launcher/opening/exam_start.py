"""Starting the exam the open flow has read, as steps that undo themselves in reverse when one
fails (SEB for Windows' ``OperationSequence``; ``launcher.app.steps``).

One job (a part of :class:`launcher.opening.flow.ExamOpener`), in this order:

1. ``lockdown checks`` — this machine against the exam's settings before any exam request
   leaves (``launcher.ui.lockdown_gate``): refused (exit 4), asked about prohibited programs
   (cancel: exit 3), or passed; may wait for the student's answer;
2. ``engine`` — what the browser engine may do for this exam (``engine_env.allow_for_exam``);
3. ``running exam replaced`` — a running exam (or the sign-in browser) ends; its sign-in cookies
   go over when the new exam allows. Cannot be undone: a later failure leaves no exam running;
4. ``exam session`` — the :class:`~launcher.exam.session.ExamSession` is built and reports to the
   opener (undo: it ends without reporting);
5. ``exam window`` — ``session.start()``: the first request, the window, the guards (a failure
   inside is taken back by the session's own stops);
6. ``watchers`` — ``session.watch(machine)``: lockdown monitor, permitted programs, foreign windows.

Then ``sessionStarted``. A step may later run on a worker thread: it calls ``done`` from the GUI
thread when its work is back (``gui_thread.run_in_thread``). Never a half-started exam window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from launcher.app.steps import Step, StepSequence, now
from launcher.config.errors import ConfigError
from launcher.opening import sources

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkCookie

    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.session import ExamSession
    from launcher.opening.flow import ExamOpener

log = logging.getLogger(__name__)


class ExamStart:
    """``ExamStart(opener, loaded, settings, keys).run()``; ends with the opener's
    ``sessionStarted``, ``fail(error)`` or ``cancel(step)``."""

    def __init__(self, opener: ExamOpener, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> None:
        self.opener = opener
        self.loaded = loaded
        self.settings = settings
        self.keys = keys
        self.session: ExamSession | None = None
        self._cookies: list[QNetworkCookie] = []
        self.sequence = StepSequence(
            [
                Step("lockdown checks", self._check_machine),
                now("engine", self._allow_engine),
                now("running exam replaced", self._replace_running_exam),
                now("exam session", self._build_session, undo=self._drop_session),
                now("exam window", self._start_session),
                now("watchers", self._watch),
            ],
            succeeded=self._started,
            failed=self._failed,
            cancelled=opener.cancel,
        )

    def run(self) -> None:
        self.sequence.run()

    # -- the steps ------------------------------------------------------------------------
    def _check_machine(self, done: Callable[[], None]) -> None:
        from launcher.lockdown.machine import Machine
        from launcher.lockdown.violations import LockdownRefused
        from launcher.ui.lockdown_gate import check_machine

        opener = self.opener

        def proceed() -> None:
            opener.dialog = None
            done()

        def cancel() -> None:
            opener.dialog = None
            self.sequence.cancel("prohibited programs")

        def refuse(found: Any) -> None:
            self.sequence.fail(LockdownRefused(found))

        opener.dialog = check_machine(
            self.settings, opener.machine or Machine.local(), interactive=opener.interactive,
            parent=opener.dialog_parent(), proceed=proceed, cancel=cancel, refuse=refuse,
        )

    def _allow_engine(self) -> None:
        from launcher.browser import engine_env

        engine_env.allow_for_exam(self.settings)  # the engine starts with the first session

    def _replace_running_exam(self) -> None:
        old = self.opener.session
        if old is None:
            return
        from launcher.opening.signin import cookies_for_exam

        self._cookies = cookies_for_exam(old, self.settings)
        log.info("Ending the running exam to start the new configuration")
        disconnect(old)
        self.opener.session = None
        old.quit("a new configuration replaces this exam")  # its watchers stop with it

    def _build_session(self) -> None:
        factory = self.opener.session_factory
        if factory is None:
            from launcher.exam.session import ExamSession

            factory = ExamSession
        session = factory(self.loaded, self.settings, self.keys)
        if self._cookies:
            session.initial_cookies = self._cookies
        self.session = session
        self.opener.session_started(session)

    def _drop_session(self) -> None:
        """The new exam ends without reporting to the opener (a later step failed)."""
        session, self.session = self.session, None
        if session is None:
            return
        disconnect(session)
        if self.opener.session is session:
            self.opener.session = None
        session.quit("the exam could not be started")

    def _start_session(self) -> None:
        assert self.session is not None
        log.info("Starting the exam (%s)", sources.for_log(self.settings.start_url))
        self.session.start()

    def _watch(self) -> None:
        assert self.session is not None
        self.session.watch(self.opener.machine)

    # -- the outcome ------------------------------------------------------------------------
    def _started(self) -> None:
        assert self.session is not None
        self.opener.sessionStarted.emit(self.session)

    def _failed(self, step: str, error: BaseException) -> None:
        if isinstance(error, ConfigError) and step in ("lockdown checks", "exam session"):
            self.opener.fail(error)
            return
        log.error("The exam could not be started (%s)", step, exc_info=error)
        self.opener.fail(ConfigError("The exam could not be started.", detail=f"{type(error).__name__}: {error}"))


def disconnect(session: ExamSession) -> None:
    """The opener stops listening to ``session`` (it ends without reporting back)."""
    for name in ("finished", "reconfigureRequested"):
        try:
            getattr(session, name).disconnect()
        except (RuntimeError, TypeError, AttributeError):
            pass
