"""SEB's URL filter rules and what they mean: one rule, one URL, match or not (spec §6).

One job: the semantics of SEB for Windows' rules (``SafeExamBrowser.Browser/Filters/
Rules/SimplifiedRule.cs``, ``Rules/RegexRule.cs``, ``Handlers/RequestHandler.cs``), readable
without the index that makes thousands of them fast (``urlindex``) or the filter that puts
them together (``urlfilter``):

* the URL is percent-decoded once first, like .NET's ``WebUtility.UrlDecode`` (``%61`` ->
  ``a``, ``+`` -> space, UTF-8, bad bytes -> U+FFFD), so ``/%61dmin`` is judged as ``/admin``
  (:func:`url_decode`);
* a regex rule (:class:`RegexRule`) is a case-insensitive regex *search* over the whole
  (decoded) URL, with .NET's syntax translated;
* a simplified rule (:class:`SimplifiedRule`)
  ``scheme://user:password@host:port/path?query#fragment`` (every part optional, ``*`` = any
  characters, case-insensitive) compares each part it names with the same part of the URL as
  a whole: scheme, user info, path (trailing slash optional; ``/`` alone = any path), query
  (``.`` = no query) and fragment must match whole; a host matches itself and its
  subdomains, a leading ``.`` means exactly that host, a single alphanumeric word means
  exactly that host; a numeric port must equal the URL's port (the scheme's default when the
  URL has none). The parts are those .NET's ``Uri`` gives for the decoded URL
  (:func:`split_url`): host lower case, ``.``/``..`` path segments resolved, and spaces,
  ``"<>`{}``, control and non-ASCII characters of path, query and fragment written ``%XX``.

Each rule also tells the index what it can be found by — a simplified rule its host and
literal path (``host_kind``, ``host_key``, ``path_key``), a regex rule the text every match
must contain (``literals``) — without knowing how the index uses it. A rule SEB would reject
(a regex that does not compile, an expression with no letter, digit or ``*``) raises
:class:`~launcher.config.errors.UnsupportedValue` when it is made; a regex that fails to
compile later fails closed (a block rule matches everything, an allow rule nothing).
"""

from __future__ import annotations

import functools
import logging
import re

# The regex parser, to find text every match must contain (Python 3.11+ keeps it in re).
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any, NamedTuple
from urllib.parse import unquote

from launcher.config.errors import UnsupportedValue

log = logging.getLogger(__name__)

__all__ = ["RegexRule", "SimplifiedRule", "url_decode", "split_url", "fold", "UrlParts"]

#: URLs whose parts are kept (a page's sub-resources come back to the same few URLs).
_SPLIT_CACHE_SIZE = 4096

# The only characters outside ASCII that Python's case-insensitive matching treats as equal to
# an ASCII character (checked over all of Unicode); folded before any index lookup so the
# prefilters can never miss a match. ``str.lower`` does the rest.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


def url_decode(url: str) -> str:
    """Percent-decode ``url`` once, as .NET's ``WebUtility.UrlDecode`` does."""
    if "+" in url:
        url = url.replace("+", " ")
    if "%" not in url:
        return url
    return unquote(url, encoding="utf-8", errors="replace")


# --------------------------------------------------------------------------- URL parts


class UrlParts(NamedTuple):
    """A URL split like .NET's ``Uri``: scheme lower case, ``query`` with its ``?`` and
    ``fragment`` with its ``#`` (empty when absent), ``port`` the scheme default (or -1)
    when not given, ``path`` ``/`` when a URL with a host has none."""

    scheme: str
    userinfo: str
    host: str
    port: int
    path: str
    query: str
    fragment: str


_DEFAULT_PORTS = {
    "http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21,
    "gopher": 70, "nntp": 119, "telnet": 23, "ldap": 389,
}
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")


def _remove_dot_segments(path: str) -> str:
    """Resolve ``.`` and ``..`` segments (RFC 3986 5.2.4), as .NET's ``Uri`` does for the
    decoded URL SEB judges: ``/public/%2e%2e/admin`` is judged as ``/admin``."""
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments[1:], start=1):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if out:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


