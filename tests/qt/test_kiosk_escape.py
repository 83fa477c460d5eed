"""Each way out of the exam a student might try, tried for real on a running kiosk."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtCore import QUrl, Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication, QMenu

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Exam</title></head>
<body style="margin:0">
<a id="blank" href="/popup?by=link" target="_blank" style="display:block;height:80px;background:#ccf">open in new window</a>
<a id="next" href="/next">next</a>
<a id="vs" href="view-source:{origin}/exam">source</a>
<a id="file" href="file:///etc/hostname">file</a>
<a id="dl" href="/file.txt">download</a>
<input id="up" type="file">
<script>
window.menus = 0;
document.addEventListener('contextmenu', function () { window.menus++; });
</script>
</body></html>"""


@pytest.fixture
def exam(http_server: Any) -> Any:
    http_server.route("/exam", lambda req: PAGE.replace("{origin}", http_server.origin))
    http_server.route("/next", "<title>Next</title><p>next page</p>")
    http_server.route("/popup", "<title>Popup</title><p id='popup'>popup</p>")
    http_server.route(
        "/file.txt",
        "answers",
        content_type="text/plain",
        headers=[("Content-Disposition", "attachment; filename=answers.txt")],
    )
    return http_server


def _settings(exam: Any, **extra: Any) -> dict[str, Any]:
    return {"startURL": exam.url("/exam"), **extra}


def _click(run: Any, element_id: str, button: Any = Qt.MouseButton.LeftButton) -> None:
    run.click(element_id, button)


