"""Reading and writing whole .seb files: SEB's real files, every container kind, every error."""

from __future__ import annotations

import gzip
import struct

import pytest

from launcher.config import container, crypto, keys, plist
from launcher.config.container import Limits, read_config, read_config_file, write_config
from launcher.config.errors import (
    DamagedFile,
    IdentityError,
    NoIdentity,
    NotSebFile,
    PasswordRequired,
    TooLarge,
    UnsupportedValue,
    WrongPassword,
)
from launcher.config.passwords import hash_password
from tests.support.certs import SimpleIdentity, StaticIdentities, make_identity
from tests.support.vectors import vector

SETTINGS = {
    "startURL": "https://exam.example.org/start?id=7",
    "sebConfigPurpose": 0,
    "examKeySalt": bytes(range(32)),
    "URLFilterRules": [{"action": 1, "active": True, "expression": "exam.example.org", "regex": False}],
    "hashedQuitPassword": hash_password("quit"),
    "browserWindowAllowReload": False,
    "taskBarHeight": 40.5,
    "ws": "ws:\\localhost:8706",
}


@pytest.fixture(scope="module")
def identity():
    cert, key, _p12, _pw = make_identity("Container")
    return cert, key, StaticIdentities((cert, key))


# -- SEB's own files ---------------------------------------------------------------------


def test_seb_windows_password_file_opens_with_its_password():
    loaded = read_config(vector("moodle/encrypted.seb"), password="test")
    assert loaded.layers == ("gzip", "pswd", "gzip", "xml")
    assert loaded.encryption == "pswd"
    assert len(loaded.settings) == 165
    assert loaded.settings["originatorVersion"] == "SEB_Win_2.1.1"
    assert loaded.settings["startURL"] == "https://safeexambrowser.org/start"
    assert loaded.for_client is False
    plain = read_config(vector("moodle/unencrypted.seb"))
    assert keys.config_key(loaded.settings) == keys.config_key(plain.settings)


def test_seb_windows_password_file_without_or_with_wrong_password():
    with pytest.raises(PasswordRequired) as required:
        read_config(vector("moodle/encrypted.seb"))
    assert required.value.for_client is False
    with pytest.raises(WrongPassword) as wrong:
        read_config(vector("moodle/encrypted.seb"), password="Test")
    assert wrong.value.for_client is False
    assert "password" in wrong.value.message.lower()


def test_plain_xml_with_and_without_bom():
    data = vector("moodle/unencrypted_mac_001.seb")
    for candidate in (data, b"\xef\xbb\xbf" + data):
        loaded = read_config(candidate)
        assert loaded.layers == ("xml",)
        assert loaded.encryption == "none"
        assert keys.config_key(loaded.settings) == "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"


def test_read_config_file(tmp_path):
    path = tmp_path / "exam.seb"
    path.write_bytes(vector("moodle/encrypted.seb"))
    assert read_config_file(path, password="test").settings["startURL"] == "https://safeexambrowser.org/start"
    with pytest.raises(TooLarge):
        read_config_file(path, password="test", limits=Limits(max_bytes=1000))
    with pytest.raises(NotSebFile):
        read_config_file(tmp_path)


# -- every kind we write -----------------------------------------------------------------


def test_plain_file_layout():
    data = write_config(SETTINGS)
    outer = gzip.decompress(data)
    assert outer[:4] == b"plnd"
    assert gzip.decompress(outer[4:]) == plist.dumps(SETTINGS)
    loaded = read_config(data)
    assert loaded.layers == ("gzip", "plnd", "gzip", "xml")
    assert loaded.settings == SETTINGS and loaded.encryption == "none"


def test_uncompressed_plain_file_is_the_xml():
    data = write_config(SETTINGS, compress=False)
    assert data == plist.dumps(SETTINGS)
    assert read_config(data).layers == ("xml",)


def test_password_file_layout_and_round_trip():
    data = write_config(SETTINGS, password="exam pässword")
    outer = gzip.decompress(data)
    assert outer[:4] == b"pswd" and outer[4:6] == b"\x02\x01"
    assert gzip.decompress(crypto.rncryptor_decrypt(outer[4:], "exam pässword")) == plist.dumps(SETTINGS)
    loaded = read_config(data, password="exam pässword")
    assert loaded.layers == ("gzip", "pswd", "gzip", "xml") and loaded.settings == SETTINGS
    with pytest.raises(WrongPassword):
        read_config(data, password="exam password")


