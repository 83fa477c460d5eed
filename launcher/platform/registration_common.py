"""The names registration's dispatcher and its per-OS modules share: SEB's schemes, MIME type
and extension, the result and error types, and the command the OS should run.

One job: be importable by ``registration`` (the dispatcher) and by ``registration_linux``,
``registration_macos`` and ``registration_windows`` alike, so neither side imports the other's
module to get them.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

#: URL schemes SEB registers: ``seb://`` fetches over http, ``sebs://`` over https.
SCHEMES: tuple[str, ...] = ("seb", "sebs")
#: The MIME type of ``.seb`` files (the one SEB for macOS and SEB for Windows declare).
SEB_MIME_TYPE = "application/seb"
#: File extension of SEB configuration files, without the dot.
SEB_EXTENSION = "seb"


class RegistrationError(Exception):
    """Registration could not be done; ``message`` says what and what the user can do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Result:
    """What ``register``/``unregister`` did, in lines a person reads.

    ``done`` are the steps that worked, ``problems`` the ones that did not (each with what the
    user can do about it); ``ok`` is false when links or files will not open with us.
    """

    done: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def launcher_command() -> list[str]:
    """The absolute command that starts this launcher, for the OS to run with a link or file.

    A frozen build (PyInstaller) is its own executable; an installed package has the
    ``seb-launcher`` script next to its Python; otherwise ``python -m launcher``.
    """
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).absolute()
        # On Windows the tools run from seb-launcher-cli.exe (a console program); links and
        # files must open the windowed seb-launcher.exe next to it.
        gui = exe.with_name(exe.name.replace("seb-launcher-cli", "seb-launcher"))
        return [str(gui if gui.is_file() else exe)]
    # Do not resolve symlinks: a virtualenv's python is a link to the base interpreter.
    bin_dir = Path(sys.executable).absolute().parent
    script = bin_dir / ("seb-launcher.exe" if os.name == "nt" else "seb-launcher")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(Path(sys.executable).absolute()), "-m", "launcher"]


def resources_dir() -> Path | None:
    """The shipped ``resources/`` folder (icons, desktop files) of this installation, if present."""
    from launcher.app.resource_files import resources_dir as shipped

    return shipped()
