"""A head start for the exam in a local file: read, keyed and checked while Qt loads.

One job: ``seb-launcher FILE`` spends its first tenth of a second loading Qt and QtWebEngine,
partly in the dynamic loader, where the interpreter is free for another thread. This thread
does the exam's Qt-free work meanwhile, in this order:

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
from typing import Any

log = logging.getLogger(__name__)

#: How long the flow waits for the head start; after that it reads and checks as without one
#: (a ``/proc`` read can block on a process stuck in the kernel).
TAKE_TIMEOUT_S = 10.0


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

    def start(self) -> HeadStart:
        self._thread.start()
        return self

    def take(self, path: str, timeout: float = TAKE_TIMEOUT_S) -> HeadStartResult | None:
        """The result for ``path`` (waits for the thread, ``timeout`` at most); None for another
        path, or when the thread has not finished by then (the flow then does it all itself)."""
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("The head start did not finish within %.0f s; the exam is read and checked again", timeout)
            return None
        return self._result if path == self.path else None

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
