"""SEB's URL filter: simplified and regex rules, block before allow, compiled once (spec §6).

One job: decide whether a URL may be loaded, exactly as SEB for Windows decides it
(``SafeExamBrowser.Browser/Filters/{RequestFilter.cs,Rules/SimplifiedRule.cs,
Rules/RegexRule.cs}``, ``Handlers/RequestHandler.cs``), and fast enough to sit on every
request with thousands of rules.

Semantics (SEB for Windows):

* only active rules count; the URL is percent-decoded once first, like .NET's
  ``WebUtility.UrlDecode`` (``%61`` -> ``a``, ``+`` -> space, UTF-8, bad bytes -> U+FFFD), so
  ``/%61dmin`` is judged as ``/admin``;
* block rules are tried first, then allow rules; no match blocks; a disabled filter allows all;
* a regex rule is a case-insensitive regex *search* over the whole (decoded) URL;
* a simplified rule ``scheme://user:password@host:port/path?query#fragment`` (every part
  optional, ``*`` = any characters, case-insensitive) compares each part it names with the
  same part of the URL as a whole: scheme, user info, path (trailing slash optional; ``/``
  alone = any path), query (``.`` = no query) and fragment must match whole; a host matches
  itself and its subdomains, a leading ``.`` means exactly that host, a single alphanumeric
  word means exactly that host; a numeric port must equal the URL's port (the scheme's
  default when the URL has none). The parts are those .NET's ``Uri`` gives for the decoded
  URL: host lower case, ``.``/``..`` path segments resolved, and spaces, ``"<>`{}``, control
  and non-ASCII characters of path, query and fragment written ``%XX`` again.

Speed: rules are parsed once and compiled on first use. Simplified rules are indexed by their
host (exact hosts, domain suffixes walked over the URL's host labels, ``*.domain`` tails,
rare pieces of other wildcard hosts) and inside that by their literal path; regex rules by
how a word of every matching URL must start or end (from the text the regex requires), else
by a rare piece of that text, else in a few combined alternations. Only the few candidate
rules an index returns are run, in rule order, so ``Decision.rule`` names the first rule that
matched, as SEB would. Repeated URLs hit a small LRU cache. Case folding is handled so that no
index can miss a match (``_FOLD``).

Deliberate differences from SEB for Windows, all failing closed: a URL that cannot be parsed
as an absolute URL is blocked (SEB lets it through unfiltered); a URL whose scheme, host or
port reads differently once decoded is blocked (``https://exam.org%2F@evil.org/`` goes to
evil.org, but SEB judges its decoded form as exam.org); and a rule SEB would reject (a regex
that does not compile, an expression with no letter, digit or ``*``) stops the filter from
being built with :class:`~launcher.config.errors.UnsupportedValue`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from itertools import islice
from operator import itemgetter

# The regex parser, to find text every match must contain (Python 3.11+ keeps it in re).
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from launcher.config.errors import UnsupportedValue
from launcher.config.settings import ACTION_ALLOW, UrlFilterRule

if TYPE_CHECKING:  # pragma: no cover - typing only
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Decision", "RegexRule", "SimplifiedRule", "UrlFilter", "url_decode"]

#: How many decisions the per-filter cache keeps.
CACHE_SIZE = 4096

# The only characters outside ASCII that Python's case-insensitive matching treats as equal to
# an ASCII character (checked over all of Unicode); folded before any index lookup so the
# prefilters can never miss a match. ``str.lower`` does the rest.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _fold(text: str) -> str:
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


def url_decode(url: str) -> str:
    """Percent-decode ``url`` once, as .NET's ``WebUtility.UrlDecode`` does."""
    if "+" in url:
        url = url.replace("+", " ")
    if "%" not in url:
        return url
    return unquote(url, encoding="utf-8", errors="replace")


# --------------------------------------------------------------------------- URL parts


class _Parts(NamedTuple):
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


def _escaped_authority(url: str) -> bool:
    """Could decoding change the scheme, user info, host or port of ``url``?"""
    head = url[: _BEFORE_PATH.match(url).end()]  # type: ignore[union-attr]
    return "%" in head or "+" in head


