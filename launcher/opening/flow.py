"""The open flow: from what the user opened to a running exam session, or a clear error.

One job: source (path, ``file://``, ``seb(s)://``, ``http(s)://``) -> bytes (``launcher.opening.fetch``)
-> ``read_config`` (asking for the password, three tries) -> ``Settings`` -> ``ExamKeys`` ->
``ExamSession``. Nothing of the exam appears until the configuration is fully read and keyed;
every failure is one log line plus one readable dialog, and ends with a non-zero exit code.
While an exam runs, a reconfiguration request is read the same way and replaces the session
only once the new configuration is complete (a failed one leaves the running exam alone).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from launcher.config.errors import (
    ConfigError,
    DamagedFile,
    NoIdentity,
    PasswordRequired,
    ServerSentWebPage,
    WrongPassword,
)
from launcher.exit_codes import EXIT_CANCELLED, EXIT_ERROR, EXIT_OK, EXIT_REFUSED, signalled
from launcher.opening import sources

if TYPE_CHECKING:  # typing only: nothing more on the exam's start path
    from PySide6.QtWidgets import QDialog, QWidget

    from launcher.config.container import LoadedConfig
    from launcher.config.identities import IdentityProvider
    from launcher.ui.dialogs import PasswordDialog
    from launcher.config.keys import ExamKeys
    from launcher.lockdown.machine import Machine
    from launcher.config.settings import Settings
    from launcher.opening.client_config import ClientConfiguration
    from launcher.opening.head_start import HeadStart
    from launcher.lockdown.start_checks import StartFindings
    from launcher.exam.session import ExamSession
    from launcher.exam_server.connect import Adjust, ServerConnect
    from launcher.exam_server.monitor import ServerMonitor

log = logging.getLogger(__name__)

PASSWORD_TRIES = 3


class ExamOpener(QObject):
    """Opens one exam at a time and reports the process exit code through ``finished``.

    ``interactive=False`` (no screen: offscreen/minimal platforms) shows no dialogs: errors are
    logged and reported through ``failed`` and a password-protected file fails at once.
    ``session_factory`` defaults to :class:`launcher.exam.session.ExamSession`.
    """

    finished = Signal(int)  # exit code: the exam ended (0) or could not start
    sessionStarted = Signal(object)  # the ExamSession, right after its start() (first load)
    failed = Signal(object)  # the ConfigError that was shown
    clientConfigured = Signal()  # a client configuration (sebConfigPurpose 1) was applied

    def __init__(
        self,
        *,
        interactive: bool = True,
        fetch_options: sources.FetchOptions | None = None,
        session_factory: Callable[[LoadedConfig, Settings, ExamKeys], ExamSession] | None = None,
        identities: IdentityProvider | None = None,
        machine: Machine | None = None,
        engine_first: bool = False,
        head_start: HeadStart | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        from launcher.app import gui_thread

        gui_thread.install()  # an ended exam's Qt objects are freed on this thread only
        self.machine = machine  # launcher.lockdown.machine.Machine; None: this computer
        # the first exam's engine starts while its checks run on a worker (opening.exam_start)
        self.engine_first = engine_first
        self._head_start = head_start  # the first file, read and checked while Qt loaded
        self._found_early: tuple[Settings, StartFindings] | None = None
        self.interactive = interactive
        self.fetch_options = fetch_options or sources.FetchOptions()
        self.session_factory = session_factory
        self._identities = identities
        self.session: ExamSession | None = None
        self.exit_code: int | None = None
        self._signalled: int | None = None  # exit code once the system asked us to end
        self.dialog: QDialog | None = None  # the dialog currently up (password, download or error)
        self._data = b""
        self.origin = ""
        self._tries_left = PASSWORD_TRIES
        self._client_hash_tried = False
        self._password_used: str | None = None
        self._client: ClientConfiguration | None = None  # a client configuration being applied
        self._as_exam = False
        self._busy = False
        self.server: ServerConnect | ServerMonitor | None = None  # SEB Server connection
        self._server_start: Adjust | None = None

    # -- entry points -------------------------------------------------------------------------
    def open(self, text: str, *, as_exam: bool = False) -> None:
        """Open a path or link as the user gave it. ``as_exam`` runs a client configuration
        as the exam instead of storing it (this computer's own client settings file)."""
        if self._busy:
            log.warning("Still opening another configuration; ignoring %s", sources.for_log(text))
            return
        self._busy = True
        self._as_exam = as_exam
        head, self._head_start = self._head_start, None
        try:
            source = sources.classify(text)
            early = head.take(source.value) if head is not None and source.kind == "file" else None
            if head is not None and early is None:
                head.discard()  # another path or a link: its process is not left behind
            if early is not None and early.loaded is not None:
                self._data, self.origin = early.data or b"", source.value
                if early.findings is not None and self.machine is None:
                    self._found_early = (early.settings, early.findings)
                self._opened(early.loaded, early.settings, early.keys)
            elif source.kind == "file":
                data = early.data if early is not None and early.data is not None else (
                    sources.read_local(source.value, max_bytes=self.fetch_options.max_bytes))
                self.read(data, source.value)
            else:
                self._download_config(source.value)
        except ConfigError as exc:
            if head is not None:
                head.discard()
            self.fail(exc)

    def open_bytes(self, data: bytes, origin: str = "") -> None:
        """Open configuration bytes that are already here (e.g. the demo's, or a download the
        kiosk made when the exam asked to reconfigure)."""
        if self._busy:
            log.warning("Still opening another configuration; ignoring more data")
            return
        self._busy = True
        self._as_exam = False
        self.read(data, origin)

    def open_server_exam(self, data: bytes, origin: str, adjust: Adjust) -> None:
        """Open the exam configuration a SEB Server sent; ``adjust(loaded, settings, keys)``
        gives the settings and keys the exam runs with (``launcher.exam_server.connect``)."""
        self._busy = True
        self._as_exam = True
        self._server_start = adjust
        self.read(data, origin)

    def request_reconfigure(self, url: str, data: bytes = b"") -> None:
        """The running exam asked to load another configuration (``reconfigureRequested``).

        Whether that is allowed (spec §7) is the kiosk's decision before it asks."""
        log.info("Exam asked to load another configuration from %s", sources.for_log(url))
        if data:
            self.open_bytes(data, url)
        else:
            self.open(url)

    # -- download -------------------------------------------------------------------------------
    def _download_config(self, url: str) -> None:
        from launcher.opening.fetch import download_for  # QtNetwork's machinery: only for links

        download_for(self, url)

    def sign_in(self, url: str) -> None:
        """Show the page the link answered in the sign-in browser; the configuration the site
        then delivers arrives as a reconfiguration request. Quitting it cancels (exit 3)."""
        from PySide6.QtCore import Qt  # (its enums are kept off the exam's start path)

        from launcher.opening.signin import SignInSession

        log.info("The link answered with a web page; showing it so the student can sign in")
        session = SignInSession(url)
        self.session = session
        session.finished.connect(self._sign_in_ended)
        # queued: the sign-in browser (and its download) is ended only after its signal returned
        session.reconfigureRequested.connect(self.request_reconfigure, Qt.ConnectionType.QueuedConnection)
        self._busy = False
        try:
            session.start()
        except Exception as exc:
            log.exception("The sign-in browser could not be started")
            from launcher.opening.exam_start import disconnect

            disconnect(session)
            self.session = None
            self.fail(ServerSentWebPage(detail=f"{type(exc).__name__}: {exc}"))
            return
        self.sessionStarted.emit(session)

    # -- reading, with passwords ----------------------------------------------------------------
    def read(self, data: bytes, origin: str) -> None:
        """Read configuration bytes (asking for a password when needed), then start or apply."""
        self._data = data
        self.origin = origin
        self._tries_left = PASSWORD_TRIES
        self._client_hash_tried = False
        self._password_used = None
        self._attempt(None)

    def _read_config(self, password: str | None, hashed: str | None = None) -> LoadedConfig:
        from launcher.config.container import read_config

        try:
            return read_config(self._data, password=password, hashed_password=hashed,
                               identities=self._identities)
        except NoIdentity:
            if self._identities is not None:
                raise
            # Certificate-encrypted: only now open the OS keyring (slow, not on the plain path).
            from launcher.config.identities import IdentityStore

            self._identities = IdentityStore()
            return read_config(self._data, password=password, hashed_password=hashed,
                               identities=self._identities)

    def _attempt(self, password: str | None) -> None:
        try:
            try:
                loaded = self._read_config(password)
            except PasswordRequired as exc:
                # A client file (pwcc): first the admin password of this computer's client
                # settings, as SEB does; only then ask the person.
                hashed = self._client_admin_hash() if exc.for_client and password is None else ""
                if not hashed:
                    raise
                try:
                    loaded = self._read_config(None, hashed)
                except (PasswordRequired, WrongPassword):
                    raise exc from None
            self._password_used = password
        except PasswordRequired as exc:
            self._ask_password(exc.for_client, wrong=False)
            return
        except WrongPassword as exc:
            if password is None:
                self.fail(exc)
                return
            self._tries_left -= 1
            log.warning("Wrong configuration password (%d tries left)", self._tries_left)
            if self._tries_left > 0:
                self._ask_password(exc.for_client, wrong=True)
            else:
                self.fail(exc)
            return
        except ConfigError as exc:
            self.fail(exc)
            return
        except Exception as exc:  # a bug or an input the core did not foresee: fail closed
            log.exception("Unexpected error while reading the configuration")
            self.fail(DamagedFile(detail=f"{type(exc).__name__}: {exc}"))
            return
        try:
            settings, keys = self._settings_and_keys(loaded)
        except ConfigError as exc:
            self._data = b""
            self.fail(exc)
            return
        except Exception as exc:
            self._data = b""
            log.exception("Unexpected error while preparing the exam settings")
            self.fail(DamagedFile(detail=f"{type(exc).__name__}: {exc}"))
            return
        self._opened(loaded, settings, keys)

    def _opened(self, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> None:
        """The configuration is read and keyed: SEB Server, a client configuration, or the exam."""
        original, self._data = self._data, b""
        if self._server_start is not None:  # the exam configuration a SEB Server sent
            adjust, self._server_start = self._server_start, None
            try:
                settings, keys = adjust(loaded, settings, keys)
            except ConfigError as exc:
                self.fail(exc)
                return
            self.start_exam(loaded, settings, keys)
            return
        if settings.seb_mode == 1 and (self._as_exam or not (loaded.for_client or settings.configures_client)):
            from launcher.opening import server_exam  # SEB Server: connect instead

            self._password_used = None
            server_exam.connect(self, loaded, settings, keys)
            return
        if (loaded.for_client or settings.configures_client) and not self._as_exam:
            from launcher.opening.client_config import ClientConfiguration

            self._client = ClientConfiguration(self, loaded, original, self._password_used)
            self._client.apply()
        else:
            self._password_used = None
            self.start_exam(loaded, settings, keys)

    def _client_admin_hash(self) -> str:
        if self._client_hash_tried:
            return ""
        self._client_hash_tried = True
        from launcher.platform import client_settings

        return client_settings.admin_password_hash()

    def _ask_password(self, for_client: bool, *, wrong: bool) -> None:
        if not self.interactive:
            self.fail(PasswordRequired(for_client=for_client, detail="no screen to ask for it"))
            return
        from launcher.ui.dialogs import PasswordDialog

        dialog = self.dialog if isinstance(self.dialog, PasswordDialog) else None
        if dialog is None:
            dialog = PasswordDialog(for_client=for_client, source=self.origin, parent=self.dialog_parent())
            dialog.accepted.connect(functools.partial(self._password_given, dialog))
            dialog.rejected.connect(functools.partial(self._password_cancelled, dialog))
            self.dialog = dialog
        if wrong:
            dialog.show_wrong(self._tries_left)
        dialog.open()

    def _password_given(self, dialog: PasswordDialog) -> None:
        password = dialog.password()
        dialog.field.clear()
        self._attempt(password)
        if not dialog.isVisible():  # not asked again: this dialog's work is done
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

    def _password_cancelled(self, dialog: PasswordDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self._data = b""
        self.cancel("password")

    # -- settings, keys, session -----------------------------------------------------------------
    @staticmethod
    def _settings_and_keys(loaded: LoadedConfig) -> tuple[Settings, ExamKeys]:
        from launcher.config.keys import ExamKeys
        from launcher.config.settings import Settings

        return Settings.from_dict(loaded.settings), ExamKeys.for_settings(loaded.settings)

    def found_early(self, settings: Settings) -> StartFindings | None:
        """What the start checks found for ``settings`` while Qt loaded (once), else None."""
        early, self._found_early = self._found_early, None
        return early[1] if early is not None and early[0] is settings else None

    def start_exam(self, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> None:
        """The lockdown checks first (before any exam request leaves), then the session
        (``launcher.opening.exam_start``)."""
        from launcher.opening.exam_start import ExamStart

        ExamStart(self, loaded, settings, keys).run()

    def session_started(self, session: ExamSession) -> None:
        """The new exam runs (``launcher.opening.exam_start``): it reports to this opener."""
        self.session = session
        session.finished.connect(self._session_finished)
        session.reconfigureRequested.connect(self.request_reconfigure)
        self._busy = False

    def client_configured(self) -> None:
        """The client configuration was stored (``launcher.opening.client_config``)."""
        self._client = None
        self._password_used = None
        self._busy = False
        self.clientConfigured.emit()
        if self.session is not None:
            return
        if not self.interactive:
            self.finish(EXIT_OK)
            return
        from launcher.opening.client_config import applied_dialog

        dialog = applied_dialog()
        self.dialog = dialog
        dialog.finished.connect(self._client_dialog_closed)
        dialog.open()

    def _client_dialog_closed(self, _result: int) -> None:
        self.finish(EXIT_OK)

    def end_by_signal(self, number: int) -> None:
        """The system asks the launcher to end (``launcher.platform.stop_signals``): the exam
        ends as any exam ends, but counts as interrupted; exit status 128 + the signal."""
        from launcher.platform.stop_signals import name_of

        name, code = name_of(number), signalled(number)
        if self._signalled is not None:
            log.warning("%s again while ending", name)
            return
        self._signalled = code
        session = self.session
        guarded = session is not None and bool(session.options.hashed_quit_password)
        log.warning("The system asked the launcher to end (%s)%s", name,
                    "" if session is None else ": the exam ends without the quit password and counts "
                    "as interrupted" if guarded else ": the exam ends")
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.close()
        if session is not None:
            session.quit(f"ended by {name}", clean=False)  # finished -> _session_finished
        else:
            self.finish(code)

    def _sign_in_ended(self) -> None:
        self._session_finished(EXIT_CANCELLED)  # quitting the sign-in browser cancels the open

    def _session_finished(self, code: int = EXIT_OK) -> None:
        self.session = None
        log.info("The exam ended")
        self.finish(code)

    def dialog_parent(self) -> QWidget | None:
        """The running exam's window (so a dialog stays above the kiosk), else None."""
        return self.session.window if self.session is not None else None

    # -- endings -----------------------------------------------------------------------------
    def fail(self, error: ConfigError) -> None:
        """Opening failed: one log line, one dialog (or none without a screen), then the exit
        code unless an exam still runs."""
        self._busy = False
        self._client = None
        self._data = b""
        log.error("Cannot open the exam: %s%s", error.message, f" ({error.detail})" if error.detail else "")
        self.failed.emit(error)
        keep_running = self.session is not None
        code = EXIT_REFUSED if hasattr(error, "violations") else EXIT_ERROR
        if keep_running and code == EXIT_REFUSED:
            from launcher.opening.signin import end_after_refusal

            if end_after_refusal(self.session):  # its exam cannot run here: the sign-in is over
                self.session = None
                keep_running = False
        if not self.interactive:
            if not keep_running:
                self.finish(code)
            return
        dialog: QDialog
        if hasattr(error, "violations"):
            from launcher.ui.lockdown_gate import RefusedDialog

            dialog = RefusedDialog(error.violations, parent=self.dialog_parent())
        else:
            from launcher.ui.dialogs import ErrorDialog

            dialog = ErrorDialog(error, parent=self.dialog_parent())
        self.dialog = dialog

        def closed(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            if not keep_running:
                self.finish(code)

        dialog.finished.connect(closed)
        dialog.open()

    def cancel(self, what: str) -> None:
        """The user cancelled at step ``what``: exit 3 unless an exam still runs."""
        self._busy = False
        self._client = None
        self._password_used = None
        log.info("Opening the exam was cancelled at the %s step", what)
        if self.session is None:
            self.finish(EXIT_CANCELLED)

    def finish(self, code: int) -> None:
        """Report ``code`` through ``finished`` once (after SEB Server's DELETE when connected)."""
        if self._signalled is not None:  # whatever ends now (a closed dialog, the exam), the
            code = self._signalled      # system's signal is why
        server, self.server = self.server, None
        if server is not None and self.exit_code is None:
            server.close(lambda: self.finish(code))  # SEB Server: DELETE first, then done
            return
        if self.exit_code is None:
            self.exit_code = code
            self.finished.emit(code)

