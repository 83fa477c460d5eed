"""Where the launcher looks for files: the directories an IT department and a student see."""

from __future__ import annotations

from pathlib import Path

from launcher.platform import paths


def test_machine_dirs_are_the_documented_places(monkeypatch):
    monkeypatch.delenv(paths.MACHINE_DIR_ENV, raising=False)
    monkeypatch.setenv("ProgramData", r"D:\ProgramData")
    assert str(paths.machine_config_dir("linux")) == "/etc/seb-launcher"
    assert str(paths.machine_config_dir("windows")) == r"D:\ProgramData\SEB Launcher"
    assert str(paths.machine_config_dir("macos")) == "/Library/Application Support/SEB Launcher"


def test_user_dirs_follow_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.user_config_dir() == tmp_path / "cfg" / "seb-launcher"
    assert paths.user_data_dir() == tmp_path / "data" / "seb-launcher"
    assert paths.user_log_dir().is_relative_to(tmp_path / "state" / "seb-launcher")


def test_machine_client_config_wins_over_the_users(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.MACHINE_DIR_ENV, str(tmp_path / "machine"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert paths.client_config_files() == [
        tmp_path / "machine" / "SebClientSettings.seb",
        tmp_path / "cfg" / "seb-launcher" / "SebClientSettings.seb",
    ]
    assert isinstance(paths.machine_config_dir(), Path)
