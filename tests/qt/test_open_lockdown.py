"""The lockdown checks in the open flow as a student meets them: a refusal dialog naming the
evidence (exit 4, no exam window, no request), the question about prohibited programs (end
them and start / cancel), and the lock during the exam when a sharing server appears."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

from open_helpers import make_opener, visible, wait_visible, web_views  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support.fake_machine import OWN_UID, FakeMachine
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_CANCELLED, EXIT_REFUSED
from launcher.browser import jsapi
from launcher.config import plist
from launcher.ui.lockdown_gate import ProhibitedDialog, RefusedDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _config(tmp_path, http_server, **extra):
    http_server.route("/exam", "<!doctype html><title>exam</title><p>exam</p>")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "quitURLConfirm": False, **extra}))
    return str(path)


def test_a_virtual_machine_gets_a_dialog_naming_the_evidence_and_exit_4(qtbot, make_opener, http_server, tmp_path):
    fake = FakeMachine(tmp_path / "machine")
    fake.write("sys/class/dmi/id/sys_vendor", "QEMU\n")
    opener = make_opener(machine=fake.machine())
    with qtbot.waitSignal(opener.failed, timeout=10_000):
        opener.open(_config(tmp_path, http_server))
    dialog = wait_visible(qtbot, RefusedDialog)
    assert "This exam may not run in a virtual machine" in dialog.text()
    # the evidence is English technical detail: under "Show Details…", not in the student's text
    assert "QEMU" not in dialog.text()
    assert "the firmware's sys vendor is 'QEMU'" in dialog.detailedText()
    assert "[allowVirtualMachine]" in dialog.detailedText()
    assert opener.session is None and web_views() == []
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_REFUSED]
    assert http_server.requests == []


def _sleep_named(tmp_path, name):
    """A copy of ``sleep`` under another name (a stand-in for a program of that name)."""
    exe = tmp_path / "bin" / name
    exe.parent.mkdir(exist_ok=True)
    shutil.copy("/bin/sleep", exe)
    return exe


def _renamed_sleep(tmp_path, name):
    return subprocess.Popen([str(_sleep_named(tmp_path, name)), "300"])


def test_the_student_is_asked_and_the_program_is_ended_on_end_them_and_start(qtbot, make_opener, http_server, tmp_path):
    anydesk = _renamed_sleep(tmp_path, "anydesk")
    try:
        opener = make_opener()
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
        dialog = wait_visible(qtbot, ProhibitedDialog)
        assert dialog.informativeText() == "anydesk (remote desktop)"  # no pid for the student
        assert f"anydesk (pid {anydesk.pid}): remote desktop" in dialog.detailedText()
        assert http_server.requests == []  # nothing leaves while the student decides
        with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
            qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
        assert anydesk.wait(timeout=10) == -signal.SIGTERM
        qtbot.waitUntil(lambda: bool(http_server.requests_to("/exam")), timeout=20_000)
    finally:
        anydesk.kill()
        anydesk.wait()


def test_cancel_leaves_the_program_running_and_exits_3(qtbot, make_opener, http_server, tmp_path):
    discord = _renamed_sleep(tmp_path, "discord")
    try:
        opener = make_opener()
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
        dialog = wait_visible(qtbot, ProhibitedDialog)
        with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert done.args == [EXIT_CANCELLED]
        assert discord.poll() is None
        assert opener.session is None and http_server.requests == []
    finally:
        discord.kill()
        discord.wait()


def _started_elsewhere(tmp_path, name) -> int:
    """A renamed ``sleep`` that is not this process' child (the student started it before)."""
    exe = _sleep_named(tmp_path, name)
    shell = subprocess.run(["sh", "-c", f"'{exe}' 300 >/dev/null 2>&1 & echo $!"], capture_output=True,
                           text=True, check=True)
    return int(shell.stdout)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_permitted_program_started_before_the_exam_is_ended_first_as_seb_does(
        qtbot, make_opener, http_server, tmp_path):
    """A notes program left open with answers in it: the exam asks to end it; the exam's own
    instance starts with the exam (autostart)."""
    before = _started_elsewhere(tmp_path, "notes")
    entry = {"active": True, "title": "Notes", "executable": "notes", "path": str(tmp_path / "bin"),
             "autostart": True, "arguments": [{"active": True, "argument": "300"}]}
    opener = make_opener()
    try:
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True, permittedProcesses=[entry]))
        dialog = wait_visible(qtbot, ProhibitedDialog)
        assert dialog.informativeText() == "notes (allowed only when the exam starts it)"
        assert f"notes (pid {before}): permitted only when started by the exam" in dialog.detailedText()
        assert http_server.requests == []
        with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
            qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not _running(before), timeout=10_000)
        started = opener.session.permitted.processes
        qtbot.waitUntil(lambda: any(p.processId() > 0 for p in started), timeout=10_000)
        assert all(p.processId() != before for p in started)
    finally:
        if _running(before):
            os.kill(before, signal.SIGKILL)


