"""Typed settings: SEB's defaults for absent keys, the raw dict kept as it was, real configs
read without complaint, and a plain error naming the key for a value of the wrong type."""

from __future__ import annotations

import dataclasses

import pytest

from launcher.config.container import read_config_file
from launcher.config.errors import UnsupportedValue
from launcher.config.settings import Settings
from launcher.config.settings_table import DEFAULTS, FIELDS, EmbeddedCertificate, UrlFilterRule
from tests.support.vectors import VECTORS


def load(relative: str, **kw: object) -> dict:
    return read_config_file(VECTORS / relative, **kw).settings


# --- defaults -----------------------------------------------------------------------------

# (attribute, expected) straight from SEB for Windows' DataValues.LoadDefaultSettings.
SEB_WIN_DEFAULTS = [
    ("start_url", "https://www.safeexambrowser.org/start"),
    ("allow_quit", True),
    ("allow_reload", True),
    ("show_reload_warning", True),
    ("allow_back_forward", False),
    ("enable_zoom_page", True),
    ("allow_print", False),
    ("allow_find", True),
    ("allow_pdf_reader_toolbar", False),
    ("clear_cookies_on_start", True),
    ("clear_cookies_on_end", True),
    ("reconfigure_allow", False),
    ("send_browser_exam_key", False),
    ("allow_developer_console", False),
    ("download_and_open_seb_config", True),
    ("quit_url_restart", False),
    ("enable_alt_f4", False),
    ("enable_esc", True),
    ("enable_print_screen", False),
    ("show_task_bar", True),
    ("show_time", True),
]

# Where SEB for Windows is silent, SEB for macOS' SEBSettings.m decides.
SEB_MAC_DEFAULTS = [
    ("quit_url_confirm", True),
    ("allow_down_uploads", True),
    ("new_window_by_link_policy", 2),
    ("new_window_by_script_policy", 2),
    ("new_window_by_link_block_foreign", False),
    ("new_window_by_script_block_foreign", False),
    ("allow_spell_check", False),
    ("show_reload_button", True),
    ("url_filter_enable", False),
    ("url_filter_enable_content_filter", False),
]


@pytest.mark.parametrize(("attr", "expected"), SEB_WIN_DEFAULTS + SEB_MAC_DEFAULTS, ids=lambda v: str(v))
def test_absent_keys_take_sebs_defaults(attr: str, expected: object) -> None:
    assert getattr(Settings.from_dict({}), attr) == expected


def test_empty_config_has_no_passwords_rules_or_certificates() -> None:
    settings = Settings.defaults()
    assert settings.quit_url == ""
    assert settings.hashed_quit_password == "" and not settings.has_quit_password
    assert settings.hashed_admin_password == "" and not settings.has_admin_password
    assert settings.exam_key_salt == b""
    assert settings.url_filter_rules == ()
    assert settings.embedded_certificates == ()
    assert settings.config_purpose == 0 and not settings.configures_client
    assert dict(settings.seb_server_configuration) == {}
    assert settings.allow_pdf_reader  # downloadPDFFiles absent -> PDFs open in the reader


def test_table_and_class_agree() -> None:
    attrs = {f.name for f in dataclasses.fields(Settings)} - {"raw"}
    assert attrs == {f.attr for f in FIELDS}
    assert len({f.key for f in FIELDS}) == len(FIELDS)
    assert DEFAULTS["startURL"] == "https://www.safeexambrowser.org/start"


def test_value_reads_by_seb_key_with_default() -> None:
    settings = Settings.from_dict({"quitURL": "https://lms.example/quit"})
    assert settings.value("quitURL") == "https://lms.example/quit"
    assert settings.value("allowQuit") is True
    with pytest.raises(KeyError):
        settings.value("noSuchKey")


# --- raw dict kept ------------------------------------------------------------------------


def test_raw_dict_is_kept_untouched_with_unknown_keys() -> None:
    raw = {"startURL": "https://exam.example/", "someFutureKey": {"nested": [1, 2]}, "originatorVersion": "x"}
    snapshot = {"startURL": "https://exam.example/", "someFutureKey": {"nested": [1, 2]}, "originatorVersion": "x"}
    settings = Settings.from_dict(raw)
    assert settings.raw is raw
    assert raw == snapshot
    assert settings.raw["someFutureKey"] == {"nested": [1, 2]}
    assert "examKeySalt" not in raw  # defaults are not written into the file's dict


def test_settings_cannot_be_changed() -> None:
    settings = Settings.defaults()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.start_url = "https://elsewhere.example/"  # type: ignore[misc]


# --- real configurations ------------------------------------------------------------------

