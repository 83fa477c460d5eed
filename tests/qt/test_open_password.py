"""Password-protected configurations: the student gets three masked tries with a clear word
after each wrong one; cancelling or running out of tries starts no exam."""

from __future__ import annotations

from open_helpers import make_opener, visible, wait_visible, web_views
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_CANCELLED, EXIT_ERROR, EXIT_OK
from launcher.opening.flow import ExamOpener
from launcher.browser import jsapi
from launcher.config.container import write_config
from launcher.ui.dialogs import ErrorDialog, PasswordDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication

QUITTING_PAGE = "<!doctype html><title>exam</title><script>location.href = '/quit';</script>"


def _exam_file(tmp_path, start: str, quit: str, *, password: str, for_client: bool = False):
    settings = {"allowVirtualMachine": True, "startURL": start, "quitURL": quit, "quitURLConfirm": False, "sendBrowserExamKey": True}
    if for_client:
        settings["sebConfigPurpose"] = 1
    path = tmp_path / "exam.seb"
    path.write_bytes(write_config(settings, password=password, for_client=for_client))
    return path


def _type_and_ok(qtbot, dialog: PasswordDialog, text: str) -> None:
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_wrong_wrong_right_opens_the_exam(qtbot, make_opener, http_server, tmp_path):
    http_server.route("/start", QUITTING_PAGE)
    path = _exam_file(tmp_path, http_server.url("/start"), http_server.url("/quit"), password="s3cret")
    opener = make_opener()
    opener.open(str(path))

    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.windowTitle() == "Exam password"
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.error.isVisible()

    _type_and_ok(qtbot, dialog, "guess")
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.error.text() == "That password is wrong. You have 2 more tries."
    assert dialog.field.text() == ""
    assert web_views() == []

    _type_and_ok(qtbot, dialog, "another guess")
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.error.text() == "That password is wrong. You have one more try."

    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        _type_and_ok(qtbot, dialog, "s3cret")
        assert visible(PasswordDialog) == []
        assert opener.session is not None
    assert done.args == [EXIT_OK]
    assert http_server.requests_to("/start")


def test_three_wrong_passwords_end_with_an_error_and_no_exam(qtbot, make_opener, tmp_path):
    path = _exam_file(tmp_path, "http://127.0.0.1:9/start", "", password="s3cret")
    opener = make_opener()
    opener.open(str(path))
    for guess in ("a", "b", "c"):
        dialog = wait_visible(qtbot, PasswordDialog)
        _type_and_ok(qtbot, dialog, guess)
    error = wait_visible(qtbot, ErrorDialog)
    assert error.text() == "Wrong password, or the configuration file is damaged."
    assert error.informativeText() == "Ask your exam supervisor for the right password."
    assert visible(PasswordDialog) == []
    assert opener.session is None and web_views() == []
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(error.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_ERROR]


def test_cancel_starts_nothing_and_shows_no_error(qtbot, make_opener, tmp_path):
    path = _exam_file(tmp_path, "http://127.0.0.1:9/start", "", password="s3cret")
    opener = make_opener()
    opener.open(str(path))
    dialog = wait_visible(qtbot, PasswordDialog)
    qtbot.keyClicks(dialog.field, "half-typed")
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_CANCELLED]
    assert visible(PasswordDialog) == [] and visible(ErrorDialog) == []
    assert opener.session is None and web_views() == []


def test_a_client_configuration_asks_for_the_administrator_password(qtbot, make_opener, tmp_path):
    path = _exam_file(tmp_path, "http://127.0.0.1:9/start", "", password="admin pw", for_client=True)
    opener = make_opener()
    opener.open(str(path))
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.windowTitle() == "Administrator password"
    assert "administrator password" in dialog.prompt.text()
    _type_and_ok(qtbot, dialog, "not it")
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.error.text() == "That password is wrong. You have 2 more tries."
    assert dialog.windowTitle() == "Administrator password"
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_CANCELLED]


def test_without_a_screen_a_password_file_fails_at_once(qtbot, make_opener, tmp_path):
    path = _exam_file(tmp_path, "http://127.0.0.1:9/start", "", password="s3cret")
    opener = make_opener(interactive=False)
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        opener.open(str(path))
    assert done.args == [EXIT_ERROR]
    assert visible(PasswordDialog) == [] and visible(ErrorDialog) == []
