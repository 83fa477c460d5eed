"""A real Wayland compositor or none: the exam's compositor must drive a real screen.

One job: tell the Wayland side of the exam's display by its processes. :func:`evidence` says why
the Wayland compositor the exam is shown by is not the machine's own desktop (a
*virtual machine* finding, allowed with ``allowVirtualMachine``): a compositor nested in another
desktop (sway, weston, cage, kwin … started in a window of the real desktop, where the exam keeps
its focus while the student works in the outer desktop) or a headless one (watched through a VNC
or RDP server of its own) holds no display device. A compositor driving the screen holds the
DRM device the login manager handed it (``/dev/dri/card*``) or a frame buffer (``/dev/fb*``).

The compositor is found by its process, not by the environment's word: the peer credentials of
the socket Qt connects to (``$WAYLAND_DISPLAY``, relative to ``$XDG_RUNTIME_DIR``) give its pid,
``/proc/PID/exe`` its program, its open files the devices. A compositor of another user (its
files cannot be read) is taken for a real one. :func:`xwayland_serves` says whether the X display
Qt's ``xcb`` uses is an Xwayland (inside a Wayland session, where no X grab holds the
compositor's shortcuts), again by the socket's peer process. Qt-free; ``peer`` and the machine's
roots for tests.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path

from launcher.lockdown.machine import Machine
from launcher.lockdown.peers import DISPLAY_DEVICES, Peer, held_devices, peer_pid

log = logging.getLogger(__name__)

def _program(machine: Machine, pid: int) -> str:
    proc = machine.proc_root / str(pid)
    try:
        return os.path.basename(os.readlink(proc / "exe"))
    except OSError:  # another user's process: its name is still readable
        return (machine.read(proc / "comm") or "").strip()


def xwayland_serves(machine: Machine, peer: Peer = peer_pid) -> bool:
    """True when the local X display of ``machine.env`` (``DISPLAY``) is served by Xwayland: the
    process behind its socket is Xwayland, or an Xwayland runs for that display number (wlroots
    and mutter create the display's sockets themselves and hand them to Xwayland, so the socket's
    peer is then the compositor)."""
    match = re.fullmatch(r"(unix)?:(\d+)(\.\d+)?", machine.env.get("DISPLAY", ""))
    if not match:
        return False
    number = match.group(2)
    pid = peer(f"@/tmp/.X11-unix/X{number}") or peer(f"/tmp/.X11-unix/X{number}")
    if pid > 0 and _program(machine, pid).lower() == "xwayland":
        return True
    try:
        entries = [e for e in os.listdir(machine.proc_root) if e.isdigit()]
    except OSError:
        return False
    for entry in entries:
        comm = (machine.read(machine.proc_root / entry / "comm") or "").strip().lower()
        if comm == "xwayland":
            argv = (machine.read(machine.proc_root / entry / "cmdline") or "").split("\0")
            if f":{number}" in argv:
                return True
    return False


def socket_path(env: Mapping[str, str]) -> str:
    """The compositor socket a Wayland client of ``env`` connects to ('' when it cannot tell)."""
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    if name.startswith("/"):
        return name
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return str(Path(runtime) / name) if runtime else ""


def evidence(machine: Machine, peer: Peer) -> list[str]:
    """Why the exam's Wayland compositor is not the machine's own desktop ([] when it is)."""
    env = machine.env
    if env.get("WAYLAND_SOCKET"):
        return ["the Wayland compositor cannot be identified (the launcher was handed a connection, "
                "WAYLAND_SOCKET)"]
    path = socket_path(env)
    pid = peer(path) if path else 0
    if pid <= 0:
        return [f"the Wayland compositor cannot be identified (no process behind {path or 'its socket'})"]
    proc = machine.proc_root / str(pid)
    name = _program(machine, pid)
    label = f"{name or 'unknown'} (pid {pid})"
    devices = held_devices(proc)
    if devices is None:
        log.info("The Wayland compositor %s belongs to another user: whether it drives a display device "
                 "cannot be read; it is taken for a real one", label)
        return []
    if not any(d.startswith(DISPLAY_DEVICES) for d in devices):
        return [f"the Wayland compositor drives no display device (nested in another desktop, or headless; "
                f"no /dev/dri/card*, /dev/fb*): {label}"]
    return []
