"""The exam window: full screen, frameless, on top, a web view and the slim taskbar.

One job: present the exam page and keep the keyboard and mouse from leaving it — no context
menu, shortcuts that would open windows, tools or other pages swallowed (the allowed ones —
reload, back/forward, zoom, dev tools — are carried out by the window itself, per settings),
and closing the window only when the session says so.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QWheelEvent
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from launcher.browser.options import KioskOptions
from launcher.ui.kiosk_view import KioskView
from launcher.ui.taskbar import Taskbar

__all__ = ["KioskView", "KioskWindow", "KeyGuard"]

log = logging.getLogger(__name__)

K = Qt.Key
M = Qt.KeyboardModifier
ZOOM_STEPS = (0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
# Ctrl+<key> combinations that would open, save, print, close or leave: always swallowed.
_CTRL_BLOCKED = frozenset(
    (K.Key_N, K.Key_T, K.Key_W, K.Key_Q, K.Key_P, K.Key_O, K.Key_S, K.Key_U, K.Key_L, K.Key_J)
)


class KioskWindow(QWidget):
    """One kiosk window. ``secondary`` windows (opened by the exam) get a Close button instead of Quit."""

    reloadRequested = Signal()
    quitRequested = Signal()
    closeRequested = Signal()
    printRequested = Signal()

    def __init__(
        self,
        options: KioskOptions,
        *,
        view: KioskView | None = None,
        secondary: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._opt = options
        self.secondary = secondary
        self._may_close = False
        self._devtools: QWebEngineView | None = None
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setWindowTitle(self.tr("Exam"))
        self.view = view if view is not None else KioskView(self)
        self.view.setParent(self)
        self.view.no_menu_policy()
        if secondary:
            self.taskbar = Taskbar(
                allow_reload=options.allow_reload, allow_quit=True, quit_text=self.tr("Close"), parent=self
            )
            self.taskbar.quitClicked.connect(self.closeRequested)
        else:
            self.taskbar = Taskbar(
                allow_reload=options.allow_reload, allow_quit=options.allow_quit, parent=self
            )
            self.taskbar.quitClicked.connect(self.quitRequested)
        self.taskbar.reloadClicked.connect(self.reloadRequested)
        self.taskbar.retryClicked.connect(self._retry)
        box = self._box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.view, 1)
        box.addWidget(self.taskbar)
        self._failed_url = None
        self._guard = KeyGuard(self)
        self._guarded: list[QWidget] = []
        self.installEventFilter(self._guard)
        self.view.installEventFilter(self._guard)
        self._guarded.append(self.view)
        self._armed = False
        self._focus_conn: Any = None
        self.find_bar: Any = None  # launcher.ui.find_bar.FindBar, made on the first Ctrl+F

    @property
    def options(self) -> KioskOptions:
        """The settings this window acts on (a window the exam opened has its own)."""
        return self._opt

    # -- page hooks ---------------------------------------------------------------------
    def attach(self, page: QWebEnginePage) -> None:
        """Show ``page`` in this window (page already loading) and follow its state."""
        if self.view.page() is not page:
            self.view.setPage(page)
        page.loadingChanged.connect(self._on_loading)
        page.printRequested.connect(self.printRequested)
        page.printRequestedByFrame.connect(self.printRequested)
        if hasattr(page, "notice"):
            page.notice.connect(self.taskbar.show_notice)
        page.windowCloseRequested.connect(self._page_wants_close)
        page.loadFinished.connect(self._arm_guard)
        page.renderProcessTerminated.connect(self._guard_render_widget)

    def _arm_guard(self) -> None:
        """Guard keys on the render widget from the first loaded page on. Not earlier: the first
        Python touch of that widget (a QQuickWidget PySide must wrap) costs ~15–20 ms, which
        would delay the exam's first request."""
        if not self._armed:
            self._armed = True
            app = QApplication.instance()
            if isinstance(app, QApplication):  # a new render widget takes focus before it gets any key
                self._focus_conn = app.focusChanged.connect(self._on_focus_changed)
        self._guard_render_widget()

    def _on_focus_changed(self, _old: Any, new: Any) -> None:
        if new is not None and new not in self._guarded and new.window() is self:
            new.installEventFilter(self._guard)
            self._guarded.append(new)

    def _guard_render_widget(self) -> None:
        """Keys go to the view's render widget (its focus proxy), which Chromium may replace."""
        if not self._armed:
            return
        for widget in (self.view, self.view.focusProxy()):
            if widget is not None and widget not in self._guarded:
                widget.installEventFilter(self._guard)
                self._guarded.append(widget)

    def _page_wants_close(self) -> None:
        if self.secondary:
            self.closeRequested.emit()

    def _on_loading(self, info: Any) -> None:
        from PySide6.QtWebEngineCore import QWebEngineLoadingInfo as LI

        status = info.status()
        if status == LI.LoadStatus.LoadSucceededStatus and not info.isErrorPage():
            if self._failed_url is not None:
                self._failed_url = None
                self.taskbar.clear_notice()
        elif status == LI.LoadStatus.LoadFailedStatus:
            code = info.errorCode()
            # -3 aborted (a navigation we refused or replaced), -20 blocked by us: not network trouble
            if info.errorDomain() == LI.ErrorDomain.InternalErrorDomain or code in (-3, -20, -27):
                return
            self._failed_url = info.url()
            log.info("main page failed to load (error %s)", code)
            self.taskbar.show_notice(
                self.tr("The page could not be loaded. Check the network, then retry."), retry=True
            )

    def _retry(self) -> None:
        page = self.view.page()
        self.taskbar.clear_notice()
        if self._failed_url is not None and page.url() != self._failed_url:
            page.load(self._failed_url)
        else:
            page.triggerAction(QWebEnginePage.WebAction.Reload)

    # -- actions the guard carries out --------------------------------------------------
    def zoom(self, step: int) -> None:
        if not self._opt.allow_zoom:
            return
        if step == 0:
            self.view.setZoomFactor(1.0)
            return
        current = self.view.zoomFactor()
        if step > 0:
            nxt = next((z for z in ZOOM_STEPS if z > current + 1e-3), ZOOM_STEPS[-1])
        else:
            nxt = next((z for z in reversed(ZOOM_STEPS) if z < current - 1e-3), ZOOM_STEPS[0])
        self.view.setZoomFactor(nxt)

    def open_find_bar(self) -> None:
        """Ctrl+F: open the find bar above the taskbar (``allowFind``)."""
        if not self._opt.allow_find:
            return
        if self.find_bar is None:
            from launcher.ui.find_bar import FindBar

            self.find_bar = FindBar(self.view, parent=self)
            self._box.insertWidget(self._box.indexOf(self.taskbar), self.find_bar)
        self.find_bar.open()

    def history(self, forward: bool) -> None:
        if not self._opt.allow_back_forward:
            return
        page = self.view.page()
        page.triggerAction(
            QWebEnginePage.WebAction.Forward if forward else QWebEnginePage.WebAction.Back
        )

    def dev_tools(self) -> None:
        if not self._opt.allow_dev_tools:
            log.info("developer tools are not allowed")
            return
        if self._devtools is None:
            self._devtools = QWebEngineView()
            self._devtools.setWindowTitle(self.tr("Developer tools"))
            self._devtools.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.view.page().setDevToolsPage(self._devtools.page())
        self._devtools.resize(900, 600)
        self._devtools.show()

    @property
    def devtools_view(self) -> QWebEngineView | None:
        return self._devtools

    # -- closing ------------------------------------------------------------------------
    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self._may_close:
            if self._focus_conn is not None:
                # QObject.disconnect(connection): PySide 6.12's signal.disconnect(slot) drops a
                # reference to True per call (fatal at interpreter exit once enough pile up)
                QObject.disconnect(self._focus_conn)
                self._focus_conn = None
            if self._devtools is not None:
                self._devtools.close()
            event.accept()
            return
        event.ignore()
        (self.closeRequested if self.secondary else self.quitRequested).emit()


