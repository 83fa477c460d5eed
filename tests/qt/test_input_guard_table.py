"""SEB's key and mouse table as the exam applies it: which keys and buttons a configuration
lets through, with SEB for Windows' defaults; and which platform policy a session gets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from launcher.browser.options import KioskOptions
from launcher.config.settings import Settings
from launcher.exam.input_guard import blocked_button, blocked_key, blocked_wheel, on_xwayland, platform_kind
from launcher.platform import lockdown_windows as win

K = Qt.Key
M = Qt.KeyboardModifier
NONE = M.NoModifier


def opts(**raw) -> KioskOptions:
    return KioskOptions.from_settings(Settings.from_dict(raw))


def test_defaults_hold_the_desktop_keys_and_let_function_keys_and_escape_through():
    o = opts()
    assert blocked_key(o, K.Key_Tab, M.AltModifier)
    assert blocked_key(o, K.Key_Space, M.AltModifier)
    assert blocked_key(o, K.Key_F4, M.AltModifier)
    assert blocked_key(o, K.Key_Escape, M.AltModifier)  # enableAltEsc false
    assert blocked_key(o, K.Key_Escape, M.ControlModifier)  # enableCtrlEsc false
    assert blocked_key(o, K.Key_Print, NONE)  # enablePrintScreen false
    assert blocked_key(o, K.Key_Super_L, NONE)  # enableStartMenu false
    assert blocked_key(o, K.Key_D, M.MetaModifier)
    assert blocked_key(o, K.Key_Right, M.ControlModifier | M.AltModifier)
    assert blocked_key(o, K.Key_Menu, NONE)
    assert not blocked_key(o, K.Key_Escape, NONE)  # enableEsc true
    assert not any(blocked_key(o, getattr(K, f"Key_F{n}"), NONE) for n in range(1, 13))
    assert not blocked_key(o, K.Key_A, NONE)
    assert not blocked_key(o, K.Key_C, M.ControlModifier)


def test_each_key_setting_is_applied():
    o = opts(enableEsc=False, enableF5=False, enableF12=False, enablePrintScreen=True,
             enableStartMenu=True, enableAltEsc=True, enableCtrlEsc=True)
    assert blocked_key(o, K.Key_Escape, NONE)
    assert blocked_key(o, K.Key_F5, NONE)
    assert blocked_key(o, K.Key_F12, NONE)
    assert not blocked_key(o, K.Key_F6, NONE)
    assert not blocked_key(o, K.Key_Print, NONE)
    assert not blocked_key(o, K.Key_Super_L, NONE)
    assert not blocked_key(o, K.Key_Escape, M.AltModifier)
    assert not blocked_key(o, K.Key_Escape, M.ControlModifier)
    # Alt+Tab and Alt+Space never reach the desktop, whatever the configuration
    assert blocked_key(opts(enableAltTab=True), K.Key_Tab, M.AltModifier)
    # enableAltF4: Alt+F4 passes, as in SEB for Windows (the exam then asks to quit, it never
    # just closes); enableF4 false still holds it
    assert not blocked_key(opts(enableAltF4=True), K.Key_F4, M.AltModifier)
    assert blocked_key(opts(enableAltF4=True, enableF4=False), K.Key_F4, M.AltModifier)


def test_every_function_key_follows_its_own_setting():
    for n in range(1, 13):
        o = opts(**{f"enableF{n}": False})
        held = [m for m in range(1, 13) if blocked_key(o, getattr(K, f"Key_F{m}"), NONE)]
        assert held == [n], f"enableF{n}"

def test_mouse_buttons_and_wheel_follow_the_settings():
    o = opts()
    assert not blocked_button(o, Qt.MouseButton.LeftButton)
    assert not blocked_button(o, Qt.MouseButton.RightButton)  # enableRightMouse true
    assert blocked_button(o, Qt.MouseButton.MiddleButton)  # enableMiddleMouse false
    assert blocked_button(o, Qt.MouseButton.BackButton)
    o2 = opts(enableRightMouse=False, enableMiddleMouse=True)
    assert blocked_button(o2, Qt.MouseButton.RightButton)
    assert not blocked_button(o2, Qt.MouseButton.MiddleButton)
    assert not blocked_wheel(o, NONE)
    assert not blocked_wheel(opts(), M.ControlModifier)  # enableZoomPage true by default
    assert blocked_wheel(opts(enableZoomPage=False), M.ControlModifier)
    assert blocked_wheel(o, M.AltModifier)  # enableAltMouseWheel false
    assert not blocked_wheel(opts(enableAltMouseWheel=True), M.AltModifier)


def test_the_session_kind_comes_from_qt_and_the_x_server():
    assert platform_kind("xcb") == "x11"
    assert platform_kind("wayland") == "wayland"
    assert platform_kind("wayland-egl") == "wayland"
    assert platform_kind("offscreen") == "other"
    # Xwayland is told by the X server's own output names, not by the environment
    assert on_xwayland(["XWAYLAND0", "XWAYLAND1"])
    assert not on_xwayland(["HDMI-1", "eDP-1"])


# -- the platforms agree: the exam window's key filter (Qt keys) and the Windows keyboard hook
# (virtual-key codes) read one table --------------------------------------------------------
BOTH = [  # (Qt key, Windows virtual key): every key the two name alike, and one neither names
    (K.Key_Tab, win.VK_TAB), (K.Key_Escape, win.VK_ESCAPE), (K.Key_Space, win.VK_SPACE),
    (K.Key_Menu, win.VK_APPS), (K.Key_Super_L, win.VK_LWIN), (K.Key_Super_R, win.VK_RWIN),
    (K.Key_Print, win.VK_SNAPSHOT), (K.Key_Left, win.VK_LEFT), (K.Key_Right, win.VK_RIGHT),
    (K.Key_Up, win.VK_UP), (K.Key_Down, win.VK_DOWN), (K.Key_Insert, win.VK_INSERT),
    (K.Key_Delete, win.VK_DELETE), (K.Key_C, win.VK_C), (K.Key_V, win.VK_V), (K.Key_X, win.VK_X),
    *[(getattr(K, f"Key_F{n}"), win.VK_F1 + n - 1) for n in range(1, 13)],
    (K.Key_A, ord("A")),
]
SETTINGS = [
    {}, {"clipboardPolicy": 1}, {"enableAltF4": True}, {"enableAltF4": True, "enableF4": False},
    {"enableEsc": False}, {"enableAltEsc": True}, {"enableCtrlEsc": True}, {"enableStartMenu": True},
    {"enablePrintScreen": True}, {"enableF1": False, "enableF12": False}, {"enableAltTab": False},
]


def test_the_exam_window_and_the_windows_hook_swallow_the_same_keys():
    disagree = []
    for raw in SETTINGS:
        o = opts(**raw)
        for qt_key, vk in BOTH:
            for alt in (False, True):
                for ctrl in (False, True):
                    for shift in (False, True):
                        mods = NONE
                        mods |= M.AltModifier if alt else NONE
                        mods |= M.ControlModifier if ctrl else NONE
                        mods |= M.ShiftModifier if shift else NONE
                        in_qt = blocked_key(o, qt_key, mods)
                        on_windows = win.blocked_key(o, vk, alt=alt, ctrl=ctrl, shift=shift, injected=False)
                        if in_qt != on_windows:
                            disagree.append((raw, qt_key.name, alt, ctrl, shift, in_qt, on_windows))
    assert disagree == []

