"""An LTI 1.3 launch between two test sites: an LMS (platform) and an assessment tool.

One job: the wire behaviour of an LTI 1.3 resource-link launch as an LMS starts a tool such as
Inspera, for tests of the kiosk:

1. the LMS page embeds (iframe) or links (new window) ``/mod/lti/launch.php?id=N``, which needs
   the LMS session and answers an auto-submitted form: the OIDC *third-party initiated login*
   (``iss``, ``login_hint``, ``target_link_uri``, ``lti_message_hint``, ``client_id``) POSTed to
   the tool's ``/lti/login``;
2. the tool keeps ``state``/``nonce``, sets ``ltistate`` (``SameSite=None; Secure``) and
   redirects (302) to the LMS authorization endpoint ``/mod/lti/auth.php`` (``scope=openid``,
   ``response_type=id_token``, ``response_mode=form_post``, ``prompt=none``, ``redirect_uri``);
3. the LMS, with its session, answers an auto-submitted cross-site form POST of ``id_token``
   (+ ``state``) to the tool's ``/lti/launch``; the token carries the nonce and the custom
   parameters that decide the candidate and the exam (signed with a placeholder: no real JWT
   signature, the tool checks the nonce and state round trip);
4. the tool checks ``state`` against its cookie and the nonce, sets its session cookie
   ``toolsession`` (``SameSite=None; Secure``) and answers 303 to ``/assessment``, which shows
   the candidate and exam only with that cookie.

``events`` lists what each side saw, in order, for assertions.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from .servers import Request, Response, Server

CLIENT_ID = "tool-client-1"
DEPLOYMENT_ID = "deployment-1"
CUSTOM = {"candidate": "cand-42", "exam": "exam-7"}


def _autosubmit(action: str, fields: dict[str, str]) -> str:
    inputs = "".join(
        f"<input type='hidden' name='{html.escape(k, quote=True)}' value='{html.escape(v, quote=True)}'>"
        for k, v in fields.items()
    )
    return (f"<form id='autosubmit' method='post' action='{html.escape(action, quote=True)}'>{inputs}</form>"
            "<script>document.getElementById('autosubmit').submit();</script>")


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _unb64(text: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


@dataclass
class LtiSites:
    lms: Server
    tool: Server
    embed: str = "iframe"  # or "window": a link that opens the tool in a new window
    events: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._pending: dict[str, str] = {}  # state -> nonce
        self._sessions: dict[str, dict] = {}
        lms, tool = self.lms, self.tool
        lms.route("/course/view.php", self._course)
        lms.route("/mod/lti/launch.php", self._launch)
        lms.route("/mod/lti/auth.php", self._auth)
        tool.route("/lti/login", self._login)
        tool.route("/lti/launch", self._tool_launch)
        tool.route("/assessment", self._assessment)

    @property
    def course_url(self) -> str:
        return self.lms.url("/course/view.php?id=3")

    # -- LMS (platform) -------------------------------------------------------------------
    def _course(self, req: Request) -> Response:
        self.events.append("lms:course")
        launch = "/mod/lti/launch.php?id=5"
        if self.embed == "iframe":
            body = f"<h1 id='course'>Course</h1><iframe id='tool' src='{launch}' width='600' height='300'></iframe>"
        else:
            body = (f"<h1 id='course'>Course</h1><a id='launch' target='_blank' href='{launch}' "
                    "style='display:block;height:40px'>Start the exam</a>")
        return Response(body, headers=[("Set-Cookie", "MoodleSession=lms-student; Path=/; Secure; HttpOnly; SameSite=Lax")])

    def _launch(self, req: Request) -> Response:
        if req.cookies.get("MoodleSession") != "lms-student":
            self.events.append("lms:launch-without-session")
            return Response("<p>not signed in</p>", status=403)
        self.events.append("lms:launch")
        return Response(_autosubmit(self.tool.url("/lti/login"), {
            "iss": self.lms.origin,
            "login_hint": "student-1",
            "target_link_uri": self.tool.url("/lti/launch"),
            "lti_message_hint": "resource-5",
            "client_id": CLIENT_ID,
            "lti_deployment_id": DEPLOYMENT_ID,
        }))

    def _auth(self, req: Request) -> Response:
        q = {k: v[0] for k, v in req.query.items()}
        ok = (
            req.cookies.get("MoodleSession") == "lms-student"
            and q.get("scope") == "openid"
            and q.get("response_type") == "id_token"
            and q.get("response_mode") == "form_post"
            and q.get("prompt") == "none"
            and q.get("client_id") == CLIENT_ID
            and q.get("redirect_uri") == self.tool.url("/lti/launch")
            and q.get("login_hint") == "student-1"
            and q.get("state") and q.get("nonce")
        )
        if not ok:
            self.events.append("lms:auth-refused")
            return Response("<p id='autherror'>login_required</p>", status=400)
        self.events.append("lms:auth")
        claims = {
            "iss": self.lms.origin,
            "aud": CLIENT_ID,
            "sub": "student-1",
            "nonce": q["nonce"],
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
            "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT_ID,
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": self.tool.url("/lti/launch"),
            "https://purl.imsglobal.org/spec/lti/claim/custom": CUSTOM,
        }
        token = f"{_b64({'alg': 'RS256', 'kid': 'test'})}.{_b64(claims)}.not-signed"
        return Response(_autosubmit(q["redirect_uri"], {"id_token": token, "state": q["state"]}))

    # -- tool -------------------------------------------------------------------------------
    def _login(self, req: Request) -> Response:
        params = {k: v[0] for k, v in (parse_qs(req.body.decode()) if req.method == "POST" else req.query).items()}
        if params.get("iss") != self.lms.origin or params.get("client_id") != CLIENT_ID:
            self.events.append("tool:login-refused")
            return Response("<p>unknown platform</p>", status=400)
        self.events.append("tool:login")
        state, nonce = secrets.token_hex(8), secrets.token_hex(8)
        self._pending[state] = nonce
        auth = self.lms.url("/mod/lti/auth.php") + "?" + urlencode({
            "scope": "openid",
            "response_type": "id_token",
            "response_mode": "form_post",
            "prompt": "none",
            "client_id": CLIENT_ID,
            "redirect_uri": params.get("target_link_uri", ""),
            "login_hint": params.get("login_hint", ""),
            "lti_message_hint": params.get("lti_message_hint", ""),
            "state": state,
            "nonce": nonce,
        })
        return Response("", status=302, headers=[
            ("Location", auth),
            ("Set-Cookie", f"ltistate={state}; Path=/; Secure; HttpOnly; SameSite=None"),
        ])

    def _tool_launch(self, req: Request) -> Response:
        form = {k: v[0] for k, v in parse_qs(req.body.decode()).items()}
        state = form.get("state", "")
        if not state or req.cookies.get("ltistate") != state:
            self.events.append("tool:launch-state-mismatch")
            return Response("<p id='launcherror'>state cookie missing</p>", status=400)
        try:
            claims = _unb64(form.get("id_token", "..").split(".")[1])
        except (ValueError, IndexError):
            claims = {}
        if claims.get("nonce") != self._pending.pop(state, None):
            self.events.append("tool:launch-nonce-mismatch")
            return Response("<p id='launcherror'>nonce mismatch</p>", status=400)
        self.events.append("tool:launch")
        sid = secrets.token_hex(8)
        self._sessions[sid] = claims.get("https://purl.imsglobal.org/spec/lti/claim/custom", {})
        return Response("", status=303, headers=[
            ("Location", self.tool.url("/assessment")),
            ("Set-Cookie", f"toolsession={sid}; Path=/; Secure; HttpOnly; SameSite=None"),
        ])

    def _assessment(self, req: Request) -> Response:
        custom = self._sessions.get(req.cookies.get("toolsession", ""))
        if custom is None:
            self.events.append("tool:assessment-without-session")
            return Response("<p id='nosession'>no session</p>", status=401)
        self.events.append("tool:assessment")
        return Response(f"<p id='assessment'>Assessment {custom['exam']} for {custom['candidate']}</p>")


def origin_rule(server: Server) -> dict:
    """An allow rule for one test site (regex on its origin)."""
    import re

    return {"active": True, "regex": True, "expression": "^" + re.escape(server.origin + "/"), "action": 1}
