"""Load an exam's page as the exam would, headless, and record what went over the wire.

One job: for ``seb-launcher doctor``, run a real :class:`launcher.exam.session.ExamSession` (the
real engine, interceptor, redirect handling and URL filter) on the offscreen platform, load one
URL, and record every main-frame request that left (URL, method, the two header values sent),
the HTTP status of each page load, redirects, where it ended, the page's visible text and its
own ``location.href`` (Chromium's URL string, which the interceptor's ``QUrl`` may not show).
The keys themselves never appear here: only the per-URL hashes the server sees.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer

log = logging.getLogger(__name__)

SETTLE_MS = 800  # quiet time after a page loaded before it counts as the last one
TEXT_JS = "(document.title || '') + '\\n' + (document.body ? document.body.innerText : '')"
HREF_JS = "String(location.href)"


@dataclass
class Hop:
    url: str
    method: str
    config_key_hash: str = ""
    request_hash: str = ""
    status: int | None = None  # HTTP status, when the engine names it
    redirected: bool = False  # answered with a redirect the kiosk re-issued
    outcome: str = ""  # "HTTP 200", "redirect (3xx)", "HTTP 404", "failed: …"
    text: str = ""  # title and visible text of the page this request loaded (first 4000 chars)
    wire_url: str = ""  # the loaded page's location.href: Chromium's string, as it went out


@dataclass
class ProbeResult:
    hops: list[Hop] = field(default_factory=list)
    final_url: str = ""
    final_status: int | None = None
    loaded: bool = False
    text: str = ""  # title and visible text of the last page
    blocked: bool = False  # the URL filter blocked a navigation
    quit_url: bool = False  # the page went to the exam's quit URL
    timed_out: bool = False


class PageProbe(QObject):
    """``PageProbe(loaded, settings, keys, url).run(timeout_ms)`` -> :class:`ProbeResult`."""

    def __init__(self, loaded: Any, settings: Any, keys: Any, url: str) -> None:
        super().__init__()
        from launcher.exam.session import ExamSession

        raw = dict(getattr(loaded, "settings", {}) or {})
        if url:
            raw["startURL"] = url
            from launcher.config.settings import Settings

            settings = Settings.from_dict(raw)
        self.session = ExamSession(loaded, settings, keys)
        self.result = ProbeResult()
        self._loop = QEventLoop()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self._loop.quit)

    # -- recording --------------------------------------------------------------------------
    def _request(self, url: str, method: str, config_hash: str, request_hash: str) -> None:
        self._settle.stop()
        self.result.hops.append(Hop(url, method, config_hash, request_hash))

    def _hop_for(self, url: str) -> Hop | None:
        for hop in reversed(self.result.hops):
            if hop.url == url:
                return hop
        return None

    def _loading(self, info: Any) -> None:
        from PySide6.QtWebEngineCore import QWebEngineLoadingInfo as L

        status = info.status()
        if status == L.LoadStatus.LoadStartedStatus:
            self._settle.stop()
            return
        from launcher.browser.jsapi import url_without_fragment

        url = url_without_fragment(info.url()).decode("ascii", "replace")
        hop = self._hop_for(url)
        # QtWebEngine reports the HTTP status as an "error code" of the HTTP status domain
        code = int(info.errorCode()) if info.errorDomain() == L.ErrorDomain.HttpStatusCodeDomain else None
        succeeded = status == L.LoadStatus.LoadSucceededStatus
        if hop is not None and not hop.redirected:
            if code is not None:
                hop.status = code
                hop.outcome = f"HTTP {code}"
            elif succeeded:
                hop.outcome = "loaded"
            elif status == L.LoadStatus.LoadFailedStatus:
                hop.outcome = "failed: " + info.errorString()
            else:
                hop.outcome = "stopped"
        if succeeded and hop is not None and self.session.page is not None:
            # read now: a page may reload itself (Moodle's JavaScript check) and be gone
            self.session.page.runJavaScript(TEXT_JS, 0, lambda text, h=hop: self._hop_text(h, text))
            self.session.page.runJavaScript(HREF_JS, 0, lambda href, h=hop: self._hop_href(h, href))
        if status in (L.LoadStatus.LoadSucceededStatus, L.LoadStatus.LoadFailedStatus):
            self.result.final_url = url
            self.result.final_status = code
            self.result.loaded = succeeded
            self._settle.start(SETTLE_MS)

    @staticmethod
    def _hop_text(hop: Hop, text: Any) -> None:
        if text and not hop.text:
            hop.text = str(text)[:4000]

    @staticmethod
    def _hop_href(hop: Hop, href: Any) -> None:
        """Keep the page's own URL string when it is this request's URL (not a later
        ``pushState``): the same URL once ``QUrl`` has parsed it."""
        from PySide6.QtCore import QUrl

        from launcher.browser.jsapi import url_without_fragment

        if isinstance(href, str) and not hop.wire_url:
            if url_without_fragment(QUrl(href)).decode("ascii", "replace") == hop.url:
                hop.wire_url = href.split("#", 1)[0]

    def _redirected(self, target: str) -> None:
        if self.result.hops:
            self.result.hops[-1].redirected = True
            self.result.hops[-1].outcome = "redirect (3xx)"

    def _blocked(self, _url: str) -> None:
        self.result.blocked = True

    def _quit(self, *_args: Any) -> None:
        self.result.quit_url = True
        self._loop.quit()

    # -- running ----------------------------------------------------------------------------
    def run(self, timeout_ms: int = 30_000) -> ProbeResult:
        session = self.session
        session.start()
        page = session.page
        assert page is not None and session.interceptor is not None
        session.interceptor.observer = self._request
        page.loadingChanged.connect(self._loading)
        page.redirectReissued.connect(self._redirected)
        page.blockedShown.connect(self._blocked)
        # the quit URL would end the session: note it instead
        page.quitUrlRequested.disconnect()
        page.quitUrlRequested.connect(self._quit)
        session.interceptor.quitUrlRequested.disconnect()
        session.interceptor.quitUrlRequested.connect(self._quit)
        deadline = QTimer(self)
        deadline.setSingleShot(True)

        def timed_out() -> None:
            self.result.timed_out = True
            self._loop.quit()

        deadline.timeout.connect(timed_out)
        deadline.start(timeout_ms)
        self._loop.exec()
        deadline.stop()
        self._settle.stop()
        if not self.result.quit_url:
            self.result.text = self._page_text(page)
        self._end()
        return self.result

    def _page_text(self, page: Any) -> str:
        box: list[Any] = []
        loop = QEventLoop()

        def got(result: Any) -> None:
            box.append(result)
            loop.quit()

        page.runJavaScript(TEXT_JS, 0, got)
        QTimer.singleShot(5_000, loop.quit)
        if not box:
            loop.exec()
        return str(box[0]) if box and box[0] is not None else ""

    def _end(self) -> None:
        session = self.session
        loop = QEventLoop()
        session.finished.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        session.quit("doctor done")
        if not session.done:
            loop.exec()
