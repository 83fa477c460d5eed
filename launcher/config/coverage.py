"""Which SEB settings this launcher honours: the questions asked of the coverage table.

One job: index :data:`launcher.config.coverage_table.TABLE` (each key once), count its statuses,
name the keys a configuration sets that are not honoured here (the report of ``seb-launcher
config inspect`` and of the exam start) and write docs/SETTINGS.md. The statuses and what they
mean are described in :mod:`launcher.config.coverage_table`.

Pure Python, no Qt: the CLI and the start path import it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from launcher.config.coverage_table import (
    DETECTED,
    HONOURED,
    NOT_APPLICABLE,
    NOT_SUPPORTED,
    STATUSES,
    TABLE,
    Coverage,
)

log = logging.getLogger(__name__)

#: key -> entry (each key once; a key both SEB versions read is listed once).
BY_KEY: Mapping[str, Coverage] = {}


def _index(rows: Iterable[Coverage]) -> dict[str, Coverage]:
    out: dict[str, Coverage] = {}
    for row in rows:
        out.setdefault(row.key, row)
    return out


BY_KEY = _index(TABLE)
ENTRIES: tuple[Coverage, ...] = tuple(sorted(BY_KEY.values(), key=lambda c: c.key.lower()))


def counts() -> dict[str, int]:
    """Status -> how many keys have it."""
    out = {status: 0 for status in STATUSES}
    for entry in ENTRIES:
        out[entry.status] += 1
    return out


# -- what a configuration sets --------------------------------------------------------------

#: Keys whose value is a list of dictionaries or a dictionary with sub-keys of their own.
_NESTED = ("prohibitedProcesses", "permittedProcesses", "URLFilterRules", "embeddedCertificates",
           "proxies", "sebServerConfiguration")


def keys_set(raw: Mapping[str, Any]) -> Iterator[str]:
    """Every key ``raw`` sets, with the sub-keys of the nested ones as ``parent.sub``."""
    for key, value in raw.items():
        yield key
        if key not in _NESTED:
            continue
        entries = value if isinstance(value, list) else [value]
        seen: set[str] = set()
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            for sub, sub_value in entry.items():
                seen.add(f"{key}.{sub}")
                if sub == "arguments" and isinstance(sub_value, list):
                    seen.update(f"{key}.arguments.{s}" for a in sub_value if isinstance(a, dict) for s in a)
        yield from sorted(seen)


@dataclass(frozen=True)
class Unhonoured:
    """A key a configuration sets that the launcher does not act on."""

    key: str
    status: str  # one of STATUSES other than HONOURED, or "unknown"
    security: bool
    note: str


UNKNOWN = "unknown"


_ABSENT = object()
_RANK = {NOT_SUPPORTED: 0, DETECTED: 1, NOT_APPLICABLE: 2}


def _asks_what_we_do(entry: Coverage, value: Any) -> bool:
    """The file sets the key to what the launcher does anyway (``allowDictionaryLookup`` false, …)."""
    return entry.matches is not None and type(value) is type(entry.matches) and value == entry.matches


def unhonoured(raw: Mapping[str, Any]) -> list[Unhonoured]:
    """The keys ``raw`` sets that are not honoured here — unless set to what the launcher does
    anyway (``Coverage.matches``): security-relevant first, not supported before not
    applicable, then by key; keys this table does not know come last ("unknown")."""
    known: list[Unhonoured] = []
    unknown: list[Unhonoured] = []
    for key in dict.fromkeys(keys_set(raw)):
        entry = BY_KEY.get(key)
        if entry is None:
            unknown.append(Unhonoured(key, UNKNOWN, False, ""))
        elif entry.status != HONOURED and not _asks_what_we_do(entry, raw.get(key, _ABSENT)):
            known.append(Unhonoured(key, entry.status, entry.security, entry.note))
    known.sort(key=lambda u: (not u.security, _RANK[u.status], u.key.lower()))
    unknown.sort(key=lambda u: u.key.lower())
    return known + unknown


def log_unhonoured(raw: Mapping[str, Any]) -> None:
    """One log line at exam start naming what the configuration asks for and will not get."""
    missing = unhonoured(raw)
    if not missing:
        log.info("every setting in this configuration is honoured")
        return
    security = [u.key for u in missing if u.security]
    other = [u.key for u in missing if not u.security]
    # a warning (which also reaches the console) only when the exam asks for protection it will
    # not get; the rest is for the admin's log file
    log.log(
        logging.WARNING if security else logging.INFO,
        "%d setting(s) in this configuration are not honoured here (see docs/SETTINGS.md); "
        "security-relevant: %s; others: %s",
        len(missing), ", ".join(security) or "none", ", ".join(other) or "none",
    )


# -- docs/SETTINGS.md ---------------------------------------------------------------------------


def settings_table() -> str:
    """The Markdown of docs/SETTINGS.md (one key per line)."""
    c = counts()
    lines = [
        "# Settings coverage",
        "",
        "Every key SEB for Windows reads (its `Keys.cs` as its `DataMapping/*DataMapper.cs` use",
        "them, with the sub-keys of lists and dictionaries named `parent.sub`) and the SEB for macOS",
        "keys that matter on a desktop, and what seb-launcher does with each. Generated from",
        "`launcher/config/coverage.py` by `seb-launcher config settings-table`; a test fails when",
        "the two disagree. `seb-launcher config inspect FILE` names the keys a configuration sets",
        "that are not honoured, security-relevant ones first; so does the log when an exam starts.",
        "",
        f"{len(ENTRIES)} keys: {c[HONOURED]} honoured, {c[DETECTED]} detected only, "
        f"{c[NOT_APPLICABLE]} not applicable on this OS, {c[NOT_SUPPORTED]} not supported.",
        "",
        "Statuses: **honoured** (acts as SEB does; the named test proves it), **detected only**"
        " (read and reported, not enforced), **not applicable** (means nothing on this OS),"
        " **not supported** (not implemented; the note says why). Security: ignoring the key"
        " could give a student more than the exam allows. Notes starting *lockdown* are keys the"
        " lockdown holds (README's Lockdown sections); `seb-launcher config inspect` says per"
        " platform what it enforces, only detects or cannot enforce.",
        "",
        "Values of the wrong type: as SEB for Windows, a value whose type is not the one SEB defines"
        " (`examKeySalt` as text, `startURL` as a number) is ignored — SEB's default applies, with a"
        " warning in the log and in `config inspect`; a list keeps its good entries. In a setting"
        " marked Security such a value refuses the exam instead (`hashedQuitPassword` as a number,"
        " `allowQuit` or `URLFilterEnable` as text): SEB would run with the default, which may allow"
        " the student more than the file asks. `examKeySalt` is the one security setting ignored as"
        " SEB does: it only varies the Browser Exam Key, the launcher's own key in any case"
        " (`launcher/config/wrong_types.py`).",
        "",
        "| Key | Status | From | Security | Note | Test |",
        "|---|---|---|---|---|---|",
    ]
    for e in ENTRIES:
        test = f"`{e.test}`" if e.test else ""
        note = e.note.replace("|", "\\|")
        lines.append(
            f"| `{e.key}` | {e.status} | {e.source} | {'yes' if e.security else ''} | {note} | {test} |"
        )
    return "\n".join(lines) + "\n"
