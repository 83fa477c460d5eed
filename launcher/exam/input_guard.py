"""Keyboard and mouse lockdown of a running exam: the X keyboard grab and SEB's key table.

One job: keep the student's keys and mouse inside the exam, per the configuration.

* **Keyboard grab (X11)**: ``QWindow.setKeyboardGrabEnabled(True)`` on the exam window once it is
  shown, retried until the X server grants it — under the grab the window manager sees no
  Alt+Tab, Alt+Escape, Super, Alt+Space, Ctrl+Alt+arrows or Print, while the page still gets
  typing (``QWidget.grabKeyboard`` would starve the web view). Our own windows (quit password,
  reload question, lock windows) take the grab while shown and give it back after; a grab lost
  to a web popup (a ``<select>`` list) is taken back once the popup closes. While a permitted
  program is the active window the grab is let go (``yield_keyboard``) and taken back
  (``take_keyboard_back``) by ``launcher.exam.permitted_programs``.
* **Key and mouse table**: one event filter, on the ``QWindow`` of each of our windows (it sees
  every key, button, wheel and gesture before any widget does), applies ``enableAltTab``,
  ``enableAltF4``, ``enableEsc``, ``enableAltEsc``, ``enableCtrlEsc``, ``enableStartMenu``,
  ``enableF1`` … ``enableF12``, ``enablePrintScreen``, ``enableRightMouse``,
  ``enableMiddleMouse``, ``enableAltMouseWheel``, ``enableZoomPage`` for Ctrl+wheel and pinch,
  and Ctrl+C/V/X when the clipboard is blocked. Alt+Space and the menu key are always swallowed
  (as SEB for Windows does).
* **Wayland**: each of our windows that takes the keyboard asks the compositor to hold its own
  shortcuts for it (``launcher.exam.wayland_keyboard``: keyboard-shortcuts-inhibit, where the
  compositor offers and grants it). In every case the exam window losing the focus for more than
  2 s locks the exam (``focus-lost``) — what holds where the compositor refuses.
* **XWayland** (Qt's ``xcb`` on an X server that is Xwayland): the X grab and everything X11
  does stay on (they hold other X clients), and the focus-loss lock is added, as the grab does
  not reach the compositor's shortcuts.
* The session kind comes from Qt (``platformName()``) and the X server Qt is connected to, never
  from environment variables: a student's ``WAYLAND_DISPLAY`` or ``XDG_SESSION_TYPE=wayland`` on
  an X11 desktop switches nothing off.
* **Windows and macOS**: the OS's own shortcuts are held by ``system_keys``
  (``launcher.platform.system_keys``: a low-level keyboard hook, presentation options).
* ``enableInjected`` false on X11: ``injected`` (set by ``launcher.exam.x_census``, which sees
  the X server's XTEST requests) drops synthetic keys and clicks before any window gets them;
  elsewhere (Wayland) it is logged as not enforced (the Windows hook tells them apart itself).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QNativeGestureEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from launcher.browser.options import KioskOptions
from launcher.lockdown.blocked_keys import FUNCTION_KEYS
from launcher.lockdown.blocked_keys import Key as TableKey
from launcher.lockdown.blocked_keys import blocked as table_blocked

log = logging.getLogger(__name__)

K = Qt.Key
M = Qt.KeyboardModifier
FOCUS_LOST_LOCK_MS = 2_000
GRAB_RETRY_MS = 100
GRAB_CHECK_MS = 1_000

#: Qt's keys as SEB's key table names them (``launcher.lockdown.blocked_keys``).
TABLE_KEYS: dict[int, TableKey] = {
    K.Key_Tab: TableKey.TAB, K.Key_Backtab: TableKey.TAB, K.Key_Escape: TableKey.ESCAPE,
    K.Key_Space: TableKey.SPACE, K.Key_Menu: TableKey.MENU,
    K.Key_Meta: TableKey.START, K.Key_Super_L: TableKey.START, K.Key_Super_R: TableKey.START,
    K.Key_Hyper_L: TableKey.START, K.Key_Hyper_R: TableKey.START,
    K.Key_Print: TableKey.PRINT, K.Key_SysReq: TableKey.PRINT,
    **{getattr(K, f"Key_F{n}"): FUNCTION_KEYS[n - 1] for n in range(1, 13)},
    K.Key_Left: TableKey.LEFT, K.Key_Right: TableKey.RIGHT, K.Key_Up: TableKey.UP,
    K.Key_Down: TableKey.DOWN, K.Key_Insert: TableKey.INSERT, K.Key_Delete: TableKey.DELETE,
    K.Key_C: TableKey.C, K.Key_V: TableKey.V, K.Key_X: TableKey.X,
    K.Key_Copy: TableKey.COPY, K.Key_Paste: TableKey.PASTE, K.Key_Cut: TableKey.CUT,
}
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
#: Qt's input events and the X event types they come from (for the synthetic-input check).
_X_TYPES = {
    QEvent.Type.KeyPress: 2, QEvent.Type.KeyRelease: 3, QEvent.Type.ShortcutOverride: 2,
    QEvent.Type.MouseButtonPress: 4, QEvent.Type.MouseButtonRelease: 5, QEvent.Type.MouseButtonDblClick: 4,
}
_MOUSE_EVENTS = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)


def platform_kind(platform_name: str | None = None) -> str:
    """``"x11"`` (Qt's ``xcb``: X grabs hold X clients), ``"wayland"`` (Qt's Wayland platform) or
    ``"other"`` (offscreen, Windows, macOS …) — from Qt's platform alone: environment variables a
    student can set (``WAYLAND_DISPLAY``, ``XDG_SESSION_TYPE``) are never asked."""
    name = platform_name if platform_name is not None else QGuiApplication.platformName()
    if name.startswith("wayland"):
        return "wayland"
    if name == "xcb":
        return "x11"
    return "other"


def on_xwayland(screen_names: list[str] | None = None) -> bool:
    """True when Qt's X server is Xwayland — a fact of the server Qt talks to, not of the
    environment: its RandR outputs (Qt's screen names) are ``XWAYLAND0`` …, or the process
    behind the display's socket is Xwayland (newer Xwayland may name outputs as the compositor)."""
    if screen_names is None:
        screen_names = [s.name() for s in QGuiApplication.screens()]
        from launcher.lockdown import wayland_compositor
        from launcher.lockdown.machine import Machine

        if wayland_compositor.xwayland_serves(Machine.local()):
            return True
    return any(n.upper().startswith("XWAYLAND") for n in screen_names)


def blocked_key(options: KioskOptions, key: int, modifiers: Any) -> bool:
    """True when SEB's key table (with the exam's settings) swallows ``key`` + ``modifiers``.
    Qt cannot tell synthetic input apart: ``enableInjected`` is not asked here."""
    return table_blocked(
        options, TABLE_KEYS.get(key),
        alt=bool(modifiers & M.AltModifier), ctrl=bool(modifiers & M.ControlModifier),
        shift=bool(modifiers & M.ShiftModifier), system=bool(modifiers & M.MetaModifier),
    )


def blocked_button(options: KioskOptions, button: Any) -> bool:
    if button == Qt.MouseButton.RightButton:
        return not options.enable_right_mouse
    if button == Qt.MouseButton.MiddleButton:
        return not options.enable_middle_mouse
    return button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton)


