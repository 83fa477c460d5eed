"""A stop signal (here SIGHUP, sent to this process) reaches the GUI thread as a Qt signal
while the event loop runs, and the previous handlers come back on uninstall."""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

from launcher.platform import stop_signals


def test_a_stop_signal_arrives_on_the_gui_thread(qtbot: Any) -> None:
    before = signal.getsignal(signal.SIGHUP)
    watcher = stop_signals.install()
    assert watcher is not None
    threads: list[Any] = []
    watcher.received.connect(lambda _n: threads.append(threading.current_thread()))
    try:
        with qtbot.waitSignal(watcher.received, timeout=5_000) as blocker:
            os.kill(os.getpid(), signal.SIGHUP)
        assert blocker.args == [signal.SIGHUP]
        assert threads == [threading.main_thread()]
    finally:
        watcher.uninstall()
    assert signal.getsignal(signal.SIGHUP) == before


def test_names() -> None:
    assert stop_signals.name_of(signal.SIGTERM) == "SIGTERM"
    assert stop_signals.name_of(999) == "signal 999"
