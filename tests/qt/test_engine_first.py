"""The first exam starts the browser engine while the lockdown checks run on a worker thread, and
its first request leaves only once they have passed: while the checks are held, the exam's page
exists and nothing has reached the exam server; a machine the checks refuse gets the refusal
(exit 4) and the server never sees a request, although the engine had already started."""

from __future__ import annotations

import threading

from open_helpers import make_opener, wait_visible, web_views  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from support.fake_machine import FakeMachine
from support.servers import http_server, make_server  # noqa: F401

from launcher.browser import jsapi
from launcher.config import plist
from launcher.exit_codes import EXIT_REFUSED
from launcher.lockdown import checks
from launcher.ui.kiosk_view import KioskView
from launcher.ui.lockdown_gate import RefusedDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _config(tmp_path, http_server, **extra):
    http_server.route("/exam", "<!doctype html><title>exam</title><p>exam</p>")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "quitURLConfirm": False, **extra}))
    return str(path)


def _held_checks(monkeypatch):
    """The real start checks, held until ``release`` is set; ``running`` names their thread."""
    running: list[str] = []
    release = threading.Event()
    real = checks.start_violations

    def held(*args, **kwargs):
        running.append(threading.current_thread().name)
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(checks, "start_violations", held)
    return running, release


def _exam_views() -> list[KioskView]:
    return [w for w in QApplication.allWidgets() if isinstance(w, KioskView)]


def test_the_engine_starts_while_the_checks_run_and_the_first_request_waits_for_them(
        qtbot, make_opener, http_server, tmp_path, monkeypatch):
    running, release = _held_checks(monkeypatch)
    opener = make_opener(engine_first=True)  # as seb-launcher makes it
    try:
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
        qtbot.waitUntil(lambda: bool(running), timeout=10_000)
        assert running[0] != threading.main_thread().name  # a worker thread: the GUI thread goes on
        assert _exam_views(), "the exam's page was not built while the checks ran"
        qtbot.wait(500)  # the engine runs meanwhile; nothing may leave
        assert http_server.requests == []
        assert opener.session is None and web_views() == []  # no exam window before the checks pass
    finally:
        release.set()
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/exam")), timeout=20_000)


def test_a_refused_machine_gets_no_request_although_the_engine_had_started(
        qtbot, make_opener, http_server, tmp_path, monkeypatch):
    running, release = _held_checks(monkeypatch)
    fake = FakeMachine(tmp_path / "machine")
    fake.write("sys/class/dmi/id/sys_vendor", "QEMU\n")
    opener = make_opener(machine=fake.machine(), engine_first=True)
    opener.open(_config(tmp_path, http_server))  # no virtual machine allowed
    qtbot.waitUntil(lambda: bool(running), timeout=10_000)
    assert _exam_views()
    with qtbot.waitSignal(opener.failed, timeout=20_000):
        release.set()
    dialog = wait_visible(qtbot, RefusedDialog)
    assert "[allowVirtualMachine]" in dialog.detailedText()
    assert opener.session is None and web_views() == []
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_REFUSED]
    qtbot.wait(300)
    assert http_server.requests == []
    qtbot.waitUntil(lambda: not _exam_views(), timeout=5_000)  # the prepared page is gone too


def _record_shows(monkeypatch) -> list[str]:
    """The exam's main-frame requests that left ("request") and its window shown ("show"), in order."""
    from launcher.exam.windows import ExamWindows

    events: list[str] = []
    real_load, real_show = ExamWindows.load, ExamWindows.show

    def load(self):
        real_load(self)
        self.session.interceptor.observer = lambda *_request: events.append("request")

    def show(self):
        events.append("show")
        real_show(self)

    monkeypatch.setattr(ExamWindows, "load", load)
    monkeypatch.setattr(ExamWindows, "show", show)
    return events


def test_the_window_and_guards_wait_until_the_first_request_has_left(qtbot, make_opener, http_server,
                                                                       tmp_path, monkeypatch):
    shown = _record_shows(monkeypatch)
    opener = make_opener(engine_first=True)
    with qtbot.waitSignal(opener.sessionStarted, timeout=30_000):
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
    assert shown[:2] == ["request", "show"]  # nothing held the GUI thread (Chromium's navigation) before it left
    assert web_views() and opener.session.input_guard is not None
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/exam")), timeout=20_000)


def test_a_start_url_that_never_leaves_still_gets_its_window(qtbot, make_opener, tmp_path, monkeypatch):
    """No request leaves (a local file is never loaded): the window comes after a short wait."""
    shown = _record_shows(monkeypatch)
    opener = make_opener(engine_first=True)
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": (tmp_path / "page.html").as_uri(), "allowVirtualMachine": True}))
    with qtbot.waitSignal(opener.sessionStarted, timeout=30_000):
        opener.open(str(path))
    assert shown == ["show"]
    assert web_views() and opener.session.input_guard is not None


def test_a_file_checked_while_qt_loaded_is_refused_or_started_on_those_findings(
        qtbot, make_opener, http_server, tmp_path, caplog):
    """seb-launcher's head start (launcher.opening.head_start) on this machine, a virtual one:
    an exam that forbids virtual machines is refused without a request, one that allows them runs."""
    import logging

    from launcher.opening.head_start import HeadStart

    caplog.set_level(logging.INFO)
    refused = _config(tmp_path, http_server)
    opener = make_opener(engine_first=True, head_start=HeadStart(refused).start())
    with qtbot.waitSignal(opener.failed, timeout=20_000) as failed:
        opener.open(refused)
    assert "[allowVirtualMachine]" in str(failed.args[0].detail)
    assert "The start checks ran while the browser engine loaded" in caplog.text
    dialog = wait_visible(qtbot, RefusedDialog)
    qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert http_server.requests == []

    caplog.clear()
    allowed = str(tmp_path / "allowed.seb")
    with open(allowed, "wb") as fh:
        fh.write(plist.dumps({"startURL": http_server.url("/exam"), "allowVirtualMachine": True}))
    opener = make_opener(engine_first=True, head_start=HeadStart(allowed).start())
    with qtbot.waitSignal(opener.sessionStarted, timeout=30_000):
        opener.open(allowed)
    assert "The start checks ran while the browser engine loaded" in caplog.text
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/exam")), timeout=20_000)
