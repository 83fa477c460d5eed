"""``seb-launcher config …`` driven as a user does: a real child process on real files.

Expectations come from the shared vectors (Moodle's fixtures) and from SEB's own definitions
of the per-URL hashes (spec §4), never from this launcher's output.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from launcher.config.crypto import public_key_hash
from tests.support.certs import make_identity
from tests.support.cli import one_error_line, run_cli
from tests.support.vectors import VECTORS

MOODLE = VECTORS / "moodle"
MOODLE_FILES = sorted(p.name for p in MOODLE.glob("*.seb"))

MAC_001_KEY = "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"
MOODLE4X_KEY = "2534e4e9f3188f9f9133bf7cf7b4c5d898292bbd7e8d0230f39d1176636a1431"


def inspect_json(*args: str | os.PathLike[str], input: str | None = None, env=None) -> dict:
    proc = run_cli("config", "inspect", "--json", *args, input=input, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert len(lines) == 1  # ONE JSON object
    return json.loads(lines[0])


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- the Moodle vectors -------------------------------------------------------------------


def test_every_moodle_vector_is_present() -> None:
    assert len(MOODLE_FILES) == 7, MOODLE_FILES


@pytest.mark.parametrize("name", MOODLE_FILES)
def test_inspect_json_of_every_moodle_vector(name: str) -> None:
    password = ["--password", "test"] if name == "encrypted.seb" else []
    out = inspect_json(MOODLE / name, *password)
    assert set(out) >= {"config_key", "browser_exam_key", "layers", "start_url", "settings"}
    assert len(out["config_key"]) == 64 and int(out["config_key"], 16) >= 0
    assert len(out["browser_exam_key"]) == 64 and out["browser_exam_key"] != out["config_key"]
    assert out["layers"][-1] == "xml"
    assert out["start_url"] == out["settings"].get("startURL", out["start_url"])
    assert isinstance(out["settings"], dict) and out["settings"]


def test_config_key_of_the_mac_vector_matches_moodle_and_its_seb_json() -> None:
    out = inspect_json(MOODLE / "unencrypted_mac_001.seb")
    assert out["config_key"] == MAC_001_KEY
    assert out["config_key"] == sha256((MOODLE / "JSON_unencrypted_mac_001.txt").read_text("utf-8"))
    assert out["layers"] == ["xml"]
    assert out["start_url"] == "https://www.google.com"


def test_config_key_of_the_moodle4x_vector() -> None:
    assert inspect_json(MOODLE / "unencrypted_win_223_moodle4x.seb")["config_key"] == MOODLE4X_KEY


def test_originator_version_does_not_change_the_config_key() -> None:
    a = inspect_json(MOODLE / "simpleunencrypted.seb")
    b = inspect_json(MOODLE / "simpleunencryptedwithoutoriginator.seb")
    assert "originatorVersion" in a["settings"] and "originatorVersion" not in b["settings"]
    assert a["config_key"] == b["config_key"]


def test_encrypted_vector_with_password_equals_the_unencrypted_one() -> None:
    enc = inspect_json(MOODLE / "encrypted.seb", "--password", "test")
    plain = inspect_json(MOODLE / "unencrypted.seb")
    assert enc["config_key"] == plain["config_key"]
    assert enc["browser_exam_key"] == plain["browser_exam_key"]
    assert enc["layers"] == ["gzip", "pswd", "gzip", "xml"]
    assert len(enc["settings"]) == 165
    assert enc["settings"]["originatorVersion"] == "SEB_Win_2.1.1"
    assert enc["start_url"] == "https://safeexambrowser.org/start"


def test_password_from_stdin_and_from_the_environment() -> None:
    plain = inspect_json(MOODLE / "unencrypted.seb")["config_key"]
    assert inspect_json(MOODLE / "encrypted.seb", "--password-stdin", input="test\n")["config_key"] == plain
    env = {"EXAM_PW": "test"}
    assert inspect_json(MOODLE / "encrypted.seb", "--password-env", "EXAM_PW", env=env)["config_key"] == plain
    assert inspect_json(MOODLE / "encrypted.seb", env={"SEB_LAUNCHER_PASSWORD": "test"})["config_key"] == plain


def test_config_from_stdin() -> None:
    data = (MOODLE / "unencrypted_mac_001.seb").read_text("utf-8")
    assert inspect_json("-", input=data)["config_key"] == MAC_001_KEY


def test_wrong_password_is_one_line_and_says_so() -> None:
    proc = run_cli("config", "inspect", MOODLE / "encrypted.seb", "--password", "tset")
    assert "wrong password" in one_error_line(proc).lower() and proc.returncode == 7
    proc = run_cli("config", "inspect", "--json", MOODLE / "encrypted.seb", "--password", "tset")
    assert proc.returncode == 7 and proc.stderr == ""
    out = json.loads(proc.stdout)  # one JSON object, naming the error
    assert out["error_kind"] == "wrong password" and "wrong password" in out["error"].lower()


def test_missing_password_without_terminal_is_one_line() -> None:
    proc = run_cli("config", "inspect", MOODLE / "encrypted.seb")
    line = one_error_line(proc)
    assert "password" in line.lower() and "--password" in line
    assert proc.stdout == ""


def test_url_hashes_follow_seb_definition() -> None:
    url = "https://moodle.example.org/mod/quiz/view.php?id=42#section"
    out = inspect_json(MOODLE / "unencrypted_mac_001.seb", "--url", url)
    bare = url.split("#")[0]
    assert out["config_key_hash"] == sha256(bare + MAC_001_KEY)
    assert out["request_hash"] == sha256(bare + out["browser_exam_key"])


def test_settings_json_carries_data_and_dates_readably() -> None:
    out = inspect_json(MOODLE / "simpleunencrypted.seb")
    # <date>1940-10-09T22:13:56Z</date> comes out as ISO 8601 text.
    assert out["settings"]["aaaaaa"] in ("1940-10-09T22:13:56+00:00", "1940-10-09T22:13:56Z")
    mac = inspect_json(MOODLE / "unencrypted_mac_001.seb")["settings"]
    # <data> values come out as base64 of their bytes; an empty <data> as "".
    assert mac["examKeySalt"] == "4iLONVAc1yKWLxbe6Vbf2vWYQO6zIRAobKgc3f25LH8="
    assert mac["configKeySalt"] == ""


def test_readable_summary() -> None:
    proc = run_cli("config", "inspect", MOODLE / "unencrypted_mac_001.seb", "--url", "https://a.example/")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "Start URL:" in text and "https://www.google.com" in text
    assert "Quit URL:" in text
    assert "Purpose:" in text and "start an exam" in text
    assert "Layers:" in text and "xml" in text
    assert f"Config Key:        {MAC_001_KEY}" in text
    assert "Browser Exam Key:" in text
    assert "URL filter:" in text and "rules" in text
    assert sha256("https://a.example/" + MAC_001_KEY) in text


def test_keys_command() -> None:
    proc = run_cli("config", "keys", MOODLE / "unencrypted_win_223_moodle4x.seb")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["Config", "Key:", MOODLE4X_KEY]
    assert lines[1].startswith("Browser Exam Key:") and len(lines[1].split()[-1]) == 64


# -- URL filter -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quiz_settings_catalyst2020_contentfilter1.seb", "quiz_settings_moodle4x_contentfilter1.seb"])
def test_check_url_uses_the_config_filter(name: str) -> None:
    # The file allows `test.com` (and its subdomains) only; the filter is on. Like SEB for
    # Windows, the start URL itself stays reachable, but nothing else on its host.
    urls = {
        "https://test.com/": "allow",
        "http://test.com/some/page?x=1": "allow",
        "https://www.test.com/quiz": "allow",
        "https://www.example.com/moodle/mod/quiz/view.php?id=1": "allow",
        "https://www.example.com/moodle/mod/quiz/view.php?id=2": "block",
        "https://nottest.com/": "block",
        "https://test.com.evil.example/": "block",
    }
    proc = run_cli("config", "check-url", VECTORS / "more" / name, *urls)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"{verdict} {url}" for url, verdict in urls.items()]


def test_check_url_with_filter_off_allows_everything() -> None:
    proc = run_cli("config", "check-url", MOODLE / "unencrypted.seb", "https://anything.example/x", "http://10.0.0.1/")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["allow https://anything.example/x", "allow http://10.0.0.1/"]


# -- encrypt / decrypt round trips -----------------------------------------------------------


@pytest.fixture
def plain_config(tmp_path: Path) -> Path:
    path = tmp_path / "plain.seb"
    path.write_bytes((MOODLE / "unencrypted_win_223_moodle4x.seb").read_bytes())
    return path


def _roundtrip(tmp_path: Path, src: Path, enc_args: list[str], read_args: list[str]) -> dict:
    out = tmp_path / "enc.seb"
    proc = run_cli("config", "encrypt", src, out, *enc_args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and proc.stderr == ""
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    return inspect_json(out, *read_args)


def test_encrypt_with_password(tmp_path: Path, plain_config: Path) -> None:
    out = _roundtrip(tmp_path, plain_config, ["--password", "s3cret"], ["--password", "s3cret"])
    assert out["config_key"] == MOODLE4X_KEY
    assert out["layers"] == ["gzip", "pswd", "gzip", "xml"]
    one_error_line(run_cli("config", "inspect", tmp_path / "enc.seb", "--password", "nope"))


def test_encrypt_for_client(tmp_path: Path, plain_config: Path) -> None:
    proc = run_cli("config", "encrypt", plain_config, tmp_path / "enc.seb", "--password-stdin", "--for-client",
                   input="admin pw\n")
    assert proc.returncode == 0, proc.stderr
    out = inspect_json(tmp_path / "enc.seb", "--password", "admin pw")
    assert out["config_key"] == MOODLE4X_KEY
    assert out["layers"] == ["gzip", "pwcc", "gzip", "xml"]
    assert "wrong password" in one_error_line(
        run_cli("config", "inspect", tmp_path / "enc.seb", "--password", "admin")
    ).lower()


def test_client_config_without_admin_password_opens_without_asking(tmp_path: Path, plain_config: Path) -> None:
    # SEB for Windows saves a client configuration without admin password as pwcc with an empty key.
    proc = run_cli("config", "encrypt", plain_config, tmp_path / "c.seb", "--for-client", "--password", "")
    assert proc.returncode == 0, proc.stderr
    out = inspect_json(tmp_path / "c.seb")
    assert out["layers"][:2] == ["gzip", "pwcc"] and out["config_key"] == MOODLE4X_KEY
    assert "empty" in one_error_line(run_cli("config", "encrypt", plain_config, tmp_path / "d.seb", "--password", ""))


@pytest.mark.parametrize(
    ("extra", "outer", "inner"),
    [
        ([], "pkhs", "plnd"),
        (["--symmetric"], "phsk", "plnd"),
        (["--password", "inner"], "pkhs", "pswd"),
        (["--symmetric", "--password", "inner"], "phsk", "pswd"),
    ],
)
def test_encrypt_for_certificate_decrypts_with_keyring_identity(
    tmp_path: Path, plain_config: Path, file_keyring, extra: list[str], outer: str, inner: str
) -> None:
    cert, _key, p12, password = make_identity(common_name="CLI keyring")
    cert_path = tmp_path / "exam.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    p12_path = tmp_path / "exam.p12"
    p12_path.write_bytes(p12)

    enc = tmp_path / "enc.seb"
    proc = run_cli("config", "encrypt", plain_config, enc, "--certificate", cert_path, *extra)
    assert proc.returncode == 0, proc.stderr
    # Before the identity is imported the file cannot be opened: one line saying why.
    read_pw = ["--password", "inner"] if "inner" in extra else []
    line = one_error_line(run_cli("config", "inspect", enc, *read_pw))
    assert "certificate" in line.lower() and "seb-launcher identity import" in line

    proc = run_cli("identity", "import", p12_path, "--password", password)
    assert proc.returncode == 0, proc.stderr
    out = inspect_json(enc, *read_pw)
    assert out["config_key"] == MOODLE4X_KEY
    assert out["layers"][:2] == ["gzip", outer]
    assert inner in out["layers"][2:] and out["layers"][-1] == "xml"
    assert out["encryption"] == (f"{outer}+pswd" if inner == "pswd" else outer)
    # The hash in the file names the certificate's public key (SEB's pkhs/phsk layout).
    import gzip

    assert gzip.decompress(enc.read_bytes())[4:24] == public_key_hash(cert)


def test_encrypt_for_der_certificate_decrypts_with_identity_file(tmp_path: Path, plain_config: Path, file_keyring) -> None:
    cert, _key, p12, password = make_identity(common_name="CLI file")
    cert_path = tmp_path / "exam.cer"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    p12_path = tmp_path / "exam.p12"
    p12_path.write_bytes(p12)
    enc = tmp_path / "enc.seb"
    assert run_cli("config", "encrypt", plain_config, enc, "--certificate", cert_path, "--symmetric").returncode == 0

    out = inspect_json(enc, "--identity", p12_path, "--identity-password", password)
    assert out["config_key"] == MOODLE4X_KEY
    out = inspect_json(enc, "--identity", p12_path, "--identity-password-stdin", input=password + "\n")
    assert out["config_key"] == MOODLE4X_KEY
    # Using the file did not import it.
    assert run_cli("identity", "list").stdout.strip() == "No certificate identities are stored."
    line = one_error_line(run_cli("config", "inspect", enc, "--identity", p12_path, "--identity-password", "x"))
    assert "password" in line.lower()


def test_encrypt_an_encrypted_input(tmp_path: Path) -> None:
    out = tmp_path / "re.seb"
    proc = run_cli("config", "encrypt", MOODLE / "encrypted.seb", out, "--password", "new", "--in-password", "test")
    assert proc.returncode == 0, proc.stderr
    plain = inspect_json(MOODLE / "unencrypted.seb")["config_key"]
    assert inspect_json(out, "--password", "new")["config_key"] == plain


def test_decrypt_writes_the_plain_plist(tmp_path: Path) -> None:
    out = tmp_path / "plain.plist"
    proc = run_cli("config", "decrypt", MOODLE / "encrypted.seb", out, "--password", "test")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text("utf-8")
    assert text.startswith("<?xml") and "<plist" in text and "https://safeexambrowser.org/start" in text
    again = inspect_json(out)
    assert again["layers"] == ["xml"]
    assert again["config_key"] == inspect_json(MOODLE / "unencrypted.seb")["config_key"]
    # ... and to stdout
    proc = run_cli("config", "decrypt", MOODLE / "encrypted.seb", "-", "--password", "test")
    assert proc.returncode == 0 and proc.stdout == text


def test_plain_uncompressed_encrypt(tmp_path: Path, plain_config: Path) -> None:
    out = tmp_path / "p.seb"
    proc = run_cli("config", "encrypt", plain_config, out, "--password", "x", "--no-compress")
    assert proc.returncode == 0, proc.stderr
    assert inspect_json(out, "--password", "x")["config_key"] == MOODLE4X_KEY


# -- errors: one line, non-zero, no traceback -------------------------------------------------


def test_error_paths_print_one_line(tmp_path: Path, plain_config: Path, file_keyring) -> None:
    garbage = tmp_path / "garbage.seb"
    garbage.write_bytes(b"this is not a configuration at all")
    damaged = tmp_path / "damaged.seb"
    damaged.write_bytes((MOODLE / "encrypted.seb").read_bytes()[:200])
    bad_xml = tmp_path / "bad.seb"
    bad_xml.write_bytes(b'<?xml version="1.0"?><plist><dict><key>a</key></plist>')
    not_cert = tmp_path / "not.pem"
    not_cert.write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    cases = [
        (["config", "inspect", tmp_path / "missing.seb"], "No such file"),
        (["config", "inspect", tmp_path], ""),
        (["config", "inspect", garbage], "not a Safe Exam Browser"),
        (["config", "inspect", damaged], ""),
        (["config", "inspect", bad_xml], ""),
        (["config", "check-url", tmp_path / "missing.seb", "https://x.example/"], "No such file"),
        (["config", "keys", garbage], "not a Safe Exam Browser"),
        (["config", "decrypt", MOODLE / "encrypted.seb", tmp_path / "out.plist", "--password", "bad"], "password"),
        (["config", "decrypt", MOODLE / "unencrypted.seb", tmp_path / "no" / "dir" / "out.plist"], "No such file"),
        (["config", "encrypt", plain_config, tmp_path / "o.seb"], "--password"),
        (["config", "encrypt", plain_config, tmp_path / "o.seb", "--symmetric", "--password", "x"], "--certificate"),
        (["config", "encrypt", plain_config, tmp_path / "o.seb", "--for-client", "--certificate", not_cert], "password"),
        (["config", "encrypt", plain_config, tmp_path / "o.seb", "--certificate", not_cert], "certificate"),
        (["config", "encrypt", plain_config, tmp_path / "o.seb", "--certificate", tmp_path / "none.pem"], "No such file"),
        (["config", "inspect", MOODLE / "encrypted.seb", "--password-env", "SURELY_UNSET_VAR"], "SURELY_UNSET_VAR"),
        (["config", "inspect", MOODLE / "unencrypted.seb", "--identity", tmp_path / "none.p12"], "No such file"),
        (["config", "inspect", MOODLE / "unencrypted.seb", "--identity", garbage], "PKCS#12"),
        (["config", "inspect"], "FILE"),
        (["config", "inspect", MOODLE / "unencrypted.seb", "--bogus"], "--bogus"),
        (["config", "frobnicate"], "frobnicate"),
        (["config"], "COMMAND"),
    ]
    for argv, needle in cases:
        proc = run_cli(*argv)
        line = one_error_line(proc)
        assert needle in line, (argv, line)
        assert proc.stdout == "", argv
    assert not (tmp_path / "o.seb").exists()


def test_help_for_each_command() -> None:
    for sub in ["inspect", "check-url", "encrypt", "decrypt", "keys"]:
        proc = run_cli("config", sub, "--help")
        assert proc.returncode == 0 and proc.stdout.startswith(f"usage: seb-launcher config {sub}")
    proc = run_cli("config", "--help")
    assert proc.returncode == 0 and "check-url" in proc.stdout


# -- a person at a terminal ---------------------------------------------------------------------


def _run_on_terminal(argv: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the launcher with a pseudo-terminal as its controlling terminal (stdin/stdout/stderr),
    typing each answer once the next ``…password for …:`` prompt is on the screen (getpass
    discards anything typed ahead). Returns (exit code, screen text)."""
    import pty
    import select

    from tests.support.cli import launcher_command

    cmd = [*launcher_command(), *argv]
    env = dict(os.environ)
    env.pop("SEB_LAUNCHER_PASSWORD", None)
    pid, fd = pty.fork()
    if pid == 0:  # child: the pty is its controlling terminal
        try:
            os.execve(cmd[0], cmd, env)
        finally:
            os._exit(127)
    screen = b""
    pending = list(answers)
    typed = 0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:  # the child hangs: stop it rather than the test run
                os.kill(pid, 9)
                break
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
            prompts = screen.lower().count(b"password for ")
            if pending and prompts > typed and screen.rstrip().endswith(b":"):
                os.write(fd, pending.pop(0).encode("utf-8") + b"\n")
                typed += 1
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")


