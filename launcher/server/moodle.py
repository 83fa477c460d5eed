"""Who is taking the exam, as Moodle reveals it (spec §5.6) — for ``seb_user_session_id``.

One job: find the Moodle user id the way SEB for Windows' Moodle integration does
(``SafeExamBrowser.Browser/Integrations/MoodleIntegration.cs``): a navigation to
``/login/index.php?testsession=<id>`` names it, or, once a ``MoodleSession`` cookie exists,
``GET /mod/quiz/accessrule/sebserver/classes/external/user.php`` (SEB Server's Moodle plugin,
then ``/theme/boost_ethz/sebuser.php``) on the cookie's host answers the id as a positive
integer. Blocking (``fetch_user_id``): run it off the GUI thread.
"""

from __future__ import annotations

import http.client
import logging
import ssl
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)

SESSION_COOKIE = "MoodleSession"
PATHS = ("/mod/quiz/accessrule/sebserver/classes/external/user.php", "/theme/boost_ethz/sebuser.php")


def user_from_url(url: str) -> str:
    """The user id in a ``/login/index.php?testsession=<id>`` URL, else ''."""
    parts = urlsplit(url)
    if not parts.path.endswith("/login/index.php"):
        return ""
    value = parse_qs(parts.query).get("testsession", [""])[0]
    return value if value.isdigit() and int(value) > 0 else ""


def is_session_cookie(name: str) -> bool:
    return SESSION_COOKIE in name


def fetch_user_id(
    *, secure: bool, host: str, port: int | None, cookie: tuple[str, str], timeout: float = 10.0,
    ssl_context: ssl.SSLContext | None = None,
) -> str:
    """Ask Moodle who owns the session cookie; '' when neither endpoint answers an id."""
    for path in PATHS:
        if secure:
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=ssl_context or ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Cookie": f"{cookie[0]}={cookie[1]}", "Connection": "close"})
            resp = conn.getresponse()
            body = resp.read(64).decode("ascii", "replace").strip()
        except (OSError, http.client.HTTPException) as exc:
            log.info("Moodle user lookup at %s failed: %s", path, type(exc).__name__)
            continue
        finally:
            conn.close()
        if resp.status == 200 and body.isdigit() and int(body) > 0:
            return body
        if resp.status != 404:
            log.info("Moodle user lookup at %s answered HTTP %d", path, resp.status)
    return ""
