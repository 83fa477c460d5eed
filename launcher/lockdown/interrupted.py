"""Remembering an exam that did not end cleanly (SEB's ``enableSessionVerification``).

One job: a marker file per exam configuration in the user's state directory, written when an
exam with a quit password starts and removed when it ends cleanly. Found at the next start of the
same configuration, it means the last run was killed, crashed or the computer was switched off
mid-exam: the exam then starts behind the lock screen. Qt-free.

The file is named by a hash of the Config Key (never the key itself) and holds nothing secret.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SUBDIR = "interrupted"


def marker_name(config_key: str) -> str:
    return hashlib.sha256(b"seb-launcher interrupted exam\0" + config_key.encode("utf-8")).hexdigest()[:32]


class InterruptedExams:
    """Markers under ``state_dir/interrupted``."""

    def __init__(self, state_dir: Path) -> None:
        self.dir = Path(state_dir) / SUBDIR

    def path(self, config_key: str) -> Path:
        return self.dir / marker_name(config_key)

    def was_interrupted(self, config_key: str) -> bool:
        return self.path(config_key).is_file()

    def begin(self, config_key: str) -> None:
        """The exam runs: mark it (failures are logged, never fatal)."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = self.path(config_key)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write("an exam with this configuration is running or did not end cleanly\n")
        except OSError as exc:
            log.warning("could not record the running exam for session verification: %s", exc)

    def end(self, config_key: str) -> None:
        """The exam ended cleanly: forget it."""
        try:
            self.path(config_key).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove the running-exam record: %s", exc)


def default_state_dir() -> Path:
    """The user's state directory (``$XDG_STATE_HOME/seb-launcher`` on Linux)."""
    import platformdirs

    from launcher.platform import paths

    if paths.current_platform() == "linux":
        return Path(platformdirs.user_state_dir(paths.APP_ID, appauthor=False))
    return Path(platformdirs.user_state_dir(paths.APP_NAME, appauthor=False))
