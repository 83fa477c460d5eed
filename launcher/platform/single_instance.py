"""One launcher per user: a second start hands its file or link to the running one and exits.

The first instance listens on a per-user local socket (QLocalServer: a Unix domain socket in
``$XDG_RUNTIME_DIR`` or the temp dir on Linux/macOS, a named pipe on Windows). A later start
connects, sends one line (the absolute path of a file, or the URL as given; an empty line just
asks the running launcher to come to the front), waits for ``ok`` and exits. The running
instance emits :attr:`SingleInstance.received`; the app decides whether an exam in progress may
be reconfigured with it (spec §7, ``launcher.config.navigation.may_reconfigure``).

A socket left behind by a crash does not block the next start: if nobody answers on it, it is
removed and we listen. A short-lived lock file makes "check, remove, listen" atomic, so two
launchers started by the same double-click cannot both believe they are first.

Typical start path (``acquire`` costs about a millisecond, so it can run after the exam's
first ``load()``; :meth:`SingleInstance.may_be_running` is a bare ``stat`` on Linux/macOS)::

    instance = SingleInstance()
    if instance.may_be_running() and not instance.acquire():
        return 0 if instance.send(argument) else 1
    ... start loading the exam ...
    if not instance.acquire():          # lost a race with a launcher started meanwhile
        instance.send(argument); quit
    instance.received.connect(app.on_reconfigure_request)
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QObject, Signal

if TYPE_CHECKING:  # QtNetwork is imported when a socket is needed, not on the start path
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: Longest message accepted from a second instance (a path or URL, UTF-8, one line).
MAX_MESSAGE_BYTES = 64 * 1024
#: How long a second instance waits for the running one to connect / acknowledge (ms).
CONNECT_TIMEOUT_MS = 1000
ACK_TIMEOUT_MS = 5000
_ACK = b"ok\n"
#: Arguments with these schemes are links, passed on as given; anything else is a file.
_URL_SCHEMES = frozenset({"seb", "sebs", "http", "https", "file"})


def _user_tag() -> str:
    """A per-user token that is safe in a socket or pipe name."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    # Windows: pipe names are global to the machine, so hash the account name per user.
    who = f"{os.environ.get('USERDOMAIN', '')}\\{os.environ.get('USERNAME', '')}"
    return hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]


def _private_runtime_dir() -> Path | None:
    """``$XDG_RUNTIME_DIR`` when it is ours and private (mode 0700), else None."""
    value = os.environ.get("XDG_RUNTIME_DIR")
    if not value or not hasattr(os, "getuid"):
        return None
    try:
        st = os.stat(value)
    except OSError:
        return None
    if st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return Path(value)


def default_server_name() -> str:
    """The per-user server name: a full socket path in the private runtime dir if there is one,
    else ``seb-launcher-<uid>`` (Qt puts it in the temp dir) / ``seb-launcher-<hash>`` (Windows)."""
    runtime = _private_runtime_dir()
    if runtime is not None:
        return str(runtime / "seb-launcher.sock")
    return f"seb-launcher-{_user_tag()}"


def message_for(argument: str) -> str:
    """What a second instance sends for its command-line argument: URLs as given, files as
    absolute paths (the running instance has another working directory), nothing as ''."""
    argument = argument.strip()
    if not argument:
        return ""
    scheme = argument.split(":", 1)[0].lower() if ":" in argument else ""
    if scheme in _URL_SCHEMES:
        return argument
    return str(Path(argument).expanduser().absolute())


