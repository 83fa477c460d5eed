"""The system asking the launcher to end: SIGTERM (logout, shutdown, ``kill``), SIGHUP (its
terminal went away) and SIGINT (Ctrl+C in that terminal).

One job: turn those signals into a Qt signal on the GUI thread, so the exam can end the way it
always ends — permitted programs ended, clipboard emptied, SEB Server told — instead of the
process vanishing. Python runs a signal handler only between bytecodes, and the Qt event loop
may sit in C++ for long; so the handler does nothing, and ``signal.set_wakeup_fd`` writes the
signal's number to a pipe that a ``QSocketNotifier`` watches. POSIX only: on Windows ``install``
returns None (a process there is ended without a signal Python could catch).
"""

from __future__ import annotations

import logging
import os
import signal
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

log = logging.getLogger(__name__)

#: The signals that end the launcher cleanly (SIGKILL and SIGSTOP cannot be caught by anyone).
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


class StopSignals(QObject):
    """Emits ``received(signum)`` on the GUI thread for each stop signal that arrives."""

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read_fd, self._write_fd = os.pipe()
        for fd in (self._read_fd, self._write_fd):
            os.set_blocking(fd, False)
            os.set_inheritable(fd, False)
        self._watched: dict[int, Any] = {}
        self._previous_fd = signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)
        for name in STOP_SIGNALS:
            number = int(getattr(signal, name))
            self._watched[number] = signal.signal(number, _noted)
        self._notifier = QSocketNotifier(self._read_fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self, *_args: Any) -> None:
        try:
            data = os.read(self._read_fd, 64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in self._watched:
                self.received.emit(number)

    def uninstall(self) -> None:
        """Give the signals their previous handlers back (tests; the launcher keeps them)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, previous in self._watched.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        self._watched.clear()
        for fd in (self._read_fd, self._write_fd):
            try:
                os.close(fd)
            except OSError:
                pass


def _noted(_signum: int, _frame: Any) -> None:
    """The pipe carries the signal; nothing to do in Python's handler."""


def install(parent: QObject | None = None) -> StopSignals | None:
    """Watch the stop signals (call on the main thread); None where there are none to watch."""
    if os.name != "posix":
        return None
    try:
        return StopSignals(parent)
    except (OSError, ValueError) as exc:  # not the main thread, or no pipe: the default stays
        log.warning("The launcher cannot catch the system's stop signals: %s", exc)
        return None


def name_of(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
