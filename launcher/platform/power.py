"""The computer's battery, as the taskbar shows it: from UPower's display device (read over
D-Bus by ``launcher.ui.battery_item``) or, without UPower, from ``/sys/class/power_supply``.

One job: the pure part — read the kernel's power-supply files under a root a test can fake,
turn UPower's property values into the same :class:`BatteryStatus`, and say whether a charge is
low or critical by SEB's thresholds (``batteryChargeThresholdLow`` 0.2,
``batteryChargeThresholdCritical`` 0.1 in SEB for Windows' ``DataValues.cs``). No Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SYSFS_ROOT = Path("/sys/class/power_supply")

OK, LOW, CRITICAL = "ok", "low", "critical"

#: UPower ``State`` values (org.freedesktop.UPower.Device).
UPOWER_CHARGING, UPOWER_FULL, UPOWER_PENDING_CHARGE = 1, 4, 5
UPOWER_TYPE_BATTERY = 2


@dataclass(frozen=True)
class BatteryStatus:
    """The charge of the computer's batteries together: ``percent`` 0-100; ``charging`` when
    on mains power (charging, full or waiting to charge)."""

    percent: float
    charging: bool

    def level(self, low: float, critical: float) -> str:
        """``OK``, ``LOW`` or ``CRITICAL`` (thresholds are fractions, as in SEB); never a
        warning while charging."""
        if self.charging:
            return OK
        fraction = self.percent / 100
        if fraction <= critical:
            return CRITICAL
        if fraction <= low:
            return LOW
        return OK


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def _number(path: Path) -> float | None:
    text = _read(path)
    try:
        return float(text)
    except ValueError:
        return None


def read_sysfs(root: Path = SYSFS_ROOT) -> BatteryStatus | None:
    """The system batteries under ``root`` (peripherals such as a mouse, ``scope`` Device, do
    not count), or None when there is none."""
    try:
        supplies = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return None
    now_total = full_total = 0.0
    percents: list[float] = []
    charging = False
    for supply in supplies:
        if _read(supply / "type") != "Battery" or _read(supply / "scope") == "Device":
            continue
        if _read(supply / "present") == "0":
            continue
        status = _read(supply / "status")
        charging = charging or status in ("Charging", "Full")
        now = _number(supply / "energy_now") or _number(supply / "charge_now")
        full = _number(supply / "energy_full") or _number(supply / "charge_full")
        capacity = _number(supply / "capacity")
        if now is not None and full:
            now_total += now
            full_total += full
        elif capacity is not None:
            percents.append(capacity)
    if full_total:
        percents.append(100 * now_total / full_total)
    if not percents:
        return None
    percent = max(0.0, min(100.0, sum(percents) / len(percents)))
    return BatteryStatus(round(percent, 1), charging)


def from_upower(present: object, kind: object, percent: object, state: object) -> BatteryStatus | None:
    """UPower's display device (``IsPresent``, ``Type``, ``Percentage``, ``State``) as a
    status, or None when it describes no battery."""
    if present is not True or kind != UPOWER_TYPE_BATTERY:
        return None
    if isinstance(percent, bool) or not isinstance(percent, (int, float)):
        return None
    charging = state in (UPOWER_CHARGING, UPOWER_FULL, UPOWER_PENDING_CHARGE)
    return BatteryStatus(round(max(0.0, min(100.0, float(percent))), 1), charging)
