"""Exam API v1 requests, one method per request (spec §2–§8), with tries and token renewal.

One job: speak HTTP to SEB Server exactly as the spec says — discovered endpoint paths, Basic
then Bearer authentication, ``SEBConnectionToken``, the form/JSON content types the server
consumes — and turn every failure into a :class:`ServerError` that names the step. Blocking
(standard library ``http.client``): callers run it in a worker thread. Thread-safe: the access
token is shared under a lock, so pings and log events may run in two threads.

Never logged: the client secret, access tokens, the connection token, keys.
"""

from __future__ import annotations

import base64
import json
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin

from launcher.server.errors import ServerError, ServerUnreachable, TokenExpired
from launcher.server.http import (
    Answer,
    error_text,
    http_request,
    is_invalid_token,
    message_text,
    unexpected,
    url_for_log,
)
from launcher.server.settings import ServerSettings

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
JSON_UTF8 = "application/json;charset=UTF-8"
ACCEPT = "application/json, */*"
INSTRUCTIONS = ("SEB_QUIT", "SEB_FORCE_LOCK_SCREEN", "NOTIFICATION_CONFIRM", "SEB_PROCTORING",
                "SEB_RECONFIGURE_SETTINGS")
EVENT_TYPES = ("DEBUG_LOG", "INFO_LOG", "WARN_LOG", "ERROR_LOG", "NOTIFICATION", "NOTIFICATION_CONFIRMED")
MAX_EVENT_TEXT = 512


@dataclass(frozen=True)
class Exam:
    """One running exam the server offers (``RunningExamInfo``)."""

    id: str
    name: str
    url: str
    lms_type: str = ""


@dataclass(frozen=True)
class Instruction:
    """One instruction from a ping answer; ``confirm`` is the id to send back (or "")."""

    name: str
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def confirm(self) -> str:
        return str(self.attributes.get("instruction-confirm") or "")


def now_ms() -> int:
    return int(time.time() * 1000)


