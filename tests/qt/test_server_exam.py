"""SEB Server exams in the real launcher (offscreen, real QtWebEngine) against the strict
double: choosing the exam, each instruction, raise hand, token expiry, a server that is down
at the start (retry, fallback, abort) or in the middle of the exam."""

from __future__ import annotations

from urllib.parse import parse_qs

from open_helpers import make_opener, visible, wait_visible  # noqa: F401
from PySide6.QtCore import Qt
from support.seb_server import CLOSED, SebServerDouble, screen_proctoring, seb_server  # noqa: F401
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_CANCELLED, EXIT_OK
from launcher.browser import jsapi
from launcher.config import plist
from launcher.config.container import write_config
from launcher.config.passwords import hash_password
from launcher.ui.dialogs import PasswordDialog
from launcher.ui.quit_dialog import QuitPasswordDialog
from launcher.ui.server_dialogs import ConnectingDialog, ExamListDialog, RaiseHandDialog, ServerFailureDialog

jsapi.register_scheme()

PAGE = "<!doctype html><title>{name}</title><p>{name}</p>"


def conn_file(tmp_path, server: SebServerDouble, *, exam: str | None = "42", **extra) -> str:
    conf = {"institution": server.institution, "clientName": server.client_name,
            "clientSecret": server.client_secret, "apiDiscovery": "/exam-api/discovery", "pingInterval": 200}
    if exam:
        conf["exam"] = exam
    settings = {"sebMode": 1, "sebServerURL": server.url, "sebServerConfiguration": conf,
                "sebServerFallbackAttempts": 2, "sebServerFallbackAttemptInterval": 50,
                "sebServerFallbackTimeout": 5000, "allowVirtualMachine": True, **extra}
    path = tmp_path / "conn.seb"
    path.write_bytes(plist.dumps(settings))
    return str(path)


def exam_bytes(**extra) -> bytes:
    return plist.dumps({"startURL": "http://127.0.0.1:9/unused", "allowVirtualMachine": True,
                        "sendBrowserExamKey": True, **extra})


def add_exams(seb_server, http_server, config: bytes | None = None) -> None:
    for exam_id, name in (("42", "Algebra"), ("43", "Biology")):
        http_server.route(f"/quiz{exam_id}", PAGE.format(name=name))
        seb_server.add_exam(exam_id, name, http_server.url(f"/quiz{exam_id}"), config or exam_bytes())


def run_exam(qtbot, make_opener, path: str):
    opener = make_opener()
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        opener.open(path)
    return opener


def notes(server: SebServerDouble) -> list[tuple[str, int, str]]:
    return [(e["type"], e.get("numericValue"), e.get("text", "")) for e in server.notifications()]


def test_the_student_chooses_the_exam_with_the_keyboard(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server, exam=None))
    dialog = wait_visible(qtbot, ExamListDialog, timeout=30_000)
    assert visible(ConnectingDialog) == []  # nothing modal behind the list
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Algebra", "Biology"]
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/quiz43")), timeout=30_000)
    assert http_server.requests_to("/quiz42") == []
    assert seb_server.connection().exam == "43"
    assert opener.session.settings.start_url == http_server.url("/quiz43")
    assert opener.session.settings.seb_mode == 1  # the server settings stay with the exam


