"""SEB settings the kiosk honours as SEB for Windows does, tried on a running exam against a
local server: downloads and uploads (``allowDownloads``/``allowUploads`` over the older
``allowDownUploads``), and the "not honoured" report in the log at exam start."""

from __future__ import annotations

import logging
import os
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Exam</title></head>
<body style="margin:0">
<a id="dl" href="/file.txt">download</a>
<input id="up" type="file" style="display:block;width:300px;height:60px">
</body></html>"""


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", PAGE)
    http_server.route(
        "/file.txt",
        "answers",
        content_type="text/plain",
        headers=[("Content-Disposition", "attachment; filename=answers.txt")],
    )
    return http_server


# -- downloads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "allowed"),
    [
        ({}, True),  # SEB for Windows' default
        ({"allowDownloads": False}, False),
        ({"allowDownloads": False, "allowDownUploads": True}, False),  # the current key wins
        ({"allowDownloads": True, "allowDownUploads": False}, True),
        ({"allowDownUploads": False}, False),  # an older file still forbids them
    ],
)
def test_downloads_follow_allow_downloads(
    start_exam: Any, exam: Any, qtbot: Any, tmp_path: Any, extra: dict[str, Any], allowed: bool
) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    run = start_exam({"startURL": exam.url("/exam"), **extra}, download_dir=str(folder))
    run.js("document.getElementById('dl').click(); 1")
    notice = run.window.taskbar.notice
    qtbot.waitUntil(notice.isVisible)
    if allowed:
        qtbot.waitUntil(lambda: (folder / "answers.txt").exists() and (folder / "answers.txt").read_text() == "answers")
        assert "answers.txt" in notice.text()
    else:
        assert "Downloading files is not allowed" in notice.text()
        assert os.listdir(folder) == []


# -- uploads ------------------------------------------------------------------------------------


def _answer_file_dialog(path: str, seen: list[QFileDialog]) -> QTimer:
    """Pick ``path`` in the file chooser as soon as one opens (as a student would)."""
    timer = QTimer()

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                if widget not in seen:
                    seen.append(widget)
                # type the file's full path into the name field and press Open, as a user can
                widget.findChild(QLineEdit, "fileNameEdit").setText(path)
                widget.accept()

    timer.timeout.connect(look)
    timer.start(50)
    return timer


@pytest.mark.parametrize(
    "extra",
    [
        {},  # SEB for Windows' default: AllowUploads = false
        {"allowUploads": False},
        {"allowUploads": False, "allowDownUploads": True},  # the current key wins
        {"allowDownUploads": False},
    ],
)
def test_uploads_refused(start_exam: Any, exam: Any, qtbot: Any, tmp_path: Any, extra: dict[str, Any]) -> None:
    answer = tmp_path / "essay.txt"
    answer.write_text("my essay")
    seen: list[QFileDialog] = []
    timer = _answer_file_dialog(str(answer), seen)
    run = start_exam({"startURL": exam.url("/exam"), **extra})
    run.click("up")
    notice = run.window.taskbar.notice
    qtbot.waitUntil(notice.isVisible)
    timer.stop()
    assert "Uploading files is not allowed" in notice.text()
    assert seen == []
    assert run.js("document.getElementById('up').files.length") == 0


@pytest.mark.parametrize(
    "extra",
    [
        {"allowUploads": True},
        {"allowUploads": True, "allowDownUploads": False},  # the current key wins
        {"allowDownUploads": True},  # an older file that allows both
    ],
)
def test_uploads_follow_allow_uploads(
    start_exam: Any, exam: Any, qtbot: Any, tmp_path: Any, extra: dict[str, Any]
) -> None:
    answer = tmp_path / "essay.txt"
    answer.write_text("my essay")
    seen: list[QFileDialog] = []
    timer = _answer_file_dialog(str(answer), seen)
    run = start_exam({"startURL": exam.url("/exam"), **extra})
    try:
        run.click("up")
        run.wait_js("document.getElementById('up').files.length === 1")
    finally:
        timer.stop()
    assert len(seen) == 1
    assert run.js("document.getElementById('up').files[0].name") == "essay.txt"
    assert not run.window.taskbar.notice.isVisible()


# -- the log at exam start ------------------------------------------------------------------------


def test_exam_start_logs_what_is_not_honoured(start_exam: Any, exam: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="launcher.config.coverage")
    start_exam({"startURL": exam.url("/exam"), "showTaskBar": False, "sebAllowedVersions": ["3.8"]})
    lines = [r.getMessage() for r in caplog.records if r.name == "launcher.config.coverage"]
    assert len(lines) == 1
    assert "2 setting(s) in this configuration are not honoured" in lines[0]
    assert "security-relevant: sebAllowedVersions; others: showTaskBar" in lines[0]
    assert [r.levelno for r in caplog.records if r.name == "launcher.config.coverage"] == [logging.WARNING]


def test_exam_start_only_notes_in_the_log_what_is_not_security_relevant(start_exam: Any, exam: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="launcher.config.coverage")
    start_exam({"startURL": exam.url("/exam"), "showTaskBar": False})
    records = [r for r in caplog.records if r.name == "launcher.config.coverage"]
    assert len(records) == 1 and "others: showTaskBar" in records[0].getMessage()
    assert records[0].levelno == logging.INFO  # students do not see it on the console


# -- user agent -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "custom"),
    [
        ({"browserUserAgentWinDesktopMode": 1, "browserUserAgentWinDesktopModeCustom": "Campus Kiosk/2.0"}, True),
        ({"browserUserAgentWinDesktopMode": 0, "browserUserAgentWinDesktopModeCustom": "Campus Kiosk/2.0"}, False),
        # touch mode is SEB for Windows' tablet mode: its own custom agent, not the desktop one
        ({"browserUserAgentWinDesktopMode": 1, "browserUserAgentWinDesktopModeCustom": "Campus Kiosk/2.0",
          "touchOptimized": True}, False),
    ],
)
def test_custom_desktop_user_agent(start_exam: Any, exam: Any, extra: dict[str, Any], custom: bool) -> None:
    run = start_exam({"startURL": exam.url("/exam"), "browserUserAgent": "Campus/1", **extra})
    sent = exam.requests_to("/exam")[0].headers["User-Agent"]
    seen = run.js("navigator.userAgent")
    assert sent == seen
    assert sent.endswith(" Campus/1") and " SEB/" in sent
    if custom:
        assert sent.startswith("Campus Kiosk/2.0 SEB/")
        assert "Mozilla" not in sent
    else:
        assert sent.startswith("Mozilla/5.0") and "Campus Kiosk" not in sent


# -- JavaScript -----------------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_javascript_follows_enable_javascript(start_exam: Any, http_server: Any, enabled: bool) -> None:
    http_server.route(
        "/js", "<!doctype html><title>before</title><p id='p'>static</p>"
        "<script>document.title = 'after'; document.getElementById('p').textContent = 'scripted';</script>"
    )
    run = start_exam({"startURL": http_server.url("/js"), "enableJavaScript": enabled})
    assert run.page.title() == ("after" if enabled else "before")
    # the page's text as a student sees it (read from the launcher's own script world)
    box: list[Any] = []
    from PySide6.QtWebEngineCore import QWebEngineScript

    run.page.runJavaScript(
        "document.getElementById('p').textContent", QWebEngineScript.ScriptWorldId.ApplicationWorld, box.append
    )
    run.qtbot.waitUntil(lambda: bool(box))
    assert box[0] == ("scripted" if enabled else "static")


# -- find in page ---------------------------------------------------------------------------------

FIND_PAGE = "<!doctype html><title>Find</title><p>apple pear apple plum apple</p>"


@pytest.mark.parametrize("allowed", [True, False])
def test_find_bar_follows_allow_find(start_exam: Any, http_server: Any, qtbot: Any, allowed: bool) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    http_server.route("/find", FIND_PAGE)
    run = start_exam({"startURL": http_server.url("/find"), "allowFind": allowed})
    run.ready_for_input()
    QTest.keyClick(run.window.view.focusProxy(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    if not allowed:
        run.js("1")
        assert run.window.find_bar is None
        return
    bar = run.window.find_bar
    qtbot.waitUntil(lambda: bar is not None and bar.isVisible() and bar.edit.hasFocus())
    QTest.keyClicks(bar.edit, "apple")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.count.text() == "2 of 3")
    QTest.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3")
    bar.edit.setText("banana")
    qtbot.waitUntil(lambda: bar.count.text() == "No matches")
    QTest.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


# -- restart exam -----------------------------------------------------------------------------------


@pytest.fixture
def pages(http_server: Any) -> Any:
    http_server.route("/exam", "<!doctype html><title>Exam</title><p id='start'>question 1</p>")
    http_server.route("/q2", "<!doctype html><title>Q2</title><p id='q2'>question 2</p>")
    http_server.route("/restart", "<!doctype html><title>Restart</title><p id='restart'>restarted</p>")
    return http_server


def _to_q2(run: Any, pages: Any) -> None:
    run.js(f"location.href = {pages.url('/q2')!r}; 1")
    run.wait_url(lambda u: u.endswith("/q2"))


def test_no_restart_button_without_a_restart_url(start_exam: Any, pages: Any) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "restartExamText": "Back", "restartExamPasswordProtected": True})
    assert run.session.restart_button is None
    assert run.window.taskbar.findChild(QPushButton, "restartExam") is None


def test_restart_button_returns_to_the_start_after_confirmation(start_exam: Any, pages: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "restartExamUseStartURL": True, "restartExamText": "Start over"})
    button = run.window.taskbar.findChild(QPushButton, "restartExam")
    assert button is not None and button.isVisible()
    _to_q2(run, pages)
    button.click()
    dialog = run.session.active_dialog
    assert isinstance(dialog, QMessageBox) and dialog.windowTitle() == "Start over"
    dialog.button(QMessageBox.StandardButton.No).click()
    run.js("1")
    assert run.page.url().toString().endswith("/q2")
    button.click()
    run.session.active_dialog.button(QMessageBox.StandardButton.Yes).click()
    run.wait_url(lambda u: u.endswith("/exam"))
    assert len(pages.requests_to("/exam")) == 2


def test_restart_url_with_password(start_exam: Any, pages: Any, qtbot: Any) -> None:
    import hashlib

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from launcher.ui.quit_dialog import QuitPasswordDialog

    run = start_exam({
        "startURL": pages.url("/exam"),
        "restartExamURL": pages.url("/restart"),
        "restartExamPasswordProtected": True,
        "hashedQuitPassword": hashlib.sha256(b"invigilator").hexdigest(),
    })
    _to_q2(run, pages)
    run.window.taskbar.findChild(QPushButton, "restartExam").click()
    dialog = run.session.active_dialog
    assert isinstance(dialog, QuitPasswordDialog) and dialog.windowTitle() == "Restart the exam"
    QTest.keyClicks(dialog.password, "guess")
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.isVisible()
    assert run.page.url().toString().endswith("/q2")
    qtbot.waitUntil(dialog.password.isEnabled, timeout=5_000)
    QTest.keyClicks(dialog.password, "invigilator")
    QTest.keyClick(dialog.password, Qt.Key.Key_Return)
    run.wait_url(lambda u: u.endswith("/restart"))
    assert run.session.active_dialog is None and run.window.isVisible()


# -- application log ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "shown"),
    [
        ({"allowApplicationLog": True, "showApplicationLogButton": True}, True),
        ({"showApplicationLogButton": True}, False),  # SEB for Windows: no log access, no button
        ({"allowApplicationLog": True}, False),
    ],
)
def test_application_log_button_opens_a_read_only_log(
    start_exam: Any, pages: Any, qtbot: Any, caplog: Any, extra: dict[str, Any], shown: bool
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    caplog.set_level(logging.INFO, logger="launcher")
    run = start_exam({"startURL": pages.url("/exam"), **extra})
    button = run.window.taskbar.findChild(QPushButton, "applicationLog")
    if not shown:
        assert button is None and run.session.log_button is None
        return
    assert button.isVisible()
    button.click()
    window = run.session.log_button.window
    qtbot.waitUntil(window.isVisible)
    assert window.text.isReadOnly()
    assert "exam session started" in window.text.toPlainText()
    logging.getLogger("launcher.exam.session").info("a line logged while the log is open")
    qtbot.waitUntil(lambda: "a line logged while the log is open" in window.text.toPlainText())
    QTest.keyClick(window.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert run.window.isVisible()


# -- window mode ----------------------------------------------------------------------------------


def _available(window: Any) -> Any:
    return window.screen().availableGeometry()


def test_exam_is_full_screen_by_default_and_at_full_window_size(start_exam: Any, pages: Any) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "browserViewMode": 0,
                      "mainBrowserWindowWidth": "100%", "mainBrowserWindowHeight": "100%"})
    assert run.window.isFullScreen()
    assert run.session.backdrop is None


def test_window_mode_places_the_exam_over_a_backdrop(start_exam: Any, pages: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "browserViewMode": 0, "mainBrowserWindowWidth": "50%",
                      "mainBrowserWindowHeight": "300", "mainBrowserWindowPositioning": 2})
    area = _available(run.window)
    geo = run.window.geometry()
    assert not run.window.isFullScreen()
    assert (geo.width(), geo.height()) == (area.width() // 2, 300)
    assert geo.right() == area.right() and geo.top() == area.top() + (area.height() - 300) // 2
    backdrop = run.session.backdrop
    assert backdrop is not None and backdrop.isVisible() and backdrop.isFullScreen()
    assert run.text().strip() == "question 1"
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("test")
    assert run.session.backdrop is None


def test_new_windows_open_at_their_configured_place(start_exam: Any, pages: Any, qtbot: Any) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "newBrowserWindowByLinkWidth": "40%",
                      "newBrowserWindowByLinkPositioning": 0})
    run.js(f"window.open({pages.url('/q2')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    popup = run.session.extra_windows[0]
    area = _available(popup)
    geo = popup.geometry()
    assert not popup.isFullScreen() and run.window.isFullScreen()
    assert (geo.left(), geo.width(), geo.height()) == (area.left(), area.width() * 40 // 100, area.height())
    run.wait_js("!!document.getElementById('q2')", page=popup.view.page())


# -- PDFs -----------------------------------------------------------------------------------------------


def _pdf() -> bytes:
    """A one-page PDF with correct cross-reference offsets."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("download", [False, True])
