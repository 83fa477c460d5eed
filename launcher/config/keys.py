"""SEB-JSON, the Config Key, the Browser Exam Key and the per-URL header hashes (spec §3, §4).

The Config Key is the SHA-256 of the settings serialised as "SEB-JSON" exactly as SEB for
Windows does it (``ConfigurationData/Json.cs``): ``originatorVersion`` dropped at every level,
entries whose value is an empty dictionary dropped, keys sorted case-insensitively (lowercase
first when two keys differ only in case), strings written raw with no escaping at all (SEB for
Windows' ``Json.cs`` ``'"' + text + '"'`` as released through 2024, SEB for macOS/iOS
``SEBCryptor.m`` ``jsonStringForObject:`` ``"%@"``, SEB Server's ``StringConverter``
``"%s":"%s"``, SEB's developer page "don't add character escaping": a ``"``, a backslash, a line
break and non-ASCII text stay as they are, UTF-8), reals as .NET Framework's ``G15``. Where
implementations differ (Moodle's ``json_encode``, SEB for Windows' 2025 ``Json.cs`` escaping ``"``,
dates, case-only key pairs), :func:`explain_mismatch` says so. Exam servers compare
``sha256(url + key)`` for every request, so the per-URL hashes are cached: they are computed on
every browser request.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as _dt
import functools
import hashlib
import hmac
import logging
import math
import re
from collections.abc import Iterator
from typing import Any

from launcher.config.app_signature import app_signature

log = logging.getLogger(__name__)

__all__ = [
    "seb_json",
    "config_key",
    "has_dates",
    "explain_mismatch",
    "browser_exam_key",
    "app_signature",
    "app_version",
    "url_for_hash",
    "url_hash",
    "ExamKeys",
]

_ORIGINATOR = "originatorversion"
_EXPONENT = re.compile(r"E([+-])0*([0-9]{2,})")


def _sort_key(key: str) -> tuple[str, Any]:
    # Case-insensitive order; on a tie the lowercase letter first at the first difference,
    # as .NET's invariant-culture comparer orders SEB's ASCII key names. For ASCII names the
    # swapped case orders a tie the same way (an upper-case letter sorts before its lower-case
    # one) at a fraction of the cost: the Config Key sorts every dictionary of the file.
    if key.isascii():
        return key.lower(), key.swapcase()
    return key.lower(), tuple(ch.isupper() for ch in key)


def _culture_sort_key(key: str) -> tuple[tuple[tuple[int, str], ...], tuple[bool, ...]]:
    # Culture-aware collations put punctuation before digits before letters.
    ranked = tuple((2 if c.isalpha() else 1 if c.isdigit() else 0, c) for c in key.lower())
    return ranked, tuple(ch.isupper() for ch in key)


def format_real(value: float) -> str:
    """A double as .NET Framework's ``Double.ToString(InvariantInfo)`` writes it (``G15``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"  # also -0.0: .NET Framework drops the sign
    text = "%.15G" % value
    # .NET writes at least two exponent digits ("1E-05", "1E+20"), as C does; keep it so.
    return _EXPONENT.sub(lambda m: f"E{m.group(1)}{m.group(2)}", text)


def _format_date(value: _dt.datetime) -> str:
    # SEB for Windows writes DateTime.ToString("o") without quotes (Kind = Utc after parsing).
    moment = value if value.tzinfo is None else value.astimezone(_dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond * 10:07d}Z"


