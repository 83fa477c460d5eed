"""Read a D-Bus object's properties without blocking the exam window (QtDBus).

One job: ask ``org.freedesktop.DBus.Properties.Get`` for a few properties of one object,
asynchronously, and hand the values that came back to a callback as a dict (a property that
failed is left out; a missing service gives an empty dict). The taskbar items read UPower,
NetworkManager and systemd-localed through it; tests pass a connection to a private bus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

log = logging.getLogger(__name__)

PROPERTIES = "org.freedesktop.DBus.Properties"


def _plain(value: Any) -> Any:
    """A D-Bus value as plain Python (a variant unwrapped, an object path as its text)."""
    variant = getattr(value, "variant", None)
    if callable(variant):
        value = variant()
    path = getattr(value, "path", None)
    return path() if callable(path) else value


def read_properties(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    names: Sequence[str],
    done: Callable[[dict[str, Any]], None],
    *,
    parent: QObject,
    timeout_ms: int = 2000,
) -> None:
    """Call ``done({name: value, ...})`` once every ``Get`` has answered (or failed)."""
    if not bus.isConnected():
        done({})
        return
    values: dict[str, Any] = {}
    waiting = set(names)

    def finished(name: str, watcher: QDBusPendingCallWatcher) -> None:
        waiting.discard(name)
        if not watcher.isError():
            arguments = watcher.reply().arguments()
            if arguments:
                values[name] = _plain(arguments[0])
        watcher.deleteLater()
        if not waiting:
            done(values)

    for name in names:
        message = QDBusMessage.createMethodCall(service, path, PROPERTIES, "Get")
        message.setArguments([interface, name])
        watcher = QDBusPendingCallWatcher(bus.asyncCall(message, timeout_ms), parent)
        watcher.finished.connect(lambda w, n=name: finished(n, w))
