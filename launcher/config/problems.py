"""Every reason the launcher would refuse a configuration it could read, all of them at once.

``open`` stops at the first bad setting (``Settings.from_dict``) or URL filter rule
(``UrlFilter``); an administrator debugging a file (``seb-launcher config inspect``) wants the
whole list. :func:`refusals` collects it without changing what ``open`` does: settings of the
wrong type or with values SEB does not define, then, when the URL filter is on, active rules
whose expression cannot be used.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from launcher.config.errors import UnsupportedValue
from launcher.config.settings import Settings, UrlFilterRule

log = logging.getLogger(__name__)

def refusals(raw: Mapping[str, Any]) -> list[UnsupportedValue]:
    """The problems that make ``open`` refuse ``raw`` (a read settings dictionary), in file
    order; empty when the launcher would run it."""
    found = Settings.problems(raw)
    if not isinstance(raw, Mapping):
        return found
    if raw.get("URLFilterEnable") is not True or not isinstance(raw.get("URLFilterRules"), list):
        return found
    rules: list[UrlFilterRule] = []
    for entry in raw["URLFilterRules"]:
        try:  # each rule alone: the good ones are judged even when another one is bad
            rules.extend(Settings.from_dict({"URLFilterRules": [entry]}).url_filter_rules)
        except UnsupportedValue:
            continue  # already in the list
    found.extend(rule_problems(rules))
    return found


def rule_problems(rules: Iterable[UrlFilterRule]) -> list[UnsupportedValue]:
    """The active URL filter rules (``UrlFilterRule``) whose expression cannot be compiled."""
    from launcher.config.urlfilter import RegexRule, SimplifiedRule

    found = []
    for rule in rules:
        if not rule.active:
            continue
        try:
            if rule.regex:
                RegexRule(rule.expression)
            else:
                SimplifiedRule(rule.expression)
        except UnsupportedValue as exc:
            found.append(exc)
    return found
