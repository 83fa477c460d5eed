"""The Linux package: build the .deb with installer/linux/build-deb.sh and look inside it with
dpkg-deb, the way an IT department's tools would see it.

The real package carries the PyInstaller folder (Python, Qt, QtWebEngine: minutes to build and
~0.5 GB), so the test hands the script a small app folder whose ``seb-launcher`` starts this
checkout's launcher. Everything the script adds around the app is the real thing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from launcher import __version__

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "linux" / "build-deb.sh"


@pytest.fixture(scope="module")
def deb(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("deb")
    app = base / "app"
    app.mkdir()
    (app / "seb-launcher").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m launcher "$@"\n')
    (app / "seb-launcher").chmod(0o755)
    (app / "_internal").mkdir()
    (app / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    proc = subprocess.run(["bash", str(SCRIPT), "--app-dir", str(app), "--out", str(base / "out")],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, DEB_COMPRESS="gzip"))
    assert proc.returncode == 0, proc.stderr
    built = Path(proc.stdout.strip().splitlines()[-1])
    assert built.parent == base / "out" and built.is_file()
    return built


@pytest.fixture(scope="module")
def extracted(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    subprocess.run(["dpkg-deb", "-e", str(deb), str(root / "DEBIAN")], check=True)
    return root


def contents(deb: Path) -> dict[str, str]:
    """Path in the package -> the tar listing line."""
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    out = {}
    for line in listing.splitlines():
        name = line.split(None, 5)[5]
        out[name.split(" -> ")[0].removeprefix(".").rstrip("/") or "/"] = line
    return out


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
    for script in ("postinst", "postrm"):
        assert script in info


def test_package_installs_the_launcher_and_the_desktop_integration(deb):
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
    ):
        assert path in files, f"{path} missing from the package"
    assert files["/opt/seb-launcher/seb-launcher"].startswith("-rwxr-xr-x root/root")
    assert files["/usr/bin/seb-launcher"].endswith("./usr/bin/seb-launcher -> /opt/seb-launcher/seb-launcher")
    assert "/opt/seb-launcher/_internal/base_library.zip" in files  # the whole app folder, not just the binary


def test_packaged_desktop_entry_validates_and_runs_the_installed_command(extracted):
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
    share = extracted / "usr/share"
    subprocess.run(["update-mime-database", str(share / "mime")], check=True, capture_output=True)
    sample = tmp_path / "exam.seb"
    sample.write_bytes((ROOT.parent / "shared/vectors/moodle/encrypted.seb").read_bytes())
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "empty"), XDG_DATA_DIRS=f"{share}:/usr/share")
    out = subprocess.run(["mimetype", "--brief", str(sample)], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "application/seb"


def test_the_app_folder_in_the_package_starts_the_launcher(extracted):
    proc = subprocess.run([str(extracted / "opt/seb-launcher/seb-launcher"), "--version"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"seb-launcher {__version__}"


def test_maintainer_scripts_refresh_the_desktop_caches(extracted):
    for name in ("postinst", "postrm"):
        script = extracted / "DEBIAN" / name
        assert os.access(script, os.X_OK)
        text = script.read_text()
        assert "update-mime-database /usr/share/mime" in text
        assert "update-desktop-database -q /usr/share/applications" in text
        assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