def blocked_wheel(options: KioskOptions, modifiers: Any) -> bool:
    if modifiers & M.ControlModifier:
        return not options.allow_zoom
    if modifiers & M.AltModifier:
        return not options.enable_alt_mouse_wheel
    return False


class KeyboardGrab(QObject):
    """Holds the X keyboard grab on the top of a stack of our windows (exam window first,
    then dialogs and lock windows while they are shown)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack: list[QWidget] = []
        self._followed: set[int] = set()  # widgets whose destruction we follow
        self._granted: QWidget | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(GRAB_RETRY_MS)
        self._retry.timeout.connect(self._apply)
        self._check = QTimer(self)  # take the grab back after a web popup or the WM took it
        self._check.setInterval(GRAB_CHECK_MS)
        self._check.timeout.connect(self._reassert)
        self._tries = 0
        self._suspended = False  # a permitted program is in front: no grab until resume()

    @property
    def holder(self) -> QWidget | None:
        """The window that has the grab now (None while none is granted)."""
        return self._granted

    def hold(self, widget: QWidget) -> None:
        if widget in self._stack:
            self._stack.remove(widget)
        self._stack.append(widget)
        if id(widget) not in self._followed:
            self._followed.add(id(widget))
            widget.destroyed.connect(functools.partial(self._forget, widget))
        self._tries = 0
        self._suspended = False  # one of our windows needs the keyboard: it wins
        self._apply()
        self._check.start()

    def suspend(self) -> None:
        """Give the keyboard up while a permitted program is in front (until :meth:`resume`,
        or until one of our windows asks for it with :meth:`hold`)."""
        self._suspended = True
        self._retry.stop()
        self._check.stop()
        for widget in self._stack:
            self._ungrab(widget)

    def resume(self) -> None:
        if not self._suspended:
            return
        self._suspended = False
        self._tries = 0
        if self._stack:
            self._apply()
            self._check.start()

    def release(self, widget: QWidget) -> None:
        if widget not in self._stack:
            return
        on_top = self._stack[-1] is widget
        self._stack.remove(widget)
        if on_top:
            self._ungrab(widget)
            self._tries = 0
            self._apply()
        if not self._stack:
            self._check.stop()
            self._retry.stop()

    def release_all(self) -> None:
        for widget in list(reversed(self._stack)):
            self._ungrab(widget)
        self._stack.clear()
        self._granted = None
        self._retry.stop()
        self._check.stop()

    def _forget(self, widget: QWidget, *_destroyed: object) -> None:
        self._followed.discard(id(widget))
        self._stack = [w for w in self._stack if w is not widget]
        if self._granted is widget:
            self._granted = None
            self._apply()

    def _ungrab(self, widget: QWidget) -> None:
        try:
            handle = widget.windowHandle()
            if handle is not None:
                handle.setKeyboardGrabEnabled(False)
        except RuntimeError:  # already deleted
            pass
        if self._granted is widget:
            self._granted = None

    def _apply(self) -> None:
        if not self._stack or self._suspended:
            self._retry.stop()
            return
        top = self._stack[-1]
        try:
            handle = top.windowHandle() if top.isVisible() else None
            ok = bool(handle is not None and handle.isExposed() and handle.setKeyboardGrabEnabled(True))
        except RuntimeError:
            self._forget(top)
            return
        if ok:
            if self._granted is not top:
                log.info("keyboard held by %s", top.windowTitle() or type(top).__name__)
            self._granted = top
            self._retry.stop()
            return
        self._granted = None
        self._tries += 1
        if self._tries == 30:
            log.warning("the keyboard grab is not granted yet (another program holds it?); retrying")
        if not self._retry.isActive():
            self._retry.start()

    def _reassert(self) -> None:
        if self._suspended or QApplication.activePopupWidget() is not None or self._retry.isActive():
            return  # a web popup has the keyboard until it closes
        self._apply()


class InputGuard(QObject):
    """The key and mouse filter of one exam session's windows, and its keyboard grab.

    ``windows()`` returns the session's exam windows (for Alt+Tab between them);
    ``on_quit_key`` is called for Alt+F4 when ``enableAltF4`` is true; ``on_focus_lost`` when,
    on Wayland, none of our windows has had the focus for ``FOCUS_LOST_LOCK_MS``.
    """

    def __init__(
        self,
        options: KioskOptions,
        *,
        windows: Callable[[], list[QWidget]],
        on_quit_key: Callable[[], None] | None = None,
        on_focus_lost: Callable[[], None] | None = None,
        kind: str | None = None,
        system_keys: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._opt = options
        self.system_keys = system_keys  # Windows/macOS: launcher.platform.system_keys.SystemKeys
        self._windows = windows
        self._on_quit_key = on_quit_key
        self._on_focus_lost = on_focus_lost
        self.kind = kind if kind is not None else platform_kind()
        self.xwayland = self.kind == "x11" and kind is None and on_xwayland()
        self.grab = KeyboardGrab(self)
        self.compositor_shortcuts: Any = None  # Wayland: launcher.exam.wayland_keyboard
        self._installed = False
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(FOCUS_LOST_LOCK_MS)
        self._focus_timer.timeout.connect(self._focus_lost)
        self._focus_conn: Any = None
        self._watched: list[Any] = []  # QWindow handles with this filter
        #: X11 with ``enableInjected`` false: (X event type, keycode or button) -> whether a
        #: program made it (``launcher.exam.x_census.XCensus.injected``); such events are dropped
        self.injected: Callable[[int, int], bool] | None = None

    # -- life cycle ---------------------------------------------------------------------
    def install(self) -> None:
        """Start guarding (the session's windows are added with :meth:`watch`)."""
        if self._installed:
            return
        self._installed = True
        if not self._opt.enable_injected and self.kind != "x11" and getattr(self.system_keys, "platform", "") != "win32":
            log.info(
                "enableInjected is false, but synthetic input cannot be told apart from "
                "real input here: not enforced (unsupported)"
            )
        if self.kind == "wayland" or self.xwayland:
            log.warning(
                "%s: the exam locks when its window loses the focus for more than %d s",
                "Wayland session" if self.kind == "wayland" else
                "XWayland (an X server inside a Wayland session; the X grab holds X clients only)",
                FOCUS_LOST_LOCK_MS // 1000,
            )
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                self._focus_conn = app.focusWindowChanged.connect(self._on_focus_window)
        if self.kind == "wayland":
            from launcher.exam.wayland_keyboard import CompositorShortcuts

            self.compositor_shortcuts = CompositorShortcuts(self)
        elif self.system_keys is not None:
            self.system_keys.hold()
        elif self.kind == "other":
            log.info("no keyboard grab on the %s platform", QGuiApplication.platformName())

    def uninstall(self) -> None:
        self._installed = False
        self.grab.release_all()
        if self.compositor_shortcuts is not None:
            self.compositor_shortcuts.close()
            self.compositor_shortcuts = None
        if self.system_keys is not None:
            self.system_keys.release()
        for handle in self._watched:
            try:
                handle.removeEventFilter(self)
            except RuntimeError:  # the window is gone already
                pass
        self._watched.clear()
        self._focus_timer.stop()
        if self._focus_conn is not None:
            QObject.disconnect(self._focus_conn)
            self._focus_conn = None

    def watch(self, widget: QWidget) -> None:
        """Apply the key and mouse table to ``widget``'s window (created if need be).

        The filter sits on the window's ``QWindow``, which receives every key, mouse, wheel and
        gesture event of that window before any widget (the web view's render widget included)
        does. (Not an application-wide filter: PySide6 6.12 crashes with one installed while
        Qt WebEngine runs.)"""
        if not self._installed:
            return
        widget.winId()  # make sure the native window exists
        handle = widget.windowHandle()
        if handle is None or handle in self._watched:
            return
        handle.installEventFilter(self)
        self._watched.append(handle)
        handle.destroyed.connect(functools.partial(self._unwatch, handle))

    def _unwatch(self, handle: Any, *_destroyed: object) -> None:
        self._watched = [h for h in self._watched if h is not handle]

    def hold_keyboard(self, widget: QWidget) -> None:
        """Guard ``widget``'s window and give it the keyboard (X11) until :meth:`release_keyboard`."""
        self.watch(widget)
        if self.kind == "x11" and self._installed:
            self.grab.hold(widget)
        elif self.compositor_shortcuts is not None and self._installed:
            self.compositor_shortcuts.hold(widget)

    def release_keyboard(self, widget: QWidget) -> None:
        if self.kind == "x11":
            self.grab.release(widget)
        elif self.compositor_shortcuts is not None:
            self.compositor_shortcuts.release(widget)

    def yield_keyboard(self) -> None:
        """X11: let go of the grab while a permitted program is the active window."""
        if self.kind == "x11" and self._installed:
            self.grab.suspend()

    def take_keyboard_back(self) -> None:
        if self.kind == "x11" and self._installed:
            self.grab.resume()

    # -- Wayland: focus loss ------------------------------------------------------------
    def _on_focus_window(self, window: Any) -> None:
        if window is not None:
            self._focus_timer.stop()
        elif not self._focus_timer.isActive():
            self._focus_timer.start()

    def _focus_lost(self) -> None:
        if QGuiApplication.focusWindow() is not None:
            return
        log.info("the exam window lost the focus for more than %d s", FOCUS_LOST_LOCK_MS // 1000)
        if self._on_focus_lost is not None:
            self._on_focus_lost()

    # -- the filter ---------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if self.injected is not None and etype in _X_TYPES and self._made_by_a_program(event):
            event.accept()
            return True
        if etype in _KEY_EVENTS:
            return isinstance(event, QKeyEvent) and self._key(event)
        if etype in _MOUSE_EVENTS:
            assert isinstance(event, QMouseEvent)
            if blocked_button(self._opt, event.button()):
                event.accept()
                return True
            return False
        if etype == QEvent.Type.Wheel:
            assert isinstance(event, QWheelEvent)
            if blocked_wheel(self._opt, event.modifiers()):
                event.accept()
                return True
            return False
        if etype == QEvent.Type.NativeGesture:
            assert isinstance(event, QNativeGestureEvent)
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture and not self._opt.allow_zoom:
                event.accept()
                return True
        return False

    def _made_by_a_program(self, event: QEvent) -> bool:
        kind = _X_TYPES[event.type()]
        code = event.nativeScanCode() if isinstance(event, QKeyEvent) else int(getattr(event, "button")().value)
        assert self.injected is not None
        if self.injected(kind, code):
            log.warning("a synthetic (XTEST) key or click was kept from the exam (enableInjected is false)")
            return True
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers()
        alt = bool(mods & M.AltModifier)
        pressed = event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat()
        blocked = blocked_key(self._opt, key, mods)
        if alt and key == K.Key_F4 and not blocked:
            # enableAltF4: the key reaches the exam, but its window does not close by itself:
            # the session asks (quit password or confirmation)
            if pressed and self._on_quit_key is not None:
                self._on_quit_key()
        elif not blocked:
            return False
        elif pressed and alt and key in (K.Key_Tab, K.Key_Backtab) and self._opt.enable_alt_tab:
            self._next_window(key == K.Key_Backtab)
        event.accept()
        return True

    def _next_window(self, backwards: bool) -> None:
        """Alt+Tab with ``enableAltTab``: the next of the exam's own windows, never another app."""
        windows = [w for w in self._windows() if w is not None and w.isVisible()]
        if len(windows) < 2:
            return
        active = QApplication.activeWindow()
        idx = windows.index(active) if active in windows else 0
        target = windows[(idx + (-1 if backwards else 1)) % len(windows)]
        target.raise_()
        target.activateWindow()
        if self.grab.holder in windows:
            self.hold_keyboard(target)