def test_lock_screen_instruction_and_its_release(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    session = opener.session
    cid = seb_server.queue("SEB_FORCE_LOCK_SCREEN", {"message": "Eyes on the supervisor"}, confirm=True)
    qtbot.waitUntil(lambda: session.is_locked, timeout=20_000)
    assert session.lock_source == "server"
    qtbot.waitUntil(lambda: ("NOTIFICATION", 1, "<lockscreen> Eyes on the supervisor") in notes(seb_server),
                    timeout=20_000)
    qtbot.waitUntil(lambda: any(p.confirm == cid for p in seb_server.pings), timeout=20_000)
    # the instruction was confirmed: it is not sent again
    count = len(seb_server.pings)
    qtbot.waitUntil(lambda: len(seb_server.pings) >= count + 3, timeout=20_000)
    assert seb_server.connection().queue == []
    seb_server.queue("NOTIFICATION_CONFIRM", {"type": "lockscreen", "id": "1"})
    qtbot.waitUntil(lambda: not session.is_locked, timeout=20_000)
    qtbot.waitUntil(lambda: ("NOTIFICATION_CONFIRMED", 1, "") in notes(seb_server), timeout=20_000)
    # a lock the student leaves with the password is reported as confirmed too
    seb_server.queue("SEB_FORCE_LOCK_SCREEN", {"message": "again"})
    qtbot.waitUntil(lambda: session.is_locked, timeout=20_000)
    qtbot.waitUntil(lambda: ("NOTIFICATION", 2, "<lockscreen> again") in notes(seb_server), timeout=20_000)
    session.unlock("user")
    qtbot.waitUntil(lambda: ("NOTIFICATION_CONFIRMED", 2, "") in notes(seb_server), timeout=20_000)


def test_seb_quit_ends_without_password_and_closes_the_connection(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(hashedQuitPassword=hash_password("secret")))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        seb_server.queue("SEB_QUIT")
    assert done.args == [EXIT_OK]
    assert seb_server.connection().status == CLOSED
    assert visible(QuitPasswordDialog) == []


def test_closing_the_exam_closes_the_connection(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    with qtbot.waitSignal(opener.finished, timeout=30_000):
        opener.session.quit("user")
    assert seb_server.connection().status == CLOSED
    pings = len(seb_server.pings)
    qtbot.wait(600)
    assert len(seb_server.pings) == pings  # no ping after the end


def test_raise_hand_with_a_message_and_lowered_by_the_supervisor(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(raiseHandButtonAlwaysPromptMessage=True))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    taskbar = opener.session.window.taskbar
    button = taskbar.raise_hand_button
    assert button.isVisible() and button.text() == "Raise hand"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = wait_visible(qtbot, RaiseHandDialog)
    qtbot.keyClicks(dialog.field, "Question 3 is unclear")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ("NOTIFICATION", 1, "<raisehand> Question 3 is unclear") in notes(seb_server),
                    timeout=20_000)
    assert button.isChecked() and button.text() == "Lower hand"
    seb_server.queue("NOTIFICATION_CONFIRM", {"type": "raisehand", "id": "1"})
    qtbot.waitUntil(lambda: not button.isChecked(), timeout=20_000)
    assert button.text() == "Raise hand"


def test_the_student_lowers_the_hand_and_no_button_when_hidden(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    button = opener.session.window.taskbar.raise_hand_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("NOTIFICATION", 1, "<raisehand>") in notes(seb_server), timeout=20_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ("NOTIFICATION_CONFIRMED", 1, "") in notes(seb_server), timeout=20_000)


def test_no_raise_hand_button_when_the_exam_hides_it(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(raiseHandButtonShow=False))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    assert getattr(opener.session.window.taskbar, "raise_hand_button", None) is None


def test_an_expired_token_is_renewed_and_pings_go_on(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    assert opener.server._ping_timer.interval() == 200  # the configuration's pingInterval
    qtbot.waitUntil(lambda: len(seb_server.pings) >= 2, timeout=20_000)
    seb_server.expire_tokens()
    count = len(seb_server.pings)
    qtbot.waitUntil(lambda: len(seb_server.pings) >= count + 2, timeout=20_000)
    assert len(seb_server.requests_to("/oauth/token")) >= 2
    numbers = [p.number for p in seb_server.pings]
    assert numbers == list(range(1, len(numbers) + 1))
    assert opener.session is not None


def test_server_down_in_the_middle_shows_and_the_exam_goes_on(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    taskbar = opener.session.window.taskbar
    qtbot.waitUntil(lambda: len(seb_server.pings) >= 2, timeout=20_000)
    seb_server.go_down()
    qtbot.waitUntil(lambda: getattr(taskbar, "server_state", None) is not None
                    and taskbar.server_state.isVisible(), timeout=30_000)
    assert "No connection to the exam server" in taskbar.server_state.text()
    assert opener.session is not None and opener.exit_code is None
    count = len(seb_server.pings)
    seb_server.come_back()
    qtbot.waitUntil(lambda: len(seb_server.pings) >= count + 2, timeout=30_000)
    qtbot.waitUntil(lambda: not taskbar.server_state.isVisible(), timeout=20_000)
    numbers = [p.number for p in seb_server.pings]
    assert numbers == sorted(numbers) and numbers[-1] > count  # numbering went on over the outage


def test_server_down_at_start_retry(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    seb_server.go_down()
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server))
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    assert "cannot be reached" in dialog.text()
    assert dialog.fallback_button is None  # no sebServerFallback: no fallback offered
    seb_server.come_back()
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/quiz42")), timeout=30_000)


def test_server_down_at_start_abort(qtbot, seb_server, http_server, make_opener, tmp_path):
    seb_server.go_down()
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server))
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        qtbot.mouseClick(dialog.abort_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_CANCELLED]
    assert opener.session is None


