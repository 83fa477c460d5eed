"""Connecting to SEB Server before the exam: from a ``sebMode`` 1 configuration to a running,
server-managed exam (spec §2–§5, §8).

One job: run the handshake off the GUI thread (discovery, token, handshake, exam choice,
exam configuration, exam selection, establish), show progress, let the student pick the exam
when the configuration names none, then hand the downloaded configuration up (``examReady``;
the open flow runs it with :meth:`ServerConnect.adjust`: the exam's URL as start URL, the
server settings kept and the server's Browser Exam Key when it sent one). A failure offers
Retry / Fallback (only with ``sebServerFallback``, after its password when one is set) / Abort.
Once the exam runs, :class:`launcher.exam_server.monitor.ServerMonitor` takes over the
connection (``monitoring``). Signals up, calls down: the open flow that made this decides what
each outcome means.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject, Signal

from launcher.server.errors import ServerError
from launcher.server.settings import ssl_context_for
from launcher.exam_server.lane import Lane, closing

if TYPE_CHECKING:
    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.session import ExamSession
    from launcher.exam_server.monitor import ServerMonitor
    from launcher.server.client import Exam, ExamApiClient
    from launcher.server.logforward import LogForwarder
    from launcher.server.settings import ServerSettings
    from PySide6.QtWidgets import QDialog

    from launcher.ui.server_dialogs import ConnectingDialog

log = logging.getLogger(__name__)

# What the open flow calls on the exam a SEB Server sent, before its session starts:
# (loaded, settings, keys) -> (settings, keys) the exam runs with.
Adjust = Callable[["LoadedConfig", "Settings", "ExamKeys"], "tuple[Settings, ExamKeys]"]

# settings of the connection configuration the exam keeps (SEB for Windows keeps them too)
SERVER_KEYS = (
    "sebMode", "sebServerURL", "sebServerConfiguration", "sebServerFallback",
    "sebServerFallbackAttempts", "sebServerFallbackAttemptInterval", "sebServerFallbackTimeout",
    "sebServerFallbackPasswordHash",
)



class ServerConnect(QObject):
    """One connection attempt, owned by the open flow (its ``server``) until the exam runs.
    ``start(previous)`` returns whether it started (False: ``failed`` was emitted)."""

    failed = Signal(object)  # the ServerError: opening ends with it (no screen to offer a choice)
    cancelled = Signal(str)  # the step the student cancelled at
    fallbackChosen = Signal()  # start the configuration's own exam, without the exam server
    examReady = Signal(bytes, str)  # the exam configuration and where it came from: run it (adjust)
    monitoring = Signal(object)  # the ServerMonitor that now holds the running exam's connection

    def __init__(self, loaded: LoadedConfig, settings: Settings, keys: ExamKeys, *, interactive: bool,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interactive = interactive
        self.loaded = loaded
        self.settings = settings
        self.keys = keys
        self.server: ServerSettings | None = None
        self.client: ExamApiClient | None = None
        self.exam: Exam | None = None
        self.dialog: QDialog | None = None  # the dialog up now (tests drive it)
        self.progress: ConnectingDialog | None = None  # the ConnectingDialog while it is up
        self.lane = Lane("seb-server", self)
        self.forwarder: LogForwarder | None = None
        self._cancel = threading.Event()
        self._stopped = False

    @property
    def _server(self) -> ServerSettings:
        """The exam server's settings: read by :meth:`start` before any step that asks."""
        if self.server is None:
            raise RuntimeError("the exam server connection has not started")
        return self.server

    @property
    def _client(self) -> ExamApiClient:
        """The Exam API client: made by the first connection step."""
        if self.client is None:
            raise RuntimeError("the exam server connection has not started")
        return self.client

    # -- start -------------------------------------------------------------------------
    def start(self, previous: ServerConnect | ServerMonitor | None = None) -> bool:
        from launcher.server.logforward import LogForwarder
        from launcher.server.settings import ServerSettings

        try:
            self.server = ServerSettings.from_raw(self.loaded.settings)
        except ServerError as exc:
            self.failed.emit(exc)
            return False
        if previous is not None and previous is not self:  # a running server exam is replaced
            previous.close(_nothing)
        self.forwarder = LogForwarder().install()
        log.info("Connecting to the exam server %s", _host(self.server.url))
        if self.interactive:
            from launcher.ui.server_dialogs import ConnectingDialog

            dialog = ConnectingDialog(_host(self.server.url))
            dialog.cancelRequested.connect(self._abort)
            self.progress = dialog
            dialog.open()
        else:
            self.progress = None
        self._connect()
        return True

    def _step(self, text: str) -> None:
        if self.progress is not None:
            self.progress.set_step(text)

    def _connect(self) -> None:
        from launcher.server.client import ExamApiClient

        old = self.client
        if old is not None and old.connection_token:
            self.lane.submit(lambda: _quietly(old.disconnect, attempts=1))
        self._cancel.clear()
        client = ExamApiClient(self._server, ssl_context=ssl_context_for(self.settings), cancelled=self._cancel)
        self.client = client
        exam_id = self._server.exam
        self._step(QCoreApplication.translate("ServerFlow", "Looking for the exam…"))

        def work() -> Any:
            client.discover()
            client.fetch_token()
            return client.create_connection(exam_id)

        self.lane.submit(work, self._exams)

    def _exams(self, exams: list[Exam], error: BaseException | None) -> None:
        if self._stopped:
            return
        if error is not None:
            self._failed(error)
            return
        log.info("The exam server offers %d exam(s)", len(exams))
        if self._server.exam:
            self._load(exams[0])  # the server answered with the one exam asked for
            return
        if not self.interactive:
            self._failed(ServerError(
                "This configuration names no exam and there is no screen to choose one.",
                detail=f"{len(exams)} exams offered", step="exam list", kind="no-exam-chosen"))
            return
        from launcher.ui.server_dialogs import ExamListDialog

        self._close_progress()  # the list is the one dialog up: nothing modal behind it
        dialog = ExamListDialog(exams)
        self.dialog = dialog

        def chosen() -> None:
            self.dialog = None
            exam = dialog.chosen()
            dialog.deleteLater()
            if exam is None:
                self._abort()
            else:
                self._load(exam)

        def cancelled() -> None:
            self.dialog = None
            dialog.deleteLater()
            self._abort()

        dialog.accepted.connect(chosen)
        dialog.rejected.connect(cancelled)
        dialog.open()

    def _load(self, exam: Exam) -> None:
        from launcher.config.keys import app_signature

        self.exam = exam
        client = self._client
        log.info("Exam chosen: %s (id %s)", exam.name, exam.id)
        if self.progress is None:
            self.start_progress_again()
        self._step(QCoreApplication.translate("ServerFlow", "Downloading the exam configuration…"))

        def work() -> bytes:
            data = client.exam_configuration(exam)
            client.select_exam(exam)
            client.establish(app_signature())
            return data

        self.lane.submit(work, self._loaded)

    def _loaded(self, data: bytes, error: BaseException | None) -> None:
        if self._stopped:
            return
        if error is not None:
            self._failed(error)
            return
        log.info("Connected to the exam server; starting the exam%s",
                 " with the server's Browser Exam Key" if self._client.server_bek else "")
        self._close_progress()
        self.examReady.emit(data, f"{_host(self._server.url)} (exam server)")

    def adjust(self, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> tuple[Settings, ExamKeys]:
        """The downloaded exam, with the exam's URL as start URL and the server settings kept."""
        from launcher.config.settings import Settings

        raw = dict(loaded.settings)
        if self.exam is not None and self.exam.url:
            raw["startURL"] = self.exam.url
        for key in SERVER_KEYS:
            if key in self.loaded.settings:
                raw[key] = self.loaded.settings[key]
            else:
                raw.pop(key, None)
        new_settings = Settings.from_dict(raw)
        if self.client is not None and self.client.server_bek:
            keys = keys.with_bek(self.client.server_bek)
        return new_settings, keys

    def hand_over(self, session: ExamSession) -> ServerMonitor:
        """The exam it delivered runs as ``session``: the monitor takes the connection over
        (``monitoring``), and this attempt is done."""
        from launcher.exam_server.monitor import ServerMonitor

        monitor = ServerMonitor(self.client, session, self.server, self.forwarder, parent=self.parent())
        self.forwarder = None
        self._stopped = True
        self.lane.close()
        self.monitoring.emit(monitor)
        monitor.start()
        return monitor

    # -- failures ----------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ServerError):
            log.error("Unexpected error while connecting to the exam server", exc_info=error)
            error = ServerError(detail=f"{type(error).__name__}: {error}")
        step = f" ({error.step})" if getattr(error, "step", "") else ""
        log.error("Exam server connection failed%s: %s%s", step, error.message,
                  f" [{error.detail}]" if error.detail else "")
        if not self.interactive:
            self.failed.emit(error)
            return
        from launcher.ui.server_dialogs import FALLBACK, RETRY, ServerFailureDialog
        from launcher.ui.server_messages import server_detail_for, server_message_for

        self._close_progress()
        dialog = ServerFailureDialog(server_message_for(error), server_detail_for(error),
                                     fallback=self._server.fallback)
        self.dialog = dialog

        def answered(_result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if dialog.choice == RETRY:
                log.info("Retrying the connection to the exam server")
                self.start_progress_again()
                self._connect()
            elif dialog.choice == FALLBACK:
                self._ask_fallback(error)
            else:
                self._abort()

        dialog.finished.connect(answered)
        dialog.open()

    def start_progress_again(self) -> None:
        if self.interactive:
            from launcher.ui.server_dialogs import ConnectingDialog

            dialog = ConnectingDialog(_host(self._server.url))
            dialog.cancelRequested.connect(self._abort)
            self.progress = dialog
            dialog.open()

    def _ask_fallback(self, error: ServerError) -> None:
        hashed = self._server.fallback_password_hash
        if not hashed:
            self._fallback()
            return
        from launcher.config.passwords import check_password
        from launcher.ui.quit_dialog import QuitPasswordDialog

        dialog = QuitPasswordDialog(
            hashed, check_password,
            title=QCoreApplication.translate("ServerFlow", "Fallback password"),
            prompt=QCoreApplication.translate(
                "ServerFlow", "Enter the fallback password to start the exam without the exam server:"),
        )
        self.dialog = dialog

        def given() -> None:
            self.dialog = None
            dialog.deleteLater()
            self._fallback()

        def refused() -> None:
            self.dialog = None
            dialog.deleteLater()
            self._failed(error)

        dialog.accepted.connect(given)
        dialog.rejected.connect(refused)
        dialog.open()

    def _fallback(self) -> None:
        """A normal exam on the configuration's ``startURL``, without the exam server."""
        log.warning("Fallback: starting the exam without the exam server")
        self._stopped = True
        self._release(_nothing)
        self.fallbackChosen.emit()

    def _abort(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._cancel.set()
        self._close_progress()
        self.cancelled.emit("exam server")

    def _close_progress(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.hide()
            progress.deleteLater()

    # -- end ------------------------------------------------------------------------------
    def close(self, then: Callable[[], None]) -> None:
        """The open flow ends before an exam ran: close the connection (``DELETE``), then ``then()``."""
        self._stopped = True
        self._cancel.set()
        self._close_progress()
        self._release(then)

    def _release(self, then: Callable[[], None]) -> None:
        if self.forwarder is not None:
            self.forwarder.remove()
            self.forwarder = None
        client = self.client
        if client is None or not client.connection_token:
            self.lane.close()
            then()
            return
        work, done = closing(self, client, then)
        self.lane.submit(work, done)
        self.lane.close()


def _nothing() -> None:
    """Nothing more to do once a connection is closed."""


def _quietly(fn: Any, **kw: Any) -> None:
    try:
        fn(**kw)
    except Exception as exc:
        log.info("Closing the earlier connection failed: %s", exc)


def _host(url: str) -> str:
    return urlsplit(url).netloc.rpartition("@")[2] or url
