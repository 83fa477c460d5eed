"""The system items of the exam window's taskbar that SEB users know: battery, network and
keyboard layout, each from the desktop's own services, each hidden when there is nothing to show.

One job: decide from the settings which items the main exam window gets (battery always, as
SEB; network with ``allowWlan``; keyboard layout with ``showInputLanguage``; volume with
``audioControlEnabled``) and put them on its
taskbar. Installed once the exam's first page has loaded, so none of this delays its first
request (``ExamSession._after_first_page``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from launcher.config.settings import Settings
    from launcher.ui.kiosk_window import KioskWindow

log = logging.getLogger(__name__)


def apply_visibility(window: KioskWindow, settings: Settings) -> None:
    """SEB's switches for the taskbar's own parts: the clock (``showTime``) and the reload
    button (``showReloadButton``: shown only when reloading is allowed too)."""
    taskbar = window.taskbar
    if not settings.show_time:
        taskbar.set_clock_visible(False)
    if taskbar.reload_button is not None and not settings.show_reload_button:
        taskbar.reload_button.setVisible(False)


def install(window: KioskWindow, settings: Settings) -> dict[str, QWidget]:
    """Add the items to the exam ``window``'s taskbar; returns them by name."""
    from launcher.ui.battery_item import BatteryItem

    taskbar = window.taskbar
    items: dict[str, QWidget] = {}
    items["battery"] = BatteryItem(
        taskbar,
        low=settings.battery_charge_threshold_low,
        critical=settings.battery_charge_threshold_critical,
    )
    if settings.allow_wlan:
        from launcher.ui.network_item import NetworkItem

        items["network"] = NetworkItem(taskbar)
    if settings.show_input_language:
        from launcher.ui.keyboard_item import KeyboardItem

        items["keyboard"] = KeyboardItem(taskbar)
    if settings.audio_control_enabled:
        from launcher.ui.volume_item import VolumeItem

        items["volume"] = VolumeItem(taskbar)
    if settings.enable_zoom_page:
        from launcher.ui.zoom_item import ZoomItem

        items["zoom"] = ZoomItem(window)
    for item in items.values():
        taskbar.add_item(item)
    return items
