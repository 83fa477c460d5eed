"""Run ``seb-launcher`` as a user does: a real child process, its exit code, stdout and stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

_SCRIPT = Path(sys.executable).with_name("seb-launcher")


def launcher_command() -> list[str]:
    """The installed console script next to the running Python, else ``python -m launcher``."""
    if _SCRIPT.exists():
        return [str(_SCRIPT)]
    return [sys.executable, "-m", "launcher"]


def user_env(tmp_path: Path) -> dict[str, str]:
    """The variables of a user of their own under ``tmp_path``: headless, a home (no log file,
    profile or socket of the real user's is touched), no school-wide client settings, and no
    ``--no-sandbox`` from the suite (the launcher must add it itself when it runs as root)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "TMPDIR": str(tmp_path),
        "XDG_RUNTIME_DIR": "",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "SEB_LAUNCHER_MACHINE_DIR": str(tmp_path / "machine"),
        "QTWEBENGINE_CHROMIUM_FLAGS": " ".join(
            f for f in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split() if f != "--no-sandbox"
        ),
    }


def run_cli(
    *args: str | os.PathLike[str],
    input: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``seb-launcher ARGS`` with stdin from ``input`` (never a terminal) and return it.

    The child inherits this process' environment (so the test keyring chosen by the
    ``file_keyring`` fixture) plus ``env``. Output is decoded as UTF-8 text.
    """
    child_env = dict(os.environ)
    child_env.pop("SEB_LAUNCHER_PASSWORD", None)
    child_env.pop("SEB_LAUNCHER_DEBUG", None)
    if env:
        child_env.update(env)
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run(
        [*launcher_command(), *map(str, args)],
        input=data if data is not None else b"",
        capture_output=True,
        env=child_env,
        cwd=cwd,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """Assert the run failed with exactly one line on stderr (no traceback); return that line."""
    assert proc.returncode != 0, f"expected failure, got exit 0; stdout={proc.stdout!r}"
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {proc.stderr!r}"
    assert "Traceback" not in proc.stderr
    return lines[0]
