"""The running exam's guards and watchers: keyboard and mouse, clipboard, what locks the exam
from inside the computer (a stopped launcher, a session switch, an exam that did not end
cleanly), and the watchers of the machine (lockdown monitor, permitted programs, other
programs' windows).

One job (a part of :class:`launcher.exam.session.ExamSession`): install the input guard (SEB's key
and mouse table, the X11 keyboard grab; Windows' hook and macOS' presentation options through
``launcher.platform.system_keys``) and the clipboard policy with the exam window, then — once the
window is up — the lock triggers of ``launcher.exam.lock_triggers`` and the keep-awake request;
each trigger becomes ``session.lock(…, source="lockdown")`` with one log line naming the check.
``watch(machine)`` starts the watchers. Each registers its stop with the session where it starts.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from launcher.exam.session import ExamSession
    from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)


class ExamGuards(QObject):
    """``session.guards``: ``start()`` with the exam window, ``stop(clean=)`` when it ends; the
    input and clipboard guards are ``session.input_guard`` / ``session.clipboard_guard``."""

    def __init__(self, session: ExamSession) -> None:
        super().__init__(session)
        self.session = session
        self.stopped_watch: Any = None  # lock_triggers.StoppedProcessWatch
        self.logind_watch: Any = None  # lock_triggers.LogindSessionWatch
        self.inhibitor: Any = None  # lock_triggers.SleepInhibitor
        self.interrupted: Any = None  # launcher.lockdown.interrupted.InterruptedExams

    def start(self) -> None:
        """Keyboard grab and key table, clipboard policy; the lock triggers once the window is up."""
        from launcher.exam.input_guard import InputGuard

        s = self.session
        system_keys = None
        if s.os_platform in NATIVE_LOCKDOWN_PLATFORMS:  # Windows' hook, macOS' presentation
            from launcher.platform.system_keys import SystemKeys

            system_keys = SystemKeys(s.options, s.os_platform, loader=s.os_loader, runtime=s.os_runtime)
        s.input_guard = InputGuard(
            s.options,
            system_keys=system_keys,
            windows=self._exam_windows,
            on_quit_key=s.request_quit,
            on_focus_lost=self._focus_lost,
            parent=s,
        )
        s.input_guard.install()
        s.on_stop("keyboard and mouse guard", s.input_guard.uninstall)
        from launcher.exam.clipboard_guard import ClipboardGuard

        s.clipboard_guard = ClipboardGuard(s.options.clipboard_policy, s)
        s.clipboard_guard.start()
        s.on_stop("clipboard", s.clipboard_guard.stop)
        assert s.window is not None
        s.input_guard.hold_keyboard(s.window)
        QTimer.singleShot(0, self._start_lock_triggers)  # D-Bus calls: after the window is up

    def _exam_windows(self) -> list[QWidget]:
        return list(self.session.windows.all_windows())

    def _start_lock_triggers(self) -> None:
        """Stopped process, session changes, interrupted exams; keep the machine awake."""
        s = self.session
        if s.ending:
            return
        from launcher.exam import lock_triggers as lt

        opt = s.options
        if opt.detect_stopped_process:
            self.stopped_watch = lt.StoppedProcessWatch(parent=self)
            self.stopped_watch.stopped.connect(self._on_stopped)
            self.stopped_watch.start()
            s.on_stop("stopped-process watch", self.stopped_watch.stop)
        if opt.session_change_locks:
            self.logind_watch = lt.LogindSessionWatch(self)
            self.logind_watch.inactive.connect(self._session_inactive)
            self.logind_watch.start()
            s.on_stop("session-change watch", self.logind_watch.stop)
        self.inhibitor = lt.SleepInhibitor(
            display=opt.display_always_on, system=opt.system_always_on, platform=s.os_platform,
            loader=s.os_loader, parent=self,
        )
        self.inhibitor.start()
        s.on_stop("keep-awake", self.inhibitor.stop)
        self._verify_session()

    def _focus_lost(self) -> None:
        self.lock_for(
            "focus-lost", "", "the exam window lost the focus for more than 2 s",
            QCoreApplication.translate("ExamSession", "The exam window lost the keyboard focus."),
        )

    def _session_inactive(self) -> None:
        self.lock_for(
            "session-inactive", "disableSessionChangeLockScreen",
            "the login session became inactive (VT or user switch, or the OS lock screen)",
            QCoreApplication.translate("ExamSession", "The computer switched to another session or was locked."),
        )

    def _on_stopped(self, seconds: float) -> None:
        self.lock_for(
            "stopped-process", "detectStoppedProcess", f"the launcher was stopped for {seconds:.0f} s",
            QCoreApplication.translate("ExamSession", "The exam was interrupted: the program was stopped."),
        )

    def lock_for(self, check: str, key: str, evidence: str, reason: str) -> None:
        """Lock for a violation found while the exam runs; the log line names check, key and evidence."""
        from launcher.lockdown.violations import Violation

        found = Violation(check, key, evidence)
        log.warning("lockdown %s (%s): %s", found.check, found.key or "no single key", found.evidence)
        self.session.lock(reason, source="lockdown")

    def _verify_session(self) -> None:
        """``enableSessionVerification``: an exam with a quit password that did not end cleanly
        last time starts behind the lock screen."""
        s = self.session
        config_key = getattr(s.keys, "config_key", "")
        if not (s.options.session_verification and s.options.hashed_quit_password and config_key):
            return
        from launcher.lockdown.interrupted import InterruptedExams, default_state_dir

        self.interrupted = InterruptedExams(default_state_dir())
        if self.interrupted.was_interrupted(config_key):
            self.lock_for(
                "session-verification", "enableSessionVerification",
                "this exam did not end cleanly last time",
                QCoreApplication.translate(
                    "ExamSession", "This exam did not end properly last time. Ask the invigilator to unlock it."),
            )
        self.interrupted.begin(config_key)
        s.on_stop("interrupted-exam mark", self._end_interrupted)

    def _end_interrupted(self) -> None:
        """A clean end clears the mark; an end by the system's signal leaves it."""
        if self.interrupted is not None and self.session.clean_end:
            self.interrupted.end(getattr(self.session.keys, "config_key", ""))

    # -- the watchers ---------------------------------------------------------------------
    def watch(self, machine: Machine | None = None) -> None:
        """The lockdown monitor (``machine``: None is this computer), the permitted programs
        when the exam has any, and other programs' windows (X11)."""
        from launcher.exam.lockdown_monitor import LockdownMonitor

        s = self.session
        s.monitor = LockdownMonitor(s, s.settings, machine).start()
        s.on_stop("lockdown monitor", s.monitor.stop)
        if s.settings.permitted_processes:
            from launcher.exam.permitted_programs import PermittedPrograms

            s.permitted = PermittedPrograms(s, s.settings).start()
            s.on_stop("permitted programs", s.permitted.stop)
        from launcher.exam.foreign_windows import ForeignWindows

        s.foreign = ForeignWindows(s, s.permitted).start()
        s.on_stop("foreign windows", s.foreign.stop)
