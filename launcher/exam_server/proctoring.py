"""Screen proctoring during a SEB Server exam (spec §9): the exam window, captured and sent.

One job: on a ``SEB_PROCTORING`` JOIN for ``SCREEN_PROCTORING`` (and only when the exam's
``enableScreenProctoring`` is on, as SEB for macOS does), grab the exam window every
``screenProctoringScreenshotMaxInterval`` ms (default 5000, at least the min interval), encode
it as PNG on the GUI thread (a few ms), and upload it from a worker thread with its metadata;
tell the student in the taskbar. LEAVE or the end of the exam stops it and deletes the session.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QTimer

from launcher.exam_server.lane import Lane

log = logging.getLogger(__name__)

DEFAULT_MIN_MS = 1000
DEFAULT_MAX_MS = 5000
MAX_QUEUED_UPLOADS = 2



def enabled(settings: Any) -> bool:
    raw = getattr(settings, "raw", {}) or {}
    return raw.get("enableScreenProctoring") is True


def interval_ms(settings: Any) -> int:
    raw = getattr(settings, "raw", {}) or {}
    low = raw.get("screenProctoringScreenshotMinInterval", DEFAULT_MIN_MS)
    high = raw.get("screenProctoringScreenshotMaxInterval", DEFAULT_MAX_MS)
    low = low if isinstance(low, int) and not isinstance(low, bool) and low > 0 else DEFAULT_MIN_MS
    high = high if isinstance(high, int) and not isinstance(high, bool) and high > 0 else DEFAULT_MAX_MS
    return max(100, min(max(low, high), 60_000))


class ScreenProctor(QObject):
    """One screen-proctoring session of the running exam."""

    def __init__(self, session: Any, join: Any, *, timeout: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from launcher.server.screen_proctoring import ScreenProctoringClient
        from launcher.server.settings import ssl_context_for

        self.session = session
        self.client = ScreenProctoringClient(join, timeout=timeout, ssl_context=ssl_context_for(session.settings))
        self.lane = Lane("seb-screen-proctoring", self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms(session.settings))
        self.timer.timeout.connect(self.capture)
        self.uploaded = 0
        self.running = False
        self._stopped = False

    def start(self) -> None:
        def done(_r: Any, error: BaseException | None) -> None:
            if self._stopped:
                return
            if error is not None:
                log.warning("Screen proctoring could not start: %s", error)
                return
            self.running = True
            log.info("Screen proctoring started (a screenshot every %d ms)", self.timer.interval())
            self._tell(True)
            self.capture()
            self.timer.start()

        self.lane.submit(self.client.start, done)

    def capture(self) -> None:
        window = getattr(self.session, "window", None)
        if self._stopped or window is None or self.lane.pending() >= MAX_QUEUED_UPLOADS:
            return
        stamp = int(time.time() * 1000)
        pixmap = window.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        buffer.close()
        image = bytes(data.data())
        page = getattr(self.session, "page", None)
        metadata = {
            "screenProctoringMetadataApplication": "SEB Launcher",
            "screenProctoringMetadataBrowser": page.title() if page is not None else "",
            "screenProctoringMetadataURL": page.url().toString() if page is not None else "",
            "screenProctoringMetadataUserAction": "interval",
            "screenProctoringMetadataWindowTitle": window.windowTitle(),
        }
        client = self.client

        def done(_health: Any, error: BaseException | None) -> None:
            if error is not None:
                log.info("A screenshot was not uploaded: %s", error)
            else:
                self.uploaded += 1

        self.lane.submit(lambda: client.upload(image, timestamp_ms=stamp, metadata=metadata), done)

    def _tell(self, on: bool) -> None:
        try:
            taskbar = getattr(getattr(self.session, "window", None), "taskbar", None)
            if taskbar is not None and hasattr(taskbar, "set_screen_proctoring"):
                text = QCoreApplication.translate(
                    "ScreenProctoring", "Screen proctoring is on: your screen is recorded for the exam supervisors.")
                taskbar.set_screen_proctoring(text if on else "")
        except RuntimeError:  # the exam window is already gone (the exam ended)
            pass

    def stop(self, then: Any = None) -> None:
        """LEAVE or the end: no more screenshots, ``DELETE`` the session, then ``then()``."""
        if self._stopped:
            if then is not None:
                then()
            return
        self._stopped = True
        self.timer.stop()
        self._tell(False)
        client = self.client

        def done(_r: Any, error: BaseException | None) -> None:
            if error is not None:
                log.warning("The screen proctoring session could not be closed: %s", error)
            else:
                log.info("Screen proctoring ended")
            if then is not None:
                then()

        self.lane.submit(client.close, done)
        self.lane.close()
