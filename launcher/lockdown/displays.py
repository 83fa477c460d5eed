"""How many displays show this computer's picture? (spec lockdown.md §2)

The kernel's DRM connectors (``/sys/class/drm/card*-*``: ``status`` connected and ``enabled``
enabled; eDP/LVDS/DSI are built in) cross-checked with the number of screens Qt sees, which the
caller passes in. A machine without DRM connectors (a virtual or remote X server) is counted by
Qt alone; connectors that cannot be read make the count unreliable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from launcher.lockdown.machine import Machine
from launcher.lockdown.violations import Violation

log = logging.getLogger(__name__)

INTERNAL_TYPES = ("eDP", "LVDS", "DSI")


@dataclass(frozen=True)
class DisplayReport:
    """``count`` is the larger of the two sources; ``drm`` lists the active connectors' names
    (None: no DRM connectors on this machine); ``failure`` says why the count is unreliable."""

    count: int
    screens: int
    drm: tuple[str, ...] | None = None
    failure: str = ""
    internal: tuple[str, ...] = field(default=())

    @property
    def external(self) -> tuple[str, ...]:
        return tuple(name for name in (self.drm or ()) if name not in self.internal)

    def describe(self) -> str:
        parts = [f"{self.screens} screen(s) seen by the window system"]
        if self.drm is not None:
            names = ", ".join(self.drm) or "none"
            parts.append(f"{len(self.drm)} active display connector(s): {names}")
        return "; ".join(parts)


def _connector_name(entry: str) -> str:
    """``card0-eDP-1`` -> ``eDP-1``."""
    return entry.split("-", 1)[1] if "-" in entry else entry


def is_internal(connector: str) -> bool:
    return connector.split("-", 1)[0] in INTERNAL_TYPES


class DisplayDetector:
    def __init__(self, machine: Machine) -> None:
        self.m = machine

    def report(self, screen_count: int) -> DisplayReport:
        drm, failure = self._drm()
        counts = [n for n in (screen_count, len(drm) if drm is not None else -1) if n >= 0]
        count = max(counts) if counts else 0
        if drm is None and screen_count <= 0:
            failure = failure or "neither the kernel nor the window system reports any display"
        internal = tuple(name for name in (drm or ()) if is_internal(name))
        return DisplayReport(count=count, screens=screen_count, drm=drm, failure=failure,
                             internal=internal)

    def _drm(self) -> tuple[tuple[str, ...] | None, str]:
        base = self.m.sys_root / "class/drm"
        try:
            entries = sorted(p.name for p in base.iterdir() if p.name.startswith("card") and "-" in p.name)
        except FileNotFoundError:
            return None, ""
        except OSError as exc:
            return None, f"the display connectors cannot be read ({exc.strerror})"
        if not entries:
            return None, ""
        active = []
        for entry in entries:
            status = self.m.read(base / entry / "status")
            if status is None:
                return None, f"the display connector {_connector_name(entry)} cannot be read"
            enabled = (self.m.read(base / entry / "enabled") or "enabled").strip()
            if status.strip() == "connected" and enabled == "enabled":
                active.append(_connector_name(entry))
        return tuple(active), ""


def display_violations(settings: Any, report: DisplayReport) -> list[Violation]:
    """``allowedDisplaysMaxNumber``, ``allowedDisplayBuiltinEnforce`` and, when the displays
    cannot be counted reliably, ``allowedDisplaysIgnoreFailure``."""
    most = settings.allowed_displays_max_number
    if report.failure:
        if settings.allowed_displays_ignore_failure:
            log.warning("Displays not checked (allowedDisplaysIgnoreFailure): %s", report.failure)
            return []
        return [Violation("displays", "allowedDisplaysIgnoreFailure",
                          f"the displays could not be checked: {report.failure}")]
    if report.count > most:
        return [Violation("displays", "allowedDisplaysMaxNumber",
                          f"{report.count} displays are in use, at most {most} allowed "
                          f"({report.describe()})")]
    if settings.allowed_display_builtin_enforce:
        if report.drm is None:
            if settings.allowed_displays_ignore_failure:
                return []
            return [Violation("displays", "allowedDisplayBuiltinEnforce",
                              "the built-in display cannot be recognised on this computer")]
        if report.external or not report.internal:
            shown = ", ".join(report.external) or "no built-in display is active"
            return [Violation("displays", "allowedDisplayBuiltinEnforce",
                              f"only the built-in display may be used ({shown})")]
    return []
