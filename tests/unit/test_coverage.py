"""The settings coverage table keeps its promises: every SEB for Windows key is listed, every
"honoured" key names a test that exists, docs/SETTINGS.md is the table, and the inspect command
names what a configuration sets that is not honoured."""

from __future__ import annotations

import ast
import json
import plistlib
import re
from functools import cache
from pathlib import Path

import pytest

from launcher.config import coverage
from launcher.config.settings_table import FIELDS
from tests.support.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]

#: The keys SEB for Windows' Keys.cs names and its DataMapping/*DataMapper.cs read (written out
#: here from SafeExamBrowser/seb-win-refactoring, independently of the table under test).
SEB_WINDOWS_KEYS = """
active allowUserToChooseApp runInBackground argument arguments autostart strongKill
prohibitedProcesses description title executable path os originalName iconInTaskbar signature
permittedProcesses audioVolumeLevel audioMute audioSetVolumeLevel downloadAndOpenSebConfig
allowCustomDownUploadLocation allowDeveloperConsole allowDownloads allowFind enableZoomPage
allowPDFReaderToolbar allowPrint allowSpellCheck allowUploads browserUserAgentWinDesktopModeCustom
browserUserAgentWinTouchModeCustom removeBrowserProfile examSessionClearCookiesOnEnd
examSessionClearCookiesOnStart downloadDirectoryWin downloadPDFFiles enableSebBrowser examKeySalt
restartExamText restartExamPasswordProtected restartExamURL restartExamUseStartURL
newBrowserWindowByLinkPolicy newBrowserWindowByLinkBlockForeign quitURL quitURLConfirm
quitURLRestart sendBrowserExamKey browserShowFileSystemElementPath showReloadButton
enableBrowserWindowToolbar startURL browserUserAgentWinDesktopMode browserUserAgentWinTouchMode
browserUserAgent startURLAppendQueryParameter useTemporaryDownUploadDirectory
newBrowserWindowAllowAddressBar newBrowserWindowNavigation newBrowserWindowAllowReload
newBrowserWindowShowReloadWarning newBrowserWindowShowURL newBrowserWindowByLinkHeight
newBrowserWindowByLinkWidth newBrowserWindowByLinkPositioning URLFilterEnableContentFilter
URLFilterEnable URLFilterRules action expression regex browserWindowAllowAddressBar
allowBrowsingBackForward browserWindowAllowReload showReloadWarning browserWindowShowURL
mainBrowserWindowHeight browserViewMode mainBrowserWindowWidth mainBrowserWindowPositioning
AutoConfigurationEnabled AutoConfigurationURL AutoDiscoveryEnabled ExceptionsList
proxySettingsPolicy proxies FTPEnable FTPProxy FTPPassword FTPPort FTPRequiresPassword FTPUsername
HTTPEnable HTTPProxy HTTPPassword HTTPPort HTTPRequiresPassword HTTPUsername HTTPSEnable HTTPSProxy
HTTPSPassword HTTPSPort HTTPSRequiresPassword HTTPSUsername SOCKSEnable SOCKSProxy SOCKSPassword
SOCKSPort SOCKSRequiresPassword SOCKSUsername sebConfigPurpose clientConfigKeepEncryption sebMode
allowedDisplaysMaxNumber displayAlwaysOn allowedDisplaysIgnoreFailure allowedDisplayBuiltinEnforce
logLevel originatorVersion enableAltEsc enableAltTab enableAltF4 enableCtrlEsc enableEsc enableF1
enableF2 enableF3 enableF4 enableF5 enableF6 enableF7 enableF8 enableF9 enableF10 enableF11
enableF12 enableInjected enablePrintScreen enableStartMenu enableMiddleMouse enableRightMouse
certificateData type embeddedCertificates showProctoringViewButton screenProctoringCacheSize
screenProctoringClientId screenProctoringClientSecret enableScreenProctoring
screenProctoringGroupId screenProctoringImageDownscale screenProctoringImageFormat
screenProctoringImageQuantization screenProctoringScreenshotMaxInterval
screenProctoringScreenshotMinInterval screenProctoringServiceURL
screenProctoringMetadataActiveAppEnabled screenProctoringMetadataURLEnabled
screenProctoringMetadataWindowTitleEnabled hashedAdminPassword allowApplicationLog
examSessionReconfigureAllow allowStickyKeys allowQuit allowVirtualMachine allowScreenSharing
clipboardPolicy disableSessionChangeLockScreen createNewDesktop killExplorerShell
hashedQuitPassword examSessionReconfigureConfigURL enableCursorVerification
enableSessionVerification sebAllowedVersions apiDiscovery clientName clientSecret
sebServerConfiguration exam sebServerFallbackPasswordHash raiseHandButtonAlwaysPromptMessage
institution sebServerFallback pingInterval sebServerFallbackAttempts
sebServerFallbackAttemptInterval sebServerFallbackTimeout sebServerURL raiseHandButtonShow
enableChromeNotifications insideSebEnableEaseOfAccess enableFindPrinter
insideSebEnableNetworkConnectionSelector insideSebEnableChangeAPassword insideSebEnableShutDown
insideSebEnableLogOff insideSebEnableStartTaskManager insideSebEnableLockThisComputer
insideSebEnableSwitchUser insideSebEnableVmWareClientShade enableWindowsUpdate sebServiceIgnore
sebServicePolicy setVmwareConfiguration systemAlwaysOn touchOptimized showSideMenu
lockScreenBackgroundColor audioControlEnabled showTime showInputLanguage allowWlan
batteryChargeThresholdCritical batteryChargeThresholdLow showTaskBar showApplicationLogButton
showQRVerifyButton
""".split()