def _write(value: Any, out: list[str], quote: str = '"') -> None:
    kind = type(value)  # the common types by identity first: this runs for every value
    if kind is str:
        out.append('"' + (value if quote == '"' else value.replace('"', quote)) + '"')
    elif kind is bool:
        out.append("true" if value else "false")
    elif kind is int:
        out.append(str(value))
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key in sorted(value, key=_sort_key):
            item = value[key]
            if key.lower() == _ORIGINATOR or (isinstance(item, dict) and not item):
                continue
            if not first:
                out.append(",")
            first = False
            out.append('"' + key + '":')
            _write(item, out, quote)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out, quote)
        out.append("]")
    elif isinstance(value, bool):
        out.append("true" if value else "false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(format_real(value))
    elif isinstance(value, str):
        out.append('"' + (value if quote == '"' else value.replace('"', quote)) + '"')
    elif isinstance(value, (bytes, bytearray, memoryview)):
        out.append('"' + base64.b64encode(bytes(value)).decode("ascii") + '"')
    elif isinstance(value, _dt.datetime):
        out.append(_format_date(value))
    elif value is None:
        out.append('""')
    else:
        raise TypeError(f"cannot put a {type(value).__name__} into SEB-JSON")


def seb_json(d: dict[str, Any]) -> str:
    """The SEB-JSON text of a settings dictionary (the input of the Config Key): strings raw."""
    out: list[str] = []
    _write(d, out)
    return "".join(out)


def config_key_quotes_escaped(d: dict[str, Any]) -> str:
    """The Config Key as SEB for Windows' 2025 ``Json.cs`` computes it (``"`` written ``\\"``;
    nothing else escaped) — also Moodle's key when no other Moodle quirk applies."""
    out: list[str] = []
    _write(d, out, '\\"')
    return hashlib.sha256("".join(out).encode("utf-8")).hexdigest()


def config_key(d: dict[str, Any]) -> str:
    """The Config Key: lowercase SHA-256 hex of the UTF-8 SEB-JSON."""
    return hashlib.sha256(seb_json(d).encode("utf-8")).hexdigest()


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Yield (path, value) for every value, iteratively."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if isinstance(item, dict):
            stack.extend((f"{where}/{k}", v) for k, v in item.items() if k.lower() != _ORIGINATOR)
        elif isinstance(item, (list, tuple)):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(item))


def has_dates(d: dict[str, Any]) -> bool:
    """True when the settings hold a ``<date>``: SEB for Windows, SEB for macOS and Moodle
    serialise dates differently, so the Config Key of such a file is not portable."""
    return any(isinstance(v, _dt.datetime) for _, v in _walk(d, ""))


def explain_mismatch(d: dict[str, Any]) -> list[str]:
    """Plain-language reasons why a server may compute another Config Key for these settings.

    Lists the known differences between SEB for Windows and Moodle's implementation (spec §3)
    that apply to this dictionary; an empty list means none of the known risks is present.
    """
    reasons: list[str] = []
    quoted: list[str] = []
    if not d or all(k.lower() == _ORIGINATOR for k in d):
        reasons.append("The configuration is empty: Moodle hashes an empty configuration as '[]'.")
    for where, value in _walk(d, ""):
        where = where or "/"
        if isinstance(value, _dt.datetime):
            reasons.append(f"{where}: a date value; SEB for Windows, SEB for macOS and Moodle write dates differently.")
        elif isinstance(value, float):
            text = format_real(value)
            if text != repr(value) and repr(value) != text + ".0":
                reasons.append(
                    f"{where}: the real number {value!r} is written as {text} (.NET G15); "
                    "servers that print floats differently compute another key."
                )
        elif isinstance(value, str) and any(ord(c) < 0x20 for c in value):
            reasons.append(
                f"{where}: text with a line break or another control character; every SEB client writes "
                "it raw, Moodle's json_encode escapes it (\\n), so Moodle computes another Config Key."
            )
            if '"' in value:
                quoted.append(where)
        elif isinstance(value, str) and '"' in value:
            quoted.append(where)
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                if isinstance(item, dict) and not any(k.lower() != _ORIGINATOR for k in item):
                    reasons.append(f"{where}[{index}]: an empty dictionary inside an array; Moodle drops it.")
        elif isinstance(value, dict) and value:
            for key, item in value.items():
                if isinstance(item, dict) and item and all(k.lower() == _ORIGINATOR for k in item):
                    reasons.append(
                        f"{where.rstrip('/')}/{key}: a dictionary that is empty once originatorVersion is "
                        "dropped; Moodle drops it, SEB writes {}."
                    )
            _case_pairs(where, value, reasons)
            keys = [k for k in sorted(value, key=_sort_key)]
            if sorted(value, key=_culture_sort_key) != keys:
                reasons.append(
                    f"{where}: keys with punctuation sort differently in .NET's culture order (SEB for "
                    "Windows, Moodle's collation) than in plain case-insensitive order (SEB for macOS, this launcher)."
                )
            if keys:
                last = keys[-1]
                last_value = value[last]
                if last.lower() == _ORIGINATOR or (isinstance(last_value, dict) and not last_value):
                    reasons.append(
                        f"{where}: the last key in order ({last}) is skipped in SEB-JSON; SEB for Windows "
                        "then leaves a trailing comma, other implementations do not."
                    )
    if quoted:
        shown = ", ".join(sorted(quoted)[:3]) + (f" and {len(quoted) - 3} more" if len(quoted) > 3 else "")
        reasons.append(
            f"{shown}: text with a double quote (\"). SEB for macOS and iOS, SEB Server and SEB for Windows "
            "through 2024 write it raw (the Config Key above); Moodle's json_encode and SEB for Windows' 2025 "
            f"Json.cs write \\\": their Config Key is {config_key_quotes_escaped(d)}."
        )
    return reasons


