"""The URL filter decides like SEB for Windows: every case of SEB's own simplified-rule tests,
its regex-rule and request-filter tests rewritten as ours, block before allow, percent-decoding,
Moodle's quiz configurations, and an indexed filter that agrees with rule-by-rule evaluation."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from launcher.config.container import read_config_file
from launcher.config.errors import UnsupportedValue
from launcher.config.settings import Settings
from launcher.config.settings_table import UrlFilterRule
from launcher.config.urlfilter import Decision, RegexRule, SimplifiedRule, UrlFilter, url_decode
from tests.support.vectors import VECTORS

SIMPLIFIED = json.loads((VECTORS / "seb-win" / "simplified_rules.json").read_text(encoding="utf-8"))


def _cases() -> list:
    out = []
    for case in SIMPLIFIED["cases"]:
        for expected, key in ((True, "match"), (False, "no_match")):
            for index, url in enumerate(case[key]):
                out.append(pytest.param(case["expression"], url, expected, id=f"{case['test']}-{key}-{index}"))
    return out


CASES = _cases()


def allow(expression: str, *, regex: bool = False, active: bool = True) -> UrlFilterRule:
    return UrlFilterRule(active=active, regex=regex, expression=expression, action=1)


def block(expression: str, *, regex: bool = False, active: bool = True) -> UrlFilterRule:
    return UrlFilterRule(active=active, regex=regex, expression=expression, action=0)


# --- SEB for Windows' simplified-rule cases -----------------------------------------------


@pytest.mark.parametrize(("expression", "url", "expected"), CASES)
def test_simplified_rule_case_from_seb(expression: str, url: str, expected: bool) -> None:
    assert SimplifiedRule(expression).matches(url) is expected


@pytest.mark.parametrize(("expression", "url", "expected"), CASES)
def test_filter_with_that_rule_decides_the_same(expression: str, url: str, expected: bool) -> None:
    decision = UrlFilter([allow(expression)]).decide(url)
    assert decision == Decision(expected, expression if expected else None)


def test_port_rule_with_host_wildcard_rejects_every_other_port() -> None:
    rule = SimplifiedRule("*:2020")
    assert rule.matches("scheme://host.org:2020")
    assert not any(rule.matches(f"scheme://host.org:{port}") for port in range(65536) if port != 2020)


def test_simplified_rules_ignore_case() -> None:
    for expression in ("http://www.test.org/path/file.txt?param=123", "HTTP://WWW.TEST.ORG/PATH/FILE.TXT?PARAM=123"):
        rule = SimplifiedRule(expression)
        assert rule.matches("hTtP://wWw.TeSt.OrG/pAtH/fIlE.tXt?PaRaM=123")
        assert rule.matches("HtTp://WwW.tEst.oRg/PaTh/FiLe.TxT?pArAm=123")


@pytest.mark.parametrize("expression", ["*", "a", "A", "0", "abcdeFGHIJK-12345"])
def test_simplified_expressions_seb_accepts(expression: str) -> None:
    SimplifiedRule(expression)


SEB_INVALID = [".", "+", '"', "ç", "%", "&", "/", "(", ")", "=", "?", "^", "!", "[", "]", "{", "}", "¦",
               "@", "#", "°", "§", "¬", "|", "¢", "´", "'", "`", "~", "<", ">", "\\"]


@pytest.mark.parametrize("expression", SEB_INVALID)
def test_simplified_expressions_seb_refuses(expression: str) -> None:
    with pytest.raises(UnsupportedValue, match="not a valid expression"):
        SimplifiedRule(expression)


def test_default_ports_count_for_port_rules() -> None:
    assert SimplifiedRule("host.org:443").matches("https://www.host.org/exam")
    assert SimplifiedRule("host.org:80").matches("http://host.org")
    assert not SimplifiedRule("host.org:80").matches("https://host.org")


# --- SEB for Windows' regex-rule cases ----------------------------------------------------


def test_regex_rules_ignore_case() -> None:
    for expression in (r"http://www\.test\.org/path/file\.txt\?param=123", r"HTTP://WWW\.TEST\.ORG/PATH/FILE\.TXT\?PARAM=123"):
        rule = RegexRule(expression)
        assert rule.matches("hTtP://wWw.TeSt.OrG/pAtH/fIlE.tXt?PaRaM=123")
        assert rule.matches("HtTp://WwW.tEst.oRg/PaTh/FiLe.TxT?pArAm=123")


def test_regex_that_does_not_compile_is_refused() -> None:
    with pytest.raises(UnsupportedValue, match="not a valid regular expression"):
        RegexRule("ç+\"}%&*/(+)=?{=*+¦]@#°§]`?´^¨'°[¬|¢")


def test_empty_regex_matches_everything() -> None:
    assert RegexRule("").matches("https://anything.example/")


def test_regex_searches_anywhere_in_the_url() -> None:
    rule = RegexRule(r"quiz/attempt\.php")
    assert rule.matches("https://lms.example/mod/quiz/attempt.php?attempt=5")
    assert not rule.matches("https://lms.example/mod/quiz/view.php")


def test_dotnet_named_groups_and_end_anchor_work() -> None:
    assert RegexRule(r"(?<host>lms)\.example\.org/exam\z").matches("https://lms.example.org/exam")
    assert not RegexRule(r"exam\z").matches("https://lms.example.org/exam/")


# --- SEB for Windows' request-filter cases ------------------------------------------------


def test_block_rules_come_first() -> None:
    url_filter = UrlFilter([allow("exam.example.org"), block("exam.example.org/admin")])
    assert url_filter.decide("https://exam.example.org/admin") == Decision(False, "exam.example.org/admin")


def test_allow_rules_come_second() -> None:
    url_filter = UrlFilter([allow("exam.example.org"), block("other.example.org")])
    assert url_filter.decide("https://exam.example.org/quiz") == Decision(True, "exam.example.org")


def test_no_match_blocks() -> None:
    url_filter = UrlFilter([allow("exam.example.org"), block("other.example.org")])
    assert url_filter.decide("https://www.example.com/") == Decision(False, None)
    assert not url_filter.allows("https://www.example.com/")


def test_no_rules_blocks_everything_when_enabled() -> None:
    assert UrlFilter([]).decide("https://exam.example.org/") == Decision(False, None)


def test_disabled_filter_allows_everything() -> None:
    url_filter = UrlFilter([block("*")], enabled=False)
    assert url_filter.decide("https://anything.example/") == Decision(True, None)


def test_inactive_rules_do_not_count() -> None:
    url_filter = UrlFilter([allow("exam.example.org"), block("exam.example.org", active=False)])
    assert url_filter.allows("https://exam.example.org/")
    assert len(url_filter.rules) == 1


def test_first_matching_rule_in_configuration_order_is_named() -> None:
    url_filter = UrlFilter([allow("*.example.org"), allow("exam.example.org"), allow("exam", regex=True)])
    assert url_filter.decide("https://exam.example.org/").rule == "*.example.org"
    url_filter = UrlFilter([allow("exam", regex=True), allow("*.example.org")])
    assert url_filter.decide("https://exam.example.org/").rule == "exam"


def test_bad_rule_stops_the_filter_from_being_built() -> None:
    with pytest.raises(UnsupportedValue):
        UrlFilter([allow("(unclosed", regex=True)])
    with pytest.raises(UnsupportedValue):
        UrlFilter([block("/")])


def test_unparseable_url_is_blocked() -> None:
    url_filter = UrlFilter([allow("*")])
    assert url_filter.allows("https://exam.example.org/")
    assert not url_filter.allows("no scheme here")
    assert not url_filter.allows("https://exam.example.org:99999/")


# --- percent-decoding ---------------------------------------------------------------------


def test_percent_encoded_path_is_judged_decoded() -> None:
    url_filter = UrlFilter([allow("lms.example.org"), block("lms.example.org/admin")])
    assert url_filter.decide("https://lms.example.org/%61dmin") == Decision(False, "lms.example.org/admin")
    assert url_filter.decide("https://lms.example.org/%2561dmin").allowed  # decoded once only


def test_percent_encoded_text_is_seen_by_regex_rules() -> None:
    url_filter = UrlFilter([allow("lms.example.org"), block("admin", regex=True)])
    assert not url_filter.allows("https://lms.example.org/%41DMIN/")


def test_decoding_cannot_move_a_request_to_another_server() -> None:
    url_filter = UrlFilter([allow("exam.example.org")])
    assert not url_filter.allows("https://exam.example.org%2F@evil.example/")
    assert not url_filter.allows("https://exam.example.org%3F@evil.example/")
    assert not url_filter.allows("https://exam.example.org%23@evil.example/")
    assert url_filter.allows("https://exam.example.org/%2F@evil.example/")
    assert url_filter.allows("https://exam.example.org/q?next=%2F%40x")
    assert url_filter.allows("https://first+last@exam.example.org/")


def test_dot_segments_are_resolved_before_path_rules() -> None:
    url_filter = UrlFilter([allow("exam.example.org/public/*")])
    assert url_filter.allows("https://exam.example.org/public/a/../b")
    assert not url_filter.allows("https://exam.example.org/public/../admin")
    assert not url_filter.allows("https://exam.example.org/public/%2e%2e/admin")
    assert not url_filter.allows("https://exam.example.org/public/%2E%2E%2Fadmin")


def test_path_rules_see_the_url_escaped_as_dotnet_writes_it() -> None:
    url_filter = UrlFilter([allow("lms.example.org"), block("lms.example.org/my%20notes"), block("*/caf%C3%A9/*")])
    assert url_filter.decide("https://lms.example.org/my%20notes").rule == "lms.example.org/my%20notes"
    assert url_filter.decide("https://lms.example.org/my notes").rule == "lms.example.org/my%20notes"
    assert url_filter.decide("https://lms.example.org/caf\u00e9/menu").rule == "*/caf%C3%A9/*"
    assert url_filter.decide("https://lms.example.org/caf%C3%A9/menu").rule == "*/caf%C3%A9/*"
    assert SimplifiedRule("h.org?q=a%20b").matches("https://h.org/?q=a b")


def test_plus_is_decoded_to_space_like_dotnet() -> None:
    assert url_decode("https://h/?q=a+b%20c") == "https://h/?q=a b c"
    assert url_decode("https://h/%C3%A9t%C3%A9") == "https://h/été"
    assert url_decode("https://h/%zz%4") == "https://h/%zz%4"
    url_filter = UrlFilter([allow("h.example"), block("q=a b", regex=True)])
    assert not url_filter.allows("https://h.example/?q=a+b")


def test_case_folding_cannot_slip_past_an_indexed_rule() -> None:
    # U+212A KELVIN SIGN matches "k" and U+017F LONG S matches "s" case-insensitively; the
    # indexes must see them as those letters too (padding makes the regexes indexed).
    never = [block(rf"never{i}\.example", regex=True) for i in range(30)]
    url_filter = UrlFilter([allow("*"), block("kiosk", regex=True), block("school.org"), *never])
    assert not url_filter.allows("https://lms.example/\u212aiosk")
    assert not url_filter.allows("https://\u017fchool.org/")
    assert not url_filter.allows("https://www.\u017fchool.org/")
    assert url_filter.allows("https://lms.example/kio")


# --- from settings: Moodle's quiz configurations ------------------------------------------

MOODLE_QUIZ = [
    "more/quiz_settings_catalyst2020_contentfilter0.seb",
    "more/quiz_settings_catalyst2020_contentfilter1.seb",
    "more/quiz_settings_moodle4x_contentfilter0.seb",
    "more/quiz_settings_moodle4x_contentfilter1.seb",
]
START = "https://www.example.com/moodle/mod/quiz/view.php?id=1"


@pytest.mark.parametrize("relative", MOODLE_QUIZ)
def test_moodle_quiz_filter(relative: str) -> None:
    settings = Settings.from_dict(read_config_file(VECTORS / relative).settings)
    url_filter = UrlFilter.from_settings(settings)
    assert url_filter.enabled
    assert url_filter.content_enabled is relative.endswith("contentfilter1.seb")
    assert url_filter.decide("https://test.com/") == Decision(True, "test.com")
    assert url_filter.decide("https://cdn.test.com/lib.js") == Decision(True, "test.com")
    assert url_filter.decide("https://test.com.evil.example/") == Decision(False, None)
    assert url_filter.decide("https://www.google.com/") == Decision(False, None)
    # SEB adds an allow rule for the start URL when the rules would block it
    assert url_filter.decide(START) == Decision(True, START)
    assert not url_filter.allows("https://www.example.com/moodle/mod/quiz/view.php?id=2")


def test_start_url_rule_is_not_added_when_already_allowed() -> None:
    settings = Settings.from_dict({
        "startURL": "https://lms.example.org/quiz",
        "URLFilterEnable": True,
        "URLFilterRules": [{"active": True, "regex": False, "expression": "lms.example.org", "action": 1}],
    })
    url_filter = UrlFilter.from_settings(settings)
    assert len(url_filter.rules) == 1
    assert url_filter.decide("https://lms.example.org/quiz").rule == "lms.example.org"


def test_start_url_rule_does_not_override_a_block_rule() -> None:
    settings = Settings.from_dict({
        "startURL": "https://lms.example.org/quiz",
        "URLFilterEnable": True,
        "URLFilterRules": [{"active": True, "regex": False, "expression": "lms.example.org", "action": 0}],
    })
    assert not UrlFilter.from_settings(settings).allows("https://lms.example.org/quiz")


def test_filter_off_in_settings_allows_everything() -> None:
    url_filter = UrlFilter.from_settings(Settings.from_dict({"URLFilterRules": [{"expression": "x.org", "action": 0}]}))
    assert not url_filter.enabled and not url_filter.content_enabled
    assert url_filter.allows("https://x.org/")


def test_seb_windows_test_dictionary_rules() -> None:
    settings = Settings.from_dict(read_config_file(VECTORS / "seb-win" / "TestDictionary1.plist").settings)
    url_filter = UrlFilter.from_settings(settings)
    assert url_filter.allows(settings.start_url)
    assert url_filter.decide("https://aai-logon.ethz.ch/idp/login").rule == "aai-logon.ethz.ch"
    assert not url_filter.allows("https://www.google.com/search?q=answer")


# --- many rules ---------------------------------------------------------------------------


def test_thousands_of_rules_still_decide_right() -> None:
    rules = [allow(f"host{i}.example.org/exam/{i}/*") for i in range(1500)]
    rules += [allow(rf"^https://quiz{i}\.example\.net/", regex=True) for i in range(1500)]
    rules += [block(f"*.bad{i}.*") for i in range(500)]
    rules += [allow(f"example.com/course/{i}") for i in range(1500)]
    url_filter = UrlFilter(rules)
    assert url_filter.decide("https://host77.example.org/exam/77/page").rule == "host77.example.org/exam/77/*"
    assert not url_filter.allows("https://host77.example.org/exam/78/page")
    assert url_filter.decide("https://QUIZ1234.example.net/x").rule == r"^https://quiz1234\.example\.net/"
    assert not url_filter.allows("https://quiz1234.example.org/x")
    assert url_filter.decide("https://www.bad42.example.com/").rule == "*.bad42.*"
    assert url_filter.decide("https://example.com/course/1499/").rule == "example.com/course/1499"
    assert not url_filter.allows("https://example.com/course/1500")
    assert not url_filter.allows("https://www.other.net/some/path?x=1")


def test_repeated_urls_get_the_same_decision() -> None:
    url_filter = UrlFilter([allow("exam.example.org")])
    first = url_filter.decide("https://exam.example.org/q")
    assert url_filter.decide("https://exam.example.org/q") == first == Decision(True, "exam.example.org")


def test_regex_text_inside_a_longer_word_is_still_found() -> None:
    never = [block(rf"never{i}\.example", regex=True) for i in range(30)]
    url_filter = UrlFilter([allow("*"), block(r"quiz\d+", regex=True), block(r"/attempt\d", regex=True), *never])
    assert not url_filter.allows("https://lms.example/myquiz12")
    assert not url_filter.allows("https://lms.example/attempt/attempt5x")
    assert url_filter.allows("https://lms.example/quiz/attempt")


def test_regex_index_keys_only_on_word_boundaries_the_regex_guarantees() -> None:
    from launcher.config.urlindex import _word_keys

    assert _word_keys(["quiz"]) == set()
    assert _word_keys([".rx12."]) == {"<rx12", ">rx12"}
    assert _word_keys(["abc/defgh"]) == {">abc", "<defg"}
    assert _word_keys(["/attempt"]) == {"<atte"}
    assert _word_keys(["ab/cd"]) == set()


# --- the indexed filter agrees with rule-by-rule evaluation -------------------------------

EXPRESSIONS = sorted({case["expression"] for case in SIMPLIFIED["cases"]}) + [
    "host.org/url/*", "*.host.org/*/path?*", ".www.host.org/url/path/", "*host*", "test.*.org/url",
    "user:*@*", "*/url/path#*", "HOST.ORG/URL", "ho*st.org", "*.*", "scheme://*.org:2020/*",
]
REGEXES = [
    r"^https?://(www\.)?host\.org/", r"url/path", r"\.txt$", r"param=1\d*", r"(a|b)c", r"[0-9]{4}",
    r"(?i)HOST", r"(.)\1{2}", r"^scheme://user", r"k", r"org#", r"\bhost\b", r"test(?=\.)", r"",
    r"fragment$", r"(?<name>www)\.", r"x?y?z?", r"^[a-z]+://[^/]*:2020",
]
URLS = sorted({url for case in SIMPLIFIED["cases"] for url in case["match"] + case["no_match"]}) + [
    "https://www.host.org/url/path/file.txt?param=1234#fragment", "http://HOST.ORG/URL/", "http://host.org/%75rl/path",
    "scheme://user:pw@a.b.host.org:2020/x/y/path?param=123#frag", "scheme://hostname123/url/path",
    "https://h\u212ast.org/", "about:blank", "scheme://host.org:2020/url/path?",
    "scheme://host.org/myurl/path", "scheme://host.org/url/pathology", "scheme://xhost.org/url/path",
]


# Regex rules that match none of URLS, in both actions: with them a filter has enough regexes
# to index them (a handful are simply tried one by one), so the index is what gets checked.
PADDING = [
    UrlFilterRule(active=True, regex=True, expression=rf"qq{i}zz\.never", action=i % 2) for i in range(40)
]


@functools.lru_cache(maxsize=None)
def matcher_for(expression: str, regex: bool) -> RegexRule | SimplifiedRule:
    return RegexRule(expression) if regex else SimplifiedRule(expression)


ANY = UrlFilter([allow("*")])


def rule_by_rule(rules: list[UrlFilterRule], url: str) -> Decision:
    """SEB's RequestFilter.Process with the rules tried one after the other."""
    decoded = url_decode(url)
    if not ANY.allows(url):
        return Decision(False, None)
    compiled = [(r, matcher_for(r.expression, r.regex)) for r in rules if r.active]
    for wanted in (0, 1):
        for rule, matcher in compiled:
            if rule.action == wanted and matcher.matches(decoded):
                return Decision(wanted == 1, rule.expression)
    return Decision(False, None)


