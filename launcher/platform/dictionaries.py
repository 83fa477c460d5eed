"""Spell-checking dictionaries: where the launcher finds them, which languages they cover, and
turning this computer's Hunspell dictionaries into the ones the browser engine reads.

QtWebEngine (Chromium) reads Hunspell dictionaries only in its own ``.bdic`` format, named for
the language (``de-DE.bdic``), from one directory given in ``QTWEBENGINE_DICTIONARIES_PATH``
before the engine starts. The launcher looks in three places, first match wins per language:
the user's data directory (``seb-launcher dictionaries install``), the machine-wide directory
(``install --system``, IT) and the dictionaries shipped with the package. Converting uses Qt's
``qwebengine_convert_dict`` (Debian: ``qt6-webengine-dev-tools``) on the ``.dic``/``.aff`` pairs
of the system's Hunspell packages. Qt-free.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping, MutableMapping
from pathlib import Path

log = logging.getLogger(__name__)

#: The variable QtWebEngine reads its dictionary directory from (set by the launcher only).
ENGINE_VAR = "QTWEBENGINE_DICTIONARIES_PATH"
SUFFIX = ".bdic"
FOLDER = "dictionaries"

CONVERTER = "qwebengine_convert_dict"
CONVERTER_PACKAGE = "qt6-webengine-dev-tools"
#: Names the converter where it is elsewhere (a Qt from Qt's own installer); then only that one.
CONVERTER_ENV = "SEB_LAUNCHER_DICT_CONVERTER"
#: Where distributions install Qt's helper programs (it is not on PATH on Debian).
CONVERTER_DIRS = (
    "/usr/lib/qt6/libexec",
    "/usr/lib/x86_64-linux-gnu/qt6/libexec",
    "/usr/lib/aarch64-linux-gnu/qt6/libexec",
    "/usr/libexec/qt6",
    "/usr/lib64/qt6/libexec",
)
HUNSPELL_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell")
#: Debian packages with the Hunspell dictionaries of common exam languages (for error messages).
HUNSPELL_PACKAGES = {
    "de": "hunspell-de-de", "en": "hunspell-en-us", "fr": "hunspell-fr", "es": "hunspell-es",
    "it": "hunspell-it", "pt": "hunspell-pt-pt", "nl": "hunspell-nl", "da": "hunspell-da",
    "sv": "hunspell-sv", "pl": "hunspell-pl", "ru": "hunspell-ru",
}
CONVERT_TIMEOUT = 120.0


class DictionaryError(Exception):
    """A dictionary could not be installed; ``message`` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise(name: str) -> str:
    """``de_DE``, ``de-de``, ``DE-DE`` -> ``de-DE`` (Chromium's spelling); ``fr`` stays ``fr``."""
    parts = name.strip().replace("_", "-").split("-")
    if not parts or not parts[0]:
        return ""
    head = parts[0].lower()
    tail = [p.upper() if len(p) == 2 else p for p in parts[1:] if p]
    return "-".join([head, *tail])


def user_dir() -> Path:
    from launcher.platform.paths import user_data_dir

    return user_data_dir() / FOLDER


def system_dir() -> Path:
    from launcher.platform.paths import machine_config_dir

    return Path(machine_config_dir()) / FOLDER


def shipped_dir() -> Path | None:
    from launcher.app.resource_files import resources_dir

    base = resources_dir()
    return None if base is None else base / FOLDER


def search_dirs() -> list[Path]:
    """The directories looked in, most specific first (user, machine-wide, shipped)."""
    dirs = [user_dir(), system_dir()]
    shipped = shipped_dir()
    if shipped is not None:
        dirs.append(shipped)
    return dirs


def languages_in(directory: Path) -> set[str]:
    """The languages with a ``.bdic`` file in ``directory`` (empty if it does not exist)."""
    try:
        return {normalise(p.name[: -len(SUFFIX)]) for p in directory.iterdir()
                if p.name.endswith(SUFFIX) and p.is_file()}
    except OSError:
        return set()


def installed(dirs: Iterable[Path] | None = None) -> dict[str, Path]:
    """Language -> its ``.bdic`` file; the first directory of :func:`search_dirs` wins."""
    found: dict[str, Path] = {}
    for directory in search_dirs() if dirs is None else dirs:
        for lang in sorted(languages_in(directory)):
            found.setdefault(lang, directory / f"{lang}{SUFFIX}")
    return found


def choose(wanted: Iterable[str], available: Iterable[str]) -> tuple[list[str], list[str]]:
    """(languages to use, languages missing) for the exam's ``wanted`` list. A full name
    (``de-DE``) needs that dictionary; a bare language (``de``) takes any of that language."""
    have = sorted(set(available))
    use: list[str] = []
    missing: list[str] = []
    for raw in wanted:
        lang = normalise(str(raw))
        if not lang:
            continue
        match = lang if lang in have else ""
        if not match and "-" not in lang:
            match = next((h for h in have if h.split("-")[0] == lang), "")
        if match:
            if match not in use:
                use.append(match)
        elif lang not in missing:
            missing.append(lang)
    return use, missing


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The desktop's language as a dictionary name (``LANG=de_DE.UTF-8`` -> ``de-DE``); en-US
    when it names none. Used when an exam allows spell checking without naming languages."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").split(".")[0].split("@")[0]
        if value and value not in ("C", "POSIX"):
            return normalise(value)
    return "en-US"


