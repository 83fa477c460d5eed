"""Make the OS open ``seb://`` and ``sebs://`` links and ``.seb`` files with this launcher.

The dispatch to the per-OS module (``registration_linux``, ``registration_windows``,
``registration_macos``). Each per-OS module has pure functions that say *what* it would write
(tested on any OS) and a small part that writes it with the OS's own tools; the names they
share with this module (schemes, ``Result``, ``RegistrationError``, the launcher's command) are
in ``registration_common`` and re-exported here for callers.
"""

from __future__ import annotations

import logging
from types import ModuleType

from launcher.platform.paths import current_platform
from launcher.platform.registration_common import (
    SCHEMES,
    SEB_EXTENSION,
    SEB_MIME_TYPE,
    RegistrationError,
    Result,
    launcher_command,
    resources_dir,
)

log = logging.getLogger(__name__)

__all__ = [
    "SCHEMES", "SEB_EXTENSION", "SEB_MIME_TYPE", "RegistrationError", "Result",
    "launcher_command", "resources_dir", "register", "unregister",
]


def _impl() -> ModuleType:
    """This OS's registration module (imported only when registering)."""
    platform = current_platform()
    if platform == "windows":
        from launcher.platform import registration_windows

        return registration_windows
    if platform == "macos":
        from launcher.platform import registration_macos

        return registration_macos
    from launcher.platform import registration_linux

    return registration_linux


def register(*, system: bool = False, command: list[str] | None = None) -> Result:
    """Register links and files for this user (or all users with ``system``)."""
    command = command or launcher_command()
    log.info("registering for %s (%s): %s", "all users" if system else "this user", current_platform(), command)
    return _impl().register(system=system, command=command)


def unregister(*, system: bool = False) -> Result:
    """Undo ``register``: remove what it installed and the defaults it set."""
    log.info("unregistering for %s (%s)", "all users" if system else "this user", current_platform())
    return _impl().unregister(system=system)
