"""Replace a file only when its new content is complete: one atomic write for every writer.

The client settings, the registration files and the command-line tools' output all go through
``write_atomically``: the bytes go to a hidden ``.NAME.PID.part`` file beside the target,
reach the disk, and then take the target's place in one rename, so a crash, a full disk or a
second writer never leaves a half-written file behind.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def write_atomically(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``target``, replacing it only when complete.

    ``mode`` is the file's exact permission bits (the umask does not narrow it: a machine-wide
    file written by an administrator with umask 077 must still be readable by students);
    ``None`` leaves the usual ``0o666`` less the umask. An ``OSError`` names ``target``, never
    the temporary file, and leaves nothing behind.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o666 if mode is None else mode)  # never wider than asked
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if exc.filename == str(tmp):
            exc.filename = str(target)
        raise
