"""Local HTTP server for the browser benchmarks: serves the exam pages and records beacons.

Every page carries a run id. The server notes, per run, when the first request arrived, when
the page's ``window.onload`` beacon (``/loaded``) came in, and, for the heavy page, when the
beacon after its last sub-resource (``/done``) came in. The same pages serve the bare
QWebEngineView and ``seb-launcher open``, so both are measured the same way without any hook
in the product. Times are ``time.perf_counter()`` of this process, comparable with the time
taken just before ``Popen``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

#: a 1x1 transparent PNG
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

#: The page stamps its beacons with when they happened, as seen inside the page: the wall clock
#: (epoch ms, comparable with the time taken before Popen) and ms since its navigation started.
STAMP = """<script>
function stamp() {
  var now = performance.now();
  return "t=" + (performance.timeOrigin + now).toFixed(3) + "&nav=" + now.toFixed(3);
}
</script>"""

EXAM_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bench exam</title>""" + STAMP.replace("{", "{{").replace(
    "}", "}}") + """</head>
<body><h1>Exam</h1><p>Question 1: what is 6 x 7?</p><input name="a">
<script>
window.addEventListener("load", function () {{
  var x = new XMLHttpRequest(); x.open("GET", "/loaded?run={run}&" + stamp()); x.send();
  {after_load}
}});
</script></body></html>
"""

HEAVY_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bench heavy exam</title>""" + STAMP.replace(
    "{", "{{").replace("}", "}}") + """
<script>
var pending = {n_xhr} + 1;
function one() {{
  pending -= 1;
  if (pending === 0) {{
    var d = new XMLHttpRequest(); d.open("GET", "/done?run={run}&" + stamp());
    d.onloadend = function () {{ {after_done} }};
    d.send();
  }}
}}
</script>
{scripts}
</head><body><h1>Heavy exam page</h1>
{images}
<img src="/admin/secret.png?run={run}" width="1" height="1" alt="">
<script>
for (var i = 0; i < {n_xhr}; i++) {{
  var x = new XMLHttpRequest(); x.open("GET", "/r/x" + i + "?run={run}");
  x.onloadend = one; x.send();
}}
window.addEventListener("load", function () {{
  var x = new XMLHttpRequest(); x.open("GET", "/loaded?run={run}&" + stamp()); x.send();
  one();
}});
</script></body></html>
"""


@dataclass
class Run:
    """What the server saw of one run."""

    first: float | None = None
    loaded: float | None = None
    done: float | None = None
    #: as the page saw it: epoch seconds of onload / of the last sub-resource, and seconds
    #: from its navigation start to each
    page_loaded_epoch: float | None = None
    page_loaded_nav: float | None = None
    page_done_epoch: float | None = None
    page_done_nav: float | None = None
    requests: int = 0
    with_headers: int = 0
    #: requests for /admin/..., which the launcher's URL filter must block
    blocked_seen: int = 0
    loaded_event: threading.Event = field(default_factory=threading.Event)
    done_event: threading.Event = field(default_factory=threading.Event)


def _stamps(query: dict[str, list[str]]) -> tuple[float | None, float | None]:
    try:
        return float(query["t"][0]) / 1e3, float(query["nav"][0]) / 1e3
    except (KeyError, IndexError, ValueError):
        return None, None


class BenchServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with an ephemeral port."""

    def __init__(self) -> None:
        self.runs: dict[str, Run] = {}
        self._lock = threading.Lock()
        bench = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                now = time.perf_counter()
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                run_id = query.get("run", [""])[0]
                run = bench.run(run_id) if run_id else None
                if run is not None:
                    with bench._lock:
                        run.requests += 1
                        if run.first is None:
                            run.first = now
                        if self.headers.get("X-SafeExamBrowser-RequestHash"):
                            run.with_headers += 1
                        if parts.path.startswith("/admin/"):
                            run.blocked_seen += 1
                path = parts.path
                if path == "/exam":
                    after = 'location.href = "/quit";' if "quit" in query else ""
                    self._send(EXAM_PAGE.format(run=run_id, after_load=after).encode(), "text/html")
                elif path == "/heavy":
                    n = int(query.get("n", ["300"])[0])
                    self._send(self._heavy(run_id, n, "quit" in query), "text/html")
                elif path == "/loaded":
                    if run is not None and run.loaded is None:
                        run.loaded = now
                        run.page_loaded_epoch, run.page_loaded_nav = _stamps(query)
                        run.loaded_event.set()
                    self._send(b"", "text/plain", 204)
                elif path == "/done":
                    if run is not None and run.done is None:
                        run.done = now
                        run.page_done_epoch, run.page_done_nav = _stamps(query)
                        run.done_event.set()
                    self._send(b"ok", "text/plain")
                elif path.startswith("/r/s"):
                    self._send(b"window.__n = (window.__n || 0) + 1;\n", "text/javascript")
                elif path.startswith("/r/i") or path.startswith("/admin/"):
                    self._send(PIXEL, "image/png")
                elif path.startswith("/r/x"):
                    self._send(b"answer", "text/plain")
                elif path == "/quit":
                    self._send(b"<html><body>Bye</body></html>", "text/html")
                else:
                    self._send(b"not found", "text/plain", 404)

            def _send(self, body: bytes, ctype: str, status: int = 200) -> None:
                # One write for status, headers and body: no Nagle/delayed-ACK stalls.
                reason = self.responses.get(status, ("",))[0]
                head = (
                    f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n"
                    f"Cache-Control: no-store\r\nContent-Length: {len(body)}\r\n\r\n"
                )
                self.wfile.write(head.encode("ascii") + body)

            @staticmethod
            def _heavy(run_id: str, n: int, quit_after: bool) -> bytes:
                n_scripts = n // 3
                n_images = n // 3
                n_xhr = n - n_scripts - n_images
                scripts = "\n".join(
                    f'<script src="/r/s{i}.js?run={run_id}"></script>' for i in range(n_scripts)
                )
                images = "\n".join(
                    f'<img src="/r/i{i}.png?run={run_id}" width="1" height="1">'
                    for i in range(n_images)
                )
                after = 'location.href = "/quit";' if quit_after else ""
                return HEAVY_PAGE.format(
                    run=run_id, n_xhr=n_xhr, scripts=scripts, images=images, after_done=after
                ).encode()

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self, run_id: str) -> Run:
        with self._lock:
            return self.runs.setdefault(run_id, Run())

    def __enter__(self) -> "BenchServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
