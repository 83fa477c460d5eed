"""What the screenshot scripts in docs/ share: a display to draw on (Xvfb through xvfb-run when
there is none), the engine's settings for a real X display, and a pause that keeps Qt's events
flowing while a page renders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

SCREEN = "1280x800x24"


def ensure_display(script: str) -> None:
    """Without a display, run ``script`` again under ``xvfb-run`` and exit with its status."""
    if os.environ.get("DISPLAY") or os.environ.get("TAKE_SCREENSHOTS_CHILD"):
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("No display and no xvfb-run: install it with  apt-get install -y xvfb")
    env = dict(os.environ, TAKE_SCREENSHOTS_CHILD="1")
    cmd = [xvfb, "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, script, *sys.argv[1:]]
    sys.exit(subprocess.call(cmd, env=env))


def use_x_display() -> None:
    """Qt on the X display; as root the engine needs ``--no-sandbox`` (the launcher adds it
    itself, these scripts build sessions directly)."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (
            os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --no-sandbox"
        ).strip()


def wait(ms: int) -> None:
    """Let Qt run for ``ms`` milliseconds (pages render, timers fire)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
