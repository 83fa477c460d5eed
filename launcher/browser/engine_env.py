"""What the browser engine may take from the environment: decided before QtWebEngine starts.

QtWebEngine reads ``QTWEBENGINE_CHROMIUM_FLAGS`` and ``QTWEBENGINE_*`` variables when it
initialises. Whoever starts the launcher could use them to open a remote-debugging port (and
drive or read the exam page from another program) or undo TLS and the URL filter
(``--ignore-certificate-errors``, ``--proxy-server``, ``--host-resolver-rules``,
``--disable-web-security``). So only a short allowlist stays — what headless runs, root,
tests and screen readers need — and remote debugging only for an exam that allows the
developer console (``allowDeveloperConsole``), with a warning. The loader and toolkit
variables (``launcher.lockdown.loader_env``) are dropped here too, and logged with what the
launcher's isolated restart already left out.
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

FLAGS_VAR = "QTWEBENGINE_CHROMIUM_FLAGS"
REMOTE_DEBUGGING_VAR = "QTWEBENGINE_REMOTE_DEBUGGING"
DICTIONARIES_VAR = "QTWEBENGINE_DICTIONARIES_PATH"  # set by the launcher only (allow_for_exam)

#: Chromium flags kept (exact, or the part before "=").
ALLOWED_FLAGS = frozenset({
    "--no-sandbox",  # as root Chromium starts only without its sandbox (run.py adds it, loudly)
    "--disable-gpu",  # headless machines and broken GPU drivers
    "--disable-gpu-compositing",
    "--disable-software-rasterizer",
    "--disable-dev-shm-usage",  # containers with a small /dev/shm
    "--use-gl",
    "--use-angle",
    "--use-fake-device-for-media-stream",  # tests: a camera/microphone that exists
    "--force-renderer-accessibility",  # screen readers
})

#: ``QTWEBENGINE_*`` variables kept; every other one is removed.
ALLOWED_VARS = frozenset({
    FLAGS_VAR,  # filtered flag by flag
    "QTWEBENGINE_DISABLE_SANDBOX",  # as --no-sandbox
})

_held_remote_debugging = ""
#: The process environment's engine variables were settled by :func:`allow_for_exam` (the engine
#: starts right after, once per process); whether remote debugging was given back then.
_settled = False
_remote_debugging_on = False


def _flag_name(flag: str) -> str:
    return flag.split("=", 1)[0]


def harden(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Remove what the engine must not take from ``environ`` (default ``os.environ``); hold a
    remote-debugging request back for :func:`allow_for_exam`. Returns what was dropped."""
    global _held_remote_debugging
    env = os.environ if environ is None else environ
    dropped: list[str] = []
    if environ is None:  # what the launcher's restart left out (launcher.platform.isolation)
        from launcher.platform.isolation import dropped as dropped_at_start

        dropped += dropped_at_start()
    from launcher.lockdown.loader_env import cleaned

    kept_env, gone = cleaned(env)  # loader and toolkit variables: also for the engine's helpers
    for name in {g.split(" ", 1)[0] for g in gone}:
        if name in kept_env:
            env[name] = kept_env[name]
        else:
            env.pop(name, None)
    dropped += gone
    for name in sorted(env):
        if name.startswith(("QTWEBENGINE_", "QTWEBENGINEPROCESS_")) and name not in ALLOWED_VARS:
            value = env.pop(name)
            if name == REMOTE_DEBUGGING_VAR:
                _held_remote_debugging = value
            dropped.append(name)
    flags = env.get(FLAGS_VAR, "").split()
    kept = [f for f in flags if _flag_name(f) in ALLOWED_FLAGS]
    removed = [f for f in flags if _flag_name(f) not in ALLOWED_FLAGS]
    if removed:
        dropped += [f"{FLAGS_VAR} {_flag_name(f)}" for f in removed]
        if kept:
            env[FLAGS_VAR] = " ".join(kept)
        else:
            env.pop(FLAGS_VAR, None)
    for what in dropped:
        if what != REMOTE_DEBUGGING_VAR:
            log.warning("Ignored from the environment (not allowed for an exam): %s", what)
    return dropped


