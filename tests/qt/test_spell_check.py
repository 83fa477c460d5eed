"""Spell checking in the exam's languages (``allowSpellCheck``, ``allowSpellCheckDictionary``):
the system's Hunspell dictionaries converted by the real ``seb-launcher dictionaries install``
(Qt's converter) into a user's own data directory, then a real exam page where a misspelt
German word is marked only when the exam allows spell checking; and the tool's clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.cli import run_cli, user_env

PEER = Path(__file__).with_name("spell_check_peer.py")
PAGE = ('<!doctype html><html lang="de"><title>Aufsatz</title><body style="margin:0">'
        '<textarea id="answer" spellcheck="true" style="position:absolute;left:0;top:0;width:600px;'
        'height:120px;margin:0;padding:4px;font-size:30px;border:0"></textarea></body></html>')


@pytest.fixture
def student(tmp_path: Path) -> dict[str, str]:
    """A user of their own, with the German dictionary installed the way README says."""
    env = user_env(tmp_path)
    done = run_cli("dictionaries", "install", "de-DE", env=env)
    assert done.returncode == 0, done.stderr
    return env


def _exam(http_server: Any, env: dict[str, str], raw: dict[str, Any], word: str) -> tuple[dict[str, Any], str]:
    http_server.route("/essay", PAGE)
    raw = {"startURL": http_server.url("/essay"), **raw}
    proc = subprocess.run([sys.executable, str(PEER), json.dumps(raw), word], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


def test_install_converts_the_system_dictionary_into_the_users_data_dir(tmp_path: Path) -> None:
    env = user_env(tmp_path)
    done = run_cli("dictionaries", "install", "de-DE", "fr-FR", "en-US", env=env)
    assert done.returncode == 0, done.stderr
    folder = Path(env["XDG_DATA_HOME"]) / "seb-launcher" / "dictionaries"
    for lang in ("de-DE", "fr-FR", "en-US"):
        bdic = folder / f"{lang}.bdic"
        assert bdic.read_bytes()[:4] == b"BDic", lang  # Chromium's dictionary format
        assert bdic.stat().st_size > 100_000
        assert f"installed: {lang}" in done.stdout
    assert not list(folder.glob(".*"))  # no half-written files left
    listed = run_cli("dictionaries", "list", env=env)
    assert listed.returncode == 0
    assert f"de-DE  {folder / 'de-DE.bdic'}" in listed.stdout
    assert "fr-FR" in listed.stdout and "en-US" in listed.stdout


def test_a_misspelt_german_word_is_marked_when_the_exam_allows_spell_checking(http_server: Any, student: dict[str, str]) -> None:
    result, err = _exam(http_server, student, {"allowSpellCheck": True,
                                               "allowSpellCheckDictionary": ["de-DE", "sv-SE"]}, "Baumm")
    assert result["enabled"] is True
    assert result["languages"] == ["de-DE"]  # the Swedish one is not on this computer
    assert result["misspelt"] == "Baumm"
    assert "no dictionary for sv-SE" in err  # in the log, not in front of the student
    assert result["dictionaries"] == str(Path(student["XDG_DATA_HOME"]) / "seb-launcher" / "dictionaries")


def test_no_spell_checking_without_allow_spell_check(http_server: Any, student: dict[str, str]) -> None:
    result, _err = _exam(http_server, student, {"allowSpellCheckDictionary": ["de-DE"]}, "Baumm")
    assert result["reached"] is True  # the right-click did reach the text field
    assert result["enabled"] is False
    assert result["misspelt"] == ""
    assert result["dictionaries"] == ""  # the engine was not even pointed at the dictionaries


def test_install_without_the_converter_names_the_package_to_install(tmp_path: Path) -> None:
    env = {**user_env(tmp_path), "SEB_LAUNCHER_DICT_CONVERTER": str(tmp_path / "nowhere")}
    done = run_cli("dictionaries", "install", "de-DE", env=env)
    assert done.returncode == 1
    assert "qwebengine_convert_dict was not found" in done.stderr
    assert "qt6-webengine-dev-tools" in done.stderr
    assert "Traceback" not in done.stderr


def test_install_of_a_language_without_hunspell_dictionary_names_its_package(tmp_path: Path) -> None:
    env = user_env(tmp_path)
    done = run_cli("dictionaries", "install", "es-ES", "de-DE", env=env)
    assert done.returncode == 1
    assert "No Hunspell dictionary for es-ES" in done.stderr
    assert "hunspell-es" in done.stderr
    assert "installed: de-DE" in done.stdout  # the others are still installed
    assert "Traceback" not in done.stderr


def test_install_for_all_users_goes_to_the_machine_wide_directory(tmp_path: Path) -> None:
    env = user_env(tmp_path)  # SEB_LAUNCHER_MACHINE_DIR stands for /etc/seb-launcher
    done = run_cli("dictionaries", "install", "--system", "fr-FR", env=env)
    assert done.returncode == 0, done.stderr
    machine = Path(env["SEB_LAUNCHER_MACHINE_DIR"]) / "dictionaries" / "fr-FR.bdic"
    assert machine.read_bytes()[:4] == b"BDic"
    assert oct(machine.stat().st_mode & 0o777) == "0o644"  # every user's launcher reads it
    assert f"fr-FR  {machine}" in run_cli("dictionaries", "list", env=env).stdout
    assert run_cli("dictionaries", "remove", env=env).returncode == 2  # unknown command: usage