# Characters .NET's Uri writes escaped in AbsolutePath, Query and Fragment: SEB decodes the URL,
# then parses it with Uri, so a simplified rule sees "/my%20path", "/caf%C3%A9".
_UNSAFE = re.compile(r'[\x00-\x20"<>`{}\x7f-\U0010ffff]')


def _escape(text: str) -> str:
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "replace")), text)


_BEFORE_PATH = re.compile(r"[^/?#]*(?://[^/?#]*)?")


def escaped_authority(url: str) -> bool:
    """Could decoding change the scheme, user info, host or port of ``url``?"""
    match = _BEFORE_PATH.match(url)  # matches every text (each part may be empty)
    head = url[: match.end()] if match else url
    return "%" in head or "+" in head


@functools.lru_cache(maxsize=_SPLIT_CACHE_SIZE)
def split_url(url: str) -> UrlParts | None:
    """Split an absolute URL; ``None`` when it is not one (no scheme, bad port)."""
    scheme, colon, rest = url.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        return None
    scheme = scheme.lower()
    rest, hash_, fragment = rest.partition("#")
    rest, qmark, query = rest.partition("?")
    userinfo = host = ""
    port = -1
    if rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        path = slash + path
        at = authority.rfind("@")
        if at >= 0:
            userinfo, authority = authority[:at], authority[at + 1:]
        if authority.startswith("["):
            end = authority.find("]")
            if end < 0:
                return None
            host, port_text = authority[: end + 1], authority[end + 1:]
            if port_text and not port_text.startswith(":"):
                return None
            port_text = port_text[1:]
        else:
            host, _, port_text = authority.partition(":")
        if port_text:
            if not port_text.isdigit() or not port_text.isascii() or int(port_text) > 65535:
                return None
            port = int(port_text)
        else:
            port = _DEFAULT_PORTS.get(scheme, -1)
        host = host.lower()
        if not path:
            path = "/"
        elif "/." in path:
            path = _remove_dot_segments(path)
    else:
        path = rest
    query = qmark + query if query else ""
    fragment = hash_ + fragment if fragment else ""
    if _UNSAFE.search(path) or _UNSAFE.search(query) or _UNSAFE.search(fragment):
        path, query, fragment = _escape(path), _escape(query), _escape(fragment)
    return UrlParts(scheme, userinfo, host, port, path, query, fragment)


# --------------------------------------------------------------------------- rules

# An expression split into its parts (SEB for Windows' simplified-rule grammar).
_EXPRESSION = re.compile(
    r"(?:(?P<scheme>[^:]*)://)?"
    r"(?:(?P<user>[^:@]*)(?::(?P<password>[^@]*))?@)?"
    r"(?P<host>[^/:?#]*)?"
    r"(?::(?P<port>[0-9*]*))?"
    r"(?P<path>[^?#]*)?"
    r"(?:\?(?P<query>[^#]*))?"
    r"(?:#(?P<fragment>.*))?"
)
_HAS_WORD = re.compile(r"[a-zA-Z0-9*]")
_ALNUM = re.compile(r"[a-zA-Z0-9]+")


def _wild(text: str) -> str:
    """Regex source for ``text`` where ``*`` is any run of characters, the rest literal."""
    return ".*".join(re.escape(piece) for piece in text.split("*"))


