"""Which dictionaries an exam gets: names as SEB configurations write them, the exam's list
against what is installed, the directory the engine is given, and that a dictionary directory
from outside the launcher is not taken."""

from __future__ import annotations

from pathlib import Path

from launcher.browser import engine_env
from launcher.browser.options import KioskOptions, spell_check_languages
from launcher.config.settings import Settings
from launcher.platform import dictionaries as d


def _dir(root: Path, *langs: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        (root / f"{lang}.bdic").write_bytes(b"BDic")
    return root


def test_names_as_configurations_write_them() -> None:
    assert [d.normalise(n) for n in ("de_DE", "de-de", "DE-DE", " fr ", "pt_BR", "")] == [
        "de-DE", "de-DE", "de-DE", "fr", "pt-BR", ""]


def test_the_exam_gets_the_languages_it_asks_for_that_are_installed() -> None:
    assert d.choose(["de-DE", "sv-SE", "de_DE", "fr"], {"de-DE", "fr-FR", "en-US"}) == (
        ["de-DE", "fr-FR"], ["sv-SE"])
    assert d.choose(["de-CH"], {"de-DE"}) == ([], ["de-CH"])  # a full name needs its own dictionary


def test_desktop_language_when_the_exam_names_none() -> None:
    assert d.system_language({"LANG": "fr_FR.UTF-8"}) == "fr-FR"
    assert d.system_language({"LC_ALL": "de_AT.UTF-8@euro", "LANG": "fr_FR.UTF-8"}) == "de-AT"
    assert d.system_language({"LANG": "C"}) == "en-US"
    read = Settings.from_dict
    assert spell_check_languages(read({"allowSpellCheck": True, "allowSpellCheckDictionary": ["de-DE", ""]})) == ("de-DE",)
    assert spell_check_languages(read({"allowSpellCheck": False, "allowSpellCheckDictionary": ["de-DE"]})) == ()
    assert spell_check_languages(read({"allowSpellCheckDictionary": ["de-DE"]})) == ()  # SEB's default: off
    assert KioskOptions.from_settings(read({"allowSpellCheck": True, "allowSpellCheckDictionary": ["en-US"]})
                                      ).spell_check_languages == ("en-US",)


def test_the_engine_gets_the_directory_with_most_of_the_exams_languages(tmp_path: Path) -> None:
    user = _dir(tmp_path / "user", "en-US")
    machine = _dir(tmp_path / "machine", "de-DE", "fr-FR")
    empty = tmp_path / "none"
    assert d.engine_dir(["de-DE", "fr-FR"], [empty, user, machine]) == machine
    assert d.engine_dir(["en-US"], [empty, user, machine]) == user
    assert d.engine_dir(["sv-SE"], [empty, user, machine]) == user  # a tie: the user's own
    assert d.engine_dir(["de-DE"], [empty]) is None
    assert d.installed([user, machine, _dir(tmp_path / "shipped", "en-US")]) == {
        "en-US": user / "en-US.bdic", "de-DE": machine / "de-DE.bdic", "fr-FR": machine / "fr-FR.bdic"}


def test_a_dictionary_directory_from_outside_is_not_taken() -> None:
    env = {"QTWEBENGINE_DICTIONARIES_PATH": "/tmp/elsewhere"}
    assert "QTWEBENGINE_DICTIONARIES_PATH" in engine_env.harden(env)
    assert env == {}
    engine_env.allow_for_exam(Settings.from_dict({"allowSpellCheck": False}), env)
    assert env == {}  # no spell checking: nothing set, nothing looked up
