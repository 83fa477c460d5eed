"""The demo exam behind ``seb-launcher demo``: a tiny local exam server and its configuration.

One job: serve ``resources/demo/`` on 127.0.0.1 (a free port, a background thread) and hand
out the demo's ``exam.seb`` with its addresses rewritten to that port, before any key is
computed. Like a real exam server, it checks the ``X-SafeExamBrowser-*`` headers of each page
request and tells the student on the page whether they were right; it never shows the keys.
"""

from __future__ import annotations

import hmac
import html
import http.server
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from launcher.config.keys import ExamKeys

log = logging.getLogger(__name__)


def demo_dir() -> Path:
    """The demo's files: ``demo/`` of the shipped resources (package data, or the checkout's
    ``resources/``)."""
    from launcher.app.resource_files import resources_dir

    root = resources_dir()
    return (root if root is not None else Path("resources")) / "demo"


#: The address written in ``exam.seb``; replaced with the real one at run time.
TEMPLATE_BASE = "http://127.0.0.1:8000"

#: ``demo --check``: each page leads on to the next; the last step is the quit URL.
_WALK = {"index.html": "questions.html", "questions.html": "submit.html", "submit.html": "quit"}

_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".seb": "application/seb",
          ".js": "application/javascript", ".png": "image/png", ".svg": "image/svg+xml"}


class DemoExam:
    """The demo exam server. ``start()``, then ``config_bytes()`` for the launcher, ``stop()``."""

    def __init__(self, directory: Path | None = None, host: str = "127.0.0.1", *, walk: bool = False) -> None:
        self.directory = directory if directory is not None else demo_dir()
        #: Walk through the pages by itself and end at the quit URL without asking (``demo --check``).
        self.walk = walk
        self.host = host
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._keys: ExamKeys | None = None
        self.port = 0
        #: (path, keys_ok) for each page request, for tests and curious people.
        self.checks: list[tuple[str, bool]] = []

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "DemoExam":
        if not (self.directory / "exam.seb").is_file():
            raise OSError(f"demo files not found in {self.directory}")
        owner = self

        class Handler(_DemoHandler):
            exam = owner

        self._httpd = http.server.ThreadingHTTPServer((self.host, 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
            name="demo-exam-server", daemon=True,
        )
        self._thread.start()
        log.info("Demo exam served at %s", self.base_url)
        return self

    def config_bytes(self) -> bytes:
        """``exam.seb`` with every template address replaced by this server's."""
        text = (self.directory / "exam.seb").read_text("utf-8")
        data = text.replace(TEMPLATE_BASE, self.base_url).encode("utf-8")
        from launcher.config import plist
        from launcher.config.keys import ExamKeys

        if self.walk:  # nobody is there to confirm quitting
            settings = plist.loads(data)
            settings["quitURLConfirm"] = False
            data = plist.dumps(settings)
        # The server checks the headers like an exam server would: it knows the keys.
        self._keys = ExamKeys.for_settings(plist.loads(data))
        return data

    def walked_through(self) -> bool:
        """Every page of the walk was requested, each with the right keys."""
        pages = {path.lstrip("/") for path, _ok in self.checks}
        return set(_WALK) <= pages and all(ok for _path, ok in self.checks)

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    # called from the server thread
    def key_check_html(self, url: str, config_hash: str | None, request_hash: str | None) -> tuple[str, bool]:
        keys = self._keys
        if keys is None or not config_hash or not request_hash:
            return (
                '<div class="check bad"><span>✗</span><div><b>No exam keys were sent.</b>'
                "This page was not opened by the exam browser with the demo configuration.</div></div>",
                False,
            )
        ok_config = hmac.compare_digest(config_hash.lower(), keys.config_key_hash(url))
        ok_request = hmac.compare_digest(request_hash.lower(), keys.request_hash(url))
        if ok_config and ok_request:
            return (
                '<div class="check ok"><span>✓</span><div><b>Your exam browser is verified.</b>'
                "It sent the right Config Key hash and Browser Exam Key hash for "
                f"<code>{html.escape(url)}</code>.</div></div>",
                True,
            )
        which = "Config Key" if not ok_config else "Browser Exam Key"
        return (
            f'<div class="check bad"><span>✗</span><div><b>The {which} hash is wrong.</b>'
            "The settings or the browser differ from what this exam expects.</div></div>",
            False,
        )


class _DemoHandler(http.server.BaseHTTPRequestHandler):
    exam: DemoExam
    server_version = "seb-launcher-demo"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("demo server: " + format, *args)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(body=False)

    def _serve(self, *, body: bool) -> None:
        path = urlsplit(self.path).path
        name = {"/": "index.html", "/quit": "quit.html"}.get(path, path.lstrip("/"))
        file = (self.exam.directory / name).resolve()
        if "/" in name or not file.is_file() or file.parent != self.exam.directory.resolve():
            self.send_error(404, "Not in the demo exam")
            return
        data = file.read_bytes()
        if file.suffix == ".html":
            url = f"http://{self.headers.get('Host', '')}{self.path}"
            check, ok = self.exam.key_check_html(
                url,
                self.headers.get("X-SafeExamBrowser-ConfigKeyHash"),
                self.headers.get("X-SafeExamBrowser-RequestHash"),
            )
            self.exam.checks.append((path, ok))
            text = data.decode("utf-8").replace("{{KEY_CHECK}}", check)
            if self.exam.walk and name in _WALK:
                text = text.replace("</head>", f'<meta http-equiv="refresh" content="0; url={_WALK[name]}"></head>', 1)
            data = text.replace("{{BASE}}", html.escape(self.exam.base_url)).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(file.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)
