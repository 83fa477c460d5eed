"""The one atomic write every writer uses: whole files only, exact modes, target named in errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from launcher.platform.files import write_atomically


@pytest.fixture
def strict_umask():
    old = os.umask(0o077)  # an administrator's shell as many hardening guides set it
    try:
        yield
    finally:
        os.umask(old)


def test_a_machine_wide_file_stays_readable_for_students_under_a_strict_umask(tmp_path: Path, strict_umask) -> None:
    target = tmp_path / "SebClientSettings.seb"
    write_atomically(target, b"settings", mode=0o644)
    assert target.read_bytes() == b"settings"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_replacing_keeps_only_the_new_content_and_leaves_no_part_file(tmp_path: Path) -> None:
    target = tmp_path / "out.seb"
    target.write_bytes(b"old content that is longer")
    write_atomically(target, b"new", mode=0o600)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.seb"]


def test_a_failed_write_names_the_target_and_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.seb"
    with pytest.raises(OSError) as caught:
        write_atomically(target, b"x")
    assert caught.value.filename == str(target)
    assert not target.parent.exists()


def test_machine_wide_settings_stored_under_a_strict_umask_are_readable_for_students(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict_umask
) -> None:
    from launcher.config.container import read_config
    from launcher.platform.client_settings import MachineSettingsReadOnly, store
    from launcher.platform.paths import MACHINE_DIR_ENV

    folder = tmp_path / "etc" / "seb-launcher"
    monkeypatch.setenv(MACHINE_DIR_ENV, str(folder))
    data = (
        b'<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>'
        b"<key>sebConfigPurpose</key><integer>1</integer>"
        b"<key>startURL</key><string>https://school.example.org/</string></dict></plist>"
    )
    if os.geteuid() != 0:  # only an administrator may store them; as in test_client_settings
        with pytest.raises(MachineSettingsReadOnly):
            store(read_config(data), data, machine=True)
        return
    path = store(read_config(data), data, machine=True)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
