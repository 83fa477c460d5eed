"""Starting the exam the open flow has read: the lockdown checks, the running exam replaced, the
new session and its watchers.

One job (a part of :class:`launcher.opening.flow.ExamOpener`): run this machine's lockdown checks
before any exam request leaves (``launcher.ui.lockdown_gate``: refused, asked about prohibited
programs, or passed), end the exam a new configuration replaces (its sign-in cookies carried
over when allowed), build and start the :class:`~launcher.exam.session.ExamSession`, and never
leave a half-started exam window behind.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from launcher.config.errors import ConfigError
from launcher.opening import sources

if TYPE_CHECKING:
    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.opening.flow import ExamOpener

log = logging.getLogger(__name__)


class ExamStart:
    """``ExamStart(opener, loaded, settings, keys).run()``; ends with the opener's
    ``session_started(session)`` and ``sessionStarted``, or ``fail(error)`` / ``cancel(step)``."""

    def __init__(self, opener: ExamOpener, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> None:
        self.opener = opener
        self.loaded = loaded
        self.settings = settings
        self.keys = keys

    def run(self) -> None:
        """The lockdown checks first (before any exam request leaves), then the session."""
        from launcher.lockdown.machine import Machine
        from launcher.lockdown.violations import LockdownRefused
        from launcher.ui.lockdown_gate import check_machine

        opener = self.opener

        def cancel() -> None:
            opener.dialog = None
            opener.cancel("prohibited programs")

        def proceed() -> None:
            opener.dialog = None
            self._start_session()

        opener.dialog = check_machine(
            self.settings, opener.machine or Machine.local(), interactive=opener.interactive,
            parent=opener.dialog_parent(), proceed=proceed, cancel=cancel,
            refuse=lambda found: opener.fail(LockdownRefused(found)),
        )

    def _start_session(self) -> None:
        from launcher.browser import engine_env

        opener, loaded, settings, keys = self.opener, self.loaded, self.settings, self.keys
        engine_env.allow_for_exam(settings)  # the engine starts with the first session
        factory = opener.session_factory
        if factory is None:
            from launcher.exam.session import ExamSession

            factory = ExamSession
        old = opener.session
        cookies: list[Any] = []
        if old is not None:
            from launcher.opening.signin import cookies_for_exam

            cookies = cookies_for_exam(old, settings)
            log.info("Ending the running exam to start the new configuration")
            opener.stop_watchers()  # disconnect() drops their finished() connections too
            disconnect(old)
            opener.session = None
            end(old)
        try:
            session = factory(loaded, settings, keys)
        except ConfigError as exc:
            opener.fail(exc)
            return
        if cookies:
            session.initial_cookies = cookies
        opener.session_started(session)
        log.info("Starting the exam (%s)", sources.for_log(settings.start_url))
        try:
            session.start()
        except Exception as exc:  # never leave a half-built exam window behind
            log.exception("The exam window could not be started")
            disconnect(session)
            opener.session = None
            try:
                end(session)
            except Exception:
                log.exception("Could not close the half-started exam")
            opener.fail(ConfigError(
                "The exam could not be started.", detail=f"{type(exc).__name__}: {exc}"
            ))
            return
        from launcher.exam.lockdown_monitor import LockdownMonitor

        opener.monitor = LockdownMonitor(session, settings, opener.machine).start()
        if settings.permitted_processes:
            from launcher.exam.permitted_programs import PermittedPrograms

            opener.permitted = PermittedPrograms(session, settings).start()
        from launcher.exam.foreign_windows import ForeignWindows

        opener.foreign = ForeignWindows(session, opener.permitted).start()
        opener.sessionStarted.emit(session)


def disconnect(session: Any) -> None:
    """The opener stops listening to ``session`` (it ends without reporting back)."""
    for name in ("finished", "reconfigureRequested"):
        try:
            getattr(session, name).disconnect()
        except (RuntimeError, TypeError, AttributeError):
            pass


def end(session: Any) -> None:
    """End a session without waiting for its ``finished`` (already disconnected)."""
    session.quit("a new configuration replaces this exam")
