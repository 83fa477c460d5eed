"""``seb-launcher open FILE`` as a real process, headless: it runs the exam, sends SEB's
headers like Moodle checks them, and exits 0 by itself when the page goes to the quit URL."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from support.cli import run_cli, user_env
from support.servers import http_server, make_server  # noqa: F401

from launcher.config import plist
from launcher.config.keys import ExamKeys, app_signature


def _moodle_check(url: str, header: str | None, key: str) -> bool:
    """What Moodle's quiz access rule does: sha256(full page URL + key) == header."""
    return header == hashlib.sha256((url + key).encode("utf-8")).hexdigest()


def test_open_runs_the_exam_and_exits_0_at_the_quit_url(http_server, tmp_path):
    http_server.route(
        "/exam/start.php",
        '<!doctype html><meta http-equiv="refresh" content="0; url=/exam/finished.php?attempt=1"><p>exam</p>',
    )
    http_server.route("/exam/finished.php", "bye")
    start = http_server.url("/exam/start.php?cmid=7")
    settings = {
        "allowVirtualMachine": True, "startURL": start,
        "quitURL": http_server.url("/exam/finished.php?attempt=1"),
        "quitURLConfirm": False,
        "sendBrowserExamKey": True,
        "examKeySalt": b"e2e salt for the open command....",
    }
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps(settings))
    proc = run_cli("open", path, env=user_env(tmp_path))

    # The Browser Exam Key covers the launcher's code: hash the files as the child saw them
    # (not a value cached earlier in this process).
    keys = ExamKeys.for_settings(plist.loads(path.read_bytes()), signature=app_signature.__wrapped__())

    assert proc.returncode == 0, proc.stderr
    first = http_server.requests_to("/exam/start.php")[0]
    assert first.url == start
    assert _moodle_check(first.url, first.header("X-SafeExamBrowser-ConfigKeyHash"), keys.config_key)
    assert _moodle_check(first.url, first.header("X-SafeExamBrowser-RequestHash"), keys.browser_exam_key)
    assert "SEB/" in first.header("User-Agent")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        assert "--no-sandbox" in proc.stderr
    # read, keyed and checked while Qt loaded (launcher.opening.head_start): the keys above are its
    log_text = (tmp_path / "home/.local/state/seb-launcher/log/seb-launcher.log").read_text()
    assert "The start checks ran while the browser engine loaded (on 'offscreen')" in log_text
    assert "checked in a process of its own while Qt loaded" in log_text  # beside Qt, on Linux


def test_a_missing_file_exits_non_zero_with_one_readable_line(tmp_path):
    proc = run_cli("open", tmp_path / "nowhere.seb", env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "The configuration file does not exist." in proc.stderr
    assert "Traceback" not in proc.stderr


def test_open_without_anything_to_open_explains_what_to_do(tmp_path):
    proc = run_cli("open", env=user_env(tmp_path))
    assert proc.returncode == 2
    assert "seb-launcher open exam.seb" in proc.stderr
    assert "seb-launcher demo" in proc.stderr


def test_open_without_an_argument_starts_the_client_settings_start_url(http_server, tmp_path):
    http_server.route("/home", '<!doctype html><meta http-equiv="refresh" content="0; url=/bye">')
    env = user_env(tmp_path)
    client = Path(env["XDG_CONFIG_HOME"]) / "seb-launcher" / "SebClientSettings.seb"
    client.parent.mkdir(parents=True)
    client.write_bytes(plist.dumps({
        "sebConfigPurpose": 1, "allowVirtualMachine": True, "startURL": http_server.url("/home"),
        "quitURL": http_server.url("/bye"), "quitURLConfirm": False,
    }))
    proc = run_cli(env=env)  # `seb-launcher` alone, as a desktop icon runs it
    assert proc.returncode == 0, proc.stderr
    assert http_server.requests_to("/home")


def test_a_second_launch_hands_its_file_to_the_running_exam(http_server, tmp_path):
    import subprocess
    import time

    from support.cli import launcher_command

    http_server.route("/a", "<!doctype html><title>first exam</title><p>waiting</p>")
    http_server.route("/b", '<!doctype html><meta http-equiv="refresh" content="0; url=/b-quit">')
    first = tmp_path / "first.seb"
    first.write_bytes(plist.dumps({"allowVirtualMachine": True, "startURL": http_server.url("/a"), "examSessionReconfigureAllow": True}))
    second = tmp_path / "second.seb"
    second.write_bytes(plist.dumps({
        "allowVirtualMachine": True, "startURL": http_server.url("/b"), "quitURL": http_server.url("/b-quit"), "quitURLConfirm": False,
    }))
    env = dict(os.environ, **user_env(tmp_path))
    running = subprocess.Popen([*launcher_command(), "open", str(first)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        http_server.wait_for("/a", timeout=60)
        socket = tmp_path / f"seb-launcher-{os.getuid()}"
        for _ in range(600):  # the running launcher listens once its first page has loaded
            if socket.exists() or running.poll() is not None:
                break
            time.sleep(0.05)
        assert socket.exists(), "the running launcher never listened for later launches"

        handed = run_cli("open", second, env=_env_again(env))
        assert handed.returncode == 0, handed.stderr
        assert running.wait(timeout=60) == 0
    finally:
        if running.poll() is None:
            running.kill()
            running.wait()
    assert http_server.requests_to("/b"), "the running launcher did not open the handed-over exam"


def _env_again(env: dict[str, str]) -> dict[str, str]:
    """The same home and temp dir as the running launcher, so both find the same socket."""
    keys = ("QT_QPA_PLATFORM", "HOME", "TMPDIR", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "XDG_CACHE_HOME", "SEB_LAUNCHER_MACHINE_DIR", "QTWEBENGINE_CHROMIUM_FLAGS")
    return {k: env[k] for k in keys}


def test_demo_check_walks_through_the_demo_and_exits_0(tmp_path):
    proc = run_cli("demo", "--check", env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Demo check: 3 pages, keys accepted" in proc.stdout
    wrong = run_cli("demo", "--checks", env=user_env(tmp_path))
    assert wrong.returncode == 2 and "usage: seb-launcher demo [--check]" in wrong.stderr


def test_without_any_screen_the_student_reads_a_sentence_not_qts_abort(tmp_path):
    """Started where no display exists (a text console, ssh): one sentence, exit 1 — not Qt's
    platform-plugin abort (exit 134)."""
    env = user_env(tmp_path)
    env.update({"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": "", "WAYLAND_SOCKET": "",
                "XDG_SESSION_TYPE": "tty"})
    proc = run_cli("demo", env=env)
    assert proc.returncode == 1, proc.stderr
    assert "There is no screen to show the exam on" in proc.stderr
    assert "Traceback" not in proc.stderr and "platform plugin" not in proc.stderr
