"""``seb-launcher open [FILE_OR_URL]`` and ``seb-launcher demo``: run an exam in the kiosk.

One job: set up the process (Chromium flags, QApplication), hand the source to the open flow
(``launcher.opening.flow.ExamOpener``) and turn its outcome into the exit code. The start path is kept
short on purpose: QApplication, read and key the configuration, create the session, load —
the log file, the single-instance server and everything else start only after the exam's first
``load()`` (see :func:`_after_first_load`).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Mapping
from typing import Any

from launcher.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE, signalled

log = logging.getLogger(__name__)

USAGE_OPEN = """\
usage: seb-launcher open [FILE_OR_URL]

Opens an exam configuration: a .seb file, a file:// URL, a seb:// or sebs:// link, or an
http(s):// address of a .seb file. Without an argument, the exam of this computer's client
settings is started, if there are any.
"""

USAGE_DEMO = """\
usage: seb-launcher demo [--check]

Starts a small demo exam on this computer (a local web server on 127.0.0.1) and opens it in
the kiosk, so you can see what students see. The invigilator (quit) password is: demo

--check   walk through the demo by itself (every page, then its quit URL without asking) and
          exit 0 when the exam server accepted the keys on every page: a quick check that
          this installation works
"""

NOTHING_TO_OPEN = """\
Nothing to open: give a .seb file or a seb://, sebs:// or https:// link, for example

    seb-launcher open exam.seb
    seb-launcher open sebs://exam.example.org/config.seb

or try the demo exam:  seb-launcher demo
"""


class _EarlyLog(logging.Handler):
    """Keeps log records in memory until the log file is set up after the first load, so the
    start path does not open files or import ``logging.handlers``."""

    def __init__(self, limit: int = 500) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.limit = limit

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.limit:
            self.records.append(record)


def _start_early_logging() -> _EarlyLog:
    root = logging.getLogger()
    early = _EarlyLog()
    root.addHandler(early)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("seb-launcher: %(message)s"))
    console.set_name("seb-launcher-console")
    root.addHandler(console)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return early


def _setup_log_file(early: _EarlyLog) -> None:
    """Hook: the platform layer's rotating log file (``launcher.platform.logs``), then replay
    what was logged before it existed."""
    root = logging.getLogger()
    root.removeHandler(early)
    from launcher.platform import logs

    try:
        path = logs.setup_logging()
    except Exception:  # a log file must never stop an exam
        log.exception("Could not set up the log file")
        return
    from launcher.platform import crash_trace

    crash_trace.also_to(path.parent)  # (started as a program only)
    for record in early.records:
        for handler in root.handlers:
            if handler.get_name() != "seb-launcher-console" and record.levelno >= handler.level:
                handler.handle(record)
    early.records.clear()


def _head_start(command: str, argument: str | None, client_file: str) -> Any:
    """A local exam file is read, keyed and checked while Qt loads
    (``launcher.opening.head_start``: a process of its own on Linux). None for a link, the demo
    and the client settings: they start identifying recorders and compute the launcher's
    signature (for the Browser Exam Key) on threads of their own."""
    if command == "open" and argument and not client_file and not _is_link(argument):
        from launcher.opening.head_start import HeadStart

        return HeadStart(argument).start()
    if sys.platform.startswith("linux"):
        from launcher.lockdown.processes import start_identifying

        start_identifying()  # recorders by what they are: resolved while Qt starts
    import threading

    from launcher.config.app_signature import app_signature

    threading.Thread(target=app_signature, name="app-signature", daemon=True).start()
    return None


def _is_link(argument: str) -> bool:
    """``seb://``, ``sebs://``, ``https://`` … (a file's path or ``file://`` URL is not): the open
    flow downloads it; told apart here without importing ``launcher.opening.sources``."""
    scheme, sep, _rest = argument.partition("://")
    return bool(sep) and scheme.isalpha() and scheme.lower() != "file"


def _chromium_flags() -> None:
    """As root, Chromium refuses to start without ``--no-sandbox``: add it, and say so."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags.split():
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
            log.warning(
                "Running as root: the browser engine's sandbox is switched off (--no-sandbox). "
                "Run the launcher as a normal user for an exam."
            )


