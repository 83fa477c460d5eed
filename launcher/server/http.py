"""One HTTP(S) request to SEB Server or its screen-proctoring service, and how its answer reads.

One job: the transport under :mod:`launcher.server.client` and
:mod:`launcher.server.screen_proctoring` — a blocking, bounded, TLS-verified request
(standard library ``http.client``) giving an :class:`Answer`, and the error texts an answer
carries, with the connection token scrubbed (never into errors or logs).
"""

from __future__ import annotations

import json
import logging
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from launcher.server.errors import ServerError

log = logging.getLogger(__name__)

MAX_BODY = 32 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]  # lower-case names
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def http_request(method: str, url: str, *, headers: Mapping[str, str], body: bytes | None = None,
                 timeout: float = 30.0, ssl_context: ssl.SSLContext | None = None) -> Answer:
    """One HTTP(S) request (TLS verified), the whole answer read (bounded). Raises OSError,
    ``socket.timeout`` or ValueError when there is no usable answer."""
    import http.client

    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl_context or ssl.create_default_context()
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=timeout, context=context)
    elif parts.scheme == "http":
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    else:
        raise ValueError(f"unsupported scheme {parts.scheme!r}")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request(method, target, body=body if body is not None else (b"" if method != "GET" else None),
                     headers={**headers, "Connection": "close"})
        resp = conn.getresponse()
        data = resp.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            raise ValueError("answer too large")
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    except http.client.HTTPException as exc:  # a broken answer: no usable answer
        raise ValueError(type(exc).__name__) from None
    finally:
        conn.close()


def is_invalid_token(answer: Answer) -> bool:
    return b"invalid_token" in answer.body or "invalid_token" in answer.header("WWW-Authenticate")


_UUID = re.compile(r"[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}")


def scrub(text: str) -> str:
    """Server messages may quote the connection token (a UUID): never into errors or logs."""
    return _UUID.sub("<redacted>", text)


def error_text(answer: Answer) -> str:
    """The OAuth/Spring ``error`` of a body (a short code, never a secret)."""
    try:
        doc = json.loads(answer.body.decode("utf-8"))
        if isinstance(doc, dict):
            return scrub(str(doc.get("error") or "")[:80])
    except (ValueError, UnicodeDecodeError):
        pass
    return ""


def message_text(answer: Answer) -> str:
    """The first APIMessage of an error body: code and system message."""
    try:
        doc = json.loads(answer.body.decode("utf-8"))
        first = doc[0] if isinstance(doc, list) and doc else doc
        if isinstance(first, dict):
            code = first.get("messageCode", "")
            text = first.get("systemMessage") or first.get("error") or ""
            details = first.get("details") or ""
            return scrub(f"[{code}] {text} {details}".strip()[:200])
    except (ValueError, UnicodeDecodeError, KeyError):
        pass
    return ""


def unexpected(step: str, answer: Answer) -> ServerError:
    return ServerError(
        f"The exam server answered the {step} request with an error (HTTP {answer.status}).",
        detail=f"HTTP {answer.status} {message_text(answer) or error_text(answer)}", step=step, status=answer.status,
        kind="error-answer",
    )


def url_for_log(url: str) -> str:
    """scheme://host:port/path — no query (it may hold ids)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
