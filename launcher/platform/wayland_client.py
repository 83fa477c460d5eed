"""libwayland-client through ``ctypes``: protocol interfaces, and globals bound on a queue of our own.

One job: let the launcher speak a small Wayland protocol that Qt does not (the keyboard-shortcuts
inhibitor; the tests' virtual keyboard) on the connection Qt already has, without disturbing Qt.

* :func:`interface` builds a ``struct wl_interface`` (with its ``wl_message`` tables) in ctypes
  memory that lives as long as the process.
* :class:`Globals` creates a ``wl_registry`` on an event queue of its own (a proxy wrapper of the
  display set to that queue, so not one of its events is ever dispatched by Qt's thread), lists
  the compositor's globals with one ``wl_display_roundtrip_queue`` and binds the ones asked for.
  Objects made from a bound global inherit that queue; :meth:`Globals.dispatch` runs their events.
* Requests go through the array forms of ``wl_proxy_marshal`` (no C varargs through ctypes).

:func:`load` raises :class:`WaylandUnavailable` with a clear sentence when
``libwayland-client.so.0`` (Debian: ``libwayland-client0``) is missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Iterable, Sequence
from typing import Any

log = logging.getLogger(__name__)

LIBRARY = "libwayland-client.so.0"

c_void_p = ctypes.c_void_p
c_uint32 = ctypes.c_uint32


class WaylandUnavailable(RuntimeError):
    """libwayland-client cannot be loaded, or the compositor's connection failed."""


class Message(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("signature", ctypes.c_char_p), ("types", ctypes.POINTER(c_void_p))]


class Interface(ctypes.Structure):
    pass


Interface._fields_ = [
    ("name", ctypes.c_char_p),
    ("version", ctypes.c_int),
    ("method_count", ctypes.c_int),
    ("methods", ctypes.POINTER(Message)),
    ("event_count", ctypes.c_int),
    ("events", ctypes.POINTER(Message)),
]


class Argument(ctypes.Union):
    """``union wl_argument``: one request argument."""

    _fields_ = [("i", ctypes.c_int32), ("u", c_uint32), ("s", ctypes.c_char_p), ("o", c_void_p),
                ("n", c_uint32), ("a", c_void_p), ("h", ctypes.c_int32)]


_KEEP: list[Any] = []  # ctypes memory the library points into: kept for the process' lifetime

#: A message: (name, signature, types) — types holds one Interface (or None) per argument.
MessageSpec = tuple[str, str, Sequence["Interface | None"]]


def interface(name: str, version: int, requests: Sequence[MessageSpec], events: Sequence[MessageSpec]) -> Interface:
    """A ``struct wl_interface`` for ``name`` (kept alive for good)."""

    def table(specs: Sequence[MessageSpec]) -> Any:
        arr = (Message * max(1, len(specs)))()
        for i, (mname, sig, types) in enumerate(specs):
            ptrs = (c_void_p * max(1, len(types)))(*[ctypes.addressof(t) if t is not None else None for t in types])
            _KEEP.append(ptrs)
            arr[i] = Message(mname.encode(), sig.encode(), ctypes.cast(ptrs, ctypes.POINTER(c_void_p)))
        _KEEP.append(arr)
        return ctypes.cast(arr, ctypes.POINTER(Message))

    iface = Interface(name.encode(), version, len(requests), table(requests), len(events), table(events))
    _KEEP.append(iface)
    return iface


_lib: ctypes.CDLL | None = None


