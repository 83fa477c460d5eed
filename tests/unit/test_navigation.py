"""Quit URL, seb(s):// links and reconfiguration decisions, as SEB for Windows makes them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from launcher.config.navigation import (
    http_to_seb_link,
    is_quit_url,
    is_seb_link,
    may_reconfigure,
    seb_link_to_http,
)
from launcher.config.settings import Settings
from tests.support.vectors import VECTORS

QUIT_CASES = json.loads((VECTORS / "seb-win" / "quit_url.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "case", QUIT_CASES, ids=[f"{c['quitURL']}|{c['request']}|{c['quit']}" for c in QUIT_CASES]
)
def test_quit_url_case_from_seb(case: dict[str, Any]) -> None:
    assert is_quit_url(case["request"], case["quitURL"]) is case["quit"]


@pytest.mark.parametrize(("url", "quit_url", "expected"), [
    ("HTTPS://LMS.example.org/Quiz/Done", "https://lms.example.org/quiz/done", True),
    ("https://lms.example.org/quiz/done//", "https://lms.example.org/quiz/done///", True),
    # SEB searches for the quit URL inside the request URL instead of comparing whole URLs
    ("https://lms.example.org/quiz/done?attempt=3", "https://lms.example.org/quiz/done", True),
    ("https://lms.example.org/quiz/done.php", "https://lms.example.org/quiz/done", True),
    ("https://lms.example.org/quiz/don", "https://lms.example.org/quiz/done", False),
    ("https://lms.example.org/quiz/view?q=(1)", "https://lms.example.org/quiz/view?q=(1)", True),
    ("https://lms.example.org/quiz/viewXq=1", "https://lms.example.org/quiz/view?q=1", False),
    ("https://lms.example.org/", "", False),
    ("https://lms.example.org/", "   ", False),
    ("https://lms.example.org/", "/", False),
])
def test_quit_url_rules(url: str, quit_url: str, expected: bool) -> None:
    assert is_quit_url(url, quit_url) is expected


@pytest.mark.parametrize(("url", "expected"), [
    ("seb://lms.example.org/config.seb", True),
    ("sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=3", True),
    ("SEBS://LMS.example.org/x", True),
    ("https://lms.example.org/seb://x", False),
    ("http://lms.example.org/", False),
    ("sebx://lms.example.org/", False),
    ("seb", False),
    ("", False),
])
def test_seb_links_are_recognised(url: str, expected: bool) -> None:
    assert is_seb_link(url) is expected


@pytest.mark.parametrize(("link", "http"), [
    ("seb://lms.example.org/config.seb", "http://lms.example.org/config.seb"),
    ("sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=3&x=seb://y#F",
     "https://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=3&x=seb://y#F"),
    ("SEBS://LMS.Example.org/Path%20Name", "https://LMS.Example.org/Path%20Name"),
    ("sebs://user:pw@lms.example.org:8443/c.seb", "https://user:pw@lms.example.org:8443/c.seb"),
    ("https://lms.example.org/c.seb", "https://lms.example.org/c.seb"),
])
def test_seb_link_becomes_http_keeping_the_rest(link: str, http: str) -> None:
    assert seb_link_to_http(link) == http


def test_http_becomes_seb_link() -> None:
    assert http_to_seb_link("https://lms.example.org/c.seb") == "sebs://lms.example.org/c.seb"
    assert http_to_seb_link("http://lms.example.org/c.seb") == "seb://lms.example.org/c.seb"
    assert http_to_seb_link("ftp://lms.example.org/c.seb") == "ftp://lms.example.org/c.seb"


# --- may the running exam load another configuration? -------------------------------------

QUIT_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
CONFIG_URL = "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=*"
URL_OK = "https://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=12"
URL_OTHER = "https://evil.example.org/config.seb"

# (quit password, examSessionReconfigureAllow, sebConfigPurpose, reconfigure URL, URL, expected)
TRUTH_TABLE = [
    # with a quit password: allow flag AND matching URL
    (True, True, 0, CONFIG_URL, URL_OK, True),
    (True, True, 0, CONFIG_URL, "sebs://lms.example.org/mod/quiz/accessrule/seb/config.php?cmid=12", True),
    (True, True, 0, CONFIG_URL, URL_OTHER, False),
    (True, False, 0, CONFIG_URL, URL_OK, False),
    (True, True, 0, "", URL_OK, False),
    (True, True, 1, "", URL_OK, False),
    (True, False, 1, CONFIG_URL, URL_OK, False),
    (True, True, 0, "https://lms.example.org/*", URL_OK, True),
    (True, True, 0, "HTTPS://LMS.EXAMPLE.ORG/*", URL_OK, True),
    (True, True, 0, "https://lms.example.org/mod/*", "sebs://lms.example.org/mod/c.seb", True),
    (True, True, 0, "https://lms.example.org/mod", URL_OK, False),  # whole URL must match
    (True, True, 0, "*", URL_OTHER, True),
    # without a quit password: client-configuring file or allow flag
    (False, False, 0, "", URL_OK, False),
    (False, True, 0, "", URL_OTHER, True),
    (False, False, 1, "", URL_OTHER, True),
    (False, True, 1, CONFIG_URL, URL_OTHER, True),
    (False, False, 0, CONFIG_URL, URL_OK, False),
]


@pytest.mark.parametrize(
    ("password", "allow", "purpose", "config_url", "url", "expected"),
    TRUTH_TABLE,
    ids=[f"pw={p}-allow={a}-purpose={u}-cfg={c or '-'}-{url}" for p, a, u, c, url, _ in TRUTH_TABLE],
)
def test_may_reconfigure(password: bool, allow: bool, purpose: int, config_url: str, url: str, expected: bool) -> None:
    settings = Settings.from_dict({
        "hashedQuitPassword": QUIT_HASH if password else "",
        "examSessionReconfigureAllow": allow,
        "sebConfigPurpose": purpose,
        "examSessionReconfigureConfigURL": config_url,
    })
    assert may_reconfigure(settings, url) is expected


def test_blank_quit_password_counts_as_none() -> None:
    settings = Settings.from_dict({"hashedQuitPassword": "  ", "examSessionReconfigureAllow": True})
    assert may_reconfigure(settings, URL_OTHER)


@pytest.mark.parametrize("password", [True, False])
def test_no_reconfiguration_when_opening_configs_is_off(password: bool) -> None:
    settings = Settings.from_dict({
        "hashedQuitPassword": QUIT_HASH if password else "",
        "examSessionReconfigureAllow": True,
        "examSessionReconfigureConfigURL": "*",
        "sebConfigPurpose": 1,
        "downloadAndOpenSebConfig": False,
    })
    assert not may_reconfigure(settings, URL_OK)


def test_moodle_quiz_config_refuses_reconfiguration() -> None:
    from launcher.config.container import read_config_file

    raw = read_config_file(VECTORS / "more" / "quiz_settings_moodle4x_contentfilter1.seb").settings
    assert not may_reconfigure(Settings.from_dict(raw), URL_OK)
