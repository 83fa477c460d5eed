"""The X clients connected to a display and the process behind each, with libXRes via ctypes.

One job: ask the X server itself (the X-Resource extension, version 1.2) which clients are
connected (``XResQueryClients``: each client's resource base and mask) and which process each
one is (``XResQueryClientIds`` with the local-client-PID spec: the server reads the peer
credentials of the client's socket, so a program cannot lie about it as it can with
``_NET_WM_PID``). A window belongs to the client whose resource base its id carries. Its own X
connection; no Qt. Without libXRes or the extension, :meth:`XClients.open` says why and returns
None.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

_XID = ctypes.c_ulong
_PID_MASK = 1 << 1  # XRES_CLIENT_ID_PID_MASK


class _Client(ctypes.Structure):
    _fields_ = [("resource_base", _XID), ("resource_mask", _XID)]


class _IdSpec(ctypes.Structure):
    _fields_ = [("client", _XID), ("mask", ctypes.c_uint)]


class _IdValue(ctypes.Structure):
    _fields_ = [("spec", _IdSpec), ("length", ctypes.c_long), ("value", ctypes.c_void_p)]


@dataclass(frozen=True)
class Client:
    """One connection to the X server: ``base`` (its resource-id base, which every window it
    creates carries), ``mask`` and ``pid`` (0 when the server does not know it: a client over
    TCP, or from another machine or PID namespace)."""

    base: int
    mask: int
    pid: int

    def owns(self, xid: int) -> bool:
        return (xid & ~self.mask) == self.base


_lib: ctypes.CDLL | None = None
_missing = ""


def _libxres() -> ctypes.CDLL | None:
    global _lib, _missing
    if _lib is not None or _missing:
        return _lib
    name = ctypes.util.find_library("XRes")
    if not name:
        _missing = "libXRes is not installed (Debian/Ubuntu: libxres1)"
        return None
    lib = ctypes.CDLL(name)
    lib.XResQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
    lib.XResQueryVersion.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
    lib.XResQueryClients.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                     ctypes.POINTER(ctypes.POINTER(_Client))]
    lib.XResQueryClientIds.argtypes = [ctypes.c_void_p, ctypes.c_long, ctypes.POINTER(_IdSpec),
                                       ctypes.POINTER(ctypes.c_long), ctypes.POINTER(ctypes.POINTER(_IdValue))]
    lib.XResGetClientPid.restype = ctypes.c_int
    lib.XResGetClientPid.argtypes = [ctypes.POINTER(_IdValue)]
    lib.XResClientIdsDestroy.argtypes = [ctypes.c_long, ctypes.POINTER(_IdValue)]
    _lib = lib
    return lib


class XClients:
    """``XClients.open()`` -> the clients of ``$DISPLAY`` (None, logged, when they cannot be
    asked for); ``close()`` when done."""

    def __init__(self, x11: ctypes.CDLL, xres: ctypes.CDLL, display: int) -> None:
        self._x11 = x11
        self._xres = xres
        self._dpy = display
        self.server_base = 0  # the server's own resources (the root window, …)

    @classmethod
    def open(cls) -> XClients | None:
        from launcher.platform.x11_windows import _libx11

        x11 = _libx11()
        xres = _libxres()
        if x11 is None or xres is None:
            log.warning("the X clients cannot be listed: %s", _missing or "libX11 is not installed")
            return None
        display = x11.XOpenDisplay(None)
        if not display:
            log.warning("the X clients cannot be listed: the X display cannot be opened")
            return None
        event, error = ctypes.c_int(), ctypes.c_int()
        major, minor = ctypes.c_int(), ctypes.c_int()
        if (not xres.XResQueryExtension(display, ctypes.byref(event), ctypes.byref(error))
                or not xres.XResQueryVersion(display, ctypes.byref(major), ctypes.byref(minor))
                or (major.value, minor.value) < (1, 2)):
            x11.XCloseDisplay(display)
            log.warning("the X clients cannot be listed: the X server has no X-Resource 1.2 extension")
            return None
        return cls(x11, xres, display)

    def close(self) -> None:
        if self._dpy:
            self._x11.XCloseDisplay(self._dpy)
            self._dpy = 0

    def pids(self) -> dict[int, int]:
        """Client resource base -> pid, for every client whose pid the server knows."""
        spec = _IdSpec(0, _PID_MASK)  # client None: every client
        count, values = ctypes.c_long(), ctypes.POINTER(_IdValue)()
        if self._xres.XResQueryClientIds(self._dpy, 1, ctypes.byref(spec), ctypes.byref(count),
                                         ctypes.byref(values)) != 0:
            return {}
        try:
            found = {}
            for i in range(count.value):
                pid = int(self._xres.XResGetClientPid(ctypes.byref(values[i])))
                if pid > 0:
                    found[int(values[i].spec.client)] = pid
            return found
        finally:
            self._xres.XResClientIdsDestroy(count, values)

    def clients(self) -> list[Client]:
        """Every client connected now (the server's own resources excluded), with its pid."""
        count, listing = ctypes.c_int(), ctypes.POINTER(_Client)()
        if not self._xres.XResQueryClients(self._dpy, ctypes.byref(count), ctypes.byref(listing)):
            return []
        try:
            raw = [(int(listing[i].resource_base), int(listing[i].resource_mask)) for i in range(count.value)]
        finally:
            if listing:
                self._x11.XFree(listing)
        pids = self.pids()
        return [Client(base, mask, pids.get(base, 0)) for base, mask in raw if base != self.server_base]

    def pid_of_window(self, window: int, clients: list[Client] | None = None) -> int:
        """The pid of the process whose X connection created ``window`` (0: unknown)."""
        for client in clients if clients is not None else self.clients():
            if client.owns(window):
                return client.pid
        return 0