@functools.lru_cache(maxsize=CACHE_SIZE)
def _split(url: str) -> _Parts | None:
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
    return _Parts(scheme, userinfo, host, port, path, query, fragment)


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
        # Index hints: how a filter finds this rule from a URL's host (see _RuleSet).
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
        parts = _split(url)
        return parts is not None and self._matches(parts)

    def _compile(self) -> None:
        for name in ("_scheme", "_userinfo", "_host", "_path", "_query", "_fragment"):
            source = getattr(self, name)
            if source is not None:
                setattr(self, name, _whole(source))
        self._ready = True

    def _matches(self, parts: _Parts) -> bool:
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

    for op, av in items:  # type: ignore[attr-defined]
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
        not parsed.state.groupdict  # type: ignore[attr-defined]
        and parsed.state.flags & (re.VERBOSE | re.MULTILINE | re.DOTALL | re.ASCII) == 0  # type: ignore[attr-defined]
        and not source.lstrip().startswith("(?")
        and not has_refs(parsed)
    )
    return [lit for lit in literals if lit], combinable


# --------------------------------------------------------------------------- rule sets


class _Bucket:
    """Simplified rules that share a host key, sub-indexed by their literal path."""

    __slots__ = ("plain", "exact_path", "dir_path")

    def __init__(self) -> None:
        self.plain: list[tuple[int, SimplifiedRule]] = []
        self.exact_path: dict[str, list[tuple[int, SimplifiedRule]]] = {}
        self.dir_path: dict[str, list[tuple[int, SimplifiedRule]]] = {}

    def add(self, order: int, rule: SimplifiedRule) -> None:
        if rule.path_key is None:
            self.plain.append((order, rule))
        else:
            kind, key = rule.path_key
            table = self.exact_path if kind == "exact" else self.dir_path
            table.setdefault(key, []).append((order, rule))

    def collect(self, path: str, found: list) -> None:
        """Add the rules that may match a URL whose folded path is ``path``."""
        if self.plain:
            found.extend(self.plain)
        if self.exact_path:
            hit = self.exact_path.get(path)
            if hit:
                found.extend(hit)
            if path.endswith("/"):
                hit = self.exact_path.get(path[:-1])
                if hit:
                    found.extend(hit)
        if self.dir_path:
            slash = path.find("/", 1)
            while slash >= 0:
                hit = self.dir_path.get(path[: slash + 1])
                if hit:
                    found.extend(hit)
                slash = path.find("/", slash + 1)


_WORD = re.compile(r"[0-9a-z]+")
_FIRST = {n: itemgetter(slice(0, n)) for n in (3, 4)}
_LAST = {n: itemgetter(slice(-n, None)) for n in (3, 4)}


def _word_keys(literals: list[str]) -> set[str]:
    """Index keys for a regex from the words (runs of ASCII letters and digits) of its required
    text: ``<abcd`` when a word follows another character in that text, so in any matching
    URL a word of the URL starts with ``abcd``; ``>abcd`` when it is followed by one, so a
    word of the URL ends with ``abcd`` (4 characters, or 3 for a word of 3)."""
    keys: set[str] = set()
    for literal in literals:
        for found in _WORD.finditer(literal):
            word = found.group()
            if len(word) < 3:
                continue
            begin, end = found.span()
            if begin > 0:
                keys.add("<" + word[:4])
            if end < len(literal):
                keys.add(">" + word[-4:])
    return keys


def _grams(texts: Iterable[str], limit: int) -> set[str]:
    """Every piece of ``limit`` characters (or the whole text, if shorter) of each text."""
    out: set[str] = set()
    for text in texts:
        size = min(limit, len(text))
        out.update(text[i : i + size] for i in range(len(text) - size + 1))
    return out


def _pick_rarest(items: list[tuple[object, set[str]]]) -> list[tuple[object, str]]:
    """For each (thing, grams), the longest-and-rarest gram, so index buckets stay small."""
    counts: dict[str, int] = {}
    chosen = []
    for thing, grams in items:
        longest = max(len(g) for g in grams)
        grams = {g for g in grams if len(g) == longest}
        chosen.append((thing, grams))
        for gram in grams:
            counts[gram] = counts.get(gram, 0) + 1
    return [(thing, min(sorted(grams), key=counts.__getitem__)) for thing, grams in chosen]


