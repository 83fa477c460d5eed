"""Real configurations as people publish them, opened with the real ``seb-launcher open FILE``:
a value of the wrong type SEB for Windows ignores (``examKeySalt`` written as text, as in
karthi143ck/meshl's SebClientSettings.seb) runs the exam with a warning in the log; a start URL
SEB repairs (a leading space, no scheme) loads the repaired page, with a warning."""

from __future__ import annotations

from support.cli import run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist


def _exam(http_server, tmp_path, start: str, **extra):
    http_server.route("/exam/start", '<!doctype html><meta http-equiv="refresh" content="0; url=/exam/done"><p>exam')
    http_server.route("/exam/done", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "startURL": start, "quitURL": http_server.url("/exam/done"), "quitURLConfirm": False,
        "allowVirtualMachine": True, **extra,
    }))
    return path


def test_an_exam_key_salt_written_as_text_runs_as_in_seb(http_server, tmp_path):
    path = _exam(http_server, tmp_path, http_server.url("/exam/start"), examKeySalt="5PXUW4vD9KLnMX0cpRY8xg==",
                 sendBrowserExamKey=True)
    proc = run_cli("open", path, env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert http_server.requests_to("/exam/start")[0].header("X-SafeExamBrowser-ConfigKeyHash")
    assert "examKeySalt: wrong type ignored as SEB does" in proc.stderr


def test_a_start_url_with_a_space_and_no_scheme_loads_the_page_seb_loads(http_server, tmp_path):
    without_scheme = http_server.url("/exam/start").split("://", 1)[1]
    proc = run_cli("open", _exam(http_server, tmp_path, " " + without_scheme), env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert http_server.requests_to("/exam/start")  # loaded as http://…, then left at the quit URL
    assert "start URL repaired: http://" in proc.stderr
