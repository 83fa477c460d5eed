"""The network item of the taskbar (``allowWlan``): whether the computer is online, by Wi-Fi
or cable, and the network's name, from NetworkManager over D-Bus.

One job: read NetworkManager's ``State``, ``PrimaryConnectionType`` and the primary
connection's ``Id`` (asynchronously, every 10 seconds) and show them; hidden when
NetworkManager is not there. A focusable button: Space/Enter repeats the status as a notice.
Choosing another Wi-Fi network, which SEB for Windows' control also offers, is not built.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

from launcher.platform.dbus_properties import read_properties
from launcher.ui.taskbar_button import TaskbarButton

log = logging.getLogger(__name__)

NM = "org.freedesktop.NetworkManager"
NM_PATH = "/org/freedesktop/NetworkManager"
ACTIVE = "org.freedesktop.NetworkManager.Connection.Active"
REFRESH_MS = 10_000
# NetworkManager ``State``: 70 connected to the internet, 60 only the local site, 50 only the
# local link, 40 connecting.
CONNECTED_GLOBAL, CONNECTED_SITE, CONNECTED_LOCAL, CONNECTING = 70, 60, 50, 40
WIFI, ETHERNET = "802-11-wireless", "802-3-ethernet"



def describe(state: Any, kind: Any, name: str) -> str:
    """The item's text for NetworkManager's values."""
    if state == CONNECTING:
        return QCoreApplication.translate("NetworkItem", "Connecting…")
    if state not in (CONNECTED_GLOBAL, CONNECTED_SITE, CONNECTED_LOCAL):
        return QCoreApplication.translate("NetworkItem", "Offline")
    if kind == WIFI:
        text = QCoreApplication.translate("NetworkItem", "Wi-Fi: %1").replace("%1", name) if name else QCoreApplication.translate("NetworkItem", "Wi-Fi")
    elif kind == ETHERNET:
        text = QCoreApplication.translate("NetworkItem", "Wired network")
    else:
        text = QCoreApplication.translate("NetworkItem", "Network: %1").replace("%1", name) if name else QCoreApplication.translate("NetworkItem", "Network")
    if state != CONNECTED_GLOBAL:
        text = QCoreApplication.translate("NetworkItem", "%1 (no internet)").replace("%1", text)
    return text


class NetworkItem(TaskbarButton):
    """Shows the network state; ``bus`` is the system bus unless a test gives its own."""

    def __init__(self, taskbar: Any, *, bus: QDBusConnection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent or taskbar)
        self.setObjectName("network")
        self._taskbar = taskbar
        self._bus = bus if bus is not None else QDBusConnection.systemBus()
        self.updates = 0
        self.setVisible(False)
        self.clicked.connect(lambda: self._taskbar.show_notice(self.text()))
        self.poll_every(REFRESH_MS)

    def refresh(self) -> None:
        read_properties(
            self._bus, NM, NM_PATH, NM, ("State", "PrimaryConnectionType", "PrimaryConnection"),
            self._on_manager, parent=self,
        )

    def _on_manager(self, values: dict[str, Any]) -> None:
        if "State" not in values:
            self._show("")
            return
        primary = values.get("PrimaryConnection")
        state, kind = values.get("State"), values.get("PrimaryConnectionType")
        if isinstance(primary, str) and primary not in ("", "/"):
            read_properties(
                self._bus, NM, primary, ACTIVE, ("Id",),
                lambda v: self._show(describe(state, kind, str(v.get("Id", "")))), parent=self,
            )
        else:
            self._show(describe(state, kind, ""))

    def _show(self, text: str) -> None:
        self.updates += 1
        if not text:
            self.setVisible(False)
            return
        self.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(text)
        self.setVisible(True)