def _case_pairs(where: str, value: dict[str, Any], reasons: list[str]) -> None:
    """Keys that differ only in case (``allowWlan`` and ``allowWLAN``: SEB for iOS writes both)."""
    by_lower: dict[str, list[str]] = {}
    for key in value:
        by_lower.setdefault(key.lower(), []).append(key)
    for group in by_lower.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=_sort_key)
        reasons.append(
            f"{where}: both {' and '.join(ordered)} (SEB for iOS writes both). SEB for Windows and "
            f"macOS put {ordered[0]} first (so does Moodle's root collation, as its code reads); SEB's "
            "own page calls the order of such keys undefined, and a server that keeps the file's order "
            "or sorts uppercase first computes another Config Key."
        )


# ---------------------------------------------------------------------------------------
# Browser Exam Key and request hashes


def app_version() -> str:
    """The build version that goes into the Browser Exam Key."""
    from launcher import __version__

    return __version__


def browser_exam_key(
    config_key: str, salt: bytes, *, signature: str | None = None, version: str | None = None
) -> str:
    """HMAC-SHA256(key = examKeySalt, message = signature + version + config key), lowercase hex.

    The same construction as SEB for Windows' open ``KeyGenerator``; by default with our own
    app signature and version.
    """
    sig = app_signature() if signature is None else signature
    ver = app_version() if version is None else version
    message = (sig + ver + config_key).encode("utf-8")
    return hmac.new(bytes(salt or b""), message, hashlib.sha256).hexdigest()


def url_for_hash(url: str) -> str:
    """The URL as servers hash it: exactly as requested, fragment dropped (text after the first ``#``)."""
    return url.split("#", 1)[0]


def url_hash(url: str, key: str) -> str:
    """``sha256hex(url_without_fragment + key)`` — the value of SEB's request hash headers."""
    return hashlib.sha256((url_for_hash(url) + key).encode("utf-8")).hexdigest()


_cached_url_hash = functools.lru_cache(maxsize=2048)(url_hash)


@dataclasses.dataclass(frozen=True)
class ExamKeys:
    """The two keys of a running exam, with cached per-URL header hashes.

    ``config_key_hash(url)`` is ``X-SafeExamBrowser-ConfigKeyHash`` and ``request_hash(url)``
    is ``X-SafeExamBrowser-RequestHash``. ``repr`` never shows the keys.
    """

    config_key: str = dataclasses.field(repr=False)
    browser_exam_key: str = dataclasses.field(repr=False)

    @classmethod
    def for_settings(
        cls, settings: dict[str, Any], *, signature: str | None = None, version: str | None = None
    ) -> "ExamKeys":
        """Compute both keys from the raw settings dictionary (``examKeySalt`` as the salt)."""
        key = config_key(settings)
        salt = settings.get("examKeySalt", b"")
        if not isinstance(salt, (bytes, bytearray)):
            salt = b""
        return cls(key, browser_exam_key(key, bytes(salt), signature=signature, version=version))

    def with_bek(self, bek: str) -> "ExamKeys":
        """The same Config Key with a server-provided Browser Exam Key (SEB Server's ``SEBServerBEK``)."""
        return dataclasses.replace(self, browser_exam_key=bek)

    def config_key_hash(self, url: str) -> str:
        return _cached_url_hash(url, self.config_key)

    def request_hash(self, url: str) -> str:
        return _cached_url_hash(url, self.browser_exam_key)
