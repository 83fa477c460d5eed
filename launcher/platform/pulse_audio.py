"""The computer's speakers through the sound server: the default output's volume and mute.

One job: talk to the PulseAudio sound server (PipeWire desktops serve the same protocol through
``pipewire-pulse``) with ``libpulse.so.0`` through ``ctypes``: connect, read the default sink's
per-channel volume and mute, set them. Every call is synchronous on the caller's thread and
bounded by a timeout (a ``pa_mainloop`` driven with prepare/poll/dispatch), so a hung server
costs at most that long and never blocks the exam.

``PulseClient()`` — ``connect()``, ``default_sink()``, ``set_volume(sink, channels)``,
``set_mute(sink, mute)``, ``close()``; every failure is a :class:`PulseError` with a sentence a
log reader understands (no library, no server, a timeout). No server is ever started
(``PA_CONTEXT_NOAUTOSPAWN``); ``PULSE_SERVER`` picks the server as for every PulseAudio client.
"""

from __future__ import annotations

import ctypes
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

LIBRARY = "libpulse.so.0"
#: 100 % in PulseAudio's volume units (``PA_VOLUME_NORM``); ``pactl`` shows raw / NORM as percent.
VOLUME_NORM = 0x10000
CHANNELS_MAX = 32
TIMEOUT_S = 2.0

# pa_context_state_t, pa_operation_state_t, pa_context_flags_t
_READY, _FAILED, _TERMINATED = 4, 5, 6
_OP_RUNNING = 0
_NOAUTOSPAWN = 1


class PulseError(Exception):
    """Sound server unreachable or an operation that did not complete."""


class _SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


class _ChannelMap(ctypes.Structure):
    _fields_ = [("channels", ctypes.c_uint8), ("map", ctypes.c_int * CHANNELS_MAX)]


class _CVolume(ctypes.Structure):
    _fields_ = [("channels", ctypes.c_uint8), ("values", ctypes.c_uint32 * CHANNELS_MAX)]


class _ServerInfo(ctypes.Structure):  # the leading fields of pa_server_info (read only)
    _fields_ = [
        ("user_name", ctypes.c_char_p), ("host_name", ctypes.c_char_p),
        ("server_version", ctypes.c_char_p), ("server_name", ctypes.c_char_p),
        ("sample_spec", _SampleSpec), ("default_sink_name", ctypes.c_char_p),
    ]


class _SinkInfo(ctypes.Structure):  # the leading fields of pa_sink_info (read only)
    _fields_ = [
        ("name", ctypes.c_char_p), ("index", ctypes.c_uint32), ("description", ctypes.c_char_p),
        ("sample_spec", _SampleSpec), ("channel_map", _ChannelMap), ("owner_module", ctypes.c_uint32),
        ("volume", _CVolume), ("mute", ctypes.c_int),
    ]


_SERVER_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_ServerInfo), ctypes.c_void_p)
_SINK_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_SinkInfo), ctypes.c_int, ctypes.c_void_p)
_SUCCESS_CB = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


@dataclass(frozen=True)
class Sink:
    """One output as the server reports it: ``channels`` in PulseAudio's volume units."""

    name: str
    description: str
    channels: tuple[int, ...]
    mute: bool

    @property
    def percent(self) -> int:
        """The volume as ``pactl`` shows it (the loudest channel, 100 = ``VOLUME_NORM``)."""
        return round(max(self.channels, default=0) * 100 / VOLUME_NORM)


def channels_at(percent: int, count: int) -> tuple[int, ...]:
    """``count`` channels all at ``percent`` (clamped to 0…100)."""
    value = round(max(0, min(100, percent)) * VOLUME_NORM / 100)
    return (value,) * max(1, count)


_lib: ctypes.CDLL | None = None