def test_every_key_seb_for_windows_reads_is_in_the_table() -> None:
    # a sub-key counts under any parent (`active` is a sub-key of three lists)
    names = {key.rsplit(".", 1)[-1] for key in coverage.BY_KEY}
    missing = [key for key in SEB_WINDOWS_KEYS if key not in names]
    assert missing == []
    assert len(SEB_WINDOWS_KEYS) == len(set(SEB_WINDOWS_KEYS))


def test_every_key_the_launcher_reads_is_in_the_table() -> None:
    assert [f.key for f in FIELDS if f.key not in coverage.BY_KEY] == []


def test_every_entry_has_a_known_status_and_a_reason_unless_honoured() -> None:
    for entry in coverage.ENTRIES:
        assert entry.status in coverage.STATUSES, entry
        if entry.status != coverage.HONOURED:
            assert entry.note, f"{entry.key}: say why it is {entry.status}"


@cache
def _test_names(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))


def test_every_honoured_key_names_a_test_that_exists() -> None:
    for entry in coverage.ENTRIES:
        if entry.status != coverage.HONOURED:
            assert not entry.test, f"{entry.key}: a test for a key we do not honour"
            continue
        assert entry.test, f"{entry.key}: honoured, but by which test?"
        path, _, name = entry.test.partition("::")
        assert (ROOT / path).is_file(), f"{entry.key}: {path} does not exist"
        assert name.startswith("test_") and name in _test_names(path), f"{entry.key}: no {entry.test}"


def test_lockdown_keys_are_marked_as_such() -> None:
    for entry in coverage.ENTRIES:
        if entry.owner == "lockdown":
            assert entry.note.startswith("lockdown"), entry


def test_the_lockdown_table_of_config_inspect_agrees_on_x11() -> None:
    """A key ``config inspect`` calls enforced or detected on X11 is honoured here (it refuses,
    blocks or locks the exam); one it cannot enforce is not."""
    from launcher.lockdown import enforcement

    for table in (enforcement.TABLE, enforcement.INPUT_TABLE):
        for key, (cells, _how) in table.items():
            x11 = cells[enforcement.PLATFORMS.index("x11")]
            status = coverage.BY_KEY[key].status
            assert (status == coverage.HONOURED) == (x11 != enforcement.CANNOT), (key, x11, status)


def test_settings_md_is_the_table() -> None:
    text = (ROOT / "docs" / "SETTINGS.md").read_text(encoding="utf-8")
    assert text == coverage.settings_table(), "regenerate: seb-launcher config settings-table --output docs/SETTINGS.md"


