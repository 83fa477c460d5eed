"""SEB's URL filter: block rules before allow rules, no match blocks (spec §6).

One job: decide whether a URL may be loaded, exactly as SEB for Windows decides it
(``SafeExamBrowser.Browser/Filters/RequestFilter.cs``), fast enough to sit on every request:

* only active rules count; the URL is percent-decoded once first (``urlrules.url_decode``);
* block rules are tried first, then allow rules; no match blocks; a disabled filter allows all;
* what one rule matches is in ``urlrules`` (:class:`SimplifiedRule`, :class:`RegexRule`);
  which rules are tried for a URL is the index's job (``urlindex``); repeated URLs hit a small
  LRU cache here.

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
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from launcher.config.settings_table import ACTION_ALLOW, UrlFilterRule
from launcher.config.start_url import start_url
from launcher.config.urlindex import Probe, RuleSet
from launcher.config.urlrules import RegexRule, SimplifiedRule, escaped_authority, split_url, url_decode

if TYPE_CHECKING:  # pragma: no cover - typing only
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

# RegexRule, SimplifiedRule and url_decode stay importable from here, as before the split.
__all__ = ["Decision", "RegexRule", "SimplifiedRule", "UrlFilter", "url_decode"]

#: How many decisions the per-filter cache keeps.
CACHE_SIZE = 4096

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
        self._block = RuleSet(block)
        self._allow = RuleSet(allow)
        # a cache per filter (on the method it would be one for all filters, holding them alive)
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
        start = start_url(settings.start_url).url  # the URL the exam window loads
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
        parts = split_url(decoded)
        if parts is None:
            return _NO_MATCH
        if decoded is not url and escaped_authority(url):
            # Decoding must not move the request to another server: "https://a.org%2F@b.org/"
            # goes to b.org, but decoded it reads as a.org. SEB would judge it as a.org.
            raw = split_url(url)
            if raw is None or (raw.scheme, raw.host, raw.port) != (parts.scheme, parts.host, parts.port):
                log.info("URL filter: blocked a URL whose server changes when decoded")
                return _NO_MATCH
        probe = Probe(decoded, parts)
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