def test_server_down_at_start_fallback_with_its_password(qtbot, seb_server, http_server, make_opener, tmp_path):
    http_server.route("/fallback", PAGE.format(name="Fallback exam"))
    seb_server.go_down()
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server, startURL=http_server.url("/fallback"), sebServerFallback=True,
                          sebServerFallbackPasswordHash=hash_password("plan b")))
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    qtbot.mouseClick(dialog.fallback_button, Qt.MouseButton.LeftButton)
    password = wait_visible(qtbot, QuitPasswordDialog)
    assert password.windowTitle() == "Fallback password"
    assert visible_texts(password)[0] == "Enter the fallback password to start the exam without the exam server:"
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        qtbot.keyClicks(password.password, "plan b")
        qtbot.keyClick(password.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/fallback")), timeout=30_000)
    assert opener.server is None  # no monitoring in fallback


def test_wrong_credentials_say_so(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    path = conn_file(tmp_path, seb_server)
    seb_server.client_secret = "the server's secret"  # the configuration's secret is wrong now
    opener = make_opener()
    opener.open(path)
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    assert dialog.text() == "The exam server refused the access details of this configuration."
    # the technical detail stays in English for whoever reads it out to the invigilator
    assert "The exam server refused the client credentials of this configuration." in dialog.detailedText()
    assert "Step: access token" in dialog.detailedText()
    assert "HTTP status: 401" in dialog.detailedText()
    with qtbot.waitSignal(opener.finished, timeout=30_000):
        qtbot.mouseClick(dialog.abort_button, Qt.MouseButton.LeftButton)


def test_a_password_protected_exam_configuration_asks_for_it(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, write_config(
        {"startURL": "http://127.0.0.1:9/unused", "allowVirtualMachine": True}, password="exam pw"))
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server))
    dialog = wait_visible(qtbot, PasswordDialog, timeout=30_000)
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        qtbot.keyClicks(dialog.field, "exam pw")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(http_server.requests_to("/quiz42")), timeout=30_000)


def test_the_moodle_user_is_sent_as_user_session_id(qtbot, seb_server, http_server, make_opener, tmp_path):
    from support.servers import Response

    add_exams(seb_server, http_server)
    http_server.route("/quiz42", Response(body=PAGE.format(name="Algebra"),
                                          headers=[("Set-Cookie", "MoodleSession=s3ss10n; path=/")]))

    def who(req):
        if req.cookies.get("MoodleSession") == "s3ss10n":
            return Response(body="17", content_type="text/plain")
        return Response(body="0", content_type="text/plain")

    http_server.route("/mod/quiz/accessrule/sebserver/classes/external/user.php", who)
    run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    qtbot.waitUntil(lambda: seb_server.connection().user_session == "17", timeout=30_000)
    assert seb_server.connection().status == 3  # ACTIVE: monitoring shows the LMS user
    patch = [r for r in seb_server.requests_to("/exam-api/v1/handshake") if r.method == "PATCH"][-1]
    assert parse_qs(patch.body.decode()) == {"examId": ["42"], "seb_user_session_id": ["17"]}


