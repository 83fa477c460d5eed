"""Where an exam configuration comes from, and the errors of getting it.

One job: decide what the user opened (a path, a ``file://`` URL, a ``seb://``/``sebs://`` link,
an ``http(s)://`` URL), read local files within a size cap, recognise a web page that came
instead of a configuration, and the download limits (the download errors are the core's,
``launcher.config.errors``). No Qt here: this is on
the start path of every exam; the download itself is ``launcher.opening.fetch`` (QtNetwork).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from launcher import SEB_COMPAT_VERSION
from launcher.config.container import MAX_CONFIG_BYTES
from launcher.config.errors import FileUnreadable, InvalidLink, TooLarge
from launcher.config.navigation import seb_link_to_http

log = logging.getLogger(__name__)

USER_AGENT = f"SEB/{SEB_COMPAT_VERSION}"


# -- sources -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """What to open: ``kind`` is ``"file"`` (``value`` a path) or ``"url"`` (an http(s) URL)."""

    kind: str
    value: str
    original: str


def classify(text: str) -> Source:
    """Decide how to get ``text``: ``seb://`` -> ``http://``, ``sebs://`` -> ``https://`` (§7)."""
    try:
        scheme = urlsplit(text).scheme.lower() if "://" in text else ""
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        raise InvalidLink(detail="malformed link") from None
    if scheme in ("http", "https"):
        return Source("url", text, text)
    if scheme in ("seb", "sebs"):
        return Source("url", seb_link_to_http(text), text)
    if scheme == "file":
        parts = urlsplit(text)
        return Source("file", unquote(parts.path), text)
    if scheme and len(scheme) > 1:  # one letter: a Windows drive, a path after all
        raise FileUnreadable(
            "This kind of link cannot be opened as an exam.", detail=f"unsupported scheme {scheme!r}"
        )
    return Source("file", text, text)


def read_local(path: str | os.PathLike[str], *, max_bytes: int = MAX_CONFIG_BYTES) -> bytes:
    """The file's bytes, refusing anything larger than ``max_bytes`` without reading it all."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileUnreadable("The configuration file does not exist.", detail=str(p)) from None
    except IsADirectoryError:
        raise FileUnreadable("This is a folder, not a configuration file.", detail=str(p)) from None
    except OSError as exc:
        raise FileUnreadable(detail=f"{p}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise TooLarge(detail=f"{p} is larger than {max_bytes} bytes")
    return data


def looks_like_web_page(body: bytes, content_type: str = "") -> bool:
    """True when a download is an HTML page (a login form, an error page) and not a config.

    A SEB file is gzip, a 4-letter prefix, or an XML plist; an HTML body starts with a
    doctype or an ``<html`` tag. The content type alone does not decide: some servers send
    ``.seb`` files as ``text/html``.
    """
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"\x1f\x8b") or head[:4] in (b"plnd", b"pswd", b"pwcc", b"pkhs", b"phsk"):
        return False
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith((b"<?xml", b"<plist", b"<!doctype plist")):
        return b"<html" in head and b"<plist" not in head
    if "html" in content_type.lower():
        return True
    return head.startswith(b"<") and (b"<head" in head or b"<body" in head)


@dataclass
class FetchOptions:
    """Limits and trust for one download. ``extra_ca_pem`` adds trusted CAs for this download
    only (tests, private exam servers); nothing here ever turns certificate checks off."""

    max_bytes: int = MAX_CONFIG_BYTES
    timeout_ms: int = 30_000
    max_redirects: int = 10
    retries: int = 1
    user_agent: str = USER_AGENT
    extra_ca_pem: list[bytes] = field(default_factory=list)


def for_log(url: str) -> str:
    """The URL without user info and query (they may carry secrets) for log lines; a local
    path is returned as it is."""
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a malformed host or port: say no more than the scheme
        return url.split("://", 1)[0] + "://…"
    return f"{parts.scheme}://{host}{port}{parts.path}" + ("?…" if parts.query else "")
