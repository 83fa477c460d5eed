"""The taskbar items SEB users know, with real data: a UPower service on a private D-Bus (or a
fake /sys/class/power_supply), shown, warned about and hidden as a student would see them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtTest import QTest

from support.fake_dbus import private_bus, service

from launcher.ui.battery_item import BatteryItem
from launcher.ui.taskbar import Taskbar

UPOWER = """
@ClassInfo({"D-Bus Interface": "org.freedesktop.UPower.Device"})
class Device(QObject):
    def _present(self): return %(present)s
    IsPresent = Property(bool, _present)
    def _type(self): return %(type)d
    Type = Property("uint", _type)
    def _percentage(self): return %(percent)f
    Percentage = Property(float, _percentage)
    def _state(self): return %(state)d
    State = Property("uint", _state)

device = Device()
export("org.freedesktop.UPower", {"/org/freedesktop/UPower/devices/DisplayDevice": device})
"""


@pytest.fixture
def bus_address() -> Any:
    with private_bus() as address:
        yield address


def _bus(address: str, name: str) -> QDBusConnection:
    bus = QDBusConnection.connectToBus(address, name)
    assert bus.isConnected()
    return bus


def _taskbar(qtbot: Any) -> Taskbar:
    bar = Taskbar(allow_reload=False, allow_quit=True)
    qtbot.addWidget(bar)
    bar.show()
    return bar


def _battery(tmp_path: Path, capacity: int, status: str) -> Path:
    root = tmp_path / "power_supply"
    (root / "BAT0").mkdir(parents=True)
    for name, value in {"type": "Battery", "capacity": str(capacity), "status": status}.items():
        (root / "BAT0" / name).write_text(value + "\n")
    return root


def test_battery_from_upower_with_a_low_warning(qtbot: Any, bus_address: str, tmp_path: Path) -> None:
    with service(bus_address, UPOWER % {"present": True, "type": 2, "percent": 15.0, "state": 2}):
        bar = _taskbar(qtbot)
        item = BatteryItem(bar, low=0.2, critical=0.1, bus=_bus(bus_address, "upower-low"),
                           sysfs_root=tmp_path / "empty")
        bar.add_item(item)
        qtbot.waitUntil(item.isVisible)
        assert item.text() == "Battery 15 %"
        assert item.level == "low"
        assert bar.notice.isVisible() and "battery is low (15 %)" in bar.notice.text()


def test_battery_charging_from_upower_gives_no_warning(qtbot: Any, bus_address: str, tmp_path: Path) -> None:
    with service(bus_address, UPOWER % {"present": True, "type": 2, "percent": 8.0, "state": 1}):
        bar = _taskbar(qtbot)
        item = BatteryItem(bar, bus=_bus(bus_address, "upower-charging"), sysfs_root=tmp_path / "empty")
        bar.add_item(item)
        qtbot.waitUntil(item.isVisible)
        assert item.text() == "Battery 8 % (charging)"
        assert not bar.notice.isVisible()


def test_a_desktop_without_battery_shows_none(qtbot: Any, bus_address: str, tmp_path: Path) -> None:
    with service(bus_address, UPOWER % {"present": False, "type": 1, "percent": 0.0, "state": 0}):
        bar = _taskbar(qtbot)
        item = BatteryItem(bar, bus=_bus(bus_address, "upower-desktop"), sysfs_root=tmp_path / "empty")
        bar.add_item(item)
        qtbot.waitUntil(lambda: item.updates >= 1)
        assert item.status is None and not item.isVisible()


def test_battery_from_sysfs_when_upower_is_absent(qtbot: Any, bus_address: str, tmp_path: Path) -> None:
    root = _battery(tmp_path, 9, "Discharging")
    bar = _taskbar(qtbot)
    item = BatteryItem(bar, low=0.2, critical=0.1, bus=_bus(bus_address, "no-upower"), sysfs_root=root)
    bar.add_item(item)
    qtbot.waitUntil(item.isVisible)
    assert item.text() == "Battery 9 %" and item.level == "critical"
    assert "almost empty (9 %)" in bar.notice.text()
    bar.clear_notice()
    # keyboard: Tab reaches the item, Space repeats the status
    item.setFocus()
    QTest.keyClick(item, Qt.Key.Key_Space)
    assert bar.notice.text() == "Battery 9 %"
    (root / "BAT0" / "status").write_text("Charging\n")
    item.refresh()
    qtbot.waitUntil(lambda: item.text() == "Battery 9 % (charging)")


def test_the_exam_taskbar_shows_the_battery_at_the_exams_thresholds(
    start_exam: Any, http_server: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from launcher.platform import power

    monkeypatch.setattr(power, "SYSFS_ROOT", _battery(tmp_path, 30, "Discharging"))
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "batteryChargeThresholdLow": 0.35})
    item = run.session.taskbar_items["battery"]
    qtbot.waitUntil(item.isVisible)
    assert item.parent() is run.window.taskbar and item.level == "low"


# -- network ----------------------------------------------------------------------------------------

NETWORK_MANAGER = """
from PySide6.QtDBus import QDBusObjectPath

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager"})
class Manager(QObject):
    def _state(self): return %(state)d
    State = Property("uint", _state)
    def _kind(self): return %(kind)r
    PrimaryConnectionType = Property(str, _kind)
    def _primary(self): return QDBusObjectPath(%(primary)r)
    PrimaryConnection = Property(QDBusObjectPath, _primary)

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager.Connection.Active"})
class Active(QObject):
    def _id(self): return "eduroam"
    Id = Property(str, _id)

