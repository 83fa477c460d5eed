"""A head start for the exam in a local file: read, keyed and checked while Qt loads.

One job: ``seb-launcher FILE`` spends its first tenth of a second loading Qt and QtWebEngine,
and that load holds the interpreter nearly all the time, so a thread beside it hardly moves.
On Linux the head start therefore runs in a process of its own: forked before Qt is imported
(the launcher has one thread then), it works on another processor core while Qt loads, and
sends its result back through a pipe (pickled: the launcher's own plain data, under an HMAC
with a key made before the fork — another program of the student's can open the pipe through
``/proc/PID/fd``, and what it writes there is neither believed nor unpickled). It checks the
launcher process, not itself (``Machine(pid=the launcher)``; the interpreter's own state is
the same in a fork, ``debugger.checking_for``), and its log lines go to the launcher's log.
Elsewhere, or when the process is not single-threaded (a test runner), it is a thread.
The work, in this order:

1. starts identifying recorders (``processes.start_identifying``, a thread of its own);
2. tells a file from a link (``sources.classify``; a link is left to the flow, this thread only
   computes the launcher's signature for its keys) and reads the file (bounded);
3. opens a plain or gzip configuration (no password, no identity: those need the open flow's
   dialogs and keyring) and computes its settings and keys (with the launcher's signature,
   ``app_signature``: file reads and hashing);
4. for an exam (not a client configuration, not SEB Server), runs the start checks but the
   display count (``launcher.lockdown.start_checks.gather``, on the platform Qt is expected to
   open).

The open flow takes the result (:meth:`HeadStart.take`) and goes on exactly as if it had read
the file itself; anything the head start could not do, the flow does as before (and reports
any error itself). Never imports Qt.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

#: How long the flow waits for the head start; after that it reads and checks as without one
#: (a ``/proc`` read can block on a process stuck in the kernel).
TAKE_TIMEOUT_S = 10.0
#: The most the head start's process may send back (bytes): the exam file and its findings.
MAX_ANSWER_BYTES = 64 * 1024 * 1024


class HeadStartResult:
    """What the head start got: the file's bytes (None: not read), and when it could open it,
    the configuration, settings and keys, and the start checks' findings (exams only). (A
    plain class: ``dataclasses`` would be imported on the GUI thread before Qt.)"""

    def __init__(self) -> None:
        self.data: bytes | None = None
        self.loaded: Any = None  # launcher.config.container.LoadedConfig
        self.settings: Any = None  # launcher.config.settings.Settings
        self.keys: Any = None  # launcher.config.keys.ExamKeys
        self.findings: Any = None  # launcher.lockdown.start_checks.StartFindings


class HeadStart:
    """``HeadStart(argument).start()`` at the top of the program (a path or a link, as the user
    gave it); the flow calls ``take(path)`` with the path it classified."""

    def __init__(self, argument: str, *, max_bytes: int | None = None, machine: Any = None) -> None:
        self.argument = argument
        self.path: str | None = None  # the argument's file, once classified (None: not a file)
        self._max_bytes = max_bytes
        self._machine = machine
        self._result = HeadStartResult()
        self._thread = threading.Thread(target=self._run, name="head-start", daemon=True)
        self._child: int | None = None  # the head start's process (forked), until taken
        self._pipe = -1
        self._key = b""  # the answer's HMAC key: only this process and its fork have it
        self.forked = False  # ran in a process of its own

    def start(self, *, fork: bool | None = None) -> HeadStart:
        """Start it: in a process of its own where that can be done safely (``fork`` None), else
        (or with ``fork=False``) on a thread."""
        if fork is not False and (fork or _may_fork()):
            try:
                self._fork()
                return self
            except OSError as exc:
                log.warning("The exam file is checked on a thread while Qt loads: no process of its own (%s)", exc)
        self._thread.start()
        return self

    def take(self, path: str, timeout: float = TAKE_TIMEOUT_S) -> HeadStartResult | None:
        """The result for ``path`` (waits for the work, ``timeout`` at most); None for another
        path, or when it has not finished by then (the flow then does it all itself)."""
        if self.forked:
            done = self._child is None or self._collect(timeout)
        else:
            self._thread.join(timeout)
            done = not self._thread.is_alive()
        if not done:
            log.warning("The early check of the exam file gave no answer within %.0f s; the exam is read "
                        "and checked again", timeout)
            return None
        return self._result if path == self.path else None

    def discard(self) -> None:
        """Not needed after all (a link, another path): a process of its own is ended and
        collected now, not left behind for the exam's whole length."""
        if self._child is not None:
            self._end_child(kill=True)  # its answer is not wanted

    def _end_child(self, *, kill: bool) -> None:
        """Close the pipe and collect the process; ``kill``: SIGKILL it first."""
        assert self._child is not None
        os.close(self._pipe)
        child, self._child = self._child, None
        if kill:
            try:
                os.kill(child, 9)
            except OSError:
                pass
        try:
            os.waitpid(child, 0)
        except ChildProcessError:
            pass

    # -- in a process of its own (Linux) -------------------------------------------------------
    def _fork(self) -> None:
        self._key = os.urandom(32)
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the head start's process: never returns
            code = 1
            try:
                os.close(read_end)
                self._answer(write_end)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._child, self._pipe, self.forked = pid, read_end, True

    def _answer(self, fd: int) -> None:
        """In the forked process: do the work for the launcher (its pid: the parent) and send
        (path, result, log records) back."""
        import copyreg
        import io
        import pickle
        import types

        from launcher.lockdown import debugger
        from launcher.lockdown.machine import Machine

        launcher = os.getppid()
        records: list[logging.LogRecord] = []
        root = logging.getLogger()
        for handler in list(root.handlers):  # the launcher's handlers write these lines, once
            root.removeHandler(handler)
        root.addHandler(_Keep(records))
        debugger.checking_for(launcher)  # this interpreter is the launcher's, forked
        if self._machine is None:
            self._machine = Machine(env=dict(os.environ), pid=launcher)
        try:
            self._run()
        except Exception:  # the flow does it all itself and reports what is wrong
            log.debug("head start failed", exc_info=True)
            self._result = HeadStartResult()
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = copyreg.dispatch_table.copy()
        pickler.dispatch_table[types.MappingProxyType] = _mapping_proxy  # Settings' read-only maps
        pickler.dump((self.path, self._result, records))
        view = memoryview(_signed(self._key, buffer.getvalue()))
        while view:
            view = view[os.write(fd, view):]
        os.close(fd)

    def _collect(self, timeout: float) -> bool:
        """Read the process's answer (``timeout`` at most); False when it did not come."""
        import pickle
        import select

        assert self._child is not None
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + timeout
        answered = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._pipe], [], [], left)[0]:
                break
            chunk = os.read(self._pipe, 1 << 20)
            if not chunk:
                answered = True
                break
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                break
            chunks.append(chunk)
        self._end_child(kill=not answered)  # not answered: stuck in the kernel, or gone wrong
        key, self._key = self._key, b""
        answer = _verified(key, b"".join(chunks)) if answered else None
        if answer is None:
            if answered:
                log.warning("The early check's answer was not its own (another program wrote into its "
                            "pipe) or was cut short; the exam is read and checked again")
            self._result = HeadStartResult()
            return False
        try:
            self.path, self._result, records = pickle.loads(answer)
        except Exception:  # an answer cut short: the flow does it all itself
            log.warning("The early check's answer could not be read; the exam is read and checked again")
            self._result = HeadStartResult()
            return False
        for record in records:
            logging.getLogger(record.name).handle(record)
        log.info("The exam file was read, keyed and checked in a process of its own while Qt loaded")
        return True

    def _run(self) -> None:
        if sys.platform.startswith("linux"):
            from launcher.lockdown.processes import start_identifying

            start_identifying()  # (a thread of its own) the start checks need it
        from launcher.config.app_signature import app_signature
        from launcher.opening import sources

        try:
            source = sources.classify(self.argument)
        except Exception:  # the open flow says what is wrong with it
            return
        if source.kind != "file":
            app_signature()  # a link: downloaded by the flow, which then needs the keys
            return
        self.path = source.value
        try:
            kw = {"max_bytes": self._max_bytes} if self._max_bytes is not None else {}
            self._result.data = sources.read_local(source.value, **kw)
        except Exception:  # the flow reads it again and says what is wrong
            return
        try:
            self._open(self._result.data)
        except Exception as exc:  # a password, an identity, a damaged file: the flow's to handle
            log.debug("head start: the open flow reads this configuration itself (%s)", type(exc).__name__)

    def _open(self, data: bytes) -> None:
        from launcher.config.container import read_config
        from launcher.config.keys import ExamKeys
        from launcher.config.settings import Settings

        loaded = read_config(data)  # plain or gzip: anything else raises, the flow takes over
        settings = Settings.from_dict(loaded.settings)
        keys = ExamKeys.for_settings(loaded.settings)  # with the launcher's signature: reads, hashing
        result = self._result
        result.loaded, result.settings, result.keys = loaded, settings, keys
        if settings.seb_mode == 1 or loaded.for_client or settings.configures_client:
            return  # SEB Server or a client configuration: not checked here
        from launcher.lockdown.machine import Machine
        from launcher.lockdown.start_checks import expected_platform, gather

        machine = self._machine or Machine.local()
        result.findings = gather(settings, machine, expected_platform(os.environ))


class _Keep(logging.Handler):
    """In the head start's process: its log records, made ready to travel back."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args = record.getMessage(), None
        self.records.append(record)


def _may_fork() -> bool:
    """Linux, and this process has one thread (a fork of a process with others could inherit a
    lock one of them holds)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _mapping_proxy(proxy: Any) -> tuple[Any, tuple[dict[str, Any]]]:
    """Pickle a read-only mapping as one again (``types.MappingProxyType`` has no pickling)."""
    return _read_only, (dict(proxy),)


def _read_only(values: dict[str, Any]) -> Any:
    import types

    return types.MappingProxyType(values)


def _signed(key: bytes, payload: bytes) -> bytes:
    import hashlib
    import hmac

    return hmac.new(key, payload, hashlib.sha256).digest() + payload


def _verified(key: bytes, data: bytes) -> bytes | None:
    """The payload of ``data`` when its HMAC is right (constant-time check), else None."""
    import hashlib
    import hmac

    mac, payload = data[:32], data[32:]
    if not key or len(mac) != 32 or not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    return payload