class SingleInstance(QObject):
    """The per-user single-instance guard. Needs a Q(Core)Application for receiving."""

    #: A later start handed over this path or URL ('' = just show the running launcher).
    received = Signal(str)

    def __init__(self, server_name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name or default_server_name()
        self._server: QLocalServer | None = None

    @property
    def server_name(self) -> str:
        return self._name

    @property
    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _socket_path(self) -> Path | None:
        """Where the Unix socket file lives (None on Windows: named pipes have no file)."""
        if sys.platform.startswith("win"):
            return None
        if os.path.isabs(self._name):
            return Path(self._name)
        return Path(QDir.tempPath()) / self._name

    def _lock_path(self) -> str:
        path = self._socket_path()
        if path is not None:
            return str(path.with_name(path.name + ".lock"))
        return str(Path(QDir.tempPath()) / f"{self._name}.lock")

    def may_be_running(self) -> bool:
        """Cheap hint: False means no other launcher of this user can be running (no socket
        file). True means one may be (or a crash left its socket): call :meth:`acquire`."""
        path = self._socket_path()
        if path is None:
            return True
        return os.path.lexists(path)

    def _connect(self, timeout_ms: int) -> QLocalSocket | None:
        path = self._socket_path()
        if path is not None and hasattr(os, "getuid"):
            try:
                owner = os.lstat(path).st_uid
            except OSError:
                return None
            if owner != os.getuid():
                # Someone else's socket under our name: never hand them an exam link.
                log.error("The single-instance socket %s belongs to another user; ignoring it", path)
                return None
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket(self)
        socket.connectToServer(self._name)
        if socket.waitForConnected(timeout_ms):
            return socket
        socket.abort()
        socket.deleteLater()
        return None

    def acquire(self) -> bool:
        """True if we are the first launcher of this user (and now listen), False if another
        one is running (then :meth:`send` the argument to it and exit). Idempotent."""
        if self.is_listening:
            return True
        from PySide6.QtNetwork import QLocalServer

        lock = QLockFile(self._lock_path())
        if not lock.tryLock(2000):
            log.warning("Could not take the single-instance lock %s (%s)", self._lock_path(), lock.error())
        try:
            if self.may_be_running():
                socket = self._connect(CONNECT_TIMEOUT_MS)
                if socket is not None:
                    socket.disconnectFromServer()
                    socket.deleteLater()
                    log.info("Another launcher is already running for this user")
                    return False
                path = self._socket_path()
                if path is not None and hasattr(os, "getuid"):
                    try:
                        if os.lstat(path).st_uid != os.getuid():
                            return True  # cannot listen under a name another user holds; run alone
                    except OSError:
                        pass
                log.info("Removing a stale single-instance socket left by a launcher that ended")
                QLocalServer.removeServer(self._name)
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.newConnection.connect(self._on_new_connection)
            if not server.listen(self._name):
                log.warning("Could not listen on %s: %s", self._name, server.errorString())
                server.deleteLater()
                return True  # run without receiving rather than refusing to start the exam
            self._server = server
            log.debug("Listening for later launches on %s", server.fullServerName())
            return True
        finally:
            if lock.isLocked():
                lock.unlock()

    def send(self, argument: str) -> bool:
        """Hand ``argument`` (a file path or URL, or '') to the running launcher.

        Returns True once it acknowledged, False if none answered (then start normally)."""
        message = message_for(argument).encode("utf-8")
        if b"\n" in message or len(message) + 1 > MAX_MESSAGE_BYTES:
            log.warning("Not handing over an argument that is too long or has a line break")
            return False
        socket = self._connect(CONNECT_TIMEOUT_MS)
        if socket is None:
            return False
        try:
            socket.write(message + b"\n")
            if not socket.waitForBytesWritten(ACK_TIMEOUT_MS) and socket.bytesToWrite():
                return False
            reply = bytearray()
            while len(reply) < len(_ACK):
                if not socket.bytesAvailable() and not socket.waitForReadyRead(ACK_TIMEOUT_MS):
                    break
                reply += bytes(socket.read(len(_ACK) - len(reply)).data())
            ok = bytes(reply) == _ACK
            if ok:
                log.info("Handed the request over to the running launcher")
            return ok
        finally:
            socket.disconnectFromServer()
            socket.deleteLater()

    def release(self) -> None:
        """Stop listening and remove the socket (on quit; a crash is handled by acquire)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    # -- running instance side -------------------------------------------------------------

    def _on_new_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read_message(socket)

    def _on_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read_message(socket)

    def _read_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE_BYTES:
                log.warning("Dropping an oversized message from another launcher")
                socket.abort()
            return
        raw = bytes(socket.readLine(MAX_MESSAGE_BYTES + 1).data())
        if not raw.endswith(b"\n"):
            log.warning("Dropping an oversized message from another launcher")
            socket.abort()
            return
        line = raw[:-1]
        try:
            message = line.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("Dropping a message from another launcher that is not UTF-8")
            socket.abort()
            return
        socket.write(_ACK)
        socket.flush()
        socket.disconnectFromServer()
        log.info("A later launch handed over a request")
        self.received.emit(message)