def engine_dir(wanted: Iterable[str], dirs: Iterable[Path] | None = None) -> Path | None:
    """The one directory to give the engine: the one holding most of ``wanted``, the most
    specific on a tie; None when no directory has any dictionary."""
    wanted = list(wanted)
    best: tuple[int, Path] | None = None
    for directory in search_dirs() if dirs is None else dirs:
        have = languages_in(directory)
        if not have:
            continue
        score = len(choose(wanted, have)[0])
        if best is None or score > best[0]:
            best = (score, directory)
    return None if best is None else best[1]


def find_converter() -> Path | None:
    override = os.environ.get(CONVERTER_ENV)
    if override:
        return Path(override) if os.access(override, os.X_OK) and Path(override).is_file() else None
    on_path = shutil.which(CONVERTER)
    if on_path:
        return Path(on_path)
    for directory in CONVERTER_DIRS:
        candidate = Path(directory) / CONVERTER
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def hunspell_dictionaries(dirs: Iterable[str] = HUNSPELL_DIRS) -> dict[str, Path]:
    """Language -> ``.dic`` file of the system's Hunspell dictionaries (with their ``.aff``)."""
    found: dict[str, Path] = {}
    for directory in dirs:
        try:
            entries = sorted(Path(directory).iterdir())
        except OSError:
            continue
        for dic in entries:
            if dic.suffix == ".dic" and dic.with_suffix(".aff").is_file() and not dic.is_symlink():
                found.setdefault(normalise(dic.stem), dic)
        for dic in entries:  # symlinked names (en_GB -> en_US on some systems) after real files
            if dic.suffix == ".dic" and dic.with_suffix(".aff").exists():
                found.setdefault(normalise(dic.stem), dic)
    return found


def package_hint(lang: str) -> str:
    package = HUNSPELL_PACKAGES.get(lang.split("-")[0].lower())
    if package:
        return f"install the Debian package {package} (sudo apt install {package})"
    return "install the Hunspell dictionary package for that language (apt search hunspell)"


def converter_missing() -> str:
    """What to tell the user when :func:`find_converter` finds nothing."""
    override = os.environ.get(CONVERTER_ENV)
    where = f" (not at {override}, named by {CONVERTER_ENV})" if override else ""
    return (f"The dictionary converter {CONVERTER} was not found{where}: install the Debian "
            f"package {CONVERTER_PACKAGE} (sudo apt install {CONVERTER_PACKAGE})")


def convert(lang: str, target: Path, *, converter: Path | None = None,
            sources: Mapping[str, Path] | None = None) -> Path:
    """Convert the system's Hunspell dictionary for ``lang`` into ``target/<lang>.bdic``."""
    lang = normalise(lang)
    converter = converter or find_converter()
    if converter is None:
        raise DictionaryError(converter_missing())
    sources = hunspell_dictionaries() if sources is None else sources
    dic = sources.get(lang)
    if dic is None:
        raise DictionaryError(
            f"No Hunspell dictionary for {lang} in {', '.join(HUNSPELL_DIRS)}: {package_hint(lang)}"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DictionaryError(f"Cannot create {target}: {exc.strerror or exc}") from exc
    out = target / f"{lang}{SUFFIX}"
    partial = target / f".{lang}{SUFFIX}.part"
    try:
        result = subprocess.run(
            [str(converter), str(dic), str(partial)], capture_output=True, text=True,
            timeout=CONVERT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        partial.unlink(missing_ok=True)
        raise DictionaryError(f"Converting {dic} failed: {exc}") from exc
    if result.returncode != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        detail = " ".join((result.stderr or result.stdout).split())[-300:]
        raise DictionaryError(f"Converting {dic} failed ({CONVERTER} exit {result.returncode}): {detail}")
    try:
        partial.chmod(0o644)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DictionaryError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    log.info("converted %s into %s", dic, out)
    return out


def point_engine(wanted: Iterable[str], environ: MutableMapping[str, str] | None = None) -> Path | None:
    """Before the engine starts: set ``QTWEBENGINE_DICTIONARIES_PATH`` to the directory with
    most of ``wanted`` (nothing when there is none). Returns the directory."""
    env = os.environ if environ is None else environ
    directory = engine_dir(wanted)
    if directory is not None:
        env[ENGINE_VAR] = str(directory)
    return directory


def engine_languages(environ: Mapping[str, str] | None = None) -> set[str]:
    """The languages the engine can load: those in the directory it was given."""
    env = os.environ if environ is None else environ
    value = env.get(ENGINE_VAR, "")
    return languages_in(Path(value)) if value else set()
