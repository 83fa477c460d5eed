"""Getting the bytes of an exam configuration: from a local file or over HTTP(S).

One job: turn what the user opened (a path, a ``file://`` URL, a ``seb://``/``sebs://`` link, an
``http(s)://`` URL) into the raw bytes of a configuration, bounded in size and time, or into a
specific :class:`~launcher.config.errors.ConfigError`. Downloads run on Qt's event loop with
``QNetworkAccessManager`` (no extra thread), follow a bounded number of redirects (never from
HTTPS down to HTTP), retry once after a network failure, send ``SEB/<version>`` as user agent and
fail closed on any TLS error. Parsing the bytes is the core's job, not this module's.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkReply,
    QNetworkRequest,
    QSslCertificate,
    QSslConfiguration,
)

from launcher import SEB_COMPAT_VERSION
from launcher.config.errors import ConfigError, DownloadError, TooLarge

log = logging.getLogger(__name__)

#: Same cap as the core's ``Limits.max_bytes``: nothing bigger is read or downloaded.
MAX_CONFIG_BYTES = 32 * 1024 * 1024
USER_AGENT = f"SEB/{SEB_COMPAT_VERSION}"


# -- errors this module adds to the family (all are DownloadError, so callers need not care) ----
class FileUnreadable(ConfigError):
    default_message = "The configuration file could not be opened."


class ServerSentWebPage(DownloadError):
    default_message = (
        "The server sent a web page, not an exam configuration (are you signed in?)."
    )


class HttpStatusError(DownloadError):
    default_message = "The server refused to send the exam configuration."

    def __init__(self, message: str | None = None, detail: str = "", *, status: int = 0) -> None:
        super().__init__(message or f"The server answered with an error (HTTP {status}).", detail)
        self.status = status


class DownloadTimeout(DownloadError):
    default_message = "The server did not answer in time."


class InsecureConnection(DownloadError):
    default_message = (
        "The secure connection to the server could not be verified, so the configuration was "
        "not downloaded."
    )


class NetworkFailure(DownloadError):
    default_message = "The server could not be reached. Check the network connection."


class TooManyRedirects(DownloadError):
    default_message = "The server redirected too many times."


class DownloadCancelled(DownloadError):
    default_message = "The download was cancelled."


# -- sources -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """What to open: ``kind`` is ``"file"`` (``value`` a path) or ``"url"`` (an http(s) URL)."""

    kind: str
    value: str
    original: str


def classify(text: str) -> Source:
    """Decide how to get ``text``: ``seb://`` -> ``http://``, ``sebs://`` -> ``https://`` (§7)."""
    scheme = urlsplit(text).scheme.lower() if "://" in text else ""
    if scheme in ("http", "https"):
        return Source("url", text, text)
    if scheme in ("seb", "sebs"):
        return Source("url", ("https" if scheme == "sebs" else "http") + text[len(scheme):], text)
    if scheme == "file":
        parts = urlsplit(text)
        return Source("file", unquote(parts.path), text)
    if scheme and len(scheme) > 1:  # one letter: a Windows drive, a path after all
        raise FileUnreadable(
            "This kind of link cannot be opened as an exam.", detail=f"unsupported scheme {scheme!r}"
        )
    return Source("file", text, text)


