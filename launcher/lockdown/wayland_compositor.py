"""A real Wayland compositor or none: the exam's compositor must drive a real screen.

One job: say why the Wayland compositor the exam is shown by is not the machine's own desktop (a
*virtual machine* finding, allowed with ``allowVirtualMachine``): a compositor nested in another
desktop (sway, weston, cage, kwin … started in a window of the real desktop, where the exam keeps
its focus while the student works in the outer desktop) or a headless one (watched through a VNC
or RDP server of its own) holds no display device. A compositor driving the screen holds the
DRM device the login manager handed it (``/dev/dri/card*``) or a frame buffer (``/dev/fb*``).

The compositor is found by its process, not by the environment's word: the peer credentials of
the socket Qt connects to (``$WAYLAND_DISPLAY``, relative to ``$XDG_RUNTIME_DIR``) give its pid,
``/proc/PID/exe`` its program, its open files the devices. A compositor of another user (its
files cannot be read) is taken for a real one. Qt-free; ``peer`` and the machine's roots for tests.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)

Peer = Callable[[str], int]  # socket path -> pid of the process listening on it (0: unknown)
DISPLAY_DEVICES = ("/dev/dri/card", "/dev/fb")


def socket_path(env: Mapping[str, str]) -> str:
    """The compositor socket a Wayland client of ``env`` connects to ('' when it cannot tell)."""
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    if name.startswith("/"):
        return name
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return str(Path(runtime) / name) if runtime else ""


def _devices(proc: Path) -> list[str] | None:
    """The device files a process holds open (None when its file table cannot be read)."""
    try:
        fds = os.listdir(proc / "fd")
    except OSError:
        return None
    found = []
    for fd in fds:
        try:
            target = os.readlink(proc / "fd" / fd)
        except OSError:
            continue
        if target.startswith("/dev/"):
            found.append(target)
    return found


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
    try:
        exe = os.readlink(proc / "exe")
    except OSError:
        exe = ""
    name = os.path.basename(exe) if exe else (machine.read(proc / "comm") or "").strip()
    label = f"{name or 'unknown'} (pid {pid})"
    devices = _devices(proc)
    if devices is None:
        log.info("The Wayland compositor %s belongs to another user: whether it drives a display device "
                 "cannot be read; it is taken for a real one", label)
        return []
    if not any(d.startswith(DISPLAY_DEVICES) for d in devices):
        return [f"the Wayland compositor drives no display device (nested in another desktop, or headless; "
                f"no /dev/dri/card*, /dev/fb*): {label}"]
    return []
