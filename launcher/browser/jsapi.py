"""``window.SafeExamBrowser`` in every frame, with the key hashes for that frame's own URL.

One job: give each frame SEB's JavaScript API without ever handing raw keys to a page.

Design: a small script is injected at document creation into every frame (main world). Its
``configKey`` / ``browserExamKey`` are getters that ask the launcher, through the internal
``sebapi:`` scheme, for the hashes of the frame's current URL (``location.href`` without the
fragment, hashed exactly as that string is: it is Chromium's own, the URL as it went on the
wire) — synchronously on first read, cached per URL, and recomputed when the URL changed
(``history.pushState``) or ``updateKeys(cb)`` is called (asynchronously, then ``cb()``). The
scheme handler answers only for a URL of the asking frame's own origin (Chromium's
``initiator``), so a frame cannot obtain hashes for another site, and only hashes ever leave
Python (the same values SEB for Windows injects per frame from C#).

``register_scheme()`` must run before the QApplication is created (see ``launcher.browser``).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, QUrlQuery
from PySide6.QtWebEngineCore import (
    QWebEngineScript,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

import launcher

log = logging.getLogger(__name__)

SCHEME = b"sebapi"
_registered = False


def register_scheme() -> None:
    """Declare ``sebapi:`` to Qt (secure, CORS-enabled, fetch allowed, CSP-exempt). Idempotent."""
    global _registered
    if _registered:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.ContentSecurityPolicyIgnored
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


def url_without_fragment(url: QUrl) -> bytes:
    """The URL in ``QUrl``'s encoding, fragment cut off: what the interceptor can hash. Not
    always Chromium's string on the wire (``launcher.config.wire_url`` says when not)."""
    return bytes(url.toEncoded().data()).split(b"#", 1)[0]


def origin_of(url: str) -> str:
    q = QUrl(url)
    scheme = q.scheme().lower()
    if scheme not in ("http", "https"):
        return ""
    default = 443 if scheme == "https" else 80
    port = q.port(default)
    host = q.host().lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}" + ("" if port == default else f":{port}")


def version_string() -> str:
    """SEB's ``<appName>_<OS>_<version>_<build>_<bundleId>`` shape, as far as we have parts."""
    import sys

    os_name = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "Linux")
    return f"SEB_{os_name}_{launcher.SEB_COMPAT_VERSION}_{launcher.__version__}_org.seblauncher"


_SCRIPT = r"""
(function () {
  'use strict';
  if (window.SafeExamBrowser && window.SafeExamBrowser.__sebLauncher) { return; }
  var endpoint = 'sebapi:keys?u=';
  var cache = { url: null, ck: '', bek: '' };
  function currentUrl() { return String(location.href).split('#')[0]; }
  function hashable(u) { return /^https?:/i.test(u); }
  function store(u, text) {
    try { var d = JSON.parse(text); cache = { url: u, ck: d.ck || '', bek: d.bek || '' }; }
    catch (e) { cache = { url: u, ck: '', bek: '' }; }
  }
  function ensure() {
    var u = currentUrl();
    if (cache.url === u) { return; }
    if (!hashable(u)) { cache = { url: u, ck: '', bek: '' }; return; }
    try {
      var x = new XMLHttpRequest();
      x.open('GET', endpoint + encodeURIComponent(u), false);
      x.send(null);
      store(u, x.status === 200 ? x.responseText : '');
    } catch (e) { cache = { url: u, ck: '', bek: '' }; }
  }
  var security = {};
  Object.defineProperty(security, 'configKey', { enumerable: true, get: function () { ensure(); return cache.ck; } });
  Object.defineProperty(security, 'browserExamKey', { enumerable: true, get: function () { ensure(); return cache.bek; } });
  Object.defineProperty(security, 'appVersion', { enumerable: true, value: '%APPVERSION%' });
  security.updateKeys = function (callback) {
    var u = currentUrl();
    var done = function () { if (typeof callback === 'function') { callback(); } };
    if (!hashable(u)) { cache = { url: u, ck: '', bek: '' }; done(); return; }
    fetch(endpoint + encodeURIComponent(u), { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : ''; })
      .then(function (t) { store(u, t); done(); }, function () { done(); });
  };
  var api = { version: '%VERSION%', security: Object.freeze(security) };
  Object.defineProperty(api, '__sebLauncher', { value: true });
  Object.defineProperty(window, 'SafeExamBrowser', { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
})();
"""


