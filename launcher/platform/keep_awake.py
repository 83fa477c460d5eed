"""Keeping the display and the computer awake during the exam on Windows and macOS
(``displayAlwaysOn``, ``systemAlwaysOn``; spec lockdown.md §7). On Linux
``launcher.exam.lock_triggers.SleepInhibitor`` asks logind and the screen saver service instead.

One job: ``KeepAwake(display=, system=, platform=).start()`` when the exam starts, ``stop()``
when it ends — Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED |
ES_SYSTEM_REQUIRED)`` on the GUI thread (which lives as long as the exam), back to
``ES_CONTINUOUS``; macOS: IOKit power assertions ``PreventUserIdleDisplaySleep`` /
``PreventUserIdleSystemSleep``, released at the end. ``loader`` returns a library by name
("kernel32"; "IOKit", "CoreFoundation"); tests pass doubles. Not yet run on those systems.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS

log = logging.getLogger(__name__)

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
ASSERT_DISPLAY = b"PreventUserIdleDisplaySleep"
ASSERT_SYSTEM = b"PreventUserIdleSystemSleep"
ASSERTION_LEVEL_ON = 255
CF_STRING_ENCODING_UTF8 = 0x08000100


def execution_state(*, display: bool, system: bool) -> int:
    """The ``SetThreadExecutionState`` flags that keep what the exam asks for awake."""
    return ES_CONTINUOUS | (ES_DISPLAY_REQUIRED if display else 0) | (ES_SYSTEM_REQUIRED if system else 0)


def _load(name: str) -> Any:
    if name == "kernel32":
        from launcher.platform.lockdown_windows import load

        return load(name)
    return ctypes.cdll.LoadLibrary(f"/System/Library/Frameworks/{name}.framework/{name}")


class KeepAwake:
    def __init__(self, *, display: bool, system: bool, platform: str = sys.platform,
                 loader: Callable[[str], Any] | None = None) -> None:
        self.display = display
        self.system = system
        self.platform = platform
        self._load = loader or _load
        self.held = False
        self._assertions: list[int] = []
        self._iokit: Any = None

    def start(self) -> bool:
        """True when the OS took the request (nothing to ask, or another OS: False)."""
        if self.held or self.platform not in NATIVE_LOCKDOWN_PLATFORMS or not (self.display or self.system):
            return self.held
        try:
            self.held = self._start_windows() if self.platform == "win32" else self._start_macos()
        except (OSError, AttributeError, ValueError) as exc:
            log.warning("The computer could not be kept awake on %s: %s", self.platform, exc)
            self.held = False
        if self.held:
            log.info("%s kept awake while the exam runs",
                     " and ".join(w for w, on in (("display", self.display), ("system", self.system)) if on))
        return self.held

    def stop(self) -> None:
        if not self.held:
            return
        self.held = False
        try:
            if self.platform == "win32":
                self._set_state(ES_CONTINUOUS)
            else:
                for assertion in self._assertions:
                    self._iokit.IOPMAssertionRelease(assertion)
                self._assertions.clear()
        except (OSError, AttributeError, ValueError) as exc:
            log.warning("The computer's sleep settings could not be given back: %s", exc)

    # -- Windows -------------------------------------------------------------------------
    def _set_state(self, flags: int) -> int:
        set_state = self._load("kernel32").SetThreadExecutionState
        set_state.restype = ctypes.c_uint32
        set_state.argtypes = [ctypes.c_uint32]
        return int(set_state(flags) or 0)

    def _start_windows(self) -> bool:
        # the previous state comes back: 0 means the call failed
        return self._set_state(execution_state(display=self.display, system=self.system)) != 0

    # -- macOS ---------------------------------------------------------------------------
    def _start_macos(self) -> bool:
        cf = self._load("CoreFoundation")
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        iokit = self._load("IOKit")
        iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int32
        iokit.IOPMAssertionCreateWithName.argtypes = [
            ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)]
        iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
        self._iokit = iokit
        reason = cf.CFStringCreateWithCString(None, b"An exam is running", CF_STRING_ENCODING_UTF8)
        try:
            for kind, wanted in ((ASSERT_DISPLAY, self.display), (ASSERT_SYSTEM, self.system)):
                if not wanted:
                    continue
                name = cf.CFStringCreateWithCString(None, kind, CF_STRING_ENCODING_UTF8)
                assertion = ctypes.c_uint32(0)
                try:
                    status = iokit.IOPMAssertionCreateWithName(name, ASSERTION_LEVEL_ON, reason,
                                                               ctypes.byref(assertion))
                finally:
                    cf.CFRelease(name)
                if status != 0:
                    log.warning("macOS refused the power assertion %s (IOReturn %#x)", kind.decode(), status)
                    continue
                self._assertions.append(int(assertion.value))
        finally:
            cf.CFRelease(reason)
        return bool(self._assertions)
