"""What this launcher holds, per platform, for each lockdown setting of a configuration.

One job: for a configuration and a platform (``x11``, ``wayland``, ``windows``, ``macos``) say
for every lockdown key whether the launcher *enforces* it (refuses, blocks or ends), only
*detects* a breach (locks the exam or logs), or *cannot enforce* it there. ``seb-launcher config
inspect`` prints it; README's Lockdown section is the same table in prose. Keep both in step with
the code: a cell says what the code does today, not what it may do later.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ENFORCED = "enforced"
DETECTED = "detected only"
CANNOT = "cannot enforce"
PLATFORMS = ("x11", "wayland", "windows", "macos")

_E, _D, _C = ENFORCED, DETECTED, CANNOT

#: key -> ((x11, wayland, windows, macos), how)
TABLE: Mapping[str, tuple[tuple[str, str, str, str], str]] = {
    "allowVirtualMachine": ((_E, _E, _E, _E),
        "refused at start: Linux systemd-detect-virt, DMI, hypervisor flag, /sys/hypervisor, "
        "MAC prefixes, WSL, a Qt platform other than xcb/wayland, an X display served by a nested or "
        "virtual server (Xephyr, Xnest, Xvfb, Xvnc, Xpra, rootful Xwayland, Xorg without a display "
        "device; found by the socket's peer process); Windows WMI (not yet run there); macOS sysctl kern.hv_vmm_present "
        "(not yet run there)"),
    "allowedDisplaysMaxNumber": ((_E, _E, _E, _E),
        "refused at start, exam locked when a display is added (Qt screens; Linux also DRM connectors)"),
    "allowedDisplaysIgnoreFailure": ((_E, _E, _E, _E), "decides when the displays cannot be counted"),
    "allowedDisplayBuiltinEnforce": ((_E, _E, _C, _C), "Linux: DRM connector types eDP/LVDS/DSI"),
    "allowScreenSharing": ((_D, _D, _E, _C),
        "Linux: remote sessions refused at start (logind, SSH, xrdp, remote DISPLAY), "
        "sharing servers lock the exam; no capture exclusion exists on X11 or Wayland. Windows: "
        "a Remote Desktop session is refused, exam windows are excluded from capture "
        "(SetWindowDisplayAffinity; not yet run there). macOS: exam windows get sharingType none "
        "(not yet run there; macOS 15 reportedly ignores it), sharing is not detected"),
    "allowScreenCapture": ((_E, _C, _C, _C),
        "X11: every X client of the exam's display is accounted for (X-Resource census every 250 ms, "
        "RECORD as the server handles connections, GetImage/ShmGetImage and XTEST): a program not "
        "ours, the desktop's, assistive or permitted is ended (at start), ended and locks the exam "
        "(during it), a capture by one locks the exam naming it even when it ended in milliseconds; "
        "other programs' windows over the exam are told by the client that made them and put aside, "
        "a repeated one locks; readers on the accessibility bus are ended or lock (also on Wayland). "
        "X11 itself has no capture exclusion: a capture is seen and named, not prevented. Wayland: the "
        "compositor decides who captures; Windows/macOS: see allowScreenSharing"),
    "prohibitedProcesses": ((_E, _E, _C, _C),
        "Linux: ended by pid (asked first unless strongKill) at start, ended or locked during"),
    "permittedProcesses": ((_E, _E, _C, _C),
        "Linux programs start with autostart or a taskbar button and end with the exam; their "
        "windows are not raised above the exam window yet"),
    "allowDeveloperConsole": ((_E, _E, _E, _E),
        "remote debugging from the environment only when true"),
}

#: Keys the lock screen, keyboard and clipboard work holds (launcher.ui / launcher.browser):
#: (x11, wayland, windows, macos).
INPUT_TABLE: Mapping[str, tuple[tuple[str, str, str, str], str]] = {
    "enableAltTab": ((_E, _D, _E, _E), "X11: keyboard grab; Wayland: the compositor's shortcuts "
                     "inhibitor where granted, focus loss locks the exam in any case; "
                     "Windows: low-level keyboard hook; macOS: presentation options, no Command-Tab "
                     "(Windows and macOS: not yet run there)"),
    "enableAltF4": ((_E, _E, _E, _E), "the exam window refuses to close"),
    "enablePrintScreen": ((_E, _C, _E, _C), "X11: keyboard grab keeps Print from the desktop; "
                          "Windows: the keyboard hook swallows it (not yet run there)"),
    "enableAltEsc": ((_E, _C, _E, _C), "X11: keyboard grab and the exam window's key filter; "
                     "Windows: the keyboard hook (not yet run there)"),
    "enableCtrlEsc": ((_E, _C, _E, _C), "X11: keyboard grab and the exam window's key filter; "
                      "Windows: the keyboard hook (not yet run there)"),
    "enableStartMenu": ((_E, _C, _E, _C), "X11: keyboard grab keeps Super from the desktop; "
                        "Windows: the keyboard hook swallows the Windows keys (not yet run there)"),
    "enableAltMouseWheel": ((_E, _E, _E, _E), "the exam window's mouse filter"),
    "enableEsc": ((_E, _E, _E, _E), "the exam window's key filter"),
    **{f"enableF{n}": ((_E, _E, _E, _E), "the exam window's key filter") for n in range(1, 13)},
    "enableRightMouse": ((_E, _E, _E, _E), "the exam window's mouse filter"),
    "enableMiddleMouse": ((_E, _E, _E, _E), "the exam window's mouse filter"),
    "enableZoomPage": ((_E, _E, _E, _E), "keys and Ctrl+wheel in the exam window"),
    "clipboardPolicy": ((_E, _D, _C, _C), "X11: clipboard and selection cleared; Wayland: on focus"),
    "detectStoppedProcess": ((_D, _D, _D, _D), "a stopped launcher locks the exam when it runs again"),
    "disableSessionChangeLockScreen": ((_D, _D, _C, _C), "logind: a session switch locks the exam"),
    "enableSessionVerification": ((_D, _D, _D, _D), "an interrupted exam starts on the lock screen"),
    "lockScreenBackgroundColor": ((_E, _E, _E, _E), "the lock screen's colour"),
    "displayAlwaysOn": ((_E, _E, _E, _E), "Linux: logind idle and org.freedesktop.ScreenSaver inhibited, "
                        "where offered; Windows: SetThreadExecutionState; macOS: an IOKit power "
                        "assertion (Windows and macOS: not yet run there)"),
    "systemAlwaysOn": ((_E, _E, _E, _E), "Linux: logind sleep inhibited, where offered; Windows: "
                       "SetThreadExecutionState; macOS: an IOKit power assertion (not yet run there)"),
    "enableInjected": ((_E, _C, _E, _C), "X11: XTEST requests seen through the RECORD extension: the "
                       "keys and clicks are dropped and the exam locks naming the program (a fake "
                       "uinput keyboard as root is out of reach); Wayland: not told apart; Windows: "
                       "the keyboard hook swallows injected keys (not yet run there)"),
}


@dataclass(frozen=True)
class Row:
    key: str
    value: Any
    status: str
    how: str

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "status": self.status, "how": self.how}


def current_platform(platform_name: str = "", *, compositor: bool = False) -> str:
    """``windows``, ``macos``, ``wayland`` or ``x11``. ``platform_name`` is Qt's
    (``QGuiApplication.platformName()``) when a GUI runs; without one (``config inspect``)
    ``compositor`` says whether a Wayland compositor answered a connection. Never decided from
    environment variables a student can set (``WAYLAND_DISPLAY``, ``XDG_SESSION_TYPE``)."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    if platform_name.startswith("wayland") or (not platform_name and compositor):
        return "wayland"
    return "x11"


