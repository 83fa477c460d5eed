"""Read and write Apple XML property lists the way SEB configuration files use them, safely.

The reader is a small event parser on expat: no entity declarations, no external entities,
a nesting-depth cap (no recursion at all while reading), key order kept. The writer produces
the Apple DTD layout with tab indentation that SEB for macOS writes and SEB for Windows reads.
Values map as: dict -> dict, array -> list, string -> str, integer -> int, real -> float,
true/false -> bool, data -> bytes, date -> aware ``datetime`` in UTC.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import logging
import math
import re
from typing import Any
from xml.parsers import expat

from launcher.config.errors import DamagedFile, NotSebFile, TooLarge, UnsupportedValue

log = logging.getLogger(__name__)

__all__ = ["loads", "dumps", "DEFAULT_MAX_DEPTH", "DEFAULT_MAX_VALUES"]

DEFAULT_MAX_DEPTH = 64
#: Values (of any kind) in one plist: about half a second of parsing on a slow laptop, and tens
#: of MB; a real SEB configuration holds a few hundred, one with 10,000 URL filter rules ~50,000.
DEFAULT_MAX_VALUES = 250_000

_HEADER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
    b'"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
    b'<plist version="1.0">\n'
)
_FOOTER = b"</plist>\n"

_LEAVES = frozenset({"key", "string", "integer", "real", "true", "false", "data", "date"})
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_REAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?Z\Z")
_WHITESPACE = re.compile(rb"[ \t\r\n]+")
# Characters XML 1.0 cannot carry at all (a string holding one cannot be written).
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Integers outside this range are not a plist integer any SEB reads.
_INT_LIMIT = 2**64


class _Reader:
    """Builds the value tree from expat events with an explicit stack."""

    def __init__(self, max_depth: int, max_values: int = DEFAULT_MAX_VALUES) -> None:
        self.max_depth = max_depth
        self.values_left = max_values
        self.stack: list[Any] = []  # containers: dict or list
        self.pending_key: list[str | None] = []  # per open dict: key waiting for its value
        self.root: Any = None
        self.seen_plist = False
        self.done = False
        self.leaf: str | None = None
        self.text: list[str] = []

    # -- expat handlers -------------------------------------------------------------
    def entity_decl(self, *args: Any) -> None:
        raise DamagedFile(
            "The configuration file contains XML entity declarations, which are not allowed.",
            "entity declaration in plist",
        )

    def external_ref(self, *args: Any) -> int:
        raise DamagedFile(
            "The configuration file refers to external XML content, which is not allowed.",
            "external entity reference in plist",
        )

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.leaf is not None:
            raise DamagedFile(detail=f"element <{name}> inside <{self.leaf}>")
        if not self.seen_plist:
            if name != "plist":
                raise NotSebFile(detail=f"root element is <{name}>, not <plist>")
            self.seen_plist = True
            return
        if self.done:
            raise DamagedFile(detail=f"element <{name}> after the top-level value")
        if name in _LEAVES:
            if name == "key":
                if not self.stack or not isinstance(self.stack[-1], dict) or self.pending_key[-1] is not None:
                    raise DamagedFile(detail="<key> outside a dictionary or without a value")
            else:
                self._check_key_slot(name)
            self.leaf = name
            self.text = []
            return
        if name not in ("dict", "array"):
            raise DamagedFile(detail=f"unknown plist element <{name}>")
        self._check_key_slot(name)
        if len(self.stack) >= self.max_depth:
            raise TooLarge(
                "The configuration file is nested too deeply to be safe to open.",
                f"plist nesting deeper than {self.max_depth}",
            )
        container: Any = {} if name == "dict" else []
        if not self.stack and not isinstance(container, dict):
            raise NotSebFile(detail="top-level plist value is not a dictionary")
        self._attach(container)
        self.stack.append(container)
        self.pending_key.append(None)

    def end(self, name: str) -> None:
        if name == "plist":
            return
        if self.leaf is not None:
            if name != self.leaf:  # expat already enforces well-formedness; belt and braces
                raise DamagedFile(detail=f"</{name}> closes <{self.leaf}>")
            leaf, self.leaf = self.leaf, None
            text = "".join(self.text)
            self.text = []
            if leaf == "key":
                self.pending_key[-1] = text
            else:
                self._attach(_leaf_value(leaf, text))
            return
        if self.pending_key and self.pending_key[-1] is not None:
            raise DamagedFile(detail=f"key {self.pending_key[-1]!r} has no value")
        self.stack.pop()
        self.pending_key.pop()
        if not self.stack:
            self.done = True

    def chars(self, data: str) -> None:
        if self.leaf is not None:
            self.text.append(data)
        elif data.strip():
            raise DamagedFile(detail="text outside a plist value")

    # -- helpers --------------------------------------------------------------------
    def _check_key_slot(self, name: str) -> None:
        if not self.stack:
            if self.done or name != "dict":
                raise NotSebFile(detail=f"top-level plist value is <{name}>, not a dictionary")
            return
        if isinstance(self.stack[-1], dict) and self.pending_key[-1] is None:
            raise DamagedFile(detail=f"<{name}> in a dictionary without a <key>")

    def _attach(self, value: Any) -> None:
        self.values_left -= 1
        if self.values_left < 0:
            raise TooLarge(
                "The configuration file holds too many settings to be safe to open.",
                "too many plist values",
            )
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, dict):
            key = self.pending_key[-1]
            assert key is not None
            parent[key] = value
            self.pending_key[-1] = None
        else:
            parent.append(value)


def _leaf_value(kind: str, text: str) -> Any:
    if kind == "string":
        return text
    if kind == "true":
        return True
    if kind == "false":
        return False
    stripped = text.strip()
    if kind == "integer":
        if len(stripped) > 64:  # past 2**64 even with leading zeros; int() refuses thousands of digits
            raise DamagedFile(detail="integer out of range")
        if not _INTEGER.match(stripped):
            raise DamagedFile(detail=f"bad integer {stripped[:40]!r}")
        value = int(stripped)
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise DamagedFile(detail="integer out of range")
        return value
    if kind == "real":
        if not _REAL.match(stripped):
            raise DamagedFile(detail=f"bad real {stripped[:40]!r}")
        real = float(stripped)
        if not math.isfinite(real):
            raise DamagedFile(detail="real out of range")
        return real
    if kind == "data":
        try:
            # bytes.translate drops the line breaks in one C pass: a regex substitution over
            # megabytes of base64 made millions of pieces (seconds and hundreds of MB).
            compact = text.encode("ascii").translate(None, b" \t\r\n")
            return base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError) as exc:
            raise DamagedFile(detail="bad base64 in <data>") from exc
    if kind == "date":
        match = _DATE.match(stripped)
        if not match:
            raise DamagedFile(detail=f"bad date {stripped[:40]!r}")
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        try:
            return _dt.datetime(year, month, day, hour, minute, second, tzinfo=_dt.timezone.utc)
        except ValueError as exc:
            raise DamagedFile(detail="date out of range") from exc
    raise DamagedFile(detail=f"unknown plist element <{kind}>")  # pragma: no cover - guarded by start()


def loads(
    data: bytes, *, max_depth: int = DEFAULT_MAX_DEPTH, max_values: int = DEFAULT_MAX_VALUES
) -> dict[str, Any]:
    """Parse an XML plist whose top-level value is a dictionary.

    Raises ``NotSebFile`` when it is not a plist dictionary at all, ``DamagedFile`` for broken
    XML, an unusable text encoding, entity declarations or bad values, ``TooLarge`` past
    ``max_depth`` nested containers or ``max_values`` values.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("plist.loads expects bytes")
    reader = _Reader(max_depth, max_values)
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.ordered_attributes = False
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.EntityDeclHandler = reader.entity_decl
    parser.ExternalEntityRefHandler = reader.external_ref
    try:
        parser.Parse(bytes(data), True)
    except expat.ExpatError as exc:
        if not reader.seen_plist:
            raise NotSebFile(detail=f"not XML: {expat.ErrorString(exc.code)}") from None
        raise DamagedFile(detail=f"broken XML at line {exc.lineno}: {expat.ErrorString(exc.code)}") from None
    except (LookupError, ValueError) as exc:
        # The XML declaration names an encoding Python does not know ("utf-x": LookupError), one
        # that is not a text codec ("rot13", "hex": LookupError), or a multi-byte one expat cannot
        # use ("shift_jis": ValueError), or the bytes do not decode in it (UnicodeError).
        raise DamagedFile(
            detail=f"XML text not readable in its declared encoding ({type(exc).__name__}: {str(exc)[:80]})"
        ) from None
    except RecursionError:  # pragma: no cover - the reader does not recurse
        raise TooLarge(detail="plist too deep") from None
    if not reader.seen_plist:
        raise NotSebFile(detail="no <plist> element")
    if not isinstance(reader.root, dict) or not reader.done:
        raise NotSebFile(detail="the plist holds no top-level dictionary")
    return reader.root