def read_local(path: str | os.PathLike[str], *, max_bytes: int = MAX_CONFIG_BYTES) -> bytes:
    """The file's bytes, refusing anything larger than ``max_bytes`` without reading it all."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileUnreadable("The configuration file does not exist.", detail=str(p)) from None
    except IsADirectoryError:
        raise FileUnreadable("This is a folder, not a configuration file.", detail=str(p)) from None
    except OSError as exc:
        raise FileUnreadable(detail=f"{p}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise TooLarge(detail=f"{p} is larger than {max_bytes} bytes")
    return data


def looks_like_web_page(body: bytes, content_type: str = "") -> bool:
    """True when a download is an HTML page (a login form, an error page) and not a config.

    A SEB file is gzip, a 4-letter prefix, or an XML plist; an HTML body starts with a
    doctype or an ``<html`` tag. The content type alone does not decide: some servers send
    ``.seb`` files as ``text/html``.
    """
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"\x1f\x8b") or head[:4] in (b"plnd", b"pswd", b"pwcc", b"pkhs", b"phsk"):
        return False
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith((b"<?xml", b"<plist", b"<!doctype plist")):
        return b"<html" in head and b"<plist" not in head
    if "html" in content_type.lower():
        return True
    return head.startswith(b"<") and (b"<head" in head or b"<body" in head)


# -- download ------------------------------------------------------------------------------------
@dataclass
class FetchOptions:
    """Limits and trust for one download. ``extra_ca_pem`` adds trusted CAs for this download
    only (tests, private exam servers); nothing here ever turns certificate checks off."""

    max_bytes: int = MAX_CONFIG_BYTES
    timeout_ms: int = 30_000
    max_redirects: int = 10
    retries: int = 1
    user_agent: str = USER_AGENT
    extra_ca_pem: list[bytes] = field(default_factory=list)


@functools.cache
def _worth_a_retry() -> frozenset:
    """Network errors that a second try may cure (built on first use: enum look-ups cost)."""
    E = QNetworkReply.NetworkError
    return frozenset({
        E.ConnectionRefusedError, E.RemoteHostClosedError, E.HostNotFoundError,
        E.TemporaryNetworkFailureError, E.NetworkSessionFailedError, E.UnknownNetworkError,
        E.ProxyConnectionClosedError, E.ProxyTimeoutError,
    })


class ConfigDownload(QObject):
    """Downloads one configuration; emits ``progress``, then ``succeeded`` or ``failed`` once.

    ``failed`` carries a :class:`DownloadError` (or :class:`TooLarge`); a user's cancel shows as
    :class:`DownloadCancelled`. The object can be dropped after either signal.
    """

    progress = Signal(int, int)  # bytes received, total (-1 when the server did not say)
    succeeded = Signal(bytes, str)  # body, final URL after redirects
    failed = Signal(object)  # ConfigError

    def __init__(
        self,
        url: str,
        *,
        options: FetchOptions | None = None,
        manager: QNetworkAccessManager | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.options = options or FetchOptions()
        # A manager of its own by default: its connections (trusted with this download's CAs)
        # and cookies are never reused by another download. Owned by the application object
        # and deleted later, never directly (Qt's network threads may still hold it).
        self._owns_manager = manager is None
        if manager is None:
            from PySide6.QtCore import QCoreApplication

            manager = QNetworkAccessManager(QCoreApplication.instance())
        self._manager = manager
        self._reply: QNetworkReply | None = None
        self._attempt = 0
        self._done = False
        self._cancelled = False
        self._too_large = False
        self._ssl_problems: list[str] = []

    # public ---------------------------------------------------------------------------------
    def start(self) -> None:
        qurl = QUrl(self.url)
        if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https") or not qurl.host():
            self._finish_failed(NetworkFailure("This link is not a valid web address.", detail=self.url))
            return
        self._attempt += 1
        self._ssl_problems = []
        self._too_large = False
        req = QNetworkRequest(qurl)
        req.setHeader(QNetworkRequest.KnownHeaders.UserAgentHeader, self.options.user_agent)
        req.setRawHeader(b"Accept", b"application/seb, application/octet-stream, */*;q=0.5")
        req.setAttribute(
            QNetworkRequest.Attribute.RedirectPolicyAttribute,
            QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
        )
        req.setMaximumRedirectsAllowed(self.options.max_redirects)
        req.setTransferTimeout(self.options.timeout_ms)
        if self.options.extra_ca_pem:
            conf = QSslConfiguration.defaultConfiguration()
            cas = list(conf.caCertificates())
            for pem in self.options.extra_ca_pem:
                cas.extend(QSslCertificate.fromData(pem))
            conf.setCaCertificates(cas)
            req.setSslConfiguration(conf)
        log.info("downloading configuration from %s (attempt %d)", _for_log(self.url), self._attempt)
        reply = self._manager.get(req)
        self._reply = reply
        reply.downloadProgress.connect(self._on_progress)
        reply.sslErrors.connect(self._on_ssl_errors)
        reply.finished.connect(lambda r=reply: self._on_finished(r))

    def cancel(self) -> None:
        """Stop now; ``failed`` gets a :class:`DownloadCancelled`."""
        if self._done:
            return
        self._cancelled = True
        if self._reply is not None:
            self._reply.abort()
        else:
            self._finish_failed(DownloadCancelled())

    @property
    def done(self) -> bool:
        return self._done

    # reply events ---------------------------------------------------------------------------
    def _on_progress(self, received: int, total: int) -> None:
        cap = self.options.max_bytes
        if received > cap or total > cap:
            self._too_large = True
            if self._reply is not None:
                self._reply.abort()
            return
        self.progress.emit(received, total)

    def _on_ssl_errors(self, errors: list) -> None:
        # Never ignored: the handshake fails and finished() reports it.
        self._ssl_problems = [e.errorString() for e in errors]

    def _on_finished(self, reply: QNetworkReply) -> None:
        if reply is not self._reply or self._done:
            reply.deleteLater()
            return
        self._reply = None
        reply.deleteLater()
        err = reply.error()
        final_url = reply.url().toString()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        E = QNetworkReply.NetworkError
        if self._cancelled:
            self._finish_failed(DownloadCancelled())
            return
        if self._too_large:
            self._finish_failed(
                TooLarge(detail=f"{_for_log(final_url)}: more than {self.options.max_bytes} bytes")
            )
            return
        if err == E.NoError:
            body = bytes(reply.readAll().data())
            if len(body) > self.options.max_bytes:
                self._finish_failed(TooLarge(detail=f"{len(body)} bytes"))
                return
            ctype = str(reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader) or "")
            if looks_like_web_page(body, ctype):
                self._finish_failed(
                    ServerSentWebPage(detail=f"{_for_log(final_url)} answered {ctype or 'HTML'}")
                )
                return
            log.info("downloaded %d bytes from %s", len(body), _for_log(final_url))
            self._done = True
            self._release_manager()
            self.succeeded.emit(body, final_url)
            return
        detail = f"{_for_log(final_url)}: {reply.errorString()}"
        if status and int(status) >= 400:
            self._finish_failed(HttpStatusError(detail=detail, status=int(status)))
        elif err == E.SslHandshakeFailedError or self._ssl_problems:
            if self._ssl_problems:
                detail += " (" + "; ".join(self._ssl_problems) + ")"
            self._finish_failed(InsecureConnection(detail=detail))
        elif err == E.InsecureRedirectError:
            self._finish_failed(
                InsecureConnection(
                    "The server tried to send the configuration over an unencrypted connection, "
                    "so it was not downloaded.",
                    detail=detail,
                )
            )
        elif err == E.TooManyRedirectsError:
            self._finish_failed(TooManyRedirects(detail=detail))
        elif err in (E.TimeoutError, E.OperationCanceledError):
            # Not cancelled by us: the transfer timeout fired (Qt reports either, by version).
            self._retry_or_fail(DownloadTimeout(detail=detail))
        elif err in _worth_a_retry():
            self._retry_or_fail(NetworkFailure(detail=detail))
        elif err == E.ProtocolUnknownError:
            self._finish_failed(NetworkFailure("This link is not a valid web address.", detail=detail))
        else:
            self._finish_failed(NetworkFailure(detail=detail))

    def _release_manager(self) -> None:
        if self._owns_manager:
            self._owns_manager = False
            self._manager.deleteLater()

    def _retry_or_fail(self, error: ConfigError) -> None:
        if self._attempt <= self.options.retries and not self._cancelled:
            log.warning("download failed (%s), trying once more", error.detail)
            self.start()
        else:
            self._finish_failed(error)

    def _finish_failed(self, error: ConfigError) -> None:
        if self._done:
            return
        self._done = True
        self._release_manager()
        if isinstance(error, DownloadCancelled):
            log.info("download cancelled by the user")
        else:
            log.error("download failed: %s (%s)", error.message, error.detail)
        self.failed.emit(error)


def _for_log(url: str) -> str:
    """The URL without user info and query (they may carry secrets) for log lines."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}" + ("?…" if parts.query else "")
