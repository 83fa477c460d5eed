"""The kiosk's view of the settings: what the browser, window and session act on.

One job: derive, once per session, a frozen, cheap-to-read object from the core's typed
``Settings`` (``launcher.config.settings``): the kiosk reads no SEB key by name. Qt-free.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from launcher.config.start_url import log_start_url

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

#: ``clipboardPolicy`` values (SEB: 0 allow, 1 block, anything else isolated).
CLIPBOARD_ALLOW, CLIPBOARD_BLOCK, CLIPBOARD_ISOLATED = 0, 1, 2


def spell_check_languages(settings: Settings) -> tuple[str, ...]:
    """The exam's spell-checking languages (``allowSpellCheckDictionary``, as written in the
    file: the core does not type it); the desktop's language when the exam names none; () when
    spell checking is off (``allowSpellCheck``)."""
    if not settings.allow_spell_check:
        return ()
    names = settings.raw.get("allowSpellCheckDictionary", [])
    if isinstance(names, str):
        names = [names]
    wanted = [n.strip() for n in names if isinstance(n, str) and n.strip()] if isinstance(names, (list, tuple)) else []
    if wanted:
        return tuple(wanted)
    from launcher.platform.dictionaries import system_language

    return (system_language(),)


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
    def from_settings(cls, settings: Settings) -> KioskOptions:
        st = settings
        return cls(
            start_url=log_start_url(st.start_url),  # repaired as SEB for Windows does
            quit_url=st.quit_url,
            quit_url_confirm=st.quit_url_confirm,
            allow_quit=st.allow_quit,
            hashed_quit_password=st.hashed_quit_password,
            send_keys=st.send_browser_exam_key,
            user_agent_suffix=st.user_agent_suffix,
            allow_reload=st.allow_reload,
            show_reload_warning=st.show_reload_warning,
            allow_back_forward=st.allow_back_forward,
            allow_zoom=st.enable_zoom_page,
            allow_spell_check=st.allow_spell_check,
            allow_down_uploads=st.allow_down_uploads,
            allow_print=st.allow_print,
            allow_dev_tools=st.allow_developer_console,
            allow_video=st.allow_video_capture,
            allow_audio=st.allow_audio_capture,
            clear_cookies_on_start=st.clear_cookies_on_start,
            clear_cookies_on_end=st.clear_cookies_on_end,
            link_policy=st.new_window_by_link_policy,
            script_policy=st.new_window_by_script_policy,
            trusted_certificates=st.trusted_certificates,
            enable_alt_tab=st.enable_alt_tab,
            enable_alt_f4=st.enable_alt_f4,
            enable_esc=st.enable_esc,
            enable_alt_esc=st.enable_alt_esc,
            enable_ctrl_esc=st.enable_ctrl_esc,
            enable_start_menu=st.enable_start_menu,
            enable_f_keys=(st.enable_f1, st.enable_f2, st.enable_f3, st.enable_f4, st.enable_f5, st.enable_f6,
                           st.enable_f7, st.enable_f8, st.enable_f9, st.enable_f10, st.enable_f11, st.enable_f12),
            enable_print_screen=st.enable_print_screen,
            enable_right_mouse=st.enable_right_mouse,
            enable_middle_mouse=st.enable_middle_mouse,
            enable_alt_mouse_wheel=st.enable_alt_mouse_wheel,
            enable_injected=st.enable_injected,
            clipboard_policy=_clipboard_policy(st.clipboard_policy),
            lock_screen_color=st.lock_screen_background_color or KioskOptions.lock_screen_color,
            detect_stopped_process=st.detect_stopped_process,
            session_change_locks=not st.disable_session_change_lock_screen,
            session_verification=st.enable_session_verification,
            display_always_on=st.display_always_on,
            system_always_on=st.system_always_on,
            allow_downloads=st.downloads_allowed,
            allow_uploads=st.uploads_allowed,
            custom_user_agent=st.custom_user_agent,
            enable_javascript=st.enable_javascript,
            allow_find=st.allow_find,
            pdf_viewer=st.allow_pdf_reader,
            spell_check_languages=spell_check_languages(st),
        )


def _clipboard_policy(value: int) -> int:
    """SEB reads 0 as allow, 1 as block and every other value as isolated."""
    return value if value in (CLIPBOARD_ALLOW, CLIPBOARD_BLOCK) else CLIPBOARD_ISOLATED
