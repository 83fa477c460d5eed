"""The lock screen: the exam hidden behind one frameless, top-most window per screen.

One job: cover every screen (also screens added while locked) in ``lockScreenBackgroundColor``,
say why the exam is locked, and let only the invigilator reopen it. Each window shows a centred
panel (``launcher.ui.lock_panel``: readable on any colour); the primary screen's holds the
reason, the time, the quit-password field (checked in constant time, growing wait after wrong
tries — ``launcher.ui.password_gate``, as the quit dialog), "Unlock", and "Quit exam" (which needs
the quit password too when the exam has one; absent when ``allowQuit`` is false). An exam without a quit password shows "Continue"
instead of the field. Everything works with the keyboard alone (Tab, Return).

``LockScreen(options, check)`` — ``show(reason)``, ``close()``, ``windows``, ``primary``; signals
``unlockRequested()`` (right password or Continue) and ``quitRequested()``; ``windowShown(QWidget)``
and ``windowClosed(QWidget)`` so the session can move the keyboard grab.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from launcher.browser.options import KioskOptions
from launcher.ui import lock_panel
from launcher.ui.password_gate import PasswordGate

log = logging.getLogger(__name__)

DEFAULT_COLOR = "#ff0000"


def lock_color(value: str) -> QColor:
    """``lockScreenBackgroundColor`` as a colour (SEB's red when the value is not one)."""
    color = QColor(value.strip()) if isinstance(value, str) else QColor()
    return color if color.isValid() else QColor(DEFAULT_COLOR)


def _text_color(background: QColor) -> QColor:
    return QColor("#000000") if background.lightnessF() > 0.6 else QColor("#ffffff")


class LockWindow(QWidget):
    """One screen's cover; the ``primary`` one has the reason and the controls."""

    def __init__(
        self, screen: QScreen, color: QColor, *, primary: bool, has_password: bool, may_quit: bool = True
    ) -> None:
        super().__init__(None)
        self.screen_ = screen
        self.primary = primary
        self.may_close = False  # set by LockScreen when the lock ends: the window manager's close is refused
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setWindowTitle(self.tr("Exam locked"))
        self.setAutoFillBackground(True)
        pal = self.palette()
        fg = _text_color(color)
        pal.setColor(QPalette.ColorRole.Window, color)
        pal.setColor(QPalette.ColorRole.WindowText, fg)
        self.setPalette(pal)
        self.reason = QLabel(self)
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.reason.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.reason.setFont(font)
        self.password: QLineEdit | None = None
        self.error: QLabel | None = None
        self.unlock_button: QPushButton | None = None
        self.continue_button: QPushButton | None = None
        self.quit_button: QPushButton | None = None
        self.clock: QLabel | None = None
        self.panel = lock_panel.Panel(self, color)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        box = self.panel.box
        title = QLabel(self.tr("The exam is locked"), self.panel)
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        tfont = title.font()
        tfont.setPointSizeF(tfont.pointSizeF() * 2.2)
        tfont.setBold(True)
        title.setFont(tfont)
        box.addWidget(title)
        self.reason.setParent(self.panel)
        box.addWidget(self.reason)
        if primary:
            self.clock = lock_panel.clock_label(self.panel)
            box.addWidget(self.clock)
            box.addSpacing(12)
            if has_password:
                ask = QLabel(self.tr("Ask the invigilator to enter the quit password:"), self.panel)
                ask.setWordWrap(True)
                box.addWidget(ask)
                self.password = QLineEdit(self.panel)
                self.password.setObjectName("password")
                self.password.setEchoMode(QLineEdit.EchoMode.Password)
                self.password.setAccessibleName(self.tr("Quit password"))
                self.password.setAccessibleDescription(ask.text())
                ask.setBuddy(self.password)
                box.addWidget(self.password)
                self.error = QLabel(self.panel)
                self.error.setObjectName("error")
                self.error.setWordWrap(True)
                self.error.setVisible(False)
                box.addWidget(self.error)
            row = QHBoxLayout()
            row.setSpacing(16)
            if has_password:
                self.unlock_button = QPushButton(self.tr("Unlock"), self.panel)
                self.unlock_button.setDefault(True)
                row.addWidget(self.unlock_button)
            else:
                self.continue_button = QPushButton(self.tr("Continue"), self.panel)
                self.continue_button.setDefault(True)
                row.addWidget(self.continue_button)
            if may_quit:  # allowQuit false: not even from here
                self.quit_button = QPushButton(self.tr("Quit exam"), self.panel)
                row.addWidget(self.quit_button)
            box.addLayout(row)
            self.panel.style_controls()

    def cover(self) -> None:
        """Show full screen on this window's screen."""
        self.setGeometry(self.screen_.geometry())
        self.winId()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(self.screen_)
        self.showFullScreen()
        self.raise_()
        if self.primary:
            self.activateWindow()
            focus = self.password or self.continue_button
            if focus is not None:
                focus.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.may_close:
            event.accept()
        else:
            event.ignore()  # Alt+F4 or the window manager: the lock stays


class LockScreen(QObject):
    """The lock windows of one exam session."""

    unlockRequested = Signal()
    quitRequested = Signal()
    windowShown = Signal(QWidget)
    windowClosed = Signal(QWidget)

    def __init__(self, options: KioskOptions, check: Callable[[str, str], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._opt = options
        self._check = check
        self._color = lock_color(options.lock_screen_color)
        self._hashed = options.hashed_quit_password
        self.windows: list[LockWindow] = []
        self.reason = ""
        self._gate: PasswordGate | None = None
        self._conns: list[QMetaObject.Connection] = []
        from launcher.ui.lock_guard import LockGuard

        self.guard = LockGuard(self)  # the pages hidden and the lock windows held while shown

    @property
    def primary(self) -> LockWindow | None:
        return next((w for w in self.windows if w.primary), None)

    @property
    def is_shown(self) -> bool:
        return bool(self.windows)

    def show(self, reason: str) -> None:
        """Cover every screen with ``reason`` on the primary one (updates the reason when shown)."""
        self.reason = reason
        if self.windows:
            for window in self.windows:
                window.reason.setText(reason)
            return
        app = QGuiApplication.instance()
        primary = QGuiApplication.primaryScreen()
        screens = QGuiApplication.screens()
        if primary is None and screens:
            primary = screens[0]
        for screen in screens:
            self._add(screen, primary=screen is primary)
        if isinstance(app, QGuiApplication):
            self._conns = [
                app.screenAdded.connect(self._screen_added),
                app.screenRemoved.connect(self._screen_removed),
                app.primaryScreenChanged.connect(self._primary_changed),
            ]
        self.guard.start()  # the pages hidden, the lock windows held on the screen

    def close(self) -> None:
        for conn in self._conns:
            QObject.disconnect(conn)
        self._conns = []
        for window in list(self.windows):
            self._drop(window)
        self._gate = None
        self.guard.stop()

    # -- screens ------------------------------------------------------------------------
    def _add(self, screen: QScreen, *, primary: bool) -> LockWindow:
        window = LockWindow(screen, self._color, primary=primary, has_password=bool(self._hashed),
                            may_quit=self._opt.allow_quit)
        window.reason.setText(self.reason)
        self.windows.append(window)
        if primary:
            self._wire(window)
        window.cover()
        self.windowShown.emit(window)
        return window

    def _drop(self, window: LockWindow) -> None:
        if window in self.windows:
            self.windows.remove(window)
        self.windowClosed.emit(window)
        window.may_close = True
        window.close()
        window.deleteLater()

    def _screen_added(self, screen: QScreen) -> None:
        log.info("a screen was added while the exam is locked: covering it")
        self._add(screen, primary=False)

    def _screen_removed(self, screen: QScreen) -> None:
        for window in [w for w in self.windows if w.screen_ is screen]:
            was_primary = window.primary
            self._drop(window)
            if was_primary and self.windows:
                self._primary_changed(QGuiApplication.primaryScreen())

    def _primary_changed(self, screen: QScreen | None) -> None:
        current = self.primary
        if screen is None or (current is not None and current.screen_ is screen):
            return
        if current is not None:
            self._drop(current)
            self._add(current.screen_, primary=False)
        for window in [w for w in self.windows if w.screen_ is screen]:
            self._drop(window)
        self._add(screen, primary=True)

    # -- the controls -------------------------------------------------------------------
    def _wire(self, window: LockWindow) -> None:
        if window.password is not None and window.error is not None:
            controls = [b for b in (window.unlock_button, window.quit_button) if b is not None]
            self._gate = PasswordGate(
                self._hashed, self._check, window.password, window.error,
                self.tr("Wrong password. Please wait a moment and try again."),
                controls=controls, parent=window,
            )
            window.password.returnPressed.connect(self._try_unlock)
            assert window.unlock_button is not None
            window.unlock_button.clicked.connect(self._try_unlock)
        if window.continue_button is not None:
            window.continue_button.clicked.connect(self._continue)
        if window.quit_button is not None:
            window.quit_button.clicked.connect(self._try_quit)

    def _try_unlock(self) -> None:
        if self._gate is not None and self._gate.attempt():
            log.info("lock screen: quit password accepted, unlocking")
            self.unlockRequested.emit()

    def _continue(self) -> None:
        log.info("lock screen: continued (the exam has no quit password)")
        self.unlockRequested.emit()

    def _try_quit(self) -> None:
        if self._gate is None:
            log.info("lock screen: the student quits the exam")
            self.quitRequested.emit()
        elif self._gate.attempt():
            log.info("lock screen: quit password accepted, quitting")
            self.quitRequested.emit()
