"""Opening a configuration over the network: redirects with a session cookie (Moodle's
config.php), seb:// and sebs:// links, a private CA given explicitly for one download."""

from __future__ import annotations

from open_helpers import make_opener, plain_config, web_views
from PySide6.QtNetwork import QNetworkAccessManager
from support.servers import Response, http_server, https_server, make_server  # noqa: F401

from launcher import SEB_COMPAT_VERSION
from launcher.exit_codes import EXIT_OK
from launcher.opening.flow import ExamOpener
from launcher.browser import jsapi
from launcher.opening.fetch import ConfigDownload, FetchOptions

jsapi.register_scheme()  # before pytest-qt creates the QApplication

QUITTING_PAGE = "<!doctype html><title>exam</title><script>location.href = '/quit';</script>"


def _login_then_config(server, config: bytes) -> None:
    """Like Moodle: /launch sets the session cookie and redirects; config.php needs it."""
    server.route(
        "/launch",
        Response("", status=302, headers=[
            ("Location", "/mod/quiz/accessrule/seb/config.php?cmid=3"),
            ("Set-Cookie", "MoodleSession=abc123; Path=/; HttpOnly"),
        ]),
    )

    def config_php(req):
        if req.cookies.get("MoodleSession") != "abc123":
            return Response("<!doctype html><html><body>Log in</body></html>")
        return Response(config, content_type="application/seb")

    server.route("/mod/quiz/accessrule/seb/config.php", config_php)


def test_download_follows_a_redirect_and_sends_the_cookie_it_set(qtbot, qapp, http_server):
    body = plain_config("http://127.0.0.1:9/start")
    _login_then_config(http_server, body)
    fresh = QNetworkAccessManager(qapp)  # its own cookie jar: no cookie from another test
    dl = ConfigDownload(http_server.url("/launch"), manager=fresh)
    progress: list[tuple[int, int]] = []
    dl.progress.connect(lambda got, total: progress.append((got, total)))
    with qtbot.waitSignal(dl.succeeded, timeout=10_000) as got:
        dl.start()
    data, final_url = got.args
    assert data == body
    assert final_url == http_server.url("/mod/quiz/accessrule/seb/config.php?cmid=3")
    second = http_server.requests_to("/mod/quiz/accessrule/seb/config.php")[0]
    assert second.cookies == {"MoodleSession": "abc123"}
    assert second.header("User-Agent") == f"SEB/{SEB_COMPAT_VERSION}"
    assert progress and progress[-1][0] == len(body)


def test_a_private_ca_is_trusted_only_when_given(qtbot, https_server):
    body = plain_config("https://localhost/start")
    https_server.route("/config.seb", Response(body, content_type="application/seb"))
    trusted = ConfigDownload(https_server.url("/config.seb", host="localhost"),
                             options=FetchOptions(extra_ca_pem=[https_server.cert_pem]))
    with qtbot.waitSignal(trusted.succeeded, timeout=10_000) as got:
        trusted.start()
    assert got.args[0] == body
    untrusted = ConfigDownload(https_server.url("/config.seb", host="localhost"))
    with qtbot.waitSignal(untrusted.failed, timeout=10_000) as bad:
        untrusted.start()
    assert type(bad.args[0]).__name__ == "InsecureConnection"


def test_a_seb_link_opens_the_exam_behind_a_login_redirect(qtbot, make_opener, http_server):
    http_server.route("/start", QUITTING_PAGE)
    _login_then_config(http_server, plain_config(http_server.url("/start"), http_server.url("/quit")))
    opener = make_opener()
    link = "seb://" + http_server.url("/launch").split("://", 1)[1]
    with qtbot.waitSignal(opener.finished, timeout=30_000) as done:
        opener.open(link)
    assert done.args == [EXIT_OK]
    assert http_server.requests_to("/start")
    assert web_views() == []


def test_a_sebs_link_opens_over_https_with_the_given_ca(qtbot, make_opener, https_server):
    https_server.route("/start", QUITTING_PAGE)
    https_server.route(
        "/exam.seb",
        Response(plain_config(https_server.url("/start"), https_server.url("/quit")), content_type="application/seb"),
    )
    opener = make_opener(fetch_options=FetchOptions(extra_ca_pem=[https_server.cert_pem]))
    sessions: list[object] = []
    opener.sessionStarted.connect(sessions.append)
    with qtbot.waitSignal(opener.sessionStarted, timeout=30_000):
        opener.open("sebs://" + https_server.url("/exam.seb").split("://", 1)[1])
    assert https_server.requests_to("/exam.seb")[0].header("User-Agent") == f"SEB/{SEB_COMPAT_VERSION}"
    # The exam page itself is the kiosk's to trust (embedded certificates); end it here.
    with qtbot.waitSignal(opener.finished, timeout=10_000) as done:
        sessions[0].quit("test over")
    assert done.args == [EXIT_OK]
