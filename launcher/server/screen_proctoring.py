"""SEB Server's screen-proctoring service, client side (spec §9), without Qt.

One job: the requests SEB for Windows makes to the screen-proctoring service named in a
``SEB_PROCTORING`` JOIN — OAuth2 client credentials, the session (given, or created with
``SEB_GROUP_UUID``), screenshot uploads with their ``imageFormat``/``timestamp``/``metaData``
headers, and ``DELETE`` of the session at LEAVE or the end. Blocking: run it in a worker
thread. Never logs the client secret or tokens.
"""

from __future__ import annotations

import base64
import json
import logging
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urljoin

from launcher.server.http import Answer, http_request
from launcher.server.errors import ServerError, ServerUnreachable

log = logging.getLogger(__name__)

TOKEN_PATH = "oauth/token"
SESSION_PATH = "seb-api/v1/session"
HEALTH_PATH = "health"
ACCEPT = "application/json, */*"


@dataclass(frozen=True)
class JoinInstruction:
    """The service fields of a ``SEB_PROCTORING`` JOIN for ``SCREEN_PROCTORING``."""

    service_url: str
    client_id: str
    client_secret: str = field(repr=False)
    group_id: str = ""
    session_id: str = ""

    @classmethod
    def from_attributes(cls, attrs: Mapping[str, str]) -> "JoinInstruction":
        url = attrs.get("screenProctoringServiceURL", "").strip()
        client_id = attrs.get("screenProctoringClientId", "")
        secret = attrs.get("screenProctoringClientSecret", "")
        if not url.lower().startswith(("http://", "https://")) or not client_id or not secret:
            raise ServerError("The screen proctoring instruction lacks the service address or credentials.",
                              detail="JOIN without screenProctoringServiceURL/ClientId/ClientSecret",
                              step="screen proctoring", kind="proctoring-instruction-incomplete")
        return cls(url, client_id, secret, attrs.get("screenProctoringGroupId", ""),
                   attrs.get("screenProctoringClientSessionId", ""))


class ScreenProctoringClient:
    """One screen-proctoring session."""

    def __init__(self, join: JoinInstruction, *, timeout: float = 30.0,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.join = join
        self.base = join.service_url.rstrip("/") + "/"
        self.timeout = timeout
        self.ssl_context = ssl_context
        self.session_id = join.session_id
        self.health = 0
        self._token = ""
        self._lock = threading.Lock()

    def start(self) -> None:
        """Token, then the session when the instruction named none."""
        self.fetch_token()
        if not self.session_id:
            answer = self._bearer("POST", SESSION_PATH, headers={"SEB_GROUP_UUID": self.join.group_id},
                                  body=b"", content_type="application/x-www-form-urlencoded")
            session = answer.header("SEB_SESSION_UUID")
            if answer.status not in (200, 201) or not session:
                raise ServerError("The screen proctoring service did not open a session.",
                                  detail=f"HTTP {answer.status}", step="screen proctoring", status=answer.status,
                                  kind="proctoring-no-session")
            self.session_id = session

    def fetch_token(self) -> None:
        pair = f"{self.join.client_id}:{self.join.client_secret}".encode("utf-8")
        body = urlencode({"grant_type": "client_credentials", "scope": "read write"}).encode("ascii")
        answer = self._send("POST", TOKEN_PATH, {
            "Authorization": "Basic " + base64.b64encode(pair).decode("ascii"),
            "Content-Type": "application/x-www-form-urlencoded"}, body)
        if answer.status != 200:
            raise ServerError("The screen proctoring service refused the credentials.",
                              detail=f"HTTP {answer.status}", step="screen proctoring", status=answer.status,
                              kind="proctoring-credentials-refused")
        try:
            token = json.loads(answer.body.decode("utf-8"))["access_token"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise ServerError("The screen proctoring service sent no access token.",
                              step="screen proctoring", kind="proctoring-no-access-token") from None
        with self._lock:
            self._token = str(token)

    def upload(self, image: bytes, *, timestamp_ms: int, metadata: Mapping[str, str], image_format: str = "png") -> int:
        """``POST …/screenshot``; returns the service's health (``sps_server_health``, 0 = fine)."""
        meta = quote(json.dumps(dict(metadata), separators=(",", ":"), ensure_ascii=False), safe="")
        answer = self._bearer("POST", f"{SESSION_PATH}/{quote(self.session_id, safe='')}/screenshot",
                              headers={"imageFormat": image_format, "timestamp": str(timestamp_ms), "metaData": meta},
                              body=image, content_type="application/octet-stream")
        if answer.status not in (200, 201, 204):
            raise ServerError("The screen proctoring service did not take a screenshot.",
                              detail=f"HTTP {answer.status}", step="screen proctoring", status=answer.status,
                              kind="proctoring-screenshot-refused")
        self.health = _health(answer)
        return self.health

    def fetch_health(self) -> int:
        """``GET health`` (no authentication): the service's load, 0 – 10."""
        answer = self._send("GET", HEALTH_PATH, {}, None)
        if answer.status != 200:
            raise ServerError("The screen proctoring service did not say how it is.",
                              detail=f"HTTP {answer.status}", step="screen proctoring", status=answer.status,
                              kind="proctoring-health-unknown")
        self.health = _health(answer)
        return self.health

    def close(self, *, timeout: float | None = None) -> None:
        """``DELETE`` the session (LEAVE, or the exam ended); ``timeout`` bounds each request."""
        if not self.session_id:
            return
        if timeout is not None:
            self.timeout = timeout  # the last request of this session
        answer = self._bearer("DELETE", f"{SESSION_PATH}/{quote(self.session_id, safe='')}")
        if answer.status not in (200, 204):
            raise ServerError("The screen proctoring session could not be closed.",
                              detail=f"HTTP {answer.status}", step="screen proctoring", status=answer.status,
                              kind="proctoring-close-failed")

    # -- plumbing ------------------------------------------------------------------------
    def _bearer(self, method: str, path: str, *, headers: Mapping[str, str] | None = None,
                body: bytes | None = None, content_type: str = "") -> Answer:
        for renewed in (False, True):
            with self._lock:
                token = self._token
            if not token:
                self.fetch_token()
                continue
            send = {"Authorization": f"Bearer {token}", **(headers or {})}
            if content_type:
                send["Content-Type"] = content_type
            answer = self._send(method, path, send, body)
            if answer.status == 401 and b"invalid_token" in answer.body and not renewed:
                self.fetch_token()
                continue
            return answer
        return answer  # after one renewal: whatever the service said

    def _send(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None) -> Answer:
        url = urljoin(self.base, path)
        try:
            return http_request(method, url, headers={"Accept": ACCEPT, **headers}, body=body,
                                timeout=self.timeout, ssl_context=self.ssl_context)
        except (OSError, ValueError) as exc:
            raise ServerUnreachable("The screen proctoring service cannot be reached.",
                                    detail=f"{method} {path}: {type(exc).__name__}", step="screen proctoring",
                                    kind="proctoring-unreachable") from None


def _health(answer: Answer) -> int:
    """``sps_server_health`` of an answer (header names in any case); 0 when absent."""
    try:
        return int(answer.header("sps_server_health") or 0)
    except ValueError:
        return 0
