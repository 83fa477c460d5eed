"""Which names are real SEB setting keys, and SEB's default value of each where it is known.

One job: tell ``config inspect`` whether a key it does not act on is a real SEB key this
launcher does not support (legacy SEB for Windows 2.x, SEB for macOS/iOS-only, Zoom/Jitsi
Meet, ``exitKey1`` …) or not a SEB key at all (``allowClipboard``, ``quitLink``: a typo or an
invention, which SEB ignores too), with the closest real key for the second kind.

The names come from SEB for macOS' ``Classes/ConfigFiles/SEBSettings.m`` (``defaultSEBSettings``,
with its sub-dictionaries), SEB for Windows' ``ConfigurationData/Keys.cs``, SEB's developer page
(``seb-config-key.html``'s example, SEB for Windows 2.x keys) and this launcher's own tables
(``settings_table``/``coverage``). The defaults listed here are SEB for macOS' where SEB for
Windows does not define one; :data:`launcher.config.settings_table.DEFAULTS` wins where it has the key.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Mapping
from typing import Any

from launcher.config.coverage import BY_KEY
from launcher.config.settings_table import DEFAULTS

log = logging.getLogger(__name__)

_F, _T = False, True

#: Top-level keys with SEB's default (SEB for macOS' ``defaultSEBSettings`` unless noted).
_TOP: dict[str, Any] = {
    "aacDnsPrePinning": _T, "accessibilityFeatureAssistiveTouch": 0, "accessibilityFeatureGrayscaleDisplay": 0,
    "accessibilityFeatureInvertColors": 0, "accessibilityFeatureVoiceOver": 0, "accessibilityFeatureZoom": 0,
    "additionalDictionaries": [], "additionalResources": [], "allowApplicationLog": _F, "allowAirPlay": _F,
    "allowBrowsingBackForward": _F, "allowCustomDownUploadLocation": _F, "allowDeveloperConsole": _F,
    "allowDictation": _F, "allowDictionaryLookup": _F, "allowDisplayMirroring": _F, "allowedDisplayBuiltin": _T,
    "allowedDisplayBuiltinEnforce": _F, "allowedDisplayBuiltinExceptDesktop": _T,
    "allowedDisplaysIgnoreFailure": _F, "allowedDisplaysMaxNumber": 1, "allowDownloads": _T,
    "allowDownUploads": _T, "allowFind": _T, "allowFlashFullscreen": _F, "allowiOSBetaVersionNumber": None,
    "allowiOSVersionNumberMajor": None, "allowiOSVersionNumberMinor": 0, "allowiOSVersionNumberPatch": 0,
    "allowMacOSVersionNumberCheckFull": _F, "allowMacOSVersionNumberMajor": None,
    "allowMacOSVersionNumberMinor": None, "allowMacOSVersionNumberPatch": None, "allowOpenAndSavePanel": _F,
    "allowPDFPlugIn": _F, "allowPDFReaderToolbar": _F, "allowPreferencesWindow": _F, "allowPrint": _F,
    "allowQuit": _T, "allowShareSheet": _F, "allowScreenCapture": _F, "allowScreenSharing": _F, "allowSiri": _F,
    "allowSpellCheck": _F, "allowSpellCheckDictionary": [], "allowStickyKeys": None,
    "allowSwitchToApplications": _F, "allowUploads": _F, "allowUploadsiOS": _F, "allowUserAppFolderInstall": _F,
    "allowUserSwitching": _T, "allowVideoCapture": _F, "allowAudioCapture": _F, "allowVirtualMachine": _F,
    "allowWindowCapture": _F, "allowWlan": _F, "allowWLAN": _F, "audioControlEnabled": _T, "audioMute": _F,
    "audioSetVolumeLevel": _F, "audioVolumeLevel": 25, "autoQuitApplications": _T,
    "backgroundOpenSEBConfig": _F, "batteryChargeThresholdCritical": 0.1, "batteryChargeThresholdLow": 0.2,
    "blacklistURLFilter": "", "blockPopUpWindows": _F, "blockScreenShotsLegacy": _F,
    "browserConnectionErrorReload": _F, "browserMediaAutoplay": _T, "browserMediaAutoplayAudio": _T,
    "browserMediaAutoplayVideo": _T, "browserMediaCaptureCamera": _F, "browserMediaCaptureMicrophone": _F,
    "browserMediaCaptureScreen": _F, "browserMessagingPingTime": 120000,
    "browserMessagingSocket": "ws://localhost:8706", "browserShowFileSystemElementPath": _T,
    "browserScreenKeyboard": _F, "browserURLSalt": _T, "browserUserAgent": "", "browserUserAgentiOS": 0,
    "browserUserAgentiOSCustom": "", "browserUserAgentMac": 0, "browserUserAgentMacCustom": "",
    "browserUserAgentWinDesktopMode": 0, "browserUserAgentWinDesktopModeCustom": "",
    "browserUserAgentWinTouchMode": 0, "browserUserAgentWinTouchModeCustom": "",
    "browserUserAgentWinTouchModeIPad": None, "browserViewMode": 0, "browserWindowAllowAddressBar": _F,
    "browserWindowAllowReload": _T, "browserWindowShowURL": 0, "browserWindowTitleSuffix": "",
    "browserWindowWebView": None, "browserWindowWebViewClassicHideDeprecationNote": _F,
    "chooseFileToUploadPolicy": 0, "clientConfigKeepEncryption": None, "clipboardPolicy": 2,
    "configKeySalt": b"", "configFileCreateIdentity": _F, "configFileEncryptUsingIdentity": _F,
    "createNewDesktop": _T, "defaultPageZoomLevel": 1.0, "defaultTextZoomLevel": 1.0, "detectStoppedProcess": _T,
    "disableSessionChangeLockScreen": _F, "displayAlwaysOn": _T, "downloadAndOpenSebConfig": _T,
    "downloadDirectoryOSX": "~/Downloads", "downloadDirectoryWin": "Downloads", "downloadFileTypes": [],
    "downloadPDFFiles": _F, "embeddedCertificates": [], "enableAltEsc": _F, "enableAltF4": _F,
    "enableAltMouseWheel": _F, "enableAltTab": _T, "enableAppSwitcherCheck": _T,
    "enableBrowserWindowToolbar": _F, "enableChromeNotifications": _F, "enableCtrlEsc": _F,
    "enableCursorVerification": _T, "enableDrawingEditor": _F, "enableEsc": _T, "enableFindPrinter": _F,
    "enableInjected": None, "enableJava": _F, "enableJavaScript": _T, "enableLogging": _T,
    "enableMiddleMouse": _F, "enablePlugIns": _T, "enablePrintScreen": _F, "enablePrivateClipboard": _T,
    "enablePrivateClipboardMacEnforce": _T, "enableRightMouse": _T, "enableRightMouseMac": _F,
    "enableScreenProctoring": _F, "enableScrollLock": _T, "enableSebBrowser": _T,
    "enableSessionVerification": _T, "enableStartMenu": _F, "enableTouchExit": _F,
    "enableURLContentFilter": _F, "enableURLFilter": _F, "enableWindowsUpdate": _F, "enableZoomPage": _T,
    "enableZoomText": _F, "examKeySalt": b"", "examSessionClearCookiesOnEnd": _T,
    "examSessionClearCookiesOnStart": _T, "examSessionReconfigureAllow": _F,
    "examSessionReconfigureConfigURL": "", "exitKey1": 2, "exitKey2": 10, "exitKey3": 5,
    "forceAppFolderInstall": _T, "hashedAdminPassword": "", "hashedQuitPassword": "",
    "hideBrowserWindowToolbar": _F, "hookKeys": _T, "ignoreExitKeys": _T, "ignoreQuitPassword": _F,
    "insideSebEnableChangeAPassword": _F, "insideSebEnableEaseOfAccess": _F,
    "insideSebEnableLockThisComputer": _F, "insideSebEnableLogOff": _F,
    "insideSebEnableNetworkConnectionSelector": _F, "insideSebEnableShutDown": _F,
    "insideSebEnableStartTaskManager": _F, "insideSebEnableSwitchUser": _F,
    "insideSebEnableVmWareClientShade": _F, "killExplorerShell": _F, "lockdownModePolicy": None,
    "lockOnMessageSocketClose": _T, "lockScreenBackgroundColor": None, "logDirectoryOSX": "",
    "logDirectoryWin": "", "logLevel": None, "logSendingRequiresAdminPassword": _F,
    "mainBrowserWindowHeight": "100%", "mainBrowserWindowPositioning": 1, "mainBrowserWindowWidth": "100%",
    "minMacOSVersion": None, "monitorProcesses": _T, "newBrowserWindowAllowAddressBar": _F,
    "newBrowserWindowAllowReload": _T, "newBrowserWindowByLinkBlockForeign": _F,
    "newBrowserWindowByLinkHeight": "100%", "newBrowserWindowByLinkPolicy": 2,
    "newBrowserWindowByLinkPositioning": 2, "newBrowserWindowByLinkWidth": "1000",
    "newBrowserWindowByScriptBlockForeign": _F, "newBrowserWindowByScriptPolicy": 2,
    "newBrowserWindowNavigation": _T, "newBrowserWindowShowReloadWarning": _F, "newBrowserWindowShowURL": 0,
    "openDownloads": _F, "originatorVersion": None, "oskBehavior": 2, "permittedProcesses": [],
    "pinEmbeddedCertificates": _F, "proctoringAIEnable": _F, "proctoringDetectFaceAngleDisplay": _T,
    "proctoringDetectFaceCount": _T, "proctoringDetectFaceCountDisplay": _T, "proctoringDetectFacePitch": _T,
    "proctoringDetectFaceYaw": _T, "proctoringDetectTalking": _T, "proctoringDetectTalkingDisplay": _T,
    "prohibitedProcesses": [], "proxies": None, "proxySettingsPolicy": 0, "quitURL": "", "quitURLConfirm": _T,
    "quitURLRestart": _F, "raiseHandButtonShow": _T, "raiseHandButtonAlwaysPromptMessage": _F,
    "remoteProctoringViewShow": 0, "removeBrowserProfile": _T, "removeLocalStorage": None,
    "restartExamPasswordProtected": _T, "restartExamText": "", "restartExamURL": "",
    "restartExamUseStartURL": _F, "screenSharingMacEnforceBlocked": _F, "sebAllowedVersions": None,
    "sebConfigPurpose": 0, "sebMode": 0, "sebServerConfiguration": None, "sebServerFallback": _F,
    "sebServerFallbackAttemptInterval": 2000, "sebServerFallbackAttempts": 5,
    "sebServerFallbackPasswordHash": "", "sebServerFallbackTimeout": 30000, "sebServerURL": "",
    "sebServiceIgnore": _T, "sebServicePolicy": None, "sendBrowserExamKey": _F, "setVmwareConfiguration": _F,
    "screenProctoringCacheSize": None, "screenProctoringClientId": "", "screenProctoringClientSecret": "",
    "screenProctoringClientSessionId": "", "screenProctoringGroupId": "", "screenProctoringImageDownscale": 1.0,
    "screenProctoringImageFormat": 0, "screenProctoringImageQuantization": 0,
    "screenProctoringIndicateHealthAndCaching": _F, "screenProctoringMetadataActiveAppEnabled": _T,
    "screenProctoringMetadataURLEnabled": _T, "screenProctoringMetadataWindowTitleEnabled": _T,
    "screenProctoringServiceURL": "", "screenProctoringScreenshotMaxInterval": 5000,
    "screenProctoringScreenshotMinInterval": 1000, "showApplicationLogButton": _F,
    "showBackToStartButton": _T, "showInputLanguage": _T, "showMenuBar": _T, "showNavigationButtons": _F,
    "showProctoringDisclaimer": None, "showProctoringViewButton": _T, "showQuitButton": _T,
    "showReloadButton": _T, "showReloadWarning": _T, "showSettingsInApp": None, "showSideMenu": _T,
    "showScanQRCodeButton": _F, "showScrollLockButton": _T, "showTaskBar": _T, "showTime": _T,
    "startResource": "", "startURL": "https://www.safeexambrowser.org/start", "startURLAllowDeepLink": _F,
    "startURLAppendQueryParameter": _F, "systemAlwaysOn": _T, "tabFocusesLinks": _T, "taskBarHeight": None,
    "terminateProcesses": _F, "touchOptimized": _F, "URLFilterEnable": _F, "URLFilterEnableContentFilter": _F,
    "URLFilterIgnoreList": [], "URLFilterMessage": 0, "urlFilterRegex": _F, "urlFilterTrustedContent": _T,
    "URLFilterRules": [], "useAsymmetricOnlyEncryption": _F, "useTemporaryDownUploadDirectory": _F,
    "whitelistURLFilter": "", "zoomMode": 0,
    # SEB for Windows 2.x (legacy "outside SEB" registry settings)
    "outsideSebEnableChangeAPassword": None, "outsideSebEnableEaseOfAccess": None,
    "outsideSebEnableLockThisComputer": None, "outsideSebEnableLogOff": None,
    "outsideSebEnableShutDown": None, "outsideSebEnableStartTaskManager": None,
    "outsideSebEnableSwitchUser": None, "outsideSebEnableVmWareClientShade": None,
}

#: Keys real SEB versions wrote into files (seen in files whose ``originatorVersion`` names SEB
#: for Windows 2.1, SEB for macOS 2.1, SEB for iOS 2.1-3.6 or SEB Server 0.3, and in SEB for
#: Windows 2.x's own ``SebClient.seb``) that no current SEB reads any more.
_LEGACY = (
    "browserExamKey", "copyBrowserExamKeyToClipboardWhenQuitting", "enableAAC", "enableMacOSAAC",
    "examConfigKeyContainedKeys", "examSessionClearSessionCookies", "insideSebEnableEnableNetworkConnectionSelector",
    "minMacOSVersionNumberMinor", "mobileAllowGuidedAccess", "screenProctoringStopURL",
    "screenProctoringStopURLConfirm", "settingsPassword", "embeddedCertificates.certificateDataWin",
    "permittedProcesses.autohide", "URLFilterRules.ruleActions",
)

#: Live-proctoring services SEB for macOS/iOS configure with these prefixes.
_JITSI = ("AudioMuted", "AudioOnly", "Enable", "FeatureFlagChat", "FeatureFlagCloseCaptions",
          "FeatureFlagDisplayMeetingName", "FeatureFlagRaiseHand", "FeatureFlagRecording", "FeatureFlagTileView",
          "ReceiveAudio", "ReceiveVideo", "Room", "SendAudio", "SendVideo", "ServerURL", "Subject", "Token",
          "UserInfoAvatarURL", "UserInfoDisplayName", "UserInfoEMail", "VideoMuted")
_ZOOM = _JITSI + ("APIKey", "MeetingKey", "SDKToken", "UserName")
_MOBILE = ("AllowInlineMediaPlayback", "AllowPictureInPictureMediaPlayback", "AllowQRCodeConfig",
           "AllowSingleAppMode", "CompactAllowInlineMediaPlayback", "EnableGuidedAccessLinkTransform",
           "EnableASAM", "EnableModernAAC", "SleepModeLockScreen", "ShowSettings", "ShowEditConfigShortcutItem",
           "StatusBarAppearance", "StatusBarAppearanceExtended", "SupportedFormFactorsCompact",
           "SupportedFormFactorsNonTelephonyCompact", "SupportedFormFactorsRegular",
           "SupportedScreenOrientationsCompactPortrait", "SupportedScreenOrientationsCompactPortraitUpsideDown",
           "SupportedScreenOrientationsCompactLandscapeLeft", "SupportedScreenOrientationsCompactLandscapeRight",
           "SupportedScreenOrientationsRegularPortrait", "SupportedScreenOrientationsRegularPortraitUpsideDown",
           "SupportedScreenOrientationsRegularLandscapeLeft", "SupportedScreenOrientationsRegularLandscapeRight",
           "PreventAutoLock")

#: Sub-keys of SEB's lists and dictionaries (``parent.sub``).
_SUB: dict[str, tuple[str, ...]] = {
    "additionalResources": ("active", "additionalResources", "autoOpen", "identifier", "title", "URL",
                            "URLFilterRules", "resourceData", "resourceIcons"),
    "downloadFileTypes": ("associatedAppId", "extension", "os"),
    "permittedProcesses": ("active", "allowedExecutables", "allowManualStart", "allowNetworkAccess",
                           "allowUserToChooseApp", "arguments", "autostart", "description", "executable",
                           "iconInTaskbar", "identifier", "teamIdentifier", "originalName", "os", "path",
                           "runInBackground", "strongKill", "title", "signature", "windowHandlingProcess",
                           "arguments.active", "arguments.argument"),
    "prohibitedProcesses": ("active", "allowedExecutables", "currentUser", "description", "executable",
                            "identifier", "ignoreInAAC", "originalName", "os", "strongKill", "user",
                            "windowHandlingProcess", "signature"),
    "URLFilterRules": ("action", "active", "expression", "regex"),
    "embeddedCertificates": ("certificateData", "certificateDataBase64", "name", "type"),
    "proxies": tuple(
        ["AutoConfigurationEnabled", "AutoConfigurationJavaScript", "AutoConfigurationURL", "AutoDiscoveryEnabled",
         "ExceptionsList", "ExcludeSimpleHostnames", "FTPPassive"]
        + [f"{p}{s}" for p in ("FTP", "HTTP", "HTTPS", "RTSP", "SOCKS")
           for s in ("Enable", "Password", "Port", "Proxy", "RequiresPassword", "Username")]
    ),
    "sebServerConfiguration": ("institution", "clientName", "clientSecret", "apiDiscovery", "pingInterval", "exam"),
}

#: SEB for macOS stores its preferences under this prefix; a file that carries it was exported
#: from the preferences, and SEB does not read such keys from a ``.seb`` file.
MAC_PREFERENCES_PREFIX = "org_safeexambrowser_SEB_"


_STRINGS = ("Room", "ServerURL", "Subject", "Token", "UserInfoAvatarURL", "UserInfoDisplayName",
            "UserInfoEMail", "APIKey", "MeetingKey", "SDKToken", "UserName")
for _prefix, _names in (("jitsiMeet", _JITSI), ("zoom", _ZOOM)):
    for _name in _names:  # SEBSettings.m: text empty, sending audio/video on, every other flag off
        _TOP.setdefault(_prefix + _name, "" if _name in _STRINGS else _name.startswith("Send"))


def _all_keys() -> frozenset[str]:
    names = set(_TOP)
    names.update(_LEGACY)
    names.update(f"mobile{s}" for s in _MOBILE)
    for parent, subs in _SUB.items():
        names.update(f"{parent}.{s}" for s in subs)
    names.update(BY_KEY)  # the keys this launcher's own tables know are SEB keys too
    names.update(DEFAULTS)
    return frozenset(names)


SEB_KEYS: frozenset[str] = _all_keys()
_LOWER = {k.lower(): k for k in SEB_KEYS}


def is_seb_key(key: str) -> bool:
    """``key`` (``parent.sub`` for sub-keys) is a key some SEB version reads."""
    return key in SEB_KEYS


def closest(key: str) -> str | None:
    """The real SEB key ``key`` most likely meant (a typo, another case, the macOS preferences
    prefix), or None when nothing is close."""
    if key.startswith(MAC_PREFERENCES_PREFIX) or ".org_safeexambrowser_SEB_" in key:
        plain = key.replace(MAC_PREFERENCES_PREFIX, "")
        return plain if plain in SEB_KEYS else closest(plain)
    if key.lower() in _LOWER and _LOWER[key.lower()] != key:
        return _LOWER[key.lower()]
    parent, dot, _sub = key.rpartition(".")
    pool = [k for k in SEB_KEYS if (k.rpartition(".")[0] == parent)] if dot else [k for k in SEB_KEYS if "." not in k]
    found = difflib.get_close_matches(key, pool, n=1, cutoff=0.75)
    if not found:  # "allowClipboard" -> "allowQuit" is too far for the ratio; try the lowercase form
        lowered = {k.lower(): k for k in pool}
        found = [lowered[m] for m in difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.7)]
    if not found:  # "allowClipboard" -> a key about the clipboard; "quitLink" -> one about quitting
        found = _by_word(key, pool)
    return found[0] if found else None


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_COMMON = {"allow", "enable", "show", "browser", "window", "new", "url", "by", "key", "is", "use"}


def _by_word(key: str, pool: list[str]) -> list[str]:
    words = [w.lower() for w in _WORD.findall(key.rpartition(".")[2]) if w.lower() not in _COMMON and len(w) > 2]
    for word in sorted(words, key=len, reverse=True):
        having = [k for k in pool if word in k.lower()]
        if having:
            return [max(having, key=lambda k: (difflib.SequenceMatcher(None, key.lower(), k.lower()).ratio(), k))]
    return []


def default_of(key: str) -> tuple[bool, Any]:
    """(known, SEB's default) for a top-level key; ``known`` is false when SEB has no fixed default."""
    if key in DEFAULTS:
        return True, DEFAULTS[key]
    value = _TOP.get(key)
    return value is not None, value


def is_default(key: str, value: Any) -> bool:
    """``value`` is SEB's default for the top-level ``key`` (same type and value)."""
    known, default = default_of(key)
    if not known:
        return False
    if isinstance(default, tuple):
        default = list(default)
    if isinstance(default, Mapping):
        return isinstance(value, Mapping) and dict(value) == dict(default)
    if isinstance(default, float) and type(value) in (int, float) and not isinstance(value, bool):
        return float(value) == default
    return type(value) is type(default) and value == default
