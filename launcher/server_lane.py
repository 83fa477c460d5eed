"""A worker thread for blocking SEB Server calls, with results back on the GUI thread.

One job: run callables one after another off the GUI thread (``submit``) and call their
``done(result, error)`` on the thread the lane lives in, through a queued Qt signal. The GUI
never waits for the network.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]


class Lane(QObject):
    """One worker thread, serial. ``close()`` lets it end after the queued work."""

    _delivered = Signal(object, object, object)  # done, result, error

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._queue: queue.Queue[tuple[Callable[[], Any], Done | None] | None] = queue.Queue()
        self._delivered.connect(self._deliver)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[], Any], done: Done | None = None) -> None:
        if self._closed:
            return
        self._queue.put((work, done))

    def pending(self) -> int:
        return self._queue.qsize()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(None)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            work, done = item
            result: Any = None
            error: BaseException | None = None
            try:
                result = work()
            except Exception as exc:  # delivered to the GUI thread, which decides
                error = exc
            if done is not None:
                try:
                    self._delivered.emit(done, result, error)
                except RuntimeError:  # the lane's QObject is gone: nobody waits any more
                    return

    @staticmethod
    def _deliver(done: Done, result: Any, error: BaseException | None) -> None:
        try:
            done(result, error)
        except Exception:
            log.exception("SEB Server result handler failed")
