"""Keeping the exam's windows out of screenshots, screen recordings and screen sharing, where the
operating system offers it (spec lockdown.md §3; SEB for Windows' ``WindowGuard``).

One job: for one top-level window, ask the OS to exclude it from capture — Windows 10 2004 and
later: ``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)``; macOS: ``NSWindow.sharingType``
none (reportedly ignored by ScreenCaptureKit from macOS 15 on). X11 and Wayland have no such
request: there the launcher detects sharing servers instead (``launcher.lockdown.remote``).
``allowScreenSharing`` lifts the exclusion. Screen proctoring is unaffected: it renders the
window itself (``QWidget.grab``), it does not capture the screen. Not yet run on Windows or
macOS; the calls are tested here through injected loaders.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def exclude(window_id: int, *, allow_capture: bool, platform: str = sys.platform,
            loader: Callable[[str], Any] | None = None, runtime: Any = None) -> bool:
    """Exclude (or, with ``allow_capture``, include) the window ``window_id`` (a ``winId()``);
    True when the OS took the request. ``loader``/``runtime``: test doubles for the Windows DLL
    loader and the Objective-C runtime."""
    if not window_id:
        return False
    try:
        if platform == "win32":
            from launcher.platform import lockdown_windows as win

            done = win.call(win.display_affinity_call(window_id, allow_capture=allow_capture), loader) != 0
            if not done and not allow_capture:
                log.warning("Windows did not keep the exam window out of screen captures "
                            "(Windows 10 version 2004 or later is needed)")
            return done
        if platform == "darwin":
            from launcher.platform import lockdown_macos as mac

            return mac.set_sharing_type(window_id, mac.window_sharing_type(allow_capture=allow_capture), runtime)
    except (OSError, AttributeError, ValueError) as exc:
        log.warning("The exam window could not be kept out of screen captures: %s", exc)
        return False
    return False
