"""Where a crash of the launcher leaves its trace: every thread's Python stack.

One job: a fatal signal (SIGSEGV, SIGABRT, SIGBUS …: a crash in Qt, the engine or a system
library called through ``ctypes``) writes the Python stack of every thread (``faulthandler``:
names of files and functions, never a value) to stderr from the first line the program runs,
and — once the log directory is known — to :data:`CRASH_FILE_NAME` beside the log, which
``seb-launcher logs --export`` packs for support. Only for the launcher started as a program
(``launcher.__main__``): a host that embeds the package (a test runner) keeps its own handler.
"""

from __future__ import annotations

import faulthandler
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the first module the program imports: nothing more than it needs
    from pathlib import Path
    from typing import TextIO

CRASH_FILE_NAME = "seb-launcher-crash.log"
MAX_BYTES = 256 * 1024  # an older, larger file is started afresh

_program = False
_file: TextIO | None = None  # open for the process' lifetime: faulthandler writes to its descriptor


def to_stderr() -> None:
    """The launcher runs as a program: a crash prints every thread's stack on stderr."""
    global _program
    _program = True
    faulthandler.enable(all_threads=True)


def also_to(folder: Path) -> Path | None:
    """From now on a crash writes to ``folder``/:data:`CRASH_FILE_NAME` (and no longer to
    stderr); None when not started as a program, or the file cannot be written."""
    global _file
    if not _program:
        return None
    from pathlib import Path

    path = Path(folder) / CRASH_FILE_NAME
    if _file is not None:
        return path
    try:
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.unlink()
        # no link followed: a link planted there would not take the traces somewhere else
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o600)
        _file = os.fdopen(fd, "a", encoding="utf-8")
    except OSError as exc:
        import logging

        logging.getLogger(__name__).warning("a crash's trace goes to stderr only (%s: %s)", path, exc.strerror or exc)
        return None
    faulthandler.enable(file=_file, all_threads=True)
    return path
