"""Config Key, SEB-JSON, Browser Exam Key and request hashes against other projects' vectors."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

import pytest

from launcher.config import keys, plist
from tests.support.vectors import VECTORS, WILD_SEB, vector

MAC_001_KEY = "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"
MOODLE4X_KEY = "2534e4e9f3188f9f9133bf7cf7b4c5d898292bbd7e8d0230f39d1176636a1431"


def load(relative: str) -> dict:
    return plist.loads(vector(relative))


def test_seb_json_of_the_mac_file_is_byte_for_byte_moodles():
    expected = vector("moodle/JSON_unencrypted_mac_001.txt").decode("utf-8")
    assert keys.seb_json(load("moodle/unencrypted_mac_001.seb")) == expected


def test_config_key_of_the_mac_file():
    assert keys.config_key(load("moodle/unencrypted_mac_001.seb")) == MAC_001_KEY


def test_config_key_of_moodle4x_file_with_reals():
    settings = load("moodle/unencrypted_win_223_moodle4x.seb")
    assert any(isinstance(v, float) for v in settings.values())
    assert keys.config_key(settings) == MOODLE4X_KEY


def test_originator_version_does_not_count():
    with_it = load("moodle/simpleunencrypted.seb")
    without = load("moodle/simpleunencryptedwithoutoriginator.seb")
    assert "originatorVersion" in with_it and "originatorVersion" not in without
    assert keys.config_key(with_it) == keys.config_key(without)
    assert "originatorVersion" not in keys.seb_json(with_it)


@pytest.mark.parametrize("name", ["TestDictionary1.plist", "TestDictionary2.plist", "TestDictionary3.plist"])
def test_seb_windows_test_dictionaries(name):
    settings = load(f"seb-win/{name}")
    text = keys.seb_json(settings)
    json.loads(text.replace("\\", "\\\\").replace('\\\\"', '\\"'))  # well-formed apart from raw backslashes
    assert '"ws:\\localhost:8706"' in text  # one backslash, kept raw
    assert len(keys.config_key(settings)) == 64
    if "allowWlan" in settings and "allowWLAN" in settings:
        assert text.index('"allowWlan"') < text.index('"allowWLAN"')
    if settings.get("configKeyContainedKeys") == {}:
        assert "configKeyContainedKeys" not in text
        assert '"configKeySalt":""' in text


def test_both_wlan_keys_side_by_side_in_dictionary_2():
    text = keys.seb_json(load("seb-win/TestDictionary2.plist"))
    assert '"allowWlan":false,"allowWLAN":false' in text


def test_empty_dictionary_dropped_only_as_a_dictionary_value():
    assert keys.seb_json({"b": {}, "a": [{}], "c": []}) == '{"a":[{}],"c":[]}'


def test_sorting_is_case_insensitive_with_lowercase_first():
    settings = {"enableF2": 1, "enableF10": 2, "B": 3, "a": 4, "allowWLAN": 5, "allowWlan": 6, "zoomMode": 7}
    assert keys.seb_json(settings) == (
        '{"a":4,"allowWlan":6,"allowWLAN":5,"B":3,"enableF10":2,"enableF2":1,"zoomMode":7}'
    )


def test_strings_are_written_raw_as_seb_writes_them():
    # SEB for macOS' jsonStringForObject: ("%@"), SEB Server's StringConverter ("%s") and SEB for
    # Windows' Json.cs through 2024 ('"' + text + '"'): a quote, a backslash, a slash, a line break,
    # a tab and non-ASCII text all stay as they are, UTF-8 encoded.
    text = 'a"b\\c/d\ne\tf\u00fc\u20ac'
    assert keys.seb_json({"s": text}) == '{"s":"' + text + '"}'
    assert keys.config_key({"s": text}) == hashlib.sha256(('{"s":"' + text + '"}').encode("utf-8")).hexdigest()
    # SEB for Windows' 2025 Json.cs escapes the quote only; that key is named, not used
    escaped = '{"s":"a\\"b\\c/d\ne\tf\u00fc\u20ac"}'
    assert keys.config_key_quotes_escaped({"s": text}) == hashlib.sha256(escaped.encode("utf-8")).hexdigest()
    assert keys.config_key_quotes_escaped({"s": "no quote"}) == keys.config_key({"s": "no quote"})


WILD = WILD_SEB


def test_seb_for_windows_own_client_file_keeps_its_quotes_raw():
    """SEB for Windows 2.x's own SebClient.seb: its permitted process arguments hold quotes and
    backslashes (``-profile "%LOCALAPPDATA%\\ETH Zuerich\\…``); SEB writes both raw."""
    settings = plist.loads((WILD / "SafeExamBrowser__seb-win__SebClient.seb").read_bytes())
    argument = settings["permittedProcesses"][0]["arguments"][1]["argument"]
    assert argument.startswith('-profile "%LOCALAPPDATA%\\ETH Zuerich\\')
    text = keys.seb_json(settings)
    assert '"argument":"' + argument + '"' in text
    assert '\\"' not in text
    assert keys.config_key(settings) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    reasons = "\n".join(keys.explain_mismatch(settings))
    assert "/permittedProcesses[0]/arguments[0]/argument" in reasons and "double quote" in reasons
    assert keys.config_key_quotes_escaped(settings) in reasons
    assert keys.config_key_quotes_escaped(settings) != keys.config_key(settings)


def test_values_of_each_type():
    settings = {"b": True, "d": b"\x00\xff", "e": b"", "i": -3, "n": {"x": False}, "l": [1, "x", 0.5]}
    assert keys.seb_json(settings) == '{"b":true,"d":"AP8=","e":"","i":-3,"l":[1,"x",0.5],"n":{"x":false}}'


REAL_CASES = json.loads((VECTORS / "seb-win" / "real_format.json").read_text())["cases"]


def _real(expression: str) -> float:
    if "/" in expression:
        a, b = expression.split("/")
        return float(a) / float(b)
    if "+" in expression:
        return sum(float(p) for p in expression.split("+"))
    return float(expression)


@pytest.mark.parametrize("case", REAL_CASES, ids=lambda c: c["value"])
def test_reals_are_written_like_dotnet(case):
    assert keys.seb_json({"r": _real(case["value"])}) == '{"r":%s}' % case["expected"]


def test_dates_are_flagged_and_written_in_iso_form():
    settings = {"when": dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)}
    assert keys.has_dates(settings)
    assert not keys.has_dates(load("moodle/unencrypted_mac_001.seb"))
    assert keys.seb_json(settings) == '{"when":2020-01-02T03:04:05.0000000Z}'
    assert any("date" in reason for reason in keys.explain_mismatch(settings))


