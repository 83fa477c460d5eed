"""Cookies between exam sessions: gone by default (memory only), kept on disk when the
configuration keeps them, wiped at start when it says so."""

from __future__ import annotations

from typing import Any

import pytest
from support.servers import Request, Response

KEEP = {"examSessionClearCookiesOnStart": False, "examSessionClearCookiesOnEnd": False}


@pytest.fixture
def site(http_server: Any, tmp_path: Any, monkeypatch: Any) -> Any:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the on-disk profile lives here

    def page(req: Request) -> Response:
        seen = req.cookies.get("student", "none")
        return Response(
            f"<p id='seen'>{seen}</p>",
            headers=[("Set-Cookie", "student=alice; Path=/; Max-Age=3600")],
        )

    http_server.route("/exam", page)
    return http_server


def _run(start_exam: Any, site: Any, qtbot: Any, **settings: Any) -> str:
    run = start_exam({"startURL": site.url("/exam"), **settings})
    seen = run.js("document.getElementById('seen').innerText")
    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("next student")
    return seen


def test_cookies_do_not_outlive_a_default_session(start_exam: Any, site: Any, qtbot: Any) -> None:
    assert _run(start_exam, site, qtbot) == "none"
    assert _run(start_exam, site, qtbot) == "none"
    assert run_profile_is_memory_only(start_exam, site)


def run_profile_is_memory_only(start_exam: Any, site: Any) -> bool:
    run = start_exam({"startURL": site.url("/exam")})
    return run.session.profile.isOffTheRecord()


def test_cookies_kept_when_the_configuration_keeps_them(start_exam: Any, site: Any, qtbot: Any, tmp_path: Any) -> None:
    assert _run(start_exam, site, qtbot, **KEEP) in ("none", "alice")
    assert _run(start_exam, site, qtbot, **KEEP) == "alice"
    assert (tmp_path / "data").exists()
    # a configuration that clears at start wipes them before its first request
    print("REQS", len(site.requests))
    assert _run(start_exam, site, qtbot, examSessionClearCookiesOnStart=True, examSessionClearCookiesOnEnd=False) == "none"
    # and one that clears at end leaves none behind for the next
    _run(start_exam, site, qtbot, examSessionClearCookiesOnStart=False, examSessionClearCookiesOnEnd=True)
    assert _run(start_exam, site, qtbot, **KEEP) == "none"
