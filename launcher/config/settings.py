"""Typed, read-only view of a SEB settings dictionary, with SEB's defaults for absent keys.

One job: turn the raw plist dictionary of a configuration (spec §2) into a frozen
:class:`Settings` object whose fields the launcher acts on, check the type of every value it
reads, and keep the original dictionary untouched in ``Settings.raw`` (unknown keys included:
they count in the Config Key, spec §3).

The key table (SEB key, attribute, type check, SEB's default, and where the defaults come from)
is :mod:`launcher.config.settings_table`: adding a key is one line there plus one annotated
attribute (no default) in :class:`Settings`.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from launcher.config.errors import UnsupportedValue
from launcher.config.record_init import init_from_fields
from launcher.config.settings_table import (
    BY_KEY,
    FIELDS,
    PURPOSE_CONFIGURE_CLIENT,
    VIEW_MODE_FULLSCREEN,
    EmbeddedCertificate,
    UrlFilterRule,
    downloads_allowed,
    problems,
    uploads_allowed,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False, init=False)
class Settings:
    """The settings of one loaded configuration. Build with :meth:`from_dict` (or
    :meth:`defaults`); the attributes carry no defaults of their own: :data:`FIELDS` holds them.

    Attribute names are listed in :data:`FIELDS` next to the SEB key they come from;
    ``raw`` is the dictionary as it was in the file (do not modify it: the Config Key is
    computed from it).
    """

    raw: Mapping[str, Any] = field(repr=False)

    start_url: str
    quit_url: str
    quit_url_confirm: bool
    quit_url_restart: bool
    hashed_quit_password: str = field(repr=False)
    hashed_admin_password: str = field(repr=False)
    allow_quit: bool
    config_purpose: int
    seb_mode: int
    originator_version: str

    exam_key_salt: bytes = field(repr=False)
    send_browser_exam_key: bool

    user_agent_suffix: str
    user_agent_win_desktop_mode: int
    user_agent_win_desktop_custom: str
    user_agent_win_touch_mode: int
    user_agent_win_touch_custom: str
    user_agent_mac_mode: int
    user_agent_mac_custom: str
    touch_optimized: bool

    url_filter_enable: bool
    url_filter_enable_content_filter: bool
    url_filter_rules: tuple[UrlFilterRule, ...]

    new_window_by_link_policy: int
    new_window_by_link_block_foreign: bool
    new_window_by_script_policy: int
    new_window_by_script_block_foreign: bool
    allow_reload: bool
    show_reload_warning: bool
    new_window_allow_reload: bool
    new_window_show_reload_warning: bool
    allow_back_forward: bool
    new_window_allow_back_forward: bool
    browser_view_mode: int
    window_title_suffix: str

    enable_zoom_page: bool
    allow_spell_check: bool
    allow_find: bool
    allow_down_uploads: bool
    download_and_open_seb_config: bool
    download_pdf_files: bool
    allow_pdf_reader_toolbar: bool
    allow_print: bool
    allow_video_capture: bool
    allow_audio_capture: bool
    media_capture_camera: bool
    media_capture_microphone: bool
    allow_developer_console: bool

    clear_cookies_on_start: bool
    clear_cookies_on_end: bool
    reconfigure_allow: bool
    reconfigure_config_url: str
    embedded_certificates: tuple[EmbeddedCertificate, ...] = field(repr=False)

    seb_server_url: str
    seb_server_configuration: Mapping[str, Any] = field(repr=False)

    show_task_bar: bool
    show_reload_button: bool
    show_time: bool
    enable_alt_f4: bool
    enable_esc: bool
    enable_right_mouse: bool
    enable_print_screen: bool
    enable_alt_tab: bool
    enable_alt_esc: bool
    enable_ctrl_esc: bool
    enable_start_menu: bool
    enable_f1: bool
    enable_f2: bool
    enable_f3: bool
    enable_f4: bool
    enable_f5: bool
    enable_f6: bool
    enable_f7: bool
    enable_f8: bool
    enable_f9: bool
    enable_f10: bool
    enable_f11: bool
    enable_f12: bool
    enable_injected: bool
    enable_middle_mouse: bool
    enable_alt_mouse_wheel: bool
    hook_keys: bool

    allow_virtual_machine: bool
    allowed_displays_max_number: int
    allowed_displays_ignore_failure: bool
    allowed_display_builtin_enforce: bool
    allowed_display_builtin: bool
    allow_display_mirroring: bool
    allow_screen_sharing: bool
    allow_screen_capture: bool
    detect_stopped_process: bool

    clipboard_policy: int
    prohibited_processes: tuple[Mapping[str, Any], ...] = field(repr=False)
    permitted_processes: tuple[Mapping[str, Any], ...] = field(repr=False)
    lock_screen_background_color: str
    disable_session_change_lock_screen: bool
    enable_session_verification: bool
    display_always_on: bool
    system_always_on: bool

    seb_server_fallback: bool
    seb_server_fallback_attempts: int
    seb_server_fallback_attempt_interval: int
    seb_server_fallback_timeout: int
    seb_server_fallback_password_hash: str = field(repr=False)
    raise_hand_button_show: bool
    raise_hand_button_always_prompt_message: bool

    allow_downloads: bool
    allow_uploads: bool
    enable_javascript: bool
    restart_exam_url_setting: str
    restart_exam_use_start_url: bool
    restart_exam_text: str
    restart_exam_password_protected: bool
    allow_application_log: bool
    show_application_log_button: bool
    battery_charge_threshold_low: float
    battery_charge_threshold_critical: float
    allow_wlan: bool
    show_input_language: bool
    audio_control_enabled: bool
    audio_mute: bool
    audio_set_volume_level: bool
    audio_volume_level: int

    def __init__(self, **values: Any) -> None:
        """Every field by keyword (``from_dict`` does it); not generated by ``dataclasses``
        (``launcher.config.record_init``: ~2 ms of every exam's start)."""
        init_from_fields(self, values)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Settings:
        """Read ``raw`` (a parsed plist dictionary) with SEB's defaults for absent keys.

        A value of the wrong type is ignored as SEB for Windows ignores it (its default applies,
        ``launcher.config.wrong_types`` logs a warning), except in a security setting: then, and
        for a value SEB does not define, raises :class:`UnsupportedValue` naming the key.
        """
        if not isinstance(raw, Mapping):
            raise UnsupportedValue(
                "The configuration does not contain a settings dictionary.",
                detail=f"top level is {type(raw).__name__}",
            )
        from launcher.config.wrong_types import ignore_wrong_types

        usable, _ignored = ignore_wrong_types(raw, FIELDS)  # as SEB for Windows; security keys still refuse
        values = {f.attr: f.check(f.key, usable[f.key]) if f.key in usable else f.default for f in FIELDS}
        settings = cls(raw=raw, **values)
        log.debug(
            "settings read: %d keys in file, purpose %d, URL filter %s with %d rules",
            len(raw), settings.config_purpose, settings.url_filter_enable, len(settings.url_filter_rules),
        )
        return settings

    @staticmethod
    def problems(raw: Mapping[str, Any]) -> list[UnsupportedValue]:
        """Every value in ``raw`` that :meth:`from_dict` would refuse, each with why — all of
        them, where ``from_dict`` stops at the first (for ``config inspect``; ``open`` keeps
        using ``from_dict``). One problem per bad setting, per bad rule or certificate entry."""
        return problems(raw)

    @classmethod
    def defaults(cls) -> Settings:
        """SEB's defaults: the settings of an empty configuration."""
        return cls.from_dict({})

    def value(self, key: str) -> Any:
        """The typed value for SEB key ``key`` (its default when absent from the file)."""
        return getattr(self, BY_KEY[key].attr)

    # ---- derived facts the other layers ask for ---------------------------------------

    @property
    def has_quit_password(self) -> bool:
        """A quit password is set (SEB for Windows: hash not empty or white space)."""
        return bool(self.hashed_quit_password.strip())

    @property
    def has_admin_password(self) -> bool:
        return bool(self.hashed_admin_password.strip())

    @property
    def configures_client(self) -> bool:
        """``sebConfigPurpose`` = 1: the file configures the client instead of starting an exam."""
        return self.config_purpose == PURPOSE_CONFIGURE_CLIENT

    @property
    def filter_main_requests(self) -> bool:
        """The URL filter judges navigations (``URLFilterEnable``)."""
        return self.url_filter_enable

    @property
    def filter_content_requests(self) -> bool:
        """The URL filter also judges sub-resources: SEB for Windows requires both flags."""
        return self.url_filter_enable and self.url_filter_enable_content_filter

    @property
    def allow_pdf_reader(self) -> bool:
        """PDFs open in the built-in reader unless ``downloadPDFFiles`` asks to download them."""
        return not self.download_pdf_files

    @property
    def fullscreen(self) -> bool:
        return self.browser_view_mode == VIEW_MODE_FULLSCREEN

    # ---- parity (issue 11) ---------------------------------------------------------------

    @property
    def downloads_allowed(self) -> bool:
        """Files may be downloaded: see :func:`downloads_allowed`."""
        return downloads_allowed(self.raw)

    @property
    def custom_user_agent(self) -> str:
        """SEB for Windows' custom user agent (``BrowserDataMapper.MapUserAgentMode``): in desktop
        mode (``touchOptimized`` false) with ``browserUserAgentWinDesktopMode`` not 0, the text
        of ``browserUserAgentWinDesktopModeCustom`` replaces the engine's; "" otherwise."""
        if self.touch_optimized or self.user_agent_win_desktop_mode == 0:
            return ""
        return self.user_agent_win_desktop_custom.strip()

    @property
    def restart_exam_url(self) -> str:
        """Where the restart-exam button leads ("" = no button), as SEB for Windows'
        ``InitializeBrowserHomeFunctionality``: the start URL with ``restartExamUseStartURL``,
        else ``restartExamURL`` unless blank."""
        if self.restart_exam_use_start_url:
            return self.start_url
        return self.restart_exam_url_setting.strip()

    @property
    def uploads_allowed(self) -> bool:
        """Files may be chosen for upload: see :func:`uploads_allowed`."""
        return uploads_allowed(self.raw)

    # ---- what the kiosk needs that is not one key's typed value ----------------------------

    @property
    def window_mode(self) -> bool:
        """SEB's window mode: ``browserViewMode`` 0 written in the file. Without the key the
        exam is shown full screen (the typed default 0 cannot tell the two apart)."""
        return self.browser_view_mode == 0 and "browserViewMode" in self.raw

    @property
    def trusted_certificates(self) -> tuple[bytes, ...]:
        """DER data of the ``embeddedCertificates`` a server certificate is trusted through
        (types 0 SSL, 2 CA, 3 SSL debug), as the file has them: ``certificateData``, else the
        base64 of ``certificateDataBase64`` or SEB for Windows' ``certificateDataWin``."""
        return _trusted_ders(self.raw.get("embeddedCertificates"))


#: SEB's certificate types that make a server certificate trusted (0 SSL, 2 CA, 3 SSL debug).
TRUSTING_CERT_TYPES = frozenset({0, 2, 3})


def _trusted_ders(entries: Any) -> tuple[bytes, ...]:
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