def load() -> ctypes.CDLL:
    """libwayland-client, with the prototypes this module uses (cached)."""
    global _lib
    if _lib is not None:
        return _lib
    try:
        lib = ctypes.CDLL(LIBRARY)
    except OSError as exc:
        raise WaylandUnavailable(
            f"{LIBRARY} is not installed (Debian/Ubuntu: the package libwayland-client0): {exc}"
        ) from None
    protos: dict[str, tuple[Any, list[Any]]] = {
        "wl_display_connect": (c_void_p, [ctypes.c_char_p]),
        "wl_display_disconnect": (None, [c_void_p]),
        "wl_display_create_queue": (c_void_p, [c_void_p]),
        "wl_event_queue_destroy": (None, [c_void_p]),
        "wl_display_roundtrip_queue": (ctypes.c_int, [c_void_p, c_void_p]),
        "wl_display_dispatch_queue_pending": (ctypes.c_int, [c_void_p, c_void_p]),
        "wl_display_flush": (ctypes.c_int, [c_void_p]),
        "wl_display_get_error": (ctypes.c_int, [c_void_p]),
        "wl_proxy_create_wrapper": (c_void_p, [c_void_p]),
        "wl_proxy_wrapper_destroy": (None, [c_void_p]),
        "wl_proxy_set_queue": (None, [c_void_p, c_void_p]),
        "wl_proxy_add_listener": (ctypes.c_int, [c_void_p, c_void_p, c_void_p]),
        "wl_proxy_destroy": (None, [c_void_p]),
        "wl_proxy_get_version": (c_uint32, [c_void_p]),
        "wl_proxy_marshal_array": (None, [c_void_p, c_uint32, ctypes.POINTER(Argument)]),
        "wl_proxy_marshal_array_constructor_versioned": (
            c_void_p, [c_void_p, c_uint32, ctypes.POINTER(Argument), ctypes.POINTER(Interface), c_uint32]),
    }
    for fname, (restype, argtypes) in protos.items():
        fn = getattr(lib, fname)
        fn.restype = restype
        fn.argtypes = argtypes
    _lib = lib
    return lib


def core_interface(name: str) -> Interface:
    """One of libwayland-client's own interfaces (``wl_surface``, ``wl_seat`` …)."""
    return Interface.in_dll(load(), f"{name}_interface")


def _args(values: Iterable[Any]) -> Any:
    vals = list(values)
    arr = (Argument * max(1, len(vals)))()
    for i, v in enumerate(vals):
        if isinstance(v, str):
            arr[i].s = v.encode()
        elif isinstance(v, tuple) and v and v[0] == "o":  # an object argument
            arr[i].o = v[1]
        elif isinstance(v, tuple) and v and v[0] == "h":  # a file descriptor
            arr[i].h = v[1]
        elif v is None:
            arr[i].o = None
        else:
            arr[i].u = int(v) & 0xFFFFFFFF
    return arr


def request(proxy: int, opcode: int, *args: Any) -> None:
    """Send a request that creates no object (``("o", ptr)`` for object arguments)."""
    load().wl_proxy_marshal_array(proxy, opcode, _args(args))


def create(proxy: int, opcode: int, iface: Interface, version: int, *args: Any) -> int:
    """Send a request whose ``new_id`` (``None`` in ``args``) is an ``iface`` object; its proxy."""
    made = load().wl_proxy_marshal_array_constructor_versioned(proxy, opcode, _args(args), ctypes.byref(iface), version)
    if not made:
        raise WaylandUnavailable(f"the compositor connection refused a new {iface.name.decode()}")
    return int(made)


def destroy(proxy: int, opcode: int | None = 0) -> None:
    """Send the object's destructor request (``opcode``; None: no request) and free the proxy."""
    if opcode is not None:
        request(proxy, opcode)
    load().wl_proxy_destroy(proxy)


def listen(proxy: int, callbacks: Sequence[Any]) -> Any:
    """Add a listener (C function pointers in event order); keep the returned table alive."""
    table = (c_void_p * len(callbacks))(*[ctypes.cast(cb, c_void_p) for cb in callbacks])
    if load().wl_proxy_add_listener(proxy, table, None) != 0:
        raise WaylandUnavailable("a listener was already set on this Wayland object")
    return table


_GLOBAL = ctypes.CFUNCTYPE(None, c_void_p, c_void_p, c_uint32, ctypes.c_char_p, c_uint32)
_GLOBAL_REMOVE = ctypes.CFUNCTYPE(None, c_void_p, c_void_p, c_uint32)


