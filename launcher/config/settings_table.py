"""The key table under :class:`launcher.config.settings.Settings`: every SEB key the launcher
reads, the type check of its value and SEB's default, in one place.

One job: :data:`FIELDS` (SEB key, attribute name, check, default) with the checks it names, and
:func:`problems` (every value a configuration sets that a check refuses).

Adding a key is one line in :data:`FIELDS` plus one annotated attribute (no default) in
:class:`~launcher.config.settings.Settings`.

Where the defaults come from (read with the project's search tool):

* SEB for Windows, ``SafeExamBrowser.Configuration/ConfigurationData/DataValues.cs``
  (``LoadDefaultSettings``) for the values SEB for Windows sets explicitly, e.g.
  ``startURL`` = ``https://www.safeexambrowser.org/start``, ``allowQuit`` true, reload allowed
  with a warning, back/forward off, page zoom on, print off, cookies cleared on start and end,
  reconfiguration off, ``sendBrowserExamKey`` off;
* the key names and how they map: ``Keys.cs`` and ``DataMapping/BrowserDataMapper.cs``
  (``sendBrowserExamKey`` switches both SEB headers; ``URLFilterEnableContentFilter`` only
  counts together with ``URLFilterEnable``; ``downloadPDFFiles`` true means "no PDF reader");
* SEB for macOS, ``Classes/ConfigFiles/SEBSettings.m`` (``defaultSEBSettings``) where SEB for
  Windows leaves a value at the .NET default or does not know the key:
  ``quitURLConfirm`` true, ``allowDownUploads`` true, the ``newBrowserWindowBy…Policy`` keys 2
  (new window), their ``…BlockForeign`` flags false, ``allowSpellCheck`` false,
  ``showTaskBar``/``showReloadButton``/``showTime`` true, the defaults of the sub-dictionaries
  of ``URLFilterRules`` (active true, regex false, action 1 = allow, expression "") and of
  ``embeddedCertificates`` (type 0, name "", empty data).
* ``allowVideoCapture``/``allowAudioCapture`` (SEB for Windows 2.x config tool) default false,
  as do SEB for macOS' ``browserMediaCaptureCamera``/``…Microphone``.

Each check raises :class:`~launcher.config.errors.UnsupportedValue` naming the key for a value
of the wrong type or one SEB does not define. ``Settings.from_dict`` first sets aside what SEB for
Windows' mappers ignore (a wrongly typed value of a setting that is not security-relevant:
:mod:`launcher.config.wrong_types`, which says which keys still refuse and why).
"""

from __future__ import annotations

import base64
import binascii
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from launcher.config.errors import UnsupportedValue

#: ``sebConfigPurpose`` values.
PURPOSE_START_EXAM = 0
PURPOSE_CONFIGURE_CLIENT = 1

#: ``newBrowserWindowByLinkPolicy`` / ``newBrowserWindowByScriptPolicy`` values.
NEW_WINDOW_BLOCK = 0
NEW_WINDOW_SAME_WINDOW = 1
NEW_WINDOW_NEW_WINDOW = 2

#: ``URLFilterRules`` ``action`` values.
ACTION_BLOCK = 0
ACTION_ALLOW = 1

#: ``browserViewMode`` value that SEB for Windows shows full screen.
VIEW_MODE_FULLSCREEN = 1


@dataclass(frozen=True)
class UrlFilterRule:
    """One entry of ``URLFilterRules``: ``action`` 0 blocks, 1 allows; ``regex`` selects a
    regular expression instead of SEB's simplified ``scheme://user:pw@host:port/path?q#f``."""

    active: bool = True
    regex: bool = False
    expression: str = ""
    action: int = ACTION_ALLOW

    @property
    def allows(self) -> bool:
        return self.action == ACTION_ALLOW


@dataclass(frozen=True)
class EmbeddedCertificate:
    """One entry of ``embeddedCertificates``.

    ``type``: 0 SSL certificate, 1 identity (PKCS#12 with private key, the only type SEB for
    Windows imports), 2 CA certificate, 3 SSL debug certificate (SEB for macOS). ``data`` is
    ``certificateData``, or the decoded ``certificateDataBase64`` when only that is present.
    """

    type: int = 0
    name: str = ""
    data: bytes = b""


# --------------------------------------------------------------------------- value checks

_TYPE_WORDS = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text",
    bytes: "data",
    list: "a list",
    dict: "a dictionary",
}


def _describe(value: Any) -> str:
    for kind, word in _TYPE_WORDS.items():
        if type(value) is kind:
            return word
    return type(value).__name__


