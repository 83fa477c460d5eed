"""The kiosk's view of the settings: only what the browser layer needs, with SEB's defaults.

One job: read the handful of SEB keys the browser, window and session act on from a core
``Settings`` object (typed attributes) or its ``.raw`` dict, falling back to SEB for Windows'
defaults, into one frozen, cheap-to-read object. Qt-free.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any

from launcher.config.settings_table import DEFAULTS as SETTINGS_DEFAULTS
from launcher.config.settings_table import downloads_allowed, uploads_allowed
from launcher.config.start_url import log_start_url

log = logging.getLogger(__name__)

#: SEB key -> default where a key is absent from the file: the core's table
#: (``launcher.config.settings_table.FIELDS``), plus the keys the kiosk reads that the core does not
#: type. A raw dict without ``startURL`` has no start page here (the core's default is SEB's
#: web site, which an exam window must not open by itself).
DEFAULTS: dict[str, Any] = {
    **SETTINGS_DEFAULTS,
    "startURL": "",
    "allowSpellCheckDictionary": [],
}

#: ``clipboardPolicy`` values (SEB: 0 allow, 1 block, anything else isolated).
CLIPBOARD_ALLOW, CLIPBOARD_BLOCK, CLIPBOARD_ISOLATED = 0, 1, 2

#: SEB's certificate types that make a server certificate trusted (0 SSL, 2 CA, 3 SSL debug).
TRUSTING_CERT_TYPES = frozenset({0, 2, 3})

def setting(settings: Any, key: str) -> Any:
    """Value of SEB ``key``: the core's typed value (``Settings.value``) when it knows the key,
    else the raw dict, else SEB's default from :data:`DEFAULTS`."""
    value_of = getattr(settings, "value", None)
    if callable(value_of):
        try:
            return value_of(key)
        except KeyError:
            pass
    return raw_setting(settings, key)


def spell_check_languages(settings: Any) -> tuple[str, ...]:
    """The exam's spell-checking languages (``allowSpellCheckDictionary``); the desktop's
    language when the exam names none; () when spell checking is off (``allowSpellCheck``)."""
    if setting(settings, "allowSpellCheck") is not True:
        return ()
    names = raw_setting(settings, "allowSpellCheckDictionary")
    if isinstance(names, str):
        names = [names]
    wanted = [n.strip() for n in names if isinstance(n, str) and n.strip()] if isinstance(names, (list, tuple)) else []
    if wanted:
        return tuple(wanted)
    from launcher.platform.dictionaries import system_language

    return (system_language(),)


def raw_setting(settings: Any, key: str) -> Any:
    """The value as written in the file (or SEB's default): for keys whose raw form we need."""
    raw = getattr(settings, "raw", settings)
    if isinstance(raw, Mapping) and key in raw:
        return raw[key]
    return DEFAULTS.get(key)


def _certificate_ders(entries: Any) -> tuple[bytes, ...]:
    out: list[bytes] = []
    if not isinstance(entries, (list, tuple)):
        return ()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        try:
            ctype = int(entry.get("type", 0))
        except (TypeError, ValueError):
            continue
        if ctype not in TRUSTING_CERT_TYPES:
            continue
        data = entry.get("certificateData")
        if not isinstance(data, (bytes, bytearray)) or not data:
            b64 = entry.get("certificateDataBase64") or entry.get("certificateDataWin")
            if isinstance(b64, str) and b64:
                try:
                    data = base64.b64decode(b64)
                except ValueError:
                    log.warning("embedded certificate %r is not valid base64", entry.get("name"))
                    continue
        if isinstance(data, (bytes, bytearray)) and data:
            out.append(bytes(data))
    return tuple(out)


