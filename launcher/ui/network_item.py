"""The network item of the taskbar (``allowWlan``): whether the computer is online, by Wi-Fi
or cable, and the network's name, from NetworkManager over D-Bus.

One job: read NetworkManager's ``State``, ``PrimaryConnectionType``, the primary
connection's ``Id`` and, on Wi-Fi, its access point's ``Strength`` (asynchronously, every 10
seconds) and show them as an icon (signal bars, wired, offline) with the words in its tooltip and
accessible name; hidden when
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
ACCESS_POINT = "org.freedesktop.NetworkManager.AccessPoint"
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


def network_icon(state: Any, kind: Any, strength: int | None) -> str:
    """Wi-Fi bars by signal strength (all four when it is not known), wired, or offline."""
    if state not in (CONNECTED_GLOBAL, CONNECTED_SITE, CONNECTED_LOCAL, CONNECTING):
        return "network-offline"
    if kind == ETHERNET:
        return "network-wired"
    if strength is None:
        return "wifi-4"
    return "wifi-" + str(0 if strength < 5 else 1 if strength < 30 else 2 if strength < 55 else 3 if strength < 80 else 4)


def _with_strength(state: Any, kind: Any, text: str, strength: Any) -> tuple[str, str]:
    if isinstance(strength, int) and not isinstance(strength, bool) and 0 <= strength <= 100:
        #: The Wi-Fi network and its signal strength, e.g. "Wi-Fi: eduroam, signal 70 %".
        text = QCoreApplication.translate("NetworkItem", "%1, signal %2 %").replace("%1", text).replace("%2", str(strength))
        return text, network_icon(state, kind, strength)
    return text, network_icon(state, kind, None)


class NetworkItem(TaskbarButton):
    """Shows the network state; ``bus`` is the system bus unless a test gives its own."""

    def __init__(self, taskbar: Any, *, bus: QDBusConnection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent or taskbar)
        self.setObjectName("network")
        self._taskbar = taskbar
        self._bus = bus if bus is not None else QDBusConnection.systemBus()
        self.updates = 0
        self.setVisible(False)
        self.clicked.connect(self._explain)
        self.poll_every(REFRESH_MS)

    def _explain(self) -> None:
        self._taskbar.show_notice(self.text())

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
                self._bus, NM, primary, ACTIVE, ("Id", "SpecificObject"),
                lambda v: self._on_active(state, kind, v), parent=self,
            )
        else:
            self._show(describe(state, kind, ""), network_icon(state, kind, None))

    def _on_active(self, state: Any, kind: Any, values: dict[str, Any]) -> None:
        text = describe(state, kind, str(values.get("Id", "")))
        access_point = values.get("SpecificObject")
        if kind == WIFI and isinstance(access_point, str) and access_point not in ("", "/"):
            # a Wi-Fi connection's specific object is its access point: the signal strength
            read_properties(
                self._bus, NM, access_point, ACCESS_POINT, ("Strength",),
                lambda v: self._show(*_with_strength(state, kind, text, v.get("Strength"))), parent=self,
            )
        else:
            self._show(text, network_icon(state, kind, None))

    def _show(self, text: str, icon_name: str = "wifi-4") -> None:
        self.updates += 1
        if not text:
            self.setVisible(False)
            return
        self.show_status(icon_name, text, "")  # the icon alone; the name in tooltip and accessible name
        self.setVisible(True)
