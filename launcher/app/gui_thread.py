"""Qt objects live and die on the GUI thread, whatever the worker threads do.

One job: keep the two ways a worker thread can reach a Qt object away from it.

1. Python's cyclic garbage collector runs on whichever thread happens to allocate when a
   threshold is crossed: a SEB Server lane, a lockdown poll, any other Python thread. An ended
   exam (its session, pages, profile, timers) is often only reachable through reference cycles,
   so the collector could destroy those Qt objects on a worker thread — Qt then deletes widgets
   and unregisters timers from the wrong thread and the launcher crashes later, on the GUI
   thread. :func:`install` turns automatic collection off and collects instead from a timer on
   the GUI thread, at the same thresholds (what pyqtgraph, Spyder and others do).
2. A worker thread that emits a signal of a QObject the GUI thread may delete meanwhile (an
   ended exam's monitor, a closed connection's lane) races with that deletion, and a worker that
   keeps the last reference to a callback can free the callback's Qt objects on its own thread.
   :func:`expect` / :func:`deliver` hand results back through one relay object that lives as long
   as the application: the worker carries only a number, the callback stays on the GUI thread
   and is dropped, unused, when its owner is gone.
"""

from __future__ import annotations

import gc
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], None]

COLLECT_EVERY_MS = 500


class _Relay(QObject):
    """Lives on the GUI thread until the application ends; parent of the collector's timer."""

    ready = Signal(int, object, object)  # ticket, result, error (emitted by worker threads)

    def __init__(self, app: QObject) -> None:
        super().__init__(app)
        self._thresholds = gc.get_threshold()
        self._lock = threading.Lock()
        self._waiting: dict[int, tuple[Done, QObject | None]] = {}
        self._tickets = itertools.count(1)
        self.ready.connect(self._on_ready)
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_EVERY_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()
        gc.disable()

    def collect(self) -> None:
        """What automatic collection would have done by now, on this (the GUI) thread."""
        counts = gc.get_count()
        generation = -1
        for gen in range(3):
            if counts[gen] > self._thresholds[gen]:
                generation = gen
        if generation >= 0:
            gc.collect(generation)

    def expect(self, done: Done, owner: QObject | None) -> int:
        with self._lock:
            ticket = next(self._tickets)
            self._waiting[ticket] = (done, owner)
        return ticket

    def _on_ready(self, ticket: int, result: Any, error: Any) -> None:
        with self._lock:
            entry = self._waiting.pop(ticket, None)
        if entry is None:
            return
        done, owner = entry
        if owner is not None and not _alive(owner):
            return  # nobody waits any more
        try:
            done(result, error)
        except Exception:
            log.exception("A worker thread's result handler failed")


_relay: _Relay | None = None


def _alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def install() -> bool:
    """Collect garbage on the GUI thread only and set up the result relay (idempotent).
    Call on the GUI thread once the QCoreApplication exists; False when that is not the case."""
    global _relay
    if _relay is not None and _alive(_relay):
        return True
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return False
    _relay = _Relay(app)
    log.debug("garbage collection runs on the GUI thread only")
    return True


def expect(done: Done, owner: QObject | None = None) -> int:
    """On the GUI thread: register ``done(result, error)`` and get the ticket a worker thread
    passes to :func:`deliver`. ``done`` is not called when ``owner`` was deleted meanwhile."""
    if not install():
        raise RuntimeError("launcher.app.gui_thread.expect() needs the GUI thread of a running application")
    assert _relay is not None
    return _relay.expect(done, owner)


def deliver(ticket: int, result: Any = None, error: BaseException | None = None) -> None:
    """From any thread: run the callback of ``ticket`` on the GUI thread (queued)."""
    relay = _relay
    if relay is None:
        return
    try:
        relay.ready.emit(ticket, result, error)
    except RuntimeError:  # the application is gone: nobody waits any more
        pass


def run_in_thread(work: Callable[[], Any], done: Done, *, owner: QObject | None = None,
                  name: str = "worker") -> None:
    """Run ``work()`` on a new daemon thread and ``done(result, error)`` on the GUI thread.
    ``work`` must not hold Qt objects: it is released on the worker thread."""
    ticket = expect(done, owner)
    threading.Thread(target=_run_once, args=(work, ticket), name=name, daemon=True).start()


def _run_once(work: Callable[[], Any], ticket: int) -> None:
    run_job((work, ticket))


def run_job(job: tuple[Callable[[], Any], int | None] | None) -> bool:
    """On a worker thread: run one ``(work, ticket)`` job, release it, then hand its result to
    the GUI thread (no ticket: nobody waits). ``None`` is the end of a queue: returns False."""
    if job is None:
        return False
    work, ticket = job
    del job
    result: Any = None
    error: BaseException | None = None
    try:
        result = work()
    except Exception as exc:  # handed to the GUI thread, which decides
        error = exc
    del work
    if ticket is not None:
        deliver(ticket, result, error)
    return True
