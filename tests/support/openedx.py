"""An Open edX course behind the ``seb-openedx`` plugin's own check, for tests.

One job: answer course URLs as the plugin's middleware does (``eduNEXT/seb-openedx``
``seb_openedx/middleware.py``, ``permissions.py``): each enabled permission class is asked and
one that says yes lets the request in; ``CheckSEBHashBrowserExamKey`` /
``CheckSEBHashConfigKey`` compare ``X-SafeExamBrowser-RequestHash`` /
``…-ConfigKeyHash`` with ``sha256(request.build_absolute_uri() + key)`` for each key the course
registers under ``BROWSER_KEYS`` / ``CONFIG_KEYS`` — and say yes when the course registers
**no** key of their kind. Refused: the plugin's 403 page ("This course can only be accessed with
"Safe Exam Browser"").

``build_absolute_uri()`` as Django 4.2 makes it behind a WSGI server: the server percent-decodes
the path (``PATH_INFO``), Django quotes it again (``escape_uri_path``: safe ``/:@&+$,-_.!~*'()``)
and appends the query as it came (``iri_to_uri``: safe ``/#%[]=:;$&()+,!?*@'~``).

``checks`` records ``(raw request target, rebuilt URL, admitted)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import quote, unquote_to_bytes, urlsplit

from .servers import Request, Response, Server

REFUSAL = ('<h1>Error: Access not allowed</h1><p>This course can only be accessed with '
           '"Safe Exam Browser"</p>')
PAGE = "<!doctype html><title>Unit</title><p id='unit'>unit</p>"
PERMISSIONS = ("CheckSEBHashBrowserExamKey", "CheckSEBHashConfigKey")  # one passing admits


def build_absolute_uri(req: Request, scheme: str = "http") -> str:
    """Django's ``request.build_absolute_uri()`` for a request that came in as ``req``."""
    parts = urlsplit(req.target)
    path_info = unquote_to_bytes(parts.path)  # the WSGI server's PATH_INFO
    path = quote(path_info, safe="/:@&+$,-_.!~*'()")
    query = quote(parts.query, safe="/#%[]=:;$&()+,!?*@'~")
    return f"{scheme}://{req.header('Host')}{path}" + (f"?{query}" if parts.query else "")


@dataclass
class OpenEdxCourse:
    """``/courses/<anything>`` of one course; ``browser_keys`` / ``config_keys`` as registered."""

    server: Server
    browser_keys: list[str] = field(default_factory=list)
    config_keys: list[str] = field(default_factory=list)
    checks: list[tuple[str, str, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.server.route("/courses/*", self._handle)

    def _hash_ok(self, req: Request, header: str, keys: list[str], url: str) -> bool:
        if not keys:
            return True  # "Courses not holding this keys are by default allowed to continue"
        sent = req.header(header)
        return any(hashlib.sha256((url + key).encode()).hexdigest() == sent for key in keys)

    def _handle(self, req: Request) -> Response:
        url = build_absolute_uri(req)
        admitted = (self._hash_ok(req, "X-SafeExamBrowser-RequestHash", self.browser_keys, url)
                    or self._hash_ok(req, "X-SafeExamBrowser-ConfigKeyHash", self.config_keys, url))
        self.checks.append((req.target, url, admitted))
        if not admitted:
            return Response(body=REFUSAL, status=403)
        return Response(body=PAGE)

    def admitted(self, target: str) -> bool | None:
        """Whether the last request with this raw target got in (None: no such request)."""
        found = [ok for t, _url, ok in self.checks if t == target]
        return found[-1] if found else None
