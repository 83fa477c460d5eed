"""Certificate-encrypted configurations: without the identity the student learns which
certificate is missing and how to import it; with it (in the real, file-backed keyring) the
exam starts."""

from __future__ import annotations

import keyring
import pytest
from open_helpers import make_opener, wait_visible, web_views
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support.certs import make_identity
from support.keyring_file import PATH_ENV, JsonFileKeyring
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_ERROR, EXIT_OK
from launcher.opening.flow import ExamOpener
from launcher.browser import jsapi
from launcher.config.container import write_config
from launcher.config.crypto import public_key_hash
from launcher.config.identities import IdentityStore
from launcher.ui.dialogs import ErrorDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication


@pytest.fixture
def test_keyring(tmp_path, monkeypatch):
    path = tmp_path / "keyring.json"
    monkeypatch.setenv(PATH_ENV, str(path))
    keyring.set_keyring(JsonFileKeyring(path))
    yield
    keyring.set_keyring(JsonFileKeyring(None))


def _certificate_file(tmp_path, start: str, quit: str = ""):
    cert, _key, p12, password = make_identity("Exam room 4")
    settings = {"allowVirtualMachine": True, "startURL": start, "quitURL": quit, "quitURLConfirm": False}
    path = tmp_path / "exam.seb"
    path.write_bytes(write_config(settings, certificate=cert))
    return path, cert, p12, password


def test_a_missing_certificate_is_named_with_how_to_import_it(qtbot, make_opener, tmp_path, test_keyring):
    path, cert, _p12, _pw = _certificate_file(tmp_path, "http://127.0.0.1:9/start")
    opener = make_opener()
    with qtbot.waitSignal(opener.failed, timeout=20_000):
        opener.open(str(path))
    dialog = wait_visible(qtbot, ErrorDialog)
    assert public_key_hash(cert).hex() in dialog.text()
    assert "not installed on this computer" in dialog.text()
    assert "seb-launcher identity import" in dialog.informativeText()
    assert opener.session is None and web_views() == []
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_ERROR]


def test_with_the_identity_in_the_keyring_the_exam_starts(qtbot, make_opener, http_server, tmp_path, test_keyring):
    http_server.route("/start", "<!doctype html><script>location.href = '/quit';</script>")
    path, _cert, p12, password = _certificate_file(tmp_path, http_server.url("/start"), http_server.url("/quit"))
    IdentityStore().import_pkcs12(p12, password)
    opener = make_opener()
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        opener.open(str(path))
    assert done.args == [EXIT_OK]
    assert http_server.requests_to("/start")
