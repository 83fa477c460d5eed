"""Who serves a display: the process behind a Unix socket, and the device files it holds.

One job (no Qt): the two facts the display checks (``display_server`` for X, ``wayland_compositor``
for Wayland) read about the server the exam's window is shown through — its pid from the
socket's peer credentials (``SO_PEERCRED``, which the kernel fills in; a server cannot claim
another pid), and whether it holds a display device (``/dev/dri/card*``, ``/dev/fb*``).
"""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Callable
from pathlib import Path

Peer = Callable[[str], int]  # socket address -> the pid of the process listening on it (0: unknown)
DISPLAY_DEVICES = ("/dev/dri/card", "/dev/fb")


def peer_pid(address: str) -> int:
    """The pid of the process listening on a Unix socket (``SO_PEERCRED``; an address starting
    with "@" is an abstract one); 0 when none answers."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(2.0)
        sock.connect("\0" + address[1:] if address.startswith("@") else address)
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        pid: int = struct.unpack("3i", creds)[0]
        return pid
    except OSError:
        return 0
    finally:
        sock.close()


def held_devices(proc: Path) -> list[str] | None:
    """The device files the process at ``proc`` (a ``/proc/PID`` folder) holds open; None when
    its file table cannot be read (another user's process)."""
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
