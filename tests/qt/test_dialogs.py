"""What the open-flow dialogs show: the sentence, what to do, the folded-away detail, masked
password entry, progress and cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from launcher.config.errors import ConfigError, DamagedFile, NoIdentity, PasswordRequired
from launcher.config.errors import HttpStatusError, ServerSentWebPage
from launcher.ui import messages
from launcher.ui.dialogs import DownloadDialog, ErrorDialog, PasswordDialog


def test_error_dialog_shows_sentence_hint_and_detail(qtbot):
    dialog = ErrorDialog(ServerSentWebPage(detail="https://moodle.example/config.seb answered text/html"))
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.windowTitle() == "The exam cannot be opened"
    assert dialog.text() == "The server sent a web page, not an exam configuration (are you signed in?)."
    assert dialog.informativeText().startswith("Open the exam from the exam website after signing in")
    assert dialog.detailedText() == "https://moodle.example/config.seb answered text/html"


def test_error_without_detail_has_no_details_button(qtbot):
    dialog = ErrorDialog(DamagedFile())
    qtbot.addWidget(dialog)
    assert dialog.detailedText() == ""
    assert dialog.text() == "The configuration file is damaged and cannot be read."


def test_missing_certificate_names_it_and_says_how_to_import(qtbot):
    key_hash = bytes(range(20))
    dialog = ErrorDialog(NoIdentity(key_hash=key_hash))
    qtbot.addWidget(dialog)
    assert key_hash.hex() in dialog.text()
    assert "seb-launcher identity import" in dialog.informativeText()


def test_http_status_sentences_fit_the_status():
    assert messages.message_for(HttpStatusError(status=403)) == (
        "The server did not allow the download (HTTP 403). Are you signed in?"
    )
    assert messages.message_for(HttpStatusError(status=503)) == (
        "The exam server had a problem (HTTP 503). Try again in a moment."
    )
    assert messages.message_for(PasswordRequired(for_client=True)) == (
        "This configuration is protected by the administrator password."
    )
    assert messages.message_for(ConfigError("The exam could not be started.")) == "The exam could not be started."


def test_password_dialog_masks_and_counts_down(qtbot):
    dialog = PasswordDialog(source="/home/student/exam.seb")
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.source_label.text() == "/home/student/exam.seb"
    qtbot.keyClicks(dialog.field, "nope")
    dialog.show_wrong(2)
    assert dialog.error.text() == "That password is wrong. You have 2 more tries."
    assert dialog.field.text() == ""
    dialog.show_wrong(1)
    assert dialog.error.text() == "That password is wrong. You have one more try."
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        qtbot.keyClicks(dialog.field, "typed")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    assert dialog.field.text() == ""  # nothing typed stays behind after cancel


def test_password_dialog_for_a_client_config_wants_the_admin_password(qtbot):
    dialog = PasswordDialog(for_client=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Administrator password"
    assert dialog.field.placeholderText() == "Administrator password"
    assert dialog.ok_button.text() == "Apply"


def test_download_dialog_shows_progress_and_cancels(qtbot):
    dialog = DownloadDialog("exams.example.org", delay_ms=0)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.label.text() == "Downloading the exam configuration from exams.example.org…"
    assert dialog.bar.maximum() == 0  # busy: size unknown
    dialog.set_progress(300, 1000)
    assert (dialog.bar.value(), dialog.bar.maximum()) == (300, 1000)
    with qtbot.waitSignal(dialog.cancelRequested, timeout=2_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.label.text() == "Cancelling…"
    assert not dialog.cancel_button.isEnabled()
