"""One running exam: profile, page(s), kiosk window(s), quit and reconfiguration.

One job: turn a loaded configuration (``LoadedConfig`` + ``Settings`` + ``ExamKeys``) into a
locked exam window and end it cleanly. The start path is lean: the profile (user agent, JS API,
interceptor) and the page are built and ``load(startURL)`` is called before any other widget
exists, so the exam's first request leaves as early as possible.

Contract (docs/ARCHITECTURE.md): ``ExamSession(loaded, settings, keys, *, parent=None)``,
``start()``, ``window``, ``profile``, ``quit(reason)``; signals ``finished()``,
``reconfigureRequested(str url, bytes data)``, ``reconfigureRefused(str url)``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from launcher.browser import jsapi
from launcher.browser.interceptor import FORBIDDEN_SCHEMES, ExamInterceptor
from launcher.browser.options import KioskOptions, setting
from launcher.browser.page import KioskPage
from launcher.browser.profile import build_profile, clear_cookies, is_shared
from launcher.config.wire_url import escape_lone_percent
from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS
from launcher.ui.kiosk_window import KioskView, KioskWindow

if TYPE_CHECKING:  # imported where used: not on the exam's start path (PySide builds their enums)
    import tempfile

    from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEngineNewWindowRequest
    from PySide6.QtWidgets import QDialog, QMessageBox

    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

MAX_CONFIG_BYTES = 32 * 1024 * 1024
# Crashed pages reloaded automatically per session; after that the student retries by hand.
MAX_AUTO_RELOADS = 3
# The taskbar's system items come with the first page, or after this long when it is slow.
AFTER_FIRST_PAGE_LATEST_MS = 1500
SEB_MIME_TYPES = frozenset(("application/seb", "application/x-seb", "application/x-safeexambrowser"))


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
        self.profile: QWebEngineProfile | None = None
        self.page: KioskPage | None = None
        self.window: KioskWindow | None = None
        self.extra_windows: list[KioskWindow] = []
        self.interceptor: ExamInterceptor | None = None
        self.active_dialog: Any = None  # the dialog currently asking the user (tests drive it)
        self._filter: Any = None
        self._is_quit: Any = None
        self._ending = False
        self._finished = False
        self._crashes = 0
        self._download_conn: Any = None
        self._cache_conn: Any = None
        self._reconfig_link: str | None = None
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None
        self.initial_cookies: list[Any] = []  # QNetworkCookies to start with (a sign-in's)
        self.input_guard: Any = None  # launcher.exam.input_guard.InputGuard, from start()
        self.clipboard_guard: Any = None  # launcher.exam.clipboard_guard.ClipboardGuard
        self.lock_screen: Any = None  # launcher.ui.lock_screen.LockScreen, once locked
        self._stopped_watch: Any = None
        self._logind_watch: Any = None
        self._inhibitor: Any = None
        self._interrupted: Any = None
        self.restart_button: Any = None  # launcher.ui.restart_exam.RestartExamButton when configured
        self.log_button: Any = None  # launcher.ui.log_window.ApplicationLogButton when configured
        self.backdrop: Any = None  # launcher.ui.window_mode.Backdrop behind a window-mode exam
        self.taskbar_items: dict[str, Any] = {}  # launcher.ui.taskbar_items: battery, network, keyboard
        self.audio: Any = None  # launcher.exam.exam_audio.ExamAudio: mute/volume for the exam
        self._after_first_page_conn: Any = None
        # capture exclusion and system keys: this OS, and test doubles for its DLL loader /
        # Objective-C runtime
        self.os_platform: str = sys.platform
        self.os_loader: Any = None
        self.os_runtime: Any = None
        self.is_locked = False  # the lock screen is up
        self.lock_source = ""  # who locked: "lockdown", "server", ...
        # where allowed downloads go (the user's download folder unless set before start())
        self.download_dir: str = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        )

    # -- start --------------------------------------------------------------------------
    def start(self) -> None:
        """Build profile and page, load the start URL, then the window; show it full screen."""
        opt = self.options
        jsapi.register_scheme()  # no-op when the app did it before QApplication (it must)
        from launcher.app import gui_thread

        gui_thread.install()  # this exam's Qt objects are freed on the GUI thread only
        self._filter = _make_filter(self.settings)
        self.profile = build_profile(opt, self.keys, self)
        for cookie in self.initial_cookies:  # before the first request (launcher.opening.signin)
            self.profile.cookieStore().setCookie(cookie)
        self._is_quit = _quit_predicate(opt.quit_url)
        self.interceptor = ExamInterceptor(
            self.keys,
            send_keys=opt.send_keys,
            url_filter=self._filter,
            filter_content=self._filter is not None and self._filter.content_enabled,
            is_quit=self._is_quit,
            parent=self,
        )
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.page = self._new_page()
        view = KioskView()
        view.setPage(self.page)
        if opt.start_url:
            self.page.load(QUrl(escape_lone_percent(opt.start_url)))  # first request goes out now
        else:
            log.warning("the configuration has no start URL")
        # the rest of the UI
        self.interceptor.quitUrlRequested.connect(self._on_quit_url, _queued())
        self._download_conn = self.profile.downloadRequested.connect(self._on_download)
        self.window = KioskWindow(opt, view=view)
        self.window.attach(self.page)
        self.window.quitRequested.connect(self.request_quit)
        self.window.reloadRequested.connect(lambda: self._reload(self.window))
        self.window.printRequested.connect(lambda: self._print(self.window))
        if getattr(self.settings, "restart_exam_url", ""):
            from launcher.ui.restart_exam import RestartExamButton

            self.restart_button = RestartExamButton(self)
        if getattr(self.settings, "allow_application_log", False) and self.settings.show_application_log_button:
            from launcher.ui.log_window import ApplicationLogButton

            self.log_button = ApplicationLogButton(self)
        from launcher.ui.taskbar_items import apply_visibility

        apply_visibility(self.window, self.settings)
        # The system items (battery, network, keyboard layout) and the settings report wait for
        # the first page: the interceptor runs on this thread, so all work done here delays the
        # exam's first request.
        self._after_first_page_conn = self.page.loadFinished.connect(self._after_first_page)
        QTimer.singleShot(AFTER_FIRST_PAGE_LATEST_MS, self, self._after_first_page)
        self._show_main_window()
        self.keep_out_of_captures(self.window)
        self.window.activateWindow()
        self._start_lockdown()
        from launcher.exam import exam_audio

        self.audio = exam_audio.start(self.settings)  # audioMute, audioSetVolumeLevel
        log.info("exam session started")

    def keep_out_of_captures(self, window: Any) -> None:
        """Windows and macOS: the OS keeps this exam window out of screenshots, recordings and
        screen sharing unless ``allowScreenSharing`` (``launcher.platform.capture_exclusion``).
        X11 and Wayland have no such request."""
        if self.os_platform not in NATIVE_LOCKDOWN_PLATFORMS:
            return
        from launcher.platform.capture_exclusion import exclude

        allow = bool(getattr(self.settings, "allow_screen_sharing", False))
        if exclude(int(window.winId()), allow_capture=allow, platform=self.os_platform,
                   loader=self.os_loader, runtime=self.os_runtime) and not allow:
            log.info("an exam window is kept out of screen captures")

    def _after_first_page(self, *_args: Any) -> None:
        """The taskbar's system items and the log's report of unhonoured settings, once the first
        page has loaded (or after ``AFTER_FIRST_PAGE_LATEST_MS`` at the latest)."""
        if self._after_first_page_conn is None or self._ending or self.window is None:
            return
        QObject.disconnect(self._after_first_page_conn)  # (not signal.disconnect: see quit())
        self._after_first_page_conn = None
        from launcher.ui import taskbar_items

        self.taskbar_items = taskbar_items.install(self)
        _log_coverage(self.settings)

    def _start_lockdown(self) -> None:
        """Keyboard grab and key table, clipboard policy, lock screen and its triggers."""
        from launcher.exam.input_guard import InputGuard

        system_keys = None
        if self.os_platform in NATIVE_LOCKDOWN_PLATFORMS:  # Windows' hook, macOS' presentation
            from launcher.platform.system_keys import SystemKeys

            system_keys = SystemKeys(self.options, self.os_platform, loader=self.os_loader, runtime=self.os_runtime)
        self.input_guard = InputGuard(
            self.options,
            system_keys=system_keys,
            windows=lambda: [w for w in (self.window, *self.extra_windows) if w is not None],
            on_quit_key=self.request_quit,
            on_focus_lost=lambda: self._lock_for(
                "focus-lost", "", "the exam window lost the focus for more than 2 s",
                self.tr("The exam window lost the keyboard focus."),
            ),
            parent=self,
        )
        self.input_guard.install()
        from launcher.exam.clipboard_guard import ClipboardGuard

        self.clipboard_guard = ClipboardGuard(self.options.clipboard_policy, self)
        self.clipboard_guard.start()
        assert self.window is not None
        self.input_guard.hold_keyboard(self.window)
        QTimer.singleShot(0, self._start_lock_triggers)  # D-Bus calls: after the window is up

    def _start_lock_triggers(self) -> None:
        """Stopped process, session changes, interrupted exams; keep the machine awake."""
        if self._ending:
            return
        from launcher.exam import lock_triggers as lt

        opt = self.options
        if opt.detect_stopped_process:
            self._stopped_watch = lt.StoppedProcessWatch(parent=self)
            self._stopped_watch.stopped.connect(self._on_stopped)
            self._stopped_watch.start()
        if opt.session_change_locks:
            self._logind_watch = lt.LogindSessionWatch(self)
            self._logind_watch.inactive.connect(lambda: self._lock_for(
                "session-inactive", "disableSessionChangeLockScreen",
                "the login session became inactive (VT or user switch, or the OS lock screen)",
                self.tr("The computer switched to another session or was locked."),
            ))
            self._logind_watch.start()
        self._inhibitor = lt.SleepInhibitor(
            display=opt.display_always_on, system=opt.system_always_on, platform=self.os_platform,
            loader=self.os_loader, parent=self,
        )
        self._inhibitor.start()
        self._verify_session()

    def _on_stopped(self, seconds: float) -> None:
        self._lock_for(
            "stopped-process", "detectStoppedProcess", f"the launcher was stopped for {seconds:.0f} s",
            self.tr("The exam was interrupted: the program was stopped."),
        )

    def _lock_for(self, check: str, key: str, evidence: str, reason: str) -> None:
        """Lock for a violation found while the exam runs; the log line names check, key and evidence."""
        from launcher.lockdown.violations import Violation

        found = Violation(check, key, evidence)
        log.warning("lockdown %s (%s): %s", found.check, found.key or "no single key", found.evidence)
        self.lock(reason, source="lockdown")

    def _verify_session(self) -> None:
        """``enableSessionVerification``: an exam with a quit password that did not end cleanly
        last time starts behind the lock screen."""
        config_key = getattr(self.keys, "config_key", "")
        if not (self.options.session_verification and self.options.hashed_quit_password and config_key):
            return
        from launcher.lockdown.interrupted import InterruptedExams, default_state_dir

        self._interrupted = InterruptedExams(default_state_dir())
        if self._interrupted.was_interrupted(config_key):
            self._lock_for(
                "session-verification", "enableSessionVerification",
                "this exam did not end cleanly last time",
                self.tr("This exam did not end properly last time. Ask the invigilator to unlock it."),
            )
        self._interrupted.begin(config_key)

    def _show_main_window(self) -> None:
        """Full screen, or SEB's window mode over a backdrop (``browserViewMode`` 0 with a
        window smaller than the screen)."""
        assert self.window is not None
        mode = getattr(getattr(self.settings, "raw", None), "get", lambda _key: None)("browserViewMode")
        if mode != 0 or isinstance(mode, bool):
            self.window.showFullScreen()  # the kiosk's default: nothing to compute or import
            return
        from launcher.config.window_layout import main_window
        from launcher.ui.window_mode import raw_of, show_window

        raw = raw_of(self.settings)
        self.backdrop = show_window(self.window, main_window(raw))

    def _new_page(self, options: KioskOptions | None = None) -> KioskPage:
        assert self.profile is not None
        page = KioskPage(self.profile, options or self.options, self._filter, self, is_quit=self._is_quit)
        page.sebLinkRequested.connect(self._on_seb_link)
        page.quitUrlRequested.connect(self._on_quit_url)
        page.newWindowRequested.connect(lambda req, p=page: self._on_new_window(p, req))
        page.renderProcessTerminated.connect(
            lambda status, code, p=page: self._on_crash(p, status, code)
        )
        return page

    # -- quitting -----------------------------------------------------------------------
    def request_quit(self) -> None:
        """The user asked to quit (button, Alt+F4): password or confirmation first."""
        if self._ending or self.window is None:
            return
        if not self.options.allow_quit:
            log.info("quit refused: the exam does not allow quitting")
            return
        if self.active_dialog is not None:
            return
        hashed = self.options.hashed_quit_password
        dialog: QDialog
        if hashed:
            from launcher.config.passwords import check_password
            from launcher.ui.quit_dialog import QuitPasswordDialog

            dialog = QuitPasswordDialog(hashed, check_password, self.window)
            dialog.accepted.connect(lambda: self.quit("password"))
        else:
            dialog = _question(
                self.window,
                self.tr("Quit the exam"),
                self.tr("Do you really want to quit the exam?"),
            )
            dialog.accepted.connect(lambda: self.quit("user"))
        self._show_dialog(dialog)

    def _on_quit_url(self, _url: str) -> None:
        if self._ending:
            return
        if getattr(self.settings, "quit_url_restart", False):
            self._reset()
            return
        if not self.options.quit_url_confirm:
            self.quit("quit URL")
            return
        if self.active_dialog is not None:
            return
        dialog = _question(
            self.window,
            self.tr("Quit the exam"),
            self.tr("The exam is finished. Do you want to quit now?"),
        )
        dialog.accepted.connect(lambda: self.quit("quit URL"))
        dialog.rejected.connect(self._quit_url_declined)
        self._show_dialog(dialog)

    def _quit_url_declined(self) -> None:
        if self.interceptor is not None:
            self.interceptor.reset_quit()

    def show_dialog(self, dialog: Any) -> None:
        """Show ``dialog`` window-modal over the exam as the one dialog asking the user."""
        self._show_dialog(dialog)

    def _reset(self) -> None:
        """``quitURLRestart``: as SEB for Windows' browser reset on the quit URL — the exam's
        other windows close, its cookies go, and the exam window starts over at the start URL."""
        log.info("quit URL reached: the exam starts over (quitURLRestart)")
        if self.active_dialog is not None:
            self.active_dialog.done(0)
        for win in list(self.extra_windows):
            self._close_extra(win)
        if self.profile is not None:
            self.profile.cookieStore().deleteAllCookies()
        if self.interceptor is not None:
            self.interceptor.reset_quit()
        if self.page is not None and self.options.start_url:
            self.page.load(QUrl(escape_lone_percent(self.options.start_url)))

    def _show_dialog(self, dialog: Any) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_done(dialog))
        from launcher.ui import exam_dialog

        exam_dialog.prepare(dialog, over_exam=True)  # no minimize/maximize, the whole title
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # window-modal, non-blocking (what QDialog.open does; QPrintDialog.open wants a slot)
        if self.input_guard is not None:  # the dialog needs the keyboard while it is shown
            self.input_guard.hold_keyboard(dialog)

    def _dialog_done(self, dialog: Any) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        if self.input_guard is not None:
            self.input_guard.release_keyboard(dialog)

    def quit(self, reason: str = "", *, clean: bool = True) -> None:
        """End the session now: close windows, clear cookies as configured, emit ``finished``.
        ``clean=False`` (the system ended the launcher): everything ends as always, but the exam
        stays marked as interrupted (``enableSessionVerification``)."""
        if self._ending:
            return
        self._ending = True
        log.info("exam session ends (%s)", reason or "requested")
        self._stop_lockdown(clean=clean)
        if self.audio is not None:
            self.audio.end()  # the sound as it was before the exam
        if self.active_dialog is not None:
            self.active_dialog.done(0)
            self.active_dialog = None
        wait_for_cache = False
        if self.profile is not None and self.options.clear_cookies_on_end and not self.profile.isOffTheRecord():
            # the next session may start on this profile only once the cache is really empty
            self._cache_conn = self.profile.clearHttpCacheCompleted.connect(self._finish_once)
            clear_cookies(self.profile)
            wait_for_cache = True
        if self.profile is not None:
            self.profile.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # Qt takes nullptr; PySide6's stubs do not say so
            if self._download_conn is not None:
                # (QObject.disconnect(connection): PySide 6.12's signal.disconnect(slot) drops
                # a reference to True on every call, which aborts the interpreter at exit)
                QObject.disconnect(self._download_conn)
                self._download_conn = None
        pages: list[QWebEnginePage] = []
        for win in [*self.extra_windows, self.window]:
            if win is None:
                continue
            pages.append(win.view.page())
            win.allow_close()
            win.close()
        if self.backdrop is not None:
            self.backdrop.close()
            self.backdrop.deleteLater()
            self.backdrop = None
        for page in pages:
            page.deleteLater()
        for win in [*self.extra_windows, self.window]:
            if win is not None:
                win.deleteLater()
        self.extra_windows.clear()
        if wait_for_cache:
            QTimer.singleShot(5_000, self._finish_once)  # in case the engine never reports back
        else:
            QTimer.singleShot(0, self._finish_once)

    def _stop_lockdown(self, *, clean: bool = True) -> None:
        for part in (self._stopped_watch, self._logind_watch, self._inhibitor):
            if part is not None:
                part.stop()
        if self._interrupted is not None and clean:
            self._interrupted.end(getattr(self.keys, "config_key", ""))
        if self.lock_screen is not None:
            self.lock_screen.close()
        if self.input_guard is not None:
            self.input_guard.uninstall()
        if self.clipboard_guard is not None:
            self.clipboard_guard.stop()

    def _finish_once(self) -> None:
        if self._finished:
            return
        self._finished = True
        if self._cache_conn is not None:
            QObject.disconnect(self._cache_conn)
            self._cache_conn = None
        self._finish()

    def _finish(self) -> None:
        if self.profile is not None and not is_shared(self.profile):
            self.profile.deleteLater()
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None
        self.finished.emit()

    # -- lock screen --------------------------------------------------------------------
    def lock(self, reason: str, *, source: str = "lockdown") -> None:
        """Put the exam behind the lock screen with ``reason`` shown to the student.

        ``source`` says who locked (``"lockdown"`` for a check of this machine, ``"server"``
        for SEB Server's ``SEB_FORCE_LOCK_SCREEN``); ``locked(source, reason)`` is emitted.
        Locking again while locked updates the reason. The student leaves the lock screen with
        the quit password (or "continue" without one), which emits ``unlocked("user")``.
        """
        if self._ending:
            return
        if self.window is not None:
            from launcher.ui.lock_screen import LockScreen

            if self.lock_screen is None:
                from launcher.config.passwords import check_password

                self.lock_screen = LockScreen(self.options, check_password, self)
                self.lock_screen.unlockRequested.connect(lambda: self._unlock("user"))
                self.lock_screen.quitRequested.connect(lambda: self.quit("quit from the lock screen"))
                self.lock_screen.windowShown.connect(self._lock_window_shown)
                self.lock_screen.windowClosed.connect(self._lock_window_closed)
            if self.active_dialog is not None:  # a question under the lock screen makes no sense
                self.active_dialog.done(0)
                self.active_dialog = None
            for win in (self.window, *self.extra_windows):
                win.setEnabled(False)  # no click or key reaches the exam while locked
            self.lock_screen.show(reason)
        self.is_locked = True
        self.lock_source = source
        log.warning("exam locked by %s: %s", source, reason)
        self.locked.emit(source, reason)

    def unlock(self, source: str) -> None:
        """Close the lock screen from outside (SEB Server's ``NOTIFICATION_CONFIRM``);
        emits ``unlocked(source)``."""
        self._unlock(source)

    def _unlock(self, source: str) -> None:
        if not self.is_locked:
            return
        self.is_locked = False
        self.lock_source = ""
        if self.lock_screen is not None:
            self.lock_screen.close()
        for win in (self.window, *self.extra_windows):
            if win is not None:
                win.setEnabled(True)
        if self.window is not None:
            self.window.raise_()
            self.window.activateWindow()
        log.info("exam unlocked by %s", source)
        self.unlocked.emit(source)

    def _lock_window_shown(self, window: Any) -> None:
        if self.input_guard is not None:
            self.input_guard.watch(window)
            if getattr(window, "primary", False):
                self.input_guard.hold_keyboard(window)

    def _lock_window_closed(self, window: Any) -> None:
        if self.input_guard is not None:
            self.input_guard.release_keyboard(window)

    # -- reload, print ------------------------------------------------------------------
    def _reload(self, window: KioskWindow) -> None:
        options = window.options  # a window the exam opened has its own (newBrowserWindow…)
        if not options.allow_reload or self.active_dialog is not None:
            return
        page = window.view.page()
        if not options.show_reload_warning:
            page.triggerAction(QWebEnginePage.WebAction.Reload)
            return
        dialog = _question(
            window,
            self.tr("Reload"),
            self.tr("Reload this page? Answers you have not saved may be lost."),
        )
        dialog.accepted.connect(lambda: page.triggerAction(QWebEnginePage.WebAction.Reload))
        self._show_dialog(dialog)

    def _print(self, window: KioskWindow) -> None:
        if not self.options.allow_print:
            log.info("printing refused: not allowed")
            window.taskbar.show_notice(self.tr("Printing is not allowed in this exam."))
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, window)
        dialog.accepted.connect(lambda: window.view.print(printer))
        self._print_keep = printer
        self._show_dialog(dialog)

    # -- new windows --------------------------------------------------------------------
    def _on_new_window(self, source: KioskPage, request: QWebEngineNewWindowRequest) -> None:
        if self._ending:  # a page that is going away asked: no window outlives the exam
            return
        url = request.requestedUrl()
        if url.scheme().lower() in FORBIDDEN_SCHEMES:
            log.info("refused a new window for a %s: URL", url.scheme())
            return
        user = request.isUserInitiated()
        policy = self.options.link_policy if user else self.options.script_policy
        if policy == 0:
            log.info("new window blocked (%s policy)", "link" if user else "script")
            return
        if _blocks_foreign(self.settings, user) and url.host().lower() != source.url().host().lower():
            # SEB for Windows' PopupPolicy AllowSameHost / AllowSameHostAndWindow
            log.info("new window to another host blocked (%s policy)", "link" if user else "script")
            return
        if policy == 1:
            source.load(url)
            return
        options = _new_window_options(self.options, self.settings)
        page = self._new_page(options)
        win = KioskWindow(options, secondary=True)
        win.view.setPage(page)
        request.openIn(page)
        win.attach(page)
        win.closeRequested.connect(lambda w=win: self._close_extra(w))
        win.reloadRequested.connect(lambda w=win: self._reload(w))
        win.printRequested.connect(lambda w=win: self._print(w))
        self.extra_windows.append(win)
        from launcher.config.window_layout import new_window
        from launcher.ui.taskbar_items import apply_visibility
        from launcher.ui.window_mode import raw_of, show_new_window

        apply_visibility(win, self.settings)
        show_new_window(win, new_window(raw_of(self.settings)))
        self.keep_out_of_captures(win)
        if self.is_locked:  # opened by the page behind the lock screen: stays behind it
            win.setEnabled(False)
            if self.input_guard is not None:
                self.input_guard.watch(win)
            if self.lock_screen is not None and self.lock_screen.primary is not None:
                for cover in self.lock_screen.windows:
                    cover.raise_()
                self.lock_screen.primary.activateWindow()
            return
        win.activateWindow()
        if self.input_guard is not None:
            self.input_guard.hold_keyboard(win)

    def _close_extra(self, win: KioskWindow) -> None:
        if win in self.extra_windows:
            self.extra_windows.remove(win)
            if self.input_guard is not None:
                self.input_guard.release_keyboard(win)
            page = win.view.page()
            win.allow_close()
            win.close()
            page.deleteLater()
            win.deleteLater()

    # -- crashes ------------------------------------------------------------------------
    def _on_crash(self, page: KioskPage, status: Any, code: int) -> None:
        if self._ending or status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        self._crashes += 1
        log.warning("exam page renderer ended (%s, %s), crash %d", status.name, code, self._crashes)
        win = next((w for w in [self.window, *self.extra_windows] if w and w.view.page() is page), None)
        if self._crashes > MAX_AUTO_RELOADS:
            # keeps crashing: do not spin; let the student (or invigilator) retry
            if win is not None:
                win.taskbar.show_notice(
                    self.tr("The exam page keeps stopping. Retry when you are ready."), retry=True
                )
            return
        if win is not None:
            win.taskbar.show_notice(self.tr("The exam page stopped working and was reloaded."))
        QTimer.singleShot(0, page, lambda: page.triggerAction(QWebEnginePage.WebAction.Reload))

    # -- reconfiguration, downloads -----------------------------------------------------
    def _may_reconfigure(self, url: str) -> bool:
        from launcher.config.navigation import may_reconfigure

        return bool(may_reconfigure(self.settings, url))

    def _refuse(self, url: str) -> None:
        log.info("reconfiguration refused by the exam's settings")
        if self.window is not None:
            self.window.taskbar.show_notice(
                self.tr("This exam does not allow opening another exam configuration.")
            )
        self.reconfigureRefused.emit(url)

    def _on_seb_link(self, url: str) -> None:
        if self._ending:
            return
        if not self._may_reconfigure(url):
            self._refuse(url)
            return
        from launcher.config.navigation import seb_link_to_http

        http_url = seb_link_to_http(url)
        self._reconfig_link = url
        assert self.page is not None
        self.page.download(QUrl(http_url))  # with the exam's cookies, through the interceptor

    def _on_download(self, download: QWebEngineDownloadRequest) -> None:
        url = jsapi.url_without_fragment(download.url()).decode("ascii", "replace")
        name = download.downloadFileName().lower()
        is_seb = (
            self._reconfig_link is not None
            or name.endswith(".seb")
            or download.mimeType().lower() in SEB_MIME_TYPES
            or QUrl(url).path().lower().endswith(".seb")
        )
        if is_seb:
            link = self._reconfig_link or url
            self._reconfig_link = None
            if link == url and not self._may_reconfigure(url):
                download.cancel()
                self._refuse(url)
                return
            if download.totalBytes() > MAX_CONFIG_BYTES:
                download.cancel()
                self._refuse(link)
                return
            if self._tmpdir is None:
                import tempfile

                self._tmpdir = tempfile.TemporaryDirectory(prefix="seb-launcher-")
            download.setDownloadDirectory(self._tmpdir.name)
            download.setDownloadFileName("reconfigure.seb")
            download.isFinishedChanged.connect(lambda d=download, u=link: self._config_downloaded(d, u))
            download.accept()
            return
        if not self.options.allow_downloads:
            log.info("download refused: downloads are not allowed")
            download.cancel()
            if self.window is not None:
                self.window.taskbar.show_notice(self.tr("Downloading files is not allowed in this exam."))
            return
        if self.download_dir:
            download.setDownloadDirectory(self.download_dir)
        download.accept()
        if self.window is not None:
            self.window.taskbar.show_notice(
                self.tr("Downloaded: %1").replace("%1", download.downloadFileName())
            )

    def _config_downloaded(self, download: QWebEngineDownloadRequest, url: str) -> None:
        if not download.isFinished() or self._ending:  # ended meanwhile: its windows are gone
            return
        path = os.path.join(download.downloadDirectory(), download.downloadFileName())
        # Done with it: a finished download left to its profile's destructor makes Qt delete an
        # object it still shares (a crash when that profile goes, e.g. the sign-in browser's).
        download.deleteLater()
        from PySide6.QtWebEngineCore import QWebEngineDownloadRequest

        if download.state() != QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            log.warning("configuration download failed: %s", download.interruptReasonString())
            if self.window is not None:
                self.window.taskbar.show_notice(self.tr("The exam configuration could not be downloaded."))
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_CONFIG_BYTES + 1)
        finally:
            try:
                os.remove(path)
            except OSError:
                pass
        if len(data) > MAX_CONFIG_BYTES:
            self._refuse(url)
            return
        log.info("configuration downloaded for reconfiguration (%d bytes)", len(data))
        self.reconfigureRequested.emit(url, data)


def _queued() -> Any:
    from PySide6.QtCore import Qt

    return Qt.ConnectionType.QueuedConnection


def _question(parent: Any, title: str, text: str) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    # QMessageBox.open() finishes with the button code; map Yes/No onto accepted/rejected
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(box.accept)
    box.button(QMessageBox.StandardButton.No).clicked.connect(box.reject)
    return box


def _make_filter(settings: Any) -> Any:
    """The core's compiled URL filter, or None when filtering is off."""
    if not bool(setting(settings, "URLFilterEnable")):
        return None
    from launcher.config.urlfilter import UrlFilter

    return UrlFilter.from_settings(settings)


def _blocks_foreign(settings: Any, user: bool) -> bool:
    """New windows only to the opener's host? SEB for Windows applies
    ``newBrowserWindowByLinkBlockForeign`` to every new window; SEB for macOS has
    ``…ByScriptBlockForeign`` for script-opened ones: either one blocks a script's."""
    link = bool(setting(settings, "newBrowserWindowByLinkBlockForeign"))
    return link if user else link or bool(setting(settings, "newBrowserWindowByScriptBlockForeign"))


def _new_window_options(options: KioskOptions, settings: Any) -> KioskOptions:
    """The kiosk options of a window the exam opens: SEB's ``newBrowserWindow…`` keys for
    reload, its warning and back/forward."""
    from dataclasses import replace

    return replace(
        options,
        allow_reload=bool(setting(settings, "newBrowserWindowAllowReload")),
        show_reload_warning=bool(setting(settings, "newBrowserWindowShowReloadWarning")),
        allow_back_forward=bool(setting(settings, "newBrowserWindowNavigation")),
    )


def _log_coverage(settings: Any) -> None:
    """Name in the log what the configuration asks for that this launcher does not honour."""
    from collections.abc import Mapping

    from launcher.config.coverage import log_unhonoured

    raw = getattr(settings, "raw", None)
    if isinstance(raw, Mapping):
        log_unhonoured(raw)


def _quit_predicate(quit_url: str) -> Any:
    if not quit_url:
        return None
    from launcher.config.navigation import is_quit_url

    return lambda url: is_quit_url(url, quit_url)