@pytest.mark.parametrize("version", [2, 3])
def test_password_files_with_either_rncryptor_header_open(version):
    blob = crypto.rncryptor_encrypt(gzip.compress(plist.dumps(SETTINGS)), "pw", version=version)
    loaded = read_config(gzip.compress(b"pswd" + blob), password="pw")
    assert loaded.settings == SETTINGS
    client = crypto.rncryptor_encrypt(gzip.compress(plist.dumps(SETTINGS)), hash_password("admin"), version=version)
    assert read_config(gzip.compress(b"pwcc" + client), password="admin").settings == SETTINGS


def test_client_file_uses_the_hashed_admin_password():
    data = write_config({**SETTINGS, "sebConfigPurpose": 1}, password="admin", for_client=True)
    outer = gzip.decompress(data)
    assert outer[:4] == b"pwcc"
    crypto.rncryptor_decrypt(outer[4:], hash_password("admin"))  # the key is the hex hash
    loaded = read_config(data, password="admin")
    assert loaded.layers == ("gzip", "pwcc", "gzip", "xml")
    assert loaded.encryption == "pwcc" and loaded.for_client is True
    assert read_config(data, hashed_password=hash_password("admin").upper()).settings["sebConfigPurpose"] == 1
    with pytest.raises(PasswordRequired) as required:
        read_config(data)
    assert required.value.for_client is True
    with pytest.raises(WrongPassword) as wrong:
        read_config(data, password="wrong", hashed_password=hash_password("other"))
    assert wrong.value.for_client is True


def test_client_file_keyed_with_an_uppercase_hash_like_old_seb_versions():
    blob = crypto.rncryptor_encrypt(gzip.compress(plist.dumps(SETTINGS)), hash_password("admin").upper())
    assert read_config(gzip.compress(b"pwcc" + blob), password="admin").settings == SETTINGS


def test_client_file_from_a_stored_hash_and_without_admin_password():
    hashed = hash_password("admin")
    data = write_config(SETTINGS, password=hashed, for_client=True, password_is_hash=True)
    assert read_config(data, password="admin").settings == SETTINGS
    open_client = write_config(SETTINGS, password="", for_client=True)
    assert gzip.decompress(open_client)[:4] == b"pwcc"
    assert read_config(open_client).settings == SETTINGS  # SEB's empty-key client file


def test_certificate_file_layout(identity):
    cert, key, found = identity
    data = write_config(SETTINGS, certificate=cert)
    outer = gzip.decompress(data)
    assert outer[:4] == b"pkhs"
    assert outer[4:24] == crypto.public_key_hash(cert)
    assert (len(outer) - 24) % (key.key_size // 8) == 0
    inner = crypto.rsa_decrypt_blocks(outer[24:], key)
    assert inner[:4] == b"plnd" and gzip.decompress(inner[4:]) == plist.dumps(SETTINGS)
    loaded = read_config(data, identities=found)
    assert loaded.layers == ("gzip", "pkhs", "plnd", "gzip", "xml")
    assert loaded.encryption == "pkhs" and loaded.settings == SETTINGS


def test_symmetric_certificate_file_layout(identity):
    cert, key, found = identity
    data = write_config(SETTINGS, certificate=cert, symmetric=True)
    outer = gzip.decompress(data)
    assert outer[:4] == b"phsk" and outer[4:24] == crypto.public_key_hash(cert)
    (length,) = struct.unpack("<i", outer[24:28])
    assert length == key.key_size // 8
    assert len(crypto.rsa_decrypt_blocks(outer[28 : 28 + length], key)) == 32
    assert outer[28 + length : 30 + length] == b"\x02\x01"
    loaded = read_config(data, identities=found)
    assert loaded.layers == ("gzip", "phsk", "plnd", "gzip", "xml") and loaded.settings == SETTINGS


def test_certificate_around_password(identity):
    cert, _key, found = identity
    data = write_config(SETTINGS, certificate=cert, password="pw")
    loaded = read_config(data, identities=found, password="pw")
    assert loaded.layers == ("gzip", "pkhs", "pswd", "gzip", "xml")
    assert loaded.encryption == "pkhs+pswd" and loaded.settings == SETTINGS
    with pytest.raises(PasswordRequired):
        read_config(data, identities=found)


def test_symmetric_certificate_around_client_password(identity):
    cert, _key, found = identity
    data = write_config(SETTINGS, certificate=cert, symmetric=True, password="admin", for_client=True)
    loaded = read_config(data, identities=found, password="admin")
    assert loaded.layers == ("gzip", "phsk", "pwcc", "gzip", "xml")
    assert loaded.encryption == "phsk+pwcc" and loaded.settings == SETTINGS


def test_seb_windows_certificate_inner_layout_opens_too(identity):
    cert, _key, found = identity
    # What SEB for Windows' serializer puts inside pkhs without a password: gzip("plnd" + xml).
    data = gzip.compress(b"pkhs" + crypto.public_key_hash(cert) + crypto.rsa_encrypt_blocks(
        gzip.compress(b"plnd" + plist.dumps(SETTINGS)), cert))
    loaded = read_config(data, identities=found)
    assert loaded.layers == ("gzip", "pkhs", "gzip", "plnd", "xml") and loaded.settings == SETTINGS


def test_missing_identity(identity):
    cert, _key, _found = identity
    other_cert, other_key, _p12, _pw = make_identity("Someone else")
    data = write_config(SETTINGS, certificate=cert)
    with pytest.raises(NoIdentity) as missing:
        read_config(data)
    assert missing.value.key_hash == crypto.public_key_hash(cert)
    wrong_store = StaticIdentities((other_cert, other_key))
    with pytest.raises(NoIdentity):
        read_config(data, identities=wrong_store)
    assert wrong_store.lookups == [crypto.public_key_hash(cert)]


def test_identity_without_rsa_key_is_an_identity_error(identity):
    from cryptography.hazmat.primitives.asymmetric import ec

    cert, _key, _found = identity

    class Broken:
        def find(self, key_hash):
            return SimpleIdentity(cert, ec.generate_private_key(ec.SECP256R1()))

    with pytest.raises(IdentityError):
        read_config(write_config(SETTINGS, certificate=cert), identities=Broken())


def test_settings_that_cannot_be_written():
    with pytest.raises(UnsupportedValue):
        write_config({"bad": "\x01"})


# -- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"hello world", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, b"<html><body>login</body></html>", b"pswx1234"],
)
def test_not_seb_files(data):
    with pytest.raises(NotSebFile):
        read_config(data)