def api_script() -> QWebEngineScript:
    """The injected script: document creation, main world, every frame."""
    script = QWebEngineScript()
    script.setName("seb-launcher-api")
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    source = _SCRIPT.replace("%VERSION%", version_string()).replace(
        "%APPVERSION%", launcher.__version__
    )
    script.setSourceCode(source)
    return script


class KeyHashHandler(QWebEngineUrlSchemeHandler):
    """Answers ``sebapi:keys?u=<url>`` with ``{"ck": ..., "bek": ...}`` for same-origin URLs,
    and — when the exam's clipboard is isolated (``clipboard`` set to a
    ``launcher.browser.clipboard.ClipboardStore``) — ``sebapi:clipboard`` (GET: the text,
    POST: keep the body as the text)."""

    def __init__(self, keys: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self.clipboard: Any = None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        url = job.requestUrl()
        initiator = job.initiator().toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if url.path() == "clipboard" and self.clipboard is not None:
            self._clipboard(job, initiator)
            return
        if url.path() != "keys":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        # the frame's location.href: Chromium's own string, as its requests go on the wire
        target = QUrlQuery(url).queryItemValue("u", QUrl.ComponentFormattingOption.FullyDecoded)
        origin = initiator.rstrip("/")
        if (not QUrl(target).isValid() or not initiator or origin_of(target) != origin
                or not target.startswith(origin + "/") or not target.isascii()):
            log.info("JS API key request refused: frame origin does not match the URL")
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        import json  # only when a page reads its keys

        # Hashed as the string is (not re-encoded through QUrl, which would change lower-case
        # escapes, escaped unreserved characters and a lone '%': launcher.config.wire_url).
        wire = target.split("#", 1)[0]
        body = json.dumps(
            {"ck": self._keys.config_key_hash(wire), "bek": self._keys.request_hash(wire)}
        ).encode()
        job.setAdditionalResponseHeaders(
            {
                QByteArray(b"Access-Control-Allow-Origin"): QByteArray(initiator.encode()),
                QByteArray(b"Cache-Control"): QByteArray(b"no-store"),
            }
        )
        _reply(job, b"application/json", body)

    def _clipboard(self, job: QWebEngineUrlRequestJob, initiator: str) -> None:
        """The exam's own clipboard, for the page script of ``launcher.browser.clipboard``."""
        from launcher.browser.clipboard import MAX_TEXT

        method = bytes(job.requestMethod().data()).upper()
        if method == b"POST":
            body = job.requestBody()
            data = b""
            if body is not None and (body.isOpen() or body.open(QIODevice.OpenModeFlag.ReadOnly)):
                data = bytes(body.read(4 * MAX_TEXT + 4).data())
            self.clipboard.set_text(data.decode("utf-8", "replace"))
            text = b""
        else:
            text = self.clipboard.text.encode("utf-8")
        job.setAdditionalResponseHeaders(
            {
                QByteArray(b"Access-Control-Allow-Origin"): QByteArray((initiator or "null").encode()),
                QByteArray(b"Cache-Control"): QByteArray(b"no-store"),
            }
        )
        _reply(job, b"text/plain; charset=utf-8", text)


def _reply(job: QWebEngineUrlRequestJob, mime: bytes, body: bytes) -> None:
    buf = QBuffer(job)
    buf.setData(body)
    buf.open(QBuffer.OpenModeFlag.ReadOnly)
    job.reply(QByteArray(mime), buf)
