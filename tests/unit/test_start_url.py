"""Start URLs SEB for Windows repairs or cannot load (``startURL`` as people write it): what the
exam window loads, what the URL filter allows, and the warning in the log."""

from __future__ import annotations

import logging

import pytest

from launcher.browser.options import KioskOptions
from launcher.config.settings import Settings
from launcher.config.start_url import start_url
from launcher.config.urlfilter import UrlFilter


@pytest.mark.parametrize(("text", "url", "loads", "says"), [
    ("https://exam.example/start", "https://exam.example/start", True, ""),
    (" https://exam.example/start", "https://exam.example/start", True, "spaces or control characters"),
    ("https://exam.example/start\r\n", "https://exam.example/start", True, "spaces or control characters"),
    ("192.168.0.221/moodle/", "http://192.168.0.221/moodle/", True, "no scheme"),
    ("exam.example.org", "http://exam.example.org", True, "no scheme"),
    ("localhost:80/moodle/", "localhost:80/moodle/", False, "no browser loads"),
    ("localhost:8080", "localhost:8080", False, "no browser loads"),
    ("ftp://files.example/exam", "ftp://files.example/exam", False, "does not load"),
    ("   ", "", False, "empty"),
])
def test_start_url_as_seb_for_windows_loads_it(text: str, url: str, loads: bool, says: str) -> None:
    result = start_url(text)
    assert (result.url, result.loads) == (url, loads)
    assert (says in result.warning) if says else result.warning == ""


def test_the_exam_window_loads_the_repaired_url_and_the_log_says_so(caplog) -> None:
    caplog.set_level(logging.WARNING)
    settings = Settings.from_dict({"startURL": " https://exam.example/quiz?token=s3cret",
                                   "URLFilterEnable": True,
                                   "URLFilterRules": [{"active": True, "regex": False, "action": 1,
                                                       "expression": "other.example"}]})
    assert KioskOptions.from_settings(settings).start_url == "https://exam.example/quiz?token=s3cret"
    lines = [r.getMessage() for r in caplog.records if r.name == "launcher.config.start_url"]
    assert lines == ["start URL repaired: https://exam.example/quiz?\u2026 (see seb-launcher config inspect)"]
    assert "s3cret" not in caplog.text  # the query may carry a secret
    url_filter = UrlFilter.from_settings(settings)  # the start page itself is allowed, as in SEB
    assert url_filter.decide("https://exam.example/quiz?token=s3cret").allowed
    assert not url_filter.decide("https://elsewhere.example/").allowed


def test_an_address_without_scheme_loads_over_http_as_in_seb() -> None:
    options = KioskOptions.from_settings(Settings.from_dict({"startURL": "192.168.0.221/moodle/"}))
    assert options.start_url == "http://192.168.0.221/moodle/"
