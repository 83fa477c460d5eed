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
from support.sound_server import sound_server  # noqa: F401

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
        assert item.label() == "DE (neo) · US" and item.text() == "Keyboard layout: DE (neo), US"
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
    qtbot: Any, bus_address: str, tmp_path: Path, language: Any, sound_server: Any
) -> None:
    from types import SimpleNamespace

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from launcher.ui.keyboard_item import KeyboardItem
    from launcher.ui.network_item import NetworkItem
    from launcher.ui.volume_item import VolumeItem
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
            VolumeItem(bar),
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
            assert item.shown_text()[:4] == item.label()[:4] and item.toolTip() == item.text() == item.accessibleName()
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
                assert item.shown_text() == item.label()
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
        assert item.label() == "DE (neo)\u00a0· US"
        assert item.toolTip() == "Disposition du clavier\u00a0: DE (neo), US"


# -- icons -----------------------------------------------------------------------------------------

NETWORK_WITH_SIGNAL = NETWORK_MANAGER.replace(
    '''    Id = Property(str, _id)
''', '''    Id = Property(str, _id)
    def _ap(self): return QDBusObjectPath("/org/freedesktop/NetworkManager/AccessPoint/7")
    SpecificObject = Property(QDBusObjectPath, _ap)

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager.AccessPoint"})
class AccessPoint(QObject):
    def _strength(self): return 42
    Strength = Property("uchar", _strength)
''').replace("manager, active = Manager(), Active()", "manager, active, ap = Manager(), Active(), AccessPoint()").replace(
    '''    "/org/freedesktop/NetworkManager/ActiveConnection/1": active,
''', '''    "/org/freedesktop/NetworkManager/ActiveConnection/1": active,
    "/org/freedesktop/NetworkManager/AccessPoint/7": ap,
''')


def test_the_items_are_icons_read_at_a_glance_with_the_words_in_tooltip_and_accessible_name(
    qtbot: Any, bus_address: str, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QPalette

    from launcher.ui.keyboard_item import KeyboardItem
    from launcher.ui.network_item import NetworkItem

    network = NETWORK_WITH_SIGNAL % {"state": 70, "kind": "802-11-wireless",
                                     "primary": "/org/freedesktop/NetworkManager/ActiveConnection/1"}
    with service(bus_address, UPOWER % {"present": True, "type": 2, "percent": 64.0, "state": 1}), \
            service(bus_address, network), service(bus_address, LOCALED):
        bar = _taskbar(qtbot)
        battery = BatteryItem(bar, bus=_bus(bus_address, "icon-upower"), sysfs_root=tmp_path / "none")
        wifi = NetworkItem(bar, bus=_bus(bus_address, "icon-nm"))
        keyboard = KeyboardItem(bar, bus=_bus(bus_address, "icon-localed"))
        for item in (battery, wifi, keyboard):
            bar.add_item(item)
        qtbot.waitUntil(lambda: battery.isVisible() and wifi.isVisible() and keyboard.isVisible() and
                        "signal" in wifi.text(), timeout=20_000)
        assert (battery.icon_name, battery.label(), battery.toolTip()) == (
            "battery-charging", "64 %", "Battery 64 % (charging)")
        assert (wifi.icon_name, wifi.label(), wifi.accessibleName()) == (
            "wifi-2", "", "Wi-Fi: eduroam, signal 42 %")
        assert (keyboard.icon_name, keyboard.label(), keyboard.accessibleName()) == (
            "keyboard", "DE (neo) · US", "Keyboard layout: DE (neo), US")
        assert bar.clock_icon.pixmap() is not None and not bar.clock_icon.pixmap().isNull()
        for item in (battery, wifi, keyboard):
            # SVG: at 200 % the icon is drawn with twice the pixels, not scaled up
            image = item.icon().pixmap(QSize(20, 20), 2.0).toImage()
            assert (image.width(), image.height()) == (40, 40), item.objectName()
            assert item.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert wifi.width() < battery.width()  # the icon alone; the network's name in its tooltip

        # a dark (high-contrast) bar gets the light drawings
        light_pixel = battery.icon().pixmap(QSize(20, 20)).toImage()
        dark = QPalette(bar.palette())
        dark.setColor(QPalette.ColorRole.Window, QColor("#111111"))
        bar.setPalette(dark)
        dark_pixel = battery.icon().pixmap(QSize(20, 20)).toImage()
        def shades(image: Any) -> list[int]:  # lightness of the drawing's opaque pixels
            return sorted(QColor.fromRgba(image.pixel(x, y)).lightness() for x in range(20) for y in range(20)
                          if QColor.fromRgba(image.pixel(x, y)).alpha() >= 200)

        assert shades(light_pixel)[0] < 60 and shades(dark_pixel)[-1] > 200  # dark ink; light ink


@pytest.mark.parametrize(("percent", "charging", "level", "name"), [
    (95, False, "ok", "battery-full"), (70, False, "ok", "battery-good"), (40, False, "ok", "battery-half"),
    (15, False, "low", "battery-low"), (5, False, "critical", "battery-critical"), (5, True, "critical", "battery-charging"),
])
def test_the_battery_icon_follows_charge_charging_and_sebs_thresholds(percent: int, charging: bool, level: str, name: str) -> None:
    from launcher.ui.battery_item import battery_icon

    assert battery_icon(percent, charging, level) == name


@pytest.mark.parametrize(("state", "kind", "strength", "name"), [
    (70, "802-11-wireless", 90, "wifi-4"), (70, "802-11-wireless", 20, "wifi-1"), (70, "802-11-wireless", None, "wifi-4"),
    (70, "802-3-ethernet", None, "network-wired"), (20, "", None, "network-offline"),
])
def test_the_network_icon_shows_the_signal_wired_or_offline(state: int, kind: str, strength: Any, name: str) -> None:
    from launcher.ui.network_item import network_icon

    assert network_icon(state, kind, strength) == name


def test_a_low_battery_warns_in_a_colour_that_reads_on_a_light_and_on_a_dark_bar(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QPalette

    bar = _taskbar(qtbot)
    item = BatteryItem(bar, low=0.2, critical=0.1, bus=QDBusConnection.connectToBus("unix:path=/nonexistent", "none"),
                       sysfs_root=_battery(tmp_path, 12, "Discharging"))
    bar.add_item(item)
    qtbot.waitUntil(item.isVisible)
    assert item.level == "low" and item.label_colour().name() == "#8a5a00"  # dark amber on the light bar
    assert item.font().bold()
    dark = QPalette(bar.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    bar.setPalette(dark)
    assert item.label_colour().name() == "#ffc04d"  # light amber on the dark one
    assert item.icon_name == "battery-low"


AT_200 = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from launcher.ui.taskbar import Taskbar
from launcher.ui.taskbar_button import TaskbarButton
bar = Taskbar(allow_reload=True, allow_quit=True)
item = TaskbarButton(bar)
item.show_status("wifi-3", "Wi-Fi: eduroam, signal 64 %", "")
bar.add_item(item)
bar.resize(1024, bar.height())
bar.show()
app.processEvents()
clock = bar.clock_icon.pixmap()
image = item.grab().toImage()
print(bar.devicePixelRatioF(), clock.width(), clock.devicePixelRatio(), image.width() == 2 * item.width())
"""


def test_at_200_percent_the_icons_are_drawn_with_twice_the_pixels() -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", AT_200], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2.0", "40", "2.0", "True"], out.stdout + out.stderr