def _shown(value: Any) -> Any:
    if isinstance(value, tuple):
        return f"{len(value)} entries"
    return value


#: Keys the Wayland compositor's keyboard-shortcuts inhibitor holds where it is offered and granted.
WAYLAND_INHIBITED = ("enableAltTab", "enablePrintScreen", "enableAltEsc", "enableCtrlEsc", "enableStartMenu")
INHIBITOR_OFFERED = "offered"
INHIBITOR_NOT_OFFERED = "not offered"


def table(settings: Any, platform: str, *, inhibitor: str | None = None) -> list[Row]:
    """Every lockdown key of ``settings`` with what ``platform`` does about it. On Wayland,
    ``inhibitor`` is what the compositor at hand offers (``offered`` / ``not offered``; None:
    no compositor asked — the cells then say what holds without one)."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}")
    index = PLATFORMS.index(platform)
    rows = []
    for source in (TABLE, INPUT_TABLE):
        for key, (cells, how) in source.items():
            status = cells[index]
            if platform == "wayland" and key in WAYLAND_INHIBITED:
                if inhibitor == INHIBITOR_OFFERED:
                    status = _E
                    how = ("Wayland: this compositor offers the keyboard-shortcuts inhibitor: held while "
                           "it grants it (GNOME asks the user once; refused: the log says so and focus "
                           "loss locks the exam). " + how)
                else:
                    how = ("Wayland: " + ("this compositor does not offer the keyboard-shortcuts "
                           "inhibitor" if inhibitor == INHIBITOR_NOT_OFFERED else "held only where the "
                           "compositor offers and grants its keyboard-shortcuts inhibitor") + ". " + how)
            rows.append(Row(key, _shown(settings.value(key)), status, how))
    return rows