def _client_settings_file() -> str:
    """This computer's client settings file (the machine-wide one wins), or '' (hook for the
    platform layer: ``seb-launcher`` with no argument runs the exam those settings start)."""
    from launcher.platform import paths

    for path in paths.client_config_files():
        if path.is_file():
            return str(path)
    return ""


def _parse(argv: list[str]) -> tuple[str, str | None, int | None]:
    """(command, argument, exit code if we are done already)."""
    command = argv[0] if argv else "open"
    rest = argv[1:]
    if any(a in ("-h", "--help") for a in rest):
        sys.stdout.write(USAGE_DEMO if command == "demo" else USAGE_OPEN)
        return command, None, EXIT_OK
    if command == "demo":
        if rest and rest != ["--check"]:
            sys.stderr.write(USAGE_DEMO)
            return command, None, EXIT_USAGE
        return command, (rest[0] if rest else None), None
    if len(rest) > 1 or (rest and rest[0].startswith("-") and rest[0] != "-"):
        sys.stderr.write(USAGE_OPEN)
        return command, None, EXIT_USAGE
    return command, (rest[0] if rest else None), None


NO_SCREEN = ("seb-launcher: There is no screen to show the exam on: this session has no X11 or "
             "Wayland display. Start the exam from the desktop (for a test without a screen: "
             "QT_QPA_PLATFORM=offscreen).\n")


def _no_screen(environ: Mapping[str, str]) -> bool:
    """Linux without any display for Qt to open: Qt would abort with its own plugin message.
    (Only for that message: which platform the exam runs on is decided from what Qt opened.)"""
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return False
    if environ.get("XDG_SESSION_TYPE") == "wayland":  # Qt then tries the default wayland-0
        return False
    return not any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"))


def main(argv: list[str]) -> int:
    command, argument, done = _parse(argv)
    if done is not None:
        return done
    early = _start_early_logging()
    client_file = ""
    if command == "open" and not argument:
        client_file = _client_settings_file()
        if not client_file:
            sys.stderr.write(NOTHING_TO_OPEN)
            return EXIT_USAGE
        argument = client_file

    from launcher.browser import engine_env

    engine_env.harden()  # before QtWebEngine can read the environment
    from launcher.lockdown.debugger import no_core_dumps

    no_core_dumps()  # inherited by the engine's helper processes
    _chromium_flags()
    # The exam's own work on a thread while Qt loads (single_instance is the first to import it);
    # started once the environment is settled: nothing changes it under the thread any more.
    head = _head_start(command, argument, client_file)

    # Another launcher of this user already running? Hand the request over (a bare stat when
    # none is: the server itself starts after the first load).
    from launcher.app import feature_scan

    feature_scan.answer_in_advance()  # loads PySide: its per-import source scan, answered (~10 ms)
    instance = None
    if command == "open" and argument:
        from launcher.platform.single_instance import SingleInstance

        instance = SingleInstance()
        if instance.may_be_running() and not instance.acquire():
            # Our own client settings are not a new exam for the running launcher: just wake it.
            return EXIT_OK if instance.send("" if client_file else argument) else EXIT_ERROR

    if _no_screen(os.environ):
        log.error("No screen to show the exam on: no X11 or Wayland display in this session")
        sys.stderr.write(NO_SCREEN)
        return EXIT_ERROR
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from launcher.browser import prepare_app

    prepare_app()  # QtWebEngine's scheme and GL setup: before the QApplication exists
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] if sys.argv else "seb-launcher"])
    app.setApplicationName("seb-launcher")
    app.setApplicationDisplayName("SEB Launcher")
    # Wayland app_id "seb-launcher": the desktop matches our seb-launcher.desktop (GNOME keeps
    # its shortcuts-inhibitor permission under that id instead of asking at every exam)
    app.setDesktopFileName("seb-launcher")
    app.setQuitOnLastWindowClosed(False)  # the open flow decides when we are done
    from launcher.app import i18n

    i18n.install_translator(app)  # before any window: kiosk, dialogs (a few ms)
    interactive = app.platformName() not in ("offscreen", "minimal")

    from launcher.opening.flow import ExamOpener

    opener = ExamOpener(interactive=interactive, engine_first=True, head_start=head)  # engine beside the checks
    opener.finished.connect(functools.partial(_exit_soon, app))
    _end_on_stop_signals(app, opener)
    demo: Any = None

    def after_first_load(session: Any) -> None:
        # The exam's first request is on its way; the interceptor runs on this thread, so the
        # rest waits until the first page has loaded (or 3 s, whichever comes first).
        opener.sessionStarted.disconnect(after_first_load)
        done: list[bool] = []

        def once(*_args: Any) -> None:
            if not done:
                done.append(True)
                _after_first_load(early, opener, instance, "" if client_file else argument)

        page = getattr(session, "page", None)
        if page is not None:
            page.loadFinished.connect(once)
        QTimer.singleShot(3000 if page is not None else 0, once)

    opener.sessionStarted.connect(after_first_load)

    if command == "demo":
        from launcher.opening import demo as demo_module

        try:
            demo = demo_module.DemoExam(walk=argument == "--check").start()
        except OSError as exc:
            sys.stderr.write(f"seb-launcher: the demo exam could not start: {exc}\n")
            return EXIT_ERROR
        sys.stdout.write(f"Demo exam at {demo.base_url}/ — invigilator (quit) password: demo\n")
        sys.stdout.flush()
        opener.open_bytes(demo.config_bytes(), origin="demo exam")
    else:
        assert argument is not None
        opener.open(argument, as_exam=bool(client_file))

    try:
        if opener.exit_code is None:
            code = app.exec()
        else:
            code = opener.exit_code
    finally:
        if early in logging.getLogger().handlers:  # ended before the log file was set up
            _setup_log_file(early)
        if demo is not None:
            demo.stop()
        if instance is not None:
            instance.release()
    code = opener.exit_code if opener.exit_code is not None else int(code)
    if demo is not None and demo.walk:
        verified = demo.walked_through()
        sys.stdout.write(f"Demo check: {len(demo.checks)} pages, keys {'accepted' if verified else 'NOT accepted'}\n")
        code = code if verified else (code or 1)
    return _exit_now(code)


