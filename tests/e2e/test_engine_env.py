"""The real ``seb-launcher open FILE`` does not let its environment open the exam page to other
programs: a remote-debugging port from ``QTWEBENGINE_CHROMIUM_FLAGS`` or
``QTWEBENGINE_REMOTE_DEBUGGING`` is not open while the exam runs, a proxy flag is dropped and
logged; with ``allowDeveloperConsole`` the remote-debugging variable is honoured, with a warning."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import urllib.request

from support.cli import launcher_command, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist

PAGE = """<!doctype html><title>exam</title><p>exam</p><script>
setInterval(() => fetch('/go').then(r => r.text()).then(t => { if (t === 'quit') location.href = '/bye'; }), 200);
</script>"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _debugger_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=5) as resp:
            return b"Browser" in resp.read()
    except OSError:
        return False


def _run_exam(http_server, tmp_path, env_extra, **settings):
    """Start the exam, call back while it runs, then let it go to its quit URL."""
    release = threading.Event()
    http_server.route("/exam", PAGE)
    http_server.route("/go", lambda _req: "quit" if release.is_set() else "wait", content_type="text/plain")
    http_server.route("/bye", "bye")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "allowVirtualMachine": True, "startURL": http_server.url("/exam"),
        "quitURL": http_server.url("/bye"), "quitURLConfirm": False, **settings,
    }))
    env = {**os.environ, **user_env(tmp_path), **env_extra}
    proc = subprocess.Popen([*launcher_command(), "open", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    return proc, release


def test_remote_debugging_and_proxy_flags_from_the_environment_are_not_in_effect(http_server, tmp_path):
    flag_port, var_port = _free_port(), _free_port()
    base = user_env(tmp_path)["QTWEBENGINE_CHROMIUM_FLAGS"]
    proc, release = _run_exam(http_server, tmp_path, {
        "QTWEBENGINE_CHROMIUM_FLAGS": f"{base} --remote-debugging-port={flag_port} "
                                      "--proxy-server=127.0.0.1:9 --ignore-certificate-errors".strip(),
        "QTWEBENGINE_REMOTE_DEBUGGING": str(var_port),
    })
    try:
        assert http_server.wait_for("/go", timeout=60), "the exam page did not run"
        assert not _debugger_answers(flag_port)
        assert not _debugger_answers(var_port)
    finally:
        release.set()
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    err = err.decode()
    assert "QTWEBENGINE_CHROMIUM_FLAGS --remote-debugging-port" in err
    assert "QTWEBENGINE_CHROMIUM_FLAGS --proxy-server" in err
    assert "QTWEBENGINE_CHROMIUM_FLAGS --ignore-certificate-errors" in err
    assert "Ignored QTWEBENGINE_REMOTE_DEBUGGING: this exam does not allow the developer console" in err


def test_an_exam_that_allows_the_developer_console_gets_remote_debugging_with_a_warning(http_server, tmp_path):
    port = _free_port()
    proc, release = _run_exam(http_server, tmp_path, {"QTWEBENGINE_REMOTE_DEBUGGING": str(port)},
                              allowDeveloperConsole=True)
    try:
        assert http_server.wait_for("/go", timeout=60), "the exam page did not run"
        assert _debugger_answers(port)
    finally:
        release.set()
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Remote debugging is on" in err.decode()