def test_explain_mismatch_names_moodle_quirks():
    reasons = keys.explain_mismatch(
        {"a": [{}], "s": "line\nbreak", "r": 1.2345678901234567, "n": {"originatorVersion": "x"}}
    )
    text = "\n".join(reasons)
    assert "/a[0]" in text and "empty dictionary inside an array" in text
    assert "/s" in text and "line break" in text and "Moodle's json_encode escapes it" in text
    assert "/r" in text and "1.23456789012346" in text
    assert "/n" in text
    assert "punctuation" in keys.explain_mismatch({"a_1": 1, "a1": 2})[0]
    assert keys.explain_mismatch({"a_b": 1, "ac": 2}) == []
    assert keys.explain_mismatch(load("moodle/unencrypted_mac_001.seb")) == []
    assert keys.explain_mismatch({}) != []


def test_explain_mismatch_names_moodles_quote_escaping_and_the_wlan_pair():
    reasons = keys.explain_mismatch({"quitURL": 'https://x/?a="1"', "allowWLAN": True, "allowWlan": False})
    text = "\n".join(reasons)
    assert "/quitURL" in text and "Moodle's json_encode" in text and "double quote" in text
    assert keys.config_key_quotes_escaped({"quitURL": 'https://x/?a="1"', "allowWLAN": True, "allowWlan": False}) in text
    assert "both allowWlan and allowWLAN" in text and "SEB for iOS" in text
    assert keys.explain_mismatch({"allowWlan": False}) == []
    assert keys.explain_mismatch({"s": "plain \\ text ü"}) == []


REQUEST_CASES = json.loads((VECTORS / "request_hash.json").read_text())


@pytest.mark.parametrize("case", REQUEST_CASES, ids=lambda c: c["url"])
def test_request_hash_matches_open_edx(case):
    assert keys.url_hash(case["url"], case["key"]) == case["expected"]
    assert keys.url_hash(case["url"] + "#section-2", case["key"]) == case["expected"]
    exam = keys.ExamKeys(config_key=case["key"], browser_exam_key=case["key"])
    assert exam.config_key_hash(case["url"]) == case["expected"]
    assert exam.request_hash(case["url"] + "#x") == case["expected"]


def test_url_for_hash_keeps_the_url_as_sent():
    assert keys.url_for_hash("https://h/p?q=%20a&b#frag#more") == "https://h/p?q=%20a&b"
    assert keys.url_for_hash("HTTPS://Host/Path/") == "HTTPS://Host/Path/"


