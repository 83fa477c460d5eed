"""PySide's per-import source scan, answered in advance (``launcher.app.feature_scan``): after it,
importing a launcher module or a standard module makes PySide read no source file, and the
answers are the ones PySide's own scan gives."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import launcher
from launcher.app import feature_scan

ROOT = Path(__file__).resolve().parents[2]

SCAN = r"""
import sys
from launcher.app import feature_scan
added = feature_scan.answer_in_advance()
feature = sys.modules["shibokensupport.feature"]
scanned = []
original = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: scanned.append(module.__name__) or original(module)
import launcher.config.urlfilter, launcher.browser.page, colorsys, wave
table = feature.pyside_feature_dict
import json
print(json.dumps({
    "added": added,
    "scanned": [n for n in scanned if n.startswith("launcher") or n in ("colorsys", "wave")],
    "answers": [table["launcher.browser.page"], table["colorsys"]],
    # what PySide's own scan says of them: True = "uses PySide" (0), False = "ignore" (-1)
    "scan": [original(sys.modules["launcher.browser.page"]), original(sys.modules["colorsys"])],
}))
"""


def test_after_the_answers_pyside_reads_no_source_of_ours_or_the_standard_librarys():
    done = subprocess.run([sys.executable, "-c", SCAN], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["added"] > 150 and seen["scanned"] == []
    assert seen["answers"] == [0, -1] and seen["scan"] == [True, False]


def test_every_module_of_the_package_is_named():
    walked = {m.name for m in pkgutil.walk_packages(launcher.__path__, "launcher.")} | {"launcher"}
    assert set(feature_scan.own_modules()) == walked
