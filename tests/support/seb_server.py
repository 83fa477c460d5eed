"""A SEB Server double written from ``shared/spec/seb-server.md``: strict like the real one.

One job: answer the Exam API v1 (discovery, OAuth2 client credentials, handshake, exam
configuration, ping, log) on a real local HTTP server the way SEB Server's controller does,
refuse what it refuses with the real status (405 wrong method, 401 missing/invalid bearer,
404 + APIMessage for an unknown connection token, 415 wrong content type, 406 unacceptable
``Accept``, 400 missing header or institution mismatch, …), and remember every request.
One check goes beyond the real controller on purpose: a ping without ``ping-number`` and
``timestamp`` (which both SEB clients always send) is refused too.

Every refusal is recorded in ``refused`` (method, path, status, why): the ``seb_server``
fixture fails the test at teardown when the launcher sent anything the real server would
refuse, unless the test says ``server.allow_refusals = True``.

Test controls: ``add_exam``, ``queue(instruction, attributes, confirm=…)``,
``expire_tokens()``, ``go_down()``/``come_back()`` (the port stays), ``fail_next(n, status)``;
records: ``requests``, ``pings``, ``events``, ``connections``.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import pytest

from .servers import Request, Response, Server

JSON = "application/json;charset=UTF-8"
FORM = "application/x-www-form-urlencoded"
CONNECTION_REQUESTED, READY, ACTIVE, CLOSED = 1, 2, 3, 4
HANDSHAKE = "/exam-api/v1/handshake"
CONFIG = "/exam-api/v1/examconfig"
PING = "/exam-api/v1/sebping"
LOG = "/exam-api/v1/seblog"
TOKEN = "/oauth/token"
DISCOVERY = "/exam-api/discovery"


@dataclass
class ExamDef:
    id: str
    name: str
    url: str
    config: bytes
    salt: str = "0123456789abcdef"
    bek: str = ""
    running: bool = True
    lms_type: str = "MOODLE_PLUGIN"


@dataclass
class Connection:
    token: str
    institution: str
    status: int = CONNECTION_REQUESTED
    exam: str = ""
    user_session: str = ""
    signature_key: str = ""
    client: dict[str, str] = field(default_factory=dict)
    queue: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Ping:
    connection: str
    number: int
    timestamp: int
    confirm: str


@dataclass(frozen=True)
class Refusal:
    method: str
    path: str
    status: int
    why: str


def api_message(code: str, text: str, details: str = "") -> str:
    return json.dumps([{"messageCode": code, "systemMessage": text, "details": details, "attributes": []}])


class SebServerDouble:
    """A strict Exam API v1 on 127.0.0.1; ``url`` is the ``sebServerURL``."""

    def __init__(self, *, institution: str = "1", client_name: str = "client-1",
                 client_secret: str = "s3cret-client", prefix: str = "", tls: bool = False) -> None:
        self.institution = institution
        self.client_name = client_name
        self.client_secret = client_secret
        self.prefix = prefix.rstrip("/")
        self.exams: dict[str, ExamDef] = {}
        self.tokens: set[str] = set()
        self.connections: dict[str, Connection] = {}
        self.pings: list[Ping] = []
        self.events: list[dict[str, Any]] = []
        self.refused: list[Refusal] = []
        self.allow_refusals = False
        self._fail: list[int] = []
        self._confirm_ids = itertools.count(1)
        self._lock = threading.RLock()
        self.tls = tls
        self._server = Server(tls=tls)
        self._server.route("/*", self._handle)
        self._server.start()
        self.port = self._server.port

    # -- controls -----------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{self.prefix}"

    @property
    def requests(self) -> list[Request]:
        return self._server.requests

    @property
    def cert_der(self) -> bytes:
        return self._server.cert_der

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == self.prefix + path]

    def add_exam(self, exam_id: str, name: str, url: str, config: bytes, **kw: Any) -> ExamDef:
        exam = ExamDef(exam_id, name, url, config, **kw)
        with self._lock:
            self.exams[exam_id] = exam
        return exam

    def connection(self) -> Connection:
        """The latest connection (tests have one client)."""
        with self._lock:
            return list(self.connections.values())[-1]

    def queue(self, instruction: str, attributes: dict[str, str] | None = None, *, confirm: bool = False,
              token: str | None = None) -> str:
        """Queue an instruction for the next ping; returns its confirm id ("" without)."""
        with self._lock:
            conn = self.connections[token] if token else self.connection()
            attrs = dict(attributes or {})
            cid = ""
            if confirm:
                cid = str(next(self._confirm_ids))
                attrs["instruction-confirm"] = cid
            conn.queue.append({"instruction": instruction, "attributes": attrs})
            return cid

    def expire_tokens(self) -> None:
        with self._lock:
            self.tokens.clear()

    def fail_next(self, count: int, status: int = 503) -> None:
        with self._lock:
            self._fail.extend([status] * count)

    def go_down(self) -> None:
        self._server.stop()

    def come_back(self) -> None:
        server = Server(tls=self.tls, port=self.port)
        server.route("/*", self._handle)
        server._requests = self._server._requests  # one record across the outage
        self._server = server.start()

    def stop(self) -> None:
        self._server.stop()

    def wait(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.05)
        return predicate()

    def notifications(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("type") in ("NOTIFICATION", "NOTIFICATION_CONFIRMED")]

    # -- dispatch -----------------------------------------------------------------------
    def _refuse(self, req: Request, status: int, why: str, body: str = "", ctype: str = JSON) -> Response:
        self.refused.append(Refusal(req.method, req.path, status, why))
        return Response(body=body or json.dumps({"error": why}), status=status, content_type=ctype)

    def _handle(self, req: Request) -> Response:
        with self._lock:
            if self._fail:
                return Response(body="unavailable", status=self._fail.pop(0), content_type="text/plain")
            path = req.path
            if self.prefix:
                if not path.startswith(self.prefix + "/"):
                    return self._refuse(req, 404, "not found")
                path = path[len(self.prefix):]
            if path == DISCOVERY:
                return self._discovery(req)
            if path == TOKEN:
                return self._token(req)
            if path.startswith("/exam-api/v1/"):
                return self._api(req, path)
            return self._refuse(req, 404, "not found")

    def _discovery(self, req: Request) -> Response:
        if req.method != "GET":
            return self._refuse(req, 405, "Request method not supported")
        p = self.prefix

        def ep(name: str, loc: str, auth: str) -> dict[str, str]:
            return {"name": name, "description": name, "location": p + loc, "authorization": auth}

        doc = {"title": "Safe Exam Browser Server / Exam API", "description": "test double",
               "server-location": f"http://127.0.0.1:{self.port}".replace("http", "https" if self.tls else "http", 1),
               "api-versions": [{"name": "v1", "endpoints": [
                   ep("access-token-endpoint", TOKEN, "Basic"),
                   ep("seb-handshake-endpoint", HANDSHAKE, "Bearer"),
                   ep("seb-configuration-endpoint", CONFIG, "Bearer"),
                   ep("seb-ping-endpoint", PING, "Bearer"),
                   ep("seb-log-endpoint", LOG, "Bearer")]}]}
        return Response(body=json.dumps(doc), content_type=JSON)

    def _token(self, req: Request) -> Response:
        if req.method != "POST":
            return self._refuse(req, 405, "Request method not supported")
        auth = req.header("Authorization") or ""
        if not auth.startswith("Basic "):
            return self._refuse(req, 401, "Full authentication is required to access this resource")
        try:
            name, _, secret = base64.b64decode(auth[6:]).decode("utf-8").partition(":")
        except ValueError:
            return self._refuse(req, 401, "bad basic header")
        if name != self.client_name or secret != self.client_secret:
            # a wrong secret is what the admin test wants to see: not a protocol error
            return Response(body=json.dumps({"error": "Bad credentials"}), status=401, content_type=JSON)
        if not (req.header("Content-Type") or "").startswith(FORM):
            return self._refuse(req, 415, "Content type not supported")
        form = parse_qs(req.body.decode("utf-8"), keep_blank_values=True)
        if form.get("grant_type") != ["client_credentials"]:
            return self._refuse(req, 400, "unsupported_grant_type")
        if not "".join(form.get("scope", [""])).strip():
            return self._refuse(req, 400, "invalid_scope")
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return Response(body=json.dumps({"access_token": token, "token_type": "bearer", "expires_in": 43199,
                                         "scope": "read write", "jti": uuid.uuid4().hex}), content_type=JSON)

    def _api(self, req: Request, path: str) -> Response:
        auth = req.header("Authorization") or ""
        if not auth.startswith("Bearer "):
            return self._refuse(req, 401, "Full authentication is required to access this resource")
        if auth[7:] not in self.tokens:
            # the client must renew its token on this answer: not a refusal of a wrong request
            return Response(body=json.dumps({"error": "invalid_token", "error_description": "expired"}),
                            status=401, content_type=JSON,
                            headers=[("WWW-Authenticate", 'Bearer error="invalid_token"')])
        name = path[len("/exam-api/v1/"):]
        allowed = {"handshake": ("POST", "PATCH", "PUT", "DELETE"), "examconfig": ("GET",),
                   "sebping": ("POST",), "seblog": ("POST",)}
        if name not in allowed:
            return self._refuse(req, 404, "not found")
        if req.method not in allowed[name]:
            return self._refuse(req, 405, f"Request method '{req.method}' not supported")
        ctype = (req.header("Content-Type") or "application/octet-stream").lower()
        if name == "seblog":
            if not ctype.startswith("application/json"):
                return self._refuse(req, 415, "Content type not supported")
        elif req.method != "GET" and not ctype.startswith(FORM):
            return self._refuse(req, 415, "Content type not supported")
        accept = (req.header("Accept") or "*/*").lower()
        produces = "application/octet-stream" if name == "examconfig" else "application/json"
        if "*/*" not in accept and produces not in accept:
            return self._refuse(req, 406, "Not acceptable")
        form: dict[str, str] = {}
        if ctype.startswith(FORM):
            try:
                form = {k: v[-1] for k, v in parse_qs(req.body.decode("utf-8"), keep_blank_values=True).items()}
            except UnicodeDecodeError:
                return self._refuse(req, 400, "bad form")
        for k, v in req.query.items():
            form.setdefault(k, v[-1])
        token = req.header("SEBConnectionToken") or ""
        if name == "handshake" and req.method == "POST":
            return self._create(req, form)
        if name == "sebping":
            return self._ping(req, token, form)
        if not token:
            return self._refuse(req, 400, "Missing request header 'SEBConnectionToken'")
        if name == "seblog":
            return self._log(req, token)
        conn = self.connections.get(token)
        if name == "examconfig":
            return self._config(req, conn, form)
        if conn is None:
            return self._refuse(req, 404, "unknown connection token",
                                api_message("1002", "Resource not found", f"ClientConnection:{token}"))
        if conn.institution != self.institution:
            return self._refuse(req, 400, "institution", api_message("1010", "Institutional integrity violation"))
        if req.method == "DELETE":
            conn.status = CLOSED
            return Response(body=b"", content_type="")
        if conn.status not in (CONNECTION_REQUESTED, READY, ACTIVE):
            conn.queue.append({"instruction": "SEB_QUIT", "attributes": {}})
            return self._refuse(req, 400, "connection not active", api_message("1010", "ClientConnection integrity violation"))
        exam_id = form.get("examId", "")
        if exam_id:
            bad = self._bind(conn, exam_id)
            if bad:
                return self._refuse(req, 400, bad, api_message("1010", bad))
        for key in ("seb_version", "seb_os_name", "seb_machine_name", "client_id"):
            if key in form:
                conn.client[key] = form[key]
        if form.get("seb_user_session_id"):
            conn.user_session = form["seb_user_session_id"]
            if conn.status == READY:
                conn.status = ACTIVE
        if form.get("seb_signature_key"):
            conn.signature_key = form["seb_signature_key"]
        if req.method == "PUT":
            if not conn.exam:
                return self._refuse(req, 400, "no exam", api_message("1010", "ClientConnection integrity violation"))
            conn.status = ACTIVE if conn.user_session else READY
        return Response(body=b"", content_type="", headers=self._exam_headers(conn))

    def _bind(self, conn: Connection, exam_id: str) -> str:
        exam = self.exams.get(exam_id)
        if exam is None or not exam.running:
            return f"exam {exam_id} not running"
        if conn.exam and conn.exam != exam_id:
            return "another exam is bound"
        conn.exam = exam_id
        return ""

    def _exam_headers(self, conn: Connection) -> list[tuple[str, str]]:
        exam = self.exams.get(conn.exam)
        if exam is None:
            return []
        headers = [("SEBExamSalt", exam.salt)]
        if exam.bek:
            headers.append(("SEBServerBEK", exam.bek))
        return headers

    def _create(self, req: Request, form: dict[str, str]) -> Response:
        if form.get("institutionId", "") != self.institution:
            return self._refuse(req, 400, "institution", api_message("1010", "Institutional integrity violation"))
        conn = Connection(uuid.uuid4().hex, self.institution,
                          client={k: form.get(k, "") for k in ("client_id", "seb_machine_name", "seb_os_name", "seb_version")})
        exams = [e for e in self.exams.values() if e.running]
        exam_id = form.get("examId", "")
        if exam_id:
            bad = self._bind(conn, exam_id)
            if bad:
                return self._refuse(req, 400, bad, api_message("1010", bad))
            exams = [self.exams[exam_id]]
        self.connections[conn.token] = conn
        body = [{"examId": e.id, "name": e.name, "url": e.url, "lmsType": e.lms_type} for e in exams]
        headers = [("SEBConnectionToken", conn.token), *(self._exam_headers(conn) if exam_id else [])]
        return Response(body=json.dumps(body), content_type=JSON, headers=headers)

    def _config(self, req: Request, conn: Connection | None, form: dict[str, str]) -> Response:
        if conn is None:
            return self._refuse(req, 500, "unknown token", api_message("0", "Generic error"))
        exam_id = form.get("examId", "") or conn.exam
        bad = self._bind(conn, exam_id) if exam_id else "no exam"
        if bad:
            return self._refuse(req, 500, bad, api_message("0", bad))
        return Response(body=self.exams[exam_id].config, content_type="application/octet-stream")

    def _ping(self, req: Request, token: str, form: dict[str, str]) -> Response:
        conn = self.connections.get(token)
        if conn is None:
            return Response(body=b"", status=204, content_type="")
        try:
            number = int(form.get("ping-number", ""))
            stamp = int(form.get("timestamp", ""))
        except ValueError:
            return self._refuse(req, 400, "ping without number or timestamp")
        confirm = form.get("instruction-confirm", "")
        self.pings.append(Ping(token, number, stamp, confirm))
        if confirm:
            conn.queue = [i for i in conn.queue if i["attributes"].get("instruction-confirm") != confirm]
        if not conn.queue or conn.status == CLOSED:
            return Response(body=b"", status=204, content_type="")
        item = conn.queue.pop(0)
        if item["attributes"].get("instruction-confirm"):
            conn.queue.append(item)  # re-sent until confirmed
        return Response(body=json.dumps(item), content_type=JSON)

    def _log(self, req: Request, token: str) -> Response:
        if not req.body:
            return self._refuse(req, 400, "empty log body")
        try:
            event = json.loads(req.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return Response(body=b"", status=204, content_type="")  # dropped later, silently
        if token in self.connections and isinstance(event, dict):
            event["_connection"] = token
            self.events.append(event)
        return Response(body=b"", status=204, content_type="")


@dataclass(frozen=True)
class Screenshot:
    session: str
    image: bytes
    image_format: str
    timestamp: int
    metadata: dict[str, Any]
    received: float = 0.0  # wall-clock seconds (time.time()), as ``timestamp`` is


class ScreenProctoringDouble:
    """SEB's screen-proctoring service (spec §9), strict: token (Basic), session create
    (``SEB_GROUP_UUID`` -> ``SEB_SESSION_UUID``), screenshot upload (Bearer, octet-stream,
    ``imageFormat``/``timestamp``/``metaData`` headers), session ``DELETE``, ``GET health``;
    refusals recorded. Header names in lower case, as the service writes them.

    Test controls: ``health`` (the ``sps_server_health`` of every answer, 0 – 10),
    ``delete_delay_s`` (a ``DELETE`` is answered that late), ``delete_status`` (e.g.
    404 for a session the service no longer knows), ``go_down()``; records: ``screenshots``
    (with ``received``, wall-clock seconds like their ``timestamp``), ``deletes`` (when each
    ``DELETE`` arrived) and ``health_requests`` (monotonic seconds)."""

    def __init__(self, *, client_id: str = "sps-client", client_secret: str = "sps-s3cret") -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.tokens: set[str] = set()
        self.sessions: dict[str, bool] = {}  # id -> open
        self.screenshots: list[Screenshot] = []
        self.refused: list[Refusal] = []
        self.health = 0
        self.delete_delay_s = 0.0
        self.delete_status = 200
        self.deletes: list[float] = []
        self.health_requests: list[float] = []
        self._lock = threading.RLock()
        self._server = Server()
        self._server.route("/*", self._handle)
        self._server.start()

    @property
    def url(self) -> str:
        return self._server.origin

    def stop(self) -> None:
        self._server.stop()

    def go_down(self) -> None:
        """Nothing listens on the service's port any more (connections are refused)."""
        self._server.stop()

    def join_attributes(self, *, session: str = "", group: str = "group-1") -> dict[str, str]:
        return {"service-type": "SCREEN_PROCTORING", "method": "JOIN",
                "screenProctoringServiceURL": self.url, "screenProctoringClientId": self.client_id,
                "screenProctoringClientSecret": self.client_secret, "screenProctoringGroupId": group,
                "screenProctoringClientSessionId": session, "screenProctoringEncryptSecret": "unused"}

    def _refuse(self, req: Request, status: int, why: str) -> Response:
        self.refused.append(Refusal(req.method, req.path, status, why))
        return Response(body=json.dumps({"error": why}), status=status, content_type=JSON)

    def _handle(self, req: Request) -> Response:
        if req.method == "DELETE":
            self.deletes.append(time.monotonic())  # when it arrived
            if self.delete_delay_s:
                time.sleep(self.delete_delay_s)  # a slow service (outside the lock: others go on)
        with self._lock:
            if req.path == "/health":
                self.health_requests.append(time.monotonic())
                if req.method != "GET":
                    return self._refuse(req, 405, "method")
                return Response(body=b"", content_type="", headers=[("sps_server_health", str(self.health))])
            if req.path == TOKEN:
                if req.method != "POST":
                    return self._refuse(req, 405, "method")
                auth = req.header("Authorization") or ""
                pair = base64.b64decode(auth[6:]).decode() if auth.startswith("Basic ") else ""
                if pair != f"{self.client_id}:{self.client_secret}":
                    return self._refuse(req, 401, "Bad credentials")
                token = uuid.uuid4().hex
                self.tokens.add(token)
                return Response(body=json.dumps({"access_token": token, "token_type": "bearer"}), content_type=JSON)
            if not req.path.startswith("/seb-api/v1/session"):
                return self._refuse(req, 404, "not found")
            auth = req.header("Authorization") or ""
            if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
                return self._refuse(req, 401, "invalid_token")
            parts = req.path.split("/")[4:]  # after /seb-api/v1/session
            if not parts:
                if req.method != "POST":
                    return self._refuse(req, 405, "method")
                if not req.header("SEB_GROUP_UUID"):
                    return self._refuse(req, 400, "missing SEB_GROUP_UUID")
                sid = uuid.uuid4().hex
                self.sessions[sid] = True
                return Response(body=b"", content_type="", headers=[("SEB_SESSION_UUID", sid)])
            sid = parts[0]
            if not self.sessions.get(sid):
                return self._refuse(req, 404, "unknown or closed session")
            if len(parts) == 1:
                if req.method != "DELETE":
                    return self._refuse(req, 405, "method")
                self.sessions[sid] = False
                return Response(body=b"", status=self.delete_status, content_type="")
            if parts[1:] != ["screenshot"]:
                return self._refuse(req, 404, "not found")
            if req.method != "POST":
                return self._refuse(req, 405, "method")
            if (req.header("Content-Type") or "") != "application/octet-stream":
                return self._refuse(req, 415, "content type")
            fmt, stamp, meta = req.header("imageFormat"), req.header("timestamp"), req.header("metaData")
            if fmt not in ("png", "jpg", "gif", "bmp") or not (stamp or "").isdigit() or meta is None or not req.body:
                return self._refuse(req, 400, "screenshot headers")
            from urllib.parse import unquote

            try:
                metadata = json.loads(unquote(meta))
            except ValueError:
                return self._refuse(req, 400, "metaData is not URL-encoded JSON")
            self.screenshots.append(Screenshot(sid, req.body, fmt, int(stamp), metadata, time.time()))
            return Response(body=b"", content_type="", headers=[("sps_server_health", str(self.health))])


@pytest.fixture
def screen_proctoring() -> Iterator[ScreenProctoringDouble]:
    service = ScreenProctoringDouble()
    try:
        yield service
    finally:
        service.stop()
    assert service.refused == [], f"requests the screen-proctoring service would refuse: {service.refused}"


@pytest.fixture
def seb_server() -> Iterator[SebServerDouble]:
    """A fresh double; the test fails if the launcher sent a request the real server refuses."""
    server = SebServerDouble()
    try:
        yield server
    finally:
        server.stop()
    if not server.allow_refusals:
        assert server.refused == [], f"requests the real SEB Server would refuse: {server.refused}"
