"""The running exam's downloads: files the exam allows, and the ``.seb`` configurations that ask
to reconfigure it.

One job (a part of :class:`launcher.exam.session.ExamSession`): a ``seb(s)://`` link or a
downloaded ``.seb`` file is fetched with the exam's cookies through its interceptor, into a
private temporary folder, bounded by ``MAX_CONFIG_BYTES``, and handed up as
``reconfigureRequested(url, data)`` when the exam's settings allow reconfiguration (spec §7),
else refused with a notice (``reconfigureRefused``); other downloads go to the download folder
when ``allowDownloads`` allows them.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl

from launcher.browser import jsapi
from launcher.config.container import MAX_CONFIG_BYTES

if TYPE_CHECKING:
    import tempfile

    from PySide6.QtWebEngineCore import QWebEngineDownloadRequest, QWebEngineProfile

    from launcher.exam.session import ExamSession

log = logging.getLogger(__name__)

SEB_MIME_TYPES = frozenset(("application/seb", "application/x-seb", "application/x-safeexambrowser"))


class ExamDownloads(QObject):
    """``session.downloads``: ``watch(profile)`` at the start, ``stop()`` (no more downloads),
    ``close()`` (the temporary folder goes) at the end."""

    def __init__(self, session: ExamSession) -> None:
        super().__init__(session)
        self.session = session
        # the sign-in browser (launcher.opening.signin) accepts whatever configuration the site sends
        self.accept_any_configuration = False
        self._conn: Any = None
        self._reconfig_link: str | None = None
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None

    def watch(self, profile: QWebEngineProfile) -> None:
        self._conn = profile.downloadRequested.connect(self.on_download)
        self.session.on_stop("downloads", self.stop)

    def stop(self) -> None:
        if self._conn is not None:
            # (QObject.disconnect(connection): PySide 6.12's signal.disconnect(slot) drops
            # a reference to True on every call, which aborts the interpreter at exit)
            QObject.disconnect(self._conn)
            self._conn = None

    def close(self) -> None:
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None

    # -- reconfiguration ----------------------------------------------------------------
    def may_reconfigure(self, url: str) -> bool:
        if self.accept_any_configuration:
            return True
        from launcher.config.navigation import may_reconfigure

        return bool(may_reconfigure(self.session.settings, url))

    def refuse(self, url: str) -> None:
        s = self.session
        log.info("reconfiguration refused by the exam's settings")
        if s.window is not None:
            s.window.taskbar.show_notice(QCoreApplication.translate(
                "ExamSession", "This exam does not allow opening another exam configuration."))
        s.reconfigureRefused.emit(url)

    def on_seb_link(self, url: str) -> None:
        s = self.session
        if s.ending:
            return
        if not self.may_reconfigure(url):
            self.refuse(url)
            return
        from launcher.config.navigation import seb_link_to_http

        http_url = seb_link_to_http(url)
        self._reconfig_link = url
        assert s.page is not None
        s.page.download(QUrl(http_url))  # with the exam's cookies, through the interceptor

    # -- every download -----------------------------------------------------------------
    def on_download(self, download: QWebEngineDownloadRequest) -> None:
        s = self.session
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
            if link == url and not self.may_reconfigure(url):
                download.cancel()
                self.refuse(url)
                return
            if download.totalBytes() > MAX_CONFIG_BYTES:
                download.cancel()
                self.refuse(link)
                return
            if self._tmpdir is None:
                import tempfile

                self._tmpdir = tempfile.TemporaryDirectory(prefix="seb-launcher-")
            download.setDownloadDirectory(self._tmpdir.name)
            download.setDownloadFileName("reconfigure.seb")
            download.isFinishedChanged.connect(partial(self._config_downloaded, download, link))
            download.accept()
            return
        if not s.options.allow_downloads:
            log.info("download refused: downloads are not allowed")
            download.cancel()
            if s.window is not None:
                s.window.taskbar.show_notice(
                    QCoreApplication.translate("ExamSession", "Downloading files is not allowed in this exam."))
            return
        if s.download_dir:
            download.setDownloadDirectory(s.download_dir)
        download.accept()
        if s.window is not None:
            s.window.taskbar.show_notice(
                QCoreApplication.translate("ExamSession", "Downloaded: %1").replace("%1", download.downloadFileName())
            )

    def _config_downloaded(self, download: QWebEngineDownloadRequest, url: str) -> None:
        s = self.session
        if not download.isFinished() or s.ending:  # ended meanwhile: its windows are gone
            return
        path = os.path.join(download.downloadDirectory(), download.downloadFileName())
        # Done with it: a finished download left to its profile's destructor makes Qt delete an
        # object it still shares (a crash when that profile goes, e.g. the sign-in browser's).
        download.deleteLater()
        from PySide6.QtWebEngineCore import QWebEngineDownloadRequest

        if download.state() != QWebEngineDownloadRequest.DownloadState.DownloadCompleted:
            log.warning("configuration download failed: %s", download.interruptReasonString())
            if s.window is not None:
                s.window.taskbar.show_notice(
                    QCoreApplication.translate("ExamSession", "The exam configuration could not be downloaded."))
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
            self.refuse(url)
            return
        log.info("configuration downloaded for reconfiguration (%d bytes)", len(data))
        s.reconfigureRequested.emit(url, data)
