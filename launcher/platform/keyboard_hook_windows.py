"""Windows: a system-wide low-level keyboard hook that swallows the keys the exam forbids before
Windows acts on them (the Start menu, Alt+Tab, Ctrl+Esc, Alt+Esc, Print Screen …), as SEB for
Windows' keyboard interceptor does (spec lockdown.md §6).

One job: install ``SetWindowsHookExW(WH_KEYBOARD_LL)`` on the GUI thread (its message loop, Qt's,
delivers the calls), ask ``decide(vk, alt=, ctrl=, shift=, injected=)`` for every key pressed or released
anywhere, return 1 to swallow it or pass it on with ``CallNextHookEx``; remove it when the exam
ends. Which keys: ``launcher.platform.lockdown_windows.blocked_key``. The DLLs are injectable so
the glue runs in tests on any OS; not yet run on Windows.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

WH_KEYBOARD_LL = 13
HC_ACTION = 0
LLKHF_LOWER_IL_INJECTED = 0x02
LLKHF_INJECTED = 0x10
LLKHF_ALTDOWN = 0x20
VK_SHIFT, VK_CONTROL = 0x10, 0x11
_KEY_DOWN_BIT = 0x8000

class Decide(Protocol):
    """Whether to swallow virtual key ``vk`` with these modifiers held (``lockdown_windows.blocked_key``)."""

    def __call__(self, vk: int, *, alt: bool, ctrl: bool, shift: bool, injected: bool) -> bool: ...


class KBDLLHOOKSTRUCT(ctypes.Structure):
    _fields_ = [
        ("vkCode", ctypes.c_uint32),
        ("scanCode", ctypes.c_uint32),
        ("flags", ctypes.c_uint32),
        ("time", ctypes.c_uint32),
        ("dwExtraInfo", ctypes.c_size_t),
    ]


#: LRESULT CALLBACK LowLevelKeyboardProc(int nCode, WPARAM wParam, LPARAM lParam)
HOOKPROC = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)(
    ctypes.c_ssize_t, ctypes.c_int, ctypes.c_size_t, ctypes.c_ssize_t)


class KeyboardHook:
    """``KeyboardHook(decide).install()``; ``remove()`` when done. ``loader``: returns the DLL
    for a name ("user32", "kernel32"); tests pass their own."""

    def __init__(self, decide: Decide, loader: Callable[[str], Any] | None = None) -> None:
        self._decide = decide
        if loader is None:
            from launcher.platform.lockdown_windows import load

            loader = load
        self._loader = loader
        self._user32: Any = None
        self._handle: int = 0
        self._proc: Any = None  # the ctypes callback: alive as long as the hook is
        self._failed = False
        self.swallowed = 0

    @property
    def installed(self) -> bool:
        return bool(self._handle)

    def install(self) -> bool:
        """True when Windows took the hook."""
        if self._handle:
            return True
        user32 = self._loader("user32")
        kernel32 = self._loader("kernel32")
        user32.SetWindowsHookExW.restype = ctypes.c_void_p
        user32.SetWindowsHookExW.argtypes = [ctypes.c_int, HOOKPROC, ctypes.c_void_p, ctypes.c_uint32]
        user32.CallNextHookEx.restype = ctypes.c_ssize_t
        user32.CallNextHookEx.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t, ctypes.c_ssize_t]
        user32.UnhookWindowsHookEx.argtypes = [ctypes.c_void_p]
        user32.GetAsyncKeyState.restype = ctypes.c_short
        user32.GetAsyncKeyState.argtypes = [ctypes.c_int]
        kernel32.GetModuleHandleW.restype = ctypes.c_void_p
        kernel32.GetModuleHandleW.argtypes = [ctypes.c_wchar_p]
        self._user32 = user32
        self._proc = HOOKPROC(self._on_key)
        self._handle = int(user32.SetWindowsHookExW(WH_KEYBOARD_LL, self._proc, kernel32.GetModuleHandleW(None), 0)
                           or 0)
        if not self._handle:
            log.warning("Windows refused the keyboard hook: the Start menu, Alt+Tab and other system "
                        "keys are not held")
            self._proc = None
            return False
        log.info("system keys held by a low-level keyboard hook")
        return True

    def remove(self) -> None:
        if self._handle:
            self._user32.UnhookWindowsHookEx(self._handle)
            log.info("keyboard hook removed (%d keys swallowed)", self.swallowed)
        self._handle = 0
        self._proc = None

    def _on_key(self, code: int, message: int, lparam: int) -> int:
        try:
            if code == HC_ACTION and lparam:
                key = KBDLLHOOKSTRUCT.from_address(lparam)
                ctrl = bool(self._user32.GetAsyncKeyState(VK_CONTROL) & _KEY_DOWN_BIT)
                shift = bool(self._user32.GetAsyncKeyState(VK_SHIFT) & _KEY_DOWN_BIT)
                injected = bool(key.flags & (LLKHF_INJECTED | LLKHF_LOWER_IL_INJECTED))
                if self._decide(int(key.vkCode), alt=bool(key.flags & LLKHF_ALTDOWN), ctrl=ctrl,
                                shift=shift, injected=injected):
                    self.swallowed += 1
                    return 1
        except Exception:  # an error here must not take the student's typing away
            if not self._failed:
                self._failed = True
                log.exception("The keyboard hook failed on a key; keys pass on")
        return int(self._user32.CallNextHookEx(self._handle, code, message, lparam))
