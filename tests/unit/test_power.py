"""The battery as the kernel reports it, read from a fake /sys/class/power_supply."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher.platform.power import CRITICAL, LOW, OK, BatteryStatus, from_upower, read_sysfs


def supply(root: Path, name: str, **files: str) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    for key, value in files.items():
        (folder / key).write_text(value + "\n")


def test_no_power_supplies_means_no_battery(tmp_path: Path) -> None:
    assert read_sysfs(tmp_path / "missing") is None
    assert read_sysfs(tmp_path) is None


def test_mains_only_and_peripherals_are_not_the_computers_battery(tmp_path: Path) -> None:
    supply(tmp_path, "AC", type="Mains", online="1")
    supply(tmp_path, "hidpp_battery_0", type="Battery", scope="Device", capacity="40", status="Discharging")
    assert read_sysfs(tmp_path) is None


def test_one_discharging_battery(tmp_path: Path) -> None:
    supply(tmp_path, "BAT0", type="Battery", present="1", capacity="15", status="Discharging")
    assert read_sysfs(tmp_path) == BatteryStatus(15.0, False)


def test_two_batteries_count_by_their_energy(tmp_path: Path) -> None:
    supply(tmp_path, "BAT0", type="Battery", energy_now="10000000", energy_full="40000000", status="Discharging")
    supply(tmp_path, "BAT1", type="Battery", energy_now="20000000", energy_full="20000000", status="Charging")
    assert read_sysfs(tmp_path) == BatteryStatus(50.0, True)


@pytest.mark.parametrize(
    ("percent", "charging", "level"),
    [(80, False, OK), (20, False, LOW), (15, False, LOW), (10, False, CRITICAL), (5, True, OK)],
)
def test_levels_at_sebs_thresholds(percent: float, charging: bool, level: str) -> None:
    assert BatteryStatus(percent, charging).level(0.2, 0.1) == level


def test_upower_display_device() -> None:
    assert from_upower(True, 2, 42.0, 2) == BatteryStatus(42.0, False)
    assert from_upower(True, 2, 99.0, 1) == BatteryStatus(99.0, True)
    assert from_upower(False, 2, 0.0, 0) is None  # a desktop: UPower has no battery
    assert from_upower(True, 1, 100.0, 0) is None  # the display device is mains power
