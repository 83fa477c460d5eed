"""Every reason the launcher would refuse a configuration it could read, all of them at once.

``open`` stops at the first bad setting (``Settings.from_dict``) or URL filter rule
(``UrlFilter``); an administrator debugging a file (``seb-launcher config inspect``) wants the
whole list. :func:`refusals` collects it without changing what ``open`` does: security settings
of the wrong type and values SEB does not define, then, when the URL filter is on, active rules
whose expression cannot be used; :func:`warnings` the wrongly typed values ignored as SEB does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from launcher.config.errors import UnsupportedValue
from launcher.config.settings import Settings
from launcher.config.settings_table import FIELDS, UrlFilterRule
from launcher.config.wrong_types import ignore_wrong_types

log = logging.getLogger(__name__)

def refusals(raw: Mapping[str, Any]) -> list[UnsupportedValue]:
    """The problems that make ``open`` refuse ``raw`` (a read settings dictionary), in file
    order; empty when the launcher would run it. Values of the wrong type that SEB ignores
    (:mod:`launcher.config.wrong_types`) are not among them: see :func:`warnings`."""
    if not isinstance(raw, Mapping):
        return Settings.problems(raw)
    raw, _ignored = ignore_wrong_types(raw, FIELDS)
    found = [_fail_closed(p) for p in Settings.problems(raw)]
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


def _fail_closed(problem: UnsupportedValue) -> UnsupportedValue:
    """A security setting of the wrong type: say why the launcher refuses where SEB runs."""
    if ": expected " not in problem.detail:
        return problem
    return UnsupportedValue(
        problem.message.rstrip(".") + ". SEB would ignore it and use its default; for a security "
        "setting this launcher refuses the exam instead, as the default may allow the student more "
        "than the file asks.",
        detail=problem.detail,
    )


def warnings(raw: Mapping[str, Any]) -> list[UnsupportedValue]:
    """The values of ``raw`` the launcher ignores as SEB does (wrong type), each with why."""
    return ignore_wrong_types(raw, FIELDS)[1]


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
