"""macOS glue for the lockdown checks, kept pure so it is tested on any OS (spec lockdown.md
§1, §3). Not yet run on macOS.

- Virtual machine: ``sysctl -n kern.hv_vmm_present`` prints 1 inside a hypervisor (Apple's
  Virtualization framework, Parallels, VMware), and ``machdep.cpu.features`` lists ``VMM``.
- Capture exclusion: ``NSWindow.sharingType = NSWindowSharingNone (0)`` for every exam window
  (``NSWindowSharingReadOnly (1)`` when ``allowScreenSharing``); reported ignored by
  ScreenCaptureKit on macOS 15+, so the sharing servers are detected too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

NS_WINDOW_SHARING_NONE = 0
NS_WINDOW_SHARING_READ_ONLY = 1

#: Apple's screen-sharing server processes (as SEB for macOS watches them).
SHARING_PROCESSES = ("screensharingd", "ScreensharingAgent", "SSMenuAgent")


def vm_commands() -> list[Sequence[str]]:
    return [["sysctl", "-n", "kern.hv_vmm_present"], ["sysctl", "-n", "machdep.cpu.features"]]


def vm_evidence(hv_vmm_present: str, cpu_features: str = "") -> list[str]:
    found = []
    if hv_vmm_present.strip() == "1":
        found.append("sysctl kern.hv_vmm_present is 1 (running under a hypervisor)")
    if "VMM" in cpu_features.split():
        found.append("the CPU features list VMM")
    return found


def window_sharing_type(*, allow_capture: bool) -> int:
    return NS_WINDOW_SHARING_READ_ONLY if allow_capture else NS_WINDOW_SHARING_NONE


class ObjcRuntime(Protocol):
    def send(self, receiver: int, selector: str, *args: int) -> int:
        """``[receiver selector args…]`` with integer (pointer-sized) arguments and result."""


class _LibObjc:
    """The Objective-C runtime through ctypes (no PyObjC): ``objc_msgSend`` typed per call."""

    def __init__(self) -> None:
        import ctypes

        self._ct = ctypes
        self._lib = ctypes.cdll.LoadLibrary("/usr/lib/libobjc.A.dylib")
        self._lib.sel_registerName.restype = ctypes.c_void_p
        self._lib.sel_registerName.argtypes = [ctypes.c_char_p]

    def send(self, receiver: int, selector: str, *args: int) -> int:
        ct = self._ct
        prototype = ct.CFUNCTYPE(ct.c_void_p, ct.c_void_p, ct.c_void_p, *([ct.c_ulong] * len(args)))
        send = prototype(ct.cast(self._lib.objc_msgSend, ct.c_void_p).value)
        return int(send(receiver, self._lib.sel_registerName(selector.encode()), *args) or 0)


def set_sharing_type(view: int, sharing: int, runtime: ObjcRuntime | None = None) -> bool:
    """``view`` is a Qt window's ``winId()`` (an ``NSView*``): set its ``NSWindow``'s
    ``sharingType``. False when the view has no window yet."""
    objc: Any = runtime if runtime is not None else _LibObjc()
    window = objc.send(view, "window")
    if not window:
        return False
    objc.send(window, "setSharingType:", sharing)
    return True
