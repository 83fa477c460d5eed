"""A real display or none: the exam's screen must be a real one, not a nested or virtual server.

One job: say why the display the exam runs on is not a real screen (a *virtual machine*
finding, allowed with ``allowVirtualMachine``): Qt's platform is not ``xcb`` or ``wayland``
(``vnc`` serves the exam to the network, ``offscreen``/``minimal``/``linuxfb``/``eglfs`` show
it nowhere a proctor sees); or the X server is a nested or virtual one (``Xephyr``, ``Xnest``,
``Xvfb``, ``Xvnc``/``Xtigervnc``, ``Xpra``, a rootful ``Xwayland``, an ``Xorg`` that drives no
display device). The server is identified by its process, not by what it calls itself: the
peer credentials of the display's socket (``SO_PEERCRED`` on ``/tmp/.X11-unix/X<n>``, abstract
socket first) give its pid, ``/proc/PID/exe`` its program, its open files whether it holds a
display device (``/dev/dri/card*``, ``/dev/fb*``). Wayland compositors: ``wayland_compositor``.
Qt-free; ``peer`` and the machine's roots for tests.
"""

from __future__ import annotations

import logging
import os
import re

from launcher.lockdown.machine import Machine
from launcher.lockdown.peers import Peer, held_devices, peer_pid

log = logging.getLogger(__name__)

#: Qt platforms an exam may run on.
REAL_PLATFORMS = ("xcb", "wayland")
#: X servers that show no real screen, or show it somewhere else (file names, lower case).
VIRTUAL_X = {"xephyr": "a nested X server", "xnest": "a nested X server", "xvfb": "a virtual X server",
             "xvnc": "a VNC X server", "xtigervnc": "a VNC X server", "xtightvnc": "a VNC X server",
             "xvnc-core": "a VNC X server", "xpra": "an Xpra X server", "xdummy": "a virtual X server"}

class DisplayServerDetector:
    """``evidence(platform_name)`` -> why the exam's display is not a real screen ([] if it is)."""

    def __init__(self, machine: Machine, peer: Peer = peer_pid) -> None:
        self.m = machine
        self.peer = peer

    def evidence(self, platform_name: str) -> list[str]:
        if not platform_name or not self.m.env:
            return []  # no GUI (config inspect), or a machine described without the launcher's environment

        base = platform_name.split(":")[0]
        if not base.startswith(REAL_PLATFORMS):
            return [f"the exam would be shown through Qt's '{base}' platform, not on a real display"]
        if base == "xcb":
            return self._x_server()
        from launcher.lockdown import wayland_compositor

        return wayland_compositor.evidence(self.m, self.peer)

    def _x_server(self) -> list[str]:
        display = self.m.env.get("DISPLAY", "")
        match = re.fullmatch(r"(unix)?:(\d+)(\.\d+)?", display)
        if not match:
            return []  # a remote display is the remote-session check's
        number = match.group(2)
        pid = self.peer(f"@/tmp/.X11-unix/X{number}") or self.peer(f"/tmp/.X11-unix/X{number}")
        if pid <= 0:
            return [f"the X server of display {display} cannot be identified (no process behind its socket)"]
        proc = self.m.proc_root / str(pid)
        try:
            exe = os.readlink(proc / "exe")
        except OSError:
            exe = ""
        name = os.path.basename(exe) if exe else (self.m.read(proc / "comm") or "").strip()
        argv = (self.m.read(proc / "cmdline") or "").split("\0")
        label = f"{name or 'unknown'} (pid {pid})"
        kind = VIRTUAL_X.get(name.lower())
        if kind:
            return [f"the display {display} is served by {kind}: {label}"]
        if name.lower() == "xwayland":
            if "-rootless" not in argv:
                return [f"the display {display} is a rootful Xwayland window inside another desktop: {label}"]
            return []
        devices = held_devices(proc)
        if devices is not None and not any(d.startswith(("/dev/dri/card", "/dev/fb")) for d in devices):
            return [f"the X server of display {display} drives no display device (no /dev/dri/card*, /dev/fb*): "
                    f"{label}"]
        if devices is None:
            log.info("The X server %s belongs to another user: whether it drives a display device cannot be "
                     "read; it is taken for a real one by its program", label)
        return []