REAL_FILES = [
    "moodle/unencrypted.seb",
    "moodle/unencrypted_mac_001.seb",
    "moodle/unencrypted_win_223.seb",
    "moodle/unencrypted_win_223_moodle4x.seb",
    "moodle/simpleunencrypted.seb",
    "more/quiz_settings_catalyst2020_contentfilter0.seb",
    "more/quiz_settings_moodle4x_contentfilter1.seb",
    "seb-win/TestDictionary1.plist",
    "seb-win/TestDictionary2.plist",
    "seb-win/TestDictionary3.plist",
]


@pytest.mark.parametrize("relative", REAL_FILES)
def test_configs_written_by_seb_and_moodle_read_without_complaint(relative: str) -> None:
    raw = load(relative)
    settings = Settings.from_dict(raw)
    assert settings.start_url == raw["startURL"]
    assert len(settings.raw) == len(raw)


def test_encrypted_windows_file_settings() -> None:
    settings = Settings.from_dict(load("moodle/encrypted.seb", password="test"))
    assert settings.start_url == "https://safeexambrowser.org/start"
    assert settings.originator_version == "SEB_Win_2.1.1"
    assert len(settings.raw) == 165


@pytest.mark.parametrize("relative", [
    "more/quiz_settings_catalyst2020_contentfilter1.seb",
    "more/quiz_settings_moodle4x_contentfilter1.seb",
])
def test_moodle_quiz_settings(relative: str) -> None:
    settings = Settings.from_dict(load(relative))
    assert settings.start_url == "https://www.example.com/moodle/mod/quiz/view.php?id=1"
    assert settings.send_browser_exam_key is True
    assert settings.has_quit_password
    assert settings.url_filter_enable and settings.url_filter_enable_content_filter
    assert settings.filter_main_requests and settings.filter_content_requests
    assert settings.url_filter_rules == (
        UrlFilterRule(active=True, regex=False, expression="test.com", action=1),
    )


def test_content_filter_counts_only_with_the_main_filter() -> None:
    assert not Settings.from_dict({"URLFilterEnableContentFilter": True}).filter_content_requests
    both = Settings.from_dict({"URLFilterEnable": True, "URLFilterEnableContentFilter": True})
    assert both.filter_content_requests


def test_filter_rules_take_defaults_for_missing_entries() -> None:
    settings = Settings.from_dict({"URLFilterRules": [{"expression": "exam.example.org"}, {}]})
    assert settings.url_filter_rules == (
        UrlFilterRule(active=True, regex=False, expression="exam.example.org", action=1),
        UrlFilterRule(active=True, regex=False, expression="", action=1),
    )
    assert settings.url_filter_rules[0].allows


def test_embedded_certificates_from_data_or_base64() -> None:
    settings = Settings.from_dict({
        "embeddedCertificates": [
            {"type": 1, "name": "exam identity", "certificateData": b"\x30\x82\x01"},
            {"type": 2, "name": "campus CA", "certificateDataBase64": "MIIB\nAAE="},
            {"name": "no data"},
        ]
    })
    assert settings.embedded_certificates == (
        EmbeddedCertificate(type=1, name="exam identity", data=b"\x30\x82\x01"),
        EmbeddedCertificate(type=2, name="campus CA", data=b"\x30\x82\x01\x00\x01"),
        EmbeddedCertificate(type=0, name="no data", data=b""),
    )


def test_typed_values_are_read() -> None:
    settings = Settings.from_dict({
        "sebConfigPurpose": 1,
        "examKeySalt": b"\x01\x02",
        "browserUserAgent": "MyExam/1.0",
        "newBrowserWindowByLinkPolicy": 0,
        "newBrowserWindowByScriptPolicy": 1,
        "examSessionReconfigureAllow": True,
        "examSessionReconfigureConfigURL": "seb://lms.example/*",
        "sebServerURL": "https://server.example",
        "sebServerConfiguration": {"institution": "1"},
        "downloadPDFFiles": True,
        "browserViewMode": 1,
    })
    assert settings.configures_client
    assert settings.exam_key_salt == b"\x01\x02"
    assert settings.user_agent_suffix == "MyExam/1.0"
    assert (settings.new_window_by_link_policy, settings.new_window_by_script_policy) == (0, 1)
    assert settings.reconfigure_allow and settings.reconfigure_config_url == "seb://lms.example/*"
    assert settings.seb_server_configuration["institution"] == "1"
    assert not settings.allow_pdf_reader
    assert settings.fullscreen


# --- wrong types --------------------------------------------------------------------------

