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
from typing import Any

log = logging.getLogger(__name__)


def apply_visibility(window: Any, settings: Any) -> None:
    """SEB's switches for the taskbar's own parts: the clock (``showTime``) and the reload
    button (``showReloadButton``: shown only when reloading is allowed too)."""
    taskbar = window.taskbar
    if not getattr(settings, "show_time", True):
        taskbar.set_clock_visible(False)
    if taskbar.reload_button is not None and not getattr(settings, "show_reload_button", True):
        taskbar.reload_button.setVisible(False)


def install(session: Any) -> dict[str, Any]:
    """Add the items to ``session.window``'s taskbar; returns them by name."""
    from launcher.ui.battery_item import BatteryItem

    settings = session.settings
    taskbar = session.window.taskbar
    items: dict[str, Any] = {}
    items["battery"] = BatteryItem(
        taskbar,
        low=getattr(settings, "battery_charge_threshold_low", 0.2),
        critical=getattr(settings, "battery_charge_threshold_critical", 0.1),
    )
    if getattr(settings, "allow_wlan", False):
        from launcher.ui.network_item import NetworkItem

        items["network"] = NetworkItem(taskbar)
    if getattr(settings, "show_input_language", True):
        from launcher.ui.keyboard_item import KeyboardItem

        items["keyboard"] = KeyboardItem(taskbar)
    if getattr(settings, "audio_control_enabled", False):
        from launcher.ui.volume_item import VolumeItem

        items["volume"] = VolumeItem(taskbar)
    if session.options.allow_zoom:
        from launcher.ui.zoom_item import ZoomItem

        items["zoom"] = ZoomItem(session.window)
    for item in items.values():
        taskbar.add_item(item)
    return items
