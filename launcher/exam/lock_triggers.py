"""What locks a running exam from this machine's side, and keeping the machine awake meanwhile.

One job: watch for the events after which the exam must not simply go on, and report them.

* :class:`StoppedProcessWatch` (``detectStoppedProcess``): a thread ticks on
  ``time.monotonic()`` (``launcher.lockdown.heartbeat``); a gap of 1 s ended by a SIGCONT, or
  of more than 3 s, means the whole launcher was stopped (``kill -STOP``, a debugger) —
  monotonic time does not run during suspend, so sleep is not a stop. A thread, not a GUI
  timer: a busy GUI thread is not a stopped process.
* :class:`LogindSessionWatch` (unless ``disableSessionChangeLockScreen``): the logind session's
  ``Active`` property over the system bus (QtDBus) — false on a VT switch, user switch or OS lock.
  Without logind there is nothing to watch; that is logged.
* :class:`SleepInhibitor` (``displayAlwaysOn`` / ``systemAlwaysOn``): logind's ``Inhibit`` (sleep,
  idle) and the desktop's ``org.freedesktop.ScreenSaver.Inhibit`` while the exam runs; where the
  desktop offers neither, that is logged, never fatal. Windows and macOS: ``keep_awake``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusMessage

from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS

log = logging.getLogger(__name__)

TICK_S = 1.0
STOP_GAP_S = 3.0

LOGIN1 = "org.freedesktop.login1"


def stopped_for(last: float, now: float, limit: float = STOP_GAP_S) -> float:
    """How long the process was stopped between two ticks (0.0 when not longer than ``limit``)."""
    gap = now - last
    return gap if gap > limit else 0.0


class StoppedProcessWatch(QObject):
    """Emits ``stopped(seconds)`` (in the GUI thread) after the process was stopped: from 1 s
    on when a SIGCONT ended the gap, beyond 3 s in any case (``launcher.lockdown.heartbeat``)."""

    stopped = Signal(float)

    def __init__(self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from launcher.lockdown.heartbeat import Heartbeat, HeartbeatThread

        self._beat = HeartbeatThread(self.stopped.emit, Heartbeat(clock))

    def start(self) -> None:
        self._beat.start()

    def stop(self) -> None:
        self._beat.stop()


class LogindSessionWatch(QObject):
    """Emits ``inactive()`` when this login session stops being the active one."""

    inactive = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = ""
        self._bus: Any = None

    def start(self) -> bool:
        """Start watching; False (logged) when there is no logind session to watch."""
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            log.info("no system bus: session changes (VT or user switch, OS lock) cannot be watched")
            return False
        manager = QDBusInterface(LOGIN1, "/org/freedesktop/login1", f"{LOGIN1}.Manager", bus)
        if not manager.isValid():
            log.info("logind is not available: session changes cannot be watched")
            return False
        reply = manager.call("GetSessionByPID", os.getpid())
        args = reply.arguments() if reply is not None else []
        path = _object_path(args[0]) if args else ""
        if not path:
            log.info("this process belongs to no logind session: session changes cannot be watched")
            return False
        self._path = path
        self._bus = bus
        try:  # PySide6's type stubs want the slot as bytes; it takes SLOT()'s str
            ok = bus.connect(LOGIN1, path, "org.freedesktop.DBus.Properties", "PropertiesChanged",  # type: ignore[call-overload]
                             self, SLOT("_changed(QDBusMessage)"))
        except (TypeError, RuntimeError) as exc:
            log.info("could not follow the logind session (%s): session changes cannot be watched", exc)
            return False
        if not ok:
            log.info("could not follow the logind session: session changes cannot be watched")
            return False
        log.info("watching the login session for VT/user switches and OS locks")
        return True

    def stop(self) -> None:
        if self._bus is not None and self._path:
            try:
                self._bus.disconnect(LOGIN1, self._path, "org.freedesktop.DBus.Properties",
                                     "PropertiesChanged", self, SLOT("_changed(QDBusMessage)"))
            except (TypeError, RuntimeError):
                pass
        self._bus = None

    @Slot(QDBusMessage)
    def _changed(self, message: QDBusMessage) -> None:
        args = message.arguments()
        if not args or args[0] != f"{LOGIN1}.Session":
            return
        changed = args[1] if len(args) > 1 else None
        # PySide6 hands an a{sv} over as an opaque QDBusArgument: then ask for the value
        active = changed.get("Active") if isinstance(changed, dict) else self._active()
        if active is False:
            log.warning("the login session became inactive (VT or user switch, or the OS locked it)")
            self.inactive.emit()


    def _active(self) -> bool | None:
        """The session's ``Active`` property now (None when it cannot be read)."""
        from PySide6.QtDBus import QDBusInterface

        if self._bus is None:
            return None
        props = QDBusInterface(LOGIN1, self._path, "org.freedesktop.DBus.Properties", self._bus)
        reply = props.call("Get", f"{LOGIN1}.Session", "Active")
        args = reply.arguments() if reply is not None else []
        value: Any = args[0] if args else None
        value = value.variant() if hasattr(value, "variant") else value
        return value if isinstance(value, bool) else None


