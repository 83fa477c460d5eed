"""``seb-launcher config inspect`` as an administrator reads it: verdict first, what is and is not
a SEB key, SEB's defaults, unprotected client files, start URLs SEB repairs, exit codes per reason,
one JSON object always, and a quiet end in a closed pipe. Real child processes on real files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from launcher.config import plist
from tests.support.cli import launcher_command, one_error_line, run_cli
from tests.support.vectors import VECTORS, WILD_SEB

MOODLE = VECTORS / "moodle"
WILD = WILD_SEB


def _file(tmp_path: Path, settings: dict, name: str = "exam.seb") -> Path:
    path = tmp_path / name
    path.write_bytes(plist.dumps({"allowVirtualMachine": True, **settings}))
    return path


def _inspect(*args) -> tuple[int, str]:
    proc = run_cli("config", "inspect", *args)
    assert proc.stderr == "", proc.stderr
    return proc.returncode, proc.stdout


def _inspect_json(*args) -> tuple[int, dict]:
    proc = run_cli("config", "inspect", "--json", *args)
    assert proc.stderr == "", proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, proc.stdout
    return proc.returncode, json.loads(lines[0])


def test_seb_keys_not_supported_here_are_told_apart_from_made_up_keys(tmp_path: Path) -> None:
    path = _file(tmp_path, {
        "startURL": "https://exam.example/", "allowClipboard": False, "quitLink": "https://exam.example/q",
        "allowUserToQuit": True, "exitKey1": 2, "exitKey2": 7, "zoomEnable": False, "allowSiri": False,
    })
    code, text = _inspect(path)
    assert code == 0
    seb, invented = text.split("SEB keys not supported here: ", 1)[1].split("Not SEB keys: ", 1)
    assert "  exitKey1 (set to SEB's default)\n" in seb and "  exitKey2\n" in seb
    assert "  zoomEnable (set to SEB's default)\n" in seb
    assert "allowClipboard" not in seb and "quitLink" not in seb
    assert invented.startswith("3 ")
    assert "  allowUserToQuit: did you mean allowQuit?\n" in invented
    assert "  quitLink: did you mean quitURL?\n" in invented
    assert "  allowClipboard: did you mean clipboardPolicy?\n" in invented
    code, out = _inspect_json(path)
    rows = {r["key"]: r for r in out["not_honoured"]}
    assert rows["allowUserToQuit"]["status"] == "not a SEB key" and rows["allowUserToQuit"]["did_you_mean"] == "allowQuit"
    assert rows["exitKey1"]["status"] == "SEB key, not supported here" and rows["exitKey1"]["value_is_default"]
    assert not rows["exitKey2"]["value_is_default"]
    assert "exitKey1" in out["at_seb_default"] and "startURL" not in out["at_seb_default"]


def test_a_security_setting_not_honoured_reads_as_a_setting_not_a_status(tmp_path: Path) -> None:
    _, text = _inspect(_file(tmp_path, {"startURL": "https://exam.example/", "allowSiri": True}))
    assert "(security " not in text
    assert "  allowSiri: not applicable, a security setting \u2014 macOS Siri\n" in text


def test_proxies_and_their_sub_keys_are_listed_once(tmp_path: Path) -> None:
    proxies = {"HTTPEnable": True, "HTTPProxy": "proxy.example", "HTTPPort": 8080, "RTSPEnable": False,
               "ExcludeSimpleHostnames": False, "AutoConfigurationJavaScript": ""}
    _, text = _inspect(_file(tmp_path, {"startURL": "https://exam.example/", "proxies": proxies}))
    lines = [line for line in text.splitlines() if "proxies" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("  proxies: not supported") and "with 6 sub-keys" in lines[0]
    _, out = _inspect_json(_file(tmp_path, {"startURL": "https://exam.example/", "proxies": proxies}, "b.seb"))
    assert [r["key"] for r in out["not_honoured"] if r["key"].startswith("proxies")] == ["proxies"]


def test_a_client_file_with_sebs_empty_password_is_not_shown_as_protected(tmp_path: Path) -> None:
    src = _file(tmp_path, {"startURL": "https://exam.example/", "sebConfigPurpose": 1}, "plain.seb")
    client = tmp_path / "client.seb"
    proc = run_cli("config", "encrypt", src, client, "--for-client", "--password", "")
    assert proc.returncode == 0, proc.stderr
    code, text = _inspect(client)
    assert code == 0
    assert text.splitlines()[0] == ("Runs: runs \u2014 as client settings: opening it stores them as this "
                                    "computer's settings (sebConfigPurpose 1); it starts no exam by itself")
    assert "Encryption:" in text and "pwcc \u2014 opens with SEB's empty password: not protected" in text
    _, out = _inspect_json(client)
    assert out["encryption"] == "pwcc" and out["empty_password"] is True
    protected = tmp_path / "protected.seb"
    assert run_cli("config", "encrypt", src, protected, "--for-client", "--password", "admin").returncode == 0
    _, out = _inspect_json(protected, "--password", "admin")
    assert out["encryption"] == "pwcc" and out["empty_password"] is False


def test_a_published_client_file_with_the_empty_password() -> None:
    # LoonieCat666/EDBSim's SebClientSettings.seb: gzip + pwcc, saved by SEB without an admin password
    code, out = _inspect_json(WILD / "LoonieCat666__EDBSim__SebClientSettings.seb")
    assert code in (0, 5) and out["empty_password"] is True and out["layers"][:2] == ["gzip", "pwcc"]


def test_each_reason_a_file_cannot_be_read_has_its_own_exit_code(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.seb"
    garbage.write_bytes(b"this is not a configuration at all")
    damaged = tmp_path / "damaged.seb"
    damaged.write_bytes(b"\x1f\x8b" + (MOODLE / "encrypted.seb").read_bytes()[2:200])
    cases = [
        ([MOODLE / "encrypted.seb"], 6, "needs a password", "password"),
        ([MOODLE / "encrypted.seb", "--password", "nope"], 7, "wrong password", "wrong password"),
        ([garbage], 8, "not a SEB file", "not a safe exam browser"),
        ([damaged], 9, "damaged", "damaged"),
        ([tmp_path / "missing.seb"], 1, "unreadable", "no such file"),
    ]
    for args, code, kind, words in cases:
        proc = run_cli("config", "inspect", *args)
        assert proc.returncode == code, (args, proc.stderr)
        assert words in one_error_line(proc).lower() and proc.stdout == ""
        proc = run_cli("config", "inspect", "--json", *args)
        assert proc.returncode == code and proc.stderr == ""
        out = json.loads(proc.stdout)  # always one JSON object
        assert out["error_kind"] == kind and out["exit_code"] == code and words in out["error"].lower()
    assert run_cli("config", "keys", MOODLE / "encrypted.seb", "--password", "nope").returncode == 7
    assert run_cli("config", "keys", garbage).returncode == 8


def test_a_client_file_asks_for_the_administrator_password(tmp_path: Path) -> None:
    src = _file(tmp_path, {"startURL": "https://exam.example/", "sebConfigPurpose": 1}, "plain.seb")
    client = tmp_path / "client.seb"
    assert run_cli("config", "encrypt", src, client, "--for-client", "--password", "admin").returncode == 0
    line = one_error_line(run_cli("config", "inspect", client))
    assert "administrator password" in line and "--password" in line
    from tests.unit.test_cli_config import _run_on_terminal

    code, screen = _run_on_terminal(["config", "keys", str(client)], ["admin"])
    assert code == 0, screen
    assert f"Administrator password for the client configuration {client}:" in screen


def test_inspect_into_a_closed_pipe_ends_quietly_with_its_exit_code() -> None:
    for path, code in ((WILD / "SafeExamBrowser__seb-server__importTest.seb", 0), (MOODLE / "encrypted.seb", 6)):
        proc = subprocess.Popen([*launcher_command(), "config", "inspect", str(path)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()  # like `| head` that has already gone: every write meets a closed pipe
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == code, err
        assert b"Broken pipe" not in err and b"Traceback" not in err
        if code == 0:
            assert err == b""


@pytest.mark.parametrize(("text", "loaded", "loads"), [
    (" https://exam.example/start", "https://exam.example/start", True),
    ("192.168.0.221/moodle/", "http://192.168.0.221/moodle/", True),
    ("exam.example.org", "http://exam.example.org", True),
    ("localhost:80/moodle/", "localhost:80/moodle/", False),
])
def test_start_urls_seb_repairs_or_cannot_load_are_named_first(tmp_path: Path, text: str, loaded: str,
                                                              loads: bool) -> None:
    path = _file(tmp_path, {"startURL": text})
    code, out = _inspect(path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("Runs: runs \u2014 the launcher runs this file" if loads
                        else "Runs: runs, but its start page will not load \u2014 see the warning below")
    assert lines[1].startswith("Warning: The start URL \u201c" + text + "\u201d")
    assert ("repaired" in lines[1]) == loads and ("no browser loads" in lines[1]) == (not loads)
    assert f"Start URL:         {loaded}\n" in out
    _, data = _inspect_json(path)
    assert data["start_url"] == loaded and data["warnings"][0] == lines[1][len("Warning: "):]
    clean = _file(tmp_path, {"startURL": "https://exam.example/"}, "clean.seb")
    assert _inspect_json(clean)[1]["warnings"] == []
