"""A Moodle-like exam server for tests: login, the SEB quiz access rule, its key web service.

One job: behave, on the wire, as Moodle 4.x with its core SEB quiz access rule
(``mod/quiz/accessrule/seb``) does for a student, so the launcher can be tested against it:

- ``/login/index.php``: GET the login form (with a one-time ``logintoken``); POST it → a new
  ``MoodleSession`` cookie and **303** to the page that asked for the login (``wantsurl``) or
  ``/my/``.
- ``/mod/quiz/accessrule/seb/config.php?cmid=N``: needs a session (``require_login``: else 303 to
  the login page, remembering the URL); then the ``.seb`` with ``Content-Type: application/seb``.
- ``/mod/quiz/view.php?id=N``: needs a session; checks ``X-SafeExamBrowser-ConfigKeyHash`` (and
  ``X-SafeExamBrowser-RequestHash`` when browser exam keys are registered) against
  ``sha256(FULLME + key)``, FULLME being the full request URL (scheme, host, port, path, query).
  Refused: Moodle's "This quiz has been configured so that students may only attempt it using
  the Safe Exam Browser." page with the ``access_prevented`` event ("Invalid SEB config key")
  logged, and Moodle's JavaScript fallback: ``SafeExamBrowser.security.updateKeys`` then the
  ``quizaccess_seb_validate_quiz_keys`` web service with the page URL and the JS API's keys; if
  both are valid the session is granted access and the page reloads (``view.js allowAccess``).
- ``/lib/ajax/service.php``: Moodle's AJAX endpoint for that web service (JSON in, JSON out).

``events`` records what Moodle would log: ``("access_prevented", reason, url)`` and
``("key_ok", how, url)`` (how: ``headers`` or ``session``). ``key_checks`` records every header
check: ``(url, ok)``.
"""

from __future__ import annotations

import hashlib
import html
import json
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from .servers import Request, Response, Server

SEB_REQUIRED = (
    "This quiz has been configured so that students may only attempt it using the Safe Exam Browser."
)
INVALID_CONFIG_KEY = "Invalid SEB config key"
INVALID_BROWSER_KEY = "Invalid SEB browser key"


@dataclass
class _Session:
    user: str = ""
    wantsurl: str = ""
    seb_access: bool = False  # granted by the key web service (seb_access_manager::set_session_access)
    logintoken: str = ""


