"""Make the OS open ``seb://`` and ``sebs://`` links and ``.seb`` files with this launcher.

The common part: which command the OS should run, the result type the CLI prints, and the
dispatch to the per-OS module (``registration_linux``, ``registration_windows``,
``registration_macos``). Each per-OS module has pure functions that say *what* it would write
(tested on any OS) and a small part that writes it with the OS's own tools.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from launcher.platform.paths import current_platform

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
    from launcher.resource_files import resources_dir as shipped

    return shipped()


def _impl() -> ModuleType:
    """This OS's registration module (imported only when registering)."""
    platform = current_platform()
    if platform == "windows":
        from launcher.platform import registration_windows as impl
    elif platform == "macos":
        from launcher.platform import registration_macos as impl
    else:
        from launcher.platform import registration_linux as impl
    return impl


def register(*, system: bool = False, command: list[str] | None = None) -> Result:
    """Register links and files for this user (or all users with ``system``)."""
    command = command or launcher_command()
    log.info("registering for %s (%s): %s", "all users" if system else "this user", current_platform(), command)
    return _impl().register(system=system, command=command)


def unregister(*, system: bool = False) -> Result:
    """Undo ``register``: remove what it installed and the defaults it set."""
    log.info("unregistering for %s (%s)", "all users" if system else "this user", current_platform())
    return _impl().unregister(system=system)
