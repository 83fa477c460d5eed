"""Where the exam may go: URL filter with its blocked page, seb(s) links and .seb downloads
(reconfiguration allowed or refused), a crashed page and a lost connection."""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.servers import Response

CONFIG_BYTES = b"<?xml version='1.0'?><plist version='1.0'><dict><key>startURL</key><string>x</string></dict></plist>"


def _allow_only(server: Any) -> list[dict[str, Any]]:
    return [{"active": True, "regex": True, "expression": "^" + re.escape(server.origin + "/"), "action": 1}]


@pytest.fixture
def sites(make_server: Any) -> tuple[Any, Any]:
    exam = make_server()
    other = make_server(host="127.0.0.2")
    exam.route(
        "/exam",
        lambda req: Response(f"""<!doctype html><title>Exam</title><p id="p">exam</p>
        <a id="out" href="{other.url('/elsewhere')}">out</a>
        <a id="seb" style="display:block;height:40px" href="seb://{exam.host}:{exam.port}/config.seb?id=7">config</a>
        <a id="dl" href="/files/new.seb">config file</a>
        <img id="img" src="{other.url('/tracker.gif')}">""",
            headers=[("Set-Cookie", "MoodleSession=abc123; Path=/")]),
    )
    exam.route("/config.seb", CONFIG_BYTES, content_type="application/seb")
    exam.route(
        "/files/new.seb",
        CONFIG_BYTES,
        content_type="application/seb",
        headers=[("Content-Disposition", "attachment; filename=new.seb")],
    )
    other.route("/elsewhere", "<p>elsewhere</p>")
    other.route("/tracker.gif", b"GIF89a", content_type="image/gif")
    return exam, other


def test_blocked_url_shows_the_blocked_page(start_exam: Any, sites: Any) -> None:
    exam, other = sites
    run = start_exam({"startURL": exam.url("/exam"), "URLFilterEnable": True, "URLFilterRules": _allow_only(exam)})
    run.js("document.getElementById('out').click(); 1")
    run.wait_js("!!document.getElementById('blocked')")
    text = run.text()
    assert "Page blocked" in text and "not allowed" in text and other.url("/elsewhere") in text
    assert other.requests_to("/elsewhere") == []
    run.click("back")  # the way back to the exam
    run.wait_url(lambda u: u == exam.url("/exam"))
    run.wait_js("!!document.getElementById('p')")


def test_the_filter_holds_for_new_windows_iframes_and_redirects(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, other = sites
    exam.route("/go", Response("", status=302, headers=[("Location", other.url("/redirected"))]))
    run = start_exam({
        "startURL": exam.url("/exam"), "URLFilterEnable": True, "URLFilterRules": _allow_only(exam),
        "newBrowserWindowByScriptPolicy": 2,
    })
    run.js(f"window.open('{other.url('/popup')}'); 1")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1)
    popup = run.session.extra_windows[0].view.page()
    run.wait_js("!!document.getElementById('blocked')", page=popup)
    assert other.url("/popup") in run.text(popup)
    run.js(f"var f = document.createElement('iframe'); f.src = '{other.url('/frame')}';"
           "document.body.appendChild(f); 1")
    run.js(f"location.href = '{exam.url('/go')}'; 1")  # the exam server sends the page elsewhere
    run.wait_js("!!document.getElementById('blocked')")
    assert other.url("/redirected") in run.text()
    assert [r.path for r in other.requests if r.path != "/tracker.gif"] == []  # (an image: no content filter)


def test_content_filter_blocks_sub_resources(start_exam: Any, sites: Any) -> None:
    exam, other = sites
    run = start_exam({
        "startURL": exam.url("/exam"), "URLFilterEnable": True, "URLFilterEnableContentFilter": True,
        "URLFilterRules": _allow_only(exam),
    })
    run.wait_js("document.getElementById('img').complete")
    assert run.js("document.getElementById('img').naturalWidth") == 0
    assert other.requests_to("/tracker.gif") == []


