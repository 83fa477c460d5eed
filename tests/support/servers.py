"""Real local HTTP and HTTPS servers for tests: a route table, a record of every request.

One job: give tests a web server on 127.0.0.x (port chosen by the OS) that serves what the test
says and remembers what it was asked, including every header, so tests can check what the
launcher really sends over the wire.

Usage::

    def test_x(http_server):                     # or https_server, or make_server(...)
        http_server.route("/", "<p>hi</p>")     # str/bytes body, or a handler(request) -> Response
        url = http_server.url("/")               # http://127.0.0.1:PORT/
        ...
        assert http_server.requests[0].headers["User-Agent"]

The HTTPS server uses a self-signed certificate for ``localhost``, ``127.0.0.1`` and
``127.0.0.2`` made once per test run with ``cryptography``; ``server.cert_der`` /
``server.cert_pem`` give it to tests (e.g. to put into a config's ``embeddedCertificates``).
``url(path, host="localhost")`` reaches the same server under another host name, so one server
can play two origins (``127.0.0.1`` and ``localhost`` are different sites to a browser).

Fixtures: ``http_server``, ``https_server`` (function scope, fresh routes and records) and
``make_server`` (a factory: ``make_server(tls=True, host="127.0.0.2", port=0)``; a fixed
``port`` brings a stopped server back on the same address). Import them into a
conftest: ``from support.servers import http_server, https_server, make_server  # noqa: F401``.
"""

from __future__ import annotations

import functools
import http.server
import ipaddress
import logging
import os
import ssl
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Union
from urllib.parse import parse_qs, urlsplit

import pytest

log = logging.getLogger(__name__)