class Globals:
    """The compositor's globals, read on an event queue of our own on ``display`` (a
    ``wl_display*``: Qt's, or one from :func:`connect`)."""

    def __init__(self, display: int) -> None:
        lib = load()
        self.lib = lib
        self.display = int(display)
        self.queue = int(lib.wl_display_create_queue(self.display) or 0)
        if not self.queue:
            raise WaylandUnavailable("no event queue could be created on the Wayland connection")
        self.offered: dict[str, tuple[int, int]] = {}  # interface -> (name, version)
        self._callbacks = (_GLOBAL(self._on_global), _GLOBAL_REMOVE(self._on_global_remove))
        wrapper = lib.wl_proxy_create_wrapper(self.display)
        lib.wl_proxy_set_queue(wrapper, self.queue)
        try:  # wl_display.get_registry: its events come to our queue only
            self.registry = create(wrapper, 1, core_interface("wl_registry"), 1, None)
        finally:
            lib.wl_proxy_wrapper_destroy(wrapper)
        self._listener = listen(self.registry, self._callbacks)
        self.roundtrip()

    def _on_global(self, _data: int, _registry: int, name: int, iface: bytes, version: int) -> None:
        self.offered[iface.decode(errors="replace")] = (name, version)

    def _on_global_remove(self, _data: int, _registry: int, name: int) -> None:
        self.offered = {k: v for k, v in self.offered.items() if v[0] != name}

    def roundtrip(self) -> None:
        if self.lib.wl_display_roundtrip_queue(self.display, self.queue) < 0:
            raise WaylandUnavailable(f"the Wayland connection failed (error {self.lib.wl_display_get_error(self.display)})")

    def bind(self, iface: Interface, version: int) -> int | None:
        """Bind the global ``iface`` (at most ``version``); None when the compositor has none."""
        name = iface.name.decode()
        if name not in self.offered:
            return None
        number, offered = self.offered[name]
        use = min(version, offered)
        return create(self.registry, 0, iface, use, number, name, use, None)

    def dispatch(self) -> None:
        """Run the events already read for our queue (Qt's thread reads the socket)."""
        self.lib.wl_display_dispatch_queue_pending(self.display, self.queue)

    def flush(self) -> None:
        self.lib.wl_display_flush(self.display)

    def close(self) -> None:
        if self.registry:
            self.lib.wl_proxy_destroy(self.registry)
            self.registry = 0
        if self.queue:
            self.lib.wl_event_queue_destroy(self.queue)
            self.queue = 0


def connect(name: str | None = None) -> int:
    """A connection of our own (``wl_display*``) to ``name`` (None: libwayland's default)."""
    display = load().wl_display_connect(name.encode() if name else None)
    if not display:
        raise WaylandUnavailable(f"no Wayland compositor answers on {name or 'the default socket'}")
    return int(display)


def disconnect(display: int) -> None:
    load().wl_display_disconnect(display)


def socket_path(name: str | None = None) -> str | None:
    """Where libwayland would connect for ``name`` (None: ``WAYLAND_DISPLAY``, else
    ``wayland-0``); None when it would have nowhere to go (no ``XDG_RUNTIME_DIR`` for a
    relative name). ``WAYLAND_SOCKET`` (an inherited descriptor) is left to libwayland: ``""``."""
    from launcher.lockdown.wayland_compositor import socket_path as resolved

    if name is None and os.environ.get("WAYLAND_SOCKET"):
        return ""
    env = dict(os.environ) if name is None else {**os.environ, "WAYLAND_DISPLAY": name}
    return resolved(env) or None


def offered_globals(name: str | None = None) -> set[str] | None:
    """The interfaces a compositor offers on a connection of our own, None when none answers.

    Nothing is asked of libwayland when no socket is there to answer (it would print an error
    of its own on stderr, e.g. without ``XDG_RUNTIME_DIR``)."""
    path = socket_path(name)
    if path is None or (path and not os.path.exists(path)):
        return None
    try:
        display = connect(name)
    except WaylandUnavailable:
        return None
    try:
        globals_ = Globals(display)
        offered = set(globals_.offered)
        globals_.close()
        return offered
    finally:
        disconnect(display)