def test_a_permitted_program_that_may_run_in_background_is_left_running(qtbot, make_opener, http_server, tmp_path):
    music = _started_elsewhere(tmp_path, "music")
    entry = {"active": True, "title": "Music", "executable": "music", "path": str(tmp_path / "bin"),
             "runInBackground": True}
    try:
        opener = make_opener()
        with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
            opener.open(_config(tmp_path, http_server, allowVirtualMachine=True, permittedProcesses=[entry]))
        assert visible(ProhibitedDialog) == []
        assert _running(music)
    finally:
        os.kill(music, signal.SIGKILL)


def test_a_sharing_server_that_appears_during_the_exam_locks_it(qtbot, make_opener, http_server, tmp_path, caplog):
    fake = FakeMachine(tmp_path / "machine")
    opener = make_opener(machine=fake.machine())
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(_config(tmp_path, http_server))  # a clean fake machine: no VM evidence
    session = opener.session
    assert not session.is_locked
    fake.process(900, "x11vnc", uid=OWN_UID + 1, exe="/usr/bin/x11vnc")
    with qtbot.waitSignal(session.locked, timeout=20_000) as locked:
        pass
    source, reason = locked.args
    assert source == "lockdown"
    # another user's sharing server is both a remote session and a prohibited program that the
    # exam cannot end: the student reads the program's name and kind, whichever check saw it first
    assert "shared with, or controlled from, another computer" in reason or "x11vnc (remote desktop)" in reason
    assert "pid" not in reason  # the evidence is for the log
    assert any("x11vnc (pid 900)" in r.getMessage() for r in caplog.records)


def test_a_reconfiguration_is_checked_too_and_a_refusal_keeps_the_running_exam(qtbot, make_opener, http_server, tmp_path):
    fake = FakeMachine(tmp_path / "machine")
    opener = make_opener(machine=fake.machine())
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
    running = opener.session
    fake.write("proc/cpuinfo", "flags\t: fpu hypervisor\n")  # the checks now see a VM
    http_server.route("/next", "<p>next exam")
    data = plist.dumps({"startURL": http_server.url("/next")})  # allowVirtualMachine: SEB's false
    with qtbot.waitSignal(opener.failed, timeout=10_000):
        opener.request_reconfigure(http_server.url("/next.seb"), data)
    dialog = wait_visible(qtbot, RefusedDialog)
    assert "This exam may not run in a virtual machine" in dialog.text()
    assert "the CPU reports the 'hypervisor' flag" in dialog.detailedText()
    dialog.done(0)
    assert opener.session is running and opener.exit_code is None
    assert http_server.requests_to("/next") == []


def test_a_check_that_breaks_refuses_the_exam(qtbot, make_opener, http_server, tmp_path):
    from launcher.lockdown.machine import Machine

    def broken_runner(argv, timeout):
        raise RuntimeError("runner exploded")

    opener = make_opener(machine=Machine(proc_root=tmp_path, sys_root=tmp_path, env={}, runner=broken_runner),
                         interactive=False)
    with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
        opener.open(_config(tmp_path, http_server))
    assert done.args == [EXIT_REFUSED]
    assert http_server.requests == []


