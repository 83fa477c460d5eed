"""Downloading an exam configuration over HTTP(S).

One job: fetch the raw bytes of a configuration from an ``http(s)://`` URL (what a
``seb://``/``sebs://`` link stands for), bounded in size and time, or fail with a specific
:class:`~launcher.config.errors.ConfigError`. Downloads run on Qt's event loop with
``QNetworkAccessManager`` (no extra thread), follow a bounded number of redirects (never from
HTTPS down to HTTP), retry once after a network failure, send ``SEB/<version>`` as user agent and
fail closed on any TLS error. Sources, local files and the error classes live in
``launcher.opening.sources`` (re-exported here); parsing the bytes is the core's job.
:func:`download_for` is the open flow's use of it: the progress dialog, and what each outcome
means (read it, sign in on the web page it answered, cancel, or fail).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtNetwork import (
    QNetworkAccessManager,
    QNetworkReply,
    QNetworkRequest,
    QSslCertificate,
    QSslConfiguration,
)

from launcher.config.errors import (
    ConfigError,
    DownloadCancelled,
    DownloadTimeout,
    HttpStatusError,
    InsecureConnection,
    InvalidLink,
    NetworkFailure,
    ServerSentWebPage,
    TooLarge,
    TooManyRedirects,
)
from launcher.opening.sources import FetchOptions, for_log, looks_like_web_page

if TYPE_CHECKING:
    from launcher.opening.flow import ExamOpener

log = logging.getLogger(__name__)


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
            self._finish_failed(InvalidLink(detail=for_log(self.url)))
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
        log.info("downloading configuration from %s (attempt %d)", for_log(self.url), self._attempt)
        reply = self._manager.get(req)
        self._reply = reply
        reply.downloadProgress.connect(self._on_progress)
        reply.sslErrors.connect(self._on_ssl_errors)
        reply.finished.connect(functools.partial(self._on_finished, reply))

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
                TooLarge(detail=f"{for_log(final_url)}: more than {self.options.max_bytes} bytes")
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
                    ServerSentWebPage(detail=f"{for_log(final_url)} answered {ctype or 'HTML'}")
                )
                return
            log.info("downloaded %d bytes from %s", len(body), for_log(final_url))
            self._done = True
            self._release_manager()
            self.succeeded.emit(body, final_url)
            return
        detail = f"{for_log(final_url)}: {reply.errorString()}"
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
            self._finish_failed(InvalidLink(detail=detail))
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


def download_for(opener: ExamOpener, url: str) -> None:
    """Download ``url`` for the open flow, with a progress dialog the student can cancel when
    there is a screen; the bytes go to ``opener.read``, a login page to ``opener.sign_in``."""
    dl = ConfigDownload(url, options=opener.fetch_options, parent=opener)
    dialog = None
    if opener.interactive:
        from launcher.ui.dialogs import DownloadDialog

        dialog = DownloadDialog(urlsplit(url).hostname or url)
        dialog.cancelRequested.connect(dl.cancel)
        dl.progress.connect(dialog.set_progress)
        opener.dialog = dialog
        dialog.start()

    def done() -> None:
        if dialog is not None:
            dialog.finish()
            if opener.dialog is dialog:
                opener.dialog = None
        # dl stays a child of the opener: deleting it from inside its own signal, with the
        # opener possibly gone before the deferred delete runs, is not worth a crash.

    def ok(body: bytes, final_url: str) -> None:
        done()
        opener.read(body, final_url)

    def bad(error: ConfigError) -> None:
        done()
        if isinstance(error, DownloadCancelled):
            opener.cancel("download")
        elif isinstance(error, ServerSentWebPage) and opener.session is None:
            opener.sign_in(url)  # a login page: the student signs in first (launcher.opening.signin)
        else:
            opener.fail(error)

    dl.succeeded.connect(ok)
    dl.failed.connect(bad)
    dl.start()
