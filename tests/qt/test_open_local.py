"""Opening a configuration file from disk: a good one starts the exam with SEB's headers and
ends at its quit URL; a bad one shows the right sentence and no exam window."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from open_helpers import make_opener, plain_config, wait_visible, web_views
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_ERROR, EXIT_OK
from launcher.opening.flow import ExamOpener
from launcher.browser import jsapi
from launcher.config import plist
from launcher.config.keys import ExamKeys
from launcher.ui.dialogs import ErrorDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication

QUITTING_PAGE = "<!doctype html><title>exam</title><p>exam</p><script>location.href = '/quit';</script>"


def _failing(qtbot, opener: ExamOpener, source: str) -> ErrorDialog:
    with qtbot.waitSignal(opener.failed, timeout=10_000):
        opener.open(source)
    dialog = wait_visible(qtbot, ErrorDialog)
    assert opener.session is None
    assert web_views() == []
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_ERROR]
    return dialog


def test_a_plain_file_runs_the_exam_with_seb_headers_until_the_quit_url(qtbot, make_opener, http_server, tmp_path):
    http_server.route("/start", QUITTING_PAGE)
    http_server.route("/quit", "bye")
    data = plain_config(http_server.url("/start"), http_server.url("/quit"))
    path = tmp_path / "exam.seb"
    path.write_bytes(data)
    keys = ExamKeys.for_settings(plist.loads(data))

    opener = make_opener()
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        opener.open(str(path))
        assert opener.session is not None
    assert done.args == [EXIT_OK]
    first = http_server.requests_to("/start")[0]
    url = http_server.url("/start")
    assert first.header("X-SafeExamBrowser-ConfigKeyHash") == hashlib.sha256((url + keys.config_key).encode()).hexdigest()
    assert first.header("X-SafeExamBrowser-RequestHash") == hashlib.sha256((url + keys.browser_exam_key).encode()).hexdigest()
    assert "SEB/" in first.header("User-Agent")


def test_a_file_url_opens_like_a_path(qtbot, make_opener, http_server, tmp_path):
    http_server.route("/start", QUITTING_PAGE)
    path = tmp_path / "my exam.seb"
    path.write_bytes(gzip.compress(b"plnd" + gzip.compress(plain_config(http_server.url("/start"), http_server.url("/quit")))))
    opener = make_opener()
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        opener.open(path.as_uri())
    assert done.args == [EXIT_OK]
    assert http_server.requests_to("/start")


def test_a_damaged_file_is_reported_as_damaged(qtbot, make_opener, tmp_path):
    path = tmp_path / "broken.seb"
    path.write_bytes(gzip.compress(b"plnd" + gzip.compress(b"<?xml version='1.0'?><plist><dict><key>startURL</key>"))[:-9])
    dialog = _failing(qtbot, make_opener(), str(path))
    assert dialog.text() == "The configuration file is damaged and cannot be read."
    assert dialog.informativeText() == "Download the configuration again or ask your teacher for a new copy."


def test_a_file_that_is_not_a_configuration_says_so(qtbot, make_opener, tmp_path):
    path = tmp_path / "notes.seb"
    path.write_bytes(b"these are my lecture notes, not an exam\n" * 20)
    dialog = _failing(qtbot, make_opener(), str(path))
    assert dialog.text() == "This is not a Safe Exam Browser configuration file."


def test_a_missing_file_says_it_does_not_exist(qtbot, make_opener, tmp_path):
    missing: Path = tmp_path / "nowhere.seb"
    dialog = _failing(qtbot, make_opener(), str(missing))
    assert dialog.text() == "The configuration file does not exist."
    assert str(missing) in dialog.detailedText()
