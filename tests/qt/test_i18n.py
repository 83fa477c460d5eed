"""Students see the launcher in their language: German and French are complete, and no string
in the code is left out of a translation."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest


from launcher.app import i18n

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de", "fr")
BIN = Path(sys.executable).parent


def test_with_german_the_password_dialog_speaks_german(language, qtbot):
    from launcher.ui.dialogs import PasswordDialog

    assert language("de") == "de"
    dialog = PasswordDialog(source="exam.seb")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Prüfungspasswort"
    assert dialog.prompt.text() == "Diese Prüfungskonfiguration ist geschützt. Geben Sie das Prüfungspasswort ein."
    assert dialog.ok_button.text() == "Prüfung öffnen"
    assert dialog.cancel_button.text() == "Abbrechen"  # Qt's own button, from qtbase_de


def test_with_french_the_error_texts_and_dialogs_speak_french(language, qtbot):
    from launcher.config.errors import WrongPassword
    from launcher.ui import messages
    from launcher.ui.dialogs import PasswordDialog

    assert language("fr_CH") == "fr"
    assert messages.message_for(WrongPassword()) == "Mot de passe incorrect, ou fichier de configuration endommagé."
    dialog = PasswordDialog(for_client=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Mot de passe administrateur"
    assert dialog.ok_button.text() == "Appliquer"


def test_client_settings_errors_reach_the_user_in_their_language(language):
    from launcher.platform.client_settings import MachineSettingsReadOnly, WrongAdminPassword
    from launcher.ui import messages

    assert language("de") == "de"
    assert messages.message_for(WrongAdminPassword()) == (
        "Falsches Administratorpasswort: Die Einstellungen des Prüfungsbrowsers wurden nicht geändert."
    )
    assert messages.message_for(MachineSettingsReadOnly()).startswith("Die Einstellungen des Prüfungsbrowsers")


def test_english_is_the_source_and_needs_no_catalogue(language, qtbot):
    from launcher.ui.dialogs import PasswordDialog

    assert language("en_GB") == "en"
    dialog = PasswordDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Exam password"


def test_the_first_language_we_can_show_wins():
    available = ["de", "en", "fr"]
    assert i18n.choose_language(["en_US", "de_DE"], available) == "en"  # not German by accident
    assert i18n.choose_language(["it_IT", "fr_CA"], available) == "fr"
    assert i18n.choose_language(["de_CH"], available) == "de"
    assert i18n.choose_language(["ja_JP"], available) == "en"
    assert set(i18n.available_languages()) >= {"de", "en", "fr"}


def messages_of(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


PLACEHOLDER = re.compile(r"\{\w*\}|%\d+|%n")
#: Names that stay the same in every language.
SAME_IN_EVERY_LANGUAGE = {"SEB Launcher", "Safe Exam Browser"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_with_its_placeholders(lang):
    ts = TRANSLATIONS / f"seb_launcher_{lang}.ts"
    entries = messages_of(ts)
    assert len(entries) > 40
    problems = []
    for context, source, message in entries:
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "missing"
        text = (translation.text or "") if translation is not None else ""
        if kind in ("unfinished", "missing", "obsolete", "vanished") or not text.strip():
            problems.append(f"[{context}] {source!r}: {kind or 'empty'}")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
        elif (text == source and len(source) > 12 and source not in SAME_IN_EVERY_LANGUAGE
              and re.search(r"[^\W\d_]", PLACEHOLDER.sub("", source))):  # a pure format has no words
            problems.append(f"[{context}] {source!r}: left in English")
    assert not problems, "\n".join(problems)


def test_every_string_in_the_code_is_in_each_translation(tmp_path):
    """lupdate over launcher/ into a fresh file: each (context, source) must be in both .ts files
    (run resources/translations/update.sh and translate the new entries when this fails)."""
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-silent",
         str(ROOT / "launcher"), "-ts", str(fresh)],
        check=True, capture_output=True, timeout=300,
    )
    in_code = {(c, s) for c, s, _ in messages_of(fresh)}
    assert len(in_code) > 40
    for lang in LANGUAGES:
        in_ts = {(c, s) for c, s, _ in messages_of(TRANSLATIONS / f"seb_launcher_{lang}.ts")}
        missing = sorted(in_code - in_ts)
        assert not missing, f"{lang}: not in the .ts yet: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(lang, tmp_path):
    ts = TRANSLATIONS / f"seb_launcher_{lang}.ts"
    compiled = tmp_path / f"{lang}.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(compiled)],
                   check=True, capture_output=True, timeout=300)
    assert (TRANSLATIONS / f"seb_launcher_{lang}.qm").read_bytes() == compiled.read_bytes()


def test_translator_notes_sit_right_before_their_string():
    """A ``#:`` comment becomes a note on the next tr() string of its file, however far away:
    in a file with translations it must come right before a tr()/translate() line."""
    misplaced = []
    for path in sorted((ROOT / "launcher").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if not any(re.search(r"\.tr\(|QCoreApplication\.translate\(", line) for line in lines):
            continue
        for number, line in enumerate(lines):
            if not line.lstrip().startswith("#:"):
                continue
            following = next((l for l in lines[number + 1:] if not l.lstrip().startswith("#")), "")
            if not re.search(r"\.tr\(|\btranslate\(", following):
                misplaced.append(f"{path.relative_to(ROOT)}:{number + 1}: {line.strip()}")
    assert not misplaced, "\n".join(misplaced)
