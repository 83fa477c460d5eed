"""The exam server sees SEB's headers and the JavaScript API gives each frame its own hashes,
checked like Moodle does (sha256 of the full URL + key); other hosts get nothing."""

from __future__ import annotations

import json
from typing import Any

from kiosk_support import BROWSER_EXAM_KEY, CONFIG_KEY, headers_ok, sha

import launcher


def _exam_server(make_server: Any) -> tuple[Any, Any, list[dict[str, Any]]]:
    exam = make_server()
    third = make_server(host="127.0.0.2")
    reports: list[dict[str, Any]] = []

    def report(req: Any) -> str:
        reports.append(json.loads(req.body))
        return "ok"

    exam.page("/exam", "exam.html", third=third.origin)
    exam.page("/frame", "frame.html")
    exam.route("/app.js", "window.appLoaded = true;", content_type="application/javascript")
    exam.route("/api/data", "data", content_type="text/plain")
    exam.route("/api/xhr", "xhr", content_type="text/plain")
    exam.route("/report", report, content_type="text/plain")
    third.route("/pixel.png", b"GIF89a", content_type="image/gif")
    return exam, third, reports


def test_headers_on_every_exam_request_and_none_to_other_hosts(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    exam, third, reports = _exam_server(make_server)
    run = start_exam({"startURL": exam.url("/exam?x=1#part"), "sendBrowserExamKey": True})
    run.wait_js("window.fetched === 'data' && window.xhrDone === 'xhr' && window.appLoaded === true")
    qtbot.waitUntil(lambda: len(reports) >= 2 and bool(third.requests_to("/pixel.png")))

    seen = {r.path for r in exam.requests}
    assert {"/exam", "/app.js", "/frame", "/api/data", "/api/xhr", "/report"} <= seen
    for req in exam.requests:
        assert headers_ok(req), f"wrong or missing SEB headers on {req.url}"
    assert exam.requests_to("/exam")[0].url == exam.url("/exam?x=1")
    for req in third.requests:
        assert req.headers.get("X-SafeExamBrowser-ConfigKeyHash") is None
        assert req.headers.get("X-SafeExamBrowser-RequestHash") is None
    ua = exam.requests_to("/exam")[0].headers["User-Agent"]
    assert ua.endswith(f" SEB/{launcher.SEB_COMPAT_VERSION}")


def test_no_headers_when_not_configured(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    exam, _third, _reports = _exam_server(make_server)
    run = start_exam({"startURL": exam.url("/exam"), "browserUserAgent": "Campus/1"})
    run.wait_js("window.fetched === 'data'")
    for req in exam.requests:
        assert "X-SafeExamBrowser-RequestHash" not in req.headers
    assert exam.requests[0].headers["User-Agent"].endswith(f" SEB/{launcher.SEB_COMPAT_VERSION} Campus/1")


def test_js_api_hashes_are_per_frame_and_follow_the_url(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    exam, _third, reports = _exam_server(make_server)
    run = start_exam({"startURL": exam.url("/exam?x=1#part"), "sendBrowserExamKey": True})
    qtbot.waitUntil(lambda: {r["where"] for r in reports} >= {"main", "frame"})
    by = {r["where"]: r for r in reports}
    main_url = exam.url("/exam?x=1")
    frame_url = exam.url("/frame?y=2")
    assert by["main"]["url"] == main_url + "#part"
    assert by["main"]["ck"] == sha(main_url, CONFIG_KEY)
    assert by["main"]["bek"] == sha(main_url, BROWSER_EXAM_KEY)
    assert by["frame"]["ck"] == sha(frame_url, CONFIG_KEY)
    assert by["frame"]["bek"] == sha(frame_url, BROWSER_EXAM_KEY)
    assert by["main"]["version"].startswith("SEB_")
    # the raw keys are nowhere in what the page can read
    dump = run.js("JSON.stringify(window.SafeExamBrowser)")
    assert CONFIG_KEY not in dump and BROWSER_EXAM_KEY not in dump

    # after pushState the getters answer for the new URL; updateKeys calls back
    run.js("window.pushAndReport(); 1")
    qtbot.waitUntil(lambda: any(r["where"] == "pushed" for r in reports))
    pushed = next(r for r in reports if r["where"] == "pushed")
    assert pushed["ck"] == sha(exam.url("/exam/step2?q=1"), CONFIG_KEY)
    run.js("window.runUpdate(); 1")
    run.wait_js("window.updated !== null")
    updated = json.loads(run.js("JSON.stringify(window.updated)"))
    assert updated["ck"] == sha(exam.url("/exam/step2?q=1"), CONFIG_KEY)


def test_a_page_cannot_ask_for_hashes_of_another_site(start_exam: Any, make_server: Any) -> None:
    exam, _third, _reports = _exam_server(make_server)
    run = start_exam({"startURL": exam.url("/exam"), "sendBrowserExamKey": True})
    result = run.js(
        "(function(){try{var x=new XMLHttpRequest();"
        "x.open('GET','sebapi:keys?u='+encodeURIComponent('https://moodle.example/quiz'),false);"
        "x.send(null);return 'status '+x.status+' '+x.responseText;}catch(e){return 'refused';}})()"
    )
    assert result == "refused" or sha("https://moodle.example/quiz", CONFIG_KEY) not in result
