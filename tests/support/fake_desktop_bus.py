"""A stand-in for logind and the desktop's screen saver on a private D-Bus bus (a test helper).

Run as ``python fake_desktop_bus.py`` with ``DBUS_SESSION_BUS_ADDRESS`` set to a private
``dbus-daemon``: it owns ``org.freedesktop.login1`` (``Manager.GetSessionByPID`` → one session,
``Manager.Inhibit`` → a file descriptor) and ``org.freedesktop.ScreenSaver`` (``Inhibit`` →
cookie 7, ``UnInhibit``) on that bus, prints one line per call it gets (``get-session``, ``inhibit sleep:idle``,
``screensaver-inhibit``, ``screensaver-uninhibit 7``) and, for each line ``inactive`` on stdin,
emits the session's ``PropertiesChanged`` with ``Active`` false (and answers ``Get`` of
``Active`` with false from then on), as logind does on a VT switch.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath, QDBusUnixFileDescriptor, QDBusVariant, QDBusVirtualObject

SESSION = "/org/freedesktop/login1/session/_31"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _reply(message: QDBusMessage, args: list) -> QDBusMessage:
    reply = message.createReply()
    reply.setArguments(args)  # (createReply(list) would send one array argument)
    return reply


class Desktop(QDBusVirtualObject):
    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self.bus = bus
        self.fds: list[int] = []
        self.active = True

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:  # noqa: N802
        member = message.member()
        args = message.arguments()
        if member == "GetSessionByPID":
            say("get-session")
            reply = _reply(message, [QDBusObjectPath(SESSION)])
        elif member == "Get" and message.path() == SESSION:
            reply = _reply(message, [QDBusVariant(self.active)])
        elif member == "Inhibit" and message.interface() == "org.freedesktop.login1.Manager":
            read_end, write_end = os.pipe()
            self.fds += [read_end, write_end]
            say(f"inhibit {args[0]}")
            reply = _reply(message, [QDBusUnixFileDescriptor(read_end)])
        elif member == "Inhibit":
            say("screensaver-inhibit")
            reply = _reply(message, [7])
        elif member == "UnInhibit":
            say(f"screensaver-uninhibit {args[0]}")
            reply = _reply(message, [])
        else:
            return False
        connection.send(reply)
        return True


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        say("no bus")
        return 1
    desktop = Desktop(bus)
    for path in ("/org/freedesktop/login1", SESSION, "/org/freedesktop/ScreenSaver"):
        bus.registerVirtualObject(path, desktop)
    for name in ("org.freedesktop.login1", "org.freedesktop.ScreenSaver"):
        if not bus.registerService(name):
            say(f"could not own {name}")
            return 1

    def line() -> None:
        text = sys.stdin.readline()
        if not text:
            app.quit()
            return
        if text.strip() == "inactive":
            desktop.active = False
            signal = QDBusMessage.createSignal(SESSION, "org.freedesktop.DBus.Properties", "PropertiesChanged")
            signal.setArguments(["org.freedesktop.login1.Session", {"Active": False}, []])
            bus.send(signal)
            say("sent inactive")

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(line)
    say("ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
