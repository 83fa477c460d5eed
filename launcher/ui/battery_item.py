"""The battery item of the taskbar: charge in percent, charging or not, and a warning at SEB's
thresholds (``batteryChargeThresholdLow``/``Critical``).

One job: show the battery as an icon (fill, charging, warning) with its percentage beside it,
the whole sentence in tooltip and accessible name. It reads the battery from UPower's display device over D-Bus (the desktop's own service),
else from ``/sys/class/power_supply`` (``launcher.platform.power``), every 30 seconds; hidden
when the computer has no battery (SEB shows it whenever one exists: there is no key for it).
It is a focusable button: Space/Enter or a click repeats the status as a taskbar notice.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

from launcher.platform.dbus_properties import read_properties
from launcher.ui.taskbar_button import TaskbarButton
from launcher.ui.taskbar_icons import theme_for
from launcher.platform import power
from launcher.platform.power import CRITICAL, LOW, OK, BatteryStatus, from_upower, read_sysfs

log = logging.getLogger(__name__)

UPOWER = "org.freedesktop.UPower"
DISPLAY_DEVICE = "/org/freedesktop/UPower/devices/DisplayDevice"
DEVICE_INTERFACE = "org.freedesktop.UPower.Device"
REFRESH_MS = 30_000



# The warning's text colour on a light and on a dark (high-contrast) bar: both at least 4.5:1.
WARNING_COLOURS = {("light", LOW): "#8a5a00", ("light", CRITICAL): "#b00020",
                   ("dark", LOW): "#ffc04d", ("dark", CRITICAL): "#ff8a80"}


def battery_icon(percent: float, charging: bool, level: str) -> str:
    """The icon for a charge: the warning one at SEB's critical threshold, else by fill."""
    if charging:
        return "battery-charging"
    if level == CRITICAL:
        return "battery-critical"
    if level == LOW:
        return "battery-low"
    return "battery-full" if percent >= 90 else "battery-good" if percent >= 60 else "battery-half"


class BatteryItem(TaskbarButton):
    """Shows the battery; ``taskbar.show_notice`` is called when the charge gets low/critical."""

    def __init__(
        self,
        taskbar: Any,
        *,
        low: float = 0.2,
        critical: float = 0.1,
        bus: QDBusConnection | None = None,
        sysfs_root: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent or taskbar)
        self.setObjectName("battery")
        self._taskbar = taskbar
        self._low = low
        self._critical = critical
        self._bus = bus if bus is not None else QDBusConnection.systemBus()
        self._root = sysfs_root if sysfs_root is not None else power.SYSFS_ROOT
        self.status: BatteryStatus | None = None
        self.level = OK
        self.updates = 0  # answers read so far (UPower or sysfs)
        self.setVisible(False)
        self.clicked.connect(self._tell)
        self.poll_every(REFRESH_MS)

    def refresh(self) -> None:
        """Ask UPower (asynchronously); fall back to sysfs when it has no battery to show."""
        read_properties(
            self._bus, UPOWER, DISPLAY_DEVICE, DEVICE_INTERFACE,
            ("IsPresent", "Type", "Percentage", "State"), self._on_upower, parent=self,
        )

    def _on_upower(self, values: dict[str, Any]) -> None:
        status = from_upower(values.get("IsPresent"), values.get("Type"), values.get("Percentage"), values.get("State"))
        if status is None:
            status = read_sysfs(self._root)
        self._show(status)

    def _show(self, status: BatteryStatus | None) -> None:
        self.updates += 1
        self.status = status
        if status is None:
            self.setVisible(False)
            return
        percent = f"{status.percent:.0f}"
        if status.charging:
            text = QCoreApplication.translate("BatteryItem", "Battery %1 % (charging)").replace("%1", percent)
        else:
            text = QCoreApplication.translate("BatteryItem", "Battery %1 %").replace("%1", percent)
        level = status.level(self._low, self._critical)
        #: The battery's charge beside its icon on the taskbar, e.g. "76 %".
        short = QCoreApplication.translate("BatteryItem", "%1 %").replace("%1", percent)
        self.show_status(battery_icon(status.percent, status.charging, level), text, short)
        self.setProperty("level", level)
        font = self.font()
        font.setBold(level != OK)
        self.setFont(font)
        self.update()
        if level != OK and level != self.level:
            self._warn(level, percent)
        self.level = level
        self.setVisible(True)

    def label_colour(self) -> QColor | None:
        """The warning's colour for the bar behind the item (read when it is drawn)."""
        colour = WARNING_COLOURS.get((theme_for(self), self.level))
        return QColor(colour) if colour else None

    def _warn(self, level: str, percent: str) -> None:
        if level == CRITICAL:
            text = QCoreApplication.translate(
                "BatteryItem", "The battery is almost empty (%1 %). Connect the charger now."
            )
        else:
            text = QCoreApplication.translate("BatteryItem", "The battery is low (%1 %). Connect the charger.")
        log.warning("battery %s: %s %%", level, percent)
        self._taskbar.show_notice(text.replace("%1", percent))

    def _tell(self) -> None:
        if self.status is not None:
            self._taskbar.show_notice(self.text())
