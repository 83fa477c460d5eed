"""Test-wide environment: Qt runs offscreen, Chromium without its sandbox when we are root,
and the keyring is a real file-backed backend in a temporary directory (never the user's)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.keyring_file import BACKEND_NAME, PATH_ENV

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# A developer running the suite over SSH or xrdp: the launchers the tests start are local exams
# (the remote-session check is tested with fake machines and its own variables).
for _remote in ("SSH_CONNECTION", "SSH_CLIENT", "XRDP_SESSION", "XDG_SESSION_ID"):
    os.environ.pop(_remote, None)

# Every process of the suite, and every child it starts (CLI subprocesses, the launcher itself),
# uses the file keyring; without a path set by a fixture it refuses, so no test can reach the
# user's own keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = BACKEND_NAME
os.environ.pop(PATH_ENV, None)
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p)