class ExamApiClient:
    """One connection of this computer to one exam server.

    ``cancelled`` (a ``threading.Event``) stops waiting between tries. ``ssl_context`` defaults
    to the system's verified context.
    """

    def __init__(
        self,
        settings: ServerSettings,
        *,
        ssl_context: ssl.SSLContext | None = None,
        client_info: Mapping[str, str] | None = None,
        cancelled: threading.Event | None = None,
        sleep: Callable[[float], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.base = settings.url.rstrip("/") + "/"
        self.ssl_context = ssl_context
        self.client_info = dict(client_info or default_client_info())
        self.cancelled = cancelled or threading.Event()
        self._sleep = sleep
        self._lock = threading.Lock()
        self._access_token = ""
        self.endpoints: dict[str, str] = {}
        self.connection_token = ""
        self.exam: Exam | None = None
        self.salt = ""
        self.server_bek = ""

    # -- 2. discovery ---------------------------------------------------------------------
    def discover(self) -> dict[str, str]:
        """Read the endpoint paths of Exam API v1 (no authentication)."""
        url = self._resolve(self.settings.discovery)
        answer = self._send("discovery", "GET", url, auth=None)
        if answer.status != 200:
            raise ServerError(
                "The exam server did not answer the API discovery; check the server address.",
                detail=f"HTTP {answer.status} from {url_for_log(url)}", step="discovery", status=answer.status,
                kind="discovery-failed",
            )
        try:
            doc = json.loads(answer.body.decode("utf-8"))
            versions = doc["api-versions"]
            v1 = next(v for v in versions if isinstance(v, dict) and v.get("name") == "v1")
            endpoints = {e["name"]: e["location"] for e in v1["endpoints"]
                         if isinstance(e, dict) and isinstance(e.get("location"), str)}
        except (ValueError, KeyError, TypeError, StopIteration, UnicodeDecodeError) as exc:
            raise ServerError(
                "The exam server does not offer Exam API v1; it may not be a SEB Server.",
                detail=f"discovery answer unusable: {type(exc).__name__}", step="discovery", kind="no-exam-api",
            ) from None
        needed = ("access-token-endpoint", "seb-handshake-endpoint", "seb-configuration-endpoint",
                  "seb-ping-endpoint", "seb-log-endpoint")
        missing = [n for n in needed if n not in endpoints]
        if missing:
            raise ServerError(
                "The exam server does not offer Exam API v1; it may not be a SEB Server.",
                detail=f"discovery lacks {', '.join(missing)}", step="discovery", kind="no-exam-api",
            )
        self.endpoints = {n: self._resolve(endpoints[n]) for n in needed}
        return dict(self.endpoints)

    # -- 3. access token --------------------------------------------------------------------
    def fetch_token(self) -> None:
        """OAuth2 client credentials: a new access token (kept, never returned or logged)."""
        url = self._endpoint("access-token-endpoint")
        pair = f"{self.settings.client_name}:{self.settings.client_secret}".encode("utf-8")
        basic = "Basic " + base64.b64encode(pair).decode("ascii")
        body = urlencode({"grant_type": "client_credentials", "scope": "read write"}).encode("ascii")
        answer = self._send("access token", "POST", url, auth=basic, body=body, content_type=FORM)
        if answer.status in (400, 401, 403):
            raise ServerError(
                "The exam server refused the client credentials of this configuration.",
                detail=f"HTTP {answer.status} {error_text(answer)}", step="access token", status=answer.status,
                kind="credentials-refused",
            )
        if answer.status != 200:
            raise unexpected("access token", answer)
        try:
            token = json.loads(answer.body.decode("utf-8"))["access_token"]
            if not isinstance(token, str) or not token:
                raise ValueError
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise ServerError(
                "The exam server sent no access token.", detail="token answer without access_token",
                step="access token", kind="no-access-token",
            ) from None
        with self._lock:
            self._access_token = token

    # -- 5.1 handshake: create --------------------------------------------------------------
    def create_connection(self, exam_id: str = "") -> list[Exam]:
        """``POST handshake``: the connection token and the running exams (the one ``exam_id``)."""
        fields = {"institutionId": self.settings.institution, **self.client_info}
        if exam_id:
            fields["examId"] = exam_id
        answer = self._api("handshake", "POST", "seb-handshake-endpoint", form=fields, with_token=False)
        if answer.status == 400 and exam_id:
            raise ServerError(
                f"The exam {exam_id} is not running on the exam server or is not open to this institution.",
                detail=f"HTTP 400 {message_text(answer)}", step="handshake", status=400,
                kind="exam-not-running", subject=exam_id,
            )
        if answer.status == 400:
            raise ServerError(
                "The exam server refused the connection for this institution; the configuration "
                "may belong to another institution.",
                detail=f"HTTP 400 {message_text(answer)}", step="handshake", status=400,
                kind="institution-refused",
            )
        if answer.status != 200:
            raise unexpected("handshake", answer)
        token = answer.header("SEBConnectionToken")
        if not token:
            raise ServerError("The exam server did not open a connection.",
                              detail="no SEBConnectionToken header", step="handshake", kind="no-connection")
        self.connection_token = token
        self._take_keys(answer)
        try:
            items = json.loads(answer.body.decode("utf-8") or "[]")
            exams = [
                Exam(str(i["examId"]), str(i.get("name") or ""), str(i.get("url") or ""), str(i.get("lmsType") or ""))
                for i in items if isinstance(i, dict) and i.get("examId") not in (None, "")
            ]
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
            raise ServerError("The exam server sent an exam list that cannot be read.",
                              detail="handshake body is not a JSON list", step="exam list",
                              kind="exam-list-unreadable") from None
        if not exams:
            raise ServerError("No exam is running for this institution on the exam server.",
                              detail="empty exam list", step="exam list", kind="no-exams")
        return exams

    # -- 5.2 configuration ------------------------------------------------------------------
    def exam_configuration(self, exam: Exam) -> bytes:
        """``GET examconfig?examId=``: the exam's ``.seb`` bytes (binds the exam)."""
        answer = self._api("exam configuration", "GET", "seb-configuration-endpoint",
                           query={"examId": exam.id}, accept="application/octet-stream, */*")
        if answer.status != 200:
            raise ServerError(
                "The exam server could not give the exam configuration; the exam may have ended.",
                detail=f"HTTP {answer.status} {message_text(answer)}", step="exam configuration",
                status=answer.status, kind="configuration-unavailable",
            )
        if not answer.body:
            raise ServerError("The exam server sent an empty exam configuration.",
                              detail="empty body", step="exam configuration",
                              kind="configuration-empty")
        self.exam = exam
        return answer.body

    # -- 5.3 select ---------------------------------------------------------------------------
    def select_exam(self, exam: Exam) -> None:
        """``PATCH handshake examId=``: binds the exam; reads ``SEBExamSalt``/``SEBServerBEK``."""
        answer = self._api("exam selection", "PATCH", "seb-handshake-endpoint", form={"examId": exam.id})
        if answer.status != 200:
            raise ServerError(
                "The exam server refused the chosen exam.",
                detail=f"HTTP {answer.status} {message_text(answer)}", step="exam selection", status=answer.status,
                kind="exam-refused",
            )
        self.exam = exam
        self._take_keys(answer)

    # -- 5.4 establish -----------------------------------------------------------------------
    def establish(self, signature_plaintext: str = "") -> None:
        """``PUT handshake``, with the app signature key when the server sent a salt."""
        fields: dict[str, str] = {}
        if self.exam is not None:
            fields["examId"] = self.exam.id
        if self.salt and signature_plaintext:
            from launcher.server.signature import signature_key

            try:
                fields["seb_signature_key"] = signature_key(self.connection_token, self.salt, signature_plaintext)
            except ValueError:
                log.warning("The exam server's exam salt is not hexadecimal; no app signature key sent")
        answer = self._api("connection", "PUT", "seb-handshake-endpoint", form=fields)
        if answer.status != 200:
            raise ServerError(
                "The exam server did not accept the connection.",
                detail=f"HTTP {answer.status} {message_text(answer)}", step="connection", status=answer.status,
                kind="connection-refused",
            )
        self._take_keys(answer)

    # -- 5.6 user session id ------------------------------------------------------------------
    def send_user_session(self, user: str) -> None:
        fields = {"seb_user_session_id": user}
        if self.exam is not None:
            fields = {"examId": self.exam.id, **fields}
        answer = self._api("user session", "PATCH", "seb-handshake-endpoint", form=fields, attempts=1)
        if answer.status != 200:
            raise unexpected("user session", answer)

    # -- 6. ping --------------------------------------------------------------------------------
    def ping(self, number: int, confirm: str = "") -> Instruction | None:
        """One ping (one try: the next ping goes out on time anyway)."""
        fields = {"timestamp": str(now_ms()), "ping-number": str(number)}
        if confirm:
            fields["instruction-confirm"] = confirm
        answer = self._api("ping", "POST", "seb-ping-endpoint", form=fields, attempts=1)
        if answer.status == 204 or (answer.status == 200 and not answer.body.strip()):
            return None
        if answer.status != 200:
            raise unexpected("ping", answer)
        return parse_instruction(answer.body)

    # -- 7. log events ----------------------------------------------------------------------------
    def send_event(self, kind: str, text: str = "", numeric: float | None = None,
                   timestamp: int | None = None, *, attempts: int = 1) -> None:
        """``POST seblog`` with one event (``kind`` one of :data:`EVENT_TYPES`)."""
        event: dict[str, Any] = {"type": kind, "timestamp": timestamp or now_ms()}
        if numeric is not None:
            event["numericValue"] = numeric
        if text:
            event["text"] = text[:MAX_EVENT_TEXT]
        body = json.dumps(event, ensure_ascii=False).encode("utf-8")
        answer = self._api("log", "POST", "seb-log-endpoint", body=body, content_type=JSON_UTF8,
                           attempts=attempts)
        if answer.status not in (200, 204):
            raise unexpected("log", answer)

    # -- 8. disconnect ------------------------------------------------------------------------------
    def disconnect(self, *, attempts: int | None = None) -> None:
        """``DELETE handshake``: the server marks the connection closed."""
        if not self.connection_token:
            return
        answer = self._api("disconnect", "DELETE", "seb-handshake-endpoint", form={"delete": "true"},
                           attempts=attempts)
        if answer.status not in (200, 204):
            raise unexpected("disconnect", answer)

    # -- plumbing --------------------------------------------------------------------------------
    def _resolve(self, location: str) -> str:
        if location.lower().startswith(("http://", "https://")):
            return location
        return urljoin(self.base, location.lstrip("/"))

    def _endpoint(self, name: str) -> str:
        if not self.endpoints:
            self.discover()
        return self.endpoints[name]

    def _take_keys(self, answer: Answer) -> None:
        salt = answer.header("SEBExamSalt").strip()
        if salt:
            self.salt = salt
        bek = answer.header("SEBServerBEK").strip()
        if bek:
            self.server_bek = bek

    def _api(
        self,
        step: str,
        method: str,
        endpoint: str,
        *,
        form: Mapping[str, str] | None = None,
        body: bytes | None = None,
        content_type: str = FORM,
        query: Mapping[str, str] | None = None,
        accept: str = ACCEPT,
        with_token: bool = True,
        attempts: int | None = None,
    ) -> Answer:
        """A Bearer request to ``/exam-api/v1``; renews the access token once on ``invalid_token``."""
        url = self._endpoint(endpoint)
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        if form is not None:
            body = urlencode(form).encode("ascii")
            content_type = FORM
        if method == "GET":
            content_type = ""
        extra = {"SEBConnectionToken": self.connection_token} if with_token and self.connection_token else {}
        with self._lock:
            token = self._access_token
        if not token:
            self.fetch_token()
            with self._lock:
                token = self._access_token
        for renewed in (False, True):
            answer = self._send(step, method, url, auth="Bearer " + token, body=body,
                                content_type=content_type, accept=accept, headers=extra, attempts=attempts)
            if answer.status == 401 and is_invalid_token(answer) and not renewed:
                log.info("The exam server's access token expired; fetching a new one")
                with self._lock:
                    stale = self._access_token == token
                if stale:
                    self.fetch_token()
                with self._lock:
                    token = self._access_token
                continue
            if answer.status == 401:
                raise ServerError(
                    "The exam server refused this computer's access.",
                    detail=f"HTTP 401 {error_text(answer)}", step=step, status=401, kind="access-refused",
                )
            return answer
        raise TokenExpired(step=step)  # pragma: no cover - the loop returns or raises

    def _send(
        self,
        step: str,
        method: str,
        url: str,
        *,
        auth: str | None,
        body: bytes | None = None,
        content_type: str = "",
        accept: str = ACCEPT,
        headers: Mapping[str, str] | None = None,
        attempts: int | None = None,
    ) -> Answer:
        """Send with up to ``attempts`` tries (default from the settings) while there is no
        answer or a 5xx one, waiting the attempt interval between tries; a timeout ends them."""
        tries = max(1, attempts if attempts is not None else self.settings.attempts)
        last: Exception | None = None
        answer: Answer | None = None
        for attempt in range(1, tries + 1):
            if self.cancelled.is_set():
                break
            try:
                answer = self._once(method, url, auth=auth, body=body, content_type=content_type,
                                    accept=accept, headers=headers)
            except (socket.timeout, TimeoutError) as exc:
                last = exc
                log.warning("%s: the exam server did not answer in time (%s %s)", step, method, url_for_log(url))
                break
            except (OSError, ValueError) as exc:  # refused, reset, DNS, TLS, bad status line
                last = exc
                answer = None
                log.warning("%s: no answer from the exam server (try %d of %d): %s",
                            step, attempt, tries, type(exc).__name__)
            else:
                if answer.status < 500:
                    return answer
                log.warning("%s: the exam server answered HTTP %d (try %d of %d)", step, answer.status, attempt, tries)
            if attempt < tries and self.settings.attempt_interval_ms:
                self._wait(self.settings.attempt_interval_ms / 1000)
        if answer is not None:
            return answer
        if isinstance(last, ssl.SSLError) or isinstance(last, ssl.CertificateError):
            raise ServerUnreachable(
                "The exam server's certificate is not trusted; the connection was not made.",
                detail=f"{step}: {type(last).__name__}", step=step, kind="untrusted-certificate",
            )
        raise ServerUnreachable(
            "The exam server cannot be reached; check the network connection.",
            detail=f"{step}: {method} {url_for_log(url)}: {type(last).__name__ if last else 'cancelled'}", step=step,
            kind="unreachable",
        )

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        else:
            self.cancelled.wait(seconds)

    def _once(self, method: str, url: str, *, auth: str | None, body: bytes | None, content_type: str,
              accept: str, headers: Mapping[str, str] | None) -> Answer:
        send_headers = {"Accept": accept}
        if auth:
            send_headers["Authorization"] = auth
        if content_type:
            send_headers["Content-Type"] = content_type
        send_headers.update(headers or {})
        return http_request(method, url, headers=send_headers, body=body,
                            timeout=self.settings.timeout_ms / 1000, ssl_context=self.ssl_context)


def parse_instruction(body: bytes) -> Instruction | None:
    """A ping answer's instruction, or None for an unknown/unreadable one (logged)."""
    try:
        doc = json.loads(body.decode("utf-8"))
        name = doc["instruction"]
        attrs = doc.get("attributes") or {}
        if not isinstance(name, str) or not isinstance(attrs, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        log.warning("The exam server sent an instruction that cannot be read; ignored")
        return None
    if name not in INSTRUCTIONS:
        log.warning("The exam server sent an unknown instruction %r; ignored", name[:40])
        return None
    return Instruction(name, {str(k): "" if v is None else str(v) for k, v in attrs.items()})


def default_client_info() -> dict[str, str]:
    """``client_id``, ``seb_machine_name``, ``seb_os_name``, ``seb_version`` as SEB sends them."""
    import getpass
    import platform

    from launcher import __version__

    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = ""
    return {
        "client_id": user,
        "seb_machine_name": platform.node(),
        "seb_os_name": f"{platform.system()} {platform.release()}".strip(),
        "seb_version": f"seb-launcher {__version__}",
    }