def load() -> ctypes.CDLL:
    """``libpulse.so.0`` with the signatures used here (loaded once)."""
    global _lib
    if _lib is not None:
        return _lib
    if not sys.platform.startswith("linux"):
        raise PulseError(f"the exam's sound is controlled on Linux only (through {LIBRARY}), not on {sys.platform}")
    try:
        lib = ctypes.CDLL(LIBRARY)
    except OSError as exc:
        raise PulseError(
            f"{LIBRARY} is not installed (Debian/Ubuntu: apt install libpulse0): the exam cannot control "
            f"the sound ({exc})"
        ) from exc
    vp, ci, cu = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint
    for name, res, args in (
        ("pa_mainloop_new", vp, []), ("pa_mainloop_free", None, [vp]), ("pa_mainloop_get_api", vp, [vp]),
        ("pa_mainloop_prepare", ci, [vp, ci]), ("pa_mainloop_poll", ci, [vp]), ("pa_mainloop_dispatch", ci, [vp]),
        ("pa_context_new", vp, [vp, ctypes.c_char_p]), ("pa_context_unref", None, [vp]),
        ("pa_context_connect", ci, [vp, ctypes.c_char_p, cu, vp]), ("pa_context_disconnect", None, [vp]),
        ("pa_context_get_state", ci, [vp]), ("pa_context_errno", ci, [vp]), ("pa_strerror", ctypes.c_char_p, [ci]),
        ("pa_context_get_server_info", vp, [vp, _SERVER_CB, vp]),
        ("pa_context_get_sink_info_by_name", vp, [vp, ctypes.c_char_p, _SINK_CB, vp]),
        ("pa_context_set_sink_volume_by_name", vp, [vp, ctypes.c_char_p, ctypes.POINTER(_CVolume), _SUCCESS_CB, vp]),
        ("pa_context_set_sink_mute_by_name", vp, [vp, ctypes.c_char_p, ci, _SUCCESS_CB, vp]),
        ("pa_operation_get_state", ci, [vp]), ("pa_operation_unref", None, [vp]),
    ):
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    _lib = lib
    return lib


