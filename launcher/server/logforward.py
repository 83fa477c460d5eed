"""The launcher's log as SEB Server log events (spec §7), redacted like the log file.

One job: a ``logging.Handler`` that keeps each record as ``(type, timestamp ms, text)`` —
``DEBUG_LOG``/``INFO_LOG``/``WARN_LOG``/``ERROR_LOG``, text redacted with
``launcher.platform.logs.redact`` — until the monitor drains it every 500 ms. Installed when the
connection starts, so the server also gets the start-up lines, as SEB for Windows sends them.
"""

from __future__ import annotations

import collections
import logging
import threading

from launcher.platform.logs import redact

MAX_KEPT = 2000
#: the worker thread that sends log events: its own warnings are not sent again (no loop)
SENDER_THREAD = "seb-server-log"


def event_type(level: int) -> str:
    if level >= logging.ERROR:
        return "ERROR_LOG"
    if level >= logging.WARNING:
        return "WARN_LOG"
    if level >= logging.INFO:
        return "INFO_LOG"
    return "DEBUG_LOG"


class LogForwarder(logging.Handler):
    """Collects redacted records for the exam server; ``drain()`` hands them over."""

    def __init__(self, level: int = logging.INFO) -> None:
        super().__init__(level)
        self._kept: collections.deque[tuple[str, int, str]] = collections.deque(maxlen=MAX_KEPT)
        self._guard = threading.Lock()
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if threading.current_thread().name == SENDER_THREAD:  # about sending logs: no loop
            return
        if getattr(record, "_seb_server_kept", False):  # replayed (the log file's start-up copy)
            return
        record._seb_server_kept = True
        try:
            text = redact(self.format(record))
        except Exception:  # a broken record must not break logging
            return
        with self._guard:
            self._kept.append((event_type(record.levelno), int(record.created * 1000), text))

    def drain(self) -> list[tuple[str, int, str]]:
        with self._guard:
            items = list(self._kept)
            self._kept.clear()
        return items

    def install(self) -> "LogForwarder":
        logging.getLogger().addHandler(self)
        return self

    def remove(self) -> None:
        logging.getLogger().removeHandler(self)
