"""The real kiosk against a Moodle-like server (``tests/support/moodle.py``): a student signs
in inside the exam, Moodle answers the login with 303 to the quiz, and the quiz page accepts
the SEB headers because they are hashed over that page's full URL (FULLME)."""

from __future__ import annotations

from typing import Any

import pytest
from support.moodle import INVALID_CONFIG_KEY, SEB_REQUIRED, make_moodle, moodle_config

from launcher.config.keys import ExamKeys


@pytest.fixture
def moodle(http_server: Any) -> Any:
    return make_moodle(http_server)


def _start(start_exam: Any, moodle: Any, keys: ExamKeys | None = None) -> Any:
    settings = moodle_config(moodle.wwwroot, moodle.cmid)
    return start_exam(settings, keys=keys or ExamKeys.for_settings(settings))


def _log_in(run: Any, moodle: Any) -> None:
    run.wait_js("!!document.getElementById('login')", timeout=15_000)
    run.js(f"document.getElementById('username').value = '{moodle.username}';"
           f"document.getElementById('password').value = '{moodle.password}';"
           "document.getElementById('login').submit(); 1")


def test_login_inside_the_exam_then_303_to_the_quiz_is_accepted_by_the_headers(start_exam: Any, moodle: Any) -> None:
    run = _start(start_exam, moodle)
    _log_in(run, moodle)  # the quiz URL sent us to the login page (303), re-issued with its own hashes
    run.wait_js("!!document.getElementById('quiz')", timeout=15_000)
    assert moodle.refusals == []
    assert ("key_ok", "headers", moodle.quiz_url()) in moodle.events
    assert moodle.key_checks and all(ok for _url, ok in moodle.key_checks)
    quiz = [r for r in moodle.server.requests_to("/mod/quiz/view.php") if "MoodleSession" in r.cookies]
    assert quiz and quiz[-1].url == moodle.quiz_url()


def test_a_wrong_config_key_is_refused_with_moodles_page_and_its_check(start_exam: Any, moodle: Any) -> None:
    run = _start(start_exam, moodle, keys=ExamKeys("0" * 64, "1" * 64))
    _log_in(run, moodle)
    run.wait_js("document.getElementById('seb-check') && "
                "document.getElementById('seb-check').textContent.indexOf('could not be validated') >= 0",
                timeout=15_000)
    assert SEB_REQUIRED in run.text()
    assert [reason for kind, reason, _u in moodle.events if kind == "access_prevented"][0] == INVALID_CONFIG_KEY
    assert not any(ok for _url, ok in moodle.key_checks)


def test_the_quit_link_after_the_quiz_ends_the_exam(start_exam: Any, moodle: Any, qtbot: Any) -> None:
    run = _start(start_exam, moodle)
    _log_in(run, moodle)
    run.wait_js("!!document.getElementById('quiz')", timeout=15_000)
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.js("document.getElementById('exit').click(); 1")


@pytest.mark.parametrize("code", [301, 302, 307, 308])
def test_a_course_link_redirecting_to_the_quiz_is_accepted(start_exam: Any, moodle: Any, code: int) -> None:
    from PySide6.QtCore import QUrl
    from support.servers import Response

    server = moodle.server
    server.route("/course/jump.php", Response(status=code, headers=[("Location", moodle.quiz_url())]))
    run = _start(start_exam, moodle)
    _log_in(run, moodle)
    run.wait_js("!!document.getElementById('quiz')", timeout=15_000)
    moodle.events.clear()
    moodle.key_checks.clear()
    run.page.load(QUrl(server.url("/course/jump.php?id=3")))
    run.qtbot.waitUntil(lambda: bool(moodle.key_checks), timeout=15_000)
    run.wait_js("!!document.getElementById('quiz')", timeout=15_000)
    assert moodle.key_checks == [(moodle.quiz_url(), True)]
    (jump,) = server.requests_to("/course/jump.php")
    assert jump.header("X-SafeExamBrowser-ConfigKeyHash") == ExamKeys.for_settings(
        moodle_config(moodle.wwwroot, moodle.cmid)).config_key_hash(jump.url)
    assert moodle.refusals == []


def test_without_headers_moodles_javascript_check_lets_the_student_in(start_exam: Any, moodle: Any) -> None:
    settings = moodle_config(moodle.wwwroot, moodle.cmid)
    keys = ExamKeys.for_settings(settings)
    settings["sendBrowserExamKey"] = False  # the keys of the served config, no headers
    run = start_exam(settings, keys=keys)
    _log_in(run, moodle)
    run.wait_js("!!document.getElementById('quiz')", timeout=20_000)
    assert moodle.refusals == [moodle.quiz_url()]  # refused by headers first ...
    assert ("key_ok", "session", moodle.quiz_url()) in moodle.events  # ... then let in by the JS API


def test_a_link_whose_hash_is_ambiguous_is_let_in_by_moodles_javascript_check(start_exam: Any, moodle: Any) -> None:
    # a course page links to the quiz with escapes the headers cannot hash as sent (QUrl
    # re-encodes them: launcher.config.wire_url); the JS API hashes location.href as sent
    link = f"/mod/quiz/view.php?id={moodle.cmid}&return=%2fcourse%2fview.php&n=%41"
    run = _start(start_exam, moodle)
    _log_in(run, moodle)
    # loaded: a navigation during the load would be a client redirect, which the kiosk re-issues
    run.wait_js("!!document.getElementById('quiz') && document.readyState === 'complete'", timeout=15_000)
    moodle.events.clear()
    run.js(f"location.href = '{link}'; 1")
    run.qtbot.waitUntil(lambda: bool(moodle.refusals), timeout=15_000)
    assert moodle.refusals == [moodle.wwwroot + link]  # the headers hashed '%2F…&n=A' ...
    run.wait_js("location.search.indexOf('return=') >= 0 && !!document.getElementById('quiz')", timeout=20_000)
    # ... Moodle's JavaScript check took the JS API's keys for the URL as sent, and the page
    # reloaded into the quiz
    assert moodle.server.requests_to("/lib/ajax/service.php")
    assert not any("web service" in reason for _kind, reason, _u in moodle.events)
