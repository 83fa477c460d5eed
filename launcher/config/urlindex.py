"""The index that makes SEB's URL filter fast with thousands of rules (spec §6, "Speed").

One job: given the rules of one action (block or allow) in rule order, return the first that
matches a URL while running only a few candidates. What a match *means* is the rules' own
business (``urlrules``); this module only decides which rules are worth asking.

Simplified rules are indexed by their host (exact hosts, domain suffixes walked over the URL's
host labels, ``*.domain`` tails, rare pieces of other wildcard hosts) and inside that by their
literal path; regex rules by how a word of every matching URL must start or end (from the text
the regex requires), else by a rare piece of that text, else in a few combined alternations.
Candidates run in rule order, so the rule returned is the first that matches, as SEB would
find it. Case folding is handled so that no index can miss a match (``urlrules.fold``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from itertools import islice
from operator import itemgetter
from typing import TypeVar

from launcher.config.urlrules import RegexRule, SimplifiedRule, UrlParts, fold

log = logging.getLogger(__name__)

__all__ = ["RuleSet", "Probe"]

_Thing = TypeVar("_Thing")

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

    def collect(self, path: str, found: list[tuple[int, SimplifiedRule | RegexRule]]) -> None:
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


def _pick_rarest(items: list[tuple[_Thing, set[str]]]) -> list[tuple[_Thing, str]]:
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


class RuleSet:
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

        wildcard_hosts: list[tuple[tuple[int, SimplifiedRule], set[str]]] = []
        worded: list[tuple[tuple[int, RegexRule], set[str]]] = []
        regexes: list[tuple[tuple[int, RegexRule], set[str]]] = []
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
            self.loose.extend(item for item, _ in worded + regexes)
            self.loose.extend((order, rule) for order, rule, _ in lonely)
            worded, regexes, lonely = [], [], []
        for item, key in _pick_rarest(worded):
            table = self.word_starts if key[0] == "<" else self.word_ends
            table.setdefault(key[1:], []).append(item)
        self.word_start_keys = {n: frozenset(k for k in self.word_starts if len(k) == n) for n in (3, 4)}
        self.word_end_keys = {n: frozenset(k for k in self.word_ends if len(k) == n) for n in (3, 4)}
        for (order, rule), gram in _pick_rarest(wildcard_hosts):
            self._bucket(self.pieces, gram).add(order, rule)
        self.pieces_lengths = tuple(sorted({len(g) for g in self.pieces}))
        self.pieces_keys = {n: frozenset(g for g in self.pieces if len(g) == n) for n in self.pieces_lengths}
        for item, gram in _pick_rarest(regexes):
            self.grams.setdefault(gram, []).append(item)
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

    def first_match(self, probe: Probe) -> str | None:
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
                if rule.matches_parts(parts):
                    return rule.expression
            elif rule.pattern.search(url) is not None:
                return rule.expression
        return None


def _order(item: tuple[int, object]) -> int:
    return item[0]


# Slice objects for every start position, so a URL's pieces are cut by C code (map) instead of
# a Python loop; URLs longer than this fall back to the loop.
_MAX_SLICED = 512
_SLICES = {size: [slice(i, i + size) for i in range(_MAX_SLICED)] for size in range(1, RuleSet.GRAM + 1)}


def _pieces_of(text: str, size: int) -> set[str]:
    """Every run of ``size`` characters in ``text``."""
    count = len(text) - size + 1
    if count <= 0:
        return set()
    if count <= _MAX_SLICED:
        return set(map(text.__getitem__, islice(_SLICES[size], count)))
    return {text[i : i + size] for i in range(count)}


class Probe:
    """One URL prepared once for both rule sets: decoded text, parts, folded host/path/text,
    and its pieces of text by size (computed on first use)."""

    __slots__ = ("url", "parts", "host", "path", "_text", "_grams", "_words", "_word_list")

    def __init__(self, url: str, parts: UrlParts) -> None:
        self.url = url
        self.parts = parts
        host, path = parts.host, parts.path
        self.host = host if host.isascii() else fold(host)
        self.path = path.lower() if path.isascii() else fold(path)
        self._text: str | None = None
        self._grams: dict[int, set[str]] = {}
        self._words: dict[int, tuple[set[str], set[str]]] | None = None
        self._word_list: list[str] = []

    def text(self) -> str:
        if self._text is None:
            self._text = fold(self.url)
        return self._text

    def word_keys(self, size: int) -> tuple[set[str], set[str]]:
        """First and last ``size`` (3 or 4) characters of every word (run of ASCII letters and
        digits) of the folded URL (shorter words give shorter pieces, which match no key)."""
        if self._words is None:
            self._words = {}
            self._word_list = _WORD.findall(self.text())
        found = self._words.get(size)
        if found is None:
            words = self._word_list
            found = self._words[size] = (
                set(map(_FIRST[size], words)), set(map(_LAST[size], words))
            )
        return found

    def grams(self, size: int) -> set[str]:
        found = self._grams.get(size)
        if found is None:
            found = self._grams[size] = _pieces_of(self.text(), size)
        return found
