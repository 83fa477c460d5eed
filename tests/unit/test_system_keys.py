"""The OS's own shortcuts on Windows and macOS (lockdown.md §6): SEB for Windows' key table over
virtual-key codes, the low-level keyboard hook's glue (its DLLs are recording doubles here: this
runs on Linux, and so does the ctypes callback Windows would call), and SEB for macOS' kiosk
presentation options with AppKit's rules."""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import replace
from typing import Any

import pytest

from launcher.browser.options import CLIPBOARD_BLOCK, KioskOptions
from launcher.config.settings import Settings
from launcher.platform import keyboard_hook_windows as hook_mod
from launcher.platform import lockdown_macos as mac
from launcher.platform import lockdown_windows as win
from launcher.platform.system_keys import SystemKeys

DEFAULTS = KioskOptions.from_settings(Settings.defaults())


def _blocked(options: KioskOptions, vk: int, *, alt: bool = False, ctrl: bool = False, injected: bool = False) -> bool:
    return win.blocked_key(options, vk, alt=alt, ctrl=ctrl, injected=injected)


def test_the_windows_key_table_with_sebs_defaults():
    assert _blocked(DEFAULTS, win.VK_TAB, alt=True)  # the desktop's switcher, always
    assert _blocked(DEFAULTS, win.VK_SPACE, alt=True)  # the window menu, always
    assert _blocked(DEFAULTS, win.VK_APPS)  # the menu key, always
    assert _blocked(DEFAULTS, win.VK_LWIN) and _blocked(DEFAULTS, win.VK_RWIN)  # enableStartMenu false
    assert _blocked(DEFAULTS, win.VK_ESCAPE, ctrl=True)  # enableCtrlEsc false: the Start menu
    assert _blocked(DEFAULTS, win.VK_ESCAPE, alt=True)  # enableAltEsc false
    assert _blocked(DEFAULTS, win.VK_F4, alt=True)  # enableAltF4 false
    assert _blocked(DEFAULTS, win.VK_SNAPSHOT)  # enablePrintScreen false
    assert _blocked(DEFAULTS, ord("A"), injected=True)  # enableInjected false
    # what the student types passes
    assert not _blocked(DEFAULTS, ord("A"))
    assert not _blocked(DEFAULTS, win.VK_TAB)
    assert not _blocked(DEFAULTS, win.VK_ESCAPE)  # enableEsc true
    assert not _blocked(DEFAULTS, win.VK_F4)  # enableF4 true
    assert not _blocked(DEFAULTS, win.VK_C, ctrl=True)  # the clipboard is isolated, not blocked


def test_the_windows_key_table_follows_the_settings():
    options = KioskOptions.from_settings(Settings.from_dict({
        "enableStartMenu": True, "enableCtrlEsc": True, "enableAltEsc": True, "enableAltF4": True,
        "enablePrintScreen": True, "enableInjected": True, "enableEsc": False, "enableF5": False,
    }))
    assert not _blocked(options, win.VK_LWIN)
    assert not _blocked(options, win.VK_ESCAPE, ctrl=True)
    assert not _blocked(options, win.VK_ESCAPE, alt=True)
    assert not _blocked(options, win.VK_F4, alt=True)  # the exam asks to quit (input guard)
    assert not _blocked(options, win.VK_SNAPSHOT)
    assert not _blocked(options, ord("A"), injected=True)
    assert _blocked(options, win.VK_ESCAPE)
    assert _blocked(options, win.VK_F1 + 4)  # F5
    assert _blocked(options, win.VK_TAB, alt=True)  # still never the desktop's switcher
    blocked = replace(DEFAULTS, clipboard_policy=CLIPBOARD_BLOCK)
    assert all(_blocked(blocked, vk, ctrl=True) for vk in (win.VK_C, win.VK_V, win.VK_X))


