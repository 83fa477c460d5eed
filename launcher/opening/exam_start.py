"""Starting the exam the open flow has read, as steps that undo themselves in reverse when one
fails (SEB for Windows' ``OperationSequence``; ``launcher.app.steps``).

One job (a part of :class:`launcher.opening.flow.ExamOpener`). The first exam of the program
(``ExamOpener(engine_first=True)``, as ``seb-launcher`` runs it):

1. ``engine`` — what the browser engine may do for this exam (``engine_env.allow_for_exam``);
2. ``exam session`` — the :class:`~launcher.exam.session.ExamSession` is built (undo: it ends);
3. ``engine start`` — ``session.prepare()``: profile and page — QtWebEngine's processes start
   spawning — and nothing loaded, so no request can leave yet;
4. ``lockdown checks`` — this machine against the exam's settings, on a worker thread while the
   engine starts (``launcher.ui.lockdown_gate``), or — a local file that ``seb-launcher`` read
   and checked while Qt loaded (``launcher.opening.head_start``) — only the display count here:
   refused (exit 4), asked about prohibited programs (cancel: exit 3), or passed; may wait for
   the student's answer;
5. ``first request`` — the session reports to the opener and ``session.load_start_page()`` loads
   the start URL; the step ends when the interceptor has let the first main-frame request go (or
   after ``FIRST_REQUEST_LATEST_MS``: a start URL the filter blocks), so nothing else holds the GUI
   thread — Chromium's navigation runs there — before the request has left;
6. ``exam window`` — ``session.show()``: the kiosk window is built and shown full screen, the
   guards, the exam's sound;
7. ``watchers`` — ``session.watch(machine)``: lockdown monitor, permitted programs, foreign windows.

An exam that replaces a running one (or the sign-in browser), and every exam of an opener
made without ``engine_first``, is checked first, on the GUI thread (a running one goes on):
``lockdown checks``, ``engine``, ``running exam replaced`` (its sign-in cookies go over when the
new exam allows; cannot be undone), ``exam session`` (it reports to the opener at once),
``exam window`` (``session.start()``: load, then show), ``watchers``.

Then ``sessionStarted``. Never a half-started exam window, and never a request before the
checks have passed.
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

#: The window is shown this long after ``load()`` at the latest when no request was let go.
FIRST_REQUEST_LATEST_MS = 500


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
        # The first exam of the process starts the engine (profile and page: no
        # request) while the lockdown checks run on a worker thread, and loads once they pass;
        # an exam that replaces a running one is checked first, as the running one goes on.
        early = opener.engine_first and opener.session is None
        self._early = early
        steps = [
            now("engine", self._allow_engine),
            now("exam session", self._build_session, undo=self._drop_session),
            now("engine start", self._prepare_session),
            Step("lockdown checks", self._check_machine),
        ] if early else [
            Step("lockdown checks", self._check_machine),
            now("engine", self._allow_engine),
            now("running exam replaced", self._replace_running_exam),
            now("exam session", self._build_session, undo=self._drop_session),
        ]
        window = [
            Step("first request", self._load_start_page),
            now("exam window", self._show_session),
        ] if early else [now("exam window", self._start_session)]
        self.sequence = StepSequence(
            [
                *steps,
                *window,
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
            in_thread=self._early, found_early=opener.found_early(self.settings),
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
        if not self._early:
            self.opener.session_started(session)

    def _prepare_session(self) -> None:
        assert self.session is not None
        prepare = getattr(self.session, "prepare", None)  # (a test's session may have none)
        if prepare is not None:
            prepare()

    def _drop_session(self) -> None:
        """The new exam ends without reporting to the opener (a later step failed)."""
        session, self.session = self.session, None
        if session is None:
            return
        if self.opener.session is session or not self._early:  # (early: reports only once checked)
            disconnect(session)
        if self.opener.session is session:
            self.opener.session = None
        session.quit("the exam could not be started")

    def _start_session(self) -> None:
        assert self.session is not None
        if self._early:  # reports to the opener only now that the checks have passed
            self.opener.session_started(self.session)
        log.info("Starting the exam (%s)", sources.for_log(self.settings.start_url))
        self.session.start()

    def _load_start_page(self, done: Callable[[], None]) -> None:
        """The first exam of the process: load now, show once the first request has left."""
        from PySide6.QtCore import QTimer

        session = self.session
        assert session is not None
        load = getattr(session, "load_start_page", None)
        if load is None:  # (a test's session may start in one go)
            self._start_session()
            done()
            return
        self.opener.session_started(session)  # reports to the opener only now that the checks have passed
        log.info("Starting the exam (%s)", sources.for_log(self.settings.start_url))
        waiting = True

        def go() -> None:
            nonlocal waiting
            if not waiting:
                return
            waiting = False
            if interceptor is not None:
                interceptor.on_first_request = None
            if not getattr(session, "ending", False):  # (one that ended meanwhile has said so)
                done()

        interceptor = getattr(session, "interceptor", None)
        if interceptor is not None:  # from inside Chromium's call: go on once it has returned
            interceptor.on_first_request = lambda: QTimer.singleShot(0, session, go)
        QTimer.singleShot(FIRST_REQUEST_LATEST_MS, session, go)
        load()

    def _show_session(self) -> None:
        assert self.session is not None
        show = getattr(self.session, "show", None)
        if show is not None and hasattr(self.session, "load_start_page"):
            show()

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