manager, active = Manager(), Active()
export("org.freedesktop.NetworkManager", {
    "/org/freedesktop/NetworkManager": manager,
    "/org/freedesktop/NetworkManager/ActiveConnection/1": active,
})
"""


@pytest.mark.parametrize(
    ("state", "kind", "primary", "text"),
    [
        (70, "802-11-wireless", "/org/freedesktop/NetworkManager/ActiveConnection/1", "Wi-Fi: eduroam"),
        (70, "802-3-ethernet", "/org/freedesktop/NetworkManager/ActiveConnection/1", "Wired network"),
        (60, "802-11-wireless", "/org/freedesktop/NetworkManager/ActiveConnection/1", "Wi-Fi: eduroam (no internet)"),
        (20, "", "/", "Offline"),
    ],
)
def test_network_from_network_manager(
    qtbot: Any, bus_address: str, state: int, kind: str, primary: str, text: str
) -> None:
    from launcher.ui.network_item import NetworkItem

    with service(bus_address, NETWORK_MANAGER % {"state": state, "kind": kind, "primary": primary}):
        bar = _taskbar(qtbot)
        item = NetworkItem(bar, bus=_bus(bus_address, f"nm-{state}-{kind}"))
        bar.add_item(item)
        qtbot.waitUntil(item.isVisible)
        assert item.text() == text
        item.setFocus()
        QTest.keyClick(item, Qt.Key.Key_Return)
        assert bar.notice.text() == text


def test_no_network_item_without_network_manager(qtbot: Any, bus_address: str) -> None:
    from launcher.ui.network_item import NetworkItem

    bar = _taskbar(qtbot)
    item = NetworkItem(bar, bus=_bus(bus_address, "no-nm"))
    qtbot.waitUntil(lambda: item.updates >= 1)
    assert not item.isVisible()


@pytest.mark.parametrize("allowed", [True, False])
def test_the_exam_taskbar_has_a_network_item_only_with_allow_wlan(
    start_exam: Any, http_server: Any, allowed: bool
) -> None:
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "allowWlan": allowed})
    assert ("network" in run.session.taskbar_items) is allowed


# -- keyboard layout -------------------------------------------------------------------------------

LOCALED = """
@ClassInfo({"D-Bus Interface": "org.freedesktop.locale1"})
class Locale(QObject):
    def _layout(self): return "de,us"
    X11Layout = Property(str, _layout)
    def _variant(self): return "neo,"
    X11Variant = Property(str, _variant)