def test_damaged_files():
    good = write_config(SETTINGS)
    with pytest.raises(DamagedFile):
        read_config(good[: len(good) // 2])  # truncated gzip
    with pytest.raises(DamagedFile):
        read_config(gzip.compress(b"plnd" + b"garbage that is not xml"))
    with pytest.raises(DamagedFile):
        read_config(gzip.compress(b"pswd" + b"\x02\x01short"), password="x")
    with pytest.raises(DamagedFile):
        read_config(gzip.compress(b"plnd" + gzip.compress(b"pswd" + b"\x00" * 100)), password="x")
    with pytest.raises(DamagedFile):
        read_config(good + b"trailing junk")


def test_gzip_bomb_stops_at_the_limit():
    bomb = gzip.compress(b"plnd" + b"\x00" * (40 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(TooLarge):
        read_config(bomb)
    small = gzip.compress(b"plnd" + b"\x00" * 100_000)
    with pytest.raises(TooLarge):
        read_config(small, limits=Limits(max_bytes=50_000))


def test_large_rsa_payload_is_refused_before_any_work(identity):
    import os

    cert, _key, found = identity
    settings = {"blob": os.urandom(3000)}
    data = write_config(settings, certificate=cert)
    assert read_config(data, identities=found).settings == settings
    with pytest.raises(TooLarge):
        read_config(data, identities=found, limits=Limits(max_rsa_bytes=1024))


def test_symmetric_file_with_an_absurd_key_length_is_damaged(identity):
    cert, _key, found = identity
    outer = gzip.decompress(write_config(SETTINGS, certificate=cert, symmetric=True))
    for length in (0, -1, 1 << 20):
        broken = outer[:24] + struct.pack("<i", length) + outer[28:]
        with pytest.raises(DamagedFile):
            read_config(broken, identities=found)


def test_too_many_layers():
    data = plist.dumps(SETTINGS)
    for _ in range(9):
        data = gzip.compress(data)
    with pytest.raises(TooLarge):
        read_config(data)
    assert read_config(data, limits=Limits(max_depth=10)).settings == SETTINGS


def test_deep_plist_is_too_large():
    depth = 200
    body = "<dict><key>k</key>" + "<array>" * depth + "</array>" * depth + "</dict>"
    data = b'<?xml version="1.0"?><plist>' + body.encode() + b"</plist>"
    with pytest.raises(TooLarge):
        read_config(write_config_raw(data))


def write_config_raw(xml: bytes) -> bytes:
    return gzip.compress(b"plnd" + gzip.compress(xml))


def test_limits_defaults_match_the_contract():
    assert Limits().max_bytes == 32 * 1024 * 1024 and Limits().max_depth == 8
    assert container.LoadedConfig(settings={}, layers=("xml",), encryption="none", for_client=False).password_encrypted is False
