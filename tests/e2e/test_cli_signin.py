"""``seb-launcher open seb://…/config.php?cmid=N`` as a real process against a Moodle-like
site without a session: the login page is shown in the launcher's browser, the student signs
in (the test page does it by itself: nobody can type into a headless child process), the site
sends the configuration, and the exam runs signed in to its quit URL: exit 0."""

from __future__ import annotations

import os

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


def test_a_signed_in_exam_refused_by_a_lockdown_check_exits_4_and_closes_the_sign_in_browser(
        http_server, tmp_path):
    """Found against a live Moodle 4.3: the exam the site delivered after the sign-in is refused
    (this is a virtual machine and the quiz does not allow one); the launcher must end with the
    refusal's exit code 4 — not wait in the sign-in browser until Quit, then exit 3."""
    from launcher.lockdown.machine import Machine
    from launcher.lockdown.virtual import VirtualMachineDetector

    assert VirtualMachineDetector(Machine.local()).evidence(), "this test expects a virtual machine (CI, dev)"
    moodle = make_moodle(http_server, auto_login=True, settings={"allowVirtualMachine": False})
    proc = run_cli("open", moodle.seb_link(), env=user_env(tmp_path))

    assert proc.returncode == 4, proc.stderr
    assert "[allowVirtualMachine]" in proc.stderr and "Traceback" not in proc.stderr
    assert [r.method for r in http_server.requests_to("/login/index.php")] == ["GET", "GET", "POST"]
    assert http_server.requests_to("/mod/quiz/accessrule/seb/config.php")[-1].cookies.get("MoodleSession")
    assert not any(e[0] == "key_ok" for e in moodle.events)  # no exam request left


def test_after_the_sign_in_the_log_does_not_claim_remote_debugging(http_server, tmp_path):
    """The engine starts for the sign-in page with SEB's defaults (no remote debugging); an exam
    that allows the developer console cannot open the port afterwards, and the log says so."""
    import socket
    import subprocess
    import time
    import urllib.request

    from support.cli import launcher_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    moodle = make_moodle(http_server, auto_login=True, auto_finish=True, settings={"allowDeveloperConsole": True})
    env = {**os.environ, **user_env(tmp_path), "QTWEBENGINE_REMOTE_DEBUGGING": str(port)}
    env.pop("SEB_LAUNCHER_PASSWORD", None)
    proc = subprocess.Popen([*launcher_command(), "open", moodle.seb_link()], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    answered = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:  # ask the port while the exam runs
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=1)
            answered = True
        except OSError:
            pass
        time.sleep(0.2)
    _out, err = proc.communicate(timeout=30)
    err = err.decode()

    assert proc.returncode == 0, err
    assert ("key_ok", "headers", moodle.quiz_url()) in moodle.events  # the exam ran, signed in
    assert not answered
    assert "Remote debugging is on" not in err
    assert "Remote debugging stays off (QTWEBENGINE_REMOTE_DEBUGGING)" in err
