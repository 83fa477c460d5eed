"""Certificate identities in a real (file-backed) keyring: import, list, find, remove, embedded
identities of client configurations, and identities used straight from a .p12 file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from launcher.config.crypto import public_key_hash
from launcher.config.errors import ConfigError, IdentityError
from launcher.config.identities import (
    CHUNK_CHARS,
    INDEX_ENTRY,
    SEB_EMBEDDED_P12_PASSWORD,
    CombinedIdentities,
    FileIdentities,
    Identity,
    IdentityStore,
    KeyringUnavailable,
    import_embedded,
    load_pkcs12,
)
from tests.support.certs import make_identity, self_signed_certificate
from tests.support.keyring_file import JsonFileKeyring

SERVICE = "seb-launcher"


def _p12(cert, key, password: str | None, *, with_key: bool = True) -> bytes:
    enc = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    if with_key:
        return pkcs12.serialize_key_and_certificates(b"t", key, cert, None, enc)
    return pkcs12.serialize_key_and_certificates(b"t", None, None, [cert], enc)


def _same_key(a, b) -> bool:
    return a.private_numbers() == b.private_numbers()


def test_import_list_find_remove_through_the_keyring(file_keyring: JsonFileKeyring) -> None:
    cert, key, p12, password = make_identity(common_name="Exam Office")
    store = IdentityStore()

    identity = store.import_pkcs12(p12, password)
    key_hash = public_key_hash(cert)
    assert identity.key_hash == key_hash

    (info,) = store.list()
    assert info.key_hash_hex == key_hash.hex()
    assert "CN=Exam Office" in info.subject
    assert info.not_after == cert.not_valid_after_utc

    # A new store object (as in another process) finds it by hash, with the same private key.
    found = IdentityStore().find(key_hash)
    assert found is not None
    assert found.certificate == cert
    assert _same_key(found.private_key, key)
    assert IdentityStore().find(bytes(20)) is None

    # What landed in the keyring file: an index plus the entry named by the hash, under our service.
    entries = file_keyring.entries(SERVICE)
    assert json.loads(entries[INDEX_ENTRY]) == [key_hash.hex()]
    assert key_hash.hex() in entries

    removed = store.remove(key_hash.hex()[:8])
    assert removed.key_hash_hex == key_hash.hex()
    assert store.list() == []
    assert store.find(key_hash) is None
    assert set(file_keyring.entries(SERVICE)) <= {INDEX_ENTRY}


def test_each_keyring_secret_fits_windows_credential_manager(file_keyring: JsonFileKeyring) -> None:
    _cert, _key, p12, password = make_identity(common_name="Large")
    IdentityStore().import_pkcs12(p12, password)
    values = file_keyring.entries(SERVICE).values()
    assert len(values) >= 3  # a certificate plus key does not fit one entry: split into parts
    # Credential Manager keeps at most 2560 bytes (1280 UTF-16 code units) per secret.
    assert max(len(v) for v in values) <= min(CHUNK_CHARS + 4, 1280)


def test_several_identities_and_prefixes(file_keyring: JsonFileKeyring) -> None:
    store = IdentityStore()
    by_first_digit: dict[str, str] = {}
    clash = None
    # 17 keys always contain two whose hashes start with the same hex digit (pigeonhole).
    for n in range(17):
        cert, _key, p12, password = make_identity(common_name=f"Id {n}")
        h = store.import_pkcs12(p12, password).key_hash.hex()
        if h[0] in by_first_digit:
            clash = (by_first_digit[h[0]], h)
            break
        by_first_digit[h[0]] = h
    assert clash is not None
    assert len(store.list()) == len(by_first_digit) + 1

    with pytest.raises(IdentityError, match="More than one"):
        store.remove(clash[0][0])
    with pytest.raises(IdentityError, match="No stored"):
        store.remove("0" * 40)
    with pytest.raises(IdentityError, match="key hash"):
        store.remove("not-hex")
    store.remove(clash[1].upper())
    assert clash[1] not in {i.key_hash_hex for i in store.list()}


def test_importing_the_same_identity_twice_keeps_one_entry(file_keyring: JsonFileKeyring) -> None:
    _cert, _key, p12, password = make_identity(common_name="Twice")
    store = IdentityStore()
    store.import_pkcs12(p12, password)
    store.import_pkcs12(p12, password)
    assert len(store.list()) == 1


def test_wrong_password_and_not_a_p12_and_no_private_key(file_keyring: JsonFileKeyring) -> None:
    cert, key, p12, password = make_identity(common_name="Errors")
    store = IdentityStore()
    with pytest.raises(IdentityError, match="Wrong password"):
        store.import_pkcs12(p12, password + "x")
    with pytest.raises(IdentityError, match="needs a password"):
        store.import_pkcs12(p12, None)
    with pytest.raises(IdentityError, match="not a PKCS#12"):
        store.import_pkcs12(cert.public_bytes(serialization.Encoding.PEM), password)
    with pytest.raises(IdentityError, match="no private key"):
        store.import_pkcs12(_p12(cert, key, password, with_key=False), password)
    with pytest.raises(IdentityError, match="empty"):
        store.import_pkcs12(b"", password)
    assert store.list() == []
    assert file_keyring.entries(SERVICE) == {}


def test_a_stored_key_that_does_not_belong_to_the_certificate_is_refused(file_keyring) -> None:
    cert, _key, p12, password = make_identity(common_name="A")
    _cert2, other_key, _p12c, _pw2 = make_identity(common_name="B")
    store = IdentityStore()
    h = store.import_pkcs12(p12, password).key_hash
    tampered = Identity(cert, other_key).to_json()  # as if someone swapped the key in the keyring
    file_keyring.set_password(SERVICE, h.hex(), f"1:{tampered}")
    with pytest.raises(IdentityError, match="does not belong"):
        store.find(h)


def test_a_non_rsa_identity_is_refused() -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    cert = self_signed_certificate(key, "EC", days=1)
    with pytest.raises(IdentityError, match="not an RSA key"):
        load_pkcs12(_p12(cert, key, "pw"), "pw")


def test_p12_without_password_loads(file_keyring: JsonFileKeyring) -> None:
    cert, key, _p12b, _pw = make_identity(common_name="Open")
    identity = IdentityStore().import_pkcs12(_p12(cert, key, None), None)
    assert identity.certificate == cert


def test_damaged_keyring_entry_is_reported_not_used(file_keyring: JsonFileKeyring) -> None:
    cert, _key, p12, password = make_identity(common_name="Damaged")
    store = IdentityStore()
    h = store.import_pkcs12(p12, password).key_hash
    file_keyring.set_password(SERVICE, h.hex(), "1:{not json")
    with pytest.raises(IdentityError, match="damaged"):
        store.find(h)
    # It is still listed ...
    (info,) = store.list()
    assert info.key_hash_hex == h.hex() and "damaged" in info.subject
    # ... and it can still be removed.
    store.remove(h.hex())
    assert store.list() == []


def test_unavailable_keyring_means_not_found_but_import_fails_clearly() -> None:
    store = IdentityStore(keyring=JsonFileKeyring(None))  # a backend that refuses every call
    assert store.find(bytes(20)) is None
    _cert, _key, p12, password = make_identity(common_name="Nowhere")
    with pytest.raises(KeyringUnavailable, match="keyring"):
        store.import_pkcs12(p12, password)
    with pytest.raises(KeyringUnavailable):
        store.list()


def test_file_identities_and_combined_lookup(file_keyring: JsonFileKeyring) -> None:
    cert_a, key_a, p12_a, pw_a = make_identity(common_name="File")
    cert_b, _key_b, p12_b, pw_b = make_identity(common_name="Keyring")
    store = IdentityStore()
    store.import_pkcs12(p12_b, pw_b)
    from_file = FileIdentities(p12_a, pw_a)
    assert from_file.find(public_key_hash(cert_a)).certificate == cert_a
    assert from_file.find(public_key_hash(cert_b)) is None

    both = CombinedIdentities(from_file, None, store)
    assert _same_key(both.find(public_key_hash(cert_a)).private_key, key_a)
    assert both.find(public_key_hash(cert_b)).certificate == cert_b
    assert both.find(bytes(20)) is None
    # Using a file does not import it.
    assert [i.subject for i in store.list()] == ["CN=Keyring"]

    with pytest.raises(IdentityError, match="Wrong password"):
        FileIdentities(p12_a, "nope")


def _embedded_settings() -> tuple[dict, list]:
    seb_cert, seb_key, _p, _w = make_identity(common_name="Embedded SEB")
    open_cert, open_key, _p2, _w2 = make_identity(common_name="Embedded Open")
    ssl_cert, _k3, _p3, _w3 = make_identity(common_name="Just SSL")
    settings = {
        "sebConfigPurpose": 1,
        "embeddedCertificates": [
            {"type": 0, "name": "ssl", "certificateData": ssl_cert.public_bytes(serialization.Encoding.DER)},
            {"type": 1, "name": "seb", "certificateData": _p12(seb_cert, seb_key, SEB_EMBEDDED_P12_PASSWORD)},
            {"type": 2, "name": "ca", "certificateData": ssl_cert.public_bytes(serialization.Encoding.DER)},
            {"type": 1, "name": "open", "certificateData": _p12(open_cert, open_key, None)},
            {"type": 1, "name": "broken", "certificateData": b"\x30\x03\x02\x01\x00"},
            {"type": 1, "name": "empty", "certificateData": b""},
        ],
    }
    return settings, [seb_cert, open_cert]


def test_import_embedded_identities_of_a_client_config(file_keyring: JsonFileKeyring) -> None:
    settings, certs = _embedded_settings()
    imported = import_embedded(settings)
    assert sorted(i.subject for i in imported) == ["CN=Embedded Open", "CN=Embedded SEB"]
    store = IdentityStore()
    assert {i.key_hash_hex for i in store.list()} == {public_key_hash(c).hex() for c in certs}
    # SSL and CA certificates are not identities.
    assert all("Just SSL" not in i.subject for i in store.list())


def test_import_embedded_from_typed_settings(file_keyring: JsonFileKeyring) -> None:
    from launcher.config.settings import Settings

    settings, certs = _embedded_settings()
    imported = IdentityStore().import_embedded(Settings.from_dict(settings))
    assert {i.key_hash_hex for i in imported} == {public_key_hash(c).hex() for c in certs}


def test_embedded_identity_written_by_openssl_with_seb_passphrase(file_keyring, tmp_path) -> None:
    """The OS's own PKCS#12 writer with SEB's passphrase (non-BMP characters) reads back."""
    cert, key, _p12b, _pw = make_identity(common_name="OpenSSL made")
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    out = tmp_path / "id.p12"
    subprocess.run(
        ["openssl", "pkcs12", "-export", "-in", "c.pem", "-inkey", "k.pem", "-out", str(out),
         "-passout", "env:P12PW"],
        cwd=tmp_path, check=True, capture_output=True,
        env={"P12PW": SEB_EMBEDDED_P12_PASSWORD, "PATH": "/usr/bin:/bin"},
    )
    imported = import_embedded({"embeddedCertificates": [{"type": 1, "certificateData": out.read_bytes()}]})
    assert [i.key_hash_hex for i in imported] == [public_key_hash(cert).hex()]


def test_identity_errors_are_config_errors_with_one_line_messages() -> None:
    with pytest.raises(ConfigError) as caught:
        load_pkcs12(b"garbage", "pw")
    assert "\n" not in caught.value.message


def test_not_after_is_reported_in_utc() -> None:
    cert, _key, p12, password = make_identity(common_name="Time")
    info = load_pkcs12(p12, password).info()
    assert info.not_after.utcoffset() == timedelta(0)
    assert isinstance(cert, x509.Certificate)


def test_importing_the_module_loads_neither_keyring_nor_cryptography() -> None:
    code = (
        "import sys, launcher.config.identities as m; "
        "print(sorted(n for n in ('keyring', 'cryptography') if n in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