def _end_on_stop_signals(app: Any, opener: Any) -> None:
    """SIGTERM/SIGHUP/SIGINT end the exam as any end does (``ExamOpener.end_by_signal``); a
    second one while that is under way (SEB Server may take up to 10 s to answer) ends now."""
    from launcher.platform import stop_signals

    watcher = stop_signals.install(app)
    if watcher is None:
        return
    seen: list[int] = []

    def received(number: int) -> None:
        if seen:
            log.warning("%s again: ending now", stop_signals.name_of(number))
            _exit_now(signalled(seen[0]))
        seen.append(number)
        opener.end_by_signal(number)

    watcher.received.connect(received)


def _exit_now(code: int) -> int:
    """End the process once the exam is over, without the interpreter's teardown.

    The exam's windows and Chromium are already closed; tearing down the Qt bindings at
    interpreter exit can abort the process (PySide 6.12 drops references on signal
    disconnects), which would turn a clean exit into a crash report. Logs are flushed first.
    """
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
    return code  # not reached


def _after_first_load(early: _EarlyLog, opener: Any, instance: Any, argument: str | None) -> None:
    """Everything that can wait until the exam's first request is on its way."""
    _setup_log_file(early)
    if instance is not None:
        if not instance.acquire():
            # Lost a race with a launcher started at the same moment: leave the exam to it.
            log.warning("Another launcher started at the same time; handing the exam over to it")
            instance.send(argument or "")
            opener.finish(EXIT_ERROR)
            return
        instance.received.connect(functools.partial(_handover, opener))


def _exit_soon(app: Any, code: int) -> None:
    """End the event loop with ``code`` once the current event is done."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, functools.partial(app.exit, code))


def _handover(opener: Any, text: str) -> None:
    """A later ``seb-launcher LINK`` while we run: the running exam decides (spec §7)."""
    session = opener.session
    if not text:  # a plain second start: bring the running exam to the front
        window = getattr(session, "window", None)
        if window is not None:
            window.raise_()
            window.activateWindow()
        return
    if session is None:
        opener.open(text)
        return
    from launcher.config.errors import ReconfigureRefused
    from launcher.config.navigation import may_reconfigure
    from launcher.opening.sources import for_log

    settings = getattr(session, "settings", None)
    if settings is not None and may_reconfigure(settings, text):
        opener.request_reconfigure(text)
    else:  # the detail is logged: no user info or query (they may carry tokens)
        opener.fail(ReconfigureRefused(detail=f"refused: {for_log(text)}"))