def test_pdfs_open_in_the_viewer_unless_download_pdf_files(
    start_exam: Any, http_server: Any, qtbot: Any, tmp_path: Any, download: bool
) -> None:
    http_server.route("/exam", "<!doctype html><title>Exam</title><a id='pdf' href='/sheet.pdf'>formulae</a>")
    http_server.route("/sheet.pdf", _pdf(), content_type="application/pdf")
    folder = tmp_path / "dl"
    folder.mkdir()
    run = start_exam({"startURL": http_server.url("/exam"), "downloadPDFFiles": download, "allowDownloads": True},
                     download_dir=str(folder))
    run.js("document.getElementById('pdf').click(); 1")
    if download:
        qtbot.waitUntil(lambda: (folder / "sheet.pdf").exists() and (folder / "sheet.pdf").read_bytes() == _pdf())
        assert run.page.url().toString().endswith("/exam")
    else:
        run.wait_url(lambda u: u.endswith("/sheet.pdf"))
        qtbot.waitUntil(lambda: run.page.title() != "")
        run.js("1")
        assert os.listdir(folder) == []


# -- zoom controls ---------------------------------------------------------------------------------


def test_zoom_controls_in_the_taskbar(start_exam: Any, pages: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    run = start_exam({"startURL": pages.url("/exam")})
    zoom = run.session.taskbar_items["zoom"]
    assert zoom.isVisible() and zoom.reset.text() == "100 %"
    zoom.larger.click()
    qtbot.waitUntil(lambda: zoom.reset.text() == "110 %")
    assert abs(run.window.view.zoomFactor() - 1.1) < 1e-6
    zoom.smaller.setFocus()
    QTest.keyClick(zoom.smaller, Qt.Key.Key_Return)
    QTest.keyClick(zoom.smaller, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: zoom.reset.text() == "90 %")
    zoom.reset.click()
    qtbot.waitUntil(lambda: zoom.reset.text() == "100 %")


def test_no_zoom_controls_and_no_ctrl_wheel_zoom_when_zoom_is_off(start_exam: Any, pages: Any) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    run = start_exam({"startURL": pages.url("/exam"), "enableZoomPage": False})
    assert "zoom" not in run.session.taskbar_items
    run.ready_for_input()
    target = run.window.view.focusProxy()
    for _ in range(3):
        event = QWheelEvent(
            QPointF(20, 20), QPointF(target.mapToGlobal(QPoint(20, 20))), QPoint(0, 0), QPoint(0, 120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(target, event)
    run.js("1")
    run.js("1")
    assert run.window.view.zoomFactor() == 1.0


# -- the taskbar's own parts --------------------------------------------------------------------------


@pytest.mark.parametrize("shown", [True, False])
def test_clock_and_reload_button_follow_show_time_and_show_reload_button(
    start_exam: Any, pages: Any, qtbot: Any, shown: bool
) -> None:
    run = start_exam({"startURL": pages.url("/exam"), "showTime": shown, "showReloadButton": shown})
    taskbar = run.window.taskbar
    assert taskbar.clock.isVisible() is shown
    assert taskbar.reload_button.isVisible() is shown
    run.js(f"window.open({pages.url('/q2')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    popup = run.session.extra_windows[0]
    qtbot.waitUntil(popup.isVisible)
    assert popup.taskbar.reload_button.isVisible() is shown


# -- windows the exam opens -------------------------------------------------------------------------


@pytest.fixture
def two_hosts(make_server: Any) -> tuple[Any, Any]:
    exam = make_server()
    other = make_server(host="127.0.0.2")
    exam.route("/exam", "<!doctype html><title>Exam</title><p>exam</p>")
    exam.route("/same", "<!doctype html><title>Same</title><p id='same'>same host</p>")
    other.route("/foreign", "<!doctype html><title>Foreign</title><p id='foreign'>other host</p>")
    return exam, other


@pytest.mark.parametrize("key", ["newBrowserWindowByLinkBlockForeign", "newBrowserWindowByScriptBlockForeign"])
def test_new_windows_to_other_hosts_are_blocked_when_configured(
    start_exam: Any, two_hosts: tuple[Any, Any], qtbot: Any, key: str
) -> None:
    exam, other = two_hosts
    run = start_exam({"startURL": exam.url("/exam"), key: True})
    run.js(f"window.open({other.url('/foreign')!r}); 1")
    run.js(f"window.open({exam.url('/same')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    run.wait_js("!!document.getElementById('same')", page=run.session.extra_windows[0].view.page())
    run.js("1")
    assert len(run.session.extra_windows) == 1
    assert other.requests_to("/foreign") == []


def test_new_windows_to_other_hosts_open_by_default(start_exam: Any, two_hosts: tuple[Any, Any], qtbot: Any) -> None:
    exam, other = two_hosts
    run = start_exam({"startURL": exam.url("/exam")})
    run.js(f"window.open({other.url('/foreign')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    run.wait_js("!!document.getElementById('foreign')", page=run.session.extra_windows[0].view.page())


@pytest.mark.parametrize("allowed", [True, False])
def test_new_windows_follow_their_own_reload_and_navigation_keys(
    start_exam: Any, pages: Any, qtbot: Any, allowed: bool
) -> None:
    run = start_exam({
        "startURL": pages.url("/exam"),
        "browserWindowAllowReload": not allowed,
        "allowBrowsingBackForward": not allowed,
        "newBrowserWindowAllowReload": allowed,
        "newBrowserWindowShowReloadWarning": False,
        "newBrowserWindowNavigation": allowed,
    })
    assert (run.window.taskbar.reload_button is not None) is (not allowed)
    run.js(f"window.open({pages.url('/q2')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    popup = run.session.extra_windows[0]
    page = popup.view.page()
    run.wait_js("!!document.getElementById('q2')", page=page)
    assert (popup.taskbar.reload_button is not None) is allowed
    assert popup.options.allow_back_forward is allowed
    if allowed:
        popup.taskbar.reload_button.click()  # no warning for new windows: reloads at once
        qtbot.waitUntil(lambda: len(pages.requests_to("/q2")) == 2)
        assert run.session.active_dialog is None


# -- quit URL that restarts ---------------------------------------------------------------------------


def test_quit_url_restarts_the_exam_with_quit_url_restart(start_exam: Any, http_server: Any, qtbot: Any) -> None:
    from support.servers import Response

    http_server.route(
        "/exam",
        lambda req: Response(
            "<!doctype html><title>Exam</title><p id='start'>start</p>"
            f"<p id='cookie'>{req.headers.get('Cookie') or 'no cookie'}</p>",
            headers=[("Set-Cookie", "MoodleSession=abc123; Path=/")] if not req.headers.get("Cookie") else [],
        ),
    )
    http_server.route("/q2", "<!doctype html><title>Q2</title><p id='q2'>q2</p>")
    http_server.route("/quit", "<p>bye</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "quitURL": http_server.url("/quit"),
                      "quitURLRestart": True})
    run.js(f"location.href = {http_server.url('/q2')!r}; 1")
    run.wait_url(lambda u: u.endswith("/q2"))
    run.js(f"window.open({http_server.url('/q2')!r}); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    assert "MoodleSession=abc123" in http_server.requests_to("/q2")[0].headers.get("Cookie", "")
    run.js(f"location.href = {http_server.url('/quit')!r}; 1")
    qtbot.waitUntil(lambda: len(http_server.requests_to("/exam")) == 2)
    run.wait_js("!!document.getElementById('start')")
    assert run.text().splitlines()[-1] == "no cookie"  # the session's cookies are gone
    assert run.session.extra_windows == [] and run.window.isVisible()
    assert not run.session.ending
