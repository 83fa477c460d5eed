"""Client configurations (sebConfigPurpose 1): they become this computer's settings, with the
administrator password asked for when the file or the settings it replaces need it."""

from __future__ import annotations

import hashlib

from open_helpers import make_opener, visible, wait_visible, web_views  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from launcher.exit_codes import EXIT_CANCELLED, EXIT_OK
from launcher.browser import jsapi
from launcher.config.container import write_config
from launcher.platform import paths
from launcher.ui.dialogs import InfoDialog, PasswordDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _client(start: str, admin: str | None = None) -> dict:
    settings = {"sebConfigPurpose": 1, "allowVirtualMachine": True, "startURL": start}
    if admin is not None:
        settings["hashedAdminPassword"] = hashlib.sha256(admin.encode()).hexdigest()
    return settings


def _type_and_ok(qtbot, dialog: PasswordDialog, text: str) -> None:
    qtbot.keyClicks(dialog.field, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def _applied(qtbot, opener) -> None:
    info = wait_visible(qtbot, InfoDialog)
    assert info.text() == "The settings were applied. The exam browser will use them from now on."
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(info.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_OK]
    assert web_views() == []


def test_an_admin_protected_client_file_is_stored_after_its_password(qtbot, make_opener, tmp_path):
    data = write_config(_client("https://exams.example.edu/", admin="admin pw"), password="admin pw", for_client=True)
    path = tmp_path / "client.seb"
    path.write_bytes(data)
    opener = make_opener()
    opener.open(str(path))
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.windowTitle() == "Administrator password"
    _type_and_ok(qtbot, dialog, "admin pw")
    _applied(qtbot, opener)
    assert paths.user_client_config_file().read_bytes() == data  # kept exactly as received


def test_replacing_protected_settings_needs_their_admin_password(qtbot, make_opener, tmp_path):
    current = paths.user_client_config_file()
    current.parent.mkdir(parents=True)
    current.write_bytes(write_config(_client("https://old.example.edu/", admin="old secret"), compress=False))
    new = write_config(_client("https://new.example.edu/", admin="new secret"), compress=False)
    path = tmp_path / "new-client.seb"
    path.write_bytes(new)

    opener = make_opener()
    opener.open(str(path))
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.windowTitle() == "Administrator password"
    _type_and_ok(qtbot, dialog, "new secret")  # the new file's password is not the one in force
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.error.text() == "That password is wrong. You have 2 more tries."
    _type_and_ok(qtbot, dialog, "old secret")
    _applied(qtbot, opener)
    assert current.read_bytes() == new


def test_cancelling_the_admin_password_keeps_the_old_settings(qtbot, make_opener, tmp_path):
    current = paths.user_client_config_file()
    current.parent.mkdir(parents=True)
    old = write_config(_client("https://old.example.edu/", admin="old secret"), compress=False)
    current.write_bytes(old)
    path = tmp_path / "new-client.seb"
    path.write_bytes(write_config(_client("https://new.example.edu/"), compress=False))
    opener = make_opener()
    opener.open(str(path))
    dialog = wait_visible(qtbot, PasswordDialog)
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_CANCELLED]
    assert current.read_bytes() == old
    assert visible(InfoDialog) == []


def test_a_client_file_keyed_with_the_admin_password_in_force_opens_without_asking(qtbot, make_opener, tmp_path):
    current = paths.user_client_config_file()
    current.parent.mkdir(parents=True)
    current.write_bytes(write_config(_client("https://old.example.edu/", admin="school"), compress=False))
    new = write_config(_client("https://new.example.edu/", admin="school"), password="school", for_client=True)
    path = tmp_path / "new-client.seb"
    path.write_bytes(new)
    opener = make_opener()
    opener.open(str(path))
    _applied(qtbot, opener)
    assert visible(PasswordDialog) == []
    assert current.read_bytes() == new
