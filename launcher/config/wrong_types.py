"""A setting whose value has the wrong type: ignored as SEB for Windows ignores it, or refused.

One job: decide, for each value the typed settings read (``settings_table.FIELDS``) that is not
of the type SEB defines, whether the launcher runs the exam without it — as SEB for Windows does:
every ``DataMapper`` only takes a value of the expected type (``if (value is bool allow)`` …,
``MapExamKeySalt``'s ``if (value is byte[] salt)``) and otherwise keeps the default — or still
refuses the file.

It refuses when ignoring the value could give the student more than the administrator asked
for: :func:`refused_keys` (``REFUSED``) holds those keys — every setting the coverage table marks as security-relevant
(a quit or admin password written as a number, ``URLFilterEnable`` as the text "true", a rule whose
``active`` is text, ``allowQuit`` as "no" …: SEB would run with a quit password missing, the
filter off, a rule skipped, quitting allowed). One security-marked key is ignored like SEB does:
``examKeySalt`` (SEB for Windows' ``MapExamKeySalt``), which only varies the Browser Exam Key —
this launcher's own key in any case, which servers register as it is printed.

A value of the right type that SEB does not define (``newBrowserWindowByLinkPolicy`` 9) is not a
type error and is still refused (``settings_table``'s checks). In a list of dictionaries SEB
skips an entry that is no dictionary (``permittedProcesses``: the other entries stay).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from launcher.config.errors import UnsupportedValue

log = logging.getLogger(__name__)

#: Security-relevant keys SEB for Windows also ignores when wrongly typed, and why that is safe.
IGNORED_THOUGH_SECURITY: Mapping[str, str] = {
    "examKeySalt": "it only varies the Browser Exam Key, which is this launcher's own in any case",
}

_TYPE = re.compile(r"\(expected (?P<expected>.+), found (?P<found>.+)\)\.?$")


def _refused() -> frozenset[str]:
    from launcher.config.coverage import BY_KEY

    return frozenset(k for k, entry in BY_KEY.items() if entry.security and k not in IGNORED_THOUGH_SECURITY)


_refused_keys: frozenset[str] | None = None


def refused_keys() -> frozenset[str]:
    """Keys whose wrongly typed value still refuses the exam (fail closed; see the module
    docstring). Read from the coverage table the first time a value of the wrong type is met:
    a configuration without one does not load that table on the exam's start path."""
    global _refused_keys
    if _refused_keys is None:
        _refused_keys = _refused()
    return _refused_keys


def __getattr__(name: str) -> Any:
    if name == "REFUSED":  # the table's keys, as a constant for the tests and the docs
        return refused_keys()
    raise AttributeError(name)


def _is_type_error(exc: UnsupportedValue) -> bool:
    return ": expected " in exc.detail


def ignore_wrong_types(
    raw: Mapping[str, Any], fields: Iterable[Any]
) -> tuple[Mapping[str, Any], list[UnsupportedValue]]:
    """(``raw`` without the wrongly typed values SEB ignores, one warning per ignored value);
    ``fields`` is the settings key table (``settings.FIELDS``: key, check, default).

    ``raw`` itself is returned (not a copy) when nothing is ignored; it is never modified: the
    Config Key is computed over the file as it is."""
    if not isinstance(raw, Mapping):
        return raw, []
    usable: dict[str, Any] | None = None
    ignored: list[UnsupportedValue] = []
    for field in fields:
        if field.key not in raw:
            continue
        value = raw[field.key]
        try:
            field.check(field.key, value)
            continue
        except UnsupportedValue as exc:
            if not _is_type_error(exc) or field.key in refused_keys():
                continue  # a value SEB does not define, or a security key: refused by the check
            problem = exc
        usable = dict(raw) if usable is None else usable
        kept = _good_entries(field, value)
        if kept is None:
            del usable[field.key]
            ignored.append(_warning(field.key, problem, "SEB ignores such a value, and so does this launcher: "
                                                        "SEB's default applies"))
        else:
            usable[field.key] = kept
            dropped = len(value) - len(kept)
            ignored.append(_warning(field.key, problem, f"SEB skips such an entry, and so does this launcher "
                                                        f"({dropped} of {len(value)} skipped)"))
    for warning in ignored:
        log.warning("%s", warning.detail)
    return (raw if usable is None else usable), ignored


def _good_entries(field: Any, value: Any) -> list[Any] | None:
    """For a list setting (its default is a tuple of entries) given as a list: the entries that
    pass; else None (the whole value is ignored)."""
    if not isinstance(value, list) or not isinstance(field.default, tuple):
        return None
    good = []
    for entry in value:
        try:
            field.check(field.key, [entry])
        except UnsupportedValue:
            continue
        good.append(entry)
    return good


def _warning(key: str, problem: UnsupportedValue, what: str) -> UnsupportedValue:
    match = _TYPE.search(problem.message)
    kind = f"expected {match['expected']}, found {match['found']}" if match else problem.detail
    return UnsupportedValue(
        f"The setting \u201c{key}\u201d has a value of the wrong type ({kind}): {what}.",
        detail=f"{key}: wrong type ignored as SEB does ({problem.detail})",
    )
