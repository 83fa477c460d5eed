"""SEB Server during the exam: pings, instructions, log events, notifications, the end
(spec §5.6–§8).

One job: keep the established connection alive while the exam runs, without ever blocking
the GUI or stopping the exam. Pings go out on their own one-shot timer, re-armed after each
answer (``pingInterval``, as SEB for Windows); an instruction's ``instruction-confirm`` rides
on the next ping. ``SEB_QUIT`` ends the exam without a password; ``SEB_FORCE_LOCK_SCREEN``
locks the session (``source="server"``); every lock screen is reported as a ``<lockscreen>``
notification and its end as ``NOTIFICATION_CONFIRMED``; ``NOTIFICATION_CONFIRM`` releases the
lock or lowers the hand. The raise-hand button lives in the taskbar. The log goes out as
``*_LOG`` events every 500 ms. A lost connection shows in the taskbar and the log; pings go on.
``close(then)`` sends the last log lines and ``DELETE handshake`` whichever way the exam ended,
at once and within a bounded time, with the screen-proctoring session closed alongside.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from launcher.server.errors import ServerError
from launcher.server.logforward import SENDER_THREAD
from launcher.exam_server.lane import Lane, closing

log = logging.getLogger(__name__)

LOG_FLUSH_MS = 500
MAX_PENDING_LOG_BATCHES = 20
LAST_LOGS_S = 4.0  # the last log lines at the end may take this long; then DELETE goes out



class ServerMonitor(QObject):
    """The connection of a running exam. Create after the session started, then ``start()``."""

    connectionChanged = Signal(bool)  # True: the exam server answers; False: it does not
    handChanged = Signal(bool)  # the hand is raised
    # What the exam server asks of the exam; the exam decides (ExamSession.follow_server, as SEB
    # for Windows' ServerResponsibility handles its server proxy's events)
    quitRequested = Signal()  # SEB_QUIT
    lockRequested = Signal(str)  # SEB_FORCE_LOCK_SCREEN, with the message for the student
    unlockRequested = Signal()  # NOTIFICATION_CONFIRM of the lock screen

    def __init__(self, client: Any, session: Any, server: Any, forwarder: Any = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.session = session
        self.server = server
        self.forwarder = forwarder
        self.ping_number = 0
        self.connected = True
        self.hand_raised = False
        self._confirm = ""
        self._notifications = 0  # N: counts raise-hand and lock-screen notifications from 1
        self._lock_n = 0
        self._hand_n = 0
        self._ending = False
        self._ping_lane = Lane("seb-server-ping", self)
        self._log_lane = Lane(SENDER_THREAD, self)
        self._control = Lane("seb-server-control", self)
        self._ping_timer = QTimer(self)
        self._ping_timer.setSingleShot(True)
        self._ping_timer.setInterval(max(100, int(server.ping_interval_ms)))
        self._ping_timer.timeout.connect(self._ping)
        self._log_timer = QTimer(self)
        self._log_timer.setInterval(LOG_FLUSH_MS)
        self._log_timer.timeout.connect(self._flush_logs)
        self.raise_hand_button: Any = None
        self.proctor: Any = None  # launcher.exam_server.proctoring.ScreenProctor while it runs
        self.user = ""  # the LMS user id sent as seb_user_session_id
        self._cookies_seen: set[tuple[str, str]] = set()

    def start(self) -> None:
        self._attach_session()
        self._ping_timer.start()
        if self.forwarder is not None:
            self._log_timer.start()
        log.info("Exam server monitoring started (ping every %d ms)", self._ping_timer.interval())

    def attach(self, session: Any) -> None:
        """The exam was reconfigured into a new session: keep the connection, follow the new one."""
        if self._ending or session is self.session:
            return
        old = self.session
        for signal, slot in ((old.locked, self._on_locked), (old.unlocked, self._on_unlocked)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        self._lock_n = 0
        self.raise_hand_button = None
        self._attach_session()
        self._show_hand(self.hand_raised)
        log.info("Exam server monitoring follows the reconfigured exam")

    def _attach_session(self) -> None:
        session = self.session
        session.follow_server(self)  # the exam decides what the server's requests mean
        session.locked.connect(self._on_locked)
        session.unlocked.connect(self._on_unlocked)
        if getattr(session, "is_locked", False):
            self._on_locked(getattr(session, "lock_source", ""), "")
        self._add_taskbar_items()
        self._watch_user()

    # -- pings -----------------------------------------------------------------------------
    def _ping(self) -> None:
        if self._ending:
            return
        self.ping_number += 1
        number, confirm = self.ping_number, self._confirm
        self._confirm = ""
        client = self.client

        def done(instruction: Any, error: BaseException | None) -> None:
            if self._ending:
                return
            if error is not None:
                if confirm and not self._confirm:
                    self._confirm = confirm  # not delivered: send it again
                self._set_connected(False, error)
            else:
                self._set_connected(True)
                if instruction is not None:
                    self._handle(instruction)
            if not self._ending:
                self._ping_timer.start()

        self._ping_lane.submit(lambda: client.ping(number, confirm), done)

    def _set_connected(self, ok: bool, error: BaseException | None = None) -> None:
        if ok == self.connected:
            if not ok:
                log.info("Still no answer from the exam server (ping %d)", self.ping_number)
            return
        self.connected = ok
        if ok:
            log.info("The exam server answers again")
        else:
            message = error.message if isinstance(error, ServerError) else type(error).__name__
            log.warning("Connection to the exam server lost (ping %d): %s", self.ping_number, message)
        taskbar = self._taskbar()
        if taskbar is not None and hasattr(taskbar, "set_server_state"):
            taskbar.set_server_state(
                "" if ok else QCoreApplication.translate(
                    "ServerMonitor", "No connection to the exam server. The exam goes on."),
                ok=ok)
        self.connectionChanged.emit(ok)

    # -- instructions ---------------------------------------------------------------------------
    def _handle(self, instruction: Any) -> None:
        if instruction.confirm:
            self._confirm = instruction.confirm
        name, attrs = instruction.name, instruction.attributes
        log.info("Instruction from the exam server: %s", name)
        if name == "SEB_QUIT":
            self.quitRequested.emit()
        elif name == "SEB_FORCE_LOCK_SCREEN":
            message = attrs.get("message") or QCoreApplication.translate(
                "ServerMonitor", "The exam supervisor has locked this exam.")
            self.lockRequested.emit(message)
        elif name == "NOTIFICATION_CONFIRM":
            kind = attrs.get("type", "")
            if kind == "lockscreen":
                self.unlockRequested.emit()
            elif kind == "raisehand":
                if self.hand_raised:
                    log.info("The exam supervisor answered the raised hand")
                self._hand_n = 0
                self._show_hand(False)
        elif name == "SEB_PROCTORING":
            self._proctoring(attrs)
        else:
            log.info("Instruction %s is not supported by this launcher; ignored", name)

    def _proctoring(self, attrs: Any) -> None:
        service, method = attrs.get("service-type", ""), attrs.get("method", "")
        if service != "SCREEN_PROCTORING":
            log.info("Live proctoring (%s) is not supported by this launcher; ignored", service or "?")
            return
        from launcher.exam_server import proctoring

        if method == "LEAVE":
            if self.proctor is not None:
                self.proctor.stop()
                self.proctor = None
            return
        if method != "JOIN":
            return
        if not proctoring.enabled(getattr(self.session, "settings", None)):
            log.info("Screen proctoring asked for, but the exam configuration does not enable it; ignored")
            return
        if self.proctor is not None:
            return
        from launcher.server.screen_proctoring import JoinInstruction

        try:
            join = JoinInstruction.from_attributes(attrs)
        except ServerError as exc:
            log.warning("%s", exc.message)
            return
        self.proctor = proctoring.ScreenProctor(
            self.session, join, timeout=max(1.0, self.server.timeout_ms / 1000), parent=self)
        self.proctor.start()

    # -- lock screen ---------------------------------------------------------------------------
    def _on_locked(self, source: str, reason: str) -> None:
        if self._ending or self._lock_n:
            return
        self._notifications += 1
        self._lock_n = self._notifications
        self._notify("NOTIFICATION", f"<lockscreen> {reason}".strip(), self._lock_n)

    def _on_unlocked(self, source: str) -> None:
        if self._ending or not self._lock_n:
            return
        n, self._lock_n = self._lock_n, 0
        self._notify("NOTIFICATION_CONFIRMED", "", n)

    # -- raise hand ------------------------------------------------------------------------------
    def raise_hand(self, message: str = "") -> None:
        if self.hand_raised or self._ending:
            return
        self._notifications += 1
        self._hand_n = self._notifications
        log.info("Hand raised")
        self._notify("NOTIFICATION", f"<raisehand> {message}".strip(), self._hand_n)
        self._show_hand(True)

    def lower_hand(self) -> None:
        if not self.hand_raised or self._ending:
            return
        n, self._hand_n = self._hand_n, 0
        log.info("Hand lowered")
        self._notify("NOTIFICATION_CONFIRMED", "", n)
        self._show_hand(False)

    def _hand_clicked(self) -> None:
        if self.hand_raised:
            self.lower_hand()
            return
        if not self.server_prompts_message():
            self.raise_hand()
            return
        from launcher.ui.server_dialogs import RaiseHandDialog

        dialog = RaiseHandDialog(getattr(self.session, "window", None))
        self.hand_dialog = dialog

        def sent() -> None:
            self.raise_hand(dialog.message())
            dialog.deleteLater()

        dialog.accepted.connect(sent)
        dialog.rejected.connect(dialog.deleteLater)
        dialog.open()

    def server_prompts_message(self) -> bool:
        settings = getattr(self.session, "settings", None)
        return bool(getattr(settings, "raise_hand_button_always_prompt_message", False))

    def _show_hand(self, raised: bool) -> None:
        self.hand_raised = raised
        taskbar = self._taskbar()
        if taskbar is not None and hasattr(taskbar, "set_hand_raised"):
            taskbar.set_hand_raised(raised)
        self.handChanged.emit(raised)

    def _add_taskbar_items(self) -> None:
        taskbar = self._taskbar()
        settings = getattr(self.session, "settings", None)
        if taskbar is None or not hasattr(taskbar, "add_raise_hand_button"):
            return
        if bool(getattr(settings, "raise_hand_button_show", True)):
            self.raise_hand_button = taskbar.add_raise_hand_button()
            taskbar.raiseHandClicked.connect(self._hand_clicked)

    def _taskbar(self) -> Any:
        if getattr(self.session, "ending", False):  # its windows are going away
            return None
        window = getattr(self.session, "window", None)
        return getattr(window, "taskbar", None)

    # -- the LMS user (seb_user_session_id) ----------------------------------------------------
    def _watch_user(self) -> None:
        page = getattr(self.session, "page", None)
        profile = getattr(self.session, "profile", None)
        if page is not None:
            page.urlChanged.connect(self._on_url)
        if profile is not None:
            profile.cookieStore().cookieAdded.connect(self._on_cookie)

    def _on_url(self, url: Any) -> None:
        from launcher.server.moodle import user_from_url

        user = user_from_url(url.toString())
        if user:
            self._user_found(user)

    def _on_cookie(self, cookie: Any) -> None:
        from launcher.server import moodle

        name = bytes(cookie.name()).decode("latin-1")
        if self._ending or not moodle.is_session_cookie(name):
            return
        value = bytes(cookie.value()).decode("latin-1")
        domain = cookie.domain().lstrip(".")
        if (domain, value) in self._cookies_seen or not domain:
            return
        self._cookies_seen.add((domain, value))
        from PySide6.QtCore import QUrl

        page = getattr(self.session, "page", None)
        candidates = [page.url(), page.requestedUrl()] if page is not None else []
        candidates.append(QUrl(str(getattr(getattr(self.session, "settings", None), "start_url", "") or "")))
        port = None
        secure = bool(cookie.isSecure())
        for url in candidates:  # the cookie names no port: take the exam page's
            if url.host() == domain:
                port = url.port() if url.port() > 0 else None
                secure = url.scheme() == "https"
                break
        from launcher.server.settings import ssl_context_for

        context = ssl_context_for(getattr(self.session, "settings", None)) if secure else None
        timeout = max(1.0, self.server.timeout_ms / 1000)

        def work() -> str:
            return moodle.fetch_user_id(secure=secure, host=domain, port=port, cookie=(name, value),
                                        timeout=timeout, ssl_context=context)

        def done(user: Any, error: BaseException | None) -> None:
            if user and error is None:
                self._user_found(user)

        self._control.submit(work, done)

    def _user_found(self, user: str) -> None:
        if self._ending or user == self.user:
            return
        self.user = user
        log.info("The exam page revealed the LMS user; telling the exam server")
        self._send_user()

    def _send_user(self) -> None:
        if self._ending or not self.user:
            return
        client, user = self.client, self.user

        def done(_r: Any, error: BaseException | None) -> None:
            if error is None or self._ending or user != self.user:
                return
            log.warning("The exam server did not take the LMS user: %s; trying again", error)
            QTimer.singleShot(max(100, int(self.server.attempt_interval_ms)), self._send_user)

        self._control.submit(lambda: client.send_user_session(user), done)

    # -- events ------------------------------------------------------------------------------------
    def _notify(self, kind: str, text: str, number: int) -> None:
        client = self.client
        attempts = max(1, int(self.server.attempts))

        def done(_r: Any, error: BaseException | None) -> None:
            if error is not None:
                log.warning("The exam server did not get a notification: %s", error)

        self._control.submit(lambda: client.send_event(kind, text, number, attempts=attempts), done)

    def _flush_logs(self) -> None:
        if self.forwarder is None or self._log_lane.pending() > MAX_PENDING_LOG_BATCHES:
            return
        items = self.forwarder.drain()
        if not items:
            return
        client = self.client
        self._log_lane.submit(lambda: _send_logs(client, items))

    # -- end -------------------------------------------------------------------------------------
    def close(self, then: Any) -> None:
        """The exam ended (any way): stop pings and logs; send the last log lines, then ``DELETE
        handshake``, at once on a lane of their own; close the screen-proctoring session at the
        same time (SEB Server closes it too when the connection closes); ``then()`` once both
        are done, or their waits (:data:`~launcher.exam_server.lane.DISCONNECT_WAIT_MS`,
        ``proctoring.CLOSE_WAIT_S``) passed — whatever the proctoring service does."""
        if self._ending:
            return
        self._ending = True
        self._ping_timer.stop()
        self._log_timer.stop()
        proctor, self.proctor = self.proctor, None
        log.info("Closing the connection to the exam server%s",
                 " and the screen proctoring session" if proctor is not None else "")
        last_logs: list[Any] = []  # what was logged since the last batch: why the exam ended
        if self.forwarder is not None:
            last_logs = self.forwarder.drain()
            self.forwarder.remove()
            self.forwarder = None
        ending = Lane("seb-server-end", self)  # nothing queued earlier delays the DELETE
        lanes = (self._ping_lane, self._log_lane, self._control, ending)
        client = self.client
        waiting = {"connection"}

        def part_done(part: str) -> None:
            waiting.discard(part)
            if not waiting:
                for lane in lanes:
                    lane.close()
                then()

        if proctor is not None:
            waiting.add("proctoring")
        work, done = closing(self, client, lambda: part_done("connection"))
        if last_logs:
            deadline = time.monotonic() + LAST_LOGS_S
            ending.submit(lambda: _send_logs(client, last_logs, deadline=deadline))
        ending.submit(work, done)
        if proctor is not None:
            proctor.stop(then=lambda: part_done("proctoring"))


def _send_logs(client: Any, items: list[Any], *, deadline: float | None = None) -> None:
    """One batch of log events (on a lane's worker thread); none started after ``deadline``."""
    for sent, (kind, stamp, text) in enumerate(items):
        if deadline is not None and time.monotonic() > deadline:
            log.info("%d last log line(s) not sent: the connection closes now", len(items) - sent)
            return
        try:
            client.send_event(kind, text, timestamp=stamp)
        except ServerError:
            return  # no retry (SEB for Windows): the rest of this batch is dropped
