"""Wayland: the compositor's own shortcuts held for our windows that have the keyboard.

One job: give each of our windows that takes the keyboard under Qt's Wayland platform (the exam
window, our dialogs and lock windows) a keyboard-shortcuts inhibitor
(``launcher.platform.wayland_shortcuts``), so Alt+Tab, Super and the compositor's other bindings
reach the exam instead of the desktop while it is focused — and say what the compositor did.

* Asked for when the window is shown, asked again for a re-created surface (Qt makes a new
  ``wl_surface`` when a window is shown again), and asked again (up to ``RETRIES`` times, one
  second apart) when the compositor reports the inhibitor inactive; after that it counts as
  refused by the compositor.
* Each change is logged; :attr:`CompositorShortcuts.state` is ``enforced``, ``requested``,
  ``refused by the compositor`` or ``not offered``. The focus-loss lock of
  ``launcher.exam.input_guard`` stays on in every case (it is what holds when refused).
* Our queue's events are run every ``DISPATCH_MS`` (one C call; Qt's thread reads the socket).
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from launcher.platform import wayland_shortcuts as ws

log = logging.getLogger(__name__)

RETRIES = 3
RETRY_MS = 1_000
DISPATCH_MS = 250
UNANSWERED_MS = 5_000  # GNOME asks the user first; a stored 'Deny' is never answered at all


def _title(widget: QWidget) -> str:
    try:
        return widget.windowTitle() or type(widget).__name__
    except RuntimeError:
        return "a closed window"


class CompositorShortcuts(QObject):
    """The inhibitors of one exam session's windows (Qt's ``wayland`` platform only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: dict[int, QWidget] = {}  # id(widget) -> widget
        self._surface: dict[int, int] = {}  # id(widget) -> wl_surface* asked for
        self._tries: dict[int, int] = {}  # wl_surface* -> 'inactive' answers in a row
        self._filtered: dict[int, Any] = {}  # id(widget) -> its QWindow with our filter
        self._timer = QTimer(self)
        self._timer.setInterval(DISPATCH_MS)
        self._timer.timeout.connect(self._dispatch)
        display = seat = 0
        app = QGuiApplication.instance()
        native: Any = app.nativeInterface() if isinstance(app, QGuiApplication) else None  # QWaylandApplication there
        if native is not None and hasattr(native, "seat"):
            display, seat = int(native.display() or 0), int(native.seat() or 0)
        self._inhibitor = ws.ShortcutsInhibitor(display, seat, self._answer)
        if self._inhibitor.offered:
            log.info("Wayland: the compositor offers %s; the desktop's shortcuts are asked for "
                     "each window of the exam that takes the keyboard", ws.MANAGER_NAME)
            self._timer.start()
        else:
            log.warning("Wayland: the desktop's shortcuts cannot be held (%s: %s); the exam locks when "
                        "its window loses the focus", ws.NOT_OFFERED, self._inhibitor.problem)

    @property
    def state(self) -> str:
        """What holds for the window that took the keyboard last (``not offered`` without one)."""
        if not self._inhibitor.offered:
            return ws.NOT_OFFERED
        for key in reversed(list(self._held)):
            surface = self._surface.get(key)
            if surface:
                return self._inhibitor.states.get(surface, ws.REQUESTED)
        return ws.REQUESTED

    def hold(self, widget: QWidget) -> None:
        if not self._inhibitor.offered:
            return
        key = id(widget)
        self._held.pop(key, None)
        self._held[key] = widget  # the most recent last
        handle = widget.windowHandle()
        if handle is not None and key not in self._filtered:
            handle.installEventFilter(self)
            self._filtered[key] = handle
            widget.destroyed.connect(functools.partial(self._forget, key))
        self._ensure(key)

    def release(self, widget: QWidget) -> None:
        self._forget(id(widget))

    def close(self) -> None:
        self._timer.stop()
        for key in list(self._held):
            self._forget(key)
        self._inhibitor.close()

    def _forget(self, key: int, *_destroyed: object) -> None:
        self._held.pop(key, None)
        handle = self._filtered.pop(key, None)
        if handle is not None:
            try:
                handle.removeEventFilter(self)
            except RuntimeError:
                pass
        surface = self._surface.pop(key, 0)
        if surface:
            self._tries.pop(surface, None)
            self._inhibitor.release(surface)

    def _ensure(self, key: int, *, again: bool = False) -> None:
        """Ask for the widget's current surface (when shown), unless asked for already."""
        widget = self._held.get(key)
        if widget is None:
            return
        try:
            handle = widget.windowHandle()
            surface = int(handle.winId()) if handle is not None and handle.isVisible() else 0
        except RuntimeError:
            self._forget(key)
            return
        old = self._surface.get(key, 0)
        if not surface or (surface == old and not again):
            return
        if old and old != surface:
            self._tries.pop(old, None)
            self._inhibitor.release(old)
        self._surface[key] = surface
        self._inhibitor.inhibit(surface)
        log.info("Wayland: asked the compositor to hold its shortcuts for %s", _title(widget))
        QTimer.singleShot(UNANSWERED_MS, self, lambda k=key, s=surface: self._unanswered(k, s))

    def _unanswered(self, key: int, surface: int) -> None:
        if self._surface.get(key) == surface and self._inhibitor.states.get(surface) == ws.REQUESTED:
            log.warning("Wayland: the compositor has not granted its shortcuts inhibitor for %s after %d s "
                        "(asking the user, or refused without a word); the exam locks when it loses the "
                        "focus", _title(self._held[key]) if key in self._held else "a window",
                        UNANSWERED_MS // 1000)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype in (QEvent.Type.Expose, QEvent.Type.Show):
            for key, handle in list(self._filtered.items()):
                if handle is obj:
                    self._ensure(key)
        return False

    def _dispatch(self) -> None:
        self._inhibitor.dispatch()

    def _key_of(self, surface: int) -> int | None:
        return next((k for k, s in self._surface.items() if s == surface), None)

    def _answer(self, surface: int, state: str) -> None:
        key = self._key_of(surface)
        title = _title(self._held[key]) if key is not None and key in self._held else "a window"
        if state == ws.ENFORCED:
            self._tries.pop(surface, None)
            log.info("Wayland: the compositor's shortcuts are held for %s (%s)", title, ws.ENFORCED)
            return
        tries = self._tries.get(surface, 0) + 1
        self._tries[surface] = tries
        if tries > RETRIES:
            self._inhibitor.mark(surface, ws.REFUSED)
            log.warning("Wayland: the compositor's shortcuts are not held for %s (%s, %d times); the "
                        "exam locks when it loses the focus", title, ws.REFUSED, tries)
            return
        log.warning("Wayland: the compositor reports its shortcuts inhibitor for %s inactive; asking "
                    "again in %d s", title, RETRY_MS // 1000)
        if key is not None:
            QTimer.singleShot(RETRY_MS, self, lambda k=key: self._ensure(k, again=True))
