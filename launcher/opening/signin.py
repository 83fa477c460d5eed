"""Sign-in before the configuration: the launcher's browser for a link that answered a web page.

One job: when a ``seb(s)://`` or ``http(s)://`` configuration link answers with a web page (a
login form: Moodle's ``config.php`` without a session), show that page as SEB for Windows does,
in a browser with SEB's default settings — no URL filter, no exam's keys (no SEB headers), the
taskbar with its quit button — and hand the configuration the site then delivers (a ``.seb``
download, a navigation answered with ``application/seb``, or a ``seb(s)://`` link) back to the
open flow through ``reconfigureRequested``, as a running exam does.

Cookies: the exam that follows starts with this browser's cookies (the student stays signed
in) unless its configuration clears cookies at start (``examSessionClearCookiesOnStart``, SEB's
default; SEB for Windows deletes the browser's cookies when a session starts with it set, so the
student signs in again inside the exam). Moodle's generated configurations set it to false.
Closing this browser with the quit button cancels the open (exit code 3). When a lockdown check
refuses the exam the site delivered, this browser ends with it (:func:`end_after_refusal`): the
open ends with the refusal's exit code 4, as for an exam file.

The browser engine starts with this browser, with SEB's default settings: no remote debugging
(``launcher.browser.engine_env``), whatever the exam that follows allows.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QNetworkCookie

from launcher.exam.session import ExamSession

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)


class SignInSession(ExamSession):
    """The sign-in browser for ``url`` (an ``http(s)`` URL): an exam session with SEB's default
    settings that accepts any configuration the site delivers."""

    def __init__(self, url: str, *, parent: QObject | None = None) -> None:
        from launcher.config.keys import ExamKeys
        from launcher.config.settings import Settings

        raw = {"startURL": url}
        super().__init__(None, Settings.from_dict(raw), ExamKeys.for_settings(raw), parent=parent)
        self._cookies: dict[tuple[bytes, str, str], QNetworkCookie] = {}
        self.downloads.accept_any_configuration = True  # this browser is here to receive one

    def start(self) -> None:
        from launcher.browser import engine_env

        engine_env.allow_for_exam(self.settings)  # the engine starts here, with SEB's defaults
        super().start()
        assert self.profile is not None
        store = self.profile.cookieStore()
        store.cookieAdded.connect(self._cookie_added)
        store.cookieRemoved.connect(self._cookie_removed)
        log.info("showing the site's sign-in page; the configuration it delivers opens the exam")

    @staticmethod
    def _key(cookie: QNetworkCookie) -> tuple[bytes, str, str]:
        return bytes(cookie.name().data()), cookie.domain(), cookie.path()

    def _cookie_added(self, cookie: QNetworkCookie) -> None:
        self._cookies[self._key(cookie)] = QNetworkCookie(cookie)

    def _cookie_removed(self, cookie: QNetworkCookie) -> None:
        self._cookies.pop(self._key(cookie), None)

    def cookies(self) -> list[QNetworkCookie]:
        """The cookies this browser holds now (the site's session)."""
        return list(self._cookies.values())


def cookies_for_exam(previous: ExamSession, settings: Settings) -> list[QNetworkCookie]:
    """The cookies the exam that replaces ``previous`` starts with: the sign-in browser's,
    unless the exam clears cookies at start (SEB for Windows' ``DeleteCookiesOnStartup``)."""
    if not isinstance(previous, SignInSession):
        return []
    if settings.clear_cookies_on_start:
        log.info("the exam clears cookies at start: the sign-in is not carried over")
        return []
    cookies = previous.cookies()
    log.info("the exam starts with the sign-in browser's cookies (%d)", len(cookies))
    return cookies


def end_after_refusal(session: ExamSession | None) -> bool:
    """End ``session`` when it is the sign-in browser and a lockdown check refused the exam it
    delivered (the exam cannot run on this computer, so nothing is left to sign in for).
    Returns whether it was ended; a running exam (being reconfigured) is left alone."""
    if not isinstance(session, SignInSession):
        return False
    for name in ("finished", "reconfigureRequested"):
        try:
            getattr(session, name).disconnect()
        except (RuntimeError, TypeError):
            pass
    log.info("the exam the site delivered was refused by a lockdown check: closing the sign-in browser")
    session.quit("the exam it delivered was refused by a lockdown check")
    return True
