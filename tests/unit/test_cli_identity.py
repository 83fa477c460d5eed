"""``seb-launcher identity …`` as a user runs it, against a real file-backed keyring."""

from __future__ import annotations

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from launcher.config.crypto import public_key_hash
from launcher.config.identities import SEB_EMBEDDED_P12_PASSWORD
from tests.support.certs import make_identity
from tests.support.cli import one_error_line, run_cli
from tests.support.keyring_file import PATH_ENV

SERVICE = "seb-launcher"


def _write_p12(tmp_path: Path, name: str) -> tuple[Path, str, str]:
    cert, _key, p12, password = make_identity(common_name=name)
    path = tmp_path / f"{name.replace(' ', '_')}.p12"
    path.write_bytes(p12)
    return path, password, public_key_hash(cert).hex()


def test_import_list_remove(tmp_path: Path, file_keyring) -> None:
    p12, password, key_hash = _write_p12(tmp_path, "Exam Board")

    assert run_cli("identity", "list").stdout == "No certificate identities are stored.\n"

    proc = run_cli("identity", "import", p12, "--password", password)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Imported {key_hash}  CN=Exam Board")
    assert key_hash in file_keyring.entries(SERVICE)  # really in the keyring file

    proc = run_cli("identity", "list")
    assert proc.returncode == 0
    (line,) = proc.stdout.splitlines()
    assert line.startswith(f"{key_hash}  CN=Exam Board  (valid until 20")

    listed = json.loads(run_cli("identity", "list", "--json").stdout)
    assert [(i["key_hash"], i["subject"]) for i in listed] == [(key_hash, "CN=Exam Board")]

    proc = run_cli("identity", "remove", key_hash[:10])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Removed {key_hash}  CN=Exam Board")
    assert run_cli("identity", "list").stdout == "No certificate identities are stored.\n"
    assert key_hash not in file_keyring.entries(SERVICE)


def test_password_from_stdin_and_environment(tmp_path: Path, file_keyring) -> None:
    p1, pw1, h1 = _write_p12(tmp_path, "Stdin")
    p2, pw2, h2 = _write_p12(tmp_path, "Env")
    assert run_cli("identity", "import", p1, "--password-stdin", input=pw1 + "\n").returncode == 0
    proc = run_cli("identity", "import", p2, "--password-env", "P12_PW", env={"P12_PW": pw2})
    assert proc.returncode == 0, proc.stderr
    hashes = {i["key_hash"] for i in json.loads(run_cli("identity", "list", "--json").stdout)}
    assert hashes == {h1, h2}


def test_p12_from_stdin(tmp_path: Path, file_keyring) -> None:
    cert, key, _p12, _pw = make_identity(common_name="Piped")
    open_p12 = pkcs12.serialize_key_and_certificates(b"p", key, cert, None, serialization.NoEncryption())
    proc = run_cli("identity", "import", "-", input=open_p12)
    assert proc.returncode == 0, proc.stderr
    assert public_key_hash(cert).hex() in run_cli("identity", "list").stdout


def test_import_embedded_identities_from_a_client_config(tmp_path: Path, file_keyring) -> None:
    from launcher.config.container import write_config

    cert, key, _p12, _pw = make_identity(common_name="Embedded in config")
    embedded = pkcs12.serialize_key_and_certificates(
        b"e", key, cert, None, serialization.BestAvailableEncryption(SEB_EMBEDDED_P12_PASSWORD.encode("utf-8"))
    )
    config = tmp_path / "client.seb"
    config.write_bytes(
        write_config(
            {
                "sebConfigPurpose": 1,
                "embeddedCertificates": [
                    {"type": 0, "name": "ssl", "certificateData": cert.public_bytes(serialization.Encoding.DER)},
                    {"type": 1, "name": "id", "certificateData": embedded},
                ],
            },
            password="admin",
            for_client=True,
        )
    )
    proc = run_cli("identity", "import-config", config, "--password", "admin")
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()  # the SSL certificate (type 0) is not an identity
    assert line.startswith(f"Imported {public_key_hash(cert).hex()}  CN=Embedded in config")
    assert public_key_hash(cert).hex() in run_cli("identity", "list").stdout

    plain = tmp_path / "plain.seb"
    plain.write_bytes(write_config({"startURL": "https://exam.example/"}))
    proc = run_cli("identity", "import-config", plain)
    assert proc.stdout == "The configuration embeds no certificate identity.\n"


def test_error_paths_print_one_line(tmp_path: Path, file_keyring) -> None:
    p12, password, key_hash = _write_p12(tmp_path, "Errors")
    pem = tmp_path / "cert.pem"
    pem.write_bytes(make_identity(common_name="Errors")[0].public_bytes(serialization.Encoding.PEM))
    cases = [
        (["identity", "import", p12, "--password", password + "!"], "Wrong password"),
        (["identity", "import", p12], "needs a password"),
        (["identity", "import", pem, "--password", "x"], "not a PKCS#12"),
        (["identity", "import", tmp_path / "missing.p12", "--password", "x"], "No such file"),
        (["identity", "import", p12, "--password-env", "SURELY_UNSET_VAR"], "SURELY_UNSET_VAR"),
        (["identity", "import", p12, "--password", "a", "--password-stdin"], "not allowed"),
        (["identity", "remove", "0" * 40], "No stored"),
        (["identity", "remove", "xyz"], "key hash"),
        (["identity", "remove"], "HASH"),
        (["identity", "import-config", tmp_path / "missing.seb"], "No such file"),
        (["identity", "bogus"], "bogus"),
        (["identity"], "COMMAND"),
    ]
    for argv, needle in cases:
        proc = run_cli(*argv)
        line = one_error_line(proc)
        assert needle in line, (argv, line)
        assert proc.stdout == ""
    assert run_cli("identity", "list").stdout == "No certificate identities are stored.\n"


def test_unavailable_keyring_is_one_line(tmp_path: Path, file_keyring) -> None:
    p12, password, _h = _write_p12(tmp_path, "No keyring")
    # Without a file the test backend refuses every call, like a locked or absent keyring.
    no_keyring = {PATH_ENV: ""}
    for argv in (["identity", "list"], ["identity", "import", p12, "--password", password]):
        line = one_error_line(run_cli(*argv, env=no_keyring))
        assert "keyring" in line and "not available" in line


def test_help_for_each_command() -> None:
    for sub in ["import", "import-config", "list", "remove"]:
        proc = run_cli("identity", sub, "--help")
        assert proc.returncode == 0 and proc.stdout.startswith(f"usage: seb-launcher identity {sub}")
    assert "import" in run_cli("identity", "--help").stdout
