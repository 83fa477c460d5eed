"""The exam's start path up to its first request, as ``seb-launcher FILE`` runs it: PySide
builds none of its ``Qt`` namespace enums
(their first use costs 15–20 ms) and reads (nearly) no launcher source for its feature scan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.cli import user_env

from launcher.config import plist

PROBE = Path(__file__).resolve().parents[1] / "support" / "start_path_probe.py"


def _probe(tmp_path: Path, settings: dict) -> dict:
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps(settings))
    env = user_env(tmp_path)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    done = subprocess.run([sys.executable, str(PROBE), str(path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_request_comes_without_the_qt_namespace_and_without_source_scans(tmp_path):
    seen = _probe(tmp_path, {"startURL": "http://127.0.0.1:9/exam", "allowVirtualMachine": True})
    assert seen["order"] == ["exam profile", "first request"]
    assert seen["qt_enums"] == []
    # (a module the head start's thread imports while PySide loads may still be scanned; without
    # the answers in advance, some 35 launcher modules are)
    assert len(seen["scanned"]) <= 3, seen["scanned"]