def test_a_replaced_exam_stops_its_checks_and_only_the_new_exam_is_watched(qtbot, make_opener, http_server, tmp_path):
    fake = FakeMachine(tmp_path / "machine")
    opener = make_opener(machine=fake.machine())
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.open(_config(tmp_path, http_server, allowVirtualMachine=True))
    first, first_monitor = opener.session, opener.session.monitor
    assert first_monitor.timer.isActive()
    http_server.route("/next", "<p>next exam")
    data = plist.dumps({"startURL": http_server.url("/next"), "allowVirtualMachine": True})
    with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
        opener.request_reconfigure(http_server.url("/next.seb"), data)
    assert opener.session is not first
    assert not first_monitor.timer.isActive()  # the ended exam's checks do not go on polling
    fake.process(900, "x11vnc", uid=OWN_UID + 1, exe="/usr/bin/x11vnc")
    with qtbot.waitSignal(opener.session.locked, timeout=20_000):
        pass
    assert not first.is_locked


def test_a_check_that_breaks_tells_the_student_in_their_language(qtbot, language, make_opener, http_server, tmp_path):
    from launcher.lockdown.machine import Machine

    def broken_runner(argv, timeout):
        raise RuntimeError("runner exploded")

    assert language("fr") == "fr"
    opener = make_opener(machine=Machine(proc_root=tmp_path, sys_root=tmp_path, env={}, runner=broken_runner))
    with qtbot.waitSignal(opener.failed, timeout=10_000):
        opener.open(_config(tmp_path, http_server))
    dialog = wait_visible(qtbot, RefusedDialog)
    assert dialog.text() == ("Les contrôles de sécurité de cet ordinateur n'ont pas pu s'exécuter\u00a0; "
                             "l'examen ne peut donc pas démarrer.")
    assert "the security checks could not run (RuntimeError: runner exploded)" in dialog.detailedText()
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        dialog.done(0)
    assert done.args == [EXIT_REFUSED]


def test_in_german_prohibited_programs_are_named_with_their_kind_and_no_pid(qtbot, language):
    from launcher.lockdown.permitted import STARTED_BEFORE
    from launcher.lockdown.processes import Proc, Prohibited

    assert language("de") == "de"
    found = [
        Prohibited(Proc(4321, OWN_UID, "obs", "obs", ("obs",)), "obs", "screen recorder", False),
        Prohibited(Proc(4322, OWN_UID, "obs", "obs", ("obs",)), "obs", "screen recorder", False),
        Prohibited(Proc(77, OWN_UID, "firefox", "firefox", ("firefox",)), "firefox", "prohibited by the exam", False),
        Prohibited(Proc(78, OWN_UID, "teams", "teams", ("teams",)), "teams", "chat or meeting application", False),
        Prohibited(Proc(79, OWN_UID, "notes", "notes", ("notes",)), "notes", STARTED_BEFORE, False),
    ]
    dialog = ProhibitedDialog(found)
    qtbot.addWidget(dialog)
    assert dialog.informativeText().splitlines() == [
        "obs (Bildschirmrekorder)", "firefox (von der Prüfung verboten)", "teams (Chat- oder Konferenzprogramm)",
        "notes (nur erlaubt, wenn die Prüfung es startet)",
    ]
    assert "firefox (pid 77): prohibited by the exam" in dialog.detailedText()
    assert dialog.end_button.text() == "Beenden und starten"


def test_a_program_that_appears_while_the_first_page_still_loads_locks_within_a_poll_interval(
        qtbot, make_opener, http_server, tmp_path):
    # the in-exam watcher does not wait for the exam's first page: a page that hangs does not
    # hold it back (a bound for any change that moves its first look off the page's requests)
    import threading
    import time

    release = threading.Event()
    http_server.route("/exam", '<!doctype html><title>exam</title><p>exam</p><script src="/slow.js"></script>')
    http_server.route("/slow.js", lambda _req: (release.wait(30), "")[1], content_type="application/javascript")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/exam"), "quitURLConfirm": False}))
    fake = FakeMachine(tmp_path / "machine")
    opener = make_opener(machine=fake.machine())
    try:
        with qtbot.waitSignal(opener.sessionStarted, timeout=20_000):
            opener.open(str(path))
        session = opener.session
        started = time.monotonic()
        fake.process(901, "x11vnc", uid=OWN_UID + 1, exe="/usr/bin/x11vnc")
        with qtbot.waitSignal(session.locked, timeout=6_000):
            pass
        assert time.monotonic() - started < 4.5  # the 2 s interval, and the poll's own time
        assert session.page.isLoading()  # locked while the first page was still loading
    finally:
        release.set()
