"""X11: other programs' windows that come in front of the exam are minimized (SEB for Windows
hides or closes windows that are not permitted; spec lockdown.md §8).

One job: once a second, read the window manager's stacking order; a window of another program
above the exam's topmost window is minimized, logged, and the exam takes the front back. Left
alone: the exam's own windows (new windows, dialogs, the lock screen), the windows of running
permitted programs (they may come in front), assistive programs (on-screen keyboards,
magnifiers), and the desktop's docks, desktop and notification windows. The keyboard grab already keeps typing from such a window; this keeps it from being
seen over the exam (a notes window set "always on top" by a timer, say). Needs the window
manager's EWMH lists; without them, or off X11, it does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

POLL_MS = 1000
#: Assistive programs whose windows may stay over the exam (``WM_CLASS``, lower case): on-screen
#: keyboards type into the exam through the keyboard grab; magnifiers and the screen reader.
ASSISTIVE = {
    "onboard", "florence", "matchbox-keyboard", "xvkbd", "kvkbd", "svkbd", "caribou",
    "magnus", "kmag", "orca",
}
#: Window types that are the desktop's own, not a program's window.
DESKTOP_TYPES = {
    "_NET_WM_WINDOW_TYPE_DOCK", "_NET_WM_WINDOW_TYPE_DESKTOP", "_NET_WM_WINDOW_TYPE_NOTIFICATION",
}


class ForeignWindows(QObject):
    def __init__(self, session: Any, permitted: Any = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.permitted = permitted
        self._x: Any = None
        self.minimized: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)

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
        self._timer.start()
        return self

    def stop(self, *_args: Any) -> None:
        self._timer.stop()
        if self._x is not None:
            self._x.close()
            self._x = None

    def check(self) -> None:
        x = self._x
        if x is None or getattr(self.session, "_ending", False):
            return
        ours = {int(w.winId()) for w in QApplication.topLevelWidgets() if w.isVisible()}
        order = x.stacking()
        tops = [i for i, w in enumerate(order) if w in ours]
        if not tops:
            return
        allowed = self.permitted.windows(x) if self.permitted is not None else set()
        covering = [w for w in order[tops[-1] + 1:]
                    if w not in ours and w not in allowed and not x.is_hidden(w)
                    and not x.has_type(w, DESKTOP_TYPES) and not ASSISTIVE.intersection(x.wm_class(w))]
        for window in covering:
            names = "/".join(x.wm_class(window)) or "unknown"
            log.warning("A window of another program (%s, pid %d) came in front of the exam: minimized",
                        names, x.pid_of(window))
            x.iconify(window)
            self.minimized.append(window)
        if covering and not allowed.intersection(order[tops[-1] + 1:]):
            x.activate(order[tops[-1]])  # our topmost window: the exam, a dialog or the lock screen
