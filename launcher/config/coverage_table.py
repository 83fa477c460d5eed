"""Which SEB settings this launcher honours: the table itself (:data:`TABLE`), read by
:mod:`launcher.config.coverage`.

One job: list every key SEB for Windows reads (``SafeExamBrowser.Configuration/
ConfigurationData/Keys.cs`` as its ``DataMapping/*DataMapper.cs`` use them, with the sub-keys of
``prohibitedProcesses``, ``permittedProcesses``, ``URLFilterRules``, ``embeddedCertificates``,
``proxies`` and ``sebServerConfiguration`` each under its own name ``parent.sub``) and the SEB for
macOS keys (``Classes/ConfigFiles/SEBSettings.m``) that matter on a desktop, each with one of
four statuses:

* ``honoured`` — the launcher acts on it as SEB does; ``test`` names the test that proves it
  (``tests/unit/test_coverage.py`` checks that the test exists);
* ``detected only`` — read and shown or logged, but nothing is enforced;
* ``not applicable`` — means nothing on this operating system (Windows services, macOS-only);
* ``not supported`` — not implemented; ``note`` says why.

Keys the lockdown holds (``launcher/lockdown``, the kiosk's key, mouse, clipboard and lock-screen
guards; README's Lockdown sections) carry ``owner="lockdown"`` and a note starting "lockdown". Their
status is what the code does on Linux/X11 today; ``launcher.lockdown.enforcement`` says the same per
platform (``tests/unit/test_coverage.py`` checks the two agree).

Pure Python, no Qt: the CLI and the start path import it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

HONOURED = "honoured"
DETECTED = "detected only"
NOT_APPLICABLE = "not applicable"
NOT_SUPPORTED = "not supported"
STATUSES = (HONOURED, DETECTED, NOT_APPLICABLE, NOT_SUPPORTED)

#: Where a key comes from: SEB for Windows, SEB for macOS (desktop keys), or both.
WIN = "Windows"
MAC = "macOS"
BOTH = "Windows, macOS"

_ESCAPE = "tests/qt/test_kiosk_escape.py::"
_QUIT = "tests/qt/test_kiosk_quit.py::"
_NAV = "tests/qt/test_kiosk_navigation.py::"
_KEYS = "tests/qt/test_kiosk_keys.py::"
_PROC = "tests/qt/test_kiosk_proctoring.py::"
_COOKIES = "tests/qt/test_kiosk_cookies.py::"
_PARITY = "tests/qt/test_kiosk_parity.py::"
_DETECT = "tests/unit/test_lockdown_detectors.py::"
_PROCS = "tests/unit/test_lockdown_processes.py::"
_OPEN_LD = "tests/e2e/test_lockdown_open.py::"
_PERMIT = "tests/unit/test_lockdown_permitted.py::"
_PERMIT_QT = "tests/qt/test_permitted_programs.py::"
_OPEN_QT = "tests/qt/test_open_lockdown.py::"
_GUARD = "tests/qt/test_input_guard_table.py::"
_GUARD_PAGE = "tests/qt/test_input_guard_page.py::"
_LOCK = "tests/qt/test_lock_screen.py::"
_X11_LOCK = "tests/x11/test_x11_lock.py::"
_X11_BUS = "tests/x11/test_x11_session_bus.py::"
_SERVER_QT = "tests/qt/test_server_exam.py::"
_SERVER_API = "tests/unit/test_server_client.py::"
_SERVER_CLI = "tests/e2e/test_cli_open_server.py::"


@dataclass(frozen=True)
class Coverage:
    """One key: its status here, why, and the test that proves an ``honoured`` status.

    ``security``: ignoring the key can give a student more than the exam allows (these come
    first in every report). ``owner``: another part of the project that honours it
    (``"lockdown"``).
    """

    key: str
    status: str
    source: str = WIN
    note: str = ""
    test: str = ""
    security: bool = False
    owner: str = ""
    matches: Any = None  # a value under which the launcher already behaves as asked (see ``unhonoured``)


def _h(key: str, test: str, note: str = "", *, source: str = WIN, security: bool = False) -> Coverage:
    return Coverage(key, HONOURED, source, note, test, security)


def _lock(key: str, test: str = "", note: str = "", *, status: str = HONOURED, source: str = WIN,
          security: bool | None = None) -> Coverage:
    """A key the lockdown holds (note "lockdown…"); an honoured one names its test like any other.
    Security-relevant unless it does not apply here, or ``security`` says otherwise."""
    text = f"lockdown{': ' + note if note else ''}"
    sec = status != NOT_APPLICABLE if security is None else security
    return Coverage(key, status, source, text, test, sec, "lockdown")


def _d(key: str, note: str, *, source: str = WIN, security: bool = False) -> Coverage:
    return Coverage(key, DETECTED, source, note, "", security)


def _na(key: str, note: str, *, source: str = WIN, security: bool = False) -> Coverage:
    return Coverage(key, NOT_APPLICABLE, source, note, "", security)


def _ns(key: str, note: str, *, source: str = WIN, security: bool = False) -> Coverage:
    return Coverage(key, NOT_SUPPORTED, source, note, "", security)


def _as(entry: Coverage, value: Any) -> Coverage:
    """``entry`` whose key, set to ``value``, asks for what the launcher does anyway."""
    return replace(entry, matches=value)


_WINDOWS_SERVICE = "SEB for Windows' service changes Windows policies; a Linux session has none of them"
_PROXY = "the desktop's proxy settings apply; per-exam proxies are not supported yet"
_LIVE_PROCTORING = "live proctoring (Jitsi Meet, Zoom) is not supported: there is no proctoring view"
_PNG = "screenshots are always sent as full-size PNG"
_METADATA = ("not read: the page's URL and title, the window title and \"SEB Launcher\" as the application "
             "are always sent")
_JOIN = "taken from SEB Server's screen-proctoring JOIN instruction, which carries them"
_SOUND = "tests/unit/test_exam_audio.py::"
_SOUND_QT = "tests/qt/test_exam_sound.py::"
_AUDIO = "Linux: the default output through the sound server (PulseAudio or pipewire-pulse, libpulse)"
_SPELLING = "tests/qt/test_spell_check.py::test_a_misspelt_german_word_is_marked_when_the_exam_allows_spell_checking"

#: The table. Order: SEB for Windows' Keys.cs groups, then SEB for macOS' desktop keys.
TABLE: tuple[Coverage, ...] = (
    # -- Applications (ApplicationDataMapper.cs) -------------------------------------------
    _lock("prohibitedProcesses", _PROCS + "test_configuration_entries_add_replace_and_drop",
          "Linux: a built-in list plus the os=1 entries; the student's processes ended by pid at start "
          "(asked first unless strongKill) and during the exam"),
    _lock("prohibitedProcesses.active", _PROCS + "test_configuration_entries_add_replace_and_drop",
          "false removes a built-in name; an entry without it is not used, as in SEB"),
    _lock("prohibitedProcesses.os", _PROCS + "test_configuration_entries_add_replace_and_drop",
          "only os=1 (Windows) entries count, .exe dropped: SEB has no Linux value"),
    _lock("prohibitedProcesses.executable", _PROCS + "test_configuration_entries_add_replace_and_drop"),
    _lock("prohibitedProcesses.originalName", _PROCS + "test_an_entry_also_matches_its_original_name"),
    _lock("prohibitedProcesses.strongKill",
          _OPEN_LD + "test_a_prohibited_program_is_ended_with_strong_kill_and_the_exam_runs",
          "at start only; during the exam a new one is ended whatever strongKill, as SEB for Windows"),
    _lock("permittedProcesses", _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam",
          "entries that resolve to a Linux program start and end with the exam; their windows are not "
          "raised above the exam window", security=False),
    _lock("permittedProcesses.active", _PERMIT + "test_linux_programs_resolve_windows_ones_are_skipped",
          security=False),
    _lock("permittedProcesses.os", note="not read: an entry of any os runs when its executable is a Linux "
          "program", status=NOT_SUPPORTED, security=False),
    _lock("permittedProcesses.executable",
          _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam", "without .exe, on PATH",
          security=False),
    _lock("permittedProcesses.path", _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam",
          "a Linux folder; a Windows path skips the entry", security=False),
    _lock("permittedProcesses.arguments",
          _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam", security=False),
    _lock("permittedProcesses.arguments.active", _PERMIT + "test_linux_programs_resolve_windows_ones_are_skipped",
          security=False),
    _lock("permittedProcesses.arguments.argument",
          _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam", security=False),
    _lock("permittedProcesses.autostart",
          _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam", security=False),
    _lock("permittedProcesses.allowUserToChooseApp", note="not read: the program is found from path and "
          "executable only; the student cannot pick one", status=NOT_SUPPORTED, security=False),
    _lock("permittedProcesses.runInBackground",
          _OPEN_QT + "test_a_permitted_program_that_may_run_in_background_is_left_running",
          "an instance started before the exam may keep running; without it, it is ended first (asked)",
          security=False),
    _lock("permittedProcesses.strongKill",
          _PERMIT + "test_permitted_programs_started_before_the_exam_must_be_ended_unless_they_run_in_background",
          "an instance started before the exam is ended unasked (as a prohibited one)", security=False),
    _lock("permittedProcesses.title", _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam",
          "the taskbar button's text", security=False),
    _lock("permittedProcesses.description", note="not shown anywhere", status=NOT_SUPPORTED, security=False),
    _lock("permittedProcesses.iconInTaskbar",
          _PERMIT_QT + "test_autostart_and_taskbar_programs_run_and_end_with_the_exam", security=False),
    _lock("permittedProcesses.originalName",
          _PERMIT + "test_permitted_programs_started_before_the_exam_must_be_ended_unless_they_run_in_background",
          "names an instance started before the exam (as executable does); the program the exam starts "
          "is found by path and executable", security=False),
    _lock("permittedProcesses.signature", note="Authenticode signatures do not exist on Linux",
          status=NOT_APPLICABLE),
    # -- Audio (AudioDataMapper.cs) --------------------------------------------------------
    _h("audioVolumeLevel", _SOUND_QT + "test_the_exam_mutes_and_sets_the_volume_and_quitting_restores_them",
       "with audioSetVolumeLevel; restored at the end, or at the next start after a killed launcher"),
    _h("audioMute", _SOUND + "test_mute_and_volume_hold_during_the_exam_and_are_restored_after_it",
       _AUDIO + "; restored at the end, or at the next start after a killed launcher"),
    _h("audioSetVolumeLevel", _SOUND + "test_only_the_volume_is_set_when_audio_mute_is_off", _AUDIO),
    # -- Browser (BrowserDataMapper.cs) ----------------------------------------------------
    _h("downloadAndOpenSebConfig", "tests/unit/test_navigation.py::test_no_reconfiguration_when_opening_configs_is_off",
       security=True),
    _as(_ns("allowCustomDownUploadLocation", "files go to the user's download folder; no folder chooser"), False),
    _h("allowDeveloperConsole", _ESCAPE + "test_devtools_shortcut", security=True),
    _h("allowDownloads", _PARITY + "test_downloads_follow_allow_downloads", security=True),
    _h("allowFind", _PARITY + "test_find_bar_follows_allow_find"),
    _h("enableZoomPage", _PARITY + "test_no_zoom_controls_and_no_ctrl_wheel_zoom_when_zoom_is_off"),
    _as(_ns("allowPDFReaderToolbar", "the PDF viewer always shows its toolbar (its download and print "
        "buttons still follow allowDownloads and allowPrint)"), True),
    _h("allowPrint", _ESCAPE + "test_print_refused_when_not_allowed", security=True),
    _h("allowSpellCheck", _SPELLING, "dictionaries: seb-launcher dictionaries install"),
    _h("allowUploads", _PARITY + "test_uploads_follow_allow_uploads", security=True),
    _h("browserUserAgentWinDesktopModeCustom", _PARITY + "test_custom_desktop_user_agent"),
    _na("browserUserAgentWinTouchModeCustom", "touch (tablet) mode is Windows-only"),
    _na("removeBrowserProfile", "the browser cache is kept in memory only: nothing is left to remove"),
    _h("examSessionClearCookiesOnEnd", _COOKIES + "test_cookies_do_not_outlive_a_default_session"),
    _h("examSessionClearCookiesOnStart", _COOKIES + "test_cookies_kept_when_the_configuration_keeps_them"),
    _na("downloadDirectoryWin", "a Windows path; files go to the user's download folder"),
    _h("downloadPDFFiles", _PARITY + "test_pdfs_open_in_the_viewer_unless_download_pdf_files"),
    _as(_ns("enableSebBrowser", "the launcher is the browser: an exam without it cannot run here", security=True), True),
    _h("examKeySalt", "tests/unit/test_keys.py::test_exam_keys_from_settings_and_server_bek", security=True),
    _h("restartExamText", _PARITY + "test_restart_button_returns_to_the_start_after_confirmation"),
    _h("restartExamPasswordProtected", _PARITY + "test_restart_url_with_password", security=True),
    _h("restartExamURL", _PARITY + "test_restart_url_with_password"),
    _h("restartExamUseStartURL", _PARITY + "test_restart_button_returns_to_the_start_after_confirmation"),
    _h("newBrowserWindowByLinkPolicy", _ESCAPE + "test_target_blank_link_follows_link_policy", security=True),
    _h("newBrowserWindowByLinkBlockForeign", _PARITY + "test_new_windows_to_other_hosts_are_blocked_when_configured",
       "as SEB for Windows, for every new window", security=True),
    _h("quitURL", _QUIT + "test_quit_url_in_main_frame_ends_the_exam"),
    _h("quitURLConfirm", _QUIT + "test_quit_url_with_confirmation"),
    _h("quitURLRestart", _PARITY + "test_quit_url_restarts_the_exam_with_quit_url_restart"),
    _h("sendBrowserExamKey", _KEYS + "test_no_headers_when_not_configured", security=True),
    _na("browserShowFileSystemElementPath", "the file chooser is the desktop's own"),
    _h("showReloadButton", _PARITY + "test_clock_and_reload_button_follow_show_time_and_show_reload_button"),
    _as(_ns("enableBrowserWindowToolbar", "the exam window has no navigation toolbar"), False),
    _h("startURL", _KEYS + "test_headers_on_every_exam_request_and_none_to_other_hosts"),
    _h("browserUserAgentWinDesktopMode", _PARITY + "test_custom_desktop_user_agent"),
    _na("browserUserAgentWinTouchMode", "touch (tablet) mode is Windows-only"),
    _h("browserUserAgent", _KEYS + "test_no_headers_when_not_configured"),
    _as(_ns("startURLAppendQueryParameter", "the start URL is opened as written"), False),
    _as(_ns("useTemporaryDownUploadDirectory", "files go to the user's download folder"), False),
    _as(_ns("newBrowserWindowAllowAddressBar", "windows never show an address bar", security=False), False),
    _h("newBrowserWindowNavigation", _PARITY + "test_new_windows_follow_their_own_reload_and_navigation_keys",
       "the window's own back/forward switch, applied as the exam window's (test_back_forward)"),
    _h("newBrowserWindowAllowReload", _PARITY + "test_new_windows_follow_their_own_reload_and_navigation_keys"),
    _h("newBrowserWindowShowReloadWarning", _PARITY + "test_new_windows_follow_their_own_reload_and_navigation_keys"),
    _as(_ns("newBrowserWindowShowURL", "windows never show the URL"), 0),
    _h("newBrowserWindowByLinkHeight", "tests/unit/test_window_layout.py::test_new_windows_default_to_the_right_half"),
    _h("newBrowserWindowByLinkWidth", _PARITY + "test_new_windows_open_at_their_configured_place"),
    _h("newBrowserWindowByLinkPositioning", _PARITY + "test_new_windows_open_at_their_configured_place"),
    _h("URLFilterEnableContentFilter", _NAV + "test_content_filter_blocks_sub_resources", security=True),
    _h("URLFilterEnable", _NAV + "test_blocked_url_shows_the_blocked_page", security=True),
    _h("URLFilterRules", _NAV + "test_blocked_url_shows_the_blocked_page", security=True),
    _h("URLFilterRules.action", "tests/unit/test_urlfilter.py::test_block_rules_come_first", security=True),
    _h("URLFilterRules.active", "tests/unit/test_urlfilter.py::test_inactive_rules_do_not_count", security=True),
    _h("URLFilterRules.expression", "tests/unit/test_urlfilter.py::test_simplified_rule_case_from_seb", security=True),
    _h("URLFilterRules.regex", "tests/unit/test_urlfilter.py::test_regex_searches_anywhere_in_the_url", security=True),
    _as(_ns("browserWindowAllowAddressBar", "the exam window never shows an address bar"), False),
    _h("allowBrowsingBackForward", _ESCAPE + "test_back_forward", security=True),
    _h("browserWindowAllowReload", _QUIT + "test_reload_without_warning_and_reload_not_allowed"),
    _h("showReloadWarning", _QUIT + "test_reload_with_warning"),
    _as(_ns("browserWindowShowURL", "the exam window never shows the URL"), 0),
    _h("mainBrowserWindowHeight", _PARITY + "test_window_mode_places_the_exam_over_a_backdrop"),
    _h("browserViewMode", _PARITY + "test_window_mode_places_the_exam_over_a_backdrop",
       "without the key, or at full size, the exam is full screen; a smaller window gets a backdrop",
       security=True),
    _h("mainBrowserWindowWidth", _PARITY + "test_window_mode_places_the_exam_over_a_backdrop"),
    _h("mainBrowserWindowPositioning", _PARITY + "test_window_mode_places_the_exam_over_a_backdrop"),
    _as(_ns("proxySettingsPolicy", _PROXY), 0),
    _ns("proxies", _PROXY),
    _ns("proxies.AutoConfigurationEnabled", _PROXY),
    _ns("proxies.AutoConfigurationURL", _PROXY),
    _ns("proxies.AutoDiscoveryEnabled", _PROXY),
    _ns("proxies.ExceptionsList", _PROXY),
    *(
        _ns(f"proxies.{proto}{suffix}", _PROXY)
        for proto in ("FTP", "HTTP", "HTTPS", "SOCKS")
        for suffix in ("Enable", "Proxy", "Password", "Port", "RequiresPassword", "Username")
    ),
    # -- Configuration file (ConfigurationFileDataMapper.cs) --------------------------------
    _h("sebConfigPurpose", "tests/qt/test_open_client.py::test_an_admin_protected_client_file_is_stored_after_its_password"),
    _ns("clientConfigKeepEncryption", "client settings are always stored as received"),
    _h("sebMode", _SERVER_CLI + "test_a_server_exam_runs_end_to_end_and_ends_on_seb_quit",
       "1: the launcher connects to SEB Server instead of opening startURL"),
    # -- Display (DisplayDataMapper.cs) -------------------------------------------------------
    _lock("allowedDisplaysMaxNumber", "tests/x11/test_x11_screens.py::test_a_second_screen_refuses_an_exam_that_allows_one",
          "the larger of Qt's screens and the kernel's DRM connectors; refused at start, locked when one is added"),
    _lock("displayAlwaysOn", _X11_BUS + "test_with_disable_session_change_lock_screen_the_session_is_not_watched",
          "logind idle and org.freedesktop.ScreenSaver inhibited where the desktop offers them (else logged)",
          security=False),
    _lock("allowedDisplaysIgnoreFailure", _DETECT + "test_unreadable_connectors_refuse_unless_ignore_failure"),
    _lock("allowedDisplayBuiltinEnforce", _DETECT + "test_two_connected_connectors_one_internal",
          "built in: DRM connectors eDP, LVDS, DSI"),
    # -- General (GeneralDataMapper.cs) -------------------------------------------------------
    _ns("logLevel", "the launcher's own log level applies"),
    _d("originatorVersion", "shown by `seb-launcher config inspect`"),
    # -- Keyboard and mouse (InputDataMapper.cs) ----------------------------------------------
    _lock("enableAltEsc", _GUARD + "test_each_key_setting_is_applied"),
    _lock("enableAltTab", _GUARD_PAGE + "test_alt_tab_cycles_only_the_exams_own_windows_when_enabled",
          "X11 keyboard grab; true cycles the exam's own windows only (not other or permitted programs); "
          "Wayland: losing the focus for 2 s locks the exam"),
    _lock("enableAltF4", _X11_LOCK + "test_the_quit_password_dialog_gets_the_keyboard_while_it_is_shown",
          "true: Alt+F4 asks to quit, as the Quit button"),
    _lock("enableCtrlEsc", _GUARD + "test_each_key_setting_is_applied"),
    _lock("enableEsc", _GUARD_PAGE + "test_disabled_keys_never_reach_the_page_and_do_not_reload_it"),
    *(_lock(f"enableF{n}", _GUARD + "test_every_function_key_follows_its_own_setting") for n in range(1, 13)),
    _lock("enableInjected", "tests/x11/test_x11_census.py::test_keys_typed_by_a_program_do_not_reach_the_page_and_lock_the_exam",
          "X11: keys and clicks sent through XTEST are dropped and lock the exam naming the program "
          "(RECORD extension); not on Wayland (logged); a root student's uinput keyboard is out of reach"),
    _lock("enablePrintScreen", _GUARD + "test_each_key_setting_is_applied",
          "true lets Print reach the exam; under the X11 keyboard grab the desktop never gets it"),
    _lock("enableStartMenu", _GUARD + "test_each_key_setting_is_applied",
          "the Super key; true lets it reach the exam, the desktop never gets it under the X11 grab"),
    _lock("enableMiddleMouse", _GUARD_PAGE + "test_buttons_follow_their_settings"),
    _lock("enableRightMouse", _GUARD_PAGE + "test_buttons_follow_their_settings"),
    # -- Network (certificates) -------------------------------------------------------------
    _h("embeddedCertificates", _PROC + "test_a_different_embedded_certificate_does_not_help", security=True),
    _h("embeddedCertificates.certificateData", _PROC + "test_a_different_embedded_certificate_does_not_help"),
    _h("embeddedCertificates.type",
       "tests/unit/test_client_settings.py::test_embedded_identities_are_imported_into_the_keyring_when_stored"),
    # -- Proctoring (ProctoringDataMapper.cs) ---------------------------------------------------
    _ns("showProctoringViewButton", _LIVE_PROCTORING),
    _ns("showProctoringDisclaimer", "no notice to accept before proctoring starts (SEB's disclaimer dialog, a "
        "SEB Server setting); while screen proctoring runs, the taskbar says the screen is captured"),
    _h("enableScreenProctoring", _SERVER_QT + "test_screen_proctoring_is_ignored_when_the_exam_does_not_enable_it",
       "with SEB Server's screen-proctoring instruction; only the exam window is captured, not the screen",
       security=True),
    _ns("screenProctoringCacheSize", "no offline cache: at most 2 screenshots wait for upload, later ones are "
        "dropped"),
    _h("screenProctoringClientId", _SERVER_QT + "test_screen_proctoring_join_uploads_the_exam_window_and_leave_ends_it",
       _JOIN),
    _h("screenProctoringClientSecret",
       _SERVER_QT + "test_screen_proctoring_join_uploads_the_exam_window_and_leave_ends_it", _JOIN),
    _h("screenProctoringGroupId", _SERVER_QT + "test_screen_proctoring_join_uploads_the_exam_window_and_leave_ends_it",
       _JOIN),
    _ns("screenProctoringImageDownscale", _PNG),
    _as(_ns("screenProctoringImageFormat", _PNG), "png"),
    _ns("screenProctoringImageQuantization", _PNG),
    _h("screenProctoringScreenshotMaxInterval",
       _SERVER_QT + "test_the_screenshot_interval_follows_the_exam_configuration",
       "a screenshot every interval; SEB also takes one on user actions, this launcher does not"),
    _h("screenProctoringScreenshotMinInterval",
       _SERVER_QT + "test_the_screenshot_interval_follows_the_exam_configuration",
       "the interval is never shorter (there are no screenshots on user actions to space out)"),
    _h("screenProctoringServiceURL",
       _SERVER_QT + "test_screen_proctoring_join_uploads_the_exam_window_and_leave_ends_it", _JOIN),
    _as(_ns("screenProctoringMetadataActiveAppEnabled", _METADATA), True),
    _as(_ns("screenProctoringMetadataURLEnabled", _METADATA), True),
    _as(_ns("screenProctoringMetadataWindowTitleEnabled", _METADATA), True),
    # -- Security (SecurityDataMapper.cs) --------------------------------------------------------
    _h("hashedAdminPassword", "tests/qt/test_open_client.py::test_replacing_protected_settings_needs_their_admin_password",
       security=True),
    _h("allowApplicationLog", _PARITY + "test_application_log_button_opens_a_read_only_log"),
    _h("examSessionReconfigureAllow", _NAV + "test_seb_link_reconfigures_when_allowed", security=True),
    _na("allowStickyKeys", "a Windows accessibility feature", security=True),
    _h("allowQuit", _QUIT + "test_no_quit_button_when_quitting_is_not_allowed", security=True),
    _lock("allowVirtualMachine", _OPEN_LD + "test_a_virtual_machine_is_refused_with_exit_4_before_any_request",
          "refused at start (exit 4)"),
    _lock("allowScreenSharing", _DETECT + "test_loginctl_remote_session_is_refused_unless_screen_sharing_is_allowed",
          "partly: remote sessions are refused at start and screen-sharing servers lock the exam; X11 has no "
          "capture exclusion, so the screen is not hidden from a capture the checks do not know (Windows and "
          "macOS: the exam windows are excluded from capture, not yet run there)"),
    _lock("clipboardPolicy",
          "tests/x11/test_x11_clipboard.py::test_isolated_clipboard_is_emptied_kept_empty_and_works_inside_the_exam",
          "the clipboard and the X11 PRIMARY selection"),
    _lock("disableSessionChangeLockScreen",
          _X11_BUS + "test_with_disable_session_change_lock_screen_the_session_is_not_watched",
          "logind: a VT or user switch locks the exam unless true"),
    _lock("createNewDesktop", note="the Linux analogue is a kiosk session", status=NOT_APPLICABLE),
    _lock("killExplorerShell", note="Windows Explorer does not exist here", status=NOT_APPLICABLE),
    _h("hashedQuitPassword", _QUIT + "test_quit_password_wrong_then_right", security=True),
    _h("examSessionReconfigureConfigURL", "tests/unit/test_navigation.py::test_may_reconfigure", security=True),
    _na("enableCursorVerification", "Windows cursor configuration in the registry"),
    _lock("enableSessionVerification",
          _LOCK + "test_an_exam_that_did_not_end_cleanly_starts_locked_and_a_clean_end_forgets_it",
          "exams with a quit password: one that did not end cleanly starts locked"),
    _ns("sebAllowedVersions", "the launcher does not check SEB version restrictions yet", security=True),
    # -- SEB Server (ServerDataMapper.cs) -----------------------------------------------------------
    _h("sebServerConfiguration", _SERVER_CLI + "test_a_server_exam_runs_end_to_end_and_ends_on_seb_quit",
       security=True),
    _h("sebServerConfiguration.apiDiscovery", _SERVER_API + "test_the_configured_api_discovery_path_is_asked"),
    _h("sebServerConfiguration.clientName", _SERVER_API + "test_full_handshake_as_the_spec_says"),
    _h("sebServerConfiguration.clientSecret", _SERVER_API + "test_wrong_credentials_are_named"),
    _h("sebServerConfiguration.exam", _SERVER_API + "test_full_handshake_as_the_spec_says",
       "without it the student chooses from the running exams"),
    _h("sebServerConfiguration.institution", _SERVER_API + "test_full_handshake_as_the_spec_says"),
    _h("sebServerConfiguration.pingInterval", _SERVER_QT + "test_an_expired_token_is_renewed_and_pings_go_on"),
    _h("sebServerFallbackPasswordHash", _SERVER_QT + "test_server_down_at_start_fallback_with_its_password",
       security=True),
    _h("raiseHandButtonAlwaysPromptMessage",
       _SERVER_QT + "test_raise_hand_with_a_message_and_lowered_by_the_supervisor"),
    _h("sebServerFallback", _SERVER_QT + "test_server_down_at_start_fallback_with_its_password",
       "Retry and Abort always; Fallback only when true"),
    _h("sebServerFallbackAttempts", _SERVER_API + "test_down_server_is_tried_as_often_as_configured"),
    _h("sebServerFallbackAttemptInterval", _SERVER_API + "test_tries_wait_the_configured_interval_between_them"),
    _h("sebServerFallbackTimeout",
       _SERVER_API + "test_a_server_that_does_not_answer_gives_up_at_the_configured_timeout"),
    _h("sebServerURL", _SERVER_CLI + "test_a_server_exam_runs_end_to_end_and_ends_on_seb_quit", security=True),
    _h("raiseHandButtonShow", _SERVER_QT + "test_no_raise_hand_button_when_the_exam_hides_it"),
    # -- Service (ServiceDataMapper.cs): Windows policies ----------------------------------------
    *(
        _na(key, _WINDOWS_SERVICE)
        for key in (
            "enableChromeNotifications", "insideSebEnableEaseOfAccess", "enableFindPrinter",
            "insideSebEnableNetworkConnectionSelector", "insideSebEnableChangeAPassword",
            "insideSebEnableShutDown", "insideSebEnableLogOff", "insideSebEnableStartTaskManager",
            "insideSebEnableLockThisComputer", "insideSebEnableSwitchUser",
            "insideSebEnableVmWareClientShade", "enableWindowsUpdate", "sebServiceIgnore",
            "sebServicePolicy", "setVmwareConfiguration",
        )
    ),
    # -- System (SystemDataMapper.cs) --------------------------------------------------------------
    _lock("systemAlwaysOn", _X11_BUS + "test_with_disable_session_change_lock_screen_the_session_is_not_watched",
          "logind's sleep inhibitor where the desktop offers it (else logged)", security=False),
    # -- User interface (UserInterfaceDataMapper.cs) ---------------------------------------------
    _as(_na("touchOptimized", "touch (tablet) mode is Windows-only"), False),
    _as(_ns("showSideMenu", "the launcher has a taskbar only, no action centre"), False),
    _lock("lockScreenBackgroundColor",
          _LOCK + "test_locked_exam_shows_a_cover_per_screen_and_opens_only_for_the_quit_password",
          "SEB's red when the value is not a colour", security=False),
    _h("audioControlEnabled",
       _SOUND_QT + "test_the_volume_item_follows_the_server_and_is_absent_without_audio_control",
       "mute button and volume slider in the taskbar; hidden when no sound server runs"),
    _h("showTime", _PARITY + "test_clock_and_reload_button_follow_show_time_and_show_reload_button"),
    _h("showInputLanguage",
       "tests/qt/test_taskbar_items.py::test_the_exam_taskbar_has_a_keyboard_item_unless_show_input_language_is_off",
       "names the configured layouts (systemd-localed), not the active one; no switching"),
    _h("allowWlan", "tests/qt/test_taskbar_items.py::test_the_exam_taskbar_has_a_network_item_only_with_allow_wlan",
       "shows the network from NetworkManager; choosing another Wi-Fi network is not built"),
    _h("batteryChargeThresholdCritical", "tests/qt/test_taskbar_items.py::test_battery_from_sysfs_when_upower_is_absent"),
    _h("batteryChargeThresholdLow",
       "tests/qt/test_taskbar_items.py::test_the_exam_taskbar_shows_the_battery_at_the_exams_thresholds"),
    _as(_ns("showTaskBar", "the taskbar is always shown: the exam's notices and the quit button live in it"), True),
    _h("showApplicationLogButton", _PARITY + "test_application_log_button_opens_a_read_only_log"),
    _as(_ns("showQRVerifyButton", "SEB's QR code verification is not supported"), False),
    # -- SEB for macOS: keys that matter on a desktop ----------------------------------------------
    _h("allowDownUploads", _ESCAPE + "test_download_follows_policy",
       "older key; allowDownloads/allowUploads win when present", source=BOTH, security=True),
    _h("allowVideoCapture", _PROC + "test_camera_and_microphone_together_need_both", source=BOTH, security=True),
    _h("allowAudioCapture", _PROC + "test_camera_and_microphone_together_need_both", source=BOTH, security=True),
    _ns("browserMediaCaptureCamera", "allowVideoCapture decides", source=MAC, security=True),
    _ns("browserMediaCaptureMicrophone", "allowAudioCapture decides", source=MAC, security=True),
    _h("newBrowserWindowByScriptPolicy", _ESCAPE + "test_window_open_by_script_follows_policy", source=MAC,
       security=True),
    _h("newBrowserWindowByScriptBlockForeign", _PARITY + "test_new_windows_to_other_hosts_are_blocked_when_configured",
       source=MAC, security=True),
    _as(_ns("browserWindowTitleSuffix", "the window title is the page's", source=MAC), ''),
    _h("enableJavaScript", _PARITY + "test_javascript_follows_enable_javascript", source=MAC, security=True),
    _ns("blockPopUpWindows", "newBrowserWindowByScriptPolicy decides", source=MAC, security=True),
    _na("browserUserAgentMac", "the macOS user agent", source=MAC),
    _na("browserUserAgentMacCustom", "the macOS user agent", source=MAC),
    _h("allowSpellCheckDictionary", _SPELLING, "languages without a dictionary are logged", source=MAC),
    _as(_ns("allowDictionaryLookup", "the launcher has no dictionary lookup", source=MAC), False),
    _ns("zoomMode", "page zoom only (enableZoomPage)", source=MAC),
    _as(_ns("enableZoomText", "page zoom only (enableZoomPage)", source=MAC), False),
    _lock("enableAltMouseWheel", _GUARD + "test_mouse_buttons_and_wheel_follow_the_settings", source=BOTH),
    _as(_lock("hookKeys", note="not read: the key filter (and the X11 keyboard grab) always apply",
              status=NOT_SUPPORTED, source=BOTH, security=False), True),
    _lock("allowedDisplayBuiltin", note="not read (SEB for Windows' runtime ignores it too); "
          "allowedDisplayBuiltinEnforce decides", status=NOT_SUPPORTED, source=BOTH, security=False),
    _lock("allowDisplayMirroring", note="not read: with the kernel's DRM connectors a mirrored display counts "
          "as a display of its own, so allowedDisplaysMaxNumber 1 refuses it whatever this key; where Qt's "
          "screens decide (no DRM connectors), a mirror is one screen and is not detected",
          status=NOT_SUPPORTED, source=BOTH),
    _lock("detectStoppedProcess", _X11_LOCK + "test_a_stopped_launcher_locks_and_only_the_quit_password_opens_it",
          "a gap of more than 3 s in a 1 s tick locks the exam", source=MAC),
    _lock("enablePrivateClipboard", note="not read: clipboardPolicy decides (SEB's default, isolated, is the "
          "private clipboard)", status=NOT_SUPPORTED, source=MAC, security=False),
    _lock("allowScreenCapture", "tests/x11/test_x11_census.py::test_a_screen_capture_during_the_exam_locks_it_naming_the_program",
          "X11: a program connected to the exam's display that is not the desktop's, assistive or permitted "
          "is ended (during the exam: and the exam locks); a capture (GetImage) by one locks the exam; "
          "true: logged only. Screenshot tools are also on the prohibited list", source=MAC),
    _lock("allowWindowCapture", note="X11 has no capture exclusion", status=NOT_SUPPORTED, source=MAC),
    _lock("screenSharingMacEnforceBlocked", note="macOS screen sharing", status=NOT_APPLICABLE, source=MAC),
    _lock("enableAppSwitcherCheck", note="macOS Command-Tab check", status=NOT_APPLICABLE, source=MAC),
    _na("allowSiri", "macOS Siri", source=MAC, security=True),
    _na("allowDictation", "macOS dictation", source=MAC, security=True),
    _na("showMenuBar", "the macOS menu bar", source=MAC),
    _ns("taskBarHeight", "the taskbar has a fixed height", source=MAC),
    _as(_ns("showNavigationButtons", "the exam window has no navigation toolbar", source=MAC), False),
)
