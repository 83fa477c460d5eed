"""Which URLs an exam server hashes differently from the launcher's SEB headers, and why.

One job: name the URL shapes where ``sha256(url + key)`` on the server side is computed over
another string than the launcher's, for ``seb-launcher doctor`` and README.

The cause on our side: QtWebEngine (6.12) hands the request interceptor the URL as a ``QUrl``,
parsed from Chromium's own URL string, and ``QUrl`` normalises while parsing — hexadecimal
escapes in upper case (``%2f`` → ``%2F``), escaped unreserved characters decoded (``%41`` → ``A``,
``%7E`` → ``~``), a ``%`` that starts no escape escaped (``50%`` → ``50%25``) — and then every
other ``%`` of the URL as well (``%41`` → ``%2541``: Qt's documented tolerant mode) — and
``{ } | ^ ``` escaped where Chromium sends them raw. No formatting option of ``QUrl`` undoes that (the parsed
form no longer holds the difference), and nothing else in Qt's API offers Chromium's string
before the request leaves (navigation requests are ``QUrl`` too); the page's ``location.href``
has it, but only once the page is there — the JavaScript API hashes that string. A server that
hashes the request line as it arrived (Moodle's ``$FULLME``, the Open edX plugin's query part)
therefore refuses the headers for such URLs. URLs the launcher loads itself (the start URL,
re-issued redirects) go out in ``QUrl``'s form and match.

The cause on the server's side (Open edX): the ``seb-openedx`` plugin hashes Django's
``request.build_absolute_uri()``, which rebuilds the path from its percent-decoded form
(``escape_uri_path``) and re-quotes the query (``iri_to_uri``): a path with ``%3A``, ``%2B``,
``%2F`` or ``;`` (among others) is hashed in a form no SEB client sends.

Pure functions, no Qt.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, unquote_to_bytes, urlsplit

log = logging.getLogger(__name__)

_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
#: Sent raw by Chromium in a query, escaped by ``QUrl``.
_RAW_IN_QUERY = "{}|^`"
_QURL_ESCAPED_RAW = re.compile(r"%(7B|7D|7C|5E|60)")
# Django: django.utils.encoding.escape_uri_path and iri_to_uri keep these characters.
_DJANGO_PATH_SAFE = "/:@&+$,-_.!~*'()"
_DJANGO_QUERY_SAFE = "/#%[]=:;$&()+,!?*@'~"

LOWER_CASE = "percent-escapes in lower case ({}) go out as written; the launcher hashes them in upper case"
UNRESERVED = ("escaped unreserved characters ({}) go out escaped; the launcher hashes them decoded")
LONE_PERCENT = ("a '%' that starts no escape goes out as '%'; the launcher hashes '%25' for it and, "
                "because of it, '%25' for every other '%' of the URL too (Qt's tolerant parsing)")
RAW = "the characters {} go out raw; the launcher hashes them escaped"
MAYBE_LONE = ("'%25' in the URL may have been a lone '%' on the wire (the launcher cannot tell); "
              "then the server hashes '%'")
MAYBE_RAW = ("{} in the URL may have been sent raw (the launcher cannot tell); then the server "
             "hashes the raw characters")


def wire_differences(wire: str) -> list[str]:
    """Why the launcher's hash of a URL differs from a hash of ``wire``, the URL exactly as it
    went out (Chromium's string, e.g. the page's ``location.href``). Empty: no difference."""
    wire = wire.split("#", 1)[0]
    reasons: list[str] = []
    escapes = _ESCAPE.findall(wire)
    lower = sorted({"%" + e for e in escapes if e != e.upper()})
    if lower:
        reasons.append(LOWER_CASE.format(", ".join(lower[:4])))
    unreserved = sorted({"%" + e for e in escapes if chr(int(e, 16)) in _UNRESERVED})
    if unreserved:
        reasons.append(UNRESERVED.format(", ".join(unreserved[:4])))
    if _LONE_PERCENT.search(wire):
        reasons.append(LONE_PERCENT)
    query = wire.partition("?")[2]
    raw = [c for c in _RAW_IN_QUERY if c in query]
    if raw:
        reasons.append(RAW.format(" ".join(raw)))
    return reasons


def possible_differences(hashed: str) -> list[str]:
    """For a URL known only in the launcher's (``QUrl``) form: the differences that may be there.
    (Lower-case and unreserved escapes leave no trace in that form; ``wire_differences`` on the
    page's own ``location.href`` finds them.)"""
    hashed = hashed.split("#", 1)[0]
    reasons: list[str] = []
    if "%25" in hashed:
        reasons.append(MAYBE_LONE)
    query = hashed.partition("?")[2]
    found = sorted({m.group(0) for m in _QURL_ESCAPED_RAW.finditer(query)})
    if found:
        reasons.append(MAYBE_RAW.format(", ".join(found)))
    return reasons


def escape_lone_percent(url: str) -> str:
    """``url`` with each ``%`` that starts no escape written ``%25``, the others kept: give this
    to ``QUrl`` for a URL the launcher loads itself (a configuration's start URL), else one lone
    ``%`` makes ``QUrl`` escape every ``%`` and the server gets another URL (``%41`` → ``%2541``)."""
    return _LONE_PERCENT.sub("%25", url)


def open_edx_rebuild(url: str) -> str:
    """The URL the ``seb-openedx`` plugin hashes for a request of ``url`` (Django's
    ``build_absolute_uri()``: the WSGI server decodes the path, Django quotes it again)."""
    parts = urlsplit(url.split("#", 1)[0])
    path = quote(unquote_to_bytes(parts.path or "/"), safe=_DJANGO_PATH_SAFE)
    query = quote(parts.query, safe=_DJANGO_QUERY_SAFE) if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}{path}" + (f"?{query}" if query else "")


def open_edx_difference(url: str) -> str:
    """A sentence when the Open edX plugin hashes another path than any SEB client sends for
    ``url``, else "". (Its query is the one sent, re-quoted like ``QUrl`` does; the differences
    there are the launcher's, named by :func:`wire_differences`.)"""
    wire = urlsplit(url.split("#", 1)[0])
    rebuilt = open_edx_rebuild(url)
    if urlsplit(rebuilt).path == (wire.path or "/"):
        return ""
    return (f"on Open edX the seb-openedx plugin hashes the path as Django rebuilds it "
            f"({urlsplit(rebuilt).path}), which no SEB client sends: its headers for this URL are refused there")
