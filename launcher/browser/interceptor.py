"""Every request of the exam, checked on its way out: SEB headers, URL filter, quit URL.

One job: the ``QWebEngineUrlRequestInterceptor`` of the exam profile. It runs on the GUI thread
for every request, so it stays cheap: a scheme check, one filter decision (compiled once by the
core), and the two header hashes (cached by ``ExamKeys``) only for main-frame requests and
requests to the host of the page that made them, never to other hosts (SEB for Windows'
``ResourceHandler.AppendCustomHeaders``).

Redirects (found with this QtWebEngine; ``tests/qt/test_kiosk_redirects.py`` keeps it checked):
``interceptRequest`` is called again for a redirect's target, but only *after* Chromium has
sent that request with the headers set on the first one; a header set then never reaches the
wire, and ``info.redirect()`` there aborts the load. So the hashes of a redirect target cannot
be made right here: ``launcher.browser.page.KioskPage`` cancels redirects of the page and of
frames before their request leaves and loads the target as a new request, which passes through
here with its own URL. Redirects of sub-resources (scripts, images, XHR) keep the first
request's hashes; the URL filter and the quit URL still apply to their targets here.

The URL hashed is ``info.requestUrl()``, a ``QUrl``: Qt re-encodes Chromium's string, so for a
few URL shapes a page links to (lower-case escapes, escaped unreserved characters, a lone ``%``,
raw ``{ } | ^ ```) the hash differs from one over the request line; Qt 6.12 offers Chromium's
string nowhere here (``launcher.config.wire_url`` names the shapes; ``doctor`` reports them).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from launcher.browser.jsapi import url_without_fragment

log = logging.getLogger(__name__)

RT = QWebEngineUrlRequestInfo.ResourceType
_MAIN_FRAME = RT.ResourceTypeMainFrame
_SUB_FRAME = RT.ResourceTypeSubFrame
_WEB = frozenset(("http", "https", "ws", "wss"))
#: Schemes a page may never reach, whatever the filter says.
FORBIDDEN_SCHEMES = frozenset(
    ("file", "view-source", "chrome", "devtools", "chrome-extension", "chrome-devtools", "qrc", "ftp")
)
CONFIG_KEY_HEADER = b"X-SafeExamBrowser-ConfigKeyHash"
REQUEST_HASH_HEADER = b"X-SafeExamBrowser-RequestHash"


class ExamInterceptor(QWebEngineUrlRequestInterceptor):
    """Adds SEB's headers, applies the URL filter and spots the quit URL.

    ``url_filter`` has ``allows(url: str) -> bool`` (None: no filter); ``is_quit`` is a
    predicate on the URL string. Signals are emitted from inside Chromium's call: connect them
    with a queued connection.
    """

    quitUrlRequested = Signal(str)

    def __init__(
        self,
        keys: Any,
        *,
        send_keys: bool,
        url_filter: Any = None,
        filter_content: bool = True,
        is_quit: Callable[[str], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._keys = keys
        self._send = send_keys
        self._filter_content = filter_content
        self._is_quit = is_quit
        self._quitting = False
        # Bound once: the filter's cached decision, not looked up again per request.
        self._allows: Callable[[str], bool] | None = (
            url_filter.allows if url_filter is not None else None
        )
        self._page = QUrl()  # the first-party URL last seen, and its host (lower case)
        self._page_host = ""
        #: Called for every main-frame request that leaves: ``(url, method, config key hash,
        #: request hash)``, hashes "" when none are sent (``seb-launcher doctor`` reports them).
        self.observer: Callable[[str, str, str, str], None] | None = None
        #: Called once, for the first main-frame request that leaves (from inside Chromium's
        #: call: the exam's start waits for it to show its window, ``launcher.opening.exam_start``).
        self.on_first_request: Callable[[], None] | None = None

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt name)
        url = info.requestUrl()
        scheme = url.scheme()
        if scheme not in _WEB:
            if scheme in FORBIDDEN_SCHEMES:
                log.info("blocked a %s: request", scheme)
                info.block(True)
            return
        text = url_without_fragment(url).decode("ascii", "replace")
        rtype = info.resourceType()
        main = rtype == _MAIN_FRAME
        if self._is_quit is not None and self._is_quit(text):
            info.block(True)
            if not self._quitting:
                self._quitting = True
                log.info("quit URL requested")
                self.quitUrlRequested.emit(text)
            return
        allows = self._allows
        if (
            allows is not None
            and (main or self._filter_content or rtype == _SUB_FRAME)
            and not allows(text)
        ):
            info.block(True)
            log.info("URL filter blocked a %s request", "main-frame" if main else "sub-resource")
            return
        config_hash = request_hash = ""
        if self._send and (main or self._same_host(url, info.firstPartyUrl())):
            keys = self._keys
            config_hash, request_hash = keys.config_key_hash(text), keys.request_hash(text)
            info.setHttpHeader(CONFIG_KEY_HEADER, config_hash.encode())
            info.setHttpHeader(REQUEST_HASH_HEADER, request_hash.encode())
        if main:
            if self.observer is not None:
                self.observer(text, bytes(info.requestMethod().data()).decode("ascii", "replace"),
                              config_hash, request_hash)
            if self.on_first_request is not None:
                first, self.on_first_request = self.on_first_request, None
                first()

    def _same_host(self, url: QUrl, page: QUrl) -> bool:
        """Is ``url`` on the host of the page that made the request? (The page's host is
        remembered: a page's sub-resources all come with the same first-party URL.)"""
        if page != self._page:
            self._page = page
            self._page_host = page.host().lower()
        host = self._page_host
        return bool(host) and url.host().lower() == host

    def reset_quit(self) -> None:
        """Allow the quit URL to fire again (after the user declined the confirmation)."""
        self._quitting = False

