"""The one ``__init__`` of the large configuration records (``launcher.config.record_init``)
behaves as the one ``dataclasses`` would generate: every field set, defaults applied, missing
and unknown names refused, and the record stays read-only."""

from __future__ import annotations

import dataclasses

import pytest

from launcher.browser.options import KioskOptions
from launcher.config.settings import Settings


def test_settings_and_options_are_built_and_stay_read_only():
    settings = Settings.from_dict({"startURL": "https://exam.example/"})
    assert settings.start_url == "https://exam.example/" and settings.raw == {"startURL": "https://exam.example/"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.start_url = "https://elsewhere.example/"  # type: ignore[misc]
    options = KioskOptions.from_settings(settings)
    assert options.enable_f_keys == (True,) * 12  # a default of the class
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.allow_quit = False  # type: ignore[misc]
    assert "hashed_quit_password" not in repr(settings)  # the generated repr still hides secrets


def test_missing_and_unknown_fields_are_refused():
    values = {f.name: getattr(Settings.defaults(), f.name) for f in dataclasses.fields(Settings)}
    values.pop("start_url")
    with pytest.raises(TypeError, match="start_url"):
        Settings(**values)
    with pytest.raises(TypeError, match="no_such_field"):
        KioskOptions(**{f.name: getattr(KioskOptions.from_settings(Settings.defaults()), f.name)
                        for f in dataclasses.fields(KioskOptions)}, no_such_field=1)