def test_moodle_testsession_redirect_names_the_user(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    http_server.route("/quiz42", '<!doctype html><script>location.href="/login/index.php?testsession=23"</script>')
    http_server.route("/login/index.php", PAGE.format(name="Signed in"))
    run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    qtbot.waitUntil(lambda: seb_server.connection().user_session == "23", timeout=30_000)


def test_screen_proctoring_join_uploads_the_exam_window_and_leave_ends_it(
        qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(enableScreenProctoring=True,
                                                  screenProctoringScreenshotMinInterval=200,
                                                  screenProctoringScreenshotMaxInterval=300))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    cid = seb_server.queue("SEB_PROCTORING", screen_proctoring.join_attributes(), confirm=True)
    qtbot.waitUntil(lambda: len(screen_proctoring.screenshots) >= 2, timeout=30_000)
    shot = screen_proctoring.screenshots[0]
    assert shot.image.startswith(b"\x89PNG\r\n\x1a\n") and shot.image_format == "png"
    assert shot.metadata["screenProctoringMetadataURL"] == http_server.url("/quiz42")
    assert list(screen_proctoring.sessions.values()) == [True]
    label = opener.session.window.taskbar.proctoring_label
    assert label.isVisible() and "Screen proctoring is on" in label.text()
    qtbot.waitUntil(lambda: any(p.confirm == cid for p in seb_server.pings), timeout=20_000)
    seb_server.queue("SEB_PROCTORING", {"service-type": "SCREEN_PROCTORING", "method": "LEAVE"})
    qtbot.waitUntil(lambda: list(screen_proctoring.sessions.values()) == [False], timeout=20_000)
    assert not label.isVisible()


def test_screen_proctoring_session_ends_with_the_exam(qtbot, seb_server, screen_proctoring, http_server,
                                                      make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(enableScreenProctoring=True,
                                                  screenProctoringScreenshotMaxInterval=300))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    seb_server.queue("SEB_PROCTORING", screen_proctoring.join_attributes(session="given-session"))
    screen_proctoring.sessions["given-session"] = True  # created by SEB Server for this client
    qtbot.waitUntil(lambda: len(screen_proctoring.screenshots) >= 1, timeout=30_000)
    assert screen_proctoring.screenshots[0].session == "given-session"
    with qtbot.waitSignal(opener.finished, timeout=30_000):
        seb_server.queue("SEB_QUIT")
    assert screen_proctoring.sessions == {"given-session": False}
    assert seb_server.connection().status == CLOSED


def test_screen_proctoring_is_ignored_when_the_exam_does_not_enable_it(
        qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    seb_server.queue("SEB_PROCTORING", screen_proctoring.join_attributes(), confirm=True)
    qtbot.waitUntil(lambda: len(seb_server.pings) >= 6, timeout=20_000)
    assert screen_proctoring.screenshots == [] and screen_proctoring.tokens == set()



def test_the_screenshot_interval_follows_the_exam_configuration():
    from launcher.config.settings import Settings
    from launcher.exam_server.proctoring import interval_ms

    def interval(**raw) -> int:
        return interval_ms(Settings.from_dict(raw))

    assert interval() == 5000  # SEB's default max interval
    assert interval(screenProctoringScreenshotMaxInterval=3000) == 3000
    assert interval(screenProctoringScreenshotMinInterval=4000, screenProctoringScreenshotMaxInterval=3000) == 4000

def test_a_reconfigured_exam_keeps_the_server_connection(qtbot, seb_server, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server)
    http_server.route("/second", PAGE.format(name="Second part"))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    first = opener.session
    second_config = plist.dumps({"startURL": http_server.url("/second"), "allowVirtualMachine": True})
    with qtbot.waitSignal(opener.sessionStarted, timeout=60_000):
        opener.request_reconfigure(http_server.url("/second.seb"), second_config)
    assert opener.session is not first
    assert opener.session.window.taskbar.raise_hand_button is not None
    seb_server.queue("SEB_FORCE_LOCK_SCREEN", {"message": "Stop"})
    qtbot.waitUntil(lambda: opener.session.is_locked, timeout=20_000)
    with qtbot.waitSignal(opener.finished, timeout=30_000):
        seb_server.queue("SEB_QUIT")
    assert seb_server.connection().status == CLOSED
    assert len(seb_server.connections) == 1


def test_the_log_reaches_the_server_redacted_and_other_instructions_are_ignored(
        qtbot, seb_server, http_server, make_opener, tmp_path):
    import logging

    add_exams(seb_server, http_server)
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    logging.getLogger("launcher.test").warning("login with password=hunter2 for the exam")
    qtbot.waitUntil(lambda: any("login with" in e.get("text", "") for e in seb_server.events), timeout=20_000)
    event = next(e for e in seb_server.events if "login with" in e.get("text", ""))
    assert event["type"] == "WARN_LOG" and "hunter2" not in event["text"] and "<redacted>" in event["text"]
    assert all(seb_server.client_secret not in e.get("text", "") for e in seb_server.events)
    seb_server.queue("SEB_RECONFIGURE_SETTINGS", {"jitsiMeetReceiveAudio": "true"})
    seb_server.queue("SEB_PROCTORING", {"service-type": "JITSI_MEET", "method": "JOIN"})
    count = len(seb_server.pings)
    qtbot.waitUntil(lambda: len(seb_server.pings) >= count + 4, timeout=20_000)
    assert opener.session is not None and not opener.session.is_locked and opener.exit_code is None


def test_the_quit_url_closes_the_connection(qtbot, seb_server, http_server, make_opener, tmp_path):
    http_server.route("/done", PAGE.format(name="Submitted"))
    add_exams(seb_server, http_server, exam_bytes(quitURL=http_server.url("/done"), quitURLConfirm=False))
    http_server.route("/quiz42", '<!doctype html><script>setTimeout(() => location.href = "/done", 300)</script>')
    opener = make_opener()
    with qtbot.waitSignal(opener.finished, timeout=60_000) as done:
        opener.open(conn_file(tmp_path, seb_server))
    assert done.args == [EXIT_OK]
    assert seb_server.connection().status == CLOSED


def test_cancel_while_connecting_aborts(qtbot, seb_server, http_server, make_opener, tmp_path):
    from launcher.ui.server_dialogs import ConnectingDialog

    add_exams(seb_server, http_server)
    seb_server.go_down()
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server, sebServerFallbackAttempts=50, sebServerFallbackAttemptInterval=200))
    dialog = wait_visible(qtbot, ConnectingDialog, timeout=30_000)
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert done.args == [EXIT_CANCELLED]
    assert opener.session is None