def test_asks_for_a_missing_password_on_a_terminal() -> None:
    code, screen = _run_on_terminal(["config", "keys", str(MOODLE / "encrypted.seb")], ["test"])
    assert code == 0, screen
    assert f"Password for {MOODLE / 'encrypted.seb'}:" in screen
    assert "test" not in screen.split(":", 1)[1].split("Config Key")[0]  # not echoed
    plain = inspect_json(MOODLE / "unencrypted.seb")["config_key"]
    assert f"Config Key:       {plain}" in screen


def test_a_mistyped_password_can_be_typed_again() -> None:
    code, screen = _run_on_terminal(["config", "keys", str(MOODLE / "encrypted.seb")], ["tset", "test"])
    assert code == 0, screen
    assert screen.count("Password for") == 2
    assert "Wrong password, or the configuration file is damaged. Try again." in screen
    assert "Config Key:" in screen


def test_three_wrong_passwords_on_a_terminal_end_with_one_line() -> None:
    code, screen = _run_on_terminal(["config", "keys", str(MOODLE / "encrypted.seb")], ["a", "b", "c"])
    assert code != 0
    assert screen.count("Password for") == 3
    last = screen.rsplit("Password for", 1)[1].split(":", 2)[-1].strip().splitlines()
    assert last == ["Wrong password, or the configuration file is damaged."]


