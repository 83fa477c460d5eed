"""The real Linux package: PyInstaller's one-folder app built from this checkout, wrapped into a
.deb by installer/linux/build-deb.sh, inspected with dpkg-deb and the desktop's validators, then
unpacked and run the way a user's machine would run it.

Built once per test session in a temporary directory (PyInstaller ~20-30 s, the .deb with
``--fast`` compression ~8 s on two cores).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from launcher import __version__
from launcher.config import plist
from launcher.config.keys import config_key
from tests.support.cli import user_env
from tests.support.servers import http_server, make_server  # noqa: F401
from tests.support.vectors import VECTORS as SHARED_VECTORS

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "pyinstaller" / "seb-launcher.spec"
SCRIPT = ROOT / "installer" / "linux" / "build-deb.sh"
VECTORS = SHARED_VECTORS / "moodle"


@pytest.fixture(scope="session")
def deb(tmp_path_factory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("deb")
    freeze = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "work"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert freeze.returncode == 0, freeze.stderr[-4000:]
    app = base / "dist" / "seb-launcher"
    proc = subprocess.run(["bash", str(SCRIPT), "--app-dir", str(app), "--out", str(base / "out"), "--fast"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    built = Path(proc.stdout.strip().splitlines()[-1])
    assert built.parent == base / "out" and built.is_file()
    # Only the .deb is needed from here on: do not leave ~1 GB of build tree per session behind.
    shutil.rmtree(base / "work", ignore_errors=True)
    shutil.rmtree(base / "dist", ignore_errors=True)
    yield built
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def extracted(deb, tmp_path_factory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    subprocess.run(["dpkg-deb", "-e", str(deb), str(root / "DEBIAN")], check=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)  # ~0.5 GB; pytest keeps old sessions' tmp dirs


def contents(deb: Path) -> dict[str, str]:
    """Path in the package -> the tar listing line."""
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    out = {}
    for line in listing.splitlines():
        name = line.split(None, 5)[5]
        out[name.split(" -> ")[0].removeprefix(".").rstrip("/") or "/"] = line
    return out


def packaged_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment for the packaged app: headless, a home of its own, nothing of this
    checkout on any path (the frozen app must carry everything itself)."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SEB_LAUNCHER_PASSWORD", "SEB_LAUNCHER_DEBUG"}}
    env.update(user_env(tmp_path))
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    # The suite's file keyring lives in the test tree, which the package does not carry.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("QTWEBENGINE_DISABLE_SANDBOX", None)
    return env


def run_packaged(extracted: Path, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(extracted / "opt/seb-launcher/seb-launcher"), *args], input=stdin,
                          env=packaged_env(tmp_path), cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_package_is_named_and_versioned_like_the_launcher(deb):
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert deb.name == f"seb-launcher_{__version__}_{arch}.deb"
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    fields = dict(
        line.strip().split(": ", 1) for line in info.splitlines() if line.startswith(" ") and ": " in line
        and not line.startswith("  ")
    )
    assert fields["Package"] == "seb-launcher"
    assert fields["Version"] == __version__
    assert fields["Architecture"] == arch
    assert "libnss3" in fields["Depends"] and "libxcb-cursor0" in fields["Depends"]
    assert "xdg-utils" in fields["Recommends"]
    assert "libwayland-client0" in fields["Depends"]  # the compositor's shortcuts inhibitor (ctypes)
    assert "cage" in fields["Suggests"]  # the "Exam" login session
    assert int(fields["Installed-Size"]) > 100_000  # KiB: Python, Qt and Chromium are inside
    for script in ("postinst", "postrm"):
        assert script in info


def test_package_installs_the_whole_app_and_the_desktop_integration(deb):
    files = contents(deb)
    for path in (
        "/opt/seb-launcher/seb-launcher",
        "/usr/share/applications/seb-launcher.desktop",
        "/usr/share/mime/packages/seb-launcher.xml",
        "/usr/share/metainfo/org.seblauncher.Launcher.metainfo.xml",
        "/usr/share/icons/hicolor/scalable/apps/seb-launcher.svg",
        "/usr/share/icons/hicolor/48x48/apps/seb-launcher.png",
        "/usr/share/icons/hicolor/256x256/apps/seb-launcher.png",
        "/etc/seb-launcher",
        "/usr/share/doc/seb-launcher/copyright",
        "/usr/share/wayland-sessions/seb-launcher-exam.desktop",
        "/usr/bin/seb-launcher-exam-session",
    ):
        assert path in files, f"{path} missing from the package"
    assert files["/usr/bin/seb-launcher-exam-session"].startswith("-rwxr-xr-x root/root")
    assert files["/opt/seb-launcher/seb-launcher"].startswith("-rwxr-xr-x root/root")
    assert files["/usr/bin/seb-launcher"].endswith("./usr/bin/seb-launcher -> /opt/seb-launcher/seb-launcher")
    names = [Path(p).name for p in files]
    # Chromium's helper process and its resources, the launcher's own resources, the Python runtime.
    assert "QtWebEngineProcess" in names
    assert "qtwebengine_resources.pak" in names
    assert any(p.startswith("/opt/seb-launcher/_internal/launcher/resources/demo/") for p in files)
    assert any(n.startswith("libpython3") for n in names)
    # The spec leaves unused Qt parts out.
    assert not any(n.startswith("libQt6Quick3D") or n.startswith("libQt6Multimedia.") for n in names)


def test_packaged_desktop_entry_and_metainfo_validate(extracted):
    entry = extracted / "usr/share/applications/seb-launcher.desktop"
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "", check.stdout
    text = entry.read_text()
    assert "Exec=/usr/bin/seb-launcher %u" in text
    assert "MimeType=x-scheme-handler/seb;x-scheme-handler/sebs;application/seb;" in text
    meta = extracted / "usr/share/metainfo/org.seblauncher.Launcher.metainfo.xml"
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(meta)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_packaged_mime_type_names_seb_files(extracted, tmp_path):
    share = tmp_path / "share"
    (share / "mime/packages").mkdir(parents=True)
    (share / "mime/packages/seb-launcher.xml").write_bytes(
        (extracted / "usr/share/mime/packages/seb-launcher.xml").read_bytes())
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, capture_output=True)
    sample = tmp_path / "exam.seb"
    sample.write_bytes((VECTORS / "encrypted.seb").read_bytes())
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "empty"), XDG_DATA_DIRS=f"{share}:/usr/share")
    out = subprocess.run(["mimetype", "--brief", str(sample)], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "application/seb"


def test_maintainer_scripts_refresh_the_desktop_caches(extracted):
    for name in ("postinst", "postrm"):
        script = extracted / "DEBIAN" / name
        assert os.access(script, os.X_OK)
        text = script.read_text()
        assert "update-mime-database /usr/share/mime" in text
        assert "update-desktop-database -q /usr/share/applications" in text
        assert subprocess.run(["sh", "-n", str(script)]).returncode == 0


def test_the_packaged_launcher_prints_its_version(extracted, tmp_path):
    proc = run_packaged(extracted, tmp_path, "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"seb-launcher {__version__}"


def test_the_packaged_launcher_ships_german_english_and_french_dictionaries(extracted, tmp_path):
    proc = run_packaged(extracted, tmp_path, "dictionaries", "list")
    assert proc.returncode == 0, proc.stderr
    shipped = extracted / "opt/seb-launcher/_internal/launcher/resources/dictionaries"
    for lang in ("de-DE", "en-US", "fr-FR"):
        assert f"{lang}  {shipped / (lang + '.bdic')}" in proc.stdout
        assert (shipped / f"{lang}.bdic").read_bytes()[:4] == b"BDic"


def test_the_packaged_launcher_computes_moodles_config_keys(extracted, tmp_path):
    proc = run_packaged(extracted, tmp_path, "config", "inspect", "--json", str(VECTORS / "unencrypted_mac_001.seb"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["config_key"] == "4fa9af8ec8759eb7c680752ef4ee5eaf1a860628608fccae2715d519849f9292"
    # A password-encrypted file: the frozen app carries the decryption too.
    plain = run_packaged(extracted, tmp_path, "config", "inspect", "--json", str(VECTORS / "unencrypted.seb"))
    encrypted = run_packaged(extracted, tmp_path, "config", "inspect", "--json", "--password-stdin",
                             str(VECTORS / "encrypted.seb"), stdin="test\n")
    assert encrypted.returncode == 0, encrypted.stderr
    assert json.loads(encrypted.stdout)["config_key"] == json.loads(plain.stdout)["config_key"]
    assert json.loads(encrypted.stdout)["start_url"] == "https://safeexambrowser.org/start"


def test_the_packaged_launcher_runs_an_exam_and_quits_at_the_quit_url(extracted, tmp_path, http_server):
    http_server.route(
        "/exam/start.php",
        '<!doctype html><meta http-equiv="refresh" content="0; url=/exam/finished.php"><p>exam</p>',
    )
    http_server.route("/exam/finished.php", "bye")
    path = tmp_path / "exam.seb"
    settings = {
        "allowVirtualMachine": True, "startURL": http_server.url("/exam/start.php"),
        "quitURL": http_server.url("/exam/finished.php"),
        "quitURLConfirm": False,
        "sendBrowserExamKey": True,
    }
    path.write_bytes(plist.dumps(settings))
    proc = run_packaged(extracted, tmp_path, "open", str(path))
    # Exit 0 by itself: the page went to the quit URL and the exam ended without a question.
    assert proc.returncode == 0, proc.stderr
    first = http_server.requests_to("/exam/start.php")[0]
    assert "SEB/" in first.header("User-Agent")
    # What Moodle checks: sha256(full page URL + Config Key).
    key = config_key(plist.loads(path.read_bytes()))
    assert first.header("X-SafeExamBrowser-ConfigKeyHash") == hashlib.sha256((first.url + key).encode()).hexdigest()
    assert len(first.header("X-SafeExamBrowser-RequestHash") or "") == 64
    if os.geteuid() == 0:
        assert "--no-sandbox" in proc.stderr


def test_the_packaged_launcher_runs_the_demo_exam_by_itself(extracted, tmp_path):
    # The demo's pages and exam.seb are package data inside the frozen app (launcher/resources).
    proc = run_packaged(extracted, tmp_path, "demo", "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "keys accepted" in proc.stdout
