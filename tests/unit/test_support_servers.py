"""The shared test servers really serve over HTTP and HTTPS and record what they were sent."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request

from support.servers import Response, Server, http_server, https_server, make_server  # noqa: F401


def test_http_route_and_record(http_server: Server) -> None:
    http_server.route("/hello", "<p>hi</p>")
    http_server.route("/cookie", Response("ok", headers=[("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")]))
    req = urllib.request.Request(http_server.url("/hello?x=1#frag"), headers={"X-Test": "yes"})
    with urllib.request.urlopen(req) as r:
        assert r.read() == b"<p>hi</p>"
    with urllib.request.urlopen(http_server.url("/cookie")) as r:
        assert r.headers.get_all("Set-Cookie") == ["a=1", "b=2"]
    first = http_server.requests_to("/hello")[0]
    assert first.url == http_server.url("/hello?x=1")
    assert first.headers["x-test"] == "yes"
    assert first.query == {"x": ["1"]}


def test_unknown_path_is_404(http_server: Server) -> None:
    try:
        urllib.request.urlopen(http_server.url("/nope"))
    except urllib.error.HTTPError as e:
        assert e.code == 404
    else:
        raise AssertionError("expected 404")


def test_https_with_self_signed_cert(https_server: Server) -> None:
    https_server.route("/", lambda req: f"host={req.headers['Host']}")
    ctx = ssl.create_default_context(cadata=https_server.cert_pem.decode())
    with urllib.request.urlopen(https_server.url("/", host="localhost"), context=ctx) as r:
        assert r.read().decode() == f"host=localhost:{https_server.port}"
    try:
        urllib.request.urlopen(https_server.url("/"), context=ssl.create_default_context())
    except urllib.error.URLError as e:
        assert "CERTIFICATE_VERIFY_FAILED" in str(e.reason)
    else:
        raise AssertionError("self-signed certificate must not verify against system CAs")
    assert https_server.cert_der.startswith(b"\x30")