#: What QtWebEngine adds to the process environment while its first profile starts (measured
#: with PySide6 6.12: ``force_s3tc_enable`` on every platform, ``EGL_PLATFORM`` on Wayland).
ENGINE_SETS: dict[str, str] = {"force_s3tc_enable": "true"}
ENGINE_SETS_WAYLAND: dict[str, str] = {"EGL_PLATFORM": "wayland"}
_before_start_done = False


def before_engine_start(platform_name: str, environ: MutableMapping[str, str] | None = None) -> list[str]:
    """On the GUI thread, before the first profile: set what the engine would add to the
    environment itself, with the engine's own values, so that it only replaces them.

    The engine adds them on the GUI thread while its font thread already reads the environment
    (``getenv`` in fontconfig); adding a variable makes glibc move the environment's array, and
    the reader then follows a freed pointer: the launcher crashed with SIGSEGV in
    ``FcConfigCreate`` at about one start in three on a busy machine under Wayland (two
    variables added there). A value already set (by the user) is left as it is. Returns what
    was set (once per process; later calls set nothing)."""
    global _before_start_done
    env = os.environ if environ is None else environ
    if environ is None:
        if _before_start_done:
            return []
        _before_start_done = True
    wanted = dict(ENGINE_SETS)
    if platform_name.split(":")[0].startswith("wayland"):
        wanted.update(ENGINE_SETS_WAYLAND)
    added = [name for name in wanted if name not in env]
    for name in added:
        env[name] = wanted[name]  # os.environ: putenv, while no engine thread runs yet
    return added


def allow_for_exam(settings: Settings, environ: MutableMapping[str, str] | None = None) -> None:
    """Before the engine starts: point it at the spell-checking dictionaries when the exam
    allows spell checking; give back the held remote-debugging request when the exam allows
    the developer console, otherwise say it is ignored. The engine starts once per process: a
    later call for the process environment (an exam after the sign-in page) changes nothing and
    says so when the exam would have wanted otherwise."""
    global _settled, _remote_debugging_on
    env = os.environ if environ is None else environ
    allowed = settings.allow_developer_console
    _dictionaries_for_exam(settings, env)
    if environ is None and _settled:
        # The engine already runs (it started for the sign-in page or an earlier exam): what it
        # started with stays for this process; say so instead of claiming a change.
        if _held_remote_debugging and allowed != _remote_debugging_on:
            log.warning(
                "Remote debugging stays %s (%s): the browser engine started %s it for the page "
                "shown before this exam, and cannot change that while it runs",
                "on" if _remote_debugging_on else "off", REMOTE_DEBUGGING_VAR,
                "with" if _remote_debugging_on else "without",
            )
        return
    if environ is None:
        _settled = True
    if not _held_remote_debugging:
        return
    if allowed:
        env[REMOTE_DEBUGGING_VAR] = _held_remote_debugging
        _remote_debugging_on = environ is None
        log.warning(
            "Remote debugging is on (%s=%s): this exam allows the developer console, so other "
            "programs on this computer can read and drive the exam page",
            REMOTE_DEBUGGING_VAR, _held_remote_debugging,
        )
    else:
        env.pop(REMOTE_DEBUGGING_VAR, None)
        log.warning("Ignored %s: this exam does not allow the developer console", REMOTE_DEBUGGING_VAR)


def _dictionaries_for_exam(settings: Settings, env: MutableMapping[str, str]) -> None:
    """Only for an exam with spell checking, and only the launcher's own directories (a value
    from outside was removed by :func:`harden`): nothing to do on other exams' start path."""
    from launcher.browser.options import spell_check_languages

    wanted = spell_check_languages(settings)
    if not wanted or DICTIONARIES_VAR in env:
        return
    from launcher.platform import dictionaries

    directory = dictionaries.point_engine(wanted, env)
    if directory is None:
        log.info("Spell checking is allowed, but no dictionaries are installed "
                 "(seb-launcher dictionaries install)")
