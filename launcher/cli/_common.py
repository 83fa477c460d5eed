"""Shared plumbing of the ``config`` and ``identity`` tools: one-line errors, secrets from
options, the environment, stdin or a prompt, and identity providers for decryption.

Every failure a user can cause ends as one line on stderr and a non-zero exit, never a
traceback. Secrets are never logged.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from launcher.config.errors import ConfigError
from launcher.exit_codes import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_USAGE

log = logging.getLogger(__name__)

#: Read when a config password is needed and none was given on the command line.
PASSWORD_ENV = "SEB_LAUNCHER_PASSWORD"

#: Set to a non-empty value to get tracebacks of unexpected errors (for developers).
DEBUG_ENV = "SEB_LAUNCHER_DEBUG"


class UsageError(Exception):
    """Options that do not fit together; reported like an argparse error."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), pointing at --help."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see --help)\n")
        raise SystemExit(EXIT_USAGE)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def fail(message: str, code: int = EXIT_ERROR) -> int:
    sys.stderr.write(one_line(message) + "\n")
    sys.stderr.flush()
    return code


def os_error_message(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    name = exc.filename
    return f"{name}: {reason}" if name else reason


def quiet_logging() -> None:
    """Library log records must not reach the terminal (Python's last-resort handler prints
    warnings to stderr, which would break the one-line error contract). With
    ``SEB_LAUNCHER_DEBUG`` set, everything is logged to stderr instead."""
    root = logging.getLogger()
    if os.environ.get(DEBUG_ENV):
        if not root.handlers:
            logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
        return
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def run(prog: str, body: Callable[[], int]) -> int:
    """Run a command body; turn every error into one line on stderr and an exit code."""
    quiet_logging()
    try:
        return body()
    except UsageError as exc:
        return fail(f"{prog}: {exc} (see --help)", EXIT_USAGE)
    except ConfigError as exc:
        log.info("%s failed: %s", prog, type(exc).__name__)  # detail may name a key hash
        return fail(exc.message)
    except OSError as exc:
        return fail(os_error_message(exc))
    except KeyboardInterrupt:
        return fail("Interrupted.", EXIT_INTERRUPTED)
    except (EOFError, UnicodeError) as exc:
        return fail(f"Could not read the input: {type(exc).__name__}.")
    except Exception as exc:  # last resort: a tool must not dump a traceback on the user
        if os.environ.get(DEBUG_ENV):
            raise
        log.exception("%s: unexpected error", prog)
        return fail(f"Unexpected error ({type(exc).__name__}): {exc}")


def add_secret_options(
    parser: argparse.ArgumentParser, *, name: str = "password", what: str = "the configuration's password"
) -> None:
    """``--NAME PW``, ``--NAME-env VAR`` and ``--NAME-stdin``."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(f"--{name}", metavar="PW", help=f"{what} (visible in process lists; prefer the next two)")
    group.add_argument(f"--{name}-env", metavar="VAR", help=f"read {what} from environment variable VAR")
    group.add_argument(f"--{name}-stdin", action="store_true", help=f"read {what} from the first line of stdin")


_stdin_used = False


def _claim_stdin(what: str) -> None:
    global _stdin_used
    if _stdin_used:
        raise UsageError(f"stdin is already used; {what} cannot come from it too")
    _stdin_used = True


def read_stdin_line() -> str:
    """One secret from the first line of stdin (without its line break)."""
    _claim_stdin("a secret")
    line = sys.stdin.buffer.readline()
    return line.decode("utf-8").rstrip("\r\n")


def read_stdin_bytes(limit: int) -> bytes:
    """At most ``limit`` bytes of stdin (a file given as ``-``)."""
    _claim_stdin("the file")
    return sys.stdin.buffer.read(limit)


def secret_from(args: argparse.Namespace, name: str = "password", *, default_env: str | None = None) -> str | None:
    """The secret given by ``--NAME``/``--NAME-env``/``--NAME-stdin``, else ``default_env``, else None."""
    attr = name.replace("-", "_")
    value = getattr(args, attr, None)
    if value is not None:
        return str(value)
    env_name = getattr(args, f"{attr}_env", None)
    if env_name:
        if env_name not in os.environ:
            raise UsageError(f"environment variable {env_name} is not set")
        return os.environ[env_name]
    if getattr(args, f"{attr}_stdin", False):
        return read_stdin_line()
    if default_env and os.environ.get(default_env):
        return os.environ[default_env]
    return None


def can_prompt() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty() and not _stdin_used
    except (ValueError, OSError):
        return False


def prompt_secret(prompt: str) -> str:
    return getpass.getpass(prompt)


#: How often a person at a terminal may type a secret before the command gives up.
PROMPT_ATTEMPTS = 3


def retry_with_prompt(prompt: str, attempt: Callable[[str], Any], wrong: tuple[type[Exception], ...]) -> Any:
    """Ask for a secret on the terminal and call ``attempt(secret)``; on a ``wrong`` error ask
    again, up to :data:`PROMPT_ATTEMPTS` times, then let the last error through."""
    for number in range(1, PROMPT_ATTEMPTS + 1):
        try:
            return attempt(prompt_secret(prompt))
        except wrong as exc:
            if number == PROMPT_ATTEMPTS:
                raise
            sys.stderr.write(one_line(getattr(exc, "message", str(exc))) + " Try again.\n")
    raise AssertionError("unreachable")


def read_input_file(path: str) -> bytes:
    """The bytes of ``path`` (``-`` is stdin); OSError propagates as a one-line message."""
    if path == "-":
        return read_stdin_bytes(64 * 1024 * 1024)
    return Path(path).read_bytes()


def write_output_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` (``-`` is stdout), replacing it only when complete."""
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from launcher.platform.files import write_atomically

    write_atomically(Path(path), data)


def identity_providers(args: argparse.Namespace) -> Any:
    """The identities a decrypting command may use: ``--identity P12`` first, then the keyring."""
    from launcher.config.identities import CombinedIdentities, IdentityStore

    file_ids = None
    p12_path = getattr(args, "identity", None)
    if p12_path:
        data = read_input_file(p12_path)
        password = secret_from(args, "identity-password")
        file_ids = load_file_identities(data, password, p12_path)
    return CombinedIdentities(file_ids, IdentityStore())


def load_file_identities(data: bytes, password: str | None, label: str) -> Any:
    """A :class:`FileIdentities`, prompting for the PKCS#12 password on a terminal if needed."""
    from launcher.config.identities import FileIdentities, IdentityPasswordError

    if password is not None:
        return FileIdentities(data, password)
    try:
        return FileIdentities(data, None)
    except IdentityPasswordError:
        if not can_prompt():
            raise
    return retry_with_prompt(
        f"Password for {label}: ", lambda pw: FileIdentities(data, pw), (IdentityPasswordError,)
    )
