"""Every published real ``.seb`` file of ``../shared/wild-seb`` through the reader and through
``seb-launcher config inspect`` as an administrator runs it (text and ``--json``, real child
processes): no traceback, no "Unexpected error", only the documented exit codes, and the text
and the JSON say the same. Files whose owners published the password (``passwords.tsv``) are
opened with it; the others must end with "needs a password" (6) or "needs a certificate" (10),
and the three files that are not SEB files at all (a JSON file, an encrypted token, a lone BOM)
with "not a SEB file" (8)."""

from __future__ import annotations

import csv
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from launcher.cli.config_inspect import (
    DOCUMENTED_EXIT_CODES,
    EXIT_NEEDS_PASSWORD,
    EXIT_NO_IDENTITY,
    EXIT_NOT_SEB_FILE,
)
from launcher.config.container import read_config_file
from launcher.config.errors import NoIdentity, NotSebFile, PasswordRequired
from launcher.config.keys import config_key, seb_json
from tests.support.cli import run_cli
from tests.support.vectors import WILD_SEB

FILES = sorted(WILD_SEB.glob("*.seb"))
PASSWORDS = {row["file"]: row["password"]
             for row in csv.DictReader((WILD_SEB / "passwords.tsv").open(encoding="utf-8"), delimiter="\t")}
#: Published under a .seb name, but no SEB file: JSON of the authors' own, a Fernet token, a BOM only
#: (SEB for Windows' unit test of an empty file).
NOT_SEB = {"bayuhadi863__digicon-nextjs__secure_browser.seb", "omurkar__nextslove-safe-exam-broswer__exam_config.seb",
           "SafeExamBrowser__seb-win-refactoring__SebClientSettings.seb"}
SOURCES = list(csv.DictReader((WILD_SEB / "sources.tsv").open(encoding="utf-8"), delimiter="\t"))


def _args(path: Path) -> list[str]:
    password = PASSWORDS.get(path.name)
    return [str(path), *(["--password", password] if password is not None else [])]


def _both(path: Path) -> tuple[object, object]:
    return run_cli("config", "inspect", *_args(path)), run_cli("config", "inspect", "--json", *_args(path))


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[object, object]]:
    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores on the shared machine
        return dict(zip((p.name for p in FILES), pool.map(_both, FILES)))


def test_the_corpus_is_all_there() -> None:
    assert len(FILES) == 117 == len(SOURCES)
    assert {row["file"] for row in SOURCES} == {p.name for p in FILES}
    assert set(PASSWORDS) <= {p.name for p in FILES}


def test_the_reader_opens_every_file_or_says_what_it_needs() -> None:
    opened = needs = 0
    not_seb = set()
    for path in FILES:
        try:
            loaded = read_config_file(path, password=PASSWORDS.get(path.name))
        except NotSebFile:
            not_seb.add(path.name)
            continue
        except (PasswordRequired, NoIdentity):
            assert path.name not in PASSWORDS, path.name  # a published password opens its file
            needs += 1
            continue
        opened += 1
        assert isinstance(loaded.settings, dict)
        assert config_key(loaded.settings) == _sha256(seb_json(loaded.settings))
    assert not_seb == NOT_SEB
    assert opened >= 65 and opened + needs + len(not_seb) == 117


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_inspect_text_and_json_agree_on_every_file(runs: dict, name: str) -> None:
    text_run, json_run = runs[name]
    for proc in (text_run, json_run):
        assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
        assert "Unexpected error" not in proc.stdout + proc.stderr, proc.stderr
        assert proc.returncode in DOCUMENTED_EXIT_CODES, (proc.returncode, proc.stderr)
    assert text_run.returncode == json_run.returncode
    assert json_run.stderr == ""
    lines = json_run.stdout.splitlines()
    assert len(lines) == 1  # always one JSON object
    data = json.loads(lines[0])
    if "error" in data:
        assert data["exit_code"] == json_run.returncode
        assert text_run.stdout == "" and text_run.stderr.strip() == data["error"]
        if name in NOT_SEB:
            assert json_run.returncode == EXIT_NOT_SEB_FILE and data["error_kind"] == "not a SEB file"
        else:  # every other file reads, or waits for what its owner did not publish
            assert json_run.returncode in (EXIT_NEEDS_PASSWORD, EXIT_NO_IDENTITY), data
            assert name not in PASSWORDS
        return
    assert text_run.stderr == ""
    text = text_run.stdout
    first = text.splitlines()[0]
    assert first == "Runs: " + data["verdict"]
    assert data["runs"] == (json_run.returncode == 0)
    assert _row(text, "Config Key") == data["config_key"]
    assert _row(text, "Browser Exam Key") == data["browser_exam_key"]
    assert _row(text, "Layers") == " \u2192 ".join(data["layers"])
    assert _row(text, "Encryption").startswith(data["encryption"])
    assert ("SEB's empty password" in _row(text, "Encryption")) == data["empty_password"]
    assert re.findall(r"^Warning: (.*)$", text, re.M) == [" ".join(w.split()) for w in data["warnings"]]
    assert re.findall(r"^Note: (.*)$", text, re.M) == [" ".join(n.split()) for n in data["notes"]]
    assert _row(text, "Settings") == (f"{len(data['settings'])} keys in the file "
                                      f"({len(data['at_seb_default'])} at SEB's default)")
    if data["runs"]:
        assert _row(text, "Start URL") == (data["start_url"] or "(none)")
        rows = data["not_honoured"]
        invented = [r for r in rows if r["status"] == "not a SEB key"]
        other = [r for r in rows if r["status"] == "SEB key, not supported here"]
        assert _count(text, "Not SEB keys") == len(invented)
        assert _count(text, "SEB keys not supported here") == len(other)
        assert _count(text, "Not honoured here") == len(rows) - len(invented) - len(other)
    else:
        problems = re.findall(r"^  - (.*)$", text, re.M)
        assert problems == [" ".join(p["message"].split()) for p in data["problems"]]


def _row(text: str, name: str) -> str:
    match = re.search(rf"^{re.escape(name)}: +(.*)$", text, re.M)
    assert match, name
    return match.group(1)


def _count(text: str, heading: str) -> int:
    match = re.search(rf"^{re.escape(heading)}: (\d+) ", text, re.M)
    return int(match.group(1)) if match else 0


def test_what_the_corpus_shows(runs: dict) -> None:
    """The figures the README quotes: how many files run, are refused, need a password."""
    codes = [json_run.returncode for _text, json_run in runs.values()]
    readable = [json.loads(j.stdout) for _t, j in runs.values() if "error" not in json.loads(j.stdout)]
    assert len(readable) + codes.count(EXIT_NEEDS_PASSWORD) + codes.count(EXIT_NO_IDENTITY) + len(NOT_SEB) == 117
    quoted = [d for d in readable if any("double quote" in n for n in d["notes"])]
    assert len(quoted) == 1  # SEB for Windows 2.x's own SebClient.seb
    assert all(d["config_key"] != n.rsplit(" ", 1)[-1].rstrip(".") for d in quoted for n in d["notes"]
               if "double quote" in n)