BAD_VALUES = [
    ("sebConfigPurpose", 7),
    ("allowQuit", "yes"),
    ("allowQuit", 1),
    ("sendBrowserExamKey", 0),
    ("newBrowserWindowByLinkPolicy", 3),
    ("newBrowserWindowByScriptPolicy", -1),
    ("URLFilterRules", "test.com"),
    ("URLFilterRules", [5]),
    ("URLFilterRules", [{"action": 2}]),
    ("URLFilterRules", [{"active": "true"}]),
    ("URLFilterRules", [{"expression": 1}]),
    ("URLFilterRules", [{"regex": 1}]),
    ("embeddedCertificates", {"type": 1}),
    ("embeddedCertificates", [{"type": "identity"}]),
    ("embeddedCertificates", [{"certificateDataBase64": "not base64!"}]),
    ("sebServerConfiguration", []),
    ("browserViewMode", 1.0),
]


@pytest.mark.parametrize(("key", "value"), BAD_VALUES, ids=[f"{k}={v!r}" for k, v in BAD_VALUES])
def test_wrong_type_is_refused_naming_the_key(key: str, value: object) -> None:
    with pytest.raises(UnsupportedValue) as caught:
        Settings.from_dict({key: value})
    assert key in caught.value.message
    assert "Traceback" not in caught.value.message


#: Values of the wrong type SEB for Windows' DataMappers ignore (``if (value is string url)`` …):
#: the exam runs with SEB's default and a warning, as in SEB (launcher.config.wrong_types).
IGNORED_VALUES = [
    ("startURL", 5),
    ("startURL", b"https://x"),
    ("sebConfigPurpose", "0"),
    ("examKeySalt", "c2FsdA=="),  # MapExamKeySalt: only byte[]
    ("quitURL", ["https://x/quit"]),
    ("showTime", "yes"),
    ("browserUserAgent", 5),
    ("batteryChargeThresholdLow", "0.2"),
]


@pytest.mark.parametrize(("key", "value"), IGNORED_VALUES, ids=[f"{k}={v!r}" for k, v in IGNORED_VALUES])
def test_wrong_type_seb_ignores_runs_with_the_default_and_a_warning(key: str, value: object, caplog) -> None:
    from launcher.config.problems import refusals, warnings

    settings = Settings.from_dict({key: value})
    assert settings.value(key) == DEFAULTS[key] and settings.raw == {key: value}  # the key as in the file
    assert refusals({key: value}) == []
    (warning,) = warnings({key: value})
    assert f"\u201c{key}\u201d has a value of the wrong type" in warning.message and "SEB ignores" in warning.message
    assert f"{key}: wrong type ignored as SEB does" in caplog.text


def test_a_list_setting_keeps_its_good_entries_as_seb_does() -> None:
    from launcher.config.problems import warnings

    raw = {"permittedProcesses": [{"executable": "a"}, 3, {"executable": "b"}]}
    assert [p["executable"] for p in Settings.from_dict(raw).permitted_processes] == ["a", "b"]
    assert "1 of 3 skipped" in warnings(raw)[0].message


def test_a_security_setting_of_the_wrong_type_still_refuses_and_says_why() -> None:
    from launcher.config.problems import refusals
    from launcher.config.wrong_types import REFUSED

    assert {"hashedQuitPassword", "allowQuit", "URLFilterEnable", "URLFilterRules"} <= REFUSED
    assert "examKeySalt" not in REFUSED
    for raw in ({"hashedQuitPassword": 12}, {"allowQuit": "no"}, {"URLFilterEnable": "true"}):
        (problem,) = refusals(raw)
        assert "SEB would ignore it" in problem.message and "refuses the exam instead" in problem.message
        with pytest.raises(UnsupportedValue):
            Settings.from_dict(raw)


def test_purpose_seven_says_what_is_allowed() -> None:
    with pytest.raises(UnsupportedValue, match=r"sebConfigPurpose.*7.*allowed: 0, 1"):
        Settings.from_dict({"sebConfigPurpose": 7})


def test_not_a_dictionary_is_refused() -> None:
    with pytest.raises(UnsupportedValue):
        Settings.from_dict(["startURL"])  # type: ignore[arg-type]


def test_problems_lists_every_bad_setting_where_from_dict_stops_at_the_first():
    raw = {
        "quitURL": ["x"],
        "allowQuit": 1,
        "URLFilterRules": [{"expression": 3, "action": 7}, "not a rule", {"expression": "fine"}],
        "embeddedCertificates": [{"certificateDataBase64": "@@"}],
        "startURL": "https://x.example",
    }
    problems = Settings.problems(raw)
    assert [p.detail.split(":")[0].split(" ")[0] for p in problems] == [
        "quitURL", "allowQuit", "URLFilterRules[0].expression", "URLFilterRules[0].action",
        "URLFilterRules[1]", "embeddedCertificates[0].certificateDataBase64",
    ]
    with pytest.raises(UnsupportedValue) as first:
        Settings.from_dict(raw)
    assert first.value.detail == problems[1].detail  # quitURL of the wrong type is ignored, as SEB does
    assert Settings.problems({"startURL": "https://x.example"}) == []