def test_without_content_filter_sub_resources_load(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, other = sites
    start_exam({"startURL": exam.url("/exam"), "URLFilterEnable": True, "URLFilterRules": _allow_only(exam)})
    qtbot.waitUntil(lambda: bool(other.requests_to("/tracker.gif")))


def test_seb_link_reconfigures_when_allowed(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, _other = sites
    run = start_exam({"startURL": exam.url("/exam"), "examSessionReconfigureAllow": True})
    with qtbot.waitSignal(run.session.reconfigureRequested, timeout=10_000) as got:
        run.click("seb")
    url, data = got.args
    assert url == f"seb://{exam.host}:{exam.port}/config.seb?id=7"
    assert data == CONFIG_BYTES
    fetched = exam.requests_to("/config.seb")[0]
    assert fetched.cookies.get("MoodleSession") == "abc123"  # with the exam's cookies
    assert " SEB/" in fetched.headers["User-Agent"]


def test_seb_link_refused_shows_a_message(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, _other = sites
    run = start_exam({"startURL": exam.url("/exam")})
    with qtbot.waitSignal(run.session.reconfigureRefused, timeout=10_000) as got:
        run.click("seb")
    assert got.args[0].startswith("seb://")
    assert "does not allow" in run.window.taskbar.notice.text() and run.window.taskbar.notice.isVisible()
    assert exam.requests_to("/config.seb") == []
    assert run.page.url().toString() == exam.url("/exam")


def test_quitting_while_a_seb_link_downloads_ends_cleanly(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, _other = sites
    # a server that sends the headers and part of the configuration, then stalls until told
    listener = socket.create_server(("127.0.0.1", 0))
    sent, release = threading.Event(), threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/seb\r\n"
                         b"Content-Length: 100000\r\n\r\n" + CONFIG_BYTES + b" " * 4000)
            sent.set()
            release.wait(10)

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    run = start_exam({"startURL": exam.url("/exam"), "examSessionReconfigureAllow": True})
    asked: list[Any] = []
    run.session.reconfigureRequested.connect(lambda *a: asked.append(a))
    downloads: list[Any] = []
    ended: list[bool] = []

    def seen(download: Any) -> None:
        downloads.append(download)
        download.isFinishedChanged.connect(lambda: ended.append(download.isFinished()))

    run.session.profile.downloadRequested.connect(seen)
    run.js(f"document.getElementById('seb').href = 'seb://127.0.0.1:{listener.getsockname()[1]}/c.seb'; 1")
    run.click("seb")
    qtbot.waitUntil(lambda: sent.is_set(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(downloads), timeout=10_000)
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("student quit")
    release.set()  # the download now ends (cut off): the ended session must let it go quietly
    server.join(10)
    listener.close()
    qtbot.waitUntil(lambda: any(ended), timeout=10_000)
    assert asked == []


def test_seb_file_download_reconfigures_when_allowed(start_exam: Any, sites: Any, qtbot: Any, tmp_path: Any) -> None:
    exam, _other = sites
    run = start_exam({"startURL": exam.url("/exam"), "examSessionReconfigureAllow": True, "allowDownUploads": False})
    with qtbot.waitSignal(run.session.reconfigureRequested, timeout=10_000) as got:
        run.js("document.getElementById('dl').click(); 1")
    assert got.args == [exam.url("/files/new.seb"), CONFIG_BYTES]


def test_seb_file_download_refused(start_exam: Any, sites: Any, qtbot: Any, tmp_path: Any) -> None:
    exam, _other = sites
    folder = tmp_path / "dl"
    folder.mkdir()
    run = start_exam({"startURL": exam.url("/exam")}, download_dir=str(folder))
    with qtbot.waitSignal(run.session.reconfigureRefused, timeout=10_000):
        run.js("document.getElementById('dl').click(); 1")
    assert os.listdir(folder) == []  # not saved as an ordinary download either


def test_links_to_other_applications_are_refused(start_exam: Any, http_server: Any, qtbot: Any) -> None:
    http_server.route("/exam", """<body style="margin:0"><a id="mail" style="display:block;height:40px"
        href="mailto:teacher@example.org">mail</a></body>""")
    handled: list[str] = []
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    class Desktop(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            handled.append(url.toString())

    desktop = Desktop()
    QDesktopServices.setUrlHandler("mailto", desktop, "open")
    try:
        run = start_exam({"startURL": http_server.url("/exam")})
        run.click("mail")
        qtbot.waitUntil(run.window.taskbar.notice.isVisible)
        assert "other applications" in run.window.taskbar.notice.text()
        assert handled == []  # the desktop was never asked to open the mail program
    finally:
        QDesktopServices.unsetUrlHandler("mailto")


def test_crashed_page_is_reloaded_with_a_notice(start_exam: Any, sites: Any, qtbot: Any) -> None:
    exam, _other = sites
    run = start_exam({"startURL": exam.url("/exam")})
    pid = run.page.renderProcessPid()
    assert pid > 0
    with qtbot.waitSignal(run.page.loadFinished, timeout=15_000):
        os.kill(pid, signal.SIGKILL)
    notice = run.window.taskbar.notice
    assert notice.isVisible() and "stopped working" in notice.text()
    assert len(exam.requests_to("/exam")) == 2
    assert run.text().strip().startswith("exam")


def test_lost_connection_shows_retry(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    probe = make_server()
    port = probe.port
    probe.stop()  # nothing listens there now
    run = start_exam({"startURL": f"http://127.0.0.1:{port}/exam"})
    bar = run.window.taskbar
    qtbot.waitUntil(bar.retry_button.isVisible)
    assert "could not be loaded" in bar.notice.text()
    back = make_server(port=port)
    back.route("/exam", "<p id='p'>exam is back</p>")
    with qtbot.waitSignal(run.page.loadFinished, timeout=15_000):
        QTest.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    run.wait_js("!!document.getElementById('p')")
    assert not bar.notice.isVisible()
