"""The running exam's pages and windows: profile, interceptor, the exam window and the windows
the exam opens, crashed pages, reload and print.

One job (a part of :class:`launcher.exam.session.ExamSession`, as qutebrowser's ``WebEngineTab``
is made of its zoom, search, printing … parts): build the profile and the first page and load the
start URL before any other widget exists, so the exam's first request leaves as early as
possible; then the kiosk window, the new windows the exam's links and scripts open (SEB's
``newBrowserWindow…`` policies), reload and print, and a crashed renderer reloaded (at most
``MAX_AUTO_RELOADS`` times). ``close()`` takes every window and page down (the session's stop).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from launcher.browser.interceptor import FORBIDDEN_SCHEMES, ExamInterceptor
from launcher.browser.options import KioskOptions
from launcher.browser.page import KioskPage
from launcher.browser.profile import build_profile, clear_cookies
from launcher.config.wire_url import escape_lone_percent
from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS
from launcher.ui.kiosk_view import KioskView

if TYPE_CHECKING:  # imported where used: not on the exam's start path (PySide builds their enums)
    from launcher.ui.kiosk_window import KioskWindow
    from PySide6.QtWebEngineCore import QWebEngineNewWindowRequest
    from PySide6.QtWidgets import QMessageBox, QWidget

    from launcher.config.settings import Settings
    from launcher.config.urlfilter import UrlFilter
    from launcher.exam.session import ExamSession

log = logging.getLogger(__name__)

# Crashed pages reloaded automatically per session; after that the student retries by hand.
MAX_AUTO_RELOADS = 3
# The taskbar's system items come with the first page, or after this long when it is slow.
AFTER_FIRST_PAGE_LATEST_MS = 1500


class ExamWindows(QObject):
    """``session.windows``: opens the exam's profile, first page and window (``open()``), the
    windows the exam opens later, and closes them all (``close()``). The session keeps what
    others read: ``profile``, ``interceptor``, ``page``, ``window``, ``extra_windows``."""

    def __init__(self, session: ExamSession) -> None:
        super().__init__(session)
        self.session = session
        self.url_filter: Any = None  # the core's compiled UrlFilter, None when filtering is off
        self.is_quit: Any = None  # the quit-URL predicate, None without a quit URL
        self.crashes = 0
        self._after_first_page_conn: Any = None
        self._view: KioskView | None = None  # the exam page's view, until the window holds it

    # -- start --------------------------------------------------------------------------
    def prepare(self) -> None:
        """The engine's part of the start, before the lockdown checks have passed: profile,
        interceptor, page and its view — no request leaves (nothing is loaded). Built while the
        checks run on a worker thread (``launcher.opening.exam_start``); ``load()`` then loads,
        and ``show()`` builds the window once the first request has left. Once."""
        if self.session.page is None:
            self._engine()

    def open(self) -> None:
        """Profile and page first, ``load(startURL)``, then the window, shown and activated."""
        self.load()
        self.show()

    def load(self) -> None:
        """Profile and page (unless prepared), then ``load(startURL)``: the first request."""
        s = self.session
        if s.page is None:
            self._engine()
        assert s.page is not None
        if s.options.start_url:
            s.page.load(QUrl(escape_lone_percent(s.options.start_url)))  # first request goes out now
        else:
            log.warning("the configuration has no start URL")

    def show(self) -> None:
        """The kiosk window (unless prepared), shown full screen and activated."""
        s = self.session
        if s.window is None:
            self._window()
        assert s.window is not None and s.page is not None
        # The system items (battery, network, keyboard layout) and the settings report wait for
        # the first page: the interceptor runs on this thread, so all work done here delays the
        # exam's first request.
        self._after_first_page_conn = s.page.loadFinished.connect(self._after_first_page)
        QTimer.singleShot(AFTER_FIRST_PAGE_LATEST_MS, self, self._after_first_page)
        self._show_main_window()
        self.keep_out_of_captures(s.window)
        s.window.activateWindow()

    def _engine(self) -> None:
        """Profile (the engine starts with it), interceptor, page, view."""
        s = self.session
        opt = s.options
        s.on_stop("windows", self.close)  # last: every exam window, once all else has stopped
        self.url_filter = _make_filter(s.settings)
        s.profile = build_profile(opt, s.keys, s)
        for cookie in s.initial_cookies:  # before the first request (launcher.opening.signin)
            s.profile.cookieStore().setCookie(cookie)
        self.is_quit = _quit_predicate(opt.quit_url)
        s.interceptor = ExamInterceptor(
            s.keys,
            send_keys=opt.send_keys,
            url_filter=self.url_filter,
            filter_content=self.url_filter is not None and self.url_filter.content_enabled,
            is_quit=self.is_quit,
            parent=s,
        )
        s.profile.setUrlRequestInterceptor(s.interceptor)
        s.on_stop("profile", self._end_profile)
        s.page = self.new_page()
        self._view = KioskView()
        self._view.setPage(s.page)

    def _window(self) -> None:
        """The kiosk window around the view, its buttons and taskbar (not shown yet)."""
        s = self.session
        opt = s.options
        assert s.interceptor is not None and s.profile is not None and s.page is not None
        from PySide6.QtCore import Qt  # its enums are built after the first request (app_attributes)

        s.interceptor.quitUrlRequested.connect(s.quitting.on_quit_url, Qt.ConnectionType.QueuedConnection)
        s.downloads.watch(s.profile)
        assert self._view is not None
        from launcher.ui.kiosk_window import KioskWindow  # after the first request: its module is large

        s.window = KioskWindow(opt, view=self._view)
        s.on_stop("the dialog asking", s.quitting.close_dialog)
        s.window.attach(s.page)
        s.window.quitRequested.connect(s.request_quit)
        s.window.reloadRequested.connect(partial(self.reload_page, s.window))
        s.window.printRequested.connect(partial(self.print_page, s.window))
        if s.settings.restart_exam_url:
            from launcher.ui.restart_exam import RestartExamButton

            s.restart_button = RestartExamButton(s)
        if s.settings.allow_application_log and s.settings.show_application_log_button:
            from launcher.ui.log_window import ApplicationLogButton

            s.log_button = ApplicationLogButton(s)
        from launcher.ui.taskbar_items import apply_visibility

        apply_visibility(s.window, s.settings)

    def keep_out_of_captures(self, window: QWidget) -> None:
        """Windows and macOS: the OS keeps this exam window out of screenshots, recordings and
        screen sharing unless ``allowScreenSharing`` (``launcher.platform.capture_exclusion``).
        X11 and Wayland have no such request."""
        s = self.session
        if s.os_platform not in NATIVE_LOCKDOWN_PLATFORMS:
            return
        from launcher.platform.capture_exclusion import exclude

        allow = s.settings.allow_screen_sharing
        if exclude(int(window.winId()), allow_capture=allow, platform=s.os_platform,
                   loader=s.os_loader, runtime=s.os_runtime) and not allow:
            log.info("an exam window is kept out of screen captures")

    def _after_first_page(self, *_args: Any) -> None:
        """The taskbar's system items and the log's report of unhonoured settings, once the first
        page has loaded (or after ``AFTER_FIRST_PAGE_LATEST_MS`` at the latest)."""
        s = self.session
        if self._after_first_page_conn is None or s.ending or s.window is None:
            return
        QObject.disconnect(self._after_first_page_conn)  # (not signal.disconnect: see ExamSession.quit)
        self._after_first_page_conn = None
        from launcher.ui import taskbar_items

        s.taskbar_items = taskbar_items.install(s.window, s.settings)
        _log_coverage(s.settings)

    def _show_main_window(self) -> None:
        """Full screen, or SEB's window mode over a backdrop (``browserViewMode`` 0 with a
        window smaller than the screen)."""
        s = self.session
        assert s.window is not None
        if not s.settings.window_mode:
            s.window.showFullScreen()  # the kiosk's default: nothing to compute or import
            return
        from launcher.config.window_layout import main_window
        from launcher.ui.window_mode import show_window

        s.backdrop = show_window(s.window, main_window(s.settings.raw))

    def new_page(self, options: KioskOptions | None = None) -> KioskPage:
        s = self.session
        assert s.profile is not None
        page = KioskPage(s.profile, options or s.options, self.url_filter, s, is_quit=self.is_quit)
        page.sebLinkRequested.connect(s.downloads.on_seb_link)
        page.quitUrlRequested.connect(s.quitting.on_quit_url)
        page.newWindowRequested.connect(partial(self.on_new_window, page))
        page.renderProcessTerminated.connect(partial(self.on_crash, page))
        return page

    def all_windows(self) -> list[KioskWindow]:
        """The exam window and the windows it opened."""
        s = self.session
        return [w for w in (s.window, *s.extra_windows) if w is not None]

    # -- reload, print ------------------------------------------------------------------
    def reload_page(self, window: KioskWindow) -> None:
        s = self.session
        options = window.options  # a window the exam opened has its own (newBrowserWindow…)
        if not options.allow_reload or s.active_dialog is not None:
            return
        page = window.view.page()
        if not options.show_reload_warning:
            page.triggerAction(QWebEnginePage.WebAction.Reload)
            return
        dialog = question(
            window,
            QCoreApplication.translate("ExamSession", "Reload"),
            QCoreApplication.translate("ExamSession", "Reload this page? Answers you have not saved may be lost."),
        )
        dialog.accepted.connect(partial(page.triggerAction, QWebEnginePage.WebAction.Reload))
        s.show_dialog(dialog)

    def print_page(self, window: KioskWindow) -> None:
        s = self.session
        if not s.options.allow_print:
            log.info("printing refused: not allowed")
            window.taskbar.show_notice(QCoreApplication.translate("ExamSession", "Printing is not allowed in this exam."))
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, window)
        dialog.accepted.connect(partial(window.view.print, printer))
        self._print_keep = printer
        s.show_dialog(dialog)

    # -- new windows --------------------------------------------------------------------
    def on_new_window(self, source: KioskPage, request: QWebEngineNewWindowRequest) -> None:
        s = self.session
        if s.ending:  # a page that is going away asked: no window outlives the exam
            return
        url = request.requestedUrl()
        if url.scheme().lower() in FORBIDDEN_SCHEMES:
            log.info("refused a new window for a %s: URL", url.scheme())
            return
        user = request.isUserInitiated()
        policy = s.options.link_policy if user else s.options.script_policy
        if policy == 0:
            log.info("new window blocked (%s policy)", "link" if user else "script")
            return
        if _blocks_foreign(s.settings, user) and url.host().lower() != source.url().host().lower():
            # SEB for Windows' PopupPolicy AllowSameHost / AllowSameHostAndWindow
            log.info("new window to another host blocked (%s policy)", "link" if user else "script")
            return
        if policy == 1:
            source.load(url)
            return
        options = _new_window_options(s.options, s.settings)
        page = self.new_page(options)
        from launcher.ui.kiosk_window import KioskWindow

        win = KioskWindow(options, secondary=True)
        win.view.setPage(page)
        request.openIn(page)
        win.attach(page)
        win.closeRequested.connect(partial(self.close_extra, win))
        win.reloadRequested.connect(partial(self.reload_page, win))
        win.printRequested.connect(partial(self.print_page, win))
        s.extra_windows.append(win)
        from launcher.config.window_layout import new_window
        from launcher.ui.taskbar_items import apply_visibility
        from launcher.ui.window_mode import show_new_window

        apply_visibility(win, s.settings)
        show_new_window(win, new_window(s.settings.raw))
        self.keep_out_of_captures(win)
        if s.is_locked:  # opened by the page behind the lock screen: stays behind it
            win.setEnabled(False)
            if s.input_guard is not None:
                s.input_guard.watch(win)
            if s.lock_screen is not None and s.lock_screen.primary is not None:
                for cover in s.lock_screen.windows:
                    cover.raise_()
                s.lock_screen.primary.activateWindow()
            return
        win.activateWindow()
        if s.input_guard is not None:
            s.input_guard.hold_keyboard(win)

    def close_extra(self, win: KioskWindow) -> None:
        s = self.session
        if win in s.extra_windows:
            s.extra_windows.remove(win)
            if s.input_guard is not None:
                s.input_guard.release_keyboard(win)
            page = win.view.page()
            win.allow_close()
            win.close()
            page.deleteLater()
            win.deleteLater()

    # -- crashes ------------------------------------------------------------------------
    def on_crash(self, page: KioskPage, status: Any, code: int) -> None:
        s = self.session
        if s.ending or status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        self.crashes += 1
        log.warning("exam page renderer ended (%s, %s), crash %d", status.name, code, self.crashes)
        win = next((w for w in self.all_windows() if w.view.page() is page), None)
        if self.crashes > MAX_AUTO_RELOADS:
            # keeps crashing: do not spin; let the student (or invigilator) retry
            if win is not None:
                win.taskbar.show_notice(
                    QCoreApplication.translate("ExamSession", "The exam page keeps stopping. Retry when you are ready."),
                    retry=True,
                )
            return
        if win is not None:
            win.taskbar.show_notice(
                QCoreApplication.translate("ExamSession", "The exam page stopped working and was reloaded.")
            )
        QTimer.singleShot(0, page, lambda: page.triggerAction(QWebEnginePage.WebAction.Reload))

    # -- stop ---------------------------------------------------------------------------
    def _end_profile(self) -> None:
        """Cookies and cache cleared as configured (``examSessionClearCookiesOnEnd``); no more
        requests through the exam's interceptor."""
        s = self.session
        profile = s.profile
        if profile is None:
            return
        if s.options.clear_cookies_on_end and not profile.isOffTheRecord():
            # the next session may start on this profile only once the cache is really empty
            s.finish_after(profile.clearHttpCacheCompleted, 5_000)  # 5 s: the engine may never report
            clear_cookies(profile)
        profile.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # Qt takes nullptr; PySide6's stubs do not say so

    def close(self) -> None:
        """Close every exam window (the windows the exam opened first) and the backdrop; their
        pages and widgets are deleted once the event loop runs again."""
        s = self.session
        pages: list[QWebEnginePage] = []
        for win in [*s.extra_windows, s.window]:
            if win is None:
                continue
            pages.append(win.view.page())
            win.allow_close()
            win.close()
        if s.backdrop is not None:
            s.backdrop.close()
            s.backdrop.deleteLater()
            s.backdrop = None
        for page in pages:
            page.deleteLater()
        for win in [*s.extra_windows, s.window]:
            if win is not None:
                win.deleteLater()
        s.extra_windows.clear()
        if s.window is None and self._view is not None:  # ended before its window was built
            if s.page is not None:
                s.page.deleteLater()
            self._view.deleteLater()
        self._view = None


