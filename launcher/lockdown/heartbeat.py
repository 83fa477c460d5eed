"""Was the launcher stopped? A monotonic heartbeat that tells a stop from a busy machine
(``detectStoppedProcess``; issue 17, item 5; spec lockdown.md §11).

A thread notes ``time.monotonic()`` every 0.1 s. A stopped process (``SIGSTOP``, a terminal's
``SIGTSTP``) misses ticks — but so may a thread on a machine under heavy load. The difference:
a stopped process only runs again after a ``SIGCONT``, which the launcher notes. So a gap of
one second or more *with* a ``SIGCONT`` at its end is a stop (a 1.8 s stop / 0.3 s run cycle is
caught on its first stop); a gap without one counts only beyond 3 s (a frozen cgroup or a
debugger's stop send none). Monotonic time does not run during suspend: sleep is not a stop.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

TICK_S = 0.1
#: A gap this long, ended by a SIGCONT, is a stop.
STOP_WITH_CONT_S = 1.0
#: A gap this long is a stop whatever the signals say.
STOP_ALONE_S = 3.0
#: How long after a gap its SIGCONT may be noted (Python runs signal handlers on the main
#: thread, between its bytecodes).
CONT_WAIT_S = 2.5

_last_cont = [0.0]


def note_cont(_signum: int = 0, _frame: object = None) -> None:
    """The ``SIGCONT`` handler: when the process was last continued."""
    _last_cont[0] = time.monotonic()


def install_cont_handler() -> Callable[[], None] | None:
    """Note every ``SIGCONT`` (main thread only); returns what puts the old handler back."""
    import signal

    number = getattr(signal, "SIGCONT", None)
    if number is None or threading.current_thread() is not threading.main_thread():
        return None
    try:
        previous = signal.signal(number, note_cont)
    except (OSError, ValueError):
        return None

    def restore() -> None:
        try:
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        except (OSError, ValueError):
            pass

    return restore


class Heartbeat:
    """``check(now)`` once per tick: returns how long the process was stopped (0.0: it was not).

    ``clock`` and ``last_cont`` are injectable for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 last_cont: Callable[[], float] = lambda: _last_cont[0]) -> None:
        self._clock = clock
        self._last_cont = last_cont
        self._prev = clock()
        self._pending: list[tuple[float, float]] = []  # (gap start, gap end) awaiting a SIGCONT

    def check(self, now: float | None = None) -> float:
        now = self._clock() if now is None else now
        gap = now - self._prev
        start = self._prev
        self._prev = now
        if gap > STOP_ALONE_S:
            self._pending.clear()
            return gap
        if gap >= STOP_WITH_CONT_S:
            self._pending.append((start, now))
        cont = self._last_cont()
        found = 0.0
        keep: list[tuple[float, float]] = []
        for begin, end in self._pending:
            if begin < cont <= end + CONT_WAIT_S:
                found = max(found, end - begin)
            elif now - end < CONT_WAIT_S:
                keep.append((begin, end))
            else:
                log.info("The launcher did not run for %.1f s, without being stopped (a busy machine)",
                         end - begin)
        self._pending = keep
        return found


class HeartbeatThread:
    """Runs a :class:`Heartbeat` in a daemon thread; ``on_stop(seconds)`` is called from it."""

    def __init__(self, on_stop: Callable[[float], None], heartbeat: Heartbeat | None = None) -> None:
        self._on_stop = on_stop
        self._heartbeat = heartbeat or Heartbeat()
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None
        self._restore: Callable[[], None] | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._restore = install_cont_handler()
        self._halt.clear()
        self._heartbeat.check()  # a fresh start: the time before does not count
        self._thread = threading.Thread(target=self._run, name="stopped-process-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._halt.set()
        self._thread = None
        if self._restore is not None and threading.current_thread() is threading.main_thread():
            self._restore()
            self._restore = None

    def _run(self) -> None:
        while not self._halt.wait(TICK_S):
            stopped = self._heartbeat.check()
            if stopped and not self._halt.is_set():
                self._on_stop(stopped)
