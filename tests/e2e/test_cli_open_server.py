"""A SEB Server exam end to end: ``seb-launcher open conn.seb`` as a real headless process
against the strict SEB Server double — discovery, token, handshake, exam configuration,
establish, pings, log events, a lock-screen instruction reported as a notification, and
``SEB_QUIT`` ending the launcher with exit code 0 and the connection closed."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path
from urllib.parse import parse_qs

from support.cli import launcher_command, user_env
from support.seb_server import CLOSED, SebServerDouble, seb_server  # noqa: F401
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist
from launcher.config.keys import ExamKeys

SERVER_BEK = "5e" * 32


def connection_config(server: SebServerDouble, **extra: object) -> bytes:
    conf = {
        "institution": server.institution,
        "clientName": server.client_name,
        "clientSecret": server.client_secret,
        "apiDiscovery": "/exam-api/discovery",
        "pingInterval": 300,
    }
    conf.update(extra.pop("conf", {}))  # type: ignore[arg-type]
    settings = {
        "sebConfigPurpose": 0,
        "sebMode": 1,
        "sebServerURL": server.url,
        "sebServerConfiguration": conf,
        "sebServerFallbackAttempts": 2,
        "sebServerFallbackAttemptInterval": 100,
        "sebServerFallbackTimeout": 10000,
        "startURL": "http://127.0.0.1:9/fallback",
        "allowVirtualMachine": True,
        **extra,
    }
    return plist.dumps(settings)


def exam_config(**extra: object) -> bytes:
    return plist.dumps({
        "startURL": "http://127.0.0.1:9/not-used",  # the exam's URL from the server wins
        "allowVirtualMachine": True,
        "sendBrowserExamKey": True,
        "examKeySalt": b"server exam salt for the e2e test",
        "quitURLConfirm": False,
        **extra,
    })


def start(path: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(user_env(tmp_path))
    return subprocess.Popen([*launcher_command(), "open", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def form(req) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(req.body.decode()).items()}


def test_a_server_exam_runs_end_to_end_and_ends_on_seb_quit(seb_server, http_server, tmp_path):
    http_server.route("/mod/quiz/view.php", "<!doctype html><title>Quiz</title><p>Algebra quiz</p>")
    exam_url = http_server.url("/mod/quiz/view.php?id=7")
    seb_server.add_exam("42", "Algebra", exam_url, exam_config(), bek=SERVER_BEK)
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server, conf={"exam": "42"}))
    proc = start(path, tmp_path)
    try:
        # the exam page opens with the server's Browser Exam Key
        assert seb_server.wait(lambda: http_server.requests_to("/mod/quiz/view.php"), 60)
        first = http_server.requests_to("/mod/quiz/view.php")[0]
        assert first.url == exam_url
        assert first.header("X-SafeExamBrowser-RequestHash") == hashlib.sha256(
            (exam_url + SERVER_BEK).encode()).hexdigest()
        # the Config Key is the downloaded exam configuration's own
        config_key = ExamKeys.for_settings(plist.loads(exam_config())).config_key
        assert first.header("X-SafeExamBrowser-ConfigKeyHash") == hashlib.sha256(
            (exam_url + config_key).encode()).hexdigest()
        conn = seb_server.connection()
        assert conn.exam == "42" and conn.status == 2  # READY: established
        # pings 1, 2, 3 … and the launcher's log as events
        assert seb_server.wait(lambda: len(seb_server.pings) >= 3, 30)
        assert [p.number for p in seb_server.pings[:3]] == [1, 2, 3]
        assert seb_server.wait(lambda: any(e["type"] == "INFO_LOG" for e in seb_server.events), 30)
        # a lock-screen instruction: reported as a <lockscreen> notification, confirmed on the next ping
        cid = seb_server.queue("SEB_FORCE_LOCK_SCREEN", {"message": "Please wait"}, confirm=True)
        assert seb_server.wait(lambda: any(e.get("text") == "<lockscreen> Please wait"
                                           for e in seb_server.notifications()), 30)
        note = next(e for e in seb_server.notifications() if e["type"] == "NOTIFICATION")
        assert note["numericValue"] == 1
        assert seb_server.wait(lambda: any(p.confirm == cid for p in seb_server.pings), 30)
        # SEB_QUIT on a later ping ends the launcher: exit 0, connection closed
        seb_server.queue("SEB_QUIT")
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err.decode(errors="replace")
    assert seb_server.connection().status == CLOSED
    delete = [r for r in seb_server.requests_to("/exam-api/v1/handshake") if r.method == "DELETE"]
    assert len(delete) == 1 and form(delete[0]) == {"delete": "true"}
    # order of the conversation as the spec's table says
    methods = [(r.method, r.path) for r in seb_server.requests if "/sebping" not in r.path and "/seblog" not in r.path]
    assert methods[:6] == [
        ("GET", "/exam-api/discovery"), ("POST", "/oauth/token"), ("POST", "/exam-api/v1/handshake"),
        ("GET", "/exam-api/v1/examconfig"), ("PATCH", "/exam-api/v1/handshake"), ("PUT", "/exam-api/v1/handshake"),
    ]
    # no secret reached the server's log events
    texts = " ".join(str(e.get("text", "")) for e in seb_server.events)
    assert seb_server.client_secret not in texts and conn.token not in texts


def run_headless(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    proc = start(path, tmp_path)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


def test_without_a_screen_an_exam_choice_is_a_clear_error(seb_server, tmp_path):
    seb_server.add_exam("42", "Algebra", "http://127.0.0.1:9/", exam_config())
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server))  # no exam set: someone has to choose
    proc = run_headless(path, tmp_path)
    assert proc.returncode == 1
    assert "This configuration names no exam and there is no screen to choose one." in proc.stderr
    assert "Traceback" not in proc.stderr
    assert seb_server.connection().status == CLOSED  # the connection it opened is closed


def test_a_server_that_is_down_ends_headless_with_exit_1(tmp_path):
    server = SebServerDouble()
    server.stop()
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(server, conf={"exam": "42"}))
    proc = run_headless(path, tmp_path)
    assert proc.returncode == 1
    assert "The exam server cannot be reached" in proc.stderr
    assert "Traceback" not in proc.stderr