def test_settings_md_has_one_line_per_key_with_its_own_backticked_key() -> None:
    text = (ROOT / "docs" / "SETTINGS.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    keys = [re.match(r"\| `([^`]+)` \|", row).group(1) for row in rows]  # type: ignore[union-attr]
    assert keys == [e.key for e in coverage.ENTRIES]
    counts = coverage.counts()
    assert f"{len(keys)} keys: {counts[coverage.HONOURED]} honoured" in text


def test_settings_table_command_prints_the_file() -> None:
    proc = run_cli("config", "settings-table")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (ROOT / "docs" / "SETTINGS.md").read_text(encoding="utf-8")


# -- what a configuration sets ------------------------------------------------------------------

CONFIG = {
    "startURL": "https://exam.example/",
    "showTaskBar": False,  # not supported, not a security matter
    "sebAllowedVersions": ["3.8"],  # not supported, security-relevant
    "allowQuit": False,  # honoured
    "proxies": {"HTTPEnable": True, "HTTPProxy": "proxy.example"},
    "permittedProcesses": [{"executable": "calc.exe", "signature": "abc", "arguments": [{"argument": "-x"}]}],
    "someFutureKey": 1,
}


def test_unhonoured_keys_security_first_then_others_then_unknown() -> None:
    out = coverage.unhonoured(CONFIG)
    keys = [u.key for u in out]
    assert "startURL" not in keys and "allowQuit" not in keys
    assert keys[0] == "sebAllowedVersions" and out[0].security
    assert keys[-1] == "someFutureKey" and out[-1].status == coverage.UNKNOWN
    assert "showTaskBar" in keys and "proxies.HTTPProxy" in keys and "proxies.HTTPEnable" in keys
    assert "permittedProcesses.signature" in keys  # not applicable here
    security = [u.security for u in out if u.status != coverage.UNKNOWN]
    assert security == sorted(security, reverse=True)


def test_a_config_of_honoured_keys_only_has_nothing_to_report() -> None:
    assert coverage.unhonoured({"startURL": "https://e.example/", "allowQuit": True, "URLFilterRules": [
        {"active": True, "regex": False, "expression": "e.example", "action": 1}]}) == []


def _write(tmp_path: Path, settings: dict) -> Path:
    path = tmp_path / "exam.seb"
    path.write_bytes(plistlib.dumps(settings))
    return path


def test_inspect_names_what_is_not_honoured(tmp_path: Path) -> None:
    path = _write(tmp_path, CONFIG)
    proc = run_cli("config", "inspect", path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Not honoured here:"))
    listed = [line.split()[0].rstrip(":") for line in lines[start + 1:] if line.startswith("  ")]
    assert listed[0] == "sebAllowedVersions"
    assert lines[start + 1].startswith("  sebAllowedVersions: not supported, a security setting \u2014 ")
    # sub-keys of a setting that is not honoured count under it; an unknown name comes last
    assert {"showTaskBar", "proxies", "someFutureKey"} <= set(listed) and "proxies.HTTPProxy" not in listed
    assert "  proxies: not supported (with 2 sub-keys) \u2014 " + coverage.BY_KEY["proxies"].note in lines
    assert "Not SEB keys: 1 (no SEB version reads them; a typo?)" in lines and listed[-1] == "someFutureKey"
    assert "allowQuit" not in listed

    proc = run_cli("config", "inspect", "--json", path)
    data = json.loads(proc.stdout)
    assert [u["key"] for u in data["not_honoured"]] == listed
    assert data["not_honoured"][0] == {
        "key": "sebAllowedVersions", "status": "not supported", "security": True,
        "note": coverage.BY_KEY["sebAllowedVersions"].note, "seb_key": True, "did_you_mean": None,
        "value_is_default": False, "sub_keys": 0,
    }


@pytest.mark.parametrize("key", ["allowDownloads", "allowUploads", "allowDownUploads"])
def test_download_and_upload_keys_are_honoured(key: str) -> None:
    assert coverage.BY_KEY[key].status == coverage.HONOURED


def test_readme_gives_the_tables_counts() -> None:
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    c = coverage.counts()
    lockdown = sum(1 for e in coverage.ENTRIES if e.status == coverage.HONOURED and e.owner == "lockdown")
    assert (
        f"{len(coverage.ENTRIES)} keys, of which {c[coverage.HONOURED]} are honoured ({lockdown} of them held by "
        f"the lockdown, marked *lockdown*), {c[coverage.DETECTED]} is detected only, {c[coverage.NOT_APPLICABLE]} "
        f"do not apply on Linux and {c[coverage.NOT_SUPPORTED]} are not supported yet"
    ) in text


def test_keys_set_to_what_the_launcher_does_anyway_are_not_reported() -> None:
    quiet = {"allowDictionaryLookup": False, "allowCustomDownUploadLocation": False, "showTaskBar": True, "hookKeys": True}
    assert coverage.unhonoured(quiet) == []
    loud = {"allowDictionaryLookup": True, "allowCustomDownUploadLocation": True, "showTaskBar": False, "hookKeys": False}
    assert sorted(u.key for u in coverage.unhonoured(loud)) == sorted(loud)
    assert [u.key for u in coverage.unhonoured({"showTaskBar": 1})] == ["showTaskBar"]  # 1 is not true
