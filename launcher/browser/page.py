"""The exam page's navigation policy: what a page may open, load, trust and ask for.

One job: a ``QWebEnginePage`` that keeps the exam inside the kiosk — no forbidden schemes, URL
filter on navigations (with a clear "blocked" page), ``seb(s)://`` links handed to the session,
back/forward only when allowed, TLS errors rejected unless the server's certificate is one the
config embeds, camera/microphone only when the config allows them, file choosers only when
uploads are allowed. Decisions that need the session (quit, reconfigure, new windows) leave as
signals.

Redirects: QtWebEngine sends a redirect's target with the SEB headers of the first request
(hashes over the wrong URL, see ``launcher.browser.interceptor``). When the exam sends its keys,
a server redirect of the page, or of a frame's own load (its ``<iframe src>``), is therefore
cancelled before its request leaves and its target is loaded as a new GET request, so the
interceptor hashes that URL. QtWebEngine does not say which status code redirected: a 307/308
answering a form POST is loaded as a GET too, without the form's data (exam servers answer a
form with 303/302, "post/redirect/get"). A frame's redirect is re-issued only when it can be
tied to its ``<iframe>`` (no other frame load started in the last seconds); redirects after a
navigation inside a frame (its links, forms, scripts), or while several frames load, are
followed as they come, with the first request's hashes. The quit URL and the URL filter are
checked on every redirect target first (``acceptNavigationRequest`` sees redirects too).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineCertificateError,
    QWebEngineNavigationRequest,
    QWebEnginePage,
    QWebEnginePermission,
    QWebEngineProfile,
)

from launcher.browser.interceptor import FORBIDDEN_SCHEMES
from launcher.browser.jsapi import url_without_fragment
from launcher.browser.options import KioskOptions

log = logging.getLogger(__name__)

NT = QWebEnginePage.NavigationType
PT = QWebEnginePermission.PermissionType
SEB_SCHEMES = ("seb", "sebs")
# Schemes a frame may navigate to. Anything else (mailto:, tel:, custom app links) would be
# handed by QtWebEngine to the desktop (QDesktopServices) — a way out of the kiosk — so refused.
NAVIGABLE_SCHEMES = frozenset(("http", "https", "about", "data", "blob"))
_REDIRECT = QWebEngineNavigationRequest.NavigationType.RedirectNavigation
_FRAME_URLS_KEPT = 16
MAX_REISSUED_REDIRECTS = 20  # as Chromium's own limit for one navigation
_FRAME_WINDOW_S = 5.0  # frame loads started this recently may still be on their way
# Run in a frame's document: point the <iframe>/<frame> elements whose load was redirected
# (their src is one of OLD, and they do not show that src already) at the redirect's target.
_REISSUE_FRAME_JS = """(function (olds, target) {
  var n = 0;
  document.querySelectorAll('iframe,frame').forEach(function (f) {
    if (olds.indexOf(f.src) < 0) { return; }
    try { if (f.contentWindow.location.href === f.src) { return; } } catch (e) {}
    f.src = target; n++;
  });
  return n;
})(%s, %s)"""


def blocked_html(url: str, start_url: str) -> str:
    """The page a user sees instead of a URL the exam does not allow."""
    import html  # only when something is blocked
    title = QCoreApplication.translate("KioskPage", "Page blocked")
    text = QCoreApplication.translate(
        "KioskPage", "This page is not allowed during the exam."
    )
    back = QCoreApplication.translate("KioskPage", "Back to the exam")
    link = (
        f'<p><a id="back" href="{html.escape(start_url, quote=True)}">{html.escape(back)}</a></p>'
        if start_url
        else ""
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:4em auto;max-width:40em;color:#222}"
        "h1{font-size:1.6em}code{word-break:break-all;color:#666}</style></head><body>"
        f"<h1 id='blocked'>{html.escape(title)}</h1><p>{html.escape(text)}</p>"
        f"<p><code>{html.escape(url)}</code></p>{link}</body></html>"
    )


class KioskPage(QWebEnginePage):
    """One exam page (main window or an extra kiosk window)."""

    sebLinkRequested = Signal(str)  # a seb(s):// link the user followed
    quitUrlRequested = Signal(str)  # a frame navigated to the quit URL (the page stays)
    notice = Signal(str)  # something the user should read in the taskbar
    blockedShown = Signal(str)
    redirectReissued = Signal(str)  # a server redirect of the page, loaded again as a new request

    def __init__(
        self,
        profile: QWebEngineProfile,
        options: KioskOptions,
        url_filter: Any = None,
        parent: QObject | None = None,
        *,
        is_quit: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self._is_quit = is_quit
        # Redirects are re-issued only when the exam sends its keys (without headers, nothing
        # on a redirect's request is wrong).
        self._reissue_redirects = options.send_keys
        # frame navigations that were not redirects: (url, when, its element can be re-pointed)
        self._frame_starts: list[tuple[str, float, bool]] = []
        self._frame_reissued: set[str] = set()  # frame redirect targets we loaded again
        self._main_reissued = QUrl()  # the page redirect target we loaded last
        self._main_reissues = 0  # page redirects re-issued in a row
        self._frame_reissues = 0  # frame redirects re-issued in a row
        self.navigationRequested.connect(self._on_navigation)
        self._opt = options
        self._filter = url_filter
        self._trusted = frozenset(options.trusted_certificates)
        self.certificateError.connect(self._on_certificate_error)
        self.permissionRequested.connect(self._on_permission)
        self.urlChanged.connect(self._check_url)
        for action in (QWebEnginePage.WebAction.ViewSource, QWebEnginePage.WebAction.SavePage,
                       QWebEnginePage.WebAction.InspectElement):
            self.action(action).setEnabled(False)
        if not options.allow_back_forward:
            self.action(QWebEnginePage.WebAction.Back).setEnabled(False)
            self.action(QWebEnginePage.WebAction.Forward).setEnabled(False)

    # -- navigation ---------------------------------------------------------------------
    # Qt passes a QUrl (PySide6's type stubs also let Python callers pass a str)
    def acceptNavigationRequest(self, url: QUrl, nav_type: NT, is_main_frame: bool) -> bool:  # type: ignore[override]  # noqa: N802
        scheme = url.scheme().lower()
        if scheme in SEB_SCHEMES:
            text = url_without_fragment(url).decode("ascii", "replace")
            QTimer.singleShot(0, self, lambda: self.sebLinkRequested.emit(text))
            return False
        if scheme in FORBIDDEN_SCHEMES:
            log.info("refused a navigation to a %s: URL", scheme)
            if is_main_frame:
                self.show_blocked(url.toString())
            return False
        if scheme not in NAVIGABLE_SCHEMES:
            log.info("refused a link to another application (%s:)", scheme)
            self.notice.emit(
                QCoreApplication.translate("KioskPage", "Links to other applications are not allowed in this exam.")
            )
            return False
        web = scheme in ("http", "https")
        text = url_without_fragment(url).decode("ascii", "replace") if web else ""
        if web and self._is_quit is not None and self._is_quit(text):
            log.info("quit URL requested by a %s", "page" if is_main_frame else "frame")
            QTimer.singleShot(0, self, lambda: self.quitUrlRequested.emit(text))
            return False
        if nav_type == NT.NavigationTypeBackForward and not self._opt.allow_back_forward:
            log.info("refused back/forward navigation")
            return False
        if web and self._filter is not None and not self._filter.allows(text):
            log.info("URL filter blocked a %s navigation", "main-frame" if is_main_frame else "frame")
            if is_main_frame:
                self.show_blocked(text)
            return False
        return super().acceptNavigationRequest(url, nav_type, is_main_frame)

    def _on_navigation(self, request: QWebEngineNavigationRequest) -> None:
        """A navigation the policy above accepted: re-issue server redirects (module doc)."""
        url = request.url()
        if not self._reissue_redirects or url.scheme().lower() not in ("http", "https"):
            return
        main = request.isMainFrame()
        redirect = request.navigationType() == _REDIRECT
        if main:
            if not redirect:
                if url != self._main_reissued:  # a new navigation, not the one we re-issued
                    self._main_reissues = 0
                return
            if self._main_reissues >= MAX_REISSUED_REDIRECTS:
                # a redirect loop: leave it to the engine, which stops it with an error page
                log.warning("too many redirects in a row; following them as they come")
                return
            request.reject()
            self._main_reissues += 1
            self._main_reissued = QUrl(url)
            log.info("re-issuing a redirect of the page")
            self.redirectReissued.emit(url.toString())
            QTimer.singleShot(0, self, lambda: self.load(url))
            return
        text = url_without_fragment(url).decode("ascii", "replace")
        now = time.monotonic()
        if not redirect:
            # A frame's own load (its <iframe src>, or one we re-issued) can be pointed at a
            # redirect's target again; a navigation inside the frame (link, form, script)
            # cannot be found from here: its redirects are followed as they come.
            again = text in self._frame_reissued
            if not again:
                self._frame_reissues = 0
            own = again or (
                request.navigationType() == QWebEngineNavigationRequest.NavigationType.OtherNavigation
            )
            recent = [(u, t, o) for u, t, o in self._frame_starts if now - t < _FRAME_WINDOW_S]
            self._frame_starts = [*recent[-(_FRAME_URLS_KEPT - 1):], (text, now, own)]
            return
        loading = [(u, o) for u, t, o in self._frame_starts if now - t < _FRAME_WINDOW_S]
        if len(loading) != 1 or not loading[0][1]:
            # several frames loading at once: which one redirected is unknown here
            return
        if self._frame_reissues >= MAX_REISSUED_REDIRECTS:
            log.warning("too many redirects in a row in a frame; following them as they come")
            return
        self._frame_reissues += 1
        request.reject()
        start = loading[0][0]
        self._frame_starts = []
        self._frame_reissued = {*list(self._frame_reissued)[-(_FRAME_URLS_KEPT - 1):], text}
        log.info("re-issuing a redirect of a frame")
        QTimer.singleShot(0, self, lambda: self._reissue_in_frames([start], url.toString()))

    def _reissue_in_frames(self, olds: list[str], target: str) -> None:
        import json

        code = _REISSUE_FRAME_JS % (json.dumps(olds), json.dumps(target))
        frames = [self.mainFrame()]
        while frames:
            frame = frames.pop()
            frames.extend(frame.children())
            frame.runJavaScript(code, 1)  # ApplicationWorld: out of the page's scripts' reach

    def _check_url(self, url: QUrl) -> None:
        """Last line: a forbidden scheme that got past navigation checks (``view-source:`` is
        a wrapper Chromium does not ask about) is replaced by the blocked page."""
        if url.scheme().lower() in FORBIDDEN_SCHEMES:
            log.info("replaced a %s: page", url.scheme())
            self.show_blocked(url.toString())

    def show_blocked(self, url: str) -> None:
        """Replace the page with the "blocked" notice (deferred: never inside a Chromium call)."""
        page_html = blocked_html(url, self._opt.start_url)
        QTimer.singleShot(0, self, lambda: self.setHtml(page_html))
        self.blockedShown.emit(url)

    # -- trust --------------------------------------------------------------------------
    def _on_certificate_error(self, error: QWebEngineCertificateError) -> None:
        chain = error.certificateChain()
        if self._trusted and any(bytes(c.toDer().data()) in self._trusted for c in chain):
            log.info("accepted a server certificate embedded in the exam configuration")
            error.acceptCertificate()
            return
        log.warning("rejected a server certificate (%s)", error.type().name)
        error.rejectCertificate()
        if error.isMainFrame():
            self.notice.emit(
                QCoreApplication.translate(
                    "KioskPage", "The exam server's certificate is not trusted; the page was not loaded."
                )
            )

    def _on_permission(self, permission: QWebEnginePermission) -> None:
        kind = permission.permissionType()
        allow = (
            (kind == PT.MediaVideoCapture and self._opt.allow_video)
            or (kind == PT.MediaAudioCapture and self._opt.allow_audio)
            or (
                kind == PT.MediaAudioVideoCapture
                and self._opt.allow_video
                and self._opt.allow_audio
            )
        )
        if allow:
            log.info("granted %s to the exam page", kind.name)
            permission.grant()
        else:
            log.info("denied %s to the exam page", kind.name)
            permission.deny()

    # -- files, console -----------------------------------------------------------------
    def chooseFiles(self, mode: Any, old_files: Sequence[str], mime_types: Sequence[str]) -> list[str]:  # noqa: N802
        if not self._opt.allow_uploads:
            log.info("file upload refused: uploads are not allowed")
            self.notice.emit(
                QCoreApplication.translate("KioskPage", "Uploading files is not allowed in this exam.")
            )
            return []
        return super().chooseFiles(mode, old_files, mime_types)

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:  # noqa: N802
        log.debug("js console: %s", message[:200])
