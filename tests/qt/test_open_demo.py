"""The demo exam works in one go: its server checks the keys the kiosk sends, and the quit
link on the submit page ends the exam after the confirmation."""

from __future__ import annotations

from open_helpers import make_opener  # noqa: F401

from launcher.exit_codes import EXIT_OK
from launcher.browser import jsapi
from launcher.opening.demo import DemoExam

jsapi.register_scheme()  # before pytest-qt creates the QApplication


def _js(qtbot, page, code: str):
    box: list[object] = []
    page.runJavaScript(code, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def _text(qtbot, page) -> str:
    return str(_js(qtbot, page, "document.body ? document.body.innerText : ''"))


def test_the_demo_exam_verifies_its_keys_and_quits_from_the_submit_page(qtbot, make_opener):
    demo = DemoExam().start()
    try:
        data = demo.config_bytes()
        assert b"http://127.0.0.1:8000" not in data and demo.base_url.encode() in data
        opener = make_opener()
        with qtbot.waitSignal(opener.sessionStarted, timeout=20_000) as started:
            opener.open_bytes(data, origin="demo exam")
        session = started.args[0]
        page = session.window.view.page()
        qtbot.waitUntil(lambda: "Welcome!" in _text(qtbot, page), timeout=20_000)
        assert "Your exam browser is verified." in _text(qtbot, page)
        assert "demo" in _js(qtbot, page, "document.querySelector('.password').innerText")

        page.runJavaScript("location.href = 'submit.html';")
        qtbot.waitUntil(lambda: "Your answers were submitted." in _text(qtbot, page), timeout=10_000)
        assert all(ok for _path, ok in demo.checks) and len(demo.checks) >= 2

        _js(qtbot, page, "document.getElementById('quit').click(); true")
        qtbot.waitUntil(lambda: session.active_dialog is not None, timeout=10_000)
        with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
            session.active_dialog.accept()
        assert done.args == [EXIT_OK]
    finally:
        demo.stop()