class PulseClient:
    """A connection to the sound server; every method waits at most ``timeout`` seconds."""

    def __init__(self, *, app_name: str = "SEB Launcher", timeout: float = TIMEOUT_S) -> None:
        self._name = app_name.encode("utf-8")
        self._timeout = timeout
        self._lib: ctypes.CDLL | None = None
        self._loop: int | None = None
        self._ctx: int | None = None

    @property
    def connected(self) -> bool:
        return self._ctx is not None

    def connect(self) -> None:
        """Reach the server (``PULSE_SERVER`` or the session's); :class:`PulseError` if none answers."""
        if self._ctx is not None:
            return
        lib = self._lib = load()
        self._loop = lib.pa_mainloop_new()
        self._ctx = lib.pa_context_new(lib.pa_mainloop_get_api(self._loop), self._name)
        if not self._ctx or lib.pa_context_connect(self._ctx, None, _NOAUTOSPAWN, None) < 0:
            reason = self._error()
            self.close()
            raise PulseError(f"no sound server: {reason}")
        try:
            self._run_until(lambda: lib.pa_context_get_state(self._ctx) in (_READY, _FAILED, _TERMINATED))
        except PulseError:
            self.close()
            raise
        if lib.pa_context_get_state(self._ctx) != _READY:
            reason = self._error()
            self.close()
            raise PulseError(f"no sound server: {reason}")

    def close(self) -> None:
        lib = self._lib
        if lib is None:
            return
        if self._ctx is not None:
            lib.pa_context_disconnect(self._ctx)
            lib.pa_context_unref(self._ctx)
            self._ctx = None
        if self._loop is not None:
            lib.pa_mainloop_free(self._loop)
            self._loop = None

    def default_sink(self) -> Sink:
        """The output sounds go to now."""
        lib = self._ready()
        names: list[bytes] = []

        def on_server(_c: int, info: ctypes._Pointer, _u: int) -> None:
            names.append((info.contents.default_sink_name or b"") if info else b"")

        callback = _SERVER_CB(on_server)  # alive until the operation is done
        self._wait(lib.pa_context_get_server_info(self._ctx, callback, None), callback)
        if not names or not names[0]:
            raise PulseError("the sound server has no default output")
        return self.sink(names[0].decode("utf-8", "replace"))

    def sink(self, name: str) -> Sink:
        """The output called ``name``."""
        lib = self._ready()
        found: list[Sink] = []

        def on_sink(_c: int, info: ctypes._Pointer, eol: int, _u: int) -> None:
            if eol or not info:
                return
            i = info.contents
            count = min(int(i.volume.channels), CHANNELS_MAX)
            found.append(Sink(
                (i.name or b"").decode("utf-8", "replace"), (i.description or b"").decode("utf-8", "replace"),
                tuple(int(v) for v in i.volume.values[:count]), bool(i.mute),
            ))

        callback = _SINK_CB(on_sink)
        self._wait(lib.pa_context_get_sink_info_by_name(self._ctx, name.encode("utf-8"), callback, None), callback)
        if not found:
            raise PulseError(f"the sound server has no output {name!r}")
        return found[0]

    def set_volume(self, sink: str, channels: tuple[int, ...]) -> None:
        """Set each channel of ``sink`` (PulseAudio volume units; the count must match the sink's)."""
        lib = self._ready()
        volume = _CVolume()
        volume.channels = len(channels)
        for index, value in enumerate(channels[:CHANNELS_MAX]):
            volume.values[index] = max(0, int(value))
        ok: list[int] = []
        callback = _SUCCESS_CB(lambda _c, success, _u: ok.append(success))
        self._wait(
            lib.pa_context_set_sink_volume_by_name(self._ctx, sink.encode("utf-8"), ctypes.byref(volume), callback, None),
            callback,
        )
        if not ok or not ok[0]:
            raise PulseError(f"the sound server refused the volume for {sink!r}: {self._error()}")

    def set_mute(self, sink: str, mute: bool) -> None:
        lib = self._ready()
        ok: list[int] = []
        callback = _SUCCESS_CB(lambda _c, success, _u: ok.append(success))
        self._wait(lib.pa_context_set_sink_mute_by_name(self._ctx, sink.encode("utf-8"), int(mute), callback, None), callback)
        if not ok or not ok[0]:
            raise PulseError(f"the sound server refused to {'mute' if mute else 'unmute'} {sink!r}: {self._error()}")

    # -- the main loop ------------------------------------------------------------------
    def _ready(self) -> ctypes.CDLL:
        if self._ctx is None or self._lib is None:
            raise PulseError("not connected to the sound server")
        if self._lib.pa_context_get_state(self._ctx) != _READY:
            self.close()
            raise PulseError("the sound server closed the connection")
        return self._lib

    def _wait(self, operation: int | None, _keep: object) -> None:
        """Run the loop until ``operation`` is done (``_keep``: its callback, alive until then)."""
        lib = self._ready()
        if not operation:
            raise PulseError(f"the sound server refused the request: {self._error()}")
        try:
            self._run_until(lambda: lib.pa_operation_get_state(operation) != _OP_RUNNING)
        finally:
            lib.pa_operation_unref(operation)

    def _run_until(self, done: Callable[[], bool]) -> None:
        lib = self._lib
        assert lib is not None and self._loop is not None
        deadline = time.monotonic() + self._timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise PulseError(f"the sound server did not answer within {self._timeout:g} s")
            if lib.pa_mainloop_prepare(self._loop, int(left * 1_000_000)) < 0 \
                    or lib.pa_mainloop_poll(self._loop) < 0 or lib.pa_mainloop_dispatch(self._loop) < 0:
                raise PulseError("the sound server connection's main loop stopped")

    def _error(self) -> str:
        lib = self._lib
        if lib is None or self._ctx is None:
            return "unknown error"
        text = lib.pa_strerror(lib.pa_context_errno(self._ctx))
        return text.decode("utf-8", "replace") if text else "unknown error"