class _RuleSet:
    """All active rules of one action, indexed so a URL meets only a few candidates.

    Simplified rules by host: ``exact`` (the URL host itself), ``suffix`` (the URL host and
    each of its parent domains), ``dotted`` (``*.example.org``: each ``.…`` tail of the URL
    host), ``pieces`` (wildcard hosts, by a rare piece of their literal
    text found in the URL host), ``any_host``; inside each, by literal path (:class:`_Bucket`).
    Regex rules by how a word of every matching URL starts or ends (``word_starts``,
    ``word_ends``: one C-level split of the URL into words), else by a rare piece of text every
    match contains (``grams``), else in combined alternations (``combined``) or, when they
    cannot be combined, one by one (``loose``); a handful of regexes are all tried directly.
    """

    GRAM = 4  # longest piece of literal text used as an index key
    CHUNK = 200  # regexes per combined alternation
    FEW = 8  # up to this many regexes are simply tried one by one

    def __init__(self, rules: list[tuple[int, SimplifiedRule | RegexRule]]) -> None:
        self.count = len(rules)
        self.exact: dict[str, _Bucket] = {}
        self.suffix: dict[str, _Bucket] = {}
        self.dotted: dict[str, _Bucket] = {}
        self.pieces: dict[str, _Bucket] = {}
        self.pieces_lengths: tuple[int, ...] = ()
        self.any_host: _Bucket | None = None
        self.word_starts: dict[str, list[tuple[int, RegexRule]]] = {}
        self.word_ends: dict[str, list[tuple[int, RegexRule]]] = {}
        self.grams: dict[str, list[tuple[int, RegexRule]]] = {}
        self.gram_lengths: tuple[int, ...] = ()
        self.combined: list[tuple[re.Pattern[str], list[tuple[int, RegexRule]]]] = []
        self.loose: list[tuple[int, RegexRule]] = []

        wildcard_hosts: list[tuple[object, set[str]]] = []
        worded: list[tuple[object, set[str]]] = []
        regexes: list[tuple[object, set[str]]] = []
        lonely: list[tuple[int, RegexRule, bool]] = []
        for order, rule in rules:
            if isinstance(rule, SimplifiedRule):
                if rule.host_kind == "exact":
                    self._bucket(self.exact, rule.host_key).add(order, rule)
                elif rule.host_kind == "suffix":
                    self._bucket(self.suffix, rule.host_key).add(order, rule)
                elif rule.host_kind == "dotted":
                    self._bucket(self.dotted, rule.host_key).add(order, rule)
                elif rule.host_kind == "pieces":
                    pieces = [p for p in rule.host_key.split("*") if p]
                    wildcard_hosts.append(((order, rule), _grams(pieces, self.GRAM)))
                else:
                    if self.any_host is None:
                        self.any_host = _Bucket()
                    self.any_host.add(order, rule)
            else:
                words = _word_keys(rule.literals)
                if words:
                    worded.append(((order, rule), words))
                elif rule.literals:
                    regexes.append(((order, rule), _grams(rule.literals, self.GRAM)))
                else:
                    lonely.append((order, rule, rule.combinable))
        if len(worded) + len(regexes) + len(lonely) <= self.FEW:
            # a handful of regexes: trying each is cheaper than cutting the URL up
            self.loose.extend(item for item, _ in worded + regexes)  # type: ignore[misc]
            self.loose.extend((order, rule) for order, rule, _ in lonely)
            worded, regexes, lonely = [], [], []
        for item, key in _pick_rarest(worded):
            table = self.word_starts if key[0] == "<" else self.word_ends
            table.setdefault(key[1:], []).append(item)  # type: ignore[arg-type]
        self.word_start_keys = {n: frozenset(k for k in self.word_starts if len(k) == n) for n in (3, 4)}
        self.word_end_keys = {n: frozenset(k for k in self.word_ends if len(k) == n) for n in (3, 4)}
        for (order, rule), gram in _pick_rarest(wildcard_hosts):  # type: ignore[misc]
            self._bucket(self.pieces, gram).add(order, rule)
        self.pieces_lengths = tuple(sorted({len(g) for g in self.pieces}))
        self.pieces_keys = {n: frozenset(g for g in self.pieces if len(g) == n) for n in self.pieces_lengths}
        for item, gram in _pick_rarest(regexes):
            self.grams.setdefault(gram, []).append(item)  # type: ignore[arg-type]
        self.gram_lengths = tuple(sorted({len(g) for g in self.grams}))
        self.gram_keys = {n: frozenset(g for g in self.grams if len(g) == n) for n in self.gram_lengths}
        self._combine(lonely)

    @staticmethod
    def _bucket(table: dict[str, _Bucket], key: str) -> _Bucket:
        bucket = table.get(key)
        if bucket is None:
            bucket = table[key] = _Bucket()
        return bucket

    def _combine(self, lonely: list[tuple[int, RegexRule, bool]]) -> None:
        """Join regexes without usable literal text into a few alternations."""
        group: list[tuple[int, RegexRule]] = []
        for order, rule, combinable in lonely:
            if combinable:
                group.append((order, rule))
            else:
                self.loose.append((order, rule))
        for start in range(0, len(group), self.CHUNK):
            chunk = group[start : start + self.CHUNK]
            try:
                pattern = re.compile("|".join(f"(?:{r.source})" for _, r in chunk), re.IGNORECASE)
            except (re.error, RecursionError, OverflowError):
                self.loose.extend(chunk)
                continue
            self.combined.append((pattern, chunk))

    def first_match(self, probe: _Probe) -> str | None:
        """Expression of the first rule (in configuration order) matching, else ``None``."""
        if not self.count:
            return None
        host = probe.host
        buckets: list[_Bucket] = []

        if self.exact:
            bucket = self.exact.get(host)
            if bucket is not None:
                buckets.append(bucket)
        if self.suffix:
            suffix = self.suffix
            bucket = suffix.get(host)
            if bucket is not None:
                buckets.append(bucket)
            dot = host.find(".", 1)
            while dot >= 0:
                bucket = suffix.get(host[dot + 1 :])
                if bucket is not None:
                    buckets.append(bucket)
                dot = host.find(".", dot + 1)
        if self.dotted:
            dotted = self.dotted
            dot = host.find(".")
            while dot >= 0:
                bucket = dotted.get(host[dot:])
                if bucket is not None:
                    buckets.append(bucket)
                dot = host.find(".", dot + 1)
        if self.pieces:
            pieces = self.pieces
            for size in self.pieces_lengths:
                for gram in _pieces_of(host, size) & self.pieces_keys[size]:
                    buckets.append(pieces[gram])
        if self.any_host is not None:
            buckets.append(self.any_host)

        found: list[tuple[int, SimplifiedRule | RegexRule]] = []
        if buckets:
            path = probe.path
            for bucket in buckets:
                bucket.collect(path, found)

        if self.word_starts or self.word_ends:
            for size in (4, 3):
                start_keys, end_keys = self.word_start_keys[size], self.word_end_keys[size]
                if start_keys or end_keys:
                    starts, ends = probe.word_keys(size)
                    for key in starts & start_keys:
                        found.extend(self.word_starts[key])
                    for key in ends & end_keys:
                        found.extend(self.word_ends[key])
        if self.grams:
            grams = self.grams
            for size in self.gram_lengths:
                for gram in probe.grams(size) & self.gram_keys[size]:
                    found.extend(grams[gram])
        url = probe.url
        for pattern, chunk in self.combined:
            if pattern.search(url) is not None:
                found.extend(chunk)
        if self.loose:
            found.extend(self.loose)

        if not found:
            return None
        if len(found) > 1:
            found.sort(key=_order)
        parts = probe.parts
        for _, rule in found:
            if isinstance(rule, SimplifiedRule):
                if rule._matches(parts):
                    return rule.expression
            elif rule.pattern.search(url) is not None:
                return rule.expression
        return None


