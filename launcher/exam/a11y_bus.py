"""Linux: the programs connected to the accessibility bus (AT-SPI) while the exam runs.

One job: any program on the accessibility bus can read every text of the exam's page (the
questions) through its accessible tree, with no window and no X connection. Every
``POLL_MS`` the bus daemon is asked for its connections (``ListNames``) and, for each new one,
its process (``GetConnectionUnixProcessID``: the daemon knows it from the socket, the program
cannot lie about it); the program is identified by its real file
(``launcher.lockdown.x_programs``). Trusted: the launcher and its children, the permitted
programs the exam started, assistive technology (Orca, on-screen keyboards, magnifiers — a
student who needs a screen reader can take the exam), the desktop's own programs (the bus
itself, the registry, the shell), and the programs the launcher was started from. Any other
reader is ended when the exam starts (logged), or, during the exam, ended and the exam locks
naming it (it may have read the questions). Where no accessibility bus runs
(``org.a11y.Bus`` has no owner) nothing is started: it is looked for again on each poll.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

POLL_MS = 1000
CALL_TIMEOUT_MS = 500
_DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")


class A11yBusWatch(QObject):
    """``A11yBusWatch(session, permitted).start()``; stops when the session finishes."""

    def __init__(self, session: Any, permitted: Any = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.permitted = permitted
        self._bus: Any = None
        self._seen: set[str] = set()
        self._baseline = True
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> A11yBusWatch:
        if not sys.platform.startswith("linux"):  # AT-SPI is the Linux desktops' accessibility bus
            return self
        self.poll()  # stopped by the foreign-windows watcher that starts it (the exam's owner stops that)
        self._timer.start()
        return self

    def stop(self, *_args: Any) -> None:
        self._timer.stop()
        if self._bus is not None:
            from PySide6.QtDBus import QDBusConnection

            QDBusConnection.disconnectFromBus("seb-launcher-a11y-watch")
            self._bus = None

    def _call(self, bus: Any, service: str, path: str, interface: str, method: str, *args: Any) -> list[Any]:
        from PySide6.QtDBus import QDBus, QDBusMessage

        message = QDBusMessage.createMethodCall(service, path, interface, method)
        if args:
            message.setArguments(list(args))
        reply = bus.call(message, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            return []
        return list(reply.arguments())

    def _connect(self) -> Any:
        """The accessibility bus, once the desktop runs one (without starting it ourselves)."""
        from PySide6.QtDBus import QDBusConnection

        session = QDBusConnection.sessionBus()
        if not session.isConnected():
            return None
        owner = self._call(session, *_DBUS, "NameHasOwner", "org.a11y.Bus")
        if not owner or not owner[0]:
            return None
        address = self._call(session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress")
        if not address or not isinstance(address[0], str):
            return None
        bus = QDBusConnection.connectToBus(address[0], "seb-launcher-a11y-watch")
        if not bus.isConnected():
            log.warning("The accessibility bus (%s) cannot be watched: cannot connect", address[0])
            return None
        log.info("Watching the programs on the accessibility bus")
        return bus

    def poll(self) -> None:
        try:
            if getattr(self.session, "ending", False):
                return
            if self._bus is None:
                self._bus = self._connect()
                if self._bus is None:
                    self._baseline = False
                    return
            names = self._call(self._bus, *_DBUS, "ListNames")
            current = {n for n in (names[0] if names else []) if isinstance(n, str) and n.startswith(":")}
            for name in sorted(current - self._seen):
                pid = self._call(self._bus, *_DBUS, "GetConnectionUnixProcessID", name)
                self._meet(name, int(pid[0]) if pid else 0)
            self._seen = current
            self._baseline = False
        except Exception:  # a watcher must never end the exam by itself
            if not self._failed:
                self._failed = True
                log.exception("Checking the programs on the accessibility bus failed")

    def _meet(self, name: str, pid: int) -> None:
        from launcher.exam.x_census import _ancestors
        from launcher.lockdown.x_programs import identify, trusted_kind
        from launcher.platform.x11_windows import process_tree

        if pid <= 0:
            log.warning("A connection to the accessibility bus (%s) has no process the bus can name", name)
            return
        program = identify(pid)
        permitted = self.permitted.pids() if self.permitted is not None else set()
        kind = trusted_kind(program, ours=process_tree(os.getpid()), permitted=permitted)
        if kind or pid in _ancestors(os.getpid()):
            log.debug("On the accessibility bus: %s (%s)", program.label(), kind or "parent")
            return
        at_start = self._baseline
        log.warning("A program that is not allowed is connected to the accessibility bus (it can read the "
                    "exam): %s — %s", program.label(),
                    "ending it before the exam" if at_start else "ending it and locking the exam")
        from launcher.app import gui_thread
        from launcher.lockdown.processes import end_processes

        def ended(failed: Any, _error: BaseException | None) -> None:
            if failed:
                self._lock(program, "is connected to the accessibility bus and could not be ended")

        gui_thread.run_in_thread(lambda: end_processes([pid]), ended, owner=self, name="a11y-end")
        if not at_start:
            self._lock(program, "connected to the accessibility bus during the exam")

    def _lock(self, program: Any, what: str) -> None:
        from launcher.lockdown.violations import Violation
        from launcher.ui.lockdown_gate import reason

        violation = Violation("a11y-reader", "", f"{program.label()} {what}",
                              ((program.name, "program on the exam's screen"),))
        lock = getattr(self.session, "lock", None)
        if lock is not None and not getattr(self.session, "ending", False):
            lock(reason(violation), source="lockdown")
