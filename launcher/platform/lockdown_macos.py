"""macOS glue for the lockdown checks, kept pure so it is tested on any OS (spec lockdown.md
§1, §3). Not yet run on macOS.

- Virtual machine: ``sysctl -n kern.hv_vmm_present`` prints 1 inside a hypervisor (Apple's
  Virtualization framework, Parallels, VMware), and ``machdep.cpu.features`` lists ``VMM``.
- Capture exclusion: ``NSWindow.sharingType = NSWindowSharingNone (0)`` for every exam window
  (``NSWindowSharingReadOnly (1)`` when ``allowScreenSharing``); reported ignored by
  ScreenCaptureKit on macOS 15+, so the sharing servers are detected too.
- System keys: ``NSApp.presentationOptions`` as SEB for macOS sets them in its kiosk: Dock and
  menu bar hidden, no Command-Tab switcher, no Force Quit panel, no log-out/restart/shut-down
  panel, no Apple menu, no "Hide" — reset to the default when the exam ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

NS_WINDOW_SHARING_NONE = 0
NS_WINDOW_SHARING_READ_ONLY = 1

#: NSApplicationPresentationOptions (AppKit's NSApplication.h).
PRESENTATION_DEFAULT = 0
PRESENTATION_HIDE_DOCK = 1 << 1
PRESENTATION_HIDE_MENU_BAR = 1 << 3
PRESENTATION_DISABLE_APPLE_MENU = 1 << 4
PRESENTATION_DISABLE_PROCESS_SWITCHING = 1 << 5
PRESENTATION_DISABLE_FORCE_QUIT = 1 << 6
PRESENTATION_DISABLE_SESSION_TERMINATION = 1 << 7
PRESENTATION_DISABLE_HIDE_APPLICATION = 1 << 8

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


def kiosk_presentation() -> int:
    """The exam's presentation options. AppKit refuses (with an exception) combinations where a
    disabled item is still reachable: no process switching needs the Dock hidden, a hidden menu
    bar needs the Dock hidden, no Apple menu needs the menu bar hidden — all hold here."""
    return (PRESENTATION_HIDE_DOCK | PRESENTATION_HIDE_MENU_BAR | PRESENTATION_DISABLE_APPLE_MENU
            | PRESENTATION_DISABLE_PROCESS_SWITCHING | PRESENTATION_DISABLE_FORCE_QUIT
            | PRESENTATION_DISABLE_SESSION_TERMINATION | PRESENTATION_DISABLE_HIDE_APPLICATION)


def presentation_is_valid(options: int) -> bool:
    """AppKit's rules for ``setPresentationOptions:`` (a broken rule raises
    ``NSInvalidArgumentException``)."""
    auto_dock, hide_dock = bool(options & 1), bool(options & PRESENTATION_HIDE_DOCK)
    auto_menu, hide_menu = bool(options & 4), bool(options & PRESENTATION_HIDE_MENU_BAR)
    if auto_dock and hide_dock or auto_menu and hide_menu:
        return False
    if options & PRESENTATION_DISABLE_PROCESS_SWITCHING and not (auto_dock or hide_dock):
        return False
    if hide_menu and not hide_dock:
        return False
    if auto_menu and not (auto_dock or hide_dock):
        return False
    return not (options & PRESENTATION_DISABLE_APPLE_MENU and not (auto_menu or hide_menu))


class ObjcRuntime(Protocol):
    def send(self, receiver: int, selector: str, *args: int) -> int:
        """``[receiver selector args…]`` with integer (pointer-sized) arguments and result."""

    def cls(self, name: str) -> int:
        """The class object named ``name`` (``objc_getClass``)."""


class _LibObjc:
    """The Objective-C runtime through ctypes (no PyObjC): ``objc_msgSend`` typed per call."""

    def __init__(self) -> None:
        import ctypes

        self._ct = ctypes
        self._lib = ctypes.cdll.LoadLibrary("/usr/lib/libobjc.A.dylib")
        self._lib.sel_registerName.restype = ctypes.c_void_p
        self._lib.sel_registerName.argtypes = [ctypes.c_char_p]
        self._lib.objc_getClass.restype = ctypes.c_void_p
        self._lib.objc_getClass.argtypes = [ctypes.c_char_p]

    def send(self, receiver: int, selector: str, *args: int) -> int:
        ct = self._ct
        prototype = ct.CFUNCTYPE(ct.c_void_p, ct.c_void_p, ct.c_void_p, *([ct.c_ulong] * len(args)))
        send = prototype(ct.cast(self._lib.objc_msgSend, ct.c_void_p).value)
        return int(send(receiver, self._lib.sel_registerName(selector.encode()), *args) or 0)

    def cls(self, name: str) -> int:
        return int(self._lib.objc_getClass(name.encode()) or 0)


def set_sharing_type(view: int, sharing: int, runtime: ObjcRuntime | None = None) -> bool:
    """``view`` is a Qt window's ``winId()`` (an ``NSView*``): set its ``NSWindow``'s
    ``sharingType``. False when the view has no window yet."""
    objc: Any = runtime if runtime is not None else _LibObjc()
    window = objc.send(view, "window")
    if not window:
        return False
    objc.send(window, "setSharingType:", sharing)
    return True


def set_presentation(options: int, runtime: ObjcRuntime | None = None) -> bool:
    """``[NSApp setPresentationOptions:options]`` (on the main thread, as Qt's GUI thread is);
    False when there is no application object or the options break AppKit's rules."""
    if not presentation_is_valid(options):
        return False
    objc: Any = runtime if runtime is not None else _LibObjc()
    app = objc.send(objc.cls("NSApplication"), "sharedApplication")
    if not app:
        return False
    objc.send(app, "setPresentationOptions:", options)
    return True
