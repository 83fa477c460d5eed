"""X11: other programs' windows that come in front of the exam are minimized (SEB for Windows
hides or closes windows that are not permitted; spec lockdown.md §8).

One job: whenever the X server reports a top-level window shown, moved or restacked (and twice a
second besides), read the window manager's stacking order; a window of another program above the
exam's topmost window is minimized, logged, and the exam takes the front back; a window
the window manager does not manage (a notification bubble, another program's menu) shown over it
is put behind everything. Left alone: the exam's own windows (new windows, dialogs, pop-ups, the
lock screen), the windows of running permitted programs (they may come in front), assistive
programs (on-screen keyboards, magnifiers), and the desktop's panels and desktop. The keyboard
grab already keeps typing from such a window; this keeps it from being seen over the exam (a
notes window set "always on top" by a timer, a chat's notification). Needs the window manager's
EWMH lists; without them, or off X11, it does nothing.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

POLL_MS = 500
SETTLE_MS = 20  # a window coming up is a burst of events (create, map, configure, restack): one check
#: Assistive programs whose windows may stay over the exam (``WM_CLASS``, lower case): on-screen
#: keyboards type into the exam through the keyboard grab; magnifiers and the screen reader.
ASSISTIVE = {
    "onboard", "florence", "matchbox-keyboard", "xvkbd", "kvkbd", "svkbd", "caribou",
    "magnus", "kmag", "orca",
}
#: Window types that are the desktop's own, not a program's window.
DESKTOP_TYPES = {"_NET_WM_WINDOW_TYPE_DOCK", "_NET_WM_WINDOW_TYPE_DESKTOP"}


class ForeignWindows(QObject):
    """Started with the exam (``start``), stopped with it; ``check`` runs on the GUI thread."""

    def __init__(self, session: Any, permitted: Any = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.permitted = permitted
        self._x: Any = None
        self.minimized: list[int] = []
        self._lowered: set[int] = set()
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.check)
        self._notifier: QSocketNotifier | None = None

    def start(self) -> ForeignWindows:
        guard = getattr(self.session, "input_guard", None)
        if getattr(guard, "kind", None) != "x11":
            return self
        from launcher.platform.x11_windows import X11Windows

        self._x = X11Windows.open()
        if self._x is None:
            return self
        finished = getattr(self.session, "finished", None)
        if finished is not None:
            finished.connect(self.stop)
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
        if self._x is not None:
            self._x.close()
            self._x = None

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

    def _check(self) -> None:
        x = self._x
        if x is None or getattr(self.session, "_ending", False):
            return
        # every shown window of this process: widgets, dialogs and the engine's own pop-ups (a
        # <select>'s list is a bare QWindow without _NET_WM_PID)
        ours = {int(w.winId()) for w in QGuiApplication.allWindows() if w.isVisible()}
        order = x.stacking()
        tops = [i for i, w in enumerate(order) if w in ours]
        if not tops:
            return
        allowed = self.permitted.windows(x) if self.permitted is not None else set()
        covering = [w for w in order[tops[-1] + 1:]
                    if w not in ours and w not in allowed and not x.is_hidden(w)
                    and not x.has_type(w, DESKTOP_TYPES) and not ASSISTIVE.intersection(x.wm_class(w))]
        if covering:  # a window this process made outside Qt (none expected) is ours too
            from launcher.platform.x11_windows import process_tree

            own = process_tree(os.getpid())
            covering = [w for w in covering if x.pid_of(w) not in own]
        active = x.active_window() if covering else 0
        for window in covering:
            names = "/".join(x.wm_class(window)) or "unknown"
            log.warning("A window of another program (%s, pid %d, window %#x) came in front of the exam: "
                        "minimized", names, x.pid_of(window), window)
            x.iconify(window)
            self.minimized.append(window)
        # our topmost window (the exam, a dialog or the lock screen) takes the front: when the
        # minimized window had it (the window manager would pass it on to any window, a permitted
        # program's too), or when no permitted program is in front
        if covering and (active in covering or not allowed.intersection(order[tops[-1] + 1:])):
            x.activate(order[tops[-1]])
        self._lower_unmanaged(x, order[tops[-1]], ours)

    def _lower_unmanaged(self, x: Any, top: int, ours: set[int]) -> None:
        """Windows the window manager does not manage (notification bubbles, another program's
        menus) shown over our topmost window go behind everything."""
        above = [w for w in x.unmanaged_above(top) if w not in ours]
        if not above:
            return
        from launcher.platform.x11_windows import process_tree

        own = process_tree(os.getpid())
        for window in above:
            pid = x.pid_of(window)
            if pid in own:
                continue  # the exam's own pop-ups (menus, a select's list, tooltips)
            if window not in self._lowered:
                self._lowered.add(window)
                log.warning("A pop-up of another program (%s, pid %d, window %#x) came over the exam: "
                            "put behind it", "/".join(x.wm_class(window)) or "unknown", pid, window)
            x.lower(window)
