"""An LTI 1.3 launch through the real kiosk, between two HTTPS test sites with the URL filter
on: the LMS page's third-party initiated login → the tool's redirect to the LMS authorization
endpoint → the auto-submitted cross-site POST of the id_token → the tool's page with its
``SameSite=None; Secure`` session cookie, in an iframe of the LMS or in a new window. Nothing
of the flow is blocked (SEB for Windows lets all of it through when both sites are allowed);
the SEB headers go where SEB sends them: main-frame requests and the page's own host."""

from __future__ import annotations

from typing import Any

import pytest
from kiosk_support import headers_ok
from support.lti import LtiSites, origin_rule

FLOW = ["lms:course", "lms:launch", "tool:login", "lms:auth", "tool:launch", "tool:assessment"]


def _config(sites: LtiSites, content_filter: bool) -> dict[str, Any]:
    return {
        "startURL": sites.course_url,
        "sendBrowserExamKey": True,
        "URLFilterEnable": True,
        "URLFilterEnableContentFilter": content_filter,
        "URLFilterRules": [origin_rule(sites.lms), origin_rule(sites.tool)],
        "newBrowserWindowByLinkPolicy": 2,
        "embeddedCertificates": [{"type": 0, "name": "test sites", "certificateData": sites.lms.cert_der}],
    }


@pytest.fixture
def two_sites(make_server: Any) -> tuple[Any, Any]:
    return make_server(tls=True, host="127.0.0.1"), make_server(tls=True, host="127.0.0.2")


@pytest.mark.parametrize("content_filter", [False, True])
def test_lti_launch_in_an_iframe_reaches_the_tool_with_its_cookie(start_exam: Any, two_sites: Any,
                                                                  content_filter: bool) -> None:
    lms, tool = two_sites
    sites = LtiSites(lms, tool, embed="iframe")
    run = start_exam(_config(sites, content_filter))
    run.wait_frame_js("!!document.getElementById('assessment')", timeout=20_000)
    assert run.frame_js("document.getElementById('assessment').innerText") == "Assessment exam-7 for cand-42"
    assert sites.events == FLOW
    (launch,) = tool.requests_to("/lti/launch")
    assert launch.method == "POST" and launch.cookies.get("ltistate")  # the cross-site POST had it
    (page,) = tool.requests_to("/assessment")
    assert page.cookies.get("toolsession")
    # headers as for any page: the LMS page and its own host's frame, none to the tool's host
    assert headers_ok(lms.requests_to("/course/view.php")[0])
    assert headers_ok(lms.requests_to("/mod/lti/launch.php")[0])
    assert all(r.header("X-SafeExamBrowser-ConfigKeyHash") is None for r in tool.requests)
    assert not run.js("!!document.getElementById('blocked')")


def test_lti_launch_in_a_new_window_reaches_the_tool_with_its_cookie(start_exam: Any, two_sites: Any,
                                                                     qtbot: Any) -> None:
    lms, tool = two_sites
    sites = LtiSites(lms, tool, embed="window")
    run = start_exam(_config(sites, False))
    run.click("launch")
    qtbot.waitUntil(lambda: len(run.session.extra_windows) == 1, timeout=10_000)
    page = run.session.extra_windows[0].view.page()
    run.wait_js("!!document.getElementById('assessment')", page=page, timeout=20_000)
    assert run.text(page) .strip() == "Assessment exam-7 for cand-42"
    assert sites.events == FLOW
    assert tool.requests_to("/lti/launch")[0].cookies.get("ltistate")
    assert tool.requests_to("/assessment")[0].cookies.get("toolsession")
    # every main-frame request of the window carries hashes over its own URL, redirects too
    for req in [*lms.requests_to("/mod/lti/launch.php"), *lms.requests_to("/mod/lti/auth.php"),
                *tool.requests_to("/lti/login"), *tool.requests_to("/lti/launch"),
                *tool.requests_to("/assessment")]:
        assert headers_ok(req), req.url
