"""What other X clients do on the exam's display, as it happens: the RECORD extension (libXtst
via ctypes).

One job: tell the caller, the moment the X server handles it, that a client connected
(``started``), that a client asked for the screen's pixels (``GetImage`` or MIT-SHM's
``ShmGetImage``: what ``import``, ``xwd``, ``ffmpeg -f x11grab`` and a ten-line ``XGetImage``
script do) and that a client sent synthetic input (XTEST ``FakeInput``: ``xdotool``). Each
report carries the client's resource base, so a capture that ends before any poll could see
its program is still reported, with the client. Two connections of its own (RECORD needs a
control and a data connection): :meth:`XRecord.run` blocks on the data connection and calls
``report`` from the thread that runs it, as soon as the server sends; :meth:`XRecord.close`
(from another thread) ends it. No Qt. Without libXtst or the extension, :meth:`XRecord.open`
says why and returns None.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

_XID = ctypes.c_ulong
_FROM_CLIENT, _CLIENT_STARTED = 1, 2
_ALL_CLIENTS = 3  # XRecordAllClients: every client, those to come too
_GET_IMAGE = 73
_SHM_GET_IMAGE = 4  # MIT-SHM minor opcode
_FAKE_INPUT = 2  # XTEST minor opcode

#: Kinds of reports: (kind, client base).
STARTED, CAPTURE, INJECTED = "started", "capture", "injected"


class _Range8(ctypes.Structure):
    _fields_ = [("first", ctypes.c_ubyte), ("last", ctypes.c_ubyte)]


class _Range16(ctypes.Structure):
    _fields_ = [("first", ctypes.c_ushort), ("last", ctypes.c_ushort)]


class _ExtRange(ctypes.Structure):
    _fields_ = [("ext_major", _Range8), ("ext_minor", _Range16)]


class _Range(ctypes.Structure):
    _fields_ = [
        ("core_requests", _Range8), ("core_replies", _Range8), ("ext_requests", _ExtRange),
        ("ext_replies", _ExtRange), ("delivered_events", _Range8), ("device_events", _Range8),
        ("errors", _Range8), ("client_started", ctypes.c_int), ("client_died", ctypes.c_int),
    ]


class _InterceptData(ctypes.Structure):
    _fields_ = [
        ("id_base", _XID), ("server_time", ctypes.c_ulong), ("client_seq", ctypes.c_ulong),
        ("category", ctypes.c_int), ("client_swapped", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_ubyte)), ("data_len", ctypes.c_ulong),
    ]


_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_InterceptData))


def _libxtst() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("Xtst")
    if not name:
        return None
    lib = ctypes.CDLL(name)
    lib.XRecordQueryVersion.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
    lib.XRecordAllocRange.restype = ctypes.POINTER(_Range)
    lib.XRecordCreateContext.restype = _XID
    lib.XRecordCreateContext.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_XID), ctypes.c_int,
                                         ctypes.POINTER(ctypes.POINTER(_Range)), ctypes.c_int]
    lib.XRecordEnableContext.argtypes = [ctypes.c_void_p, _XID, _CALLBACK, ctypes.c_void_p]
    lib.XRecordDisableContext.argtypes = [ctypes.c_void_p, _XID]
    lib.XRecordFreeContext.argtypes = [ctypes.c_void_p, _XID]
    lib.XRecordFreeData.argtypes = [ctypes.POINTER(_InterceptData)]
    return lib


class XRecord:
    """``XRecord.open(report)`` -> recording on ``$DISPLAY`` (None, logged, when it cannot);
    ``report(kind, client_base)`` is called from :meth:`process`; ``close()`` when done."""

    def __init__(self, x11: ctypes.CDLL, xtst: ctypes.CDLL, control: int, data: int,
                 report: Callable[[str, int], None]) -> None:
        self._x11 = x11
        self._xtst = xtst
        self._control = control
        self._data = data
        self._report = report
        self._context = 0
        self._callback = _CALLBACK(self._intercepted)  # kept: the library holds a pointer to it
        self._shm = self._xtest = -1

    @classmethod
    def open(cls, report: Callable[[str, int], None]) -> XRecord | None:
        from launcher.platform.x11_windows import _libx11

        x11, xtst = _libx11(), _libxtst()
        if x11 is None or xtst is None:
            log.warning("X clients cannot be followed as they act: libXtst is not installed (libxtst6)")
            return None
        control = x11.XOpenDisplay(None)
        data = x11.XOpenDisplay(None) if control else None
        if not control or not data:
            for dpy in (control, data):
                if dpy:
                    x11.XCloseDisplay(dpy)
            log.warning("X clients cannot be followed as they act: the X display cannot be opened")
            return None
        major, minor = ctypes.c_int(), ctypes.c_int()
        if not xtst.XRecordQueryVersion(control, ctypes.byref(major), ctypes.byref(minor)):
            x11.XCloseDisplay(control)
            x11.XCloseDisplay(data)
            log.warning("X clients cannot be followed as they act: the X server has no RECORD extension")
            return None
        recorder = cls(x11, xtst, control, data, report)
        if not recorder._create():
            recorder.close()
            return None
        return recorder

    def _opcode(self, name: bytes) -> int:
        opcode, event, error = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        self._x11.XQueryExtension.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                              ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        if self._x11.XQueryExtension(self._control, name, ctypes.byref(opcode), ctypes.byref(event),
                                     ctypes.byref(error)):
            return opcode.value
        return -1

    def _create(self) -> bool:
        self._shm = self._opcode(b"MIT-SHM")
        self._xtest = self._opcode(b"XTEST")
        ranges = []
        first = self._xtst.XRecordAllocRange()
        first.contents.client_started = 1
        first.contents.core_requests.first = first.contents.core_requests.last = _GET_IMAGE
        ranges.append(first)
        for major, minor in ((self._shm, _SHM_GET_IMAGE), (self._xtest, _FAKE_INPUT)):
            if major < 0:
                continue
            extra = self._xtst.XRecordAllocRange()
            extra.contents.ext_requests.ext_major.first = extra.contents.ext_requests.ext_major.last = major
            extra.contents.ext_requests.ext_minor.first = extra.contents.ext_requests.ext_minor.last = minor
            ranges.append(extra)
        spec = _XID(_ALL_CLIENTS)
        array = (ctypes.POINTER(_Range) * len(ranges))(*ranges)
        self._context = int(self._xtst.XRecordCreateContext(self._control, 0, ctypes.byref(spec), 1,
                                                            array, len(ranges)))
        for r in ranges:
            self._x11.XFree(r)
        if not self._context:
            log.warning("X clients cannot be followed as they act: the RECORD context was refused")
            return False
        self._x11.XSync(self._control, 0)
        return True

    def run(self) -> None:
        """Record until :meth:`stop` (blocks: run it on a thread of its own)."""
        if not self._xtst.XRecordEnableContext(self._data, self._context, self._callback, None):
            log.warning("X clients cannot be followed as they act: recording could not start")

    def _intercepted(self, _closure: int, data_ptr: ctypes._Pointer[_InterceptData]) -> None:
        try:
            data = data_ptr.contents
            base = int(data.id_base)
            if data.category == _CLIENT_STARTED:
                self._report(STARTED, base)
            elif data.category == _FROM_CLIENT and data.data_len >= 1:
                opcode = data.data[0]
                if opcode == _GET_IMAGE:
                    self._report(CAPTURE, base)
                elif opcode == self._shm and data.data_len >= 2 and data.data[1] == _SHM_GET_IMAGE:
                    self._report(CAPTURE, base)
                elif opcode == self._xtest and data.data_len >= 2 and data.data[1] == _FAKE_INPUT:
                    self._report(INJECTED, base)
        except Exception:  # never let an exception cross back into libXtst
            log.exception("Handling a recorded X request failed")
        finally:
            self._xtst.XRecordFreeData(data_ptr)

    def stop(self) -> None:
        """End :meth:`run` (from another thread than the one running it)."""
        if self._context and self._control:
            self._xtst.XRecordDisableContext(self._control, self._context)
            self._x11.XSync(self._control, 0)

    def close(self) -> None:
        """After :meth:`run` returned (or never ran): free the context and both connections."""
        if self._context and self._control:
            self._xtst.XRecordFreeContext(self._control, self._context)
            self._x11.XSync(self._control, 0)
        self._context = 0
        for name in ("_data", "_control"):
            dpy = getattr(self, name)
            if dpy:
                self._x11.XCloseDisplay(dpy)
                setattr(self, name, 0)
