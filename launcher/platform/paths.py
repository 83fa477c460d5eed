"""Where the launcher keeps its files on each OS: per-user config, data, cache and log dirs, and
the machine-wide directory an IT department fills (client configuration for all users).

Per-user directories come from ``platformdirs`` (imported lazily: the exam start path pays for
it only when it asks for a directory). Machine-wide directories are fixed, well-known places:

- Linux: ``/etc/seb-launcher``
- Windows: ``%ProgramData%\\SEB Launcher``
- macOS: ``/Library/Application Support/SEB Launcher``

``SEB_LAUNCHER_MACHINE_DIR`` overrides the machine-wide directory (tests, unusual deployments).
The machine-wide client configuration file is ``SebClientSettings.seb`` there, the same file
name SEB uses, so an IT department can drop the file they already have.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path, PurePath, PureWindowsPath

log = logging.getLogger(__name__)

#: Short name: Linux directories, desktop entry, package name.
APP_ID = "seb-launcher"
#: Human name: Windows and macOS directories, menus.
APP_NAME = "SEB Launcher"
#: The client configuration file name SEB uses (sebConfigPurpose = 1 files).
CLIENT_CONFIG_NAME = "SebClientSettings.seb"
#: Environment variable that overrides the machine-wide directory.
MACHINE_DIR_ENV = "SEB_LAUNCHER_MACHINE_DIR"


def current_platform() -> str:
    """``linux``, ``windows`` or ``macos``."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def _dirs():  # -> platformdirs.PlatformDirs
    import platformdirs

    if current_platform() == "linux":
        return platformdirs.PlatformDirs(APP_ID, appauthor=False)
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=True)


def user_config_dir() -> Path:
    """Per-user settings (e.g. ``~/.config/seb-launcher``, ``%APPDATA%\\SEB Launcher``)."""
    return Path(_dirs().user_config_dir)


def user_data_dir() -> Path:
    """Per-user data (e.g. ``~/.local/share/seb-launcher``)."""
    return Path(_dirs().user_data_dir)


def user_cache_dir() -> Path:
    """Per-user cache, safe to delete (browser cache between exams)."""
    return Path(_dirs().user_cache_dir)


def user_log_dir() -> Path:
    """Per-user logs (e.g. ``~/.local/state/seb-launcher/log``, ``%LOCALAPPDATA%\\SEB Launcher\\Logs``)."""
    return Path(_dirs().user_log_dir)


def machine_config_dir(platform: str | None = None) -> PurePath:
    """The machine-wide directory for all users, filled by IT (not writable by students).

    ``platform`` is ``linux``, ``windows`` or ``macos`` (default: this OS); the override
    variable wins for every platform. For this OS the result is a concrete ``Path``.
    """
    override = os.environ.get(MACHINE_DIR_ENV)
    if override:
        return Path(override)
    platform = platform or current_platform()
    if platform == "windows":
        program_data = os.environ.get("ProgramData") or os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        cls = Path if current_platform() == "windows" else PureWindowsPath
        return cls(program_data) / APP_NAME
    if platform == "macos":
        return Path("/Library/Application Support") / APP_NAME
    return Path("/etc") / APP_ID


def user_client_config_file() -> Path:
    """The per-user client configuration file (written when a student configures the client)."""
    return user_config_dir() / CLIENT_CONFIG_NAME


def machine_client_config_file() -> Path:
    """The machine-wide client configuration file an IT department deploys."""
    return Path(machine_config_dir()) / CLIENT_CONFIG_NAME


def client_config_files() -> list[Path]:
    """Candidate client configuration files, the one to use first first.

    Like SEB for Windows (``ConfigurationOperation.LoadSettingsForStartup``: ProgramData before
    AppData), the machine-wide file an IT department deployed wins over a per-user one, so a
    student cannot override the school's client configuration.
    """
    return [machine_client_config_file(), user_client_config_file()]
