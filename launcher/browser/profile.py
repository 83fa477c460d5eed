"""The exam's browser profile: user agent, cookies, settings, scripts, downloads.

One job: build the ``QWebEngineProfile`` a session runs in from ``KioskOptions`` — an
off-the-record profile when cookies are cleared at start and end (nothing ever touches disk),
otherwise a named on-disk profile whose cookies are wiped as configured; SEB's user agent; the
``window.SafeExamBrowser`` script and its key scheme; spell check; and engine settings that keep
the page inside the kiosk.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings

import launcher
from launcher.browser import jsapi
from launcher.browser.options import KioskOptions

log = logging.getLogger(__name__)

WA = QWebEngineSettings.WebAttribute


def user_agent(engine_ua: str, suffix: str, custom: str = "") -> str:
    """Engine UA (or the configuration's ``custom`` one, as SEB for Windows'
    ``InitializeUserAgent``) + `` SEB/<version>`` + (if set) `` `` + ``browserUserAgent``."""
    ua = f"{custom.strip() or engine_ua} SEB/{launcher.SEB_COMPAT_VERSION}"
    suffix = suffix.strip()
    return f"{ua} {suffix}" if suffix else ua


#: The one on-disk profile of this process (Chromium allows one live profile per storage name):
#: sessions that keep cookies share it, one after the other.
_persistent: QWebEngineProfile | None = None
PERSISTENT_NAME = "seb-launcher-exam"


def is_shared(profile: QWebEngineProfile) -> bool:
    """True for the on-disk profile sessions share: a session must not delete it."""
    return profile is _persistent


def _persistent_profile() -> QWebEngineProfile:
    global _persistent
    if _persistent is None:
        from launcher.platform.paths import user_data_dir

        root = user_data_dir() / "browser"
        _persistent = QWebEngineProfile(PERSISTENT_NAME)
        _persistent.setPersistentStoragePath(str(root / "storage"))
        _persistent.setCachePath(str(root / "cache"))
        _persistent.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.ForcePersistentCookies
        )
        log.info("using the on-disk browser profile (cookies kept between sessions)")
    else:  # left over from the previous session: take its parts off
        _persistent.scripts().clear()
        _persistent.removeAllUrlSchemeHandlers()
        _persistent.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # Qt takes nullptr; PySide6's stubs do not say so
    return _persistent


def _before_engine_start() -> None:
    from PySide6.QtGui import QGuiApplication

    from launcher.browser import engine_env

    engine_env.before_engine_start(QGuiApplication.platformName())


def build_profile(options: KioskOptions, keys: Any, parent: QObject | None = None) -> QWebEngineProfile:
    """A profile configured for the exam (no interceptor yet: the session adds it).

    Cookies cleared at start and end (SEB's default): an off-the-record profile, nothing on
    disk. Otherwise the shared on-disk profile, its cookies wiped now if cleared at start.
    """
    _before_engine_start()
    if options.clear_cookies_on_start and options.clear_cookies_on_end:
        profile = QWebEngineProfile(parent)  # off the record: memory only
    else:
        profile = _persistent_profile()
        if options.clear_cookies_on_start:
            profile.cookieStore().deleteAllCookies()  # (clearing the cache here stalls the first load)
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentPermissionsPolicy(
        QWebEngineProfile.PersistentPermissionsPolicy.AskEveryTime
    )
    profile.setHttpUserAgent(
        user_agent(profile.httpUserAgent(), options.user_agent_suffix, options.custom_user_agent)
    )
    _spell_check(profile, options)
    profile.setPushServiceEnabled(False)

    s = profile.settings()
    s.setAttribute(WA.JavascriptEnabled, options.enable_javascript)
    s.setAttribute(WA.JavascriptCanOpenWindows, options.script_policy != 0)
    s.setAttribute(WA.JavascriptCanAccessClipboard, False)
    s.setAttribute(WA.LocalContentCanAccessRemoteUrls, False)
    s.setAttribute(WA.LocalContentCanAccessFileUrls, False)
    s.setAttribute(WA.AllowRunningInsecureContent, False)
    s.setAttribute(WA.ScreenCaptureEnabled, False)
    s.setAttribute(WA.PdfViewerEnabled, options.pdf_viewer)  # else PDFs are downloads (downloadPDFFiles)
    s.setAttribute(WA.PluginsEnabled, options.pdf_viewer)  # the viewer is a plugin: without it, a download
    s.setAttribute(WA.FullScreenSupportEnabled, True)
    s.setAttribute(WA.ErrorPageEnabled, True)
    s.setAttribute(WA.FocusOnNavigationEnabled, True)
    s.setAttribute(WA.PlaybackRequiresUserGesture, False)

    profile.scripts().insert(jsapi.api_script())
    handler = jsapi.KeyHashHandler(keys, parent if parent is not None else profile)
    profile.installUrlSchemeHandler(jsapi.SCHEME, handler)
    _clipboard_policy(profile, handler, options)
    return profile


def _spell_check(profile: QWebEngineProfile, options: KioskOptions) -> None:
    """``allowSpellCheck`` with the ``allowSpellCheckDictionary`` languages this computer has
    dictionaries for; the missing ones only go to the log (the student sees no message)."""
    if not options.allow_spell_check:
        profile.setSpellCheckEnabled(False)
        return
    from launcher.platform import dictionaries

    use, missing = dictionaries.choose(options.spell_check_languages, dictionaries.engine_languages())
    if missing:
        log.warning(
            "Spell checking: no dictionary for %s on this computer (install with: seb-launcher "
            "dictionaries install %s)", ", ".join(missing), " ".join(missing),
        )
    profile.setSpellCheckLanguages(use)
    profile.setSpellCheckEnabled(bool(use))
    if use and profile.isSpellCheckEnabled():
        log.info("Spell checking in %s", ", ".join(use))
    elif use:  # the engine started before it was given the dictionaries (an earlier exam)
        log.warning("Spell checking is off: the browser engine started without dictionaries; "
                    "it is on when the launcher is started for this exam")


def _clipboard_policy(profile: QWebEngineProfile, handler: jsapi.KeyHashHandler, options: KioskOptions) -> None:
    """Block or isolate the page's copy and paste (``clipboardPolicy``)."""
    from launcher.browser.clipboard import ClipboardStore, clipboard_script

    script = clipboard_script(options.clipboard_policy)
    if script is None:
        return
    profile.scripts().insert(script)
    handler.clipboard = ClipboardStore()


def clear_cookies(profile: QWebEngineProfile) -> None:
    """Wipe the profile's cookies and HTTP cache (end of an on-disk session)."""
    profile.cookieStore().deleteAllCookies()
    profile.clearHttpCache()
