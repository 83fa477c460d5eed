"""SEB's table of the keys an exam swallows, in key names of no particular OS.

One job: say whether a key with its modifiers is swallowed under an exam's settings. Each
platform source reads this one table through its own key codes: the Qt key filter of every
exam window (``launcher.exam.input_guard``: Qt keys) and the Windows keyboard hook
(``launcher.platform.lockdown_windows``: virtual-key codes), so they cannot disagree.

The rows follow SEB for Windows' keyboard interceptor (``KeyboardInterceptor.cs``): the menu
key, Alt+Space and Alt+Tab always; Escape, Alt+Esc, Ctrl+Esc, F1 … F12, the Windows/Super key
(``enableStartMenu``), Print Screen, Alt+F4 (``enableAltF4``) and synthetic input
(``enableInjected``) per the settings; Ctrl+C/V/X when the clipboard is blocked. The launcher
adds what desktops other than Windows' use: any key held with the Super/Meta modifier
(``enableStartMenu``), Ctrl+Alt+arrows and Ctrl+Alt+Delete (switching desktops, session menus),
and the other clipboard keys (Ctrl+Insert, Shift+Insert, Shift+Delete, Copy/Paste/Cut).

What a swallowed or passing key then does is the platform's business: with ``enableAltTab`` the
Qt filter turns the swallowed Alt+Tab into a switch between the exam's own windows; an Alt+F4
that passes (``enableAltF4``) asks the exam to quit instead of closing its window.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)


class Key(enum.Enum):
    """The keys the table names (any other key is ``None`` to :func:`blocked`)."""

    TAB = "Tab"
    ESCAPE = "Escape"
    SPACE = "Space"
    MENU = "Menu"  # the context-menu ("Apps") key
    START = "Start"  # the Windows / Super / Meta key itself
    PRINT = "Print"  # Print Screen (SysRq)
    F1, F2, F3, F4, F5, F6 = "F1", "F2", "F3", "F4", "F5", "F6"
    F7, F8, F9, F10, F11, F12 = "F7", "F8", "F9", "F10", "F11", "F12"
    LEFT, RIGHT, UP, DOWN = "Left", "Right", "Up", "Down"
    INSERT, DELETE = "Insert", "Delete"
    C, V, X = "C", "V", "X"
    COPY, PASTE, CUT = "Copy", "Paste", "Cut"


#: F1 … F12 in order (``FUNCTION_KEYS[n - 1]`` is Fn).
FUNCTION_KEYS = (Key.F1, Key.F2, Key.F3, Key.F4, Key.F5, Key.F6,
                 Key.F7, Key.F8, Key.F9, Key.F10, Key.F11, Key.F12)
_ARROWS_AND_DELETE = frozenset((Key.LEFT, Key.RIGHT, Key.UP, Key.DOWN, Key.DELETE))


class KeySettings(Protocol):
    """The exam's key settings the table reads (``launcher.browser.options.KioskOptions``)."""

    @property
    def enable_esc(self) -> bool: ...
    @property
    def enable_alt_esc(self) -> bool: ...
    @property
    def enable_ctrl_esc(self) -> bool: ...
    @property
    def enable_alt_f4(self) -> bool: ...
    @property
    def enable_f_keys(self) -> Sequence[bool]: ...  # F1 … F12
    @property
    def enable_start_menu(self) -> bool: ...
    @property
    def enable_print_screen(self) -> bool: ...
    @property
    def enable_injected(self) -> bool: ...
    @property
    def clipboard_blocked(self) -> bool: ...


def blocked(settings: KeySettings, key: Key | None, *, alt: bool = False, ctrl: bool = False,
            shift: bool = False, system: bool = False, injected: bool = False) -> bool:
    """Whether ``key`` (pressed or released) is swallowed with these modifiers held. ``system``:
    the Windows/Super/Meta modifier; ``injected``: synthetic input (only a source that can tell
    says so)."""
    if injected and not settings.enable_injected:
        return True
    if key is Key.MENU or (alt and key in (Key.TAB, Key.SPACE)):
        return True  # the context menu, the window menu, the desktop's window switcher
    if key is Key.ESCAPE:
        if alt:
            return not settings.enable_alt_esc
        if ctrl:
            return not settings.enable_ctrl_esc
        return not settings.enable_esc
    if key is Key.F4 and alt and not settings.enable_alt_f4:
        return True
    if key in FUNCTION_KEYS:
        return not settings.enable_f_keys[FUNCTION_KEYS.index(key)]
    if key is Key.PRINT:
        return not settings.enable_print_screen
    if key is Key.START or system:
        return not settings.enable_start_menu
    if ctrl and alt and key in _ARROWS_AND_DELETE:
        return True  # switching desktops, session menus
    if settings.clipboard_blocked:
        if ctrl and key in (Key.C, Key.V, Key.X, Key.INSERT):
            return True
        if shift and key in (Key.INSERT, Key.DELETE):
            return True
        if key in (Key.COPY, Key.PASTE, Key.CUT):
            return True
    return False
