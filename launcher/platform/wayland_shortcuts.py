"""The Wayland compositor's keyboard-shortcuts inhibitor, one per surface of ours.

One job: ask the compositor (``zwp_keyboard_shortcuts_inhibit_manager_v1``, protocol
keyboard-shortcuts-inhibit-unstable-v1) to hand its own shortcuts — Alt+Tab, Super, workspace and
window keys — to one of our surfaces while that surface has the keyboard focus, and report what
the compositor answers: ``active`` (held), ``inactive`` (not held: refused, or taken back by the
user through the compositor's own escape binding).

Works on Qt's connection: ``display`` and ``seat`` are Qt's ``wl_display*`` and ``wl_seat*``,
a surface is a ``QWindow.winId()`` under Qt's Wayland plugin (its ``wl_surface*``). The manager is
bound on an event queue of our own (:class:`launcher.platform.wayland_client.Globals`), so the
inhibitors' events never reach Qt's queue; :meth:`ShortcutsInhibitor.dispatch` runs them.
Qt-free; the Qt side (when to ask, what to log) is ``launcher.exam.wayland_keyboard``.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable

from launcher.platform import wayland_client as wl

log = logging.getLogger(__name__)

MANAGER_NAME = "zwp_keyboard_shortcuts_inhibit_manager_v1"

REQUESTED = "requested"  # asked, no answer yet (GNOME asks the user first)
ENFORCED = "enforced"  # the compositor sent 'active'
INACTIVE = "inactive"  # the compositor sent 'inactive'
REFUSED = "refused by the compositor"  # inactive, and asking again did not help
NOT_OFFERED = "not offered"  # no manager global (or no libwayland-client)

_EVENT = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
_interfaces: tuple[wl.Interface, wl.Interface] | None = None


def interfaces() -> tuple[wl.Interface, wl.Interface]:
    """(manager, inhibitor) ``wl_interface`` structs, as the protocol's XML describes them."""
    global _interfaces
    if _interfaces is None:
        inhibitor = wl.interface("zwp_keyboard_shortcuts_inhibitor_v1", 1,
                                 [("destroy", "", [])], [("active", "", []), ("inactive", "", [])])
        manager = wl.interface(MANAGER_NAME, 1, [
            ("destroy", "", []),
            ("inhibit_shortcuts", "noo", [inhibitor, wl.core_interface("wl_surface"), wl.core_interface("wl_seat")]),
        ], [])
        _interfaces = (manager, inhibitor)
    return _interfaces


class ShortcutsInhibitor:
    """Inhibitors for surfaces of one Wayland connection.

    ``on_change(surface, state)`` is called when the compositor answers (from :meth:`dispatch`).
    ``offered`` is False (and ``problem`` says why) when there is nothing to ask.
    """

    def __init__(self, display: int, seat: int, on_change: Callable[[int, str], None] | None = None) -> None:
        self.seat = int(seat)
        self.on_change = on_change
        self.problem = ""
        self._globals: wl.Globals | None = None
        self._manager = 0
        self._by_surface: dict[int, int] = {}  # wl_surface* -> inhibitor proxy
        self._surface_of: dict[int, int] = {}  # inhibitor proxy -> wl_surface*
        self.states: dict[int, str] = {}  # wl_surface* -> state
        self._listeners: list[object] = []
        self._events = (_EVENT(self._on_active), _EVENT(self._on_inactive))
        if not display or not seat:
            self.problem = "Qt reports no Wayland display or seat"
            return
        try:
            manager_iface, _ = interfaces()
            self._globals = wl.Globals(int(display))
            self._manager = self._globals.bind(manager_iface, 1) or 0
        except wl.WaylandUnavailable as exc:
            self.problem = str(exc)
            return
        if not self._manager:
            self.problem = f"the compositor does not offer {MANAGER_NAME}"

    @property
    def offered(self) -> bool:
        return bool(self._manager)

    def inhibit(self, surface: int) -> str:
        """Ask for ``surface`` (a new inhibitor: any earlier one of that surface is destroyed)."""
        surface = int(surface)
        if not self._manager or not surface:
            return NOT_OFFERED
        self.release(surface)
        _, inhibitor_iface = interfaces()
        proxy = wl.create(self._manager, 1, inhibitor_iface, 1, None, ("o", surface), ("o", self.seat))
        self._listeners.append(wl.listen(proxy, self._events))
        self._by_surface[surface] = proxy
        self._surface_of[proxy] = surface
        self.states[surface] = REQUESTED
        assert self._globals is not None
        self._globals.flush()
        return REQUESTED

    def release(self, surface: int) -> None:
        """Give the compositor's shortcuts back for ``surface``."""
        proxy = self._by_surface.pop(int(surface), 0)
        if proxy:
            self._surface_of.pop(proxy, None)
            wl.destroy(proxy, 0)
            if self._globals is not None:
                self._globals.flush()
        self.states.pop(int(surface), None)

    def mark(self, surface: int, state: str) -> None:
        """Record a state the caller decided (``REFUSED`` after asking again did not help)."""
        if int(surface) in self.states:
            self.states[int(surface)] = state

    def dispatch(self) -> None:
        if self._globals is not None:
            self._globals.dispatch()

    def roundtrip(self) -> None:
        """Wait for the compositor to have answered every request so far (tests, start-up)."""
        if self._globals is not None:
            self._globals.roundtrip()

    def close(self) -> None:
        for surface in list(self._by_surface):
            self.release(surface)
        if self._manager:
            wl.destroy(self._manager, 0)
            self._manager = 0
        if self._globals is not None:
            self._globals.flush()
            self._globals.close()
            self._globals = None

    def _answer(self, proxy: int, state: str) -> None:
        surface = self._surface_of.get(int(proxy or 0))
        if surface is None:
            return
        self.states[surface] = state
        if self.on_change is not None:
            try:
                self.on_change(surface, state)
            except Exception:  # a callback from C: never let it unwind through libwayland
                log.exception("handling the compositor's %s answer failed", state)

    def _on_active(self, _data: int, proxy: int) -> None:
        self._answer(proxy, ENFORCED)

    def _on_inactive(self, _data: int, proxy: int) -> None:
        self._answer(proxy, INACTIVE)
