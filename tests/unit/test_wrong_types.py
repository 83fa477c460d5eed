"""Every setting the launcher reads, given a value of the wrong type, as SEB for Windows' DataMappers
treat it: ignored (SEB's default, a warning) — or, for a security setting, refused with the reason.
Nothing else may happen: no crash in the parts that read the settings for the exam window, the
window layout and SEB Server."""

from __future__ import annotations

import pytest

from launcher.browser.options import KioskOptions
from launcher.config.errors import UnsupportedValue
from launcher.config.problems import refusals, warnings
from launcher.config.settings import Settings
from launcher.config.settings_table import DEFAULTS, FIELDS
from launcher.config.window_layout import main_window, new_window
from launcher.config.wrong_types import REFUSED


def _wrong(default: object) -> object:
    """A value of another type than SEB defines for a key with this default."""
    if isinstance(default, bool):
        return "true"
    if isinstance(default, (int, float)):
        return "1"
    if isinstance(default, str):
        return 1
    if isinstance(default, bytes):
        return "c2FsdA=="
    if isinstance(default, tuple):
        return "an entry"
    return ["not", "a", "dictionary"]


@pytest.mark.parametrize("field", FIELDS, ids=[f.key for f in FIELDS])
def test_every_setting_of_the_wrong_type_is_ignored_or_refused_with_a_reason(field) -> None:
    raw = {"startURL": "https://exam.example/", "allowVirtualMachine": True, field.key: _wrong(field.default)}
    if field.key == "startURL":
        raw["startURL"] = 5
    if field.key in REFUSED:
        problems = refusals(raw)
        assert [p.detail.split(":")[0] for p in problems] == [field.key]
        assert "for a security setting this launcher refuses" in problems[0].message
        with pytest.raises(UnsupportedValue):
            Settings.from_dict(raw)
        return
    assert refusals(raw) == []
    assert [w.detail.split(":")[0] for w in warnings(raw)] == [field.key]
    settings = Settings.from_dict(raw)
    assert settings.value(field.key) == DEFAULTS[field.key]
    KioskOptions.from_settings(settings)  # what the exam window reads
    main_window(settings.raw), new_window(settings.raw)


def test_seb_server_fallback_as_text_is_not_taken_for_true() -> None:
    from launcher.server.settings import ServerSettings

    raw = {"sebServerURL": "https://server.example", "sebServerFallback": "false",
           "sebServerConfiguration": {"institution": "i", "clientName": "n", "clientSecret": "s"}}
    assert ServerSettings.from_raw(raw).fallback is False
    assert Settings.from_dict(raw).seb_server_fallback is False
