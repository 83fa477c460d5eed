"""X11: every client connected to the exam's display accounted for, and what they do to it.

One job: know which programs are connected to the exam's X display and stop those that may
not be. On X11 every client can read the whole screen (``GetImage``) and type into any window
(XTEST), so:

* **Census** (``XResQueryClients`` every ``POLL_MS``, and at once when the X server reports a
  new client through RECORD): each client's process, as the server names it, is identified by
  its real file (``launcher.lockdown.x_programs``). Trusted: the launcher and its children, the
  window manager, the desktop's own programs, assistive technology, the permitted programs the
  exam started. The programs the launcher was started from (a terminal) are left running —
  ending them would end the exam — but whatever they do is watched like the rest. Any other
  client is *foreign*: those already connected when the exam starts are ended (logged); one that
  connects during the exam is ended and the exam locks naming it (it may have read the screen
  before it was seen); one that cannot be ended (another user's) locks the exam.
* **Actions** (RECORD, as the server handles them): a ``GetImage``/``ShmGetImage`` by a client
  that is not trusted locks the exam naming its program — also when it finished before any poll
  could see it; XTEST ``FakeInput`` (synthetic keys and clicks) with ``enableInjected`` false
  does the same, and :meth:`injected` lets the exam's input filter drop such an event before
  the page sees it.

``allowScreenCapture`` true (SEB for macOS' key) switches the census and the capture check to
logging; ``enableInjected`` true allows synthetic input. Off X11, or without libXRes, it does
nothing but log why.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

POLL_MS = 250
#: A synthetic key or click is matched to the input event it makes within this time.
INJECTED_MATCH_S = 2.0
_KEY_PRESS, _KEY_RELEASE, _BUTTON_PRESS, _BUTTON_RELEASE = 2, 3, 4, 5


def _ancestors(pid: int) -> set[int]:
    """The processes ``pid`` was started from (its parent, their parent, …)."""
    found: set[int] = set()
    current = pid
    for _ in range(64):
        try:
            stat = open(f"/proc/{current}/stat").read()
            current = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        if current <= 1 or current in found:
            break
        found.add(current)
    return found


class XCensus(QObject):
    """Started with the exam on X11 (``start``); stops when the session finishes."""

    #: (kind, client base, pid, Program or None) from the recording thread
    _acted = Signal(str, int, int, object)

    def __init__(self, session: Any, permitted: Any = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.permitted = permitted
        settings = getattr(session, "settings", None)
        self.allow_capture = bool(getattr(settings, "allow_screen_capture", False))
        self.allow_injected = bool(getattr(getattr(session, "options", None), "enable_injected", True))
        self._clients: Any = None
        self._record: Any = None
        self._windows: Any = None
        self._thread: threading.Thread | None = None
        self._fakes_lock = threading.Lock()
        self._acted.connect(self._recorded)
        self._known: dict[int, tuple[int, Any, str]] = {}  # client base -> (pid, Program, trust)
        self._baseline = True
        self._nameless: set[int] = set()  # clients seen once without a pid (connecting or leaving)
        self._reported: set[tuple[str, int]] = set()
        self._fakes: list[float] = []  # when synthetic input was recorded
        self._own: set[int] = set()
        self._parents = _ancestors(os.getpid())
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._failed = False

    def start(self) -> XCensus:
        from launcher.platform.x11_clients import XClients
        from launcher.platform.x11_record import XRecord
        from launcher.platform.x11_windows import X11Windows

        self._clients = XClients.open()
        if self._clients is None:
            log.warning("The programs connected to the exam's display cannot be checked")
            return self
        self._windows = X11Windows.open()
        recorder = _Recorder(self)
        self._record = XRecord.open(recorder)
        if self._record is not None:
            self._thread = threading.Thread(target=recorder.run, args=(self._record,), name="x-record", daemon=True)
            self._thread.start()
        elif not self.allow_capture:
            log.warning("Screen captures between two looks at the display's programs (%d ms) are not seen: "
                        "the X server has no RECORD extension", POLL_MS)
        guard = getattr(self.session, "input_guard", None)
        if guard is not None and not self.allow_injected:
            guard.injected = self.injected
        self.poll()
        self._baseline = False
        self._timer.start()
        return self

    def stop(self, *_args: Any) -> None:
        self._timer.stop()
        if self._record is not None:
            self._record.stop()
            if self._thread is not None:
                self._thread.join(timeout=2)
            if self._thread is None or not self._thread.is_alive():
                self._record.close()
            self._thread = None
        for conn in (self._record, self._clients, self._windows):
            if conn is self._record:
                continue
            if conn is not None:
                conn.close()
        self._record = self._clients = self._windows = None

    # -- the census -------------------------------------------------------------------------
    def poll(self) -> None:
        try:
            if self._clients is None or getattr(self.session, "ending", False):
                return
            clients = self._clients.clients()
            live = {c.base for c in clients}
            for base in [b for b in self._known if b not in live]:
                del self._known[base]
            nameless = set()
            for client in clients:
                if client.pid <= 0 and client.base not in self._nameless:
                    nameless.add(client.base)  # the server names a client's process once it is set up
                    continue
                known = self._known.get(client.base)
                if known is None or known[0] != client.pid:
                    self._meet(client.base, client.pid)
            self._nameless = nameless
        except Exception:  # a watcher must never end the exam by itself
            if not self._failed:
                self._failed = True
                log.exception("Checking the programs on the exam's display failed")

    def _trust(self, pid: int, program: Any) -> str:
        from launcher.lockdown.x_programs import trusted_kind
        from launcher.platform.x11_windows import process_tree

        if pid not in self._own:
            self._own = process_tree(os.getpid())
        permitted = self.permitted.pids() if self.permitted is not None else set()
        wm = 0
        if self._windows is not None:
            wm = self._clients.pid_of_window(self._windows.wm_check_window())
        kind = trusted_kind(program, ours=self._own, permitted=permitted, window_manager=wm)
        if not kind and pid in self._parents:
            kind = "parent"
        return kind

    def _meet(self, base: int, pid: int, program: Any = None) -> tuple[int, Any, str]:
        from launcher.lockdown.x_programs import Program, identify

        if program is None:
            program = identify(pid) if pid > 0 else Program(0, "", "unidentified X client", False)
        trust = self._trust(pid, program) if pid > 0 else ""
        entry = (pid, program, trust)
        self._known[base] = entry
        if not trust:
            self._foreign(base, pid, program)
        return entry

    def _foreign(self, base: int, pid: int, program: Any) -> None:
        if self.allow_capture:
            log.info("A program is connected to the exam's display (allowed by allowScreenCapture): %s",
                     program.label())
            return
        if pid <= 0:
            self._lock("x-client", f"an X client the X server cannot name a process for (client {base:#x}: "
                       "over the network or from another PID namespace) is connected to the exam's display",
                       program)
            return
        at_start = self._baseline
        log.warning("A program that is not allowed is connected to the exam's display: %s — %s", program.label(),
                    "ending it before the exam" if at_start else "ending it and locking the exam")
        self._end(pid, program)
        if not at_start:
            self._lock("x-client", f"{program.label()} connected to the exam's display during the exam", program)

    def _end(self, pid: int, program: Any) -> None:
        from launcher.app import gui_thread
        from launcher.lockdown.processes import end_processes

        def done(failed: Any, _error: BaseException | None) -> None:
            if failed:
                self._lock("x-client", f"{program.label()} is connected to the exam's display and could not "
                           "be ended", program)

        gui_thread.run_in_thread(lambda: end_processes([pid]), done, owner=self, name="x-client-end")

    # -- what clients do --------------------------------------------------------------------
    def _fake_input(self) -> None:
        """From the recording thread: a client sent synthetic input (noted before anything else,
        so the input filter knows of it by the time the event reaches the exam)."""
        if not self.allow_injected:
            with self._fakes_lock:
                self._fakes.append(time.monotonic())

    def _recorded(self, kind: str, base: int, pid: int, program: Any) -> None:
        from launcher.lockdown.x_programs import Program
        from launcher.platform.x11_record import CAPTURE, INJECTED

        if self._clients is None:
            return
        known = self._known.get(base)
        if known is None or (pid and known[0] != pid):
            if program is None:
                program = Program(0, "", "a program that ended before it could be named", False)
            known = self._meet(base, pid, program) if pid else (0, program, "")
        pid, program, trust = known
        if kind == CAPTURE and trust not in ("ours", "desktop", "window manager", "assistive", "permitted") \
                and not self.allow_capture:
            self._lock("screen-capture", f"{program.label()} took a picture of the exam's screen (X GetImage)",
                       program, once=("capture", base))
        elif kind == INJECTED and not self.allow_injected:
            if trust in ("ours", "assistive"):  # an on-screen keyboard types through XTEST
                with self._fakes_lock:
                    self._fakes.clear()
                return
            self._lock("injected-input", f"{program.label()} sent synthetic keys or clicks (XTEST)", program,
                       once=("injected", base))

    def injected(self, _event_type: int, _code: int) -> bool:
        """Whether the key or button event about to reach the exam was made by a program: the
        X server handled synthetic input (XTEST) in the last moments. Called by the exam's
        input filter for each key and click."""
        now = time.monotonic()
        with self._fakes_lock:
            self._fakes = [t for t in self._fakes if now - t <= INJECTED_MATCH_S]
            return bool(self._fakes)

    def _lock(self, check: str, evidence: str, program: Any, *, once: tuple[str, int] | None = None) -> None:
        if once is not None:
            if once in self._reported:
                return
            self._reported.add(once)
        from launcher.lockdown.violations import Violation
        from launcher.ui.lockdown_gate import reason

        violation = Violation(check, "enableInjected" if check == "injected-input" else "allowScreenCapture",
                              evidence, ((program.name, "program on the exam's screen"),))
        lock = getattr(self.session, "lock", None)
        if lock is not None and not getattr(self.session, "ending", False):
            lock(reason(violation), source="lockdown")


class _Recorder:
    """Runs on the recording thread: names a client's process the moment it connects (its own
    X connection: a short-lived capture may be gone a moment later) and hands each report to
    the census on the GUI thread."""

    def __init__(self, census: XCensus) -> None:
        from launcher.platform.x11_clients import XClients

        self._census = census
        self._clients: Any = XClients.open()  # opened here: only the recording thread uses it
        self._named: dict[int, tuple[int, Any]] = {}  # client base -> (pid, Program)

    def run(self, record: Any) -> None:
        try:
            record.run()
        finally:
            if self._clients is not None:
                self._clients.close()
                self._clients = None

    def __call__(self, kind: str, base: int) -> None:
        from launcher.lockdown.x_programs import identify
        from launcher.platform.x11_record import INJECTED, STARTED

        if kind == INJECTED:
            self._census._fake_input()
        if kind == STARTED or base not in self._named:
            # (not under a server grab: the GUI thread may wait on the X server while holding
            # the interpreter lock this thread needs to let go of the grab again)
            clients = self._clients
            pid = clients.pids().get(base, 0) if clients is not None else 0
            program = identify(pid) if pid > 0 else None
            if pid or kind == STARTED:
                if len(self._named) > 1024:
                    self._named.clear()
                self._named[base] = (pid, program)
        pid, program = self._named.get(base, (0, None))
        self._census._acted.emit(kind, base, pid, program)
