"""``seb-launcher server check FILE`` as a real process against the strict SEB Server double."""

from __future__ import annotations

import json

from support.cli import run_cli, user_env
from support.seb_server import CLOSED, SebServerDouble, seb_server  # noqa: F401
from test_cli_open_server import connection_config, exam_config


def test_check_lists_the_running_exams_and_closes_the_connection(seb_server, tmp_path):
    seb_server.add_exam("42", "Algebra", "https://lms.example.org/quiz/7", exam_config())
    seb_server.add_exam("43", "Biology", "https://lms.example.org/quiz/8", exam_config())
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server))
    proc = run_cli("server", "check", path, env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "42  Algebra  https://lms.example.org/quiz/7" in proc.stdout
    assert "43  Biology" in proc.stdout
    assert seb_server.client_secret not in proc.stdout
    assert seb_server.connection().status == CLOSED


def test_check_names_the_failing_step(seb_server, tmp_path):
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server))
    seb_server.client_secret = "changed on the server"
    proc = run_cli("server", "check", path, "--json", env=user_env(tmp_path))
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["ok"] is False
    assert report["error"]["step"] == "access token"
    assert report["error"]["message"] == "The exam server refused the client credentials of this configuration."
    assert [s["step"] for s in report["steps"] if s["ok"]] == ["settings", "discovery"]


def test_check_says_when_no_exam_runs(seb_server, tmp_path):
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(seb_server))
    proc = run_cli("server", "check", path, env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "Failed at the exam list step: No exam is running for this institution on the exam server." in proc.stdout


def test_check_of_an_unreachable_server(tmp_path):
    server = SebServerDouble()
    server.stop()
    path = tmp_path / "conn.seb"
    path.write_bytes(connection_config(server))
    proc = run_cli("server", "check", path, env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "Failed at the discovery step: The exam server cannot be reached" in proc.stdout
    assert "Traceback" not in proc.stderr