def _object_path(value: Any) -> str:
    path = getattr(value, "path", None)
    if callable(path):
        return str(path())
    return str(value) if isinstance(value, str) and value.startswith("/") else ""


class SleepInhibitor(QObject):
    """Keeps the display and the system awake while the exam runs, where the desktop lets us
    (Linux: logind and the screen saver service; Windows and macOS:
    ``launcher.platform.keep_awake``, with ``loader`` for its test doubles)."""

    def __init__(self, *, display: bool, system: bool, platform: str = sys.platform,
                 loader: Callable[[str], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display = display
        self._system = system
        self._platform = platform
        self._loader = loader
        self.awake: Any = None  # Windows/macOS: the KeepAwake that holds the request
        self._fd: Any = None
        self._cookie: int | None = None
        self._session_bus: Any = None

    def start(self) -> None:
        if not (self._display or self._system):
            return
        if self._platform in NATIVE_LOCKDOWN_PLATFORMS:
            from launcher.platform.keep_awake import KeepAwake

            self.awake = KeepAwake(display=self._display, system=self._system, platform=self._platform,
                                   loader=self._loader)
            self.awake.start()
            return
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        what = ":".join(w for w, on in (("sleep", self._system), ("idle", self._display)) if on)
        system_bus = QDBusConnection.systemBus()
        if system_bus.isConnected():
            manager = QDBusInterface(LOGIN1, "/org/freedesktop/login1", f"{LOGIN1}.Manager", system_bus)
            if manager.isValid():
                reply = manager.call("Inhibit", what, "SEB Launcher", "An exam is running", "block")
                args = reply.arguments() if reply is not None else []
                if args:
                    self._fd = args[0]  # held until the exam ends (closing it ends the inhibition)
                    log.info("logind: %s inhibited while the exam runs", what)
        if self._display:
            bus = QDBusConnection.sessionBus()
            if bus.isConnected():
                saver = QDBusInterface("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                                       "org.freedesktop.ScreenSaver", bus)
                if saver.isValid():
                    reply = saver.call("Inhibit", "seb-launcher", "An exam is running")
                    args = reply.arguments() if reply is not None else []
                    if args and isinstance(args[0], int):
                        self._cookie = args[0]
                        self._session_bus = bus
                        log.info("screen saver inhibited while the exam runs")
        if self._fd is None and self._cookie is None:
            log.info("neither logind nor a screen saver service is reachable: sleep and screen "
                     "saver are not inhibited")

    def stop(self) -> None:
        if self.awake is not None:
            self.awake.stop()
            self.awake = None
        self._fd = None
        if self._cookie is not None and self._session_bus is not None:
            from PySide6.QtDBus import QDBusInterface

            saver = QDBusInterface("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                                   "org.freedesktop.ScreenSaver", self._session_bus)
            if saver.isValid():
                saver.call("UnInhibit", self._cookie)
        self._cookie = None