@dataclass(frozen=True)
class KioskOptions:
    """What the kiosk acts on, read once per session."""

    start_url: str
    quit_url: str
    quit_url_confirm: bool
    allow_quit: bool
    hashed_quit_password: str
    send_keys: bool
    user_agent_suffix: str
    allow_reload: bool
    show_reload_warning: bool
    allow_back_forward: bool
    allow_zoom: bool
    allow_spell_check: bool
    allow_down_uploads: bool
    allow_print: bool
    allow_dev_tools: bool
    allow_video: bool
    allow_audio: bool
    clear_cookies_on_start: bool
    clear_cookies_on_end: bool
    link_policy: int
    script_policy: int
    trusted_certificates: tuple[bytes, ...]
    # keyboard and mouse
    enable_alt_tab: bool = True
    enable_alt_f4: bool = False
    enable_esc: bool = True
    enable_alt_esc: bool = False
    enable_ctrl_esc: bool = False
    enable_start_menu: bool = False
    enable_f_keys: tuple[bool, ...] = (True,) * 12  # F1 … F12
    enable_print_screen: bool = False
    enable_right_mouse: bool = True
    enable_middle_mouse: bool = False
    enable_alt_mouse_wheel: bool = False
    enable_injected: bool = False
    # clipboard, lock screen and what locks it
    clipboard_policy: int = CLIPBOARD_ISOLATED
    lock_screen_color: str = "#ff0000"
    detect_stopped_process: bool = True
    session_change_locks: bool = True
    session_verification: bool = True
    display_always_on: bool = True
    system_always_on: bool = True
    # downloads, uploads, user agent, JavaScript, find, PDF
    allow_downloads: bool = True
    allow_uploads: bool = False
    custom_user_agent: str = ""
    enable_javascript: bool = True
    allow_find: bool = True
    pdf_viewer: bool = True  # downloadPDFFiles false: PDFs open in the built-in viewer
    spell_check_languages: tuple[str, ...] = ()  # allowSpellCheckDictionary (when allowSpellCheck)

    @property
    def clipboard_blocked(self) -> bool:
        """``clipboardPolicy`` 1: copy, cut and paste keys are swallowed too."""
        return self.clipboard_policy == CLIPBOARD_BLOCK

    @classmethod
    def from_settings(cls, settings: Any) -> "KioskOptions":
        def b(key: str) -> bool:
            return bool(setting(settings, key))

        def i(key: str) -> int:
            try:
                return int(setting(settings, key))
            except (TypeError, ValueError):
                return int(DEFAULTS[key])

        def s(key: str) -> str:
            v = setting(settings, key)
            return v if isinstance(v, str) else ""

        return cls(
            start_url=log_start_url(s("startURL")),  # repaired as SEB for Windows does
            quit_url=s("quitURL"),
            quit_url_confirm=b("quitURLConfirm"),
            allow_quit=b("allowQuit"),
            hashed_quit_password=s("hashedQuitPassword"),
            send_keys=b("sendBrowserExamKey"),
            user_agent_suffix=s("browserUserAgent"),
            allow_reload=b("browserWindowAllowReload"),
            show_reload_warning=b("showReloadWarning"),
            allow_back_forward=b("allowBrowsingBackForward"),
            allow_zoom=b("enableZoomPage"),
            allow_spell_check=b("allowSpellCheck"),
            allow_down_uploads=b("allowDownUploads"),
            allow_print=b("allowPrint"),
            allow_dev_tools=b("allowDeveloperConsole"),
            allow_video=b("allowVideoCapture"),
            allow_audio=b("allowAudioCapture"),
            clear_cookies_on_start=b("examSessionClearCookiesOnStart"),
            clear_cookies_on_end=b("examSessionClearCookiesOnEnd"),
            link_policy=i("newBrowserWindowByLinkPolicy"),
            script_policy=i("newBrowserWindowByScriptPolicy"),
            trusted_certificates=_certificate_ders(raw_setting(settings, "embeddedCertificates")),
            enable_alt_tab=b("enableAltTab"),
            enable_alt_f4=b("enableAltF4"),
            enable_esc=b("enableEsc"),
            enable_alt_esc=b("enableAltEsc"),
            enable_ctrl_esc=b("enableCtrlEsc"),
            enable_start_menu=b("enableStartMenu"),
            enable_f_keys=tuple(b(f"enableF{n}") for n in range(1, 13)),
            enable_print_screen=b("enablePrintScreen"),
            enable_right_mouse=b("enableRightMouse"),
            enable_middle_mouse=b("enableMiddleMouse"),
            enable_alt_mouse_wheel=b("enableAltMouseWheel"),
            enable_injected=b("enableInjected"),
            clipboard_policy=_clipboard_policy(i("clipboardPolicy")),
            lock_screen_color=s("lockScreenBackgroundColor") or DEFAULTS["lockScreenBackgroundColor"],
            detect_stopped_process=b("detectStoppedProcess"),
            session_change_locks=not b("disableSessionChangeLockScreen"),
            session_verification=b("enableSessionVerification"),
            display_always_on=b("displayAlwaysOn"),
            system_always_on=b("systemAlwaysOn"),
            allow_downloads=downloads_allowed(_raw(settings)),
            allow_uploads=uploads_allowed(_raw(settings)),
            custom_user_agent=str(getattr(settings, "custom_user_agent", "") or ""),
            enable_javascript=setting(settings, "enableJavaScript") is not False,
            allow_find=setting(settings, "allowFind") is not False,
            pdf_viewer=setting(settings, "downloadPDFFiles") is not True,
            spell_check_languages=spell_check_languages(settings),
        )


def _clipboard_policy(value: int) -> int:
    """SEB reads 0 as allow, 1 as block and every other value as isolated."""
    return value if value in (CLIPBOARD_ALLOW, CLIPBOARD_BLOCK) else CLIPBOARD_ISOLATED


def _raw(settings: Any) -> Mapping[str, Any]:
    raw = getattr(settings, "raw", settings)
    return raw if isinstance(raw, Mapping) else {}