def visible_texts(widget) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()]


def test_in_german_the_student_reads_why_the_server_failed_and_the_log_stays_english(
        qtbot, language, seb_server, http_server, make_opener, tmp_path, caplog):
    assert language("de") == "de"
    http_server.route("/fallback", PAGE.format(name="Fallback exam"))
    seb_server.go_down()
    opener = make_opener()
    opener.open(conn_file(tmp_path, seb_server, startURL=http_server.url("/fallback"), sebServerFallback=True,
                          sebServerFallbackPasswordHash=hash_password("plan b")))
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    assert dialog.text() == "Der Prüfungsserver ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung."
    assert "The exam server cannot be reached" in dialog.detailedText()
    assert "Step: discovery" in dialog.detailedText()
    assert any("Exam server connection failed (discovery): The exam server cannot be reached" in r.getMessage()
               for r in caplog.records)
    qtbot.mouseClick(dialog.fallback_button, Qt.MouseButton.LeftButton)
    password = wait_visible(qtbot, QuitPasswordDialog)
    assert password.windowTitle() == "Passwort für den Start ohne Server"
    assert visible_texts(password)[0] == "Geben Sie das Passwort ein, um die Prüfung ohne den Prüfungsserver zu starten:"
    password.reject()
    dialog = wait_visible(qtbot, ServerFailureDialog, timeout=30_000)
    with qtbot.waitSignal(opener.finished, timeout=30_000):
        qtbot.mouseClick(dialog.abort_button, Qt.MouseButton.LeftButton)
