"""The operating system's own shortcuts, held where an application can hold them (spec
lockdown.md §6): on Windows a low-level keyboard hook with SEB for Windows' key table
(``keyboard_hook_windows``, ``lockdown_windows.blocked_key``); on macOS SEB for macOS' kiosk
presentation options (``lockdown_macos``). X11's keyboard grab and Wayland's focus lock are
``launcher.exam.input_guard``'s; elsewhere this does nothing.

One job: ``hold()`` when the exam starts, ``release()`` when it ends. Not yet run on Windows or
macOS; tested here through injected doubles for the DLL loader and the Objective-C runtime.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any

from launcher.platform import NATIVE_LOCKDOWN_PLATFORMS

log = logging.getLogger(__name__)


class SystemKeys:
    def __init__(self, options: Any, platform: str = sys.platform, *,
                 loader: Callable[[str], Any] | None = None, runtime: Any = None) -> None:
        self.options = options
        self.platform = platform
        self._loader = loader
        self._runtime = runtime
        self._hook: Any = None
        self._presented = False

    @property
    def held(self) -> bool:
        return bool(self._hook is not None and self._hook.installed) or self._presented

    def hold(self) -> bool:
        """True when the OS took the request."""
        if self.platform not in NATIVE_LOCKDOWN_PLATFORMS or self.held:
            return self.held
        try:
            if self.platform == "win32":
                from launcher.platform.keyboard_hook_windows import KeyboardHook
                from launcher.platform.lockdown_windows import blocked_key

                self._hook = KeyboardHook(functools.partial(blocked_key, self.options), self._loader)
                return self._hook.install()
            from launcher.platform import lockdown_macos as mac

            self._presented = mac.set_presentation(mac.kiosk_presentation(), self._runtime)
            if self._presented:
                log.info("Dock, menu bar, Command-Tab, Force Quit and the log-out panel are held")
            else:
                log.warning("macOS did not take the exam's presentation options: Command-Tab and the Dock stay")
            return self._presented
        except (OSError, AttributeError, ValueError) as exc:
            log.warning("The system keys could not be held on %s: %s", self.platform, exc)
            return False

    def release(self) -> None:
        try:
            if self._hook is not None:
                self._hook.remove()
                self._hook = None
            if self._presented:
                from launcher.platform import lockdown_macos as mac

                mac.set_presentation(mac.PRESENTATION_DEFAULT, self._runtime)
                self._presented = False
        except (OSError, AttributeError, ValueError) as exc:
            log.warning("The system keys could not be given back on %s: %s", self.platform, exc)
