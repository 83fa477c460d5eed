"""One virtual keyboard on a Wayland compositor for the whole test (``zwp_virtual_keyboard_v1``).

One job: send key presses to a wlroots compositor (sway, cage) the way a real keyboard does,
from a keyboard that stays plugged in between presses. (``wtype`` creates a virtual keyboard
per run and removes it after: between two runs the seat has no keyboard, and the focused
window is told it lost the keyboard — an exam would lock.)

Speaks the protocol through the launcher's own ctypes layer (``launcher.platform.wayland_client``)
on a connection of its own; the keymap is libxkbcommon's default (``us``) handed over in a memfd.

Usage::

    kb = VirtualKeyboard(socket_path)
    kb.press("alt+Tab"); kb.type("hello")
    kb.close()
"""

from __future__ import annotations

import ctypes
import os
import time

from launcher.platform import wayland_client as wl

#: evdev key codes (linux/input-event-codes.h) for the names the tests use
KEYS: dict[str, int] = {
    "Escape": 1, "Tab": 15, "Return": 28, "space": 57, "BackSpace": 14, "Print": 99,
    "Left": 105, "Right": 106, "Up": 103, "Down": 108, "Delete": 111,
    "ctrl": 29, "shift": 42, "alt": 56, "super": 125, "Super_L": 125,
    **{str(n): 1 + n for n in range(1, 10)}, "0": 11,
    **{f"F{n}": 58 + n for n in range(1, 11)}, "F11": 87, "F12": 88,
}
for _row, _start in (("qwertyuiop", 16), ("asdfghjkl", 30), ("zxcvbnm", 44)):
    for _i, _ch in enumerate(_row):
        KEYS[_ch] = _start + _i
MODIFIER_MASKS = {"shift": 1, "ctrl": 4, "alt": 8, "super": 64}


def _keymap_text() -> bytes:
    """libxkbcommon's default keymap (evdev rules, pc105, us) as XKB text."""
    xkb = ctypes.CDLL("libxkbcommon.so.0")
    xkb.xkb_context_new.restype = ctypes.c_void_p
    xkb.xkb_context_new.argtypes = [ctypes.c_int]
    xkb.xkb_keymap_new_from_names.restype = ctypes.c_void_p
    xkb.xkb_keymap_new_from_names.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
    xkb.xkb_keymap_get_as_string.restype = ctypes.c_void_p
    xkb.xkb_keymap_get_as_string.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xkb.xkb_keymap_unref.argtypes = [ctypes.c_void_p]
    xkb.xkb_context_unref.argtypes = [ctypes.c_void_p]
    libc = ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]
    ctx = xkb.xkb_context_new(0)
    keymap = xkb.xkb_keymap_new_from_names(ctx, None, 0)
    if not keymap:
        raise RuntimeError("libxkbcommon could not build the default keymap (xkb-data missing?)")
    text = xkb.xkb_keymap_get_as_string(keymap, 1)
    data = ctypes.string_at(text)
    libc.free(text)
    xkb.xkb_keymap_unref(keymap)
    xkb.xkb_context_unref(ctx)
    return data


class VirtualKeyboard:
    """A virtual keyboard on the compositor at ``socket`` (a full path or a name)."""

    def __init__(self, socket: str) -> None:
        seat_iface = wl.core_interface("wl_seat")
        keyboard_iface = wl.interface("zwp_virtual_keyboard_v1", 1, [
            ("keymap", "uhu", [None, None, None]), ("key", "uuu", [None, None, None]),
            ("modifiers", "uuuu", [None, None, None, None]), ("destroy", "", []),
        ], [])
        manager_iface = wl.interface("zwp_virtual_keyboard_manager_v1", 1, [
            ("create_virtual_keyboard", "on", [seat_iface, keyboard_iface]),
        ], [])
        self.display = wl.connect(socket)
        self.globals = wl.Globals(self.display)
        seat = self.globals.bind(seat_iface, 1)
        manager = self.globals.bind(manager_iface, 1)
        if not seat or not manager:
            raise RuntimeError(f"the compositor offers no seat or virtual keyboard: {sorted(self.globals.offered)}")
        self.keyboard = wl.create(manager, 0, keyboard_iface, 1, ("o", seat), None)
        data = _keymap_text() + b"\0"
        fd = os.memfd_create("keymap")
        try:
            os.write(fd, data)
            wl.request(self.keyboard, 0, 1, ("h", fd), len(data))  # XKB_V1
            self.globals.roundtrip()
        finally:
            os.close(fd)
        self._mods = 0

    def _time(self) -> int:
        return int(time.monotonic() * 1000) & 0xFFFFFFFF

    def _key(self, name: str, pressed: bool) -> None:
        code = KEYS[name]
        wl.request(self.keyboard, 1, self._time(), code, 1 if pressed else 0)
        mask = MODIFIER_MASKS.get(name, 0)
        if mask:
            self._mods = (self._mods | mask) if pressed else (self._mods & ~mask)
            wl.request(self.keyboard, 2, self._mods, 0, 0, 0)

    def press(self, combo: str, hold: float = 0.02) -> None:
        """``"alt+Tab"``: the modifiers down, the key pressed and released, the modifiers up."""
        names = combo.split("+")
        for name in names:
            self._key(name, True)
            self.globals.roundtrip()
            time.sleep(hold)
        for name in reversed(names):
            self._key(name, False)
            self.globals.roundtrip()
            time.sleep(hold)

    def type(self, text: str) -> None:
        for ch in text:
            if ch == " ":
                self.press("space")
            elif ch.isupper():
                self.press("shift+" + ch.lower())
            else:
                self.press(ch)

    def close(self) -> None:
        if self.display:
            wl.request(self.keyboard, 3)
            self.globals.roundtrip()
            self.globals.close()
            wl.disconnect(self.display)
            self.display = 0