def _key(run: Any, key: Any, mods: Any = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(run.window.view.focusProxy(), key, mods)


def _round_trip(run: Any) -> None:
    """Let Chromium deliver whatever it had queued (one JS round trip, twice)."""
    run.js("1")
    run.js("1")


def test_no_context_menu(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam(_settings(exam))
    # the policy is set when the window takes the view (not on the start path: launcher.ui.kiosk_view)
    assert run.session.window.view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    _click(run, "next", Qt.MouseButton.RightButton)
    run.wait_js("window.menus >= 1")  # the page saw the right click
    _round_trip(run)
    assert QApplication.activePopupWidget() is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]


@pytest.mark.parametrize("allowed", [False, True])
def test_devtools_shortcut(start_exam: Any, exam: Any, allowed: bool) -> None:
    run = start_exam(_settings(exam, allowDeveloperConsole=allowed))
    _key(run, Qt.Key.Key_F12)
    _key(run, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    tools = run.window.devtools_view
    if allowed:
        assert tools is not None and tools.isVisible()
    else:
        assert tools is None


def test_view_source_is_blocked(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam(_settings(exam))
    run.page.triggerAction(QWebEnginePage.WebAction.ViewSource)
    run.js("document.getElementById('vs').click(); 1")
    _round_trip(run)
    assert run.session.extra_windows == []
    assert run.page.url().toString() == exam.url("/exam")
    run.page.load(QUrl("view-source:" + exam.url("/exam")))
    run.wait_js("!!document.getElementById('blocked')")
    assert "not allowed" in run.text()


def test_file_urls_are_blocked(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam(_settings(exam))
    run.js("document.getElementById('file').click(); 1")
    _round_trip(run)
    assert run.page.url().toString() == exam.url("/exam")
    run.page.load(QUrl.fromLocalFile("/etc/hostname"))
    run.wait_js("!!document.getElementById('blocked')")
    assert "not allowed" in run.text()


@pytest.mark.parametrize("policy", [0, 1, 2])
def test_window_open_by_script_follows_policy(start_exam: Any, exam: Any, qtbot: Any, policy: int) -> None:
    run = start_exam(_settings(exam, newBrowserWindowByScriptPolicy=policy, newBrowserWindowByLinkPolicy=2))
    run.js(f"window.open('{exam.url('/popup?by=script')}'); 1")
    if policy == 0:
        _round_trip(run)
        assert run.session.extra_windows == []
        assert run.page.url().toString() == exam.url("/exam")
        assert exam.requests_to("/popup") == []
    elif policy == 1:
        run.wait_url(lambda u: u == exam.url("/popup?by=script"))
        assert run.session.extra_windows == []
    else:
        qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
        extra = run.session.extra_windows[0]
        run.wait_js("!!document.getElementById('popup')", page=extra.view.page())
        # SEB for Windows' default place for a new window: the right half, over the exam
        area = extra.screen().availableGeometry()
        assert extra.isVisible() and extra.geometry().right() == area.right()
        assert extra.geometry().width() == area.width() // 2 and run.window.isFullScreen()
        assert run.page.url().toString() == exam.url("/exam")
        extra.taskbar.quit_button.click()  # "Close"
        qtbot.waitUntil(lambda: run.session.extra_windows == [])


@pytest.mark.parametrize("policy", [0, 2])
def test_target_blank_link_follows_link_policy(start_exam: Any, exam: Any, qtbot: Any, policy: int) -> None:
    run = start_exam(_settings(exam, newBrowserWindowByLinkPolicy=policy, newBrowserWindowByScriptPolicy=2))
    _click(run, "blank")
    if policy == 0:
        _round_trip(run)
        assert run.session.extra_windows == []
        assert exam.requests_to("/popup") == []
    else:
        qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
        run.wait_js("!!document.getElementById('popup')", page=run.session.extra_windows[0].view.page())


@pytest.mark.parametrize("allowed", [False, True])
def test_download_follows_policy(start_exam: Any, exam: Any, qtbot: Any, tmp_path: Any, allowed: bool) -> None:
    folder = tmp_path / "dl"
    folder.mkdir()
    run = start_exam(_settings(exam, allowDownUploads=allowed), download_dir=str(folder))
    run.js("document.getElementById('dl').click(); 1")
    notice = run.window.taskbar.notice
    qtbot.waitUntil(notice.isVisible)
    if allowed:
        qtbot.waitUntil(lambda: (folder / "answers.txt").exists() and (folder / "answers.txt").read_text() == "answers")
        assert "answers.txt" in notice.text()
    else:
        assert "not allowed" in notice.text()
        assert os.listdir(folder) == []


@pytest.mark.parametrize("allowed", [False, True])
def test_back_forward(start_exam: Any, exam: Any, qtbot: Any, allowed: bool) -> None:
    run = start_exam(_settings(exam, allowBrowsingBackForward=allowed))
    _click(run, "next")  # a real click: Chromium skips history entries made without one
    run.wait_url(lambda u: u.endswith("/next"))
    qtbot.waitUntil(lambda: run.js("document.readyState") == "complete")
    _key(run, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    if allowed:
        run.wait_url(lambda u: u.endswith("/exam"))
    else:
        run.js("history.back(); 1")
        _round_trip(run)
        assert run.page.url().toString().endswith("/next")
        assert len(exam.requests_to("/exam")) == 1


@pytest.mark.parametrize("allowed", [False, True])
def test_zoom_shortcuts(start_exam: Any, exam: Any, allowed: bool) -> None:
    run = start_exam(_settings(exam, enableZoomPage=allowed))
    _key(run, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoom = run.window.view.zoomFactor()
    assert (zoom > 1.0) if allowed else (zoom == 1.0)


def test_print_refused_when_not_allowed(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam(_settings(exam, allowPrint=False))
    _key(run, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    run.js("window.print(); 1")
    notice = run.window.taskbar.notice
    qtbot.waitUntil(notice.isVisible)
    assert "Printing is not allowed" in notice.text()
    assert run.session.active_dialog is None


def test_upload_refused_when_not_allowed(start_exam: Any, exam: Any, qtbot: Any) -> None:
    run = start_exam(_settings(exam, allowDownUploads=False))
    _click(run, "up")
    notice = run.window.taskbar.notice
    qtbot.waitUntil(notice.isVisible)
    assert "Uploading files is not allowed" in notice.text()


def test_print_allowed_opens_the_print_dialog(start_exam: Any, exam: Any, qtbot: Any) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    run = start_exam(_settings(exam, allowPrint=True))
    run.js("window.print(); 1")
    qtbot.waitUntil(lambda: isinstance(run.session.active_dialog, QPrintDialog))
    dialog = run.session.active_dialog
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: run.session.active_dialog is None)