PAGES = Path(__file__).with_name("pages")


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    target: str  # path + query exactly as on the request line
    url: str  # scheme://Host-header + target: the full URL the client asked for
    headers: Message  # case-insensitive: headers["x-safeexambrowser-requesthash"]
    body: bytes
    client_host: str

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    @property
    def cookies(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            if "=" in part:
                k, v = part.strip().split("=", 1)
                out[k] = v
        return out


@dataclass
class Response:
    """What a route answers. ``headers`` may repeat names (several Set-Cookie)."""

    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def encoded(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


Handler = Callable[[Request], Union[Response, str, bytes]]


def _as_response(value: Response | str | bytes) -> Response:
    return value if isinstance(value, Response) else Response(body=value)


@functools.lru_cache(maxsize=1)
def _self_signed() -> tuple[bytes, bytes]:
    """(cert PEM, key PEM) for localhost/127.0.0.1/127.0.0.2, made once per run."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID

    from .certs import self_signed_certificate

    key = ec.generate_private_key(ec.SECP256R1())
    names = [
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("127.0.0.2")),
    ]
    cert = self_signed_certificate(
        key,
        "localhost",
        days=30,
        extensions=(
            (x509.SubjectAlternativeName(names), False),
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
        ),
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert_pem, key_pem


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_HTTPServer"
    timeout = 10  # idle keep-alive connections end on their own

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("%s %s", self.address_string(), format % args)

    def _serve(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host = self.headers.get("Host") or f"{owner.host}:{owner.port}"
        req = Request(
            method=self.command,
            target=self.path,
            url=f"{owner.scheme}://{host}{self.path}",
            headers=self.headers,
            body=body,
            client_host=self.client_address[0],
        )
        owner._record(req)
        handler = owner._find(req.path)
        if handler is None:
            resp = Response(body="not found", status=404, content_type="text/plain")
        else:
            try:
                resp = _as_response(handler(req))
            except Exception as exc:  # a broken test handler must show, not hang the page
                log.exception("route handler failed for %s", req.url)
                resp = Response(body=f"handler error: {exc!r}", status=500, content_type="text/plain")
        data = resp.encoded() if self.command != "HEAD" else b""
        self.send_response(resp.status)
        if resp.content_type:
            self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.encoded())))
        self.send_header("Cache-Control", "no-store")
        for k, v in resp.headers:
            self.send_header(k, v)
        self.end_headers()
        if data:
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _serve


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: "Server"


class Server:
    """A real HTTP(S) server on ``host`` (127.0.0.x), port 0, serving in a thread."""

    def __init__(self, *, tls: bool = False, host: str = "127.0.0.1", port: int = 0) -> None:
        self.tls = tls
        self.host = host
        self.scheme = "https" if tls else "http"
        self._routes: dict[str, Handler] = {}
        self._prefix_routes: list[tuple[str, Handler]] = []
        self._requests: list[Request] = []
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port

    # -- routes -------------------------------------------------------------------------
    def route(
        self,
        path: str,
        handler: Handler | Response | str | bytes,
        *,
        content_type: str | None = None,
        headers: Iterable[tuple[str, str]] = (),
        status: int = 200,
    ) -> None:
        """Serve ``path`` (exact; a trailing ``*`` makes it a prefix) with a body or a handler."""
        if callable(handler):
            fn: Handler = handler
        else:
            resp = _as_response(handler)
            if content_type is not None:
                resp.content_type = content_type
            resp.headers = list(resp.headers) + list(headers)
            if status != 200:
                resp.status = status
            fn = lambda _req, _r=resp: _r  # noqa: E731
        with self._lock:
            if path.endswith("*"):
                self._prefix_routes.append((path[:-1], fn))
                self._prefix_routes.sort(key=lambda p: -len(p[0]))
            else:
                self._routes[path] = fn

    def page(self, path: str, name: str, **subst: str) -> None:
        """Serve ``tests/support/pages/<name>`` with ``{{key}}`` placeholders filled in."""
        text = (PAGES / name).read_text("utf-8")
        for k, v in subst.items():
            text = text.replace("{{" + k + "}}", v)
        ctype = "application/javascript" if name.endswith(".js") else "text/html; charset=utf-8"
        self.route(path, text, content_type=ctype)

    def _find(self, path: str) -> Handler | None:
        with self._lock:
            fn = self._routes.get(path)
            if fn is not None:
                return fn
            for prefix, pfn in self._prefix_routes:
                if path.startswith(prefix):
                    return pfn
        return None

    # -- records ------------------------------------------------------------------------
    def _record(self, req: Request) -> None:
        with self._cond:
            self._requests.append(req)
            self._cond.notify_all()

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()

    def wait_for(self, path: str, count: int = 1, timeout: float = 10.0) -> list[Request]:
        """Block (without Qt events) until ``count`` requests to ``path`` arrived."""
        with self._cond:
            self._cond.wait_for(
                lambda: sum(1 for r in self._requests if r.path == path) >= count, timeout
            )
        return self.requests_to(path)

    # -- addresses ----------------------------------------------------------------------
    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"{self.scheme}://{host or self.host}:{self.port}{path}"

    @property
    def cert_pem(self) -> bytes:
        return _self_signed()[0]

    @property
    def cert_der(self) -> bytes:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        return x509.load_pem_x509_certificate(self.cert_pem).public_bytes(
            serialization.Encoding.DER
        )

    # -- life ---------------------------------------------------------------------------
    def start(self) -> "Server":
        httpd = _HTTPServer((self.host, self.port), _Handler)
        httpd.owner = self
        if self.tls:
            cert_pem, key_pem = _self_signed()
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            with tempfile.TemporaryDirectory() as d:
                cp, kp = os.path.join(d, "c.pem"), os.path.join(d, "k.pem")
                Path(cp).write_bytes(cert_pem)
                Path(kp).write_bytes(key_pem)
                ctx.load_cert_chain(cp, kp)
            httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
            name=f"test-server-{self.port}",
        )
        self._thread.start()
        log.debug("test server on %s", self.origin)
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def make_server() -> Iterator[Callable[..., Server]]:
    """Factory fixture: ``make_server(tls=False, host="127.0.0.1")`` -> a started Server."""
    started: list[Server] = []

    def make(*, tls: bool = False, host: str = "127.0.0.1", port: int = 0) -> Server:
        s = Server(tls=tls, host=host, port=port).start()
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


@pytest.fixture
def http_server(make_server: Callable[..., Server]) -> Server:
    return make_server()


@pytest.fixture
def https_server(make_server: Callable[..., Server]) -> Server:
    return make_server(tls=True)