# ---------------------------------------------------------------------------------------
# Writing


def _escape(text: str) -> str:
    if _BAD_XML_CHARS.search(text):
        raise UnsupportedValue(
            "The configuration contains text with control characters that cannot be saved.",
            "string with characters XML 1.0 cannot carry",
        )
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _format_real(value: float) -> str:
    if not math.isfinite(value):
        raise UnsupportedValue(detail="real value is not a finite number")
    return repr(float(value))


def _write_value(out: list[str], value: Any, indent: int, depth: int) -> None:
    if depth > DEFAULT_MAX_DEPTH:
        raise UnsupportedValue(detail="settings nested too deeply to write")
    tabs = "\t" * indent
    if isinstance(value, bool):
        out.append(f"{tabs}<{'true' if value else 'false'}/>\n")
    elif isinstance(value, int):
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise UnsupportedValue(detail="integer out of range")
        out.append(f"{tabs}<integer>{value}</integer>\n")
    elif isinstance(value, float):
        out.append(f"{tabs}<real>{_format_real(value)}</real>\n")
    elif isinstance(value, str):
        out.append(f"{tabs}<string>{_escape(value)}</string>\n")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        encoded = base64.b64encode(bytes(value)).decode("ascii")
        if not encoded:
            out.append(f"{tabs}<data></data>\n")
        else:
            lines = [encoded[i : i + 68] for i in range(0, len(encoded), 68)]
            out.append(f"{tabs}<data>\n")
            out.extend(f"{tabs}{line}\n" for line in lines)
            out.append(f"{tabs}</data>\n")
    elif isinstance(value, _dt.datetime):
        moment = value if value.tzinfo is None else value.astimezone(_dt.timezone.utc)
        out.append(f"{tabs}<date>{moment.strftime('%Y-%m-%dT%H:%M:%SZ')}</date>\n")
    elif isinstance(value, dict):
        if not value:
            out.append(f"{tabs}<dict/>\n")
            return
        out.append(f"{tabs}<dict>\n")
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnsupportedValue(detail="dictionary key is not text")
            out.append(f"{tabs}\t<key>{_escape(key)}</key>\n")
            _write_value(out, item, indent + 1, depth + 1)
        out.append(f"{tabs}</dict>\n")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append(f"{tabs}<array/>\n")
            return
        out.append(f"{tabs}<array>\n")
        for item in value:
            _write_value(out, item, indent + 1, depth + 1)
        out.append(f"{tabs}</array>\n")
    else:
        raise UnsupportedValue(detail=f"cannot write a {type(value).__name__} into a plist")


def dumps(d: dict[str, Any]) -> bytes:
    """Serialise a settings dictionary as an Apple XML plist (UTF-8, tabs, key order kept)."""
    if not isinstance(d, dict):
        raise UnsupportedValue(detail="the top-level value of a configuration must be a dictionary")
    out: list[str] = []
    _write_value(out, d, 0, 1)
    return _HEADER + "".join(out).encode("utf-8") + _FOOTER
