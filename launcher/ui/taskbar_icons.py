"""The taskbar's icons: SVG drawings shipped in ``resources/icons/taskbar/{light,dark}``.

One job: give a taskbar item the icon ``name`` drawn for the bar's background (dark ink on a
light bar, light ink on a dark or high-contrast dark one). SVG, so Qt draws them sharp at any
scale (``QT_SCALE_FACTOR=2``, a 200 % desktop). A missing file is logged once and gives an empty
icon: the item still shows its text.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QWidget

from launcher.app.resource_files import resources_dir

log = logging.getLogger(__name__)

SIZE = 20  # logical pixels; the bar is 36 high
_cache: dict[tuple[str, str], QIcon] = {}


def theme_for(widget: QWidget) -> str:
    """``"dark"`` when the widget's background is dark, else ``"light"``."""
    return "dark" if widget.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5 else "light"


def icon(name: str, widget: QWidget) -> QIcon:
    """The icon ``name`` (file name without ``.svg``) for ``widget``'s background."""
    theme = theme_for(widget)
    key = (theme, name)
    if key not in _cache:
        root = resources_dir()
        path = root / "icons" / "taskbar" / theme / f"{name}.svg" if root is not None else None
        if path is None or not path.is_file():
            log.warning("taskbar icon %s (%s) is missing from this installation", name, theme)
            _cache[key] = QIcon()
        else:
            _cache[key] = QIcon(str(path))
    return _cache[key]
