"""This computer's client configuration: which file counts, what it provides, who may replace it.

Real files in real (temporary) machine-wide and per-user directories, real encrypted ``.seb``
files from the container writer, the real file-backed keyring, and a real unprivileged user
(``setpriv``) for the "students cannot write machine-wide settings" rule."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from launcher.config.container import read_config, write_config
from launcher.config.errors import DamagedFile, PasswordRequired, WrongPassword
from launcher.config.passwords import hash_password
from launcher.platform import client_settings
from launcher.platform.client_settings import (
    AdminPasswordRequired,
    ClientSettings,
    MachineSettingsReadOnly,
    NotClientConfiguration,
    WrongAdminPassword,
    check_admin_password,
    requires_admin_password,
    store,
)

ADMIN = "Adm1n-of-the-lab"


@pytest.fixture
def dirs(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """(machine-wide dir, per-user config dir), both empty and private to the test."""
    machine = tmp_path / "machine"
    monkeypatch.setenv("SEB_LAUNCHER_MACHINE_DIR", str(machine))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return machine, tmp_path / "config" / "seb-launcher"


def client_file(start_url: str = "https://exam.example.org/lab", *, admin: str | None = None,
                key: str | None = None, **extra) -> bytes:
    """A client configuration as SEB writes it: pwcc-encrypted with the admin password's hash
    (``key``), or with an empty key (SEB's unprotected client file) when ``key`` is None."""
    settings = {"sebConfigPurpose": 1, "startURL": start_url, **extra}
    if admin is not None:
        settings["hashedAdminPassword"] = hash_password(admin)
    return write_config(settings, password=key if key is not None else "", for_client=True,
                        password_is_hash=key is None)


def put(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_without_client_settings_there_is_no_start_url(dirs):
    settings = ClientSettings.load()
    assert not settings.exists
    assert settings.start_url == ""
    assert client_settings.start_url() == ""


def test_the_per_user_client_settings_give_the_start_url(dirs):
    _, user = dirs
    put(user / "SebClientSettings.seb", client_file("https://moodle.example.org/"))
    settings = ClientSettings.load()
    assert settings.path == user / "SebClientSettings.seb" and not settings.machine
    assert settings.loaded.for_client and settings.loaded.settings["startURL"] == "https://moodle.example.org/"
    assert client_settings.start_url() == "https://moodle.example.org/"


def test_the_machine_wide_file_wins_entirely_over_the_students_own(dirs):
    machine, user = dirs
    put(machine / "SebClientSettings.seb", client_file("https://school.example.org/"))
    put(user / "SebClientSettings.seb", client_file("https://cheat.example.net/", allowQuit=True))
    settings = ClientSettings.load()
    assert settings.machine is True
    assert settings.start_url == "https://school.example.org/"
    assert "allowQuit" not in settings.settings  # no key of the per-user file leaks in


def test_a_damaged_machine_wide_file_is_an_error_not_a_fallback(dirs):
    machine, user = dirs
    put(machine / "SebClientSettings.seb", client_file()[:-40])
    put(user / "SebClientSettings.seb", client_file("https://cheat.example.net/"))
    with pytest.raises((DamagedFile, WrongPassword, PasswordRequired)):
        ClientSettings.load()
    assert client_settings.start_url() == ""


def test_an_exam_file_in_the_client_settings_place_is_refused(dirs):
    _, user = dirs
    put(user / "SebClientSettings.seb", write_config({"sebConfigPurpose": 0, "startURL": "https://x.org/"}))
    with pytest.raises(NotClientConfiguration):
        ClientSettings.load()


def test_protected_client_settings_open_only_with_the_admin_password(dirs):
    _, user = dirs
    put(user / "SebClientSettings.seb", client_file("https://exam.example.org/p", admin=ADMIN, key=ADMIN))
    with pytest.raises(PasswordRequired) as info:
        ClientSettings.load()
    assert info.value.for_client is True
    assert client_settings.start_url() == ""  # no prompt on the start path: just no default
    with pytest.raises(WrongPassword):
        ClientSettings.load(password="guess")
    assert ClientSettings.load(password=ADMIN).start_url == "https://exam.example.org/p"

    asked: list[bool] = []

    def ask(wrong: bool) -> str | None:
        asked.append(wrong)
        return "guess" if len(asked) == 1 else ADMIN

    assert ClientSettings.load(ask_password=ask).hashed_admin_password == hash_password(ADMIN)
    assert asked == [False, True]


def test_storing_writes_the_original_encrypted_bytes_only_for_this_user(dirs):
    _, user = dirs
    data = client_file("https://exam.example.org/s", admin=ADMIN, key=ADMIN)
    loaded = read_config(data, password=ADMIN)
    path = store(loaded, data)
    assert path == user / "SebClientSettings.seb"
    assert path.read_bytes() == data  # never decrypted to disk
    assert b"exam.example.org" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ClientSettings.load(password=ADMIN).start_url == "https://exam.example.org/s"
    assert [p.name for p in path.parent.iterdir()] == ["SebClientSettings.seb"]  # no temp left


def test_an_exam_configuration_is_not_stored_as_client_settings(dirs):
    data = write_config({"sebConfigPurpose": 0, "startURL": "https://exam.example.org/"})
    with pytest.raises(NotClientConfiguration):
        store(read_config(data), data)
    assert not ClientSettings.load().exists


def test_replacing_protected_settings_needs_the_current_admin_password(dirs):
    _, user = dirs
    old = client_file("https://old.example.org/", admin=ADMIN)  # SEB's empty key, admin hash inside
    store(read_config(old), old)
    new = client_file("https://new.example.org/", admin="another one")
    loaded = read_config(new)

    with pytest.raises(AdminPasswordRequired):
        store(loaded, new)
    with pytest.raises(WrongAdminPassword):
        store(loaded, new, admin_password="not it")
    assert ClientSettings.load().start_url == "https://old.example.org/"

    store(loaded, new, admin_password=ADMIN)
    assert ClientSettings.load().start_url == "https://new.example.org/"


def test_no_admin_password_is_needed_for_the_same_admin_or_a_file_opened_with_it(dirs):
    old = client_file("https://old.example.org/", admin=ADMIN)
    store(read_config(old), old)
    same_admin = client_file("https://same.example.org/", admin=ADMIN)
    store(read_config(same_admin), same_admin)
    assert ClientSettings.load().start_url == "https://same.example.org/"

    opened_with_admin = client_file("https://keyed.example.org/", admin="new admin", key=ADMIN)
    store(read_config(opened_with_admin, password=ADMIN), opened_with_admin, password_used=ADMIN)
    assert ClientSettings.load(password=ADMIN).start_url == "https://keyed.example.org/"


def test_settings_that_only_the_admin_password_opens_need_it_to_be_replaced(dirs):
    old = client_file("https://old.example.org/", admin=ADMIN, key=ADMIN)
    store(read_config(old, password=ADMIN), old, password_used=ADMIN)
    new = client_file("https://new.example.org/")
    with pytest.raises(AdminPasswordRequired):
        store(read_config(new), new)
    with pytest.raises(WrongAdminPassword):
        store(read_config(new), new, admin_password="nope")
    store(read_config(new), new, admin_password=ADMIN)
    assert ClientSettings.load().start_url == "https://new.example.org/"


def test_the_admin_password_check(dirs):
    settings = {"hashedAdminPassword": hash_password(ADMIN).upper()}
    assert requires_admin_password(settings)
    assert check_admin_password(settings, ADMIN)
    assert not check_admin_password(settings, ADMIN + " ")
    assert not requires_admin_password({"hashedAdminPassword": ""})
    assert not check_admin_password({}, "")


def test_embedded_identities_are_imported_into_the_keyring_when_stored(dirs, file_keyring):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from launcher.config.crypto import public_key_hash
    from launcher.config.identities import SEB_EMBEDDED_P12_PASSWORD, IdentityStore
    from tests.support.certs import make_identity

    cert, key, _p12, _pw = make_identity(common_name="Lab identity")
    p12 = pkcs12.serialize_key_and_certificates(
        b"lab", key, cert, None,
        serialization.BestAvailableEncryption(SEB_EMBEDDED_P12_PASSWORD.encode("utf-8")))
    data = client_file(embeddedCertificates=[{"type": 1, "name": "lab", "certificateData": p12}])
    loaded = read_config(data)
    assert IdentityStore().find(public_key_hash(cert)) is None
    store(loaded, data)
    assert IdentityStore().find(public_key_hash(cert)) is not None
    # ... and usable straight from the settings, without the keyring
    assert ClientSettings.load().identity_provider().find(public_key_hash(cert)) is not None


def test_a_student_cannot_write_machine_wide_settings():
    """Run as the unprivileged ``nobody`` user: storing for all users is refused, and so is a
    per-user file while the school's machine-wide file is in force."""
    with tempfile.TemporaryDirectory() as root:
        os.chmod(root, 0o755)
        machine = Path(root) / "machine"
        put(machine / "SebClientSettings.seb", client_file("https://school.example.org/"))
        home = Path(root) / "home"
        home.mkdir()
        data_file = Path(root) / "new.seb"
        data_file.write_bytes(client_file("https://mine.example.net/"))
        code = textwrap.dedent(f"""
            from pathlib import Path
            from launcher.config.container import read_config
            from launcher.platform.client_settings import ClientSettings, MachineSettingsReadOnly, store
            data = Path({str(data_file)!r}).read_bytes()
            for machine in (True, False):
                try:
                    store(read_config(data), data, machine=machine)
                    print("stored", machine)
                except MachineSettingsReadOnly as exc:
                    print("refused", machine, exc.message)
            print(ClientSettings.load().start_url)
        """)
        env = dict(os.environ, SEB_LAUNCHER_MACHINE_DIR=str(machine), HOME=str(home),
                   XDG_CONFIG_HOME=str(home / ".config"))
        command = [sys.executable, "-c", code]
        if os.geteuid() == 0:
            os.chown(home, 65534, 65534)
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("refused True Saving the exam browser's settings for all users")
    assert lines[1] == ("refused False The exam browser's settings on this computer are managed by "
                        "its administrator and cannot be changed here.")
    assert lines[2] == "https://school.example.org/"


def test_an_administrator_can_store_machine_wide_settings_readable_by_all(dirs):
    machine, user = dirs
    data = client_file("https://school.example.org/")
    if os.geteuid() != 0:
        with pytest.raises(MachineSettingsReadOnly):
            store(read_config(data), data, machine=True)
        return
    path = store(read_config(data), data, machine=True)
    assert path == machine / "SebClientSettings.seb"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert ClientSettings.load().machine is True


def test_client_settings_for_a_missing_identity_give_no_start_url_and_log_no_key_hash(dirs, file_keyring, caplog):
    from launcher.config.crypto import public_key_hash
    from tests.support.certs import make_identity

    _machine, user = dirs
    cert, _key, _p12, _pw = make_identity(common_name="Identity of another lab")
    put(user / "SebClientSettings.seb", write_config({"sebConfigPurpose": 1, "startURL": "https://exam.example.org/"},
                                                      certificate=cert))
    with caplog.at_level("DEBUG"):
        assert client_settings.start_url() == ""
    assert "could not be read" in caplog.text
    assert public_key_hash(cert).hex() not in caplog.text.lower()