def _whole(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


class SimplifiedRule:
    """One SEB simplified expression, e.g. ``*.example.org/exam/*``; ``matches(url)`` judges
    ``url`` as given (the filter decodes URLs before asking)."""

    __slots__ = (
        "expression", "_scheme", "_userinfo", "_host", "_port", "_path", "_query",
        "_fragment", "host_kind", "host_key", "path_key", "_ready",
    )

    def __init__(self, expression: str) -> None:
        if not isinstance(expression, str) or not _HAS_WORD.search(expression):
            raise UnsupportedValue(
                f"The URL filter rule \u201c{expression}\u201d is not a valid expression "
                "(it needs at least one letter, digit or *).",
                detail="simplified rule without alphanumeric character or asterisk",
            )
        self.expression = expression
        parts = _EXPRESSION.match(expression)
        assert parts is not None  # every group is optional: it always matches
        group = {name: value or "" for name, value in parts.groupdict().items()}

        # Each part is kept as regex source and compiled on the rule's first use (_compile):
        # most rules of a large filter are never a candidate, and start-up stays fast.
        self._ready = False
        self._scheme: Any = _wild(group["scheme"]) if group["scheme"] else None

        self._userinfo: Any = None
        if group["user"]:
            user, password = _wild(group["user"]), _wild(group["password"])
            self._userinfo = f"{user}:{password}" if group["password"] else f"{user}(?::.*)?"

        host = group["host"]
        exact = host.startswith(".")
        word = _ALNUM.fullmatch(host) is not None
        if exact:
            host = host[1:]
        source = _wild(host)
        if not exact and not word:
            source = r"(?:.+?\.)*" + source
        self._host: Any = source
        # Index hints: how a filter finds this rule from a URL's host (see RuleSet).
        key = host.lower()
        if not host.isascii():
            self.host_kind, self.host_key = "any", ""
        elif "*" not in host:
            self.host_kind, self.host_key = ("exact" if exact or word else "suffix"), key
        elif key.startswith("*.") and "*" not in key[1:]:
            # "*.example.org": the host ends with ".example.org" (the commonest wildcard)
            self.host_kind, self.host_key = "dotted", key[1:]
        elif key.replace("*", ""):
            self.host_kind, self.host_key = "pieces", key
        else:
            self.host_kind, self.host_key = "any", ""

        port = group["port"]
        self._port = int(port) if port.isdigit() and int(port) <= 2**31 - 1 else None

        path = group["path"]
        self._path: Any = None
        # Index hint: ("exact", p) = the URL path is p or p + "/"; ("dir", d) = it starts with d.
        self.path_key: tuple[str, str] | None = None
        if path.strip() and path != "/":
            self._path = _wild(path) + ("?" if path.endswith("/") else "/?")
            if path.startswith("/") and path.isascii():
                if "*" not in path:
                    self.path_key = ("exact", (path[:-1] if path.endswith("/") else path).lower())
                else:
                    literal = path.split("*", 1)[0]
                    cut = literal.rfind("/")
                    if cut >= 1:
                        self.path_key = ("dir", literal[: cut + 1].lower())

        query = group["query"]
        self._query: Any = None
        if query.strip():
            self._query = r"\??" if query == "." else r"\??" + _wild(query)

        fragment = group["fragment"]
        self._fragment: Any = "#?" + _wild(fragment) if fragment.strip() else None

    def __repr__(self) -> str:
        return f"SimplifiedRule({self.expression!r})"

    def matches(self, url: str) -> bool:
        parts = split_url(url)
        return parts is not None and self.matches_parts(parts)

    def _compile(self) -> None:
        for name in ("_scheme", "_userinfo", "_host", "_path", "_query", "_fragment"):
            source = getattr(self, name)
            if source is not None:
                setattr(self, name, _whole(source))
        self._ready = True

    def matches_parts(self, parts: UrlParts) -> bool:
        if not self._ready:
            self._compile()
        return (
            (self._scheme is None or self._scheme.fullmatch(parts.scheme) is not None)
            and (self._userinfo is None or self._userinfo.fullmatch(parts.userinfo) is not None)
            and self._host.fullmatch(parts.host) is not None
            and (self._port is None or self._port == parts.port)
            and (self._path is None or self._path.fullmatch(parts.path) is not None)
            and (self._query is None or self._query.fullmatch(parts.query) is not None)
            and (self._fragment is None or self._fragment.fullmatch(parts.fragment) is not None)
        )


def _dotnet_to_python(pattern: str) -> str:
    """Rewrite the few .NET-only regex spellings SEB configs use: ``(?<name>`` named groups
    and the ``\\z`` end anchor."""
    if "(?<" not in pattern and "\\z" not in pattern:
        return pattern
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append("\\Z" if pattern[i + 1] == "z" else pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?<", i) and i + 3 < len(pattern) and pattern[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        out.append(char)
        i += 1
    return "".join(out)


class RegexRule:
    """One SEB regex rule: a case-insensitive search anywhere in the URL.

    The expression is parsed (and so checked) at once; the matcher is compiled the first time
    the rule is a candidate for a URL, which keeps start-up fast with many rules. Should that
    compilation fail after a clean parse, the rule fails closed: a block rule (``blocks``)
    then matches everything, an allow rule nothing.
    """

    __slots__ = ("expression", "source", "literals", "combinable", "blocks", "_pattern")

    def __init__(self, expression: str, *, blocks: bool = False) -> None:
        self.expression = expression
        self.blocks = blocks
        self.source = _dotnet_to_python(expression) if isinstance(expression, str) else ""
        try:
            if not isinstance(expression, str):
                raise TypeError("not text")
            parsed = _sre_parse.parse(self.source, re.IGNORECASE)
        except (re.error, TypeError, ValueError, OverflowError, RecursionError) as error:
            raise UnsupportedValue(
                f"The URL filter rule \u201c{expression}\u201d is not a valid regular expression.",
                detail=f"regex rule does not compile: {error}",
            ) from None
        self.literals, self.combinable = _analyse(parsed, self.source)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            try:
                self._pattern = re.compile(self.source, re.IGNORECASE)
            except (re.error, OverflowError, RecursionError, ValueError):
                log.error("URL filter: a regex rule could not be compiled; it fails closed")
                self._pattern = re.compile("" if self.blocks else "(?!)")
        return self._pattern

    def __repr__(self) -> str:
        return f"RegexRule({self.expression!r})"

    def matches(self, url: str) -> bool:
        return self.pattern.search(url) is not None


# --------------------------------------------------------------------------- regex literals

_LITERAL = sre_constants.LITERAL
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)
_GROUPREFS = (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS) + (
    (sre_constants.GROUPREF_IGNORE,) if hasattr(sre_constants, "GROUPREF_IGNORE") else ()
)


def _required_literals(items: object, found: list[str]) -> None:
    """Collect runs of text that every match of the parsed sequence ``items`` contains
    (lower-cased; ASCII only, so case folding cannot hide them)."""
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append("".join(run).lower())
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]  # re's parser is untyped (no stubs)
        if op == _LITERAL and av < 0x80:
            run.append(chr(av))
            continue
        flush()
        if op == _SUBPATTERN:
            _required_literals(av[-1], found)
        elif _ATOMIC is not None and op == _ATOMIC:
            _required_literals(av, found)
        elif (op in _REPEATS or (_POSSESSIVE is not None and op == _POSSESSIVE)) and av[0] >= 1:
            _required_literals(av[2], found)
    flush()


def _analyse(parsed: object, source: str) -> tuple[list[str], bool]:
    """(required literal runs, can share an alternation with other regexes) of a parsed
    regex."""
    literals: list[str] = []
    _required_literals(parsed, literals)

    def has_refs(items: object) -> bool:
        for op, av in items:  # type: ignore[attr-defined]
            if op in _GROUPREFS:
                return True
            for child in av if isinstance(av, (list, tuple)) else ():
                if isinstance(child, _sre_parse.SubPattern) and has_refs(child):
                    return True
                if isinstance(child, (list, tuple)):
                    for grand in child:
                        if isinstance(grand, _sre_parse.SubPattern) and has_refs(grand):
                            return True
        return False

    combinable = (
        not parsed.state.groupdict  # type: ignore[attr-defined]  # re's parser is untyped (no stubs)
        and parsed.state.flags & (re.VERBOSE | re.MULTILINE | re.DOTALL | re.ASCII) == 0  # type: ignore[attr-defined]
        and not source.lstrip().startswith("(?")
        and not has_refs(parsed)
    )
    return [lit for lit in literals if lit], combinable
