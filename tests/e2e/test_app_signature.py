"""The Browser Exam Key's app signature covers every file of the installed launcher — code,
shipped resources, any file added to the package — but not the interpreter's byte-code
caches: a copy of the installation run as ``seb-launcher config keys`` (its own entry point,
isolated) reports another Browser Exam Key as soon as any of its files changes."""

from __future__ import annotations

import compileall
import shutil
import subprocess
import sys
from pathlib import Path

from launcher.config import plist

ROOT = Path(__file__).resolve().parents[2]

RUN = ("import sys; sys.path.insert(0, sys.argv.pop(1)); from launcher.__main__ import main; "
       "sys.argv[0] = 'seb-launcher'; sys.exit(main())")


def _install(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "launcher", site / "launcher", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", site / "launcher" / "resources")  # as a wheel ships them
    return site


def _bek(site: Path, config: Path) -> str:
    proc = subprocess.run([sys.executable, "-I", "-c", RUN, str(site), "config", "keys", str(config)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    line = [x for x in proc.stdout.splitlines() if x.startswith("Browser Exam Key:")][0]
    return line.split()[-1]


def test_every_file_of_the_installation_changes_the_browser_exam_key(tmp_path):
    config = tmp_path / "exam.seb"
    config.write_bytes(plist.dumps({"startURL": "https://exam.example/", "examKeySalt": b"0123456789abcdef"}))
    site = _install(tmp_path)
    first = _bek(site, config)
    compileall.compile_dir(str(site / "launcher"), quiet=1)  # caches written by the first runs
    assert _bek(site, config) == first
    seen = {first}
    demo = site / "launcher" / "resources" / "demo" / "index.html"
    demo.write_text(demo.read_text() + "<!-- changed -->")  # a shipped resource, not code
    seen.add(_bek(site, config))
    (site / "launcher" / "lockdown" / "helper.so").write_bytes(b"\x7fELF added")  # a file added
    seen.add(_bek(site, config))
    assert len(seen) == 3
