"""One running exam: the one owner of everything the exam starts, and its stop.

One job: turn a loaded configuration (``LoadedConfig`` + ``Settings`` + ``ExamKeys``) into a
locked exam window and end it cleanly. The session is made of named parts (as qutebrowser's
``WebEngineTab`` of its zoom, search, printing …), each in its own module:

* ``windows`` (:mod:`launcher.exam.windows`) — profile, interceptor, pages, the exam window and
  the windows it opens, crashes, reload, print;
* ``downloads`` (:mod:`launcher.exam.downloads`) — downloads and reconfiguration requests;
* ``quitting`` (:mod:`launcher.exam.quitting`) — quit requests, the quit URL, the one dialog asking;
* ``locking`` (:mod:`launcher.exam.locking`) — the lock screen;
* ``guards`` (:mod:`launcher.exam.guards`) — input and clipboard guards, lock triggers, and the
  watchers ``watch()`` starts (lockdown monitor, permitted programs, foreign windows).

Every part registers its stop with :meth:`ExamSession.on_stop` on the line where it starts
(qutebrowser's ``_init_modules`` with ``misc/quitter.py``); :meth:`ExamSession.quit` runs them
last first — so a start that fails half-way is taken back in reverse by the same stops, as SEB
for Windows' ``OperationSequence`` reverts its operations. ``stop_order`` names them.

The start path is lean: the profile and the page are built and ``load(startURL)`` is called
before any other widget exists, so the exam's first request leaves as early as possible.

Contract (docs/ARCHITECTURE.md): ``ExamSession(loaded, settings, keys, *, parent=None)``,
``start()``, ``window``, ``profile``, ``quit(reason)``, ``lock(reason, source=)``,
``unlock(source)``, ``ending``; signals ``finished()``, ``reconfigureRequested(str url, bytes
data)``, ``reconfigureRefused(str url)``, ``locked(source, reason)``, ``unlocked(source)``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from launcher.browser import jsapi
from launcher.browser.options import KioskOptions
from launcher.browser.profile import is_shared
from launcher.exam.downloads import ExamDownloads
from launcher.exam.guards import ExamGuards
from launcher.exam.locking import ExamLock
from launcher.exam.quitting import ExamQuitting
from launcher.exam.windows import ExamWindows

if TYPE_CHECKING:
    from PySide6.QtCore import QMetaObject, SignalInstance
    from PySide6.QtNetwork import QNetworkCookie
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWidgets import QDialog, QWidget

    from launcher.browser.interceptor import ExamInterceptor
    from launcher.browser.page import KioskPage
    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.clipboard_guard import ClipboardGuard
    from launcher.exam.exam_audio import ExamAudio
    from launcher.exam.foreign_windows import ForeignWindows
    from launcher.exam.input_guard import InputGuard
    from launcher.exam.lockdown_monitor import LockdownMonitor
    from launcher.exam.permitted_programs import PermittedPrograms
    from launcher.lockdown.machine import Machine
    from launcher.ui.kiosk_window import KioskWindow
    from launcher.ui.lock_screen import LockScreen
    from launcher.ui.log_window import ApplicationLogButton
    from launcher.ui.restart_exam import RestartExamButton
    from launcher.ui.window_mode import Backdrop

log = logging.getLogger(__name__)

#: Exams that are ending: held until ``finished`` so that nobody's letting go of one (a replaced
#: or half-started exam) frees its profile while its pages are still being taken down.
_ENDING: set[ExamSession] = set()


class ServerRequests(Protocol):
    """What an exam server may ask of the running exam (``launcher.exam_server.monitor``)."""

    @property
    def quitRequested(self) -> SignalInstance: ...
    @property
    def lockRequested(self) -> SignalInstance: ...
    @property
    def unlockRequested(self) -> SignalInstance: ...


class ExamSession(QObject):
    """A running exam. Create, connect its signals, then ``start()``."""

    finished = Signal()
    reconfigureRequested = Signal(str, bytes)
    reconfigureRefused = Signal(str)
    locked = Signal(str, str)  # (source, reason): the lock screen is up
    unlocked = Signal(str)  # source: "user" (password/continue) or whoever called unlock()

    def __init__(
        self, loaded: LoadedConfig | None, settings: Settings, keys: ExamKeys, *, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.loaded = loaded
        self.settings = settings
        self.keys = keys
        self.options = KioskOptions.from_settings(settings)
        # what the parts build and others read
        self.profile: QWebEngineProfile | None = None
        self.page: KioskPage | None = None
        self.window: KioskWindow | None = None
        self.extra_windows: list[KioskWindow] = []
        self.interceptor: ExamInterceptor | None = None
        self.active_dialog: QDialog | None = None  # the dialog currently asking the user (tests drive it)
        self.initial_cookies: list[QNetworkCookie] = []  # to start with (a sign-in's)
        self.input_guard: InputGuard | None = None  # from start()
        self.clipboard_guard: ClipboardGuard | None = None
        self.lock_screen: LockScreen | None = None  # once locked
        self.restart_button: RestartExamButton | None = None  # when configured
        self.log_button: ApplicationLogButton | None = None  # when configured
        self.backdrop: Backdrop | None = None  # behind a window-mode exam
        self.taskbar_items: dict[str, QWidget] = {}  # launcher.ui.taskbar_items: battery, network, keyboard
        self.audio: ExamAudio | None = None  # mute/volume for the exam
        # the watchers (watch()): lockdown monitor, permitted programs, foreign windows
        self.monitor: LockdownMonitor | None = None
        self.permitted: PermittedPrograms | None = None
        self.foreign: ForeignWindows | None = None
        # capture exclusion and system keys: this OS, and test doubles for its DLL loader /
        # Objective-C runtime
        self.os_platform: str = sys.platform
        self.os_loader: Callable[[str], Any] | None = None  # name -> DLL (Windows)
        self.os_runtime: Any = None  # the Objective-C runtime (macOS): a ctypes library
        self.is_locked = False  # the lock screen is up
        self.lock_source = ""  # who locked: "lockdown", "server", ...
        # where allowed downloads go (the user's download folder unless set before start())
        self.download_dir: str = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        )
        # the parts
        self.windows = ExamWindows(self)
        self.downloads = ExamDownloads(self)
        self.quitting = ExamQuitting(self)
        self.locking = ExamLock(self)
        self.guards = ExamGuards(self)
        self.clean_end = True  # False: the system ended the launcher (the exam counts as interrupted)
        self._stops: list[tuple[str, Callable[[], object]]] = []
        self._ending = False
        self._finished = False
        self._wait_conn: QMetaObject.Connection | None = None
        self._wait_ms = 0

    @property
    def ending(self) -> bool:
        """``quit()`` has begun: nothing new starts (windows, downloads, locks)."""
        return self._ending

    @property
    def done(self) -> bool:
        """The exam has ended: ``finished`` was emitted."""
        return self._finished

    # -- the stops ------------------------------------------------------------------------
    def on_stop(self, name: str, stop: Callable[[], object]) -> None:
        """Register ``stop`` where a part starts; ``quit()`` runs the stops last first. A part
        that starts while the exam already ends is stopped at once."""
        if self._ending:
            self._run_stop(name, stop)
            return
        self._stops.append((name, stop))

    @property
    def stop_order(self) -> list[str]:
        """The names of the registered stops, in the order ``quit()`` runs them."""
        return [name for name, _stop in reversed(self._stops)]

    def finish_after(self, signal: Any, timeout_ms: int) -> None:
        """``finished`` waits for ``signal`` (or ``timeout_ms``): a stop whose work completes
        later (the profile's cache emptied) calls this before it starts that work."""
        self._wait_conn = signal.connect(self._finish_once)
        self._wait_ms = timeout_ms

    @staticmethod
    def _run_stop(name: str, stop: Callable[[], object]) -> None:
        try:
            stop()
        except Exception:  # one part that fails to stop must not keep the others running
            log.exception("stopping the exam's %s failed", name)

    # -- start --------------------------------------------------------------------------
    @contextmanager
    def _undone_on_failure(self, reason: str = "the exam could not be started") -> Iterator[None]:
        """A start step that raises ends the exam: what started stops again, last first."""
        try:
            yield
        except BaseException:
            self.quit(reason)
            raise

    def prepare(self) -> None:
        """Start the engine for this exam while the lockdown checks run: profile and page,
        nothing loaded (``windows.prepare``); ``load_start_page()`` and ``show()`` follow."""
        jsapi.register_scheme()
        with self._undone_on_failure():
            self.windows.prepare()

    def start(self) -> None:
        """Build profile and page, load the start URL, then the window; show it full screen."""
        self.load_start_page()
        self.show()

    def load_start_page(self) -> None:
        """Profile and page (unless ``prepare()`` built them) and ``load(startURL)``: the exam's
        first request leaves. Nothing is shown yet: ``show()`` follows."""
        jsapi.register_scheme()  # no-op when the app did it before QApplication (it must)
        from launcher.app import gui_thread

        gui_thread.install()  # this exam's Qt objects are freed on the GUI thread only
        with self._undone_on_failure():
            self.windows.load()

    def show(self) -> None:
        """The exam window full screen, the keyboard and clipboard guards, the exam's sound."""
        with self._undone_on_failure():
            self.windows.show()
            self.guards.start()
            from launcher.exam import exam_audio

            self.audio = exam_audio.start(self.settings)  # audioMute, audioSetVolumeLevel
            if self.audio is not None:
                self.on_stop("sound", self.audio.end)  # the sound as it was before the exam
        log.info("exam session started")

    def watch(self, machine: Machine | None = None) -> None:
        """Start the watchers of this machine while the exam runs (after ``start()``):
        lockdown monitor, permitted programs, foreign windows (``guards``)."""
        with self._undone_on_failure("the exam's watchers could not be started"):
            self.guards.watch(machine)

    def keep_out_of_captures(self, window: QWidget) -> None:
        """Windows and macOS: the OS keeps ``window`` out of screen captures (``windows``)."""
        self.windows.keep_out_of_captures(window)

    # -- requests from the student and from outside -------------------------------------
    def request_quit(self) -> None:
        """The user asked to quit (button, Alt+F4): password or confirmation first."""
        self.quitting.request()

    def show_dialog(self, dialog: QDialog) -> None:
        """Show ``dialog`` window-modal over the exam as the one dialog asking the user."""
        self.quitting.show_dialog(dialog)

    def lock(self, reason: str, *, source: str = "lockdown") -> None:
        """Put the exam behind the lock screen with ``reason`` shown to the student.

        ``source`` says who locked (``"lockdown"`` for a check of this machine, ``"server"``
        for SEB Server's ``SEB_FORCE_LOCK_SCREEN``); ``locked(source, reason)`` is emitted.
        Locking again while locked updates the reason. The student leaves the lock screen with
        the quit password (or "continue" without one), which emits ``unlocked("user")``.
        """
        self.locking.lock(reason, source)

    def unlock(self, source: str) -> None:
        """Close the lock screen from outside (SEB Server's ``NOTIFICATION_CONFIRM``);
        emits ``unlocked(source)``."""
        self.locking.unlock(source)

    def follow_server(self, server: ServerRequests) -> None:
        """SEB Server's monitor raises what the exam server asks; the exam decides (SEB for
        Windows' ``ServerResponsibility``): quit, lock with the server's message, unlock. The
        monitor follows a reconfigured exam by calling this again on the new session."""
        server.quitRequested.connect(self._server_quit)
        server.lockRequested.connect(self._server_lock)
        server.unlockRequested.connect(self._server_unlock)

    def _server_quit(self) -> None:
        self.quit("exam server")

    def _server_lock(self, message: str) -> None:
        self.lock(message, source="server")

    def _server_unlock(self) -> None:
        self.unlock("server")

    # -- the end --------------------------------------------------------------------------
    def quit(self, reason: str = "", *, clean: bool = True) -> None:
        """End the session now: every part's stop, last first (``stop_order``), then ``finished``.
        ``clean=False`` (the system ended the launcher): everything ends as always, but the exam
        stays marked as interrupted (``enableSessionVerification``)."""
        if self._ending:
            return
        self._ending = True
        _ENDING.add(self)
        self.clean_end = clean
        log.info("exam session ends (%s)", reason or "requested")
        stops, self._stops = self._stops, []
        for name, stop in reversed(stops):
            self._run_stop(name, stop)
        if self._wait_conn is not None:
            QTimer.singleShot(self._wait_ms, self._finish_once)  # in case the signal never comes
        else:
            QTimer.singleShot(0, self._finish_once)

    def _finish_once(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self._wait_conn is not None:
            # (QObject.disconnect(connection): PySide 6.12's signal.disconnect(slot) drops a
            # reference to True on every call, which aborts the interpreter at exit)
            QObject.disconnect(self._wait_conn)
            self._wait_conn = None
        if self.profile is not None and not is_shared(self.profile):
            self.profile.deleteLater()
        self.downloads.close()
        _ENDING.discard(self)
        self.finished.emit()
