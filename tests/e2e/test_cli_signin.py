"""``seb-launcher open seb://…/config.php?cmid=N`` as a real process against a Moodle-like
site without a session: the login page is shown in the launcher's browser, the student signs
in (the test page does it by itself: nobody can type into a headless child process), the site
sends the configuration, and the exam runs signed in to its quit URL: exit 0."""

from __future__ import annotations

from support.cli import run_cli, user_env
from support.moodle import make_moodle
from support.servers import http_server, make_server  # noqa: F401


def test_open_a_moodle_link_signs_in_then_runs_the_exam_to_its_quit_url(http_server, tmp_path):
    moodle = make_moodle(http_server, auto_login=True, auto_finish=True)
    proc = run_cli("open", moodle.seb_link(), env=user_env(tmp_path))

    assert proc.returncode == 0, proc.stderr
    logins = http_server.requests_to("/login/index.php")
    assert [r.method for r in logins] == ["GET", "GET", "POST"]  # download, browser, the sign-in
    assert "QtWebEngine" in logins[-1].header("User-Agent")
    configs = http_server.requests_to("/mod/quiz/accessrule/seb/config.php")
    assert configs[-1].cookies.get("MoodleSession")  # the configuration came with the session
    assert ("key_ok", "headers", moodle.quiz_url()) in moodle.events
    assert moodle.refusals == []
    assert http_server.requests_to("/quit") == []  # the quit URL ends the exam, never loads


def test_a_link_to_nothing_still_fails_with_one_clear_line(http_server, tmp_path):
    proc = run_cli("open", http_server.url("/no/config.php"), env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "HTTP 404" in proc.stderr and "Traceback" not in proc.stderr
