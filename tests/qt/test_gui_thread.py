"""Qt objects die on the GUI thread: Python's garbage collector runs there only, and a worker
thread's result reaches its callback there, or nobody when the callback's owner is gone."""

from __future__ import annotations

import threading
import weakref

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from launcher.app import gui_thread
from launcher.exam_server.lane import Lane


def _garbage_qobject(died_on: list[str]) -> None:
    """A Python-owned QObject only reachable through a reference cycle (as an ended exam is)."""
    obj = QObject()
    obj.me = obj  # the cycle
    weakref.finalize(obj, lambda: died_on.append(threading.current_thread().name))


def test_garbage_with_qt_objects_is_collected_on_the_gui_thread_even_when_a_worker_allocates(qtbot):
    assert gui_thread.install()
    died_on: list[str] = []
    _garbage_qobject(died_on)

    kept: list[list[list[object]]] = []

    def allocate() -> None:  # enough young objects to pass every collection threshold many times
        for _ in range(100_000):
            kept.append([[]])

    worker = threading.Thread(target=allocate, name="busy-worker")
    worker.start()
    worker.join()
    assert "busy-worker" not in died_on
    qtbot.waitUntil(lambda: died_on == [threading.main_thread().name], timeout=10_000)
    kept.clear()


def test_a_lane_result_reaches_its_callback_on_the_gui_thread(qtbot):
    owner = QObject()
    lane = Lane("test-lane", owner)
    got: list[tuple[object, str]] = []
    lane.submit(lambda: 6 * 7, lambda result, error: got.append((result, threading.current_thread().name)))
    qtbot.waitUntil(lambda: got == [(42, threading.main_thread().name)], timeout=10_000)
    lane.close()


def test_a_lane_result_for_a_deleted_owner_reaches_nobody(qtbot):
    owner = QObject()
    lane = Lane("test-lane", owner)
    release = threading.Event()
    got: list[object] = []
    lane.submit(lambda: release.wait(10), lambda result, error: got.append(result))
    lane.submit(lambda: "after", lambda result, error: got.append(result))
    lane.close()
    owner.deleteLater()  # the connection ends while a call is on its way
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(lane)
    release.set()
    marker = QObject()
    seen: list[object] = []
    other = Lane("test-marker", marker)
    qtbot.waitUntil(lambda: not any(t.name == "test-lane" and t.is_alive() for t in threading.enumerate()),
                    timeout=10_000)
    other.submit(lambda: "marker", lambda result, error: seen.append(result))
    qtbot.waitUntil(lambda: seen == ["marker"], timeout=10_000)  # the relay has delivered what it had
    assert got == []
    other.close()
