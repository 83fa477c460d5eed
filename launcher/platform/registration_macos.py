"""macOS registration: the app bundle's ``Info.plist`` declares the ``seb``/``sebs`` URL
schemes and the ``.seb`` document type, and LaunchServices registers the bundle by itself
when it is copied to /Applications. ``register`` only asks LaunchServices to look again.

``info_plist`` is pure and is what ``installer/macos/Info.plist`` contains (a test checks).
It stays compatible with SEB for macOS (``seb-mac:SafeExamBrowser-Info.plist``): the same
schemes, and the same type ``org.safeexambrowser.seb`` (``application/seb``, ``.seb``,
conforming to ``public.data``). SEB for macOS *exports* that type; we *import* it, as Apple
asks of an app that reads a type another organisation owns, so the two can be installed
side by side without fighting over the declaration.
"""

from __future__ import annotations

import logging
import plistlib
import subprocess
import sys
from pathlib import Path
from typing import Any

from launcher.platform.registration_common import SCHEMES, SEB_EXTENSION, SEB_MIME_TYPE, Result

log = logging.getLogger(__name__)

BUNDLE_ID = "org.seblauncher.Launcher"
BUNDLE_NAME = "SEB Launcher"
EXECUTABLE = "seb-launcher"
SEB_UTI = "org.safeexambrowser.seb"
MINIMUM_MACOS = "11.0"
LSREGISTER = Path(
    "/System/Library/Frameworks/CoreServices.framework/Frameworks/LaunchServices.framework/Support/lsregister"
)


def info_plist(version: str) -> dict[str, Any]:
    """The app bundle's Info.plist for ``version`` (e.g. ``0.1.0``)."""
    return {
        "CFBundleDevelopmentRegion": "en",
        "CFBundleDisplayName": BUNDLE_NAME,
        "CFBundleName": BUNDLE_NAME,
        "CFBundleExecutable": EXECUTABLE,
        "CFBundleIconFile": "seb-launcher.icns",
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleInfoDictionaryVersion": "6.0",
        "CFBundlePackageType": "APPL",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "LSApplicationCategoryType": "public.app-category.education",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        # Proctoring pages may ask for camera and microphone (allowVideoCapture/allowAudioCapture).
        "NSCameraUsageDescription": "The exam may ask to use the camera for proctoring.",
        "NSMicrophoneUsageDescription": "The exam may ask to use the microphone for proctoring.",
        "CFBundleURLTypes": [
            {
                "CFBundleTypeRole": "Viewer",
                "CFBundleURLName": f"{BUNDLE_ID}.{scheme}",
                "CFBundleURLSchemes": [scheme],
            }
            for scheme in SCHEMES
        ],
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "Safe Exam Browser Configuration",
                "CFBundleTypeRole": "Viewer",
                "CFBundleTypeIconFile": "seb-launcher.icns",
                "CFBundleTypeExtensions": [SEB_EXTENSION],
                "LSHandlerRank": "Default",
                "LSItemContentTypes": [SEB_UTI],
            }
        ],
        "UTImportedTypeDeclarations": [
            {
                "UTTypeIdentifier": SEB_UTI,
                "UTTypeDescription": "Safe Exam Browser Configuration",
                "UTTypeConformsTo": ["public.data"],
                "UTTypeTagSpecification": {
                    "public.filename-extension": [SEB_EXTENSION],
                    "public.mime-type": SEB_MIME_TYPE,
                },
            }
        ],
    }


def info_plist_bytes(version: str) -> bytes:
    """``info_plist`` as an XML plist file (what ``installer/macos/Info.plist`` holds)."""
    return plistlib.dumps(info_plist(version), fmt=plistlib.FMT_XML, sort_keys=True)


def bundle_path(executable: str | None = None) -> Path | None:
    """The ``.app`` this launcher runs from, if it runs from one."""
    exe = Path(executable or sys.executable).absolute()
    for parent in exe.parents:
        if parent.suffix == ".app":
            return parent
    return None


def _lsregister(args: list[str], result: Result, what: str) -> bool:
    if not LSREGISTER.exists():
        result.problems.append(f"LaunchServices' lsregister was not found, so {what} was not done.")
        return False
    try:
        proc = subprocess.run([str(LSREGISTER), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:  # as on Linux: a problem to report, not a crash
        result.problems.append(f"lsregister could not be run ({what}): {exc}")
        return False
    if proc.returncode != 0:
        result.problems.append(f"lsregister failed ({what}): {proc.stderr.strip()}")
        return False
    return True


def register(*, system: bool = False, command: list[str]) -> Result:
    result = Result()
    bundle = bundle_path(command[0])
    result.notes.append(
        "On macOS the SEB Launcher app registers seb://, sebs:// and .seb files by itself once it is in "
        "the Applications folder; there is nothing to install per user."
    )
    if bundle is None:
        result.problems.append(
            "This launcher does not run from an app bundle, so macOS cannot hand it links or files. "
            "Install 'SEB Launcher.app' into /Applications (see the README's Deploying section)."
        )
        return result
    if _lsregister(["-f", str(bundle)], result, "registering the app with LaunchServices"):
        result.done.append(f"Asked LaunchServices to register {bundle}")
    result.notes.append(
        "If another program still opens .seb files, choose SEB Launcher in Finder: "
        "Get Info > Open with > Change All."
    )
    return result


def unregister(*, system: bool = False) -> Result:
    result = Result()
    bundle = bundle_path()
    if bundle is None:
        result.notes.append("This launcher does not run from an app bundle: nothing is registered.")
        return result
    if _lsregister(["-u", str(bundle)], result, "unregistering the app from LaunchServices"):
        result.done.append(f"Asked LaunchServices to forget {bundle}")
    result.notes.append("Deleting the app from /Applications removes the registration for good.")
    return result


if __name__ == "__main__":  # regenerate installer/macos/Info.plist: python -m launcher.platform.registration_macos
    from launcher import __version__

    target = Path(__file__).resolve().parents[2] / "installer" / "macos" / "Info.plist"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(info_plist_bytes(__version__))
    print(target)