def _order(item: tuple[int, object]) -> int:
    return item[0]


# Slice objects for every start position, so a URL's pieces are cut by C code (map) instead of
# a Python loop; URLs longer than this fall back to the loop.
_MAX_SLICED = 512
_SLICES = {size: [slice(i, i + size) for i in range(_MAX_SLICED)] for size in range(1, _RuleSet.GRAM + 1)}


def _pieces_of(text: str, size: int) -> set[str]:
    """Every run of ``size`` characters in ``text``."""
    count = len(text) - size + 1
    if count <= 0:
        return set()
    if count <= _MAX_SLICED:
        return set(map(text.__getitem__, islice(_SLICES[size], count)))
    return {text[i : i + size] for i in range(count)}


class _Probe:
    """One URL prepared once for both rule sets: decoded text, parts, folded host/path/text,
    and its pieces of text by size (computed on first use)."""

    __slots__ = ("url", "parts", "host", "path", "_text", "_grams", "_words")

    def __init__(self, url: str, parts: _Parts) -> None:
        self.url = url
        self.parts = parts
        host, path = parts.host, parts.path
        self.host = host if host.isascii() else _fold(host)
        self.path = path.lower() if path.isascii() else _fold(path)
        self._text: str | None = None
        self._grams: dict[int, set[str]] = {}
        self._words: dict[int, tuple[set[str], set[str]]] | None = None

    def text(self) -> str:
        if self._text is None:
            self._text = _fold(self.url)
        return self._text

    def word_keys(self, size: int) -> tuple[set[str], set[str]]:
        """First and last ``size`` (3 or 4) characters of every word (run of ASCII letters and
        digits) of the folded URL (shorter words give shorter pieces, which match no key)."""
        if self._words is None:
            self._words = {0: (_WORD.findall(self.text()), [])}  # type: ignore[dict-item]
        found = self._words.get(size)
        if found is None:
            words = self._words[0][0]
            found = self._words[size] = (
                set(map(_FIRST[size], words)), set(map(_LAST[size], words))
            )
        return found

    def grams(self, size: int) -> set[str]:
        found = self._grams.get(size)
        if found is None:
            found = self._grams[size] = _pieces_of(self.text(), size)
        return found