class _User32:
    def __init__(self, *, refuse: bool = False, ctrl_down: bool = False, shift_down: bool = False) -> None:
        self.refuse = refuse
        self.ctrl_down = ctrl_down
        self.shift_down = shift_down
        self.proc: Any = None
        self.calls: list[tuple[Any, ...]] = []

    # plain functions, so the hook can set argtypes/restype on them as on ctypes functions
    def _functions(self) -> Any:
        def set_hook(kind: int, proc: Any, module: Any, thread: int) -> int:
            self.calls.append(("SetWindowsHookExW", kind, module, thread))
            self.proc = proc
            return 0 if self.refuse else 0xAB

        def next_hook(handle: int, code: int, message: int, lparam: int) -> int:
            self.calls.append(("CallNextHookEx", handle, code, message))
            return 0

        def unhook(handle: int) -> int:
            self.calls.append(("UnhookWindowsHookEx", handle))
            return 1

        def key_state(vk: int) -> int:
            down = (vk == hook_mod.VK_CONTROL and self.ctrl_down) or (vk == hook_mod.VK_SHIFT and self.shift_down)
            return -0x8000 if down else 0

        class Functions:
            SetWindowsHookExW = set_hook
            CallNextHookEx = next_hook
            UnhookWindowsHookEx = unhook
            GetAsyncKeyState = key_state

        return Functions


class _Kernel32:
    @staticmethod
    def GetModuleHandleW(name: Any) -> int:  # noqa: N802 - the Win32 name
        return 0x400000


def _loader(user32: _User32) -> Any:
    functions = user32._functions()
    return lambda dll: functions if dll == "user32" else _Kernel32


def _press(user32: _User32, vk: int, flags: int = 0) -> int:
    """What Windows does on a key press: call the hook with a KBDLLHOOKSTRUCT."""
    event = hook_mod.KBDLLHOOKSTRUCT(vkCode=vk, scanCode=0, flags=flags, time=0, dwExtraInfo=0)
    return user32.proc(hook_mod.HC_ACTION, 0x0100, ctypes.addressof(event))  # WM_KEYDOWN


def test_the_hook_swallows_forbidden_keys_and_passes_the_others_on():
    user32 = _User32()
    keys = SystemKeys(DEFAULTS, "win32", loader=_loader(user32))
    assert keys.hold() and keys.held
    assert user32.calls == [("SetWindowsHookExW", 13, 0x400000, 0)]  # WH_KEYBOARD_LL, all threads
    assert _press(user32, win.VK_TAB, hook_mod.LLKHF_ALTDOWN) == 1
    assert _press(user32, win.VK_LWIN) == 1
    assert _press(user32, ord("A"), hook_mod.LLKHF_INJECTED) == 1
    assert len(user32.calls) == 1  # swallowed: not passed to the next hook
    assert _press(user32, ord("A")) == 0
    assert _press(user32, win.VK_TAB) == 0
    assert user32.calls[1:] == [("CallNextHookEx", 0xAB, 0, 0x0100)] * 2
    keys.release()
    assert user32.calls[-1] == ("UnhookWindowsHookEx", 0xAB)
    assert not keys.held


def test_ctrl_comes_from_the_keyboard_state():
    user32 = _User32(ctrl_down=True)
    keys = SystemKeys(DEFAULTS, "win32", loader=_loader(user32))
    keys.hold()
    assert _press(user32, win.VK_ESCAPE) == 1  # Ctrl+Esc: the Start menu
    keys.release()
    options = KioskOptions.from_settings(Settings.from_dict({"enableCtrlEsc": True}))
    user32 = _User32(ctrl_down=True)
    keys = SystemKeys(options, "win32", loader=_loader(user32))
    keys.hold()
    assert _press(user32, win.VK_ESCAPE) == 0
    keys.release()


def test_shift_comes_from_the_keyboard_state():
    blocked = replace(DEFAULTS, clipboard_policy=CLIPBOARD_BLOCK)
    user32 = _User32(shift_down=True)
    keys = SystemKeys(blocked, "win32", loader=_loader(user32))
    keys.hold()
    assert _press(user32, win.VK_INSERT) == 1  # Shift+Insert pastes: the clipboard is blocked
    keys.release()
    user32 = _User32()
    keys = SystemKeys(blocked, "win32", loader=_loader(user32))
    keys.hold()
    assert _press(user32, win.VK_INSERT) == 0
    keys.release()


