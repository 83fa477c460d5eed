"""One owner of the running exam: everything an exam starts is stopped by its session, last
first, and a start that fails half-way leaves no exam window and no watcher behind."""

from __future__ import annotations

from conftest import flush_deletions
from open_helpers import make_opener, web_views  # noqa: F401
from support.fake_machine import FakeMachine
from support.servers import http_server  # noqa: F401

from launcher.browser import jsapi
from launcher.config import plist
from launcher.exam.session import ExamSession
from launcher.exit_codes import EXIT_ERROR

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _config(tmp_path, http_server, **extra):
    http_server.route("/exam", "<!doctype html><title>exam</title><p>exam</p>")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "allowVirtualMachine": True,
                                  "quitURLConfirm": False, **extra}))
    return str(path)


def test_the_exam_stops_every_part_it_started_last_first(qtbot, make_opener, http_server, tmp_path):
    fake = FakeMachine(tmp_path / "machine")
    opener = make_opener(machine=fake.machine(), interactive=False)
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(_config(tmp_path, http_server))
    session = opener.session
    qtbot.waitUntil(lambda: "keep-awake" in session.stop_order, timeout=5_000)  # after the window is up
    assert session.stop_order == [
        "keep-awake", "session-change watch", "stopped-process watch",  # started once the window is up
        "foreign windows", "lockdown monitor",
        "sound", "clipboard", "keyboard and mouse guard",
        "the dialog asking", "downloads", "profile", "windows",
    ]
    monitor = session.monitor
    assert web_views() and monitor.timer.isActive()
    with qtbot.waitSignal(opener.finished, timeout=10_000):
        session.quit("test over")
    assert not web_views() and not monitor.timer.isActive()
    assert session.stop_order == []
    flush_deletions()  # the ended exam's pages and profile go before the next test


class _WatchersFail(ExamSession):
    """An exam whose watchers cannot start on this machine (say, the X server went away)."""

    def watch(self, machine=None):
        super().watch(machine)
        raise OSError("the watchers could not start")


def test_a_start_that_fails_at_its_watchers_ends_the_half_started_exam(qtbot, make_opener, http_server, tmp_path):
    fake = FakeMachine(tmp_path / "machine")
    made: list[ExamSession] = []

    def factory(loaded, settings, keys):
        made.append(_WatchersFail(loaded, settings, keys))
        return made[-1]

    opener = make_opener(machine=fake.machine(), interactive=False, session_factory=factory)
    started: list[object] = []
    opener.sessionStarted.connect(started.append)
    with qtbot.waitSignal(opener.failed, timeout=20_000) as failed, \
            qtbot.waitSignal(opener.finished, timeout=20_000) as finished:
        opener.open(_config(tmp_path, http_server))
    assert failed.args[0].message == "The exam could not be started."
    assert "the watchers could not start" in failed.args[0].detail
    assert finished.args == [EXIT_ERROR] and started == [] and opener.session is None
    session = made[0]
    assert session.ending and session.stop_order == []
    assert not web_views() and not session.monitor.timer.isActive()
    qtbot.waitUntil(lambda: session.done, timeout=10_000)  # its profile is let go only once it has ended
    flush_deletions()