def test_browser_exam_key_is_seb_windows_construction():
    salt = bytes(range(32))
    key = keys.browser_exam_key(MAC_001_KEY, salt, signature="SIG", version="1.2")
    assert key == hmac.new(salt, ("SIG" + "1.2" + MAC_001_KEY).encode(), hashlib.sha256).hexdigest()
    assert key != keys.browser_exam_key(MAC_001_KEY, salt[:-1], signature="SIG", version="1.2")
    assert key != keys.browser_exam_key(MAC_001_KEY, salt, signature="SIG", version="1.3")
    assert key != keys.browser_exam_key(MOODLE4X_KEY, salt, signature="SIG", version="1.2")


def test_app_signature_is_stable_and_enters_the_default_key():
    signature = keys.app_signature()
    assert len(signature) == 64 and signature == keys.app_signature()
    default = keys.browser_exam_key(MAC_001_KEY, b"salt")
    assert default == keys.browser_exam_key(
        MAC_001_KEY, b"salt", signature=signature, version=keys.app_version()
    )


def test_exam_keys_from_settings_and_server_bek():
    settings = load("moodle/unencrypted_mac_001.seb")
    exam = keys.ExamKeys.for_settings(settings, signature="S", version="V")
    assert exam.config_key == MAC_001_KEY
    salt = settings["examKeySalt"]
    assert exam.browser_exam_key == keys.browser_exam_key(MAC_001_KEY, salt, signature="S", version="V")
    url = "https://moodle.example/mod/quiz/view.php?id=7"
    assert exam.config_key_hash(url) == hashlib.sha256((url + MAC_001_KEY).encode()).hexdigest()
    server = exam.with_bek("b" * 64)
    assert server.config_key == exam.config_key
    assert server.request_hash(url) == hashlib.sha256((url + "b" * 64).encode()).hexdigest()
    assert exam.request_hash(url) != server.request_hash(url)
    assert MAC_001_KEY not in repr(exam)
    with pytest.raises(Exception):
        exam.config_key = "x"  # type: ignore[misc]


MORE = sorted((VECTORS / "more").glob("*.seb"))


@pytest.mark.parametrize("path", MORE, ids=lambda p: p.name)
def test_moodle_quiz_settings_parse_and_key(path):
    settings = plist.loads(path.read_bytes())
    text = keys.seb_json(settings)
    assert text.startswith('{"allowPreferencesWindow":false,"allowQuit":true,')
    assert '"URLFilterRules":[{"action":1,"active":true,"expression":"test.com","regex":false}]' in text
    assert len(keys.config_key(settings)) == 64


def test_one_setting_changes_the_config_key():
    assert len(MORE) == 4
    by_name = {p.name: keys.config_key(plist.loads(p.read_bytes())) for p in MORE}
    assert len(set(by_name.values())) == 4
    off = plist.loads((VECTORS / "more" / "quiz_settings_moodle4x_contentfilter0.seb").read_bytes())
    on = plist.loads((VECTORS / "more" / "quiz_settings_moodle4x_contentfilter1.seb").read_bytes())
    assert {k for k in off if off[k] != on[k]} == {"URLFilterEnableContentFilter"}


def test_seb_windows_223_file_with_function_keys():
    settings = load("moodle/unencrypted_win_223.seb")
    text = keys.seb_json(settings)
    assert text.index('"enableF10"') < text.index('"enableF11"') < text.index('"enableF12"') < text.index('"enableF2"')
    assert keys.config_key(settings) != keys.config_key(load("moodle/unencrypted_win_223_moodle4x.seb"))


def test_the_moodle_double_computes_moodles_key_the_fixtures_confirm():
    """tests/support/moodle.py's Config Key follows Moodle's json_encode: on Moodle's own fixtures
    (backslashes kept raw) it gives Moodle's keys; it differs from SEB's only where Moodle escapes."""
    from tests.support.moodle import moodle_config_key

    assert moodle_config_key(load("moodle/unencrypted_mac_001.seb")) == MAC_001_KEY
    assert moodle_config_key(load("moodle/unencrypted_win_223_moodle4x.seb")) == MOODLE4X_KEY
    quoted = {"s": 'a "b"', "t": "c\\d"}
    assert moodle_config_key(quoted) == keys.config_key_quotes_escaped(quoted) != keys.config_key(quoted)
    broken = {"s": "line\nbreak"}
    assert moodle_config_key(broken) == hashlib.sha256(b'{"s":"line\\nbreak"}').hexdigest()
    assert moodle_config_key(broken) != keys.config_key(broken)
