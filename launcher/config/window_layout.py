"""Where the exam's windows go: SEB's window mode (``browserViewMode``) and the sizes and
positions of the main window (``mainBrowserWindowWidth``/``Height``/``Positioning``) and of
windows the exam opens (``newBrowserWindowByLinkWidth``/``Height``/``Positioning``).

One job: turn those keys into a rectangle on a screen's available area, as SEB for Windows'
``BrowserDataMapper`` and browser window do: a width or height is ``"N%"`` of the area or ``"N"``
pixels (anything else keeps the default); positioning 0 left, 1 centre, 2 right; windows are
centred vertically. Defaults (SEB for Windows' ``DataValues.cs``): the main window 100 % × 100 %,
new windows 50 % wide, 100 % high, on the right.

One deliberate difference, to fail closed: SEB for Windows runs a window-mode exam on its own
desktop, where nothing else is reachable. Here a main window that fills the area, or a file
without ``browserViewMode``, is shown full screen; a smaller one is shown over a backdrop that
covers the rest of the screen (``launcher.ui.window_mode``). Pure Python, no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

LEFT, CENTER, RIGHT = 0, 1, 2
VIEW_MODE_WINDOW, VIEW_MODE_FULLSCREEN = 0, 1


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Size:
    """``value`` percent of the area when ``relative``, else pixels."""

    value: int
    relative: bool = True

    def of(self, available: int) -> int:
        pixels = available * self.value // 100 if self.relative else self.value
        return max(1, min(available, pixels))


@dataclass(frozen=True)
class WindowSpec:
    fullscreen: bool
    width: Size
    height: Size
    position: int

    def geometry(self, area: Rect) -> Rect:
        """The window's rectangle inside ``area`` (a screen's available geometry)."""
        width = self.width.of(area.width)
        height = self.height.of(area.height)
        if self.position == LEFT:
            x = area.x
        elif self.position == RIGHT:
            x = area.x + area.width - width
        else:
            x = area.x + (area.width - width) // 2
        y = area.y + (area.height - height) // 2
        return Rect(x, y, width, height)

    def fills(self, area: Rect) -> bool:
        return self.fullscreen or self.geometry(area) == area


def parse_size(key: str, value: Any, default: Size) -> Size:
    """``"75%"`` -> 75 % of the area, ``"800"`` -> 800 pixels; other values keep ``default``
    (SEB for Windows ignores what it cannot parse)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        if value is not None:
            log.warning("%s: not a size, using the default", key)
        return default
    text = str(value).strip()
    relative = text.endswith("%")
    number = text[:-1].strip() if relative else text
    if not number.isdigit() or int(number) <= 0:
        log.warning("%s: %r is not a size, using the default", key, text[:20])
        return default
    return Size(int(number), relative)


def _position(key: str, value: Any, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in (LEFT, CENTER, RIGHT):
        return value
    if value is not None:
        log.warning("%s: not 0, 1 or 2, using the default", key)
    return default


def main_window(raw: Mapping[str, Any]) -> WindowSpec:
    """The exam window: window mode only when the file asks for it (``browserViewMode`` 0)."""
    mode = raw.get("browserViewMode")
    windowed = isinstance(mode, int) and not isinstance(mode, bool) and mode == VIEW_MODE_WINDOW
    return WindowSpec(
        fullscreen=not windowed,
        width=parse_size("mainBrowserWindowWidth", raw.get("mainBrowserWindowWidth"), Size(100)),
        height=parse_size("mainBrowserWindowHeight", raw.get("mainBrowserWindowHeight"), Size(100)),
        position=_position("mainBrowserWindowPositioning", raw.get("mainBrowserWindowPositioning"), CENTER),
    )


def new_window(raw: Mapping[str, Any]) -> WindowSpec:
    """A window the exam opens: never full screen in SEB for Windows."""
    return WindowSpec(
        fullscreen=False,
        width=parse_size("newBrowserWindowByLinkWidth", raw.get("newBrowserWindowByLinkWidth"), Size(50)),
        height=parse_size("newBrowserWindowByLinkHeight", raw.get("newBrowserWindowByLinkHeight"), Size(100)),
        position=_position("newBrowserWindowByLinkPositioning", raw.get("newBrowserWindowByLinkPositioning"), RIGHT),
    )
