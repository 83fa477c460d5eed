"""A worker thread for blocking SEB Server calls, with results back on the GUI thread.

One job: run callables one after another off the GUI thread (``submit``) and call their
``done(result, error)`` on the GUI thread. The GUI never waits for the network.

The worker thread never touches the lane's QObject, which ends with the connection that owns it
(an exam may end while a call is on its way), and never holds a ``done`` callback: results go
back through :mod:`launcher.app.gui_thread`, so Qt objects a callback refers to are freed on the GUI
thread only. ``work`` callables hold plain data (the client, numbers, strings), no Qt objects.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from launcher.app import gui_thread

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]
_Item = tuple[Callable[[], Any], int | None]


class Lane(QObject):
    """One worker thread, serial. ``close()`` lets it end after the queued work."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gui_thread.install()
        self.name = name
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._closed = False
        self._thread = threading.Thread(target=_run, args=(self._queue,), name=name, daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[], Any], done: Done | None = None) -> None:
        if self._closed:
            return
        ticket = gui_thread.expect(done, self) if done is not None else None
        self._queue.put((work, ticket))

    def pending(self) -> int:
        return self._queue.qsize()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(None)


def _run(jobs: queue.Queue[_Item | None]) -> None:
    """The worker: holds the queue only, and nothing of a job once it is handed back."""
    while gui_thread.run_job(jobs.get()):
        pass


#: How long the end of an exam waits for SEB Server to confirm ``DELETE handshake``.
DISCONNECT_WAIT_MS = 10_000


def closing(owner: QObject, client: Any, then: Callable[[], None]) -> tuple[Callable[[], Any], Done]:
    """The work and the result handler that close a SEB Server connection (``DELETE
    handshake``) on a lane, and call ``then()`` exactly once: when the server answered, or
    after :data:`DISCONNECT_WAIT_MS` if it does not (the exam's end never waits longer)."""
    from PySide6.QtCore import QTimer

    called: list[bool] = []

    def finish(*_args: Any) -> None:
        if not called:
            called.append(True)
            guard.stop()
            then()

    def late() -> None:
        log.warning("The exam server did not confirm the end of the connection within %d s; ending anyway",
                    DISCONNECT_WAIT_MS // 1000)
        finish()

    guard = QTimer(owner)
    guard.setSingleShot(True)
    guard.timeout.connect(late)
    guard.start(DISCONNECT_WAIT_MS)

    def work() -> None:
        client.cancelled.clear()
        client.disconnect(attempts=1)

    def done(_result: Any, error: BaseException | None) -> None:
        if called:
            return  # already ended by the wait above (and said so)
        if error is not None:
            log.warning("Could not close the connection to the exam server: %s", error)
        else:
            log.info("Connection to the exam server closed")
        finish()

    return work, done
