"""The URL as it goes on the wire, against a server that hashes the raw request line (as
Moodle's ``$FULLME`` and the ``seb-openedx`` plugin's query do).

What this QtWebEngine gives us (kept here as a regression check, see ``launcher.config.wire_url``):
the request interceptor sees ``QUrl``'s re-encoding of Chromium's URL string, so the SEB headers
of a page-initiated request to a URL with lower-case escapes, escaped unreserved characters or a
lone ``%`` hash another string than the request line; the page's ``location.href`` is
Chromium's string, and the JavaScript API hashes exactly that. URLs the launcher loads itself
(the start URL) go out in ``QUrl``'s form, which the headers match.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from kiosk_support import BROWSER_EXAM_KEY, CONFIG_KEY, headers_ok, sha
from support.servers import Request

from launcher.config.wire_url import wire_differences

KEYS_ON = {"sendBrowserExamKey": True}
PAGE = """<!doctype html><title>p</title><p id='here'>here</p>
<script>
window.keys = null;
SafeExamBrowser.security.updateKeys(function () {
  window.keys = {href: String(location.href), ck: SafeExamBrowser.security.configKey,
                 bek: SafeExamBrowser.security.browserExamKey};
});
</script>"""

#: Page-initiated URLs whose request line the headers cannot match (QUrl re-encodes them).
AMBIGUOUS = ["/q?next=%2fcourses%2fx&u=%7Euser&n=%41", "/q?d=50%&r=1", "/q?a=%e4%b8%ad", "/q?d=50%&x=%2F"]
#: Page-initiated URLs QUrl leaves as Chromium sent them: the headers match.
CLEAN = ["/q?next=%2Fcourses%2Fx&u=~user&n=A", "/q?d=50%25&r=1", "/a%3Ab/c%2Bd;e?x=%E4%B8%AD"]


def _serve(server: Any) -> None:
    server.route("/start", PAGE)
    server.route("/q", PAGE)
    server.route("/a%3Ab/c%2Bd;e", PAGE)


def _the_request(server: Any, target: str) -> Request:
    found = [r for r in server.requests if r.target == target]
    assert found, f"no request line {target!r}: {[r.target for r in server.requests]}"
    return found[-1]


def _go(run: Any, target: str) -> dict[str, str]:
    """Navigate as a page does (its own script, the string as written), then read the JS API."""
    run.js(f"location.href = {json.dumps(target)}; 1")
    run.wait_js(f"location.pathname + location.search === {json.dumps(target)} && !!window.keys",
                timeout=15_000)
    return json.loads(run.js("JSON.stringify(window.keys)"))


@pytest.mark.parametrize("target", AMBIGUOUS)
def test_page_initiated_url_with_an_ambiguous_shape(start_exam: Any, http_server: Any, target: str) -> None:
    s = http_server
    _serve(s)
    run = start_exam({"startURL": s.url("/start"), **KEYS_ON})
    keys = _go(run, target)
    req = _the_request(s, target)  # Chromium sent the URL as the page wrote it
    # the JavaScript API hashes the page's own URL string: what the raw-line server hashes
    assert keys["href"] == req.url
    assert keys["ck"] == sha(req.url, CONFIG_KEY) and keys["bek"] == sha(req.url, BROWSER_EXAM_KEY)
    # the headers hash QUrl's form (QtWebEngine offers no other): refused by such a server,
    # and named by doctor (if this starts failing, the engine hands over Chromium's string)
    assert not headers_ok(req)
    assert wire_differences(req.url)


@pytest.mark.parametrize("target", CLEAN)
def test_page_initiated_url_in_qurls_own_form_matches(start_exam: Any, http_server: Any, target: str) -> None:
    s = http_server
    _serve(s)
    run = start_exam({"startURL": s.url("/start"), **KEYS_ON})
    keys = _go(run, target)
    req = _the_request(s, target)
    assert headers_ok(req), f"{req.target}: headers hash another URL"
    assert keys["ck"] == sha(req.url, CONFIG_KEY)
    assert wire_differences(req.url) == []


def test_a_start_url_with_an_ambiguous_shape_goes_out_as_hashed(start_exam: Any, http_server: Any) -> None:
    s = http_server
    _serve(s)
    run = start_exam({"startURL": s.url("/q?d=50%&n=%41&x=%2f"), **KEYS_ON})
    run.wait_js("!!window.keys")
    (req,) = s.requests_to("/q")
    # the launcher loads it in QUrl's form (the lone '%' escaped alone, not every '%' of the
    # URL as QUrl's tolerant mode would) and its headers hash that form
    assert req.target == "/q?d=50%25&n=A&x=%2F"
    assert headers_ok(req)