@dataclass
class MoodleLike:
    """Routes a Moodle-like site onto ``server``. ``config_key`` is the Config Key of
    ``seb_config`` (Moodle computes it from the config it generates); ``browser_exam_keys``
    are the quiz's "Allowed browser exam keys" (empty: not checked, Moodle's default)."""

    server: Server
    seb_config: bytes
    config_key: str
    cmid: int = 7
    browser_exam_keys: tuple[str, ...] = ()
    username: str = "student"
    password: str = "Secret-1"
    js_fallback: bool = True  # older Moodle (and other LMSs) have none
    guest_quiz: bool = False  # the quiz page is open to guests (no sign-in needed)
    # Moodle builds FULLME from its configured wwwroot: behind a proxy or with a wrong setting
    # that differs from the address the browser used (e.g. "https://moodle.example").
    wwwroot_setting: str = ""
    # For tests that cannot reach into the browser (a child process): the login page signs in
    # by itself, the quiz page goes to its exit link by itself.
    auto_login: bool = False
    auto_finish: bool = False
    events: list[tuple[str, str, str]] = field(default_factory=list)
    key_checks: list[tuple[str, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sessions: dict[str, _Session] = {}
        self._lock = threading.Lock()
        s = self.server
        s.route("/login/index.php", self._login)
        s.route("/mod/quiz/accessrule/seb/config.php", self._config)
        s.route("/mod/quiz/view.php", self._view)
        s.route("/lib/ajax/service.php", self._service)
        s.route("/my/", lambda r: self._page(r, "Dashboard", "<p id='dashboard'>Dashboard</p>"))
        s.route("/quit", "<p id='bye'>Bye</p>")

    # -- addresses ----------------------------------------------------------------------
    @property
    def wwwroot(self) -> str:
        return self.server.origin

    def quiz_url(self) -> str:
        return f"{self.wwwroot}/mod/quiz/view.php?id={self.cmid}"

    def config_url(self) -> str:
        return f"{self.wwwroot}/mod/quiz/accessrule/seb/config.php?cmid={self.cmid}"

    def seb_link(self) -> str:
        """What "Launch Safe Exam Browser" links to."""
        scheme = "sebs" if self.server.tls else "seb"
        return f"{scheme}://{self.server.host}:{self.server.port}/mod/quiz/accessrule/seb/config.php?cmid={self.cmid}"

    @property
    def refusals(self) -> list[str]:
        return [url for kind, _reason, url in self.events if kind == "access_prevented"]

    # -- sessions -----------------------------------------------------------------------
    def _session(self, req: Request) -> tuple[str, _Session, bool]:
        sid = req.cookies.get("MoodleSession", "")
        with self._lock:
            sess = self._sessions.get(sid)
            if sess is None:
                sid = secrets.token_hex(16)
                sess = self._sessions[sid] = _Session()
                return sid, sess, True
            return sid, sess, False

    @staticmethod
    def _cookie(sid: str) -> tuple[str, str]:
        return ("Set-Cookie", f"MoodleSession={sid}; Path=/; HttpOnly")

    def _redirect(self, url: str, sid: str, new: bool) -> Response:
        # Moodle's redirect(): 303 with a small page naming the target.
        body = f"<p>This page should automatically redirect. <a href='{html.escape(url)}'>Continue</a></p>"
        headers = [("Location", url)] + ([self._cookie(sid)] if new else [])
        return Response(body=body, status=303, headers=headers)

    def _require_login(self, req: Request) -> tuple[str, _Session, Response | None]:
        sid, sess, new = self._session(req)
        if sess.user:
            return sid, sess, None
        sess.wantsurl = req.url  # $SESSION->wantsurl = FULLME
        return sid, sess, self._redirect(f"{self.wwwroot}/login/index.php", sid, new)

    def _page(self, req: Request, title: str, body: str, extra: list[tuple[str, str]] | None = None) -> Response:
        return Response(
            body=f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><div id='region-main'>{body}</div></body></html>",
            headers=extra or [],
        )

    # -- routes -------------------------------------------------------------------------
    def _login(self, req: Request) -> Response:
        sid, sess, new = self._session(req)
        cookie = [self._cookie(sid)] if new else []
        if req.method == "POST":
            form = {k: v[0] for k, v in parse_qs(req.body.decode("utf-8", "replace")).items()}
            token_ok = bool(sess.logintoken) and secrets.compare_digest(form.get("logintoken", ""), sess.logintoken)
            sess.logintoken = ""  # one use
            if token_ok and form.get("username") == self.username and form.get("password") == self.password:
                # complete_user_login(): a new session id, the user signed in
                with self._lock:
                    self._sessions.pop(sid, None)
                    new_sid = secrets.token_hex(16)
                    self._sessions[new_sid] = _Session(user=self.username)
                target = sess.wantsurl or f"{self.wwwroot}/my/"
                return self._redirect(target, new_sid, True)
            error = "<p id='loginerrormessage'>Invalid login, please try again</p>"
        else:
            error = ""
        sess.logintoken = secrets.token_hex(16)
        form_html = (
            f"{error}<form id='login' method='post' action='{self.wwwroot}/login/index.php'>"
            f"<input type='hidden' name='logintoken' value='{sess.logintoken}'>"
            "<input id='username' name='username'><input id='password' name='password' type='password'>"
            "<button id='loginbtn' type='submit'>Log in</button></form>"
        )
        if self.auto_login and not error:
            form_html += (
                "<script>document.getElementById('username').value = " + json.dumps(self.username) + ";"
                "document.getElementById('password').value = " + json.dumps(self.password) + ";"
                "document.getElementById('login').submit();</script>"
            )
        return self._page(req, "Log in to the site", form_html, cookie)

    def _config(self, req: Request) -> Response:
        sid, sess, refused = self._require_login(req)
        if refused is not None:
            return refused
        return Response(
            body=self.seb_config,
            content_type="application/seb",
            headers=[("Content-Disposition", "attachment; filename=config.seb")],
        )

    def _keys_valid(self, url: str, config_hash: str | None, bek_hash: str | None) -> tuple[bool, bool]:
        """seb_access_manager::validate_config_key / validate_browser_exam_key."""
        ck_ok = bool(config_hash) and secrets.compare_digest(
            config_hash or "", hashlib.sha256((url + self.config_key).encode()).hexdigest()
        )
        if not self.browser_exam_keys:
            return ck_ok, True
        bek_ok = bool(bek_hash) and any(
            secrets.compare_digest(bek_hash or "", hashlib.sha256((url + k).encode()).hexdigest())
            for k in self.browser_exam_keys
        )
        return ck_ok, bek_ok

    def _view(self, req: Request) -> Response:
        cookie: list[tuple[str, str]] = []
        if self.guest_quiz:
            sid, sess, new = self._session(req)
            cookie = [self._cookie(sid)] if new else []
        else:
            sid, sess, refused = self._require_login(req)
            if refused is not None:
                return refused
        fullme = req.url.split("#", 1)[0]
        if self.wwwroot_setting:
            fullme = self.wwwroot_setting + req.target
        ck_ok, bek_ok = self._keys_valid(
            fullme,
            req.header("X-SafeExamBrowser-ConfigKeyHash"),
            req.header("X-SafeExamBrowser-RequestHash"),
        )
        with self._lock:
            self.key_checks.append((fullme, ck_ok and bek_ok))
        if ck_ok and bek_ok:
            self.events.append(("key_ok", "headers", fullme))
            return self._quiz(req, cookie)
        if sess.seb_access:
            self.events.append(("key_ok", "session", fullme))
            return self._quiz(req, cookie)
        reason = INVALID_CONFIG_KEY if not ck_ok else INVALID_BROWSER_KEY
        self.events.append(("access_prevented", reason, fullme))
        script = ""
        if self.js_fallback:
            script = f"""<script>
(function () {{
  if (!window.SafeExamBrowser) {{ return; }}
  function check() {{
    var s = window.SafeExamBrowser.security;
    var call = [{{index: 0, methodname: 'quizaccess_seb_validate_quiz_keys',
      args: {{cmid: {self.cmid}, url: window.location.href, configkey: s.configKey, browserexamkey: s.browserExamKey}}}}];
    fetch('{self.wwwroot}/lib/ajax/service.php', {{method: 'POST', credentials: 'same-origin',
      headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify(call)}})
      .then(function (r) {{ return r.json(); }})
      .then(function (res) {{
        var d = res[0].data;
        if (d.configkey && d.browserexamkey) {{ window.location.reload(); }}
        else {{ document.getElementById('seb-check').textContent = 'The config key or browser exam keys could not be validated.'; }}
      }});
  }}
  window.SafeExamBrowser.security.updateKeys(check);
}})();
</script>"""
        body = f"<p id='sebrequired'>{SEB_REQUIRED}</p><p id='seb-check'></p>{script}"
        return self._page(req, "Quiz 1", body, cookie)

    def _quiz(self, req: Request, cookie: list[tuple[str, str]] | None = None) -> Response:
        return self._page(
            req,
            "Quiz 1",
            "<h2 id='quiz'>Quiz 1</h2><form method='post' action='/mod/quiz/startattempt.php'>"
            "<button id='attempt'>Attempt quiz now</button></form>"
            f"<a id='exit' href='{self.wwwroot}/quit'>Exit Safe Exam Browser</a>"
            + ("<script>setTimeout(function () { document.getElementById('exit').click(); }, 200);</script>"
               if self.auto_finish else ""),
            cookie,
        )

    def _service(self, req: Request) -> Response:
        sid, sess, new = self._session(req)
        try:
            calls = json.loads(req.body or b"[]")
        except ValueError:
            calls = []
        out: list[dict[str, Any]] = []
        for call in calls:
            if call.get("methodname") != "quizaccess_seb_validate_quiz_keys" or not (sess.user or self.guest_quiz):
                out.append({"error": True, "exception": {"message": "Access denied"}})
                continue
            args = call.get("args", {})
            ck_ok, bek_ok = self._keys_valid(str(args.get("url", "")), args.get("configkey"), args.get("browserexamkey"))
            if not ck_ok:
                self.events.append(("access_prevented", INVALID_CONFIG_KEY + " (web service)", str(args.get("url"))))
            if ck_ok and bek_ok:
                sess.seb_access = True
            out.append({"error": False, "data": {"configkey": ck_ok, "browserexamkey": bek_ok}})
        return Response(body=json.dumps(out), content_type="application/json")


def moodle_config(site_root: str, cmid: int = 7, **extra: Any) -> dict[str, Any]:
    """Settings as Moodle's SEB rule generates them for a quiz ("Configure manually")."""
    settings: dict[str, Any] = {
        "startURL": f"{site_root}/mod/quiz/view.php?id={cmid}",
        "sendBrowserExamKey": True,
        "examSessionClearCookiesOnStart": False,
        "allowQuit": True,
        "quitURL": f"{site_root}/quit",
        "quitURLConfirm": False,
        "allowPreferencesWindow": False,
        "browserWindowWebView": 3,
        "allowVirtualMachine": True,
    }
    settings.update(extra)
    return settings


def moodle_config_key(settings: dict[str, Any]) -> str:
    """The Config Key as Moodle computes it (``property_list::to_json``): SEB-JSON order and form,
    but strings through PHP's ``json_encode(JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE)`` —
    ``"`` as ``\\"`` and control characters as ``\\n``, ``\\u001f`` … — with backslashes kept raw
    (Moodle swaps them for a placeholder around the encoding). Equal to SEB's key for every
    configuration without a quote or a control character in a value."""
    import hashlib

    from launcher.config.keys import seb_json

    marker = "\ue000"

    def encoded(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: encoded(v) for k, v in value.items()}
        if isinstance(value, list):
            return [encoded(v) for v in value]
        if isinstance(value, str):
            text = json.dumps(value.replace("\\", marker), ensure_ascii=False)[1:-1]
            return text.replace(marker, "\\")
        return value

    return hashlib.sha256(seb_json(encoded(settings)).encode("utf-8")).hexdigest()


def make_moodle(server: Server, *, cmid: int = 7, **kwargs: Any) -> MoodleLike:
    """A Moodle-like site on ``server`` serving :func:`moodle_config` for quiz ``cmid``
    (``settings=`` adds settings; other keywords go to :class:`MoodleLike`), with the Config Key
    Moodle computes for it (:func:`moodle_config_key`)."""
    from launcher.config import plist

    settings = moodle_config(server.origin, cmid, **kwargs.pop("settings", {}))
    return MoodleLike(server, plist.dumps(settings), moodle_config_key(settings), cmid=cmid, **kwargs)