locale = Locale()
export("org.freedesktop.locale1", {"/org/freedesktop/locale1": locale})
"""


def test_keyboard_layouts_from_localed(qtbot: Any, bus_address: str) -> None:
    from launcher.ui.keyboard_item import KeyboardItem

    with service(bus_address, LOCALED):
        bar = _taskbar(qtbot)
        item = KeyboardItem(bar, bus=_bus(bus_address, "localed"))
        bar.add_item(item)
        qtbot.waitUntil(item.isVisible)
        assert item.text() == "DE (neo) · US"
        item.setFocus()
        QTest.keyClick(item, Qt.Key.Key_Space)
        assert bar.notice.text() == "Keyboard layout: DE (neo), US"


def test_no_keyboard_item_without_localed(qtbot: Any, bus_address: str) -> None:
    from launcher.ui.keyboard_item import KeyboardItem

    bar = _taskbar(qtbot)
    item = KeyboardItem(bar, bus=_bus(bus_address, "no-localed"))
    qtbot.waitUntil(lambda: item.updates >= 1)
    assert not item.isVisible()


@pytest.mark.parametrize("shown", [True, False])
def test_the_exam_taskbar_has_a_keyboard_item_unless_show_input_language_is_off(
    start_exam: Any, http_server: Any, shown: bool
) -> None:
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "showInputLanguage": shown})
    assert ("keyboard" in run.session.taskbar_items) is shown


# -- the whole bar on a small screen ------------------------------------------------------------

def test_the_taskbar_fits_a_1024_px_screen_in_german_with_every_item_shown(
    qtbot: Any, bus_address: str, tmp_path: Path, language: Any
) -> None:
    from types import SimpleNamespace

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from launcher.ui.keyboard_item import KeyboardItem
    from launcher.ui.network_item import NetworkItem
    from launcher.ui.zoom_item import ZoomItem

    assert language("de") == "de"
    network = NETWORK_MANAGER % {"state": 60, "kind": "802-11-wireless",
                                 "primary": "/org/freedesktop/NetworkManager/ActiveConnection/1"}
    with service(bus_address, UPOWER % {"present": True, "type": 2, "percent": 80.0, "state": 1}), \
            service(bus_address, network), service(bus_address, LOCALED):
        bar = Taskbar(allow_reload=True, allow_quit=True)
        qtbot.addWidget(bar)
        view = QWebEngineView()
        qtbot.addWidget(view)
        items = [
            BatteryItem(bar, low=0.2, critical=0.1, bus=_bus(bus_address, "fit-upower"), sysfs_root=tmp_path / "none"),
            NetworkItem(bar, bus=_bus(bus_address, "fit-nm")),
            KeyboardItem(bar, bus=_bus(bus_address, "fit-localed")),
            ZoomItem(SimpleNamespace(taskbar=bar, view=view, zoom=lambda step: None)),
        ]
        for item in items:
            bar.add_item(item)
        bar.add_raise_hand_button()
        bar.show_notice(QCoreApplication.translate("KioskPage", "Uploading files is not allowed in this exam."),
                        retry=True)
        lost = QCoreApplication.translate("ServerMonitor", "No connection to the exam server. The exam goes on.")
        bar.set_server_state(lost, ok=False)
        bar.set_screen_proctoring(QCoreApplication.translate(
            "ScreenProctoring", "Screen proctoring is on: your screen is recorded for the exam supervisors."))
        bar.resize(1024, bar.height())
        bar.show()
        qtbot.waitUntil(lambda: all(item.isVisible() for item in items), timeout=20_000)
        assert lost.startswith("Keine Verbindung")  # the German catalogue is in use

        assert bar.minimumSizeHint().width() <= 1024
        assert bar.layout().minimumSize().width() <= 1024
        qtbot.waitUntil(lambda: bar.width() == 1024)
        bar.layout().activate()
        # the buttons keep their whole label; the system items and status lines shorten with "…"
        # and keep the whole text in their tooltip and text()
        for button in (bar.retry_button, bar.raise_hand_button, bar.reload_button, bar.quit_button, items[3]):
            assert button.isVisible() and button.width() >= button.sizeHint().width(), button.objectName()
        for widget in (*items, bar.retry_button, bar.raise_hand_button, bar.reload_button, bar.quit_button,
                       bar.clock, bar.notice, bar.server_state, bar.proctoring_label):
            assert widget.isVisible() and widget.width() > 0 and widget.geometry().right() < 1024, widget.objectName()
        for item in items[:3]:
            assert item.shown_text()[:4] == item.text()[:4] and item.toolTip()
        for label in (bar.notice, bar.server_state, bar.proctoring_label):
            assert label.toolTip() == label.text() == label.accessibleName()
            assert label.elided().endswith("…") and label.elided()[:4] == label.text()[:4]
        assert bar.server_state.text() == lost

        # the usual case: only the lost connection is shown; every item keeps its whole label
        bar.clear_notice()
        bar.set_screen_proctoring("")
        bar.layout().activate()
        for item in items:
            assert item.width() >= item.sizeHint().width(), item.objectName()
            if hasattr(item, "shown_text"):
                assert item.shown_text() == item.text()
        shown = bar.server_state.elided()
        assert shown.startswith("Keine Verbin") and len(shown) > 7  # it takes the spare width


def test_in_french_the_zoom_and_the_keyboard_layouts_follow_french_typography(
    qtbot: Any, bus_address: str, language: Any
) -> None:
    from types import SimpleNamespace

    from PySide6.QtWebEngineWidgets import QWebEngineView

    from launcher.ui.keyboard_item import KeyboardItem
    from launcher.ui.zoom_item import ZoomItem

    assert language("fr") == "fr"
    bar = _taskbar(qtbot)
    view = QWebEngineView()
    qtbot.addWidget(view)
    zoom = ZoomItem(SimpleNamespace(taskbar=bar, view=view,
                                    zoom=lambda step: view.setZoomFactor(view.zoomFactor() + step / 10)))
    bar.add_item(zoom)
    assert zoom.reset.text() == "100\u00a0%"  # a no-break space before the percent sign
    qtbot.mouseClick(zoom.larger, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: zoom.reset.text() == "110\u00a0%")
    with service(bus_address, LOCALED):
        item = KeyboardItem(bar, bus=_bus(bus_address, "localed-fr"))
        bar.add_item(item)
        qtbot.waitUntil(item.isVisible)
        assert item.text() == "DE (neo)\u00a0· US"
        assert item.toolTip() == "Disposition du clavier\u00a0: DE (neo), US"
