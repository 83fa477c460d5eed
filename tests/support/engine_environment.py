"""Run as a script: start the browser engine the way the exam does (``build_profile`` after the
``QApplication``) and print, as JSON, the variables the process environment gained while the
engine's first profile was constructed — read from libc's ``environ`` itself, which
``os.environ`` does not follow."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from typing import Any


def engine_start_gains(env: Mapping[str, str]) -> dict[str, Any]:
    """Start the engine in a fresh process with ``env`` (this file as the script): its platform,
    and what its environment gained (``gained``)."""
    child = dict(env)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium refuses root without it
        child["QTWEBENGINE_CHROMIUM_FLAGS"] = (child.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " --no-sandbox").strip()
    done = subprocess.run([sys.executable, __file__], env=child, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def native_names() -> set[str]:
    environ = ctypes.POINTER(ctypes.c_char_p).in_dll(ctypes.CDLL(None), "environ")
    names: set[str] = set()
    i = 0
    while environ[i]:
        names.add(environ[i].split(b"=", 1)[0].decode(errors="replace"))
        i += 1
    return names


def main() -> int:
    from launcher.browser import prepare_app

    prepare_app()
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from PySide6.QtWebEngineCore import QWebEngineProfile

    from launcher.browser import profile as profile_module
    from launcher.browser.options import KioskOptions
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings

    seen: dict[str, set[str]] = {}

    class Watched(QWebEngineProfile):  # the engine starts inside the first profile's constructor
        def __init__(self, *args: object) -> None:
            seen["before"] = native_names()
            super().__init__(*args)
            seen["after"] = native_names()

    profile_module.QWebEngineProfile = Watched  # type: ignore[misc]
    raw = {"startURL": "about:blank"}
    profile = profile_module.build_profile(KioskOptions.from_settings(Settings.from_dict(raw)),
                                           ExamKeys.for_settings(raw))
    print(json.dumps({"platform": app.platformName(), "gained": sorted(seen["after"] - seen["before"]),
                      "profile": isinstance(profile, Watched)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
