"""Top-level X11 windows through the window manager's EWMH hints, with libX11 via ctypes.

One job: find the windows a process (and its children) shows (``_NET_CLIENT_LIST`` +
``_NET_WM_PID``), read and set the active window (``_NET_ACTIVE_WINDOW``) and add or remove a
window's always-on-top state (``_NET_WM_STATE_ABOVE``) — what a permitted program needs to come
in front of the exam (SEB: lockdown.md §9); read the stacking order, window types and states and
minimize a window — what keeps other programs' windows from covering it (§8). Its own X connection (Qt exposes none to Python);
needs nothing beyond libX11, which every X desktop has. No Qt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

_Window = ctypes.c_ulong
_Atom = ctypes.c_ulong
_CLIENT_MESSAGE = 33
_PROP_MODE_REPLACE = 0
_SUBSTRUCTURE_MASKS = (1 << 19) | (1 << 20)  # SubstructureNotify | SubstructureRedirect
_SOURCE_PAGER = 2  # EWMH source indication: a pager/taskbar acts for the user (WMs obey it)
_STATE_REMOVE, _STATE_ADD = 0, 1
_ICONIC_STATE = 3  # ICCCM WM_CHANGE_STATE: minimize
_PROPERTY_CHANGE_MASK = 1 << 22
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
_PROPERTY_NOTIFY = 28


class _EventHeader(ctypes.Structure):
    """The fields every X event starts with (``XAnyEvent``)."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", _Window),
    ]


class _ClientMessage(_EventHeader):
    _fields_ = [("message_type", _Atom), ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class _PropertyEvent(_EventHeader):
    _fields_ = [("atom", _Atom), ("time", ctypes.c_ulong), ("state", ctypes.c_int)]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("xproperty", _PropertyEvent), ("pad", ctypes.c_long * 24)]


class _WindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", _Window), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


_IS_VIEWABLE = 2
_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_lib: ctypes.CDLL | None = None
_handler_ref: object = None


def _ignore_error(_display: int, _event: int) -> int:
    return 0  # a window that vanished between listing and reading it (BadWindow): not fatal


def _libx11() -> ctypes.CDLL | None:
    global _lib, _handler_ref
    if _lib is not None:
        return _lib
    name = ctypes.util.find_library("X11")
    if not name:
        return None
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XDefaultRootWindow.restype = _Window
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = _Atom
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, _Window, _Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int, _Atom,
        ctypes.POINTER(_Atom), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p),
    ]
    lib.XSendEvent.argtypes = [ctypes.c_void_p, _Window, ctypes.c_int, ctypes.c_long, ctypes.POINTER(_XEvent)]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p, _Window, ctypes.POINTER(_Window), ctypes.POINTER(_Window),
        ctypes.POINTER(ctypes.POINTER(_Window)), ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XGetWindowAttributes.argtypes = [ctypes.c_void_p, _Window, ctypes.POINTER(_WindowAttributes)]
    lib.XLowerWindow.argtypes = [ctypes.c_void_p, _Window]
    lib.XUnmapWindow.argtypes = [ctypes.c_void_p, _Window]
    lib.XSelectInput.argtypes = [ctypes.c_void_p, _Window, ctypes.c_long]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    lib.XSetErrorHandler.argtypes = [_ERROR_HANDLER]
    _handler_ref = _ERROR_HANDLER(_ignore_error)
    lib.XSetErrorHandler(_handler_ref)
    _lib = lib
    return lib