@pytest.mark.parametrize(
    ("expression", "regex"), [(e, False) for e in EXPRESSIONS] + [(r, True) for r in REGEXES]
)
def test_index_finds_each_rule_for_every_url(expression: str, regex: bool) -> None:
    for action in (0, 1):
        rules = [UrlFilterRule(active=True, regex=regex, expression=expression, action=action), *PADDING]
        url_filter = UrlFilter(rules)
        for url in URLS:
            assert url_filter.decide(url) == rule_by_rule(rules, url), url


rule_strategy = st.builds(
    UrlFilterRule,
    active=st.booleans(),
    regex=st.just(False),
    expression=st.sampled_from(EXPRESSIONS),
    action=st.integers(0, 1),
) | st.builds(
    UrlFilterRule,
    active=st.booleans(),
    regex=st.just(True),
    expression=st.sampled_from(REGEXES),
    action=st.integers(0, 1),
)


@hsettings(max_examples=300, deadline=None)
@given(rules=st.lists(rule_strategy, min_size=1, max_size=15), urls=st.lists(st.sampled_from(URLS), min_size=1, max_size=8))
def test_indexed_filter_agrees_with_rule_by_rule_evaluation(rules: list[UrlFilterRule], urls: list[str]) -> None:
    rules = rules + PADDING[: len(rules) * 3]
    url_filter = UrlFilter(rules)
    for url in urls:
        assert url_filter.decide(url) == rule_by_rule(rules, url), url
