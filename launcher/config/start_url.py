"""What a configuration's ``startURL`` really loads, as SEB for Windows would load it.

One job: turn the text of ``startURL`` into the URL the exam window opens, and say in plain
words what was changed or why it cannot load. SEB for Windows stores ``startURL`` unchanged
(``BrowserDataMapper.MapStartUrl``) and hands it to its Chromium engine (``BrowserControl``,
CefSharp ``Load``), whose URL parsing (GURL) drops spaces and control characters around the text,
and whose CEF layer puts ``http://`` in front of an address that has no scheme of its own
(``192.168.0.221/moodle``, ``exam.example.org``). Text that starts with a word and a colon
(``localhost:80/moodle``) parses as an address of the scheme ``localhost:`` and is not repaired:
no browser loads it. We do the same, and warn (``config inspect``, the log at exam start) so an
administrator can fix the file.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: What a browser can load as an exam page.
_LOADABLE_SCHEMES = ("http", "https", "file", "data", "about")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_PORT = re.compile(r"^[0-9]+(?:[/?#]|$)")  # "localhost:80/…": a host and a port without a scheme
# C0 controls and the space: what URL parsers (WHATWG, Chromium's GURL) drop around a URL
_AROUND = "".join(chr(c) for c in range(0x21))


@dataclass(frozen=True)
class StartUrl:
    """``url`` is what the exam window loads ("" for none); ``warning`` says what was changed
    or why it will not load ("" when the text is a plain absolute URL); ``loads`` is false for
    an address no browser opens."""

    text: str
    url: str
    warning: str = ""
    loads: bool = True


def start_url(text: object) -> StartUrl:
    """The start URL SEB for Windows would load for the ``startURL`` text ``text``."""
    if not isinstance(text, str):
        return StartUrl("", "")
    trimmed = text.strip(_AROUND)
    if not trimmed:
        return StartUrl(text, "", "The start URL is empty: the exam has no page to show." if text else "",
                        loads=not text)
    notes: list[str] = []
    if trimmed != text:
        notes.append("spaces or control characters around it are dropped, as SEB does")
    match = _SCHEME.match(trimmed)
    if match is None:
        url = "http://" + trimmed
        notes.append(f"it has no scheme, so it is loaded as {url} (SEB for Windows does the same); "
                     "write https:// if the server wants it")
        return StartUrl(text, url, _sentence(text, notes))
    scheme = match.group(1).lower()
    if scheme not in _LOADABLE_SCHEMES and _PORT.match(trimmed[match.end():]):
        return StartUrl(
            text, trimmed,
            f"The start URL \u201c{trimmed}\u201d reads as an address of the scheme \u201c{scheme}:\u201d, "
            f"which no browser loads (SEB cannot either): write http://{trimmed} or https://{trimmed}.",
            loads=False,
        )
    if scheme not in _LOADABLE_SCHEMES:
        return StartUrl(
            text, trimmed,
            f"The start URL \u201c{trimmed}\u201d uses the scheme \u201c{scheme}:\u201d, which the exam window "
            "does not load (exam pages are http or https).",
            loads=False,
        )
    return StartUrl(text, trimmed, _sentence(text, notes) if notes else "")


def _sentence(text: str, notes: list[str]) -> str:
    return f"The start URL \u201c{text}\u201d is repaired: " + "; ".join(notes) + "."


_warned: set[str] = set()


def log_start_url(text: object) -> str:
    """:func:`start_url`, with a warning in the log (once per text) when the text was repaired
    or cannot load (the URL shown without its query and user info, which may carry secrets)."""
    result = start_url(text)
    if result.warning and result.text not in _warned:
        _warned.add(result.text)
        log.warning(
            "start URL %s: %s (see seb-launcher config inspect)",
            "cannot load" if not result.loads else "repaired",
            _for_log(result.url) if result.url else "(empty)",
        )
    return result.url


def _for_log(url: str) -> str:
    head, sep, rest = url.partition("://")
    if not sep:
        return url.split("?", 1)[0]
    authority, slash, path = rest.partition("/")
    host = authority.rpartition("@")[2]
    path, query, _ = path.partition("?")
    return f"{head}://{host}{slash}{path}" + ("?…" if query else "")
