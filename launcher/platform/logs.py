"""The launcher's log: a rotating file per user, warnings on the console, and no secrets in either.

:func:`setup_logging` adds a rotating file handler (``seb-launcher.log`` in the per-user log
directory, 1 MiB x 5 files) and a console handler for warnings to the root logger. Both carry
:class:`RedactingFilter`, which rewrites every record before it is written: values of
``password=``/``token:``-like pairs, ``X-SafeExamBrowser-*`` header values, cookies and
authorization headers, hex strings of 32+ digits (keys, key hashes, Config Keys) and base64
blobs longer than 40 characters become ``<redacted>``. So a secret that reaches a log call by
mistake still never reaches the file a student sends to support.

Cheap and deferrable: nothing here runs at import time; the app calls :func:`setup_logging`
after the exam's first ``load()`` (``logging.handlers`` and ``platformdirs`` are imported then).
:func:`export_logs` zips the logs plus a short system description for support
(``seb-launcher logs --export FILE``).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

from launcher.platform.crash_trace import CRASH_FILE_NAME

log = logging.getLogger(__name__)

LOG_FILE_NAME = "seb-launcher.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
#: Name of the console handler (the start path may have added one already; we reuse it).
CONSOLE_HANDLER_NAME = "seb-launcher-console"
FILE_HANDLER_NAME = "seb-launcher-file"
REDACTED = "<redacted>"

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# -- redaction -------------------------------------------------------------------------------

_SEB_HEADERS = re.compile(
    r"""(?ix)
    (?P<key>X-SafeExamBrowser-[\w-]+|SEBServerBEK|SEBConnectionToken)
    (?P<sep>['"]?\s*[:=,]\s*b?['"]?)
    (?P<val>[^\s'",;}\])]+)
    """
)
_WHOLE_LINE_HEADERS = re.compile(
    r"""(?ix)
    (?P<key>\b(?:proxy-)?authorization|\b(?:set-)?cookie)
    (?P<sep>['"]?\s*[:=]\s*)
    (?P<val>[^\r\n]+)
    """
)
_KEY_VALUE = re.compile(
    r"""(?x)
    (?<![\w.-])(?P<key>[\w.-]+)
    (?P<sep>['"]?\s*[:=]\s*b?)
    (?P<val>"[^"\r\n]*"|'[^'\r\n]*'|[^\s,;&'"}\])]+)
    """
)
_SECRET_NAME = re.compile(r"(?i)password|passwd|passphrase|pwd|secret|token|sesskey|api[_-]?key|credential")
_SECRET_WORDS = ("pass", "pwd", "secret", "token", "sesskey", "api", "credential")
_HEX = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])")
_BLOB = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{41,}={0,2}")
_WORDLIKE = re.compile(r"(?:[A-Za-z]?[a-z0-9]*|[A-Z0-9]+)")


def _blob(match: re.Match[str]) -> str:
    text = match.group(0)
    if "+" not in text and not text.endswith("="):
        # A long path or identifier (segments of ordinary words) is not a secret; random
        # base64 of this length practically never splits into word-like segments only.
        if all(_WORDLIKE.fullmatch(part) for part in re.split(r"[/_-]", text)):
            return text
    return REDACTED


def _key_value(match: re.Match[str]) -> str:
    key, sep, value = match.group("key", "sep", "val")
    if _SECRET_NAME.search(key):
        return key + sep + REDACTED
    # Not a secret's name, but the value may hold one (a URL's query, a nested pair).
    return key + sep + _KEY_VALUE.sub(_key_value, value)


def redact(text: str) -> str:
    """``text`` with everything that looks like a secret replaced by ``<redacted>``."""
    if not text:
        return text
    lower = text.lower()
    # Cheap substring checks first: most log lines contain none of these names.
    if "safeexambrowser" in lower or "sebserverbek" in lower or "sebconnectiontoken" in lower:
        text = _SEB_HEADERS.sub(lambda m: m.group("key") + m.group("sep") + REDACTED, text)
    if "cookie" in lower or "authorization" in lower:
        text = _WHOLE_LINE_HEADERS.sub(lambda m: m.group("key") + m.group("sep") + REDACTED, text)
    if any(word in lower for word in _SECRET_WORDS):
        text = _KEY_VALUE.sub(_key_value, text)
    text = _HEX.sub(REDACTED, text)
    return _BLOB.sub(_blob, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record in place so that no handler after it sees a secret: the formatted
    message, the exception text and the stack are redacted and the arguments dropped."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_seb_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep what we can, redacted
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # The text stands in for the exception now; keep the traceback objects (and the
            # secrets in their frames' locals) out of the record.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._seb_redacted = True
        return True


# -- set-up ------------------------------------------------------------------------------------

def log_dir() -> Path:
    """Where the log files are (the per-user log directory)."""
    from launcher.platform import paths

    return paths.user_log_dir()


def log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def _find(name: str) -> logging.Handler | None:
    for handler in logging.getLogger().handlers:
        if handler.get_name() == name:
            return handler
    return None


def _has_filter(handler: logging.Handler) -> bool:
    return any(isinstance(f, RedactingFilter) for f in handler.filters)


def setup_logging(verbose: bool = False, *, directory: Path | None = None, console: bool = True) -> Path:
    """Log to the rotating file (and warnings to stderr); returns the log file's path.

    Safe to call again (only the level changes). ``verbose`` logs debug records too and shows
    info on the console. ``directory`` overrides the per-user log directory.
    """
    root = logging.getLogger()
    level = logging.DEBUG if verbose else logging.INFO
    root.setLevel(level)

    file_handler = _find(FILE_HANDLER_NAME)
    if file_handler is None:
        from logging.handlers import RotatingFileHandler

        folder = directory if directory is not None else log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(folder, 0o700)  # other users of a shared computer do not read our logs
        except OSError:
            pass
        file_handler = RotatingFileHandler(
            folder / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        file_handler.set_name(FILE_HANDLER_NAME)
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        file_handler.addFilter(RedactingFilter())
        root.addHandler(file_handler)
    file_handler.setLevel(level)

    console_handler = _find(CONSOLE_HANDLER_NAME)
    if console_handler is None and console:
        console_handler = logging.StreamHandler(sys.stderr)
        console_handler.set_name(CONSOLE_HANDLER_NAME)
        console_handler.setFormatter(logging.Formatter("seb-launcher: %(message)s"))
        root.addHandler(console_handler)
    if console_handler is not None:
        console_handler.setLevel(logging.INFO if verbose else logging.WARNING)
        if not _has_filter(console_handler):
            console_handler.addFilter(RedactingFilter())

    logging.captureWarnings(True)
    _route_qt_messages()
    assert isinstance(file_handler, logging.FileHandler)  # ours, found by its name
    path = Path(file_handler.baseFilename)
    log.debug("Logging to %s", path)
    return path


def shutdown_logging() -> None:
    """Remove what :func:`setup_logging` added (tests; the end of a tool's run)."""
    root = logging.getLogger()
    for name in (FILE_HANDLER_NAME, CONSOLE_HANDLER_NAME):
        handler = _find(name)
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    global _qt_handler
    qtcore = sys.modules.get("PySide6.QtCore")
    if _qt_handler is not None and qtcore is not None:
        current = qtcore.qInstallMessageHandler(None)  # back to Qt's default output
        if current is not None and current is not _qt_handler:
            qtcore.qInstallMessageHandler(current)  # not ours after all: leave it
    _qt_handler = None


_qt_logger = logging.getLogger("qt")
_qt_handler = None


def _route_qt_messages() -> None:
    """Send Qt's own messages through logging (so they are redacted and kept), but only if Qt is
    loaded already (the tools do not pay for it) and nobody else installed a handler."""
    global _qt_handler
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None or _qt_handler is not None:
        return
    levels = {
        qtcore.QtMsgType.QtDebugMsg: logging.DEBUG,
        qtcore.QtMsgType.QtInfoMsg: logging.INFO,
        qtcore.QtMsgType.QtWarningMsg: logging.WARNING,
        qtcore.QtMsgType.QtCriticalMsg: logging.ERROR,
        qtcore.QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind, context, message):  # noqa: ANN001 - Qt's signature
        category = getattr(context, "category", "") or "default"
        _qt_logger.log(levels.get(kind, logging.WARNING), "[%s] %s", category, message)

    previous = qtcore.qInstallMessageHandler(handler)
    if previous is not None:
        qtcore.qInstallMessageHandler(previous)  # someone else's (a test runner, an embedder): keep it
        return
    _qt_handler = handler


# -- support export ----------------------------------------------------------------------------

def system_info() -> str:
    """A few lines for support: OS, Python, Qt, PySide6 and launcher versions. No user data."""
    import platform

    import launcher

    lines = [
        f"SEB Launcher: {launcher.__version__} (SEB compatibility {launcher.SEB_COMPAT_VERSION})",
        f"OS: {platform.platform()} ({platform.machine()})",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
    ]
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        lines.append(f"PySide6: {PySide6.__version__}")
        lines.append(f"Qt: {qVersion()}")
    except ImportError as exc:
        lines.append(f"PySide6: not available ({exc})")
    try:
        from PySide6.QtWebEngineCore import qWebEngineChromiumVersion, qWebEngineVersion

        # PySide6's type stubs say these return bytes; they return str
        lines.append(f"QtWebEngine: {qWebEngineVersion()} (Chromium {qWebEngineChromiumVersion()})")  # type: ignore[str-bytes-safe]
    except ImportError:
        lines.append("QtWebEngine: not available")
    for name in ("XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE", "QT_QPA_PLATFORM", "LANG"):
        value = os.environ.get(name)
        if value:
            lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n"


def log_files(directory: Path | None = None) -> list[Path]:
    """The current log and its rotated predecessors, newest first; then a crash's traces."""
    folder = directory if directory is not None else log_dir()
    found = [folder / LOG_FILE_NAME] + [folder / f"{LOG_FILE_NAME}.{n}" for n in range(1, BACKUP_COUNT + 1)]
    found.append(folder / CRASH_FILE_NAME)
    return [p for p in found if p.is_file() and (p.name != CRASH_FILE_NAME or p.stat().st_size)]


def export_logs(target: Path, *, directory: Path | None = None) -> list[str]:
    """Write a zip for support: every log file (redacted once more, for logs written by older
    versions or by hand) and ``system-info.txt``. Returns the names in the zip."""
    import zipfile

    target = Path(target)
    for handler in logging.getLogger().handlers:
        if handler.get_name() == FILE_HANDLER_NAME:
            handler.flush()
    names: list[str] = []
    tmp = target.with_name(f".{target.name}.part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in log_files(directory):
                text = path.read_text(encoding="utf-8", errors="replace")
                archive.writestr(path.name, "\n".join(redact(line) for line in text.split("\n")))
                names.append(path.name)
            archive.writestr("system-info.txt", system_info())
            names.append("system-info.txt")
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    log.info("Exported %d log file(s) for support", len(names) - 1)
    return names