def _bad(key: str, expected: str, value: Any) -> UnsupportedValue:
    return UnsupportedValue(
        f"The setting \u201c{key}\u201d has a value this launcher cannot use "
        f"(expected {expected}, found {_describe(value)}).",
        detail=f"{key}: expected {expected}, got {type(value).__name__}",
    )


def _bool(key: str, value: Any) -> bool:
    if type(value) is not bool:
        raise _bad(key, "true or false", value)
    return value


def _str(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _bad(key, "text", value)
    return value


def _bytes(key: str, value: Any) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise _bad(key, "data", value)


def _int(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(key, "a whole number", value)
    return value


def _real(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(key, "a number", value)
    return float(value)


def _choice(*allowed: int) -> Callable[[str, Any], int]:
    def check(key: str, value: Any) -> int:
        number = _int(key, value)
        if number not in allowed:
            raise UnsupportedValue(
                f"The setting \u201c{key}\u201d has the value {number}, which this launcher "
                f"does not support (allowed: {', '.join(str(a) for a in allowed)}).",
                detail=f"{key}: {number} not in {allowed}",
            )
        return number

    return check


def _mapping(key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _bad(key, "a dictionary", value)
    return types.MappingProxyType(value)


def _entries(key: str, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _bad(key, "a list", value)
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _bad(f"{key}[{index}]", "a dictionary", item)
    return value


def _dicts(key: str, value: Any) -> tuple[Mapping[str, Any], ...]:
    """A list of dictionaries (``prohibitedProcesses``, ``permittedProcesses``), read-only;
    their sub-keys are read by the module that acts on them."""
    return tuple(types.MappingProxyType(entry) for entry in _entries(key, value))


#: Sub-keys of one ``URLFilterRules`` entry: key, attribute, check, default (SEBSettings.m).
_RULE_FIELDS: tuple[tuple[str, str, Callable[[str, Any], Any], Any], ...] = (
    ("active", "active", _bool, True),
    ("regex", "regex", _bool, False),
    ("expression", "expression", _str, ""),
    ("action", "action", _choice(ACTION_BLOCK, ACTION_ALLOW), ACTION_ALLOW),
)


def _rules(key: str, value: Any) -> tuple[UrlFilterRule, ...]:
    return tuple(_rule(f"{key}[{index}]", entry) for index, entry in enumerate(_entries(key, value)))


def _rule(where: str, entry: Mapping[str, Any]) -> UrlFilterRule:
    kwargs = {
        attr: check(f"{where}.{sub}", entry[sub]) if sub in entry else default
        for sub, attr, check, default in _RULE_FIELDS
    }
    return UrlFilterRule(**kwargs)


def _certificates(key: str, value: Any) -> tuple[EmbeddedCertificate, ...]:
    return tuple(_certificate(f"{key}[{index}]", entry) for index, entry in enumerate(_entries(key, value)))


def _certificate(where: str, entry: Mapping[str, Any]) -> EmbeddedCertificate:
    """One entry of ``embeddedCertificates``; ``where`` is e.g. ``embeddedCertificates[2]``."""
    cert_type = _int(f"{where}.type", entry["type"]) if "type" in entry else 0
    name = _str(f"{where}.name", entry["name"]) if "name" in entry else ""
    data = _bytes(f"{where}.certificateData", entry["certificateData"]) if "certificateData" in entry else b""
    if not data and "certificateDataBase64" in entry:
        text = _str(f"{where}.certificateDataBase64", entry["certificateDataBase64"])
        try:
            data = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            index = where.rpartition("[")[2].rstrip("]")
            raise UnsupportedValue(
                f"The setting \u201c{where}.certificateDataBase64\u201d (certificate "
                f"\u201c{name or index}\u201d) is not readable base64 data.",
                detail=f"{where}.certificateDataBase64 is not valid base64",
            ) from None
    return EmbeddedCertificate(type=cert_type, name=name, data=data)


def _rule_problems(where: str, entry: Mapping[str, Any]) -> list[UnsupportedValue]:
    found = []
    for sub, _attr, check, _default in _RULE_FIELDS:
        if sub in entry:
            try:
                check(f"{where}.{sub}", entry[sub])
            except UnsupportedValue as exc:
                found.append(exc)
    return found


def _certificate_problems(where: str, entry: Mapping[str, Any]) -> list[UnsupportedValue]:
    try:
        _certificate(where, entry)
    except UnsupportedValue as exc:
        return [exc]
    return []


#: List settings whose entries are judged one by one when collecting every problem.
_ENTRY_PROBLEMS: dict[Callable[[str, Any], Any], Callable[[str, Mapping[str, Any]], list[UnsupportedValue]]] = {
    _rules: _rule_problems,
    _certificates: _certificate_problems,
}


class Field(NamedTuple):
    """One row of :data:`FIELDS`."""

    key: str
    attr: str
    check: Callable[[str, Any], Any]
    default: Any


_EMPTY: Mapping[str, Any] = types.MappingProxyType({})

#: The table: SEB key, ``Settings`` attribute, type check, SEB's default. See module docstring
#: for the sources of the defaults.
FIELDS: tuple[Field, ...] = (
    # start, quit, passwords, purpose
    Field("startURL", "start_url", _str, "https://www.safeexambrowser.org/start"),
    Field("quitURL", "quit_url", _str, ""),
    Field("quitURLConfirm", "quit_url_confirm", _bool, True),
    Field("quitURLRestart", "quit_url_restart", _bool, False),
    Field("hashedQuitPassword", "hashed_quit_password", _str, ""),
    Field("hashedAdminPassword", "hashed_admin_password", _str, ""),
    Field("allowQuit", "allow_quit", _bool, True),
    Field("sebConfigPurpose", "config_purpose", _choice(PURPOSE_START_EXAM, PURPOSE_CONFIGURE_CLIENT), 0),
    Field("sebMode", "seb_mode", _choice(0, 1), 0),
    Field("originatorVersion", "originator_version", _str, ""),
    # keys and headers
    Field("examKeySalt", "exam_key_salt", _bytes, b""),
    Field("sendBrowserExamKey", "send_browser_exam_key", _bool, False),
    # user agent (suffix; SEB for Windows' per-mode custom agents)
    Field("browserUserAgent", "user_agent_suffix", _str, ""),
    Field("browserUserAgentWinDesktopMode", "user_agent_win_desktop_mode", _int, 0),
    Field("browserUserAgentWinDesktopModeCustom", "user_agent_win_desktop_custom", _str, ""),
    Field("browserUserAgentWinTouchMode", "user_agent_win_touch_mode", _int, 0),
    Field("browserUserAgentWinTouchModeCustom", "user_agent_win_touch_custom", _str, ""),
    Field("browserUserAgentMac", "user_agent_mac_mode", _int, 0),
    Field("browserUserAgentMacCustom", "user_agent_mac_custom", _str, ""),
    Field("touchOptimized", "touch_optimized", _bool, False),
    # URL filter
    Field("URLFilterEnable", "url_filter_enable", _bool, False),
    Field("URLFilterEnableContentFilter", "url_filter_enable_content_filter", _bool, False),
    Field("URLFilterRules", "url_filter_rules", _rules, ()),
    # windows and navigation
    Field("newBrowserWindowByLinkPolicy", "new_window_by_link_policy", _choice(0, 1, 2), NEW_WINDOW_NEW_WINDOW),
    Field("newBrowserWindowByLinkBlockForeign", "new_window_by_link_block_foreign", _bool, False),
    Field("newBrowserWindowByScriptPolicy", "new_window_by_script_policy", _choice(0, 1, 2), NEW_WINDOW_NEW_WINDOW),
    Field("newBrowserWindowByScriptBlockForeign", "new_window_by_script_block_foreign", _bool, False),
    Field("browserWindowAllowReload", "allow_reload", _bool, True),
    Field("showReloadWarning", "show_reload_warning", _bool, True),
    Field("newBrowserWindowAllowReload", "new_window_allow_reload", _bool, True),
    Field("newBrowserWindowShowReloadWarning", "new_window_show_reload_warning", _bool, False),
    Field("allowBrowsingBackForward", "allow_back_forward", _bool, False),
    Field("newBrowserWindowNavigation", "new_window_allow_back_forward", _bool, True),
    Field("browserViewMode", "browser_view_mode", _int, 0),
    Field("browserWindowTitleSuffix", "window_title_suffix", _str, ""),
    # page features
    Field("enableZoomPage", "enable_zoom_page", _bool, True),
    Field("allowSpellCheck", "allow_spell_check", _bool, False),
    Field("allowFind", "allow_find", _bool, True),
    Field("allowDownUploads", "allow_down_uploads", _bool, True),
    Field("downloadAndOpenSebConfig", "download_and_open_seb_config", _bool, True),
    Field("downloadPDFFiles", "download_pdf_files", _bool, False),
    Field("allowPDFReaderToolbar", "allow_pdf_reader_toolbar", _bool, False),
    Field("allowPrint", "allow_print", _bool, False),
    Field("allowVideoCapture", "allow_video_capture", _bool, False),
    Field("allowAudioCapture", "allow_audio_capture", _bool, False),
    Field("browserMediaCaptureCamera", "media_capture_camera", _bool, False),
    Field("browserMediaCaptureMicrophone", "media_capture_microphone", _bool, False),
    Field("allowDeveloperConsole", "allow_developer_console", _bool, False),
    # session
    Field("examSessionClearCookiesOnStart", "clear_cookies_on_start", _bool, True),
    Field("examSessionClearCookiesOnEnd", "clear_cookies_on_end", _bool, True),
    Field("examSessionReconfigureAllow", "reconfigure_allow", _bool, False),
    Field("examSessionReconfigureConfigURL", "reconfigure_config_url", _str, ""),
    Field("embeddedCertificates", "embedded_certificates", _certificates, ()),
    # SEB Server
    Field("sebServerURL", "seb_server_url", _str, ""),
    Field("sebServerConfiguration", "seb_server_configuration", _mapping, _EMPTY),
    # task bar and keys
    Field("showTaskBar", "show_task_bar", _bool, True),
    Field("showReloadButton", "show_reload_button", _bool, True),
    Field("showTime", "show_time", _bool, True),
    Field("enableAltF4", "enable_alt_f4", _bool, False),
    Field("enableEsc", "enable_esc", _bool, True),
    Field("enableRightMouse", "enable_right_mouse", _bool, True),
    Field("enablePrintScreen", "enable_print_screen", _bool, False),
    # lockdown: keyboard and mouse (SEB for Windows' InputDataMapper.cs, DataValues.cs)
    Field("enableAltTab", "enable_alt_tab", _bool, True),
    Field("enableAltEsc", "enable_alt_esc", _bool, False),
    Field("enableCtrlEsc", "enable_ctrl_esc", _bool, False),
    Field("enableStartMenu", "enable_start_menu", _bool, False),
    Field("enableF1", "enable_f1", _bool, True),
    Field("enableF2", "enable_f2", _bool, True),
    Field("enableF3", "enable_f3", _bool, True),
    Field("enableF4", "enable_f4", _bool, True),
    Field("enableF5", "enable_f5", _bool, True),
    Field("enableF6", "enable_f6", _bool, True),
    Field("enableF7", "enable_f7", _bool, True),
    Field("enableF8", "enable_f8", _bool, True),
    Field("enableF9", "enable_f9", _bool, True),
    Field("enableF10", "enable_f10", _bool, True),
    Field("enableF11", "enable_f11", _bool, True),
    Field("enableF12", "enable_f12", _bool, True),
    Field("enableInjected", "enable_injected", _bool, False),
    Field("enableMiddleMouse", "enable_middle_mouse", _bool, False),
    Field("enableAltMouseWheel", "enable_alt_mouse_wheel", _bool, False),
    Field("hookKeys", "hook_keys", _bool, True),
    # lockdown: machine checks (spec lockdown.md §1-§3, §11)
    Field("allowVirtualMachine", "allow_virtual_machine", _bool, False),
    Field("allowedDisplaysMaxNumber", "allowed_displays_max_number", _int, 1),
    Field("allowedDisplaysIgnoreFailure", "allowed_displays_ignore_failure", _bool, False),
    Field("allowedDisplayBuiltinEnforce", "allowed_display_builtin_enforce", _bool, False),
    Field("allowedDisplayBuiltin", "allowed_display_builtin", _bool, True),
    Field("allowDisplayMirroring", "allow_display_mirroring", _bool, False),
    Field("allowScreenSharing", "allow_screen_sharing", _bool, False),
    Field("allowScreenCapture", "allow_screen_capture", _bool, False),
    Field("detectStoppedProcess", "detect_stopped_process", _bool, True),
    # lockdown: clipboard, processes, lock screen (§5, §7-§9)
    Field("clipboardPolicy", "clipboard_policy", _int, 2),
    Field("prohibitedProcesses", "prohibited_processes", _dicts, ()),
    Field("permittedProcesses", "permitted_processes", _dicts, ()),
    Field("lockScreenBackgroundColor", "lock_screen_background_color", _str, "#ff0000"),
    Field("disableSessionChangeLockScreen", "disable_session_change_lock_screen", _bool, False),
    Field("enableSessionVerification", "enable_session_verification", _bool, True),
    Field("displayAlwaysOn", "display_always_on", _bool, True),
    Field("systemAlwaysOn", "system_always_on", _bool, True),
    # SEB Server: fallback and the raise-hand button (seb-server.md §1, lockdown.md §9)
    Field("sebServerFallback", "seb_server_fallback", _bool, False),
    Field("sebServerFallbackAttempts", "seb_server_fallback_attempts", _int, 5),
    Field("sebServerFallbackAttemptInterval", "seb_server_fallback_attempt_interval", _int, 2000),
    Field("sebServerFallbackTimeout", "seb_server_fallback_timeout", _int, 30000),
    Field("sebServerFallbackPasswordHash", "seb_server_fallback_password_hash", _str, ""),
    Field("raiseHandButtonShow", "raise_hand_button_show", _bool, True),
    Field("raiseHandButtonAlwaysPromptMessage", "raise_hand_button_always_prompt_message", _bool, False),
    # parity (issue 11): SEB for Windows' current download/upload keys (Keys.cs, DataValues.cs)
    Field("allowDownloads", "allow_downloads", _bool, True),
    Field("allowUploads", "allow_uploads", _bool, False),
    Field("enableJavaScript", "enable_javascript", _bool, True),  # SEB for macOS (SEBSettings.m)
    Field("restartExamURL", "restart_exam_url_setting", _str, ""),
    Field("restartExamUseStartURL", "restart_exam_use_start_url", _bool, False),
    Field("restartExamText", "restart_exam_text", _str, ""),
    Field("restartExamPasswordProtected", "restart_exam_password_protected", _bool, False),
    Field("allowApplicationLog", "allow_application_log", _bool, False),
    Field("showApplicationLogButton", "show_application_log_button", _bool, False),
    Field("batteryChargeThresholdLow", "battery_charge_threshold_low", _real, 0.2),
    Field("batteryChargeThresholdCritical", "battery_charge_threshold_critical", _real, 0.1),
    Field("allowWlan", "allow_wlan", _bool, False),
    Field("showInputLanguage", "show_input_language", _bool, True),
    Field("audioControlEnabled", "audio_control_enabled", _bool, False),
    Field("audioMute", "audio_mute", _bool, False),
    Field("audioSetVolumeLevel", "audio_set_volume_level", _bool, False),
    Field("audioVolumeLevel", "audio_volume_level", _int, 25),
)

#: SEB key -> default value (what an absent key means).
DEFAULTS: Mapping[str, Any] = types.MappingProxyType({f.key: f.default for f in FIELDS})
BY_KEY: Mapping[str, Field] = types.MappingProxyType({f.key: f for f in FIELDS})


def problems(raw: Mapping[str, Any]) -> list[UnsupportedValue]:
    """Every value in ``raw`` that ``Settings.from_dict`` would refuse, each with why — all of
    them, where ``from_dict`` stops at the first (for ``config inspect``; ``open`` keeps
    using ``from_dict``). One problem per bad setting, per bad rule or certificate entry."""
    if not isinstance(raw, Mapping):
        return [UnsupportedValue(
            "The configuration does not contain a settings dictionary.",
            detail=f"top level is {type(raw).__name__}",
        )]
    found: list[UnsupportedValue] = []
    for f in FIELDS:
        if f.key not in raw:
            continue
        entry_problems = _ENTRY_PROBLEMS.get(f.check)
        try:
            f.check(f.key, raw[f.key])
        except UnsupportedValue as exc:
            if entry_problems is None or not isinstance(raw[f.key], list):
                found.append(exc)
                continue
            for index, entry in enumerate(raw[f.key]):  # every bad entry, not the first
                where = f"{f.key}[{index}]"
                if not isinstance(entry, dict):
                    found.append(_bad(where, "a dictionary", entry))
                else:
                    found.extend(entry_problems(where, entry))
    return found


def _first_bool(raw: Mapping[str, Any], keys: tuple[str, ...], default: bool) -> bool:
    for key in keys:
        if key in raw:
            return _bool(key, raw[key])
    return default


def downloads_allowed(raw: Mapping[str, Any]) -> bool:
    """``allowDownloads`` (SEB for Windows' current key) when the file has it, else the older
    ``allowDownUploads`` (SEB for macOS, SEB for Windows before 3.6), else SEB for Windows'
    default: allowed."""
    return _first_bool(raw, ("allowDownloads", "allowDownUploads"), True)


def uploads_allowed(raw: Mapping[str, Any]) -> bool:
    """``allowUploads`` when the file has it, else ``allowDownUploads``, else SEB for Windows'
    default (``DataValues.cs``: ``AllowUploads = false``): refused."""
    return _first_bool(raw, ("allowUploads", "allowDownUploads"), False)
