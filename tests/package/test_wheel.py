"""The wheel is the product: built from a clean copy of this checkout, installed into a fresh
virtual environment with no source tree anywhere on ``sys.path``, and run the way a user who
typed ``pip install`` / ``pipx install`` runs it: the demo exam by itself, a German message, and
``register`` with the icons.

The new environment reuses this one's already installed dependencies (PySide6 & co.) through a
folder of links to them — everything except this project's own (editable) install — so pip sees
them as installed and downloads nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import user_env

ROOT = Path(__file__).resolve().parents[2]
NOT_COPIED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".mypy_cache",
                                    ".pytest_cache", "bench")
DESKTOP_VARS = ("KDE_FULL_SESSION", "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID", "MATE_DESKTOP_SESSION_ID",
                "DESKTOP_SESSION", "XDG_MENU_PREFIX", "XDG_DATA_DIRS", "XDG_CONFIG_DIRS", "XDG_RUNTIME_DIR")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, object]:
    """Build the wheel from a copy of the checkout (nothing stale from earlier builds)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(base / "out"), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels = list((base / "out").glob("seb_launcher-*.whl"))
    assert len(wheels) == 1, wheels
    return {"base": base, "wheel": wheels[0], "log": proc.stdout + proc.stderr}


@pytest.fixture(scope="module")
def venv(built) -> Iterator[Path]:
    """A fresh venv with the wheel installed as a user installs it: pip resolves and installs
    its dependencies into the venv itself (from pip's cache after setup-dev.sh). Nothing is
    linked in from the developer's environment: the launcher's start checks refuse code loaded
    from outside its own installation, as they would refuse a student's ``.pth`` that did so."""
    base: Path = built["base"]  # type: ignore[assignment]
    target = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, timeout=300)
    python = target / "bin" / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "-q", str(built["wheel"])],
                          capture_output=True, text=True, timeout=900, cwd=base, env=_clean_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    yield target
    shutil.rmtree(base, ignore_errors=True)


def _clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process' environment without anything that would put the checkout on sys.path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra or {})
    return env


def _run(venv: Path, cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "seb-launcher"), *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env=_clean_env(env))


def test_the_wheel_carries_every_shipped_file_and_a_spdx_licence(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:  # type: ignore[arg-type]
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    for source in (ROOT / "resources").rglob("*"):
        if source.is_file():
            assert f"launcher/resources/{source.relative_to(ROOT / 'resources').as_posix()}" in names
    assert "launcher/resources/demo/exam.seb" in names
    assert "launcher/resources/translations/seb_launcher_de.qm" in names
    assert "launcher/resources/linux/icons/48x48/seb-launcher.png" in names
    assert "License-Expression: MPL-2.0" in metadata
    log = str(built["log"])
    assert "License classifiers are deprecated" not in log and "`project.license` as a TOML table" not in log


def test_the_installed_launcher_comes_from_the_venv_not_the_checkout(venv, tmp_path):
    proc = subprocess.run([str(venv / "bin" / "python"), "-c",
                           "import launcher, launcher.app.resource_files as r; print(launcher.__file__); print(r.resources_dir())"],
                          capture_output=True, text=True, cwd=tmp_path, env=_clean_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    module, resources = proc.stdout.splitlines()
    assert module.startswith(str(venv)) and not module.startswith(str(ROOT))
    assert resources == str(Path(module).parent / "resources")


def test_the_demo_exam_runs_by_itself_from_the_wheel(venv, tmp_path):
    proc = _run(venv, tmp_path, "demo", "--check", env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Demo exam at http://127.0.0.1:" in proc.stdout
    assert "keys accepted" in proc.stdout
    assert "demo files not found" not in proc.stderr


def test_a_german_student_gets_german_texts_from_the_wheel(venv, tmp_path):
    program = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from launcher.app import i18n\n"
        "from launcher.config.errors import NotSebFile\n"
        "from launcher.ui.messages import message_for\n"
        "app = QCoreApplication([])\n"
        "print(i18n.install_translator(app))\n"
        "print(message_for(NotSebFile()))\n"
    )
    env = _clean_env({**user_env(tmp_path), "SEB_LAUNCHER_LANG": "de"})
    proc = subprocess.run([str(venv / "bin" / "python"), "-c", program], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["de", "Dies ist keine Konfigurationsdatei für den Safe Exam Browser."]


def test_register_from_the_wheel_installs_the_icons(venv, tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in _clean_env().items() if k not in DESKTOP_VARS}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CURRENT_DESKTOP="X-Generic", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([str(venv / "bin" / "seb-launcher"), "register"], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "icons were not found" not in proc.stdout + proc.stderr
    icons = home / ".local/share/icons/hicolor"
    assert (icons / "scalable/apps/seb-launcher.svg").read_bytes() == (ROOT / "resources/linux/icons/scalable/seb-launcher.svg").read_bytes()
    assert (icons / "48x48/apps/seb-launcher.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    entry = (home / ".local/share/applications/seb-launcher.desktop").read_text()
    assert f"Exec={venv}/bin/seb-launcher" in entry
    query = subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/sebs"], capture_output=True,
                           text=True, env=env, timeout=60)
    assert query.stdout.strip() == "seb-launcher.desktop"