# --------------------------------------------------------------------------- the filter


class Decision(NamedTuple):
    """``allowed``; ``rule`` is the expression of the rule that decided, ``None`` when no rule
    matched (or the filter is off)."""

    allowed: bool
    rule: str | None


_ALLOW_ALL = Decision(True, None)
_NO_MATCH = Decision(False, None)


class UrlFilter:
    """SEB's request filter over a list of :class:`UrlFilterRule` (inactive ones ignored).

    ``enabled`` false allows everything. ``content_enabled`` tells the browser layer whether
    sub-resource requests are judged too (SEB: ``URLFilterEnable`` and
    ``URLFilterEnableContentFilter``); :meth:`decide` itself judges any URL it is given.
    """

    def __init__(
        self,
        rules: Iterable[UrlFilterRule],
        enabled: bool = True,
        *,
        content_enabled: bool = False,
    ) -> None:
        self.enabled = bool(enabled)
        self.content_enabled = bool(content_enabled) and self.enabled
        self.rules: tuple[UrlFilterRule, ...] = tuple(r for r in rules if r.active)
        block: list[tuple[int, SimplifiedRule | RegexRule]] = []
        allow: list[tuple[int, SimplifiedRule | RegexRule]] = []
        for order, rule in enumerate(self.rules):
            compiled = (
                RegexRule(rule.expression, blocks=rule.action != ACTION_ALLOW)
                if rule.regex
                else SimplifiedRule(rule.expression)
            )
            (allow if rule.action == ACTION_ALLOW else block).append((order, compiled))
        self._block = _RuleSet(block)
        self._allow = _RuleSet(allow)
        self.decide = functools.lru_cache(maxsize=CACHE_SIZE)(self._decide)  # type: ignore[method-assign]
        log.debug(
            "URL filter %s: %d block and %d allow rules",
            "on" if self.enabled else "off", len(block), len(allow),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> UrlFilter:
        """The filter a configuration asks for. Like SEB for Windows, when the filter is on
        and would not allow the start URL, an allow rule for the start URL is added."""
        rules = list(settings.url_filter_rules)
        url_filter = cls(
            rules,
            enabled=settings.url_filter_enable,
            content_enabled=settings.filter_content_requests,
        )
        start = settings.start_url
        if url_filter.enabled and start.strip() and not url_filter.allows(start):
            log.debug("URL filter: start URL not allowed by the rules, adding an allow rule for it")
            rules.append(UrlFilterRule(active=True, regex=False, expression=start, action=ACTION_ALLOW))
            url_filter = cls(rules, enabled=True, content_enabled=settings.filter_content_requests)
        return url_filter

    def decide(self, url: str) -> Decision:  # replaced per instance by a cached version
        return self._decide(url)

    def _decide(self, url: str) -> Decision:
        if not self.enabled:
            return _ALLOW_ALL
        decoded = url_decode(url)
        parts = _split(decoded)
        if parts is None:
            return _NO_MATCH
        if decoded is not url and _escaped_authority(url):
            # Decoding must not move the request to another server: "https://a.org%2F@b.org/"
            # goes to b.org, but decoded it reads as a.org. SEB would judge it as a.org.
            raw = _split(url)
            if raw is None or (raw.scheme, raw.host, raw.port) != (parts.scheme, parts.host, parts.port):
                log.info("URL filter: blocked a URL whose server changes when decoded")
                return _NO_MATCH
        probe = _Probe(decoded, parts)
        rule = self._block.first_match(probe)
        if rule is not None:
            return Decision(False, rule)
        rule = self._allow.first_match(probe)
        if rule is not None:
            return Decision(True, rule)
        return _NO_MATCH

    def allows(self, url: str) -> bool:
        return self.decide(url).allowed

    def compile_all(self) -> None:
        """Compile every regex rule now instead of on first use (e.g. while the exam page
        loads, or before timing the filter)."""
        for rule_set in (self._block, self._allow):
            tables = (rule_set.word_starts, rule_set.word_ends, rule_set.grams)
            for table in tables:
                for bucket in table.values():
                    for _, rule in bucket:
                        rule.pattern  # noqa: B018 - compiles and caches
            for _, rule in rule_set.loose:
                rule.pattern  # noqa: B018
