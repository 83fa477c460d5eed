"""The log file a student may send to support: it rotates, and no secret ever reaches it."""

from __future__ import annotations

import base64
import logging
import os
import secrets
import subprocess
import zipfile
from pathlib import Path

import pytest

from launcher.platform import logs
from tests.support import cli


@pytest.fixture
def log_home(tmp_path, monkeypatch) -> Path:
    """The per-user log directory lives in a temporary state home; handlers are removed after."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    level = root.level
    yield tmp_path / "state" / "seb-launcher" / "log"
    logs.shutdown_logging()
    root.setLevel(level)


def read_all(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file())


def test_the_log_file_is_in_the_per_user_log_directory(log_home):
    path = logs.setup_logging()
    assert path == log_home / "seb-launcher.log"
    logging.getLogger("launcher.opening.flow").info("Starting the exam")
    assert "launcher.opening.flow: Starting the exam" in path.read_text(encoding="utf-8")
    assert logs.log_file() == path


def test_secrets_put_into_log_calls_never_reach_the_file(log_home):
    path = logs.setup_logging()
    quit_password = "Inv1gilator-Pa55"
    admin_hash = secrets.token_hex(32)
    config_key = secrets.token_hex(32)
    request_hash = secrets.token_hex(32).upper()
    random_key = base64.b64encode(os.urandom(32)).decode()
    p12_blob = base64.b64encode(os.urandom(300)).decode()
    url_blob = base64.urlsafe_b64encode(os.urandom(60)).decode().rstrip("=")
    session_cookie = "MoodleSession=" + secrets.token_hex(8)
    log = logging.getLogger("launcher.test")

    log.info("user typed password=%s", quit_password)
    log.warning("Quit password: %s", quit_password)
    log.info("settings %r", {"hashedAdminPassword": admin_hash, "startURL": "https://exam.example.org/"})
    log.info("config key %s", config_key)
    log.debug("headers %r", {b"X-SafeExamBrowser-RequestHash": request_hash.encode(), b"Host": b"exam"})
    log.info("X-SafeExamBrowser-ConfigKeyHash: %s", config_key[:40])
    log.info("derived key %s and identity %s", random_key, p12_blob)
    log.info("fetching https://exam.example.org/config.seb?k=%s&sesskey=abc123", url_blob)
    log.info("request headers Cookie: %s", session_cookie)
    try:
        raise ValueError(f"could not decrypt with password={quit_password}")
    except ValueError:
        log.exception("Reading the configuration failed")

    text = read_all(log_home)
    for secret in (quit_password, admin_hash, config_key, config_key[:40], request_hash, random_key,
                   p12_blob[:60], url_blob, session_cookie, "abc123"):
        assert secret not in text, secret
    # ... while what support needs stays readable
    assert "Reading the configuration failed" in text
    assert "ValueError: could not decrypt with password=<redacted>" in text
    assert "https://exam.example.org/config.seb?k=<redacted>" in text
    assert "'startURL': 'https://exam.example.org/'" in text
    assert text.count("<redacted>") >= 10


def test_ordinary_paths_and_names_are_not_mistaken_for_secrets():
    line = ('File "/home/student/.local/lib/python3.11/site-packages/launcher/platform/'
            'single_instance.py", line 12, in test_a_crashed_launcher_does_not_block_the_next_start')
    assert logs.redact(line) == line
    assert logs.redact("Wrong password (2 tries left)") == "Wrong password (2 tries left)"


def test_the_log_rotates_at_one_mebibyte_keeping_five_files(log_home):
    logs.setup_logging()
    log = logging.getLogger("launcher.test")
    line = "exam page loaded " + "x" * 1000
    for _ in range(7 * 1024):  # about 7 MiB: more than six files' worth
        log.info(line)
    names = sorted(p.name for p in log_home.iterdir())
    assert names == ["seb-launcher.log"] + [f"seb-launcher.log.{n}" for n in range(1, 6)]
    for path in log_home.iterdir():
        assert path.stat().st_size <= 1024 * 1024


def test_setting_up_twice_adds_no_second_file_handler(log_home):
    logs.setup_logging()
    logs.setup_logging(verbose=True)
    names = [h.get_name() for h in logging.getLogger().handlers]
    assert names.count(logs.FILE_HANDLER_NAME) == 1
    assert names.count(logs.CONSOLE_HANDLER_NAME) == 1
    logging.getLogger("launcher.test").debug("verbose now")
    assert "verbose now" in (log_home / "seb-launcher.log").read_text(encoding="utf-8")


def test_warnings_reach_the_console_redacted(log_home, capsys):
    logs.setup_logging()
    logging.getLogger("launcher.test").info("only in the file")
    logging.getLogger("launcher.test").warning("admin password=%s refused", "Adm1nSecret")
    err = capsys.readouterr().err
    assert "admin password=<redacted> refused" in err
    assert "Adm1nSecret" not in err
    assert "only in the file" not in err


def run_cli(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    return cli.run_cli("logs", *args, env={"XDG_STATE_HOME": str(env_home)})


def test_logs_path_prints_where_the_logs_are(tmp_path):
    result = run_cli("--path", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "seb-launcher" / "log" / "seb-launcher.log")


def test_logs_export_zips_every_log_and_system_info_without_secrets(tmp_path):
    folder = tmp_path / "seb-launcher" / "log"
    folder.mkdir(parents=True)
    leaked = secrets.token_hex(32)
    (folder / "seb-launcher.log").write_text("2026-11-23 exam started\n", encoding="utf-8")
    # An old log written before redaction existed (or edited by hand) is cleaned on export too.
    (folder / "seb-launcher.log.1").write_text(f"old line password=hunter2 key={leaked}\n", encoding="utf-8")
    (folder / "seb-launcher.log.2").write_text("older line\n", encoding="utf-8")
    (folder / "unrelated.txt").write_text("not a log\n", encoding="utf-8")
    target = tmp_path / "support.zip"

    result = run_cli("--export", str(target), env_home=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "3 log files" in result.stdout
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "seb-launcher.log", "seb-launcher.log.1", "seb-launcher.log.2", "system-info.txt"]
        everything = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
        info = archive.read("system-info.txt").decode("utf-8")
    assert "exam started" in everything and "older line" in everything
    assert "hunter2" not in everything and leaked not in everything
    import PySide6

    import launcher

    assert f"SEB Launcher: {launcher.__version__}" in info
    assert f"PySide6: {PySide6.__version__}" in info
    assert "Qt: 6." in info and "OS: " in info


def test_logs_without_an_option_explains_its_usage(tmp_path):
    result = run_cli(env_home=tmp_path)
    assert result.returncode == 2
    assert "seb-launcher logs" in result.stderr


@pytest.mark.no_qt_log  # pytest-qt would capture Qt's messages itself
def test_qt_warnings_reach_the_log_file_redacted(log_home):
    from PySide6.QtCore import qWarning

    path = logs.setup_logging()
    qWarning("certificate error on https://exam.example.org/?token=abc123")
    text = path.read_text(encoding="utf-8")
    assert "qt: [default] certificate error on https://exam.example.org/?token=<redacted>" in text
    assert "abc123" not in text
