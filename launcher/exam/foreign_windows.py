"""X11: other programs' windows that come in front of the exam are minimized (SEB for Windows
hides or closes windows that are not permitted; spec lockdown.md §8).

One job: whenever the X server reports a top-level window shown, moved or restacked (and twice a
second besides), read the window manager's stacking order; a window of another program above the
exam's topmost window is minimized, logged, and the exam takes the front back; a window
the window manager does not manage (a notification bubble, another program's menu) shown over it
is put behind everything. A window is told by the X client that created it (the X server
names that client's process: ``launcher.platform.x11_clients``), never by what the window says
about itself (``_NET_WM_PID``, ``WM_CLASS``, its type or a "hidden" state). Left alone: the
exam's own windows (new windows, dialogs, pop-ups, the lock screen), the windows of running
permitted programs (they may come in front), assistive programs (on-screen keyboards,
magnifiers) and the desktop's panels and desktop — each by its real executable
(``launcher.lockdown.x_programs``). A program whose windows must be put aside again and again
(``REPEATS`` times within ``REPEAT_SECONDS``) locks the exam, named, instead of filling the log.
The keyboard grab already keeps typing from such a window; this keeps it from being seen over
the exam (a notes window set "always on top" by a timer, a chat's notification). Needs the
window manager's EWMH lists; without them, or off X11, it does nothing.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

POLL_MS = 500
SETTLE_MS = 20  # a window coming up is a burst of events (create, map, configure, restack): one check
#: A program whose windows had to be put aside this often within REPEAT_SECONDS locks the exam.
REPEATS = 3
REPEAT_SECONDS = 5.0
#: The window manager's time to minimize a window; one still shown after it is unmapped.
ICONIFY_WAIT_S = 0.5
#: Window types that are the desktop's own, not a program's window (when its program is).
DESKTOP_TYPES = {"_NET_WM_WINDOW_TYPE_DOCK", "_NET_WM_WINDOW_TYPE_DESKTOP"}


class ForeignWindows(QObject):
    """Started with the exam (``start``), stopped with it; ``check`` runs on the GUI thread."""

    def __init__(self, session: Any, permitted: Any = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.permitted = permitted
        self._x: Any = None
        self._clients: Any = None
        self.minimized: list[int] = []
        self._iconified: dict[int, float] = {}  # window -> when the window manager was asked to minimize it
        self._lowered: set[int] = set()
        self._removed: dict[int, list[float]] = {}  # pid -> when its windows were put aside
        self._locked_for: set[int] = set()
        self._programs: dict[int, Any] = {}  # pid -> launcher.lockdown.x_programs.Program
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.check)
        self._notifier: QSocketNotifier | None = None
        self.census: Any = None
        self.a11y: Any = None

    def start(self) -> ForeignWindows:
        from launcher.exam.a11y_bus import A11yBusWatch

        self.a11y = A11yBusWatch(self.session, self.permitted).start()  # readers of the exam's text
        guard = getattr(self.session, "input_guard", None)
        if getattr(guard, "kind", None) != "x11":
            return self
        from launcher.platform.x11_clients import XClients
        from launcher.platform.x11_windows import X11Windows

        self._x = X11Windows.open()
        if self._x is None:
            return self
        from launcher.exam.x_census import XCensus

        self.census = XCensus(self.session, self.permitted).start()  # every X client accounted for
        self._clients = XClients.open()
        if self._clients is None:
            log.warning("Windows over the exam cannot be told by their program: only the exam's own "
                        "windows stay in front of it")
        self._x.watch_root(properties=True, children=True)
        self._notifier = QSocketNotifier(self._x.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._timer.start()
        return self

    def _woken(self, *_args: Any) -> None:
        """Something changed on the screen: look soon (once for a burst)."""
        if self._x is not None and self._changed(self._x.events()) and not self._soon.isActive():
            self._soon.start()

    def _changed(self, events: list[tuple[int, int]]) -> bool:
        """Whether ``events`` may have put a window over the exam: a top-level window shown, moved
        or restacked, or the window manager's stacking list or active window changed (not the
        other root properties a desktop keeps writing)."""
        watched = self._x.atoms("_NET_CLIENT_LIST_STACKING", "_NET_ACTIVE_WINDOW")
        return any(atom in watched if atom else True for _kind, atom in events)

    def stop(self, *_args: Any) -> None:
        self._timer.stop()
        self._soon.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for conn in (self._x, self._clients, self.census, self.a11y):
            if conn is not None:
                conn.stop() if conn in (self.census, self.a11y) else conn.close()
        self._x = self._clients = None

    def check(self) -> None:
        try:
            if self._x is not None:
                self._x.events()  # this look covers them
            self._check()
            # events read while looking (the connection reads them with its answers) no longer
            # wake the notifier: what changed meanwhile gets its own look
            if self._x is not None and self._changed(self._x.events()) and not self._soon.isActive():
                self._soon.start()
        except Exception:  # a watcher must never end the exam by itself
            if not self._failed:
                self._failed = True
                log.exception("Checking for other programs' windows failed")

    # -- who made a window ----------------------------------------------------------------
    def _owners(self) -> Any:
        """A function window -> the pid of the X client that created it (0: unknown)."""
        clients = self._clients.clients() if self._clients is not None else []
        live = {c.pid for c in clients}
        self._programs = {pid: p for pid, p in self._programs.items() if pid in live}

        def owner(window: int) -> int:
            return next((c.pid for c in clients if c.owns(window)), 0)
        return owner

    def _program(self, pid: int) -> Any:
        from launcher.lockdown.x_programs import identify

        if pid not in self._programs:
            self._programs[pid] = identify(pid)
        return self._programs[pid]

    def _trusted(self, pid: int, context: Callable[[], tuple[set[int], int]], *, desktop: bool) -> bool:
        """Whether a window of ``pid`` may stay over the exam: ours, an assistive program, or
        (``desktop``: a dock or desktop window) the desktop's own program. ``context()`` gives
        (our process tree, the window manager's pid), worked out only when a window needs it."""
        from launcher.lockdown.x_programs import is_assistive, is_desktop

        if pid <= 0:
            return False
        own, wm = context()
        if pid in own:
            return True
        program = self._program(pid)
        return is_assistive(program) or (desktop and is_desktop(program, wm))

    def _check(self) -> None:
        x = self._x
        if x is None or getattr(self.session, "ending", False):
            return
        # every shown window of this process: widgets, dialogs and the engine's own pop-ups (a
        # <select>'s list is a bare QWindow without _NET_WM_PID)
        ours = {int(w.winId()) for w in QGuiApplication.allWindows() if w.isVisible()}
        order = x.stacking()
        tops = [i for i, w in enumerate(order) if w in ours]
        if not tops:
            return
        # who owns which window, our process tree and the window manager: looked up only when
        # some window is over ours (the idle exam's looks twice a second stay cheap)
        owners = _once(self._owners)

        def owner(window: int) -> int:
            return int(owners()(window))

        context = _once(partial(self._context, x, owner))
        permitted = self.permitted.pids() if self.permitted is not None else set()
        allowed = {w for w in (self.permitted.windows(x) if self.permitted is not None else ())
                   if owner(w) in permitted}
        above = [w for w in order[tops[-1] + 1:] if w not in ours and w not in allowed and x.is_viewable(w)]
        covering = [w for w in above
                    if not self._trusted(owner(w), context, desktop=x.has_type(w, DESKTOP_TYPES))]
        active = x.active_window() if covering else 0
        for window in covering:
            pid = owner(window)
            asked = self._iconified.get(window)
            if asked is None:
                x.iconify(window)
                self._iconified[window] = time.monotonic()
                self.minimized.append(window)
            elif time.monotonic() - asked > ICONIFY_WAIT_S:
                x.unmap(window)  # it ignored being minimized, or came back: off the screen
            else:
                continue  # the window manager is minimizing it
            self._put_aside(pid, window, "came in front of the exam: minimized")
        # our topmost window (the exam, a dialog or the lock screen) takes the front: when the
        # minimized window had it (the window manager would pass it on to any window, a permitted
        # program's too), or when no permitted program is in front
        if covering and (active in covering or not allowed.intersection(order[tops[-1] + 1:])):
            x.activate(order[tops[-1]])
        self._lower_unmanaged(x, order[tops[-1]], ours, owner, context)

    @staticmethod
    def _context(x: Any, owner: Callable[[int], int]) -> tuple[set[int], int]:
        from launcher.platform.x11_windows import process_tree

        return process_tree(os.getpid()), owner(x.wm_check_window())

    def _lower_unmanaged(self, x: Any, top: int, ours: set[int], owner: Callable[[int], int],
                         context: Callable[[], tuple[set[int], int]]) -> None:
        """Windows the window manager does not manage (notification bubbles, another program's
        menus) shown over our topmost window go behind everything."""
        for window in x.unmanaged_above(top):
            if window in ours or self._trusted(owner(window), context, desktop=False):
                continue  # the exam's own pop-ups (menus, a select's list, tooltips)
            x.lower(window)
            again = window in self._lowered
            self._lowered.add(window)
            self._put_aside(owner(window), window, "came over the exam: put behind it", pop_up=True,
                            again=again)

    def _put_aside(self, pid: int, window: int, what: str, *, pop_up: bool = False, again: bool = False) -> None:
        """Log a window put aside (the first time per program) and lock the exam when the same
        program keeps coming back."""
        program = self._program(pid) if pid > 0 else None
        name = program.label() if program is not None else "an unidentified program"
        now = time.monotonic()
        times = [t for t in self._removed.get(pid, []) if now - t <= REPEAT_SECONDS] + [now]
        self._removed[pid] = times
        if len(times) == 1 and not again:
            kind = "A pop-up" if pop_up else "A window"
            log.warning("%s of another program (%s, window %#x) %s", kind, name, window, what)
        from launcher.lockdown.x_programs import is_desktop

        if program is not None and is_desktop(program):
            return  # the desktop's own (a burst of notifications): kept off the exam, never a lock
        if len(times) < REPEATS or pid in self._locked_for:
            return
        self._locked_for.add(pid)
        from launcher.lockdown.violations import Violation
        from launcher.ui.lockdown_gate import reason

        shown = program.name if program is not None else "?"
        violation = Violation("foreign-window", "", f"{name} put a window over the exam {len(times)} times "
                              f"within {REPEAT_SECONDS:.0f} s", ((shown, "window over the exam"),))
        lock = getattr(self.session, "lock", None)
        if lock is not None:
            lock(reason(violation), source="lockdown")


_T = TypeVar("_T")


def _once(make: Callable[[], _T]) -> Callable[[], _T]:
    """``make()``'s result, made on the first call only (for one look at the windows)."""
    made: list[_T] = []

    def get() -> _T:
        if not made:
            made.append(make())
        return made[0]

    return get
