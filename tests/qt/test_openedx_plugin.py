"""The kiosk against an Open edX course behind the ``seb-openedx`` plugin's own check
(``tests/support/openedx.py``: the plugin's permission classes over Django's
``build_absolute_uri()``): which URL shapes it admits, which it refuses and whose the refusal is
(README, Interoperability), and the plugin's own gap: a course that registers only browser keys,
or only config keys, admits a request with no SEB headers at all."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from kiosk_support import BROWSER_EXAM_KEY, CONFIG_KEY
from support.openedx import OpenEdxCourse

KEYS_ON = {"sendBrowserExamKey": True}
COURSE = "/courses/course-v1:Org+Exam+2026"
#: Start URLs (the launcher loads them itself): admitted.
STARTS = [
    COURSE + "/courseware/ch1/seq1/?activate_block_id=block-v1%3AOrg%2BExam%2B2026%2Btype%40vertical%2Bblock%40u1",
    COURSE + "/jump_to/block-v1:Org+Exam+2026+type@sequential+block@seq1",
]
#: Links a page follows (Chromium sends them as written): admitted.
LINKS_ADMITTED = [
    COURSE + "/progress?next=%2Fcourses%2Fx&u=~user",
    COURSE + "/progress?f={1}|x",  # sent raw, quoted by Django as QUrl quotes it
    COURSE + "/u/%7euser/%41",  # path escapes Django decodes as QUrl does
]
#: Refused because the launcher hashes QUrl's form, not the request line (QtWebEngine).
LINKS_REFUSED_OURS = [
    COURSE + "/progress?next=%2fcourses%2fx&u=%7Euser&n=%41",
    COURSE + "/progress?d=50%&r=1",
]
#: Refused for every SEB client: Django rebuilds the path in a form nobody sends.
LINKS_REFUSED_PLUGIN = [COURSE + "/u/a%3Ab", COURSE + "/u/a%2Bb", COURSE + "/u/a%2Fb", COURSE + "/u/a;b"]


def _go(run: Any, target: str) -> None:
    run.js(f"location.href = {json.dumps(target)}; 1")
    run.wait_js(f"location.pathname + location.search === {json.dumps(target)} "
                "&& document.readyState === 'complete'", timeout=15_000)


def test_what_the_plugin_admits_from_the_kiosk(start_exam: Any, http_server: Any) -> None:
    course = OpenEdxCourse(http_server, browser_keys=[BROWSER_EXAM_KEY], config_keys=[CONFIG_KEY])
    for start in STARTS:
        run = start_exam({"startURL": http_server.url(start), **KEYS_ON})
        assert run.js("document.getElementById('unit') !== null"), start
        assert course.admitted(start) is True
        run.session.quit("next")
    run = start_exam({"startURL": http_server.url(STARTS[0]), **KEYS_ON})
    for target in LINKS_ADMITTED + LINKS_REFUSED_OURS + LINKS_REFUSED_PLUGIN:
        _go(run, target)
    assert [course.admitted(t) for t in LINKS_ADMITTED] == [True] * len(LINKS_ADMITTED)
    assert [course.admitted(t) for t in LINKS_REFUSED_OURS] == [False] * len(LINKS_REFUSED_OURS)
    assert [course.admitted(t) for t in LINKS_REFUSED_PLUGIN] == [False] * len(LINKS_REFUSED_PLUGIN)
    # the plugin's refusals are its path rebuild: it hashed another path than was sent
    for target, rebuilt, _ok in course.checks:
        if target in LINKS_REFUSED_PLUGIN:
            assert rebuilt != http_server.url(target)
    # the refused page is the plugin's, which doctor and the kiosk recognise
    from launcher.server.refusals import find_refusal

    assert find_refusal(run.js("document.body.innerText")).server == "Open edX"


@pytest.mark.parametrize("registered", ["browser_keys", "config_keys"])
def test_a_course_with_one_kind_of_key_admits_a_browser_without_seb(http_server: Any, registered: str) -> None:
    course = OpenEdxCourse(http_server, **{registered: ["a" * 64]})
    with urllib.request.urlopen(http_server.url(COURSE + "/courseware/"), timeout=10) as answer:
        assert answer.status == 200  # no SEB header at all, and in
    assert course.checks[-1][2] is True


def test_a_course_with_both_kinds_refuses_a_browser_without_seb(http_server: Any) -> None:
    OpenEdxCourse(http_server, browser_keys=["a" * 64], config_keys=["b" * 64])
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(http_server.url(COURSE + "/courseware/"), timeout=10)
    assert refused.value.code == 403