def test_identity_import_asks_for_the_p12_password_on_a_terminal(tmp_path: Path, file_keyring) -> None:
    cert, _key, p12, password = make_identity(common_name="Typed")
    path = tmp_path / "typed.p12"
    path.write_bytes(p12)
    code, screen = _run_on_terminal(["identity", "import", str(path)], ["wrong", password])
    assert code == 0, screen
    assert "Wrong password for the certificate file" in screen
    assert f"Imported {public_key_hash(cert).hex()}" in screen


# -- files the launcher would refuse -------------------------------------------------------


@pytest.fixture
def wrongly_typed(tmp_path: Path) -> Path:
    from launcher.config import plist

    path = tmp_path / "wrong.seb"
    path.write_bytes(plist.dumps({
        "startURL": "https://exam.example/start",
        "quitURL": ["https://exam.example/quit"],  # SEB: a string
        "allowQuit": "yes",  # SEB: true/false
        "URLFilterEnable": True,
        "URLFilterRules": [
            {"active": True, "regex": True, "expression": "(unclosed", "action": 1},
            {"active": True, "regex": False, "expression": "exam.example", "action": 9},
            {"active": True, "regex": False, "expression": "ok.example", "action": 1},
        ],
    }))
    return path


def test_inspect_shows_keys_settings_and_every_problem_of_a_file_open_refuses(wrongly_typed: Path) -> None:
    keys = run_cli("config", "keys", wrongly_typed)
    assert keys.returncode == 0, keys.stderr
    proc = run_cli("config", "inspect", wrongly_typed)
    assert proc.returncode == 5, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    for line in keys.stdout.splitlines():  # the same Config Key and Browser Exam Key
        assert line.split(":", 1)[1].strip() in out
    assert "Layers:" in out and "xml" in out
    assert 'quitURL = ["https://exam.example/quit"]' in out and 'allowQuit = "yes"' in out
    lines = out.splitlines()  # the verdict and every problem come first
    assert lines[0].startswith("Runs: refused \u2014 the launcher would refuse this file (3 problems): ")
    problems = lines[1:4]
    assert problems == [
        "  - The setting \u201callowQuit\u201d has a value this launcher cannot use (expected true or false, "
        "found text). SEB would ignore it and use its default; for a security setting this launcher refuses "
        "the exam instead, as the default may allow the student more than the file asks.",
        "  - The setting \u201cURLFilterRules[1].action\u201d has the value 9, which this launcher does not support (allowed: 0, 1).",
        "  - The URL filter rule \u201c(unclosed\u201d is not a valid regular expression.",
    ]
    # quitURL as a list: SEB for Windows' MapQuitUrl ignores it; so does the launcher, saying so
    assert lines[4] == ("Warning: The setting \u201cquitURL\u201d has a value of the wrong type (expected text, "
                        "found a list): SEB ignores such a value, and so does this launcher: SEB's default applies.")


def test_inspect_json_lists_the_problems_and_exits_5(wrongly_typed: Path) -> None:
    proc = run_cli("config", "inspect", "--json", wrongly_typed, "--url", "https://exam.example/start")
    assert proc.returncode == 5, proc.stderr
    out = json.loads(proc.stdout)
    assert [p["detail"].split(":")[0] for p in out["problems"]] == [
        "allowQuit", "URLFilterRules[1].action", "regex rule does not compile"]
    assert out["runs"] is False and out["warnings"][0].startswith("The setting \u201cquitURL\u201d has a value of")
    assert out["settings"]["allowQuit"] == "yes" and out["layers"] == ["xml"]
    assert out["config_key_hash"] == sha256("https://exam.example/start" + out["config_key"])
    # A file the launcher runs has no problems and exits 0.
    assert inspect_json(MOODLE / "unencrypted_mac_001.seb")["problems"] == []


def test_open_still_refuses_a_wrongly_typed_file(wrongly_typed: Path, tmp_path: Path) -> None:
    from tests.support.cli import user_env

    proc = run_cli("open", wrongly_typed, env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "allowQuit" in proc.stderr.splitlines()[-1]
