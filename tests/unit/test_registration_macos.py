"""macOS: the app bundle's Info.plist declares seb://, sebs:// and .seb like SEB for macOS."""

from __future__ import annotations

import plistlib
from pathlib import Path

from launcher import __version__
from launcher.platform import registration_macos as mac

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_info_plist_is_the_generated_one():
    shipped = (ROOT / "installer" / "macos" / "Info.plist").read_bytes()
    assert shipped == mac.info_plist_bytes(__version__), (
        "installer/macos/Info.plist is out of date: run python -m launcher.platform.registration_macos"
    )


def test_links_and_files_are_declared_as_seb_for_macos_does():
    plist = plistlib.loads(mac.info_plist_bytes("1.2.3"))
    schemes = [s for t in plist["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]]
    assert schemes == ["seb", "sebs"]
    [doc] = plist["CFBundleDocumentTypes"]
    assert doc["LSItemContentTypes"] == ["org.safeexambrowser.seb"]
    assert doc["CFBundleTypeExtensions"] == ["seb"]
    [uti] = plist["UTImportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == "org.safeexambrowser.seb"
    assert uti["UTTypeConformsTo"] == ["public.data"]
    assert uti["UTTypeTagSpecification"] == {"public.filename-extension": ["seb"], "public.mime-type": "application/seb"}
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["CFBundleExecutable"] == "seb-launcher" and plist["CFBundlePackageType"] == "APPL"


def test_register_outside_an_app_bundle_explains_what_to_do():
    result = mac.register(command=["/usr/local/bin/seb-launcher"])
    assert not result.ok
    assert "app bundle" in result.problems[0] and "/Applications" in result.problems[0]
    assert mac.bundle_path("/Applications/SEB Launcher.app/Contents/MacOS/seb-launcher") == Path(
        "/Applications/SEB Launcher.app"
    )