class KeyGuard(QObject):
    """Key filter on one kiosk window, its web view and the view's render widget (which
    receives the keys)."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        etype = event.type()
        if etype == QEvent.Type.ChildPolished and obj is self._window.view:
            self._window._guard_render_widget()  # Chromium swapped the render widget
            return False
        if etype == QEvent.Type.Wheel and not self._window._opt.allow_zoom:
            # Ctrl+wheel is Chromium's zoom: not when the exam forbids zooming (enableZoomPage)
            ctrl = isinstance(event, QWheelEvent) and bool(event.modifiers() & M.ControlModifier)
            return ctrl and isinstance(obj, QWidget) and obj.window() is self._window
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        action = self._classify(event)
        if action is None:
            return False
        if etype == QEvent.Type.KeyPress and not event.isAutoRepeat():
            action()
        event.accept()
        return True

    def _classify(self, event: QKeyEvent) -> Any:
        """None: let the page have the key; else a callable (maybe a no-op) and the key is eaten."""
        key = event.key()
        mods = event.modifiers() & (M.ControlModifier | M.ShiftModifier | M.AltModifier | M.MetaModifier)
        w = self._window
        ctrl = bool(mods & M.ControlModifier)
        shift = bool(mods & M.ShiftModifier)
        alt = bool(mods & M.AltModifier)
        noop = lambda: None  # noqa: E731
        if key == K.Key_F12 or (ctrl and shift and key in (K.Key_I, K.Key_J, K.Key_C)):
            return w.dev_tools
        if key == K.Key_F5 or (ctrl and key == K.Key_R):
            return w.reloadRequested.emit if w._opt.allow_reload else noop
        if alt and key in (K.Key_Left, K.Key_Right):
            return lambda: w.history(key == K.Key_Right)
        if key in (K.Key_Back, K.Key_Forward):
            return lambda: w.history(key == K.Key_Forward)
        if alt and key in (K.Key_F4, K.Key_Home):
            return noop
        if ctrl and key in (K.Key_Plus, K.Key_Equal):
            return lambda: w.zoom(+1)
        if ctrl and key == K.Key_Minus:
            return lambda: w.zoom(-1)
        if ctrl and key == K.Key_0:
            return lambda: w.zoom(0)
        if ctrl and key == K.Key_F and w._opt.allow_find:
            return w.open_find_bar
        if ctrl and key in _CTRL_BLOCKED:
            return noop
        if ctrl and key in (K.Key_Tab, K.Key_Backtab, K.Key_PageUp, K.Key_PageDown):
            return noop
        return None
