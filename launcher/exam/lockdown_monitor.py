"""Watches the machine while an exam runs and locks the exam on a lockdown violation.

One job: every 2 s (and at once when Qt adds or removes a screen) run
``launcher.lockdown.checks.ExamPoller`` in a worker thread — it reads ``/proc`` and ``/sys`` and
may wait up to 4 s while it ends a prohibited program, which must not freeze the exam — and call
``session.lock(reason, source="lockdown")`` for what it finds. ``stop()`` is the session's to call.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from launcher.app import gui_thread
from launcher.lockdown.checks import POLL_SECONDS, ExamPoller

if TYPE_CHECKING:
    from launcher.config.settings import Settings
    from launcher.lockdown.machine import Machine

#: The first poll, after the start (the start checks have just run).
FIRST_POLL_MS = 500

log = logging.getLogger(__name__)


class LockdownMonitor(QObject):
    """``LockdownMonitor(session, settings, machine).start()``; ``violation(object)`` is emitted
    (on the GUI thread) for each new finding, just before the session is locked."""

    violation = Signal(object)

    def __init__(self, session: Any, settings: Settings, machine: Machine | None = None, *,
                 interval_ms: int | None = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        from launcher.lockdown.machine import Machine

        self.session = session
        self.poller = ExamPoller(settings, machine or Machine.local())
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms or int(POLL_SECONDS * 1000))
        self.timer.timeout.connect(self.poll)
        self._busy = False
        self._stopped = False

    def start(self) -> LockdownMonitor:
        if not hasattr(self.session, "lock"):
            return self
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)
        self.timer.start()
        # the baseline (what is there counts once) a moment after the start checks, so the
        # worker's /proc reading does not hold the interpreter while the exam's first page loads
        QTimer.singleShot(min(FIRST_POLL_MS, self.timer.interval()), self, self._first_poll)
        return self

    def _first_poll(self) -> None:
        from launcher.lockdown.debugger import forbid_attaching

        forbid_attaching()  # from now on, only root can attach a debugger to the exam
        self.poll()

    def stop(self, *_args: Any) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            for sig in (app.screenAdded, app.screenRemoved):
                try:
                    sig.disconnect(self._screens_changed)
                except (RuntimeError, TypeError):
                    pass

    def _screens_changed(self, *_args: Any) -> None:
        log.info("The screens changed: %d now", len(QGuiApplication.screens()))
        self.poll()

    def poll(self) -> None:
        """Start one poll in a worker thread (skipped while the previous one still runs).

        The worker holds the poller only, never this monitor: the exam (and this monitor with
        it) may end while a poll runs, and its result then comes back to nobody
        (``launcher.app.gui_thread``)."""
        if getattr(self.session, "ending", False):  # the exam ended without us hearing of it
            self.stop()
        if self._busy or self._stopped:
            return
        self._busy = True
        screens = len(QGuiApplication.screens())
        poller = self.poller

        def work() -> list[Any]:
            try:
                return list(poller.poll(screens))
            except Exception:  # a watcher must never end the exam by itself
                log.exception("Lockdown poll failed")
                return []

        gui_thread.run_in_thread(work, self._polled, owner=self, name="lockdown-poll")

    def _polled(self, found: Any, _error: BaseException | None) -> None:
        self._report(found or [])

    def _report(self, found: list[Any]) -> None:
        self._busy = False
        if self._stopped:
            return
        from launcher.ui.lockdown_gate import reason

        for v in found:
            self.violation.emit(v)
            self.session.lock(reason(v), source="lockdown")
