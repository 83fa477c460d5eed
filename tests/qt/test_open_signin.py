"""Sign-in before the configuration: a ``seb://`` link to Moodle's ``config.php`` answered by
the login page opens that page in the launcher's browser; the student signs in, the site sends
the configuration, and the exam starts signed in (or, when the exam clears cookies at start,
asks to sign in again, as SEB for Windows does). Real open flow, real Moodle-like server."""

from __future__ import annotations

from typing import Any

import pytest
from open_helpers import make_opener  # noqa: F401
from PySide6.QtWidgets import QMessageBox
from support.moodle import make_moodle

from launcher import SEB_COMPAT_VERSION
from launcher.exit_codes import EXIT_CANCELLED, EXIT_OK
from launcher.opening.signin import SignInSession


def _js(qtbot: Any, page: Any, code: str) -> Any:
    box: list[Any] = []
    page.runJavaScript(code, 0, lambda r: box.append(r))
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def _wait_js(qtbot: Any, page: Any, code: str, timeout: int = 20_000) -> None:
    from pytestqt.exceptions import TimeoutError as QtTimeout

    def check() -> bool:
        try:
            return bool(_js(qtbot, page, code))
        except QtTimeout:
            return False

    qtbot.waitUntil(check, timeout=timeout)


def _sign_in_page(qtbot: Any, opener: Any, moodle: Any) -> Any:
    opener.open(moodle.seb_link())
    qtbot.waitUntil(lambda: isinstance(opener.session, SignInSession) and opener.session.page is not None,
                    timeout=20_000)
    page = opener.session.page
    _wait_js(qtbot, page, "!!document.getElementById('login')")
    return opener.session


def _log_in(qtbot: Any, page: Any, moodle: Any) -> None:
    _js(qtbot, page, f"document.getElementById('username').value = '{moodle.username}';"
                     f"document.getElementById('password').value = '{moodle.password}';"
                     "document.getElementById('login').submit(); 1")


def _exam_session(qtbot: Any, opener: Any) -> Any:
    qtbot.waitUntil(lambda: opener.session is not None and not isinstance(opener.session, SignInSession)
                    and opener.session.page is not None, timeout=20_000)
    return opener.session


def test_sign_in_then_the_exam_runs_signed_in_to_its_quit_url(qtbot: Any, make_opener: Any, http_server: Any) -> None:
    moodle = make_moodle(http_server)
    opener = make_opener()
    signin = _sign_in_page(qtbot, opener, moodle)
    assert signin.window.isVisible() and signin.window.taskbar.quit_button is not None
    assert signin.windows.url_filter is None and signin.options.send_keys is False  # SEB's defaults
    # The sign-in browser sends no exam's headers.
    assert all(r.header("X-SafeExamBrowser-ConfigKeyHash") is None for r in http_server.requests_to("/login/index.php"))
    _log_in(qtbot, signin.page, moodle)
    exam = _exam_session(qtbot, opener)
    _wait_js(qtbot, exam.page, "!!document.getElementById('quiz')")
    assert ("key_ok", "headers", moodle.quiz_url()) in moodle.events
    assert moodle.refusals == []
    with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
        _js(qtbot, exam.page, "document.getElementById('exit').click(); 1")
    assert done.args == [EXIT_OK]


def test_an_exam_that_clears_cookies_at_start_asks_to_sign_in_again(qtbot: Any, make_opener: Any, http_server: Any) -> None:
    moodle = make_moodle(http_server, settings={"examSessionClearCookiesOnStart": True})
    opener = make_opener()
    signin = _sign_in_page(qtbot, opener, moodle)
    _log_in(qtbot, signin.page, moodle)
    exam = _exam_session(qtbot, opener)
    _wait_js(qtbot, exam.page, "!!document.getElementById('login')")  # SEB for Windows does the same
    _log_in(qtbot, exam.page, moodle)
    _wait_js(qtbot, exam.page, "!!document.getElementById('quiz')")
    assert moodle.refusals == []


def test_leaving_the_sign_in_page_with_the_quit_button_cancels(qtbot: Any, make_opener: Any, http_server: Any) -> None:
    moodle = make_moodle(http_server)
    opener = make_opener()
    signin = _sign_in_page(qtbot, opener, moodle)
    signin.window.taskbar.quit_button.click()
    box = signin.active_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert done.args == [EXIT_CANCELLED]
    assert opener.session is None


def test_a_plain_web_page_link_is_shown_for_sign_in(qtbot: Any, make_opener: Any, http_server: Any) -> None:
    http_server.route("/config.seb", "<!DOCTYPE html><html><body><p id='signin'>Sign in</p></body></html>")
    opener = make_opener()
    opener.open(http_server.url("/config.seb"))
    qtbot.waitUntil(lambda: isinstance(opener.session, SignInSession) and opener.session.page is not None,
                    timeout=20_000)
    _wait_js(qtbot, opener.session.page, "!!document.getElementById('signin')")
    assert opener.exit_code is None
    first, again = http_server.requests_to("/config.seb")[:2]
    assert first.header("User-Agent") == f"SEB/{SEB_COMPAT_VERSION}"  # the download
    assert "QtWebEngine" in again.header("User-Agent")  # the page, in the launcher's browser
