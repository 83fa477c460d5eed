"""A running exam that opens another configuration (a seb:// link on its page): the new exam
replaces the old one once it is fully read, with the same password flow; a broken one leaves
the running exam alone."""

from __future__ import annotations

import hashlib

from open_helpers import make_opener, plain_config, wait_visible
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from support.servers import http_server, make_server  # noqa: F401

from launcher.exit_codes import EXIT_OK
from launcher.opening.flow import ExamOpener
from launcher.browser import jsapi
from launcher.config import plist
from launcher.config.container import write_config
from launcher.config.keys import ExamKeys
from launcher.ui.dialogs import ErrorDialog, PasswordDialog

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _first_exam(server, tmp_path, link_path: str):
    """Exam A: allows reconfiguration, its page follows a seb:// link to ``link_path``."""
    link = "seb://" + server.url(link_path).split("://", 1)[1]
    server.route(
        "/a",
        "<!doctype html><title>A</title><style>a{display:block;position:fixed;inset:0}</style>"
        f"<a id='next' href='{link}'>next exam</a>",
    )
    settings = {
        "allowVirtualMachine": True, "startURL": server.url("/a"),
        "sendBrowserExamKey": True,
        "examSessionReconfigureAllow": True,
    }
    path = tmp_path / "a.seb"
    path.write_bytes(plist.dumps(settings))
    return path


def _click_link(qtbot, opener) -> None:
    """Click the page's link like the student does (a real mouse click into the view)."""
    session = opener.session
    qtbot.waitUntil(lambda: session.window is not None and session.window.isVisible(), timeout=10_000)
    view = session.window.view
    qtbot.waitUntil(lambda: view.page().url().path() == "/a", timeout=10_000)
    box: list[object] = []

    def ready() -> bool:
        view.page().runJavaScript("document.readyState", 0, box.append)
        return bool(box) and box[-1] == "complete"

    qtbot.waitUntil(ready, timeout=10_000)
    target = view.focusProxy() or view
    # the first input events after a load can be dropped while Chromium sets up its input
    # routing: move the mouse over the page until the page notices, then click once
    seen: list[object] = []
    view.page().runJavaScript(
        "window.__moved = false; document.addEventListener('mousemove', function () { window.__moved = true; }); 1",
        0, seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    moves = [0]

    def noticed() -> bool:
        moves[0] += 1
        QTest.mouseMove(target, QPoint(20 + moves[0] % 7, 20 + moves[0] % 5))
        answer: list[object] = []
        view.page().runJavaScript("window.__moved === true", 0, answer.append)
        qtbot.waitUntil(lambda: bool(answer), timeout=5_000)
        return answer[0] is True

    qtbot.waitUntil(noticed, timeout=15_000)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())


def _second_exam(server) -> dict:
    server.route("/b", "<!doctype html><title>B</title><script>location.href = '/b-quit';</script>")
    return {
        "allowVirtualMachine": True, "startURL": server.url("/b"),
        "quitURL": server.url("/b-quit"),
        "quitURLConfirm": False,
        "sendBrowserExamKey": True,
        "examKeySalt": b"second exam salt",
    }


def test_a_seb_link_in_the_exam_replaces_it_with_the_new_exam(qtbot, make_opener, http_server, tmp_path):
    b_settings = _second_exam(http_server)
    b_data = plist.dumps(b_settings)
    http_server.route("/b.seb", b_data, content_type="application/seb")
    opener = make_opener()
    sessions: list[object] = []
    opener.sessionStarted.connect(sessions.append)
    opener.open(str(_first_exam(http_server, tmp_path, "/b.seb")))
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        _click_link(qtbot, opener)
    assert done.args == [EXIT_OK]
    assert len(sessions) == 2
    keys_b = ExamKeys.for_settings(plist.loads(b_data))
    first_b = http_server.requests_to("/b")[0]
    assert first_b.header("X-SafeExamBrowser-ConfigKeyHash") == hashlib.sha256(
        (first_b.url + keys_b.config_key).encode()
    ).hexdigest()


def test_a_password_protected_new_exam_asks_first(qtbot, make_opener, http_server, tmp_path):
    http_server.route("/b.seb", write_config(_second_exam(http_server), password="next"), content_type="application/seb")
    opener = make_opener()
    sessions: list[object] = []
    opener.sessionStarted.connect(sessions.append)
    opener.open(str(_first_exam(http_server, tmp_path, "/b.seb")))
    _click_link(qtbot, opener)
    dialog = wait_visible(qtbot, PasswordDialog, timeout=30_000)
    assert len(sessions) == 1 and opener.session is sessions[0]  # exam A still runs meanwhile
    qtbot.keyClicks(dialog.field, "wrong")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    dialog = wait_visible(qtbot, PasswordDialog)
    assert dialog.error.text() == "That password is wrong. You have 2 more tries."
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        qtbot.keyClicks(dialog.field, "next")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert done.args == [EXIT_OK]
    assert len(sessions) == 2
    assert http_server.requests_to("/b")


def test_a_broken_new_config_leaves_the_running_exam_alone(qtbot, make_opener, http_server, tmp_path):
    http_server.route("/b.seb", b"plnd this is not gzip nor xml", content_type="application/seb")
    opener = make_opener()
    opener.open(str(_first_exam(http_server, tmp_path, "/b.seb")))
    running = opener.session
    _click_link(qtbot, opener)
    error = wait_visible(qtbot, ErrorDialog, timeout=30_000)
    assert error.text() == "The configuration file is damaged and cannot be read."
    qtbot.mouseClick(error.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not error.isVisible())
    assert opener.session is running and opener.exit_code is None
    with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
        running.quit("test over")
    assert done.args == [EXIT_OK]