def question(parent: Any, title: str, text: str) -> QMessageBox:
    """A Yes/No question whose Yes is ``accepted`` and No ``rejected`` (No the default)."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    # QMessageBox.open() finishes with the button code; map Yes/No onto accepted/rejected
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(box.accept)
    box.button(QMessageBox.StandardButton.No).clicked.connect(box.reject)
    return box


def _make_filter(settings: Settings) -> UrlFilter | None:
    """The core's compiled URL filter, or None when filtering is off."""
    if not settings.url_filter_enable:
        return None
    from launcher.config.urlfilter import UrlFilter

    return UrlFilter.from_settings(settings)


def _blocks_foreign(settings: Settings, user: bool) -> bool:
    """New windows only to the opener's host? SEB for Windows applies
    ``newBrowserWindowByLinkBlockForeign`` to every new window; SEB for macOS has
    ``…ByScriptBlockForeign`` for script-opened ones: either one blocks a script's."""
    link = settings.new_window_by_link_block_foreign
    return link if user else link or settings.new_window_by_script_block_foreign


def _new_window_options(options: KioskOptions, settings: Settings) -> KioskOptions:
    """The kiosk options of a window the exam opens: SEB's ``newBrowserWindow…`` keys for
    reload, its warning and back/forward."""
    from dataclasses import replace

    return replace(
        options,
        allow_reload=settings.new_window_allow_reload,
        show_reload_warning=settings.new_window_show_reload_warning,
        allow_back_forward=settings.new_window_allow_back_forward,
    )


def _log_coverage(settings: Settings) -> None:
    """Name in the log what the configuration asks for that this launcher does not honour."""
    from launcher.config.coverage import log_unhonoured

    log_unhonoured(settings.raw)


def _quit_predicate(quit_url: str) -> Any:
    if not quit_url:
        return None
    from launcher.config.navigation import is_quit_url

    return lambda url: is_quit_url(url, quit_url)
