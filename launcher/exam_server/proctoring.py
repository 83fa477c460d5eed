"""Screen proctoring during a SEB Server exam (spec §9): the exam window, captured and sent.

One job: on a ``SEB_PROCTORING`` JOIN for ``SCREEN_PROCTORING`` (and only when the exam's
``enableScreenProctoring`` is on, as SEB for macOS does), grab the exam window every
``screenProctoringScreenshotMaxInterval`` ms (default 5000, at least the min interval), encode
it as PNG on the GUI thread (a few ms), and upload it from a worker thread with its metadata,
one at a time, as the service's load allows (``sps_server_health``, rules in
:mod:`launcher.server.proctoring_health`: at once, delayed, or held while the service is
overloaded or unreachable, with ``GET health`` asked meanwhile); tell the student in the
taskbar. LEAVE or the end of the exam stops it and deletes the session on a thread of its own
— never behind uploads still on their way — within :data:`CLOSE_WAIT_S`.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QTimer

from launcher.exam_server.lane import Lane

log = logging.getLogger(__name__)

DEFAULT_MIN_MS = 1000
DEFAULT_MAX_MS = 5000
MAX_HELD = 40  # screenshots kept while they wait or the service is overloaded (oldest dropped)
CLOSE_WAIT_S = 8.0  # the session's DELETE at the end waits this long for the service
HEALTH_POLL_MS = 15_000  # GET health while the service is overloaded (SEB for Windows: 15 s)



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


@dataclass
class _Shot:
    stamp_ms: int  # capture time, sent as ``timestamp``
    image: bytes
    metadata: dict[str, str]
    send_at: float  # monotonic seconds: not before


class ScreenProctor(QObject):
    """One screen-proctoring session of the running exam."""

    def __init__(self, session: Any, join: Any, *, timeout: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from launcher.server.proctoring_health import ServiceHealth
        from launcher.server.screen_proctoring import ScreenProctoringClient
        from launcher.server.settings import ssl_context_for

        self.session = session
        self.client = ScreenProctoringClient(join, timeout=timeout, ssl_context=ssl_context_for(session.settings))
        self.lane = Lane("seb-screen-proctoring", self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms(session.settings))
        self.timer.timeout.connect(self.capture)
        self.health = ServiceHealth()
        self._held: deque[_Shot] = deque()
        self._sending = False
        self._last_capture = 0.0
        self._dropped = 0
        self._pump_timer = QTimer(self)  # the next held screenshot's time
        self._pump_timer.setSingleShot(True)
        self._pump_timer.timeout.connect(self._pump)
        self._poll_timer = QTimer(self)  # GET health while the service is overloaded
        self._poll_timer.setInterval(HEALTH_POLL_MS)
        self._poll_timer.timeout.connect(self._poll_health)
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
        if self._stopped or window is None:
            return
        now = time.monotonic()
        since = now - self._last_capture if self._last_capture else self.timer.interval() / 1000
        self._last_capture = now
        stamp = int(time.time() * 1000)
        pixmap = window.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        buffer.close()
        page = getattr(self.session, "page", None)
        metadata = {
            "screenProctoringMetadataApplication": "SEB Launcher",
            "screenProctoringMetadataBrowser": page.title() if page is not None else "",
            "screenProctoringMetadataURL": page.url().toString() if page is not None else "",
            "screenProctoringMetadataUserAction": "interval",
            "screenProctoringMetadataWindowTitle": window.windowTitle(),
        }
        if len(self._held) >= MAX_HELD:
            self._held.popleft()
            self._dropped += 1
            if self._dropped == 1:
                log.warning("Screen proctoring: more than %d screenshots waiting; the oldest are dropped", MAX_HELD)
        self._held.append(_Shot(stamp, bytes(data.data()), metadata, now + self.health.delay_s(since)))
        self._pump()

    # -- sending, as the service's health allows ------------------------------------------------
    def _pump(self) -> None:
        if self._stopped or self._sending or not self._held:
            return
        now = time.monotonic()
        if self.health.holding(now):
            if not self._poll_timer.isActive():
                self._poll_timer.start()
            wait = self.health.resume_at - now if self.health.recovering else HEALTH_POLL_MS / 1000
            self._pump_timer.start(max(50, int(wait * 1000)))
            return
        self._poll_timer.stop()
        shot = self._held[0]
        if shot.send_at > now:
            self._pump_timer.start(max(10, int((shot.send_at - now) * 1000)))
            return
        self._held.popleft()
        self._sending = True
        client = self.client

        def done(health: Any, error: BaseException | None) -> None:
            self._sending = False
            if self._stopped:
                return
            if error is not None:
                log.info("A screenshot was not uploaded: %s", error)
                self._held.appendleft(shot)  # sent again once the service is back
                self.health.report(None, time.monotonic())
            else:
                self.uploaded += 1
                self.health.report(health, time.monotonic())
            self._pump()

        self.lane.submit(lambda: client.upload(shot.image, timestamp_ms=shot.stamp_ms, metadata=shot.metadata),
                         done)

    def _poll_health(self) -> None:
        if self._stopped or self.lane.pending():
            return
        client = self.client

        def done(health: Any, error: BaseException | None) -> None:
            if self._stopped:
                return
            self.health.report(None if error is not None else health, time.monotonic())
            self._pump()

        self.lane.submit(client.fetch_health, done)

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
        """LEAVE or the end: no more screenshots, ``DELETE`` the session on a thread of its own
        (not behind uploads on their way), then ``then()`` — when the service answered, or after
        :data:`CLOSE_WAIT_S` (at most the exam server's timeout) if it does not; either way logged."""
        if self._stopped:
            if then is not None:
                then()
            return
        self._stopped = True
        for timer in (self.timer, self._pump_timer, self._poll_timer):
            timer.stop()
        if self._held:
            log.info("Screen proctoring: %d screenshot(s) not sent at the end", len(self._held))
        self._held.clear()
        self._tell(False)
        self.lane.close()  # an upload on its way ends on its own; its answer is ignored
        client = self.client
        called: list[bool] = []

        def finish() -> None:
            if not called:
                called.append(True)
                guard.stop()
                if then is not None:
                    then()

        wait = min(CLOSE_WAIT_S, client.timeout)  # no longer than the exam server's own timeout

        def late() -> None:
            log.warning("The screen proctoring service did not confirm the end of the session within %.0f s; "
                        "SEB Server closes it with the connection", wait)
            finish()

        def done(_r: Any, error: BaseException | None) -> None:
            if called:
                return
            if error is not None:
                log.warning("The screen proctoring session could not be closed: %s", error)
            else:
                log.info("Screen proctoring ended: the session is closed")
            finish()

        guard = QTimer(self)
        guard.setSingleShot(True)
        guard.timeout.connect(late)
        guard.start(int(wait * 1000))
        closer = Lane("seb-screen-proctoring-end", self)
        closer.submit(lambda: client.close(timeout=wait + 2), done)  # the guard speaks first
        closer.close()