def test_a_refused_hook_is_logged_and_a_failing_decision_lets_keys_pass(caplog):
    user32 = _User32(refuse=True)
    keys = SystemKeys(DEFAULTS, "win32", loader=_loader(user32))
    assert not keys.hold() and not keys.held
    assert "Windows refused the keyboard hook" in caplog.text

    user32 = _User32()

    def broken(vk: int, **_mods: bool) -> bool:
        raise RuntimeError("broken")

    hook = hook_mod.KeyboardHook(broken, _loader(user32))
    assert hook.install()
    assert _press(user32, ord("A")) == 0  # the student's typing is not taken away
    assert "The keyboard hook failed on a key" in caplog.text
    hook.remove()


class _Objc:
    def __init__(self, app: int = 0xA99) -> None:
        self.app = app
        self.sent: list[tuple[Any, ...]] = []

    def cls(self, name: str) -> int:
        return 0xC1A55 if name == "NSApplication" else 0

    def send(self, receiver: int, selector: str, *args: int) -> int:
        self.sent.append((receiver, selector, *args))
        return self.app if selector == "sharedApplication" else 0


def test_macos_presentation_options_are_sebs_kiosk_and_valid_for_appkit():
    options = mac.kiosk_presentation()
    for flag in (mac.PRESENTATION_HIDE_DOCK, mac.PRESENTATION_HIDE_MENU_BAR,
                 mac.PRESENTATION_DISABLE_PROCESS_SWITCHING, mac.PRESENTATION_DISABLE_FORCE_QUIT,
                 mac.PRESENTATION_DISABLE_SESSION_TERMINATION, mac.PRESENTATION_DISABLE_APPLE_MENU):
        assert options & flag
    assert mac.presentation_is_valid(options)
    assert mac.presentation_is_valid(mac.PRESENTATION_DEFAULT)
    # AppKit's rules, as documented for NSApplicationPresentationOptions
    assert not mac.presentation_is_valid(mac.PRESENTATION_DISABLE_PROCESS_SWITCHING)
    assert not mac.presentation_is_valid(mac.PRESENTATION_HIDE_MENU_BAR)
    assert not mac.presentation_is_valid(mac.PRESENTATION_HIDE_DOCK | mac.PRESENTATION_DISABLE_APPLE_MENU)
    assert not mac.presentation_is_valid(1 | mac.PRESENTATION_HIDE_DOCK)  # auto-hide and hide


@pytest.mark.parametrize("bits", list(itertools.product((0, 1), repeat=5)))
def test_no_invalid_presentation_reaches_appkit(bits):
    value = sum(bit << shift for bit, shift in zip(bits, (0, 1, 2, 3, 5)))
    objc = _Objc()
    assert mac.set_presentation(value, objc) == mac.presentation_is_valid(value)
    assert bool(objc.sent) == mac.presentation_is_valid(value)


def test_macos_holds_the_kiosk_presentation_for_the_exam_and_gives_it_back():
    objc = _Objc()
    keys = SystemKeys(DEFAULTS, "darwin", runtime=objc)
    assert keys.hold() and keys.held
    assert objc.sent == [(0xC1A55, "sharedApplication"), (0xA99, "setPresentationOptions:", mac.kiosk_presentation())]
    keys.release()
    assert objc.sent[-1] == (0xA99, "setPresentationOptions:", 0)
    assert not keys.held
    assert not SystemKeys(DEFAULTS, "darwin", runtime=_Objc(app=0)).hold()


def test_other_systems_ask_nothing():
    keys = SystemKeys(DEFAULTS, "linux", loader=lambda dll: pytest.fail("no DLL on Linux"))
    assert not keys.hold()
    keys.release()
