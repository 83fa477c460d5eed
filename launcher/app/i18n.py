"""Show the launcher in the student's language: pick it and install Qt translators for it.

English is the source language (the strings in the code). :func:`install_translator` walks the
OS's preferred UI languages (``QLocale.system().uiLanguages()``) in order and stops at the first
one we can show: English (nothing to load) or a language with a compiled
``resources/translations/seb_launcher_<lang>.qm``. So a student whose first choice is English
and second German gets English, not German. ``SEB_LAUNCHER_LANG`` (``de``, ``fr_CH``, ``en``)
overrides the OS, for tests and for kiosk images with a fixed language.

Qt's own strings (standard dialog buttons, context menus of text fields) come from Qt's
``qtbase_<lang>.qm``, installed alongside when PySide6 ships it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: Overrides the OS language: ``de``, ``fr``, ``fr_CH``, ``en``.
LANG_ENV = "SEB_LAUNCHER_LANG"
SOURCE_LANGUAGE = "en"
CATALOG = "seb_launcher"
#: Locale names that name no language (a POSIX locale): they never select a translation.
_NO_LANGUAGE = frozenset({"C", "POSIX"})


def translations_dir() -> Path:
    """Where the compiled ``.qm`` files are: ``translations/`` of the shipped resources
    (package data, or the checkout's ``resources/``)."""
    from launcher.app.resource_files import resources_dir

    root = resources_dir()
    return (root if root is not None else Path("resources")) / "translations"


def available_languages() -> list[str]:
    """Languages with a compiled catalogue, plus English (the source)."""
    found = {SOURCE_LANGUAGE}
    folder = translations_dir()
    if folder.is_dir():
        for path in folder.glob(f"{CATALOG}_*.qm"):
            found.add(path.stem[len(CATALOG) + 1 :])
    return sorted(found)


def preferred_languages() -> list[str]:
    """The user's languages, most preferred first, as ``de_CH``-style names."""
    override = os.environ.get(LANG_ENV, "").strip()
    if override:
        return [override.replace("-", "_")]
    return [name.replace("-", "_") for name in QLocale.system().uiLanguages()]


def choose_language(preferred: list[str] | None = None, available: list[str] | None = None) -> str:
    """The first preferred language we can show (``de_CH`` falls back to ``de``); English when
    none can be shown."""
    preferred = preferred_languages() if preferred is None else preferred
    for name in preferred:
        if name in _NO_LANGUAGE:
            continue
        parts = name.split("_")
        for length in range(len(parts), 0, -1):
            candidate = "_".join(parts[:length])
            if candidate.lower() == SOURCE_LANGUAGE:
                return SOURCE_LANGUAGE
            if available is None:  # looked up only for a language other than English
                available = available_languages()
            for known in available:
                if known.lower() == candidate.lower():
                    return known
    return SOURCE_LANGUAGE


def install_translator(app: QCoreApplication) -> str:
    """Install the translators for the user's language on ``app``; returns the language code
    in use (``en`` for the source language). Call before the first window is built."""
    language = choose_language()
    if language == SOURCE_LANGUAGE:
        log.debug("User interface language: English (source)")
        return language
    ours = QTranslator(app)
    if not ours.load(f"{CATALOG}_{language}", str(translations_dir())):
        log.warning("The %s translation could not be loaded; showing English", language)
        return SOURCE_LANGUAGE
    app.installTranslator(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_own)
    else:
        log.debug("No Qt base translation for %s in %s", language, qt_dir)
    if os.environ.get(LANG_ENV):
        QLocale.setDefault(QLocale(language))
    log.info("User interface language: %s", language)
    return language
