"""Opening a link whose download goes wrong: the student reads one clear dialog and no exam
window appears. Real local HTTP(S) servers; the real open flow with its real dialogs."""

from __future__ import annotations

import time

import pytest

from open_helpers import make_opener, visible, wait_visible, web_views
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support.servers import Response, http_server, https_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_CANCELLED, EXIT_ERROR
from launcher.opening.flow import ExamOpener
from launcher.opening.fetch import FetchOptions
from launcher.ui.dialogs import DownloadDialog, ErrorDialog


def _error_of(qtbot, opener: ExamOpener, url: str) -> ErrorDialog:
    with qtbot.waitSignal(opener.failed, timeout=20_000):
        opener.open(url)
    return wait_visible(qtbot, ErrorDialog)


def _close(qtbot, opener: ExamOpener, dialog: ErrorDialog) -> None:
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_ERROR]
    assert opener.session is None
    assert web_views() == []


def test_a_missing_config_is_reported_as_not_found(qtbot, make_opener, http_server):
    opener = make_opener()
    dialog = _error_of(qtbot, opener, http_server.url("/nothing-here.seb"))
    assert dialog.text() == "The server has no exam configuration at this address (HTTP 404)."
    assert "nothing-here.seb" in dialog.detailedText()
    assert len(http_server.requests_to("/nothing-here.seb")) == 1  # an HTTP error is not retried
    _close(qtbot, opener, dialog)


def test_a_silent_server_times_out_after_one_retry(qtbot, make_opener, http_server):
    def stall(_req):
        time.sleep(4)
        return Response(b"plnd")

    http_server.route("/slow.seb", stall)
    opener = make_opener(fetch_options=FetchOptions(timeout_ms=300))
    dialog = _error_of(qtbot, opener, http_server.url("/slow.seb"))
    assert dialog.text() == "The exam server did not answer in time."
    assert dialog.informativeText() == "Check the network connection and try again."
    assert len(http_server.requests_to("/slow.seb")) == 2
    _close(qtbot, opener, dialog)


def test_an_oversized_body_is_refused(qtbot, make_opener, http_server):
    http_server.route("/big.seb", Response(b"plnd" + b"\0" * 200_000, content_type="application/seb"))
    opener = make_opener(fetch_options=FetchOptions(max_bytes=50_000))
    dialog = _error_of(qtbot, opener, http_server.url("/big.seb"))
    assert dialog.text() == "The configuration file is too large or nested too deeply to be safe to open."
    _close(qtbot, opener, dialog)


def test_an_untrusted_certificate_fails_closed(qtbot, make_opener, https_server):
    https_server.route("/config.seb", Response(b"plnd", content_type="application/seb"))
    opener = make_opener()  # no extra CA: the self-signed test certificate is not trusted
    dialog = _error_of(qtbot, opener, "sebs://" + https_server.url("/config.seb").split("://", 1)[1])
    assert dialog.text() == (
        "The secure connection to the exam server could not be verified, so the configuration "
        "was not downloaded."
    )
    assert "certificate" in dialog.detailedText().lower()
    assert https_server.requests_to("/config.seb") == []
    _close(qtbot, opener, dialog)


def test_a_redirect_from_https_to_http_is_refused(qtbot, make_opener, make_server):
    plain = make_server()
    plain.route("/config.seb", Response(b"plnd", content_type="application/seb"))
    secure = make_server(tls=True)
    secure.route("/go", Response("", status=302, headers=[("Location", plain.url("/config.seb"))]))
    opener = make_opener(fetch_options=FetchOptions(extra_ca_pem=[secure.cert_pem]))
    dialog = _error_of(qtbot, opener, secure.url("/go"))
    assert dialog.text().startswith("The secure connection to the exam server could not be verified")
    assert plain.requests_to("/config.seb") == []
    _close(qtbot, opener, dialog)


def test_an_unreachable_server_is_reported(qtbot, make_opener, make_server):
    gone = make_server()
    url = gone.url("/config.seb")
    gone.stop()
    opener = make_opener()
    dialog = _error_of(qtbot, opener, url)
    assert dialog.text() == "The exam server could not be reached. Check the network connection."
    _close(qtbot, opener, dialog)


def test_cancelling_the_download_starts_nothing(qtbot, make_opener, http_server):
    def stall(_req):
        time.sleep(4)
        return Response(b"plnd")

    http_server.route("/slow.seb", stall)
    opener = make_opener()
    opener.open(http_server.url("/slow.seb"))
    progress = wait_visible(qtbot, DownloadDialog)
    assert "127.0.0.1" in progress.label.text()
    with qtbot.waitSignal(opener.finished, timeout=5_000) as done:
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_CANCELLED]
    assert visible(ErrorDialog) == []
    assert opener.session is None
    assert web_views() == []


@pytest.mark.parametrize("link", ["sebs://[exam.example.org/c.seb", "https://exam.example.org:99999/c.seb"])
def test_a_malformed_link_is_named_as_such(qtbot, make_opener, link):
    opener = make_opener()
    dialog = _error_of(qtbot, opener, link)
    assert dialog.text() == "This link is not a valid web address."
    assert dialog.informativeText() == "Check the link, or ask your teacher for the configuration file."
    _close(qtbot, opener, dialog)