def process_tree(pid: int, proc_root: Path = Path("/proc")) -> set[int]:
    """``pid`` and all its descendants (from ``/proc/*/stat``; just ``{pid}`` elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir(proc_root) if e.isdigit()]
    except OSError:
        return {pid}
    root = str(proc_root)
    for entry in entries:
        try:
            with open(f"{root}/{entry}/stat", "rb") as fh:
                stat = fh.read()
            ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = {pid}, [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class X11Windows:
    """``X11Windows.open()`` -> an instance on ``$DISPLAY`` (None when there is no X server or
    no libX11); ``close()`` when done."""

    def __init__(self, lib: ctypes.CDLL, display: int) -> None:
        self._lib = lib
        self._dpy = display
        self._root = lib.XDefaultRootWindow(display)
        self._atoms: dict[str, int] = {}

    @classmethod
    def open(cls) -> X11Windows | None:
        lib = _libx11()
        if lib is None:
            log.warning("libX11 not found: permitted programs cannot be brought in front of the exam")
            return None
        display = lib.XOpenDisplay(None)
        if not display:
            log.warning("cannot open the X display: permitted programs stay behind the exam")
            return None
        return cls(lib, display)

    def close(self) -> None:
        if self._dpy:
            self._lib.XCloseDisplay(self._dpy)
            self._dpy = 0

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = int(self._lib.XInternAtom(self._dpy, name.encode(), 0))
        return self._atoms[name]

    def atoms(self, *names: str) -> set[int]:
        """The X atoms of ``names`` (as ``events`` reports changed properties)."""
        return {self._atom(n) for n in names}

    def _property(self, window: int, prop: str, kind: str, want_format: int) -> list[int] | bytes:
        actual, fmt = _Atom(), ctypes.c_int()
        nitems, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._lib.XGetWindowProperty(
            self._dpy, window, self._atom(prop), 0, 4096, 0, self._atom(kind),
            ctypes.byref(actual), ctypes.byref(fmt), ctypes.byref(nitems), ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return []
        try:
            if fmt.value != want_format:
                return []
            if want_format == 8:
                return ctypes.string_at(data, nitems.value)
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))  # format 32 = C longs
            return [int(values[i]) for i in range(nitems.value)]
        finally:
            self._lib.XFree(data)

    def _cardinals(self, window: int, prop: str, kind: str) -> list[int]:
        values = self._property(window, prop, kind, 32)
        return values if isinstance(values, list) else []

    def wm_class(self, window: int) -> tuple[str, ...]:
        """``WM_CLASS`` (instance and class name), lower case."""
        raw = self._property(window, "WM_CLASS", "STRING", 8)
        if not isinstance(raw, bytes):
            return ()
        return tuple(p.decode("latin-1").lower() for p in raw.split(b"\0") if p)

    def client_windows(self) -> list[int]:
        """The window manager's managed top-level windows (``_NET_CLIENT_LIST``)."""
        return self._cardinals(self._root, "_NET_CLIENT_LIST", "WINDOW")

    def pid_of(self, window: int) -> int:
        values = self._cardinals(window, "_NET_WM_PID", "CARDINAL")
        return values[0] if values else 0

    def windows_of(self, pids: set[int], names: frozenset[str] | set[str] = frozenset()) -> list[int]:
        """Managed top-level windows whose ``_NET_WM_PID`` is in ``pids`` (oldest first); a window
        without ``_NET_WM_PID`` (old Xt programs: xmessage, xcalc) matches by ``WM_CLASS`` when
        one of its names is in ``names`` (lower-case program names)."""
        found = []
        for window in self.client_windows():
            pid = self.pid_of(window)
            if pid in pids or (not pid and names and set(self.wm_class(window)) & names):
                found.append(window)
        return found

    def active_window(self) -> int:
        values = self._cardinals(self._root, "_NET_ACTIVE_WINDOW", "WINDOW")
        return values[0] if values else 0

    def watch_root(self, *, properties: bool = False, children: bool = False) -> None:
        """Receive the root window's events on this connection (``events``): its property
        changes (the active window, the stacking list) and its children's (top-level windows
        and frames created, shown, hidden, moved or restacked). Neither: stop."""
        mask = (_PROPERTY_CHANGE_MASK if properties else 0) | (_SUBSTRUCTURE_NOTIFY_MASK if children else 0)
        self._lib.XSelectInput(self._dpy, self._root, mask)
        if not mask:
            self.events()  # what came before
        self._lib.XFlush(self._dpy)

    def fileno(self) -> int:
        """The connection's socket: readable when events may wait (``events`` reads them)."""
        return int(self._lib.XConnectionNumber(self._dpy))

    def events(self) -> list[tuple[int, int]]:
        """The events that came since the last call (after ``watch_root``) as (X event type,
        the changed property's atom or 0), oldest first."""
        found, event = [], _XEvent()
        while self._lib.XPending(self._dpy):
            self._lib.XNextEvent(self._dpy, ctypes.byref(event))
            kind = event.xproperty.type  # every event starts with its type
            found.append((kind, int(event.xproperty.atom) if kind == _PROPERTY_NOTIFY else 0))
        return found

    def active_changes(self) -> int:
        """How often the window manager set the active window since the last call (after
        ``watch_root(properties=True)``): a change between two looks at ``active_window``
        is seen too."""
        atom = self._atom("_NET_ACTIVE_WINDOW")
        return sum(1 for kind, changed in self.events() if kind == _PROPERTY_NOTIFY and changed == atom)

    def _message(self, window: int, kind: str, data: list[int]) -> None:
        event = _XEvent()
        msg = event.xclient
        msg.type = _CLIENT_MESSAGE
        msg.send_event = 1
        msg.display = self._dpy
        msg.window = window
        msg.message_type = self._atom(kind)
        msg.format = 32
        for i, value in enumerate(data[:5]):
            msg.data[i] = value
        self._lib.XSendEvent(self._dpy, self._root, 0, _SUBSTRUCTURE_MASKS, ctypes.byref(event))
        self._lib.XFlush(self._dpy)

    def activate(self, window: int) -> None:
        """Ask the window manager to raise ``window`` and give it the focus."""
        self._message(window, "_NET_ACTIVE_WINDOW", [_SOURCE_PAGER, 0, 0, 0, 0])

    def set_above(self, window: int, above: bool) -> None:
        """Add or remove ``window``'s always-on-top state (no unmap, so nothing flashes)."""
        action = _STATE_ADD if above else _STATE_REMOVE
        self._message(window, "_NET_WM_STATE", [action, self._atom("_NET_WM_STATE_ABOVE"), 0, _SOURCE_PAGER, 0])

    def stacking(self) -> list[int]:
        """Managed top-level windows, bottom to top (``_NET_CLIENT_LIST_STACKING``)."""
        return self._cardinals(self._root, "_NET_CLIENT_LIST_STACKING", "WINDOW")

    def has_type(self, window: int, names: set[str]) -> bool:
        """Whether ``window``'s ``_NET_WM_WINDOW_TYPE`` includes one of ``names``."""
        wanted = self.atoms(*names)
        return bool(wanted.intersection(self._cardinals(window, "_NET_WM_WINDOW_TYPE", "ATOM")))

    def is_hidden(self, window: int) -> bool:
        """Minimized (``_NET_WM_STATE_HIDDEN``)."""
        return self._atom("_NET_WM_STATE_HIDDEN") in self._cardinals(window, "_NET_WM_STATE", "ATOM")

    def iconify(self, window: int) -> None:
        """Ask the window manager to minimize ``window`` (ICCCM ``WM_CHANGE_STATE`` IconicState)."""
        self._message(window, "WM_CHANGE_STATE", [_ICONIC_STATE, 0, 0, 0, 0])

    def _tree(self, window: int) -> tuple[int, list[int]]:
        """(parent, children bottom to top) of ``window``; (0, []) when it is gone."""
        root, parent = _Window(), _Window()
        children, count = ctypes.POINTER(_Window)(), ctypes.c_uint()
        if not self._lib.XQueryTree(self._dpy, window, ctypes.byref(root), ctypes.byref(parent),
                                    ctypes.byref(children), ctypes.byref(count)):
            return 0, []
        try:
            return int(parent.value), [int(children[i]) for i in range(count.value)]
        finally:
            if children:
                self._lib.XFree(children)

    def top_level_of(self, window: int) -> int:
        """The root's child that holds ``window`` (its window manager frame, or itself)."""
        current = window
        for _ in range(32):
            parent, _children = self._tree(current)
            if not parent or parent == self._root:
                return current
            current = parent
        return current

    def unmanaged_above(self, window: int) -> list[int]:
        """Shown override-redirect windows (not managed by the window manager: notification
        bubbles, menus, tooltips) larger than a few pixels, stacked above ``window``'s
        top-level, bottom to top."""
        top = self.top_level_of(window)
        _parent, children = self._tree(self._root)
        if top not in children:
            return []
        found = []
        for child in children[children.index(top) + 1:]:
            attrs = _WindowAttributes()
            if not self._lib.XGetWindowAttributes(self._dpy, child, ctypes.byref(attrs)):
                continue
            # helper windows (a window manager's or a toolkit's 1×1 ones) show nothing
            if attrs.override_redirect and attrs.map_state == _IS_VIEWABLE and min(attrs.width, attrs.height) > 4:
                found.append(child)
        return found

    def is_viewable(self, window: int) -> bool:
        """Whether ``window`` is mapped and shown now (what its ``_NET_WM_STATE`` says does not
        count: a program can claim to be hidden)."""
        attrs = _WindowAttributes()
        if not self._lib.XGetWindowAttributes(self._dpy, window, ctypes.byref(attrs)):
            return False
        return attrs.map_state == _IS_VIEWABLE

    def unmap(self, window: int) -> None:
        """Take ``window`` off the screen (any client may; a managed window is withdrawn)."""
        self._lib.XUnmapWindow(self._dpy, window)
        self._lib.XFlush(self._dpy)

    def wm_check_window(self) -> int:
        """The window manager's check window (``_NET_SUPPORTING_WM_CHECK``; 0: none)."""
        values = self._cardinals(self._root, "_NET_SUPPORTING_WM_CHECK", "WINDOW")
        return values[0] if values else 0

    def lower(self, window: int) -> None:
        """Put ``window`` at the bottom of the stack (behind every other window)."""
        self._lib.XLowerWindow(self._dpy, window)
        self._lib.XFlush(self._dpy)
