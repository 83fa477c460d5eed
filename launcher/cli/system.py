"""``seb-launcher register|unregister [--system]`` (and ``logs``): the OS-facing tools.

``main(argv)`` dispatches on ``argv[0]``, one function per command. ``register`` makes the OS
open ``seb://``/``sebs://`` links and ``.seb`` files with this launcher, for this user or
(``--system``) for all users; ``unregister`` undoes exactly that. Output is plain lines a
student or an IT person can act on; exit 0 when links and files will open with us.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from launcher.cli._common import OneLineParser, fail, run
from launcher.exit_codes import EXIT_ERROR, EXIT_OK, EXIT_USAGE

log = logging.getLogger(__name__)


def _parser(command: str, description: str) -> OneLineParser:
    parser = OneLineParser(prog=f"seb-launcher {command}", description=description)
    parser.add_argument(
        "--system",
        action="store_true",
        help="for all users of this computer (needs administrator rights where the OS allows it)",
    )
    return parser


def _report(result) -> int:  # result: launcher.platform.registration.Result
    for line in result.done:
        sys.stdout.write(f"  done: {line}\n")
    for line in result.notes:
        sys.stdout.write(f"  note: {line}\n")
    for line in result.problems:
        sys.stderr.write(f"  problem: {line}\n")
    sys.stdout.flush()
    return EXIT_OK if result.ok else EXIT_ERROR


def cmd_register(argv: list[str]) -> int:
    parser = _parser(
        "register",
        "Make this computer open seb:// and sebs:// links and .seb files with SEB Launcher.",
    )
    args = parser.parse_args(argv)

    def body() -> int:
        from launcher.platform.registration import RegistrationError, register

        try:
            result = register(system=args.system)
        except RegistrationError as exc:
            return fail(exc.message)
        code = _report(result)
        who = "all users" if args.system else "you"
        if code == EXIT_OK:
            sys.stdout.write(f"SEB Launcher now opens seb:// and sebs:// links and .seb files for {who}.\n")
        else:
            sys.stderr.write("Registration is incomplete: see the problems above.\n")
        return code

    return run("seb-launcher register", body)


def cmd_unregister(argv: list[str]) -> int:
    parser = _parser("unregister", "Undo 'seb-launcher register': remove the link and file associations.")
    args = parser.parse_args(argv)

    def body() -> int:
        from launcher.platform.registration import RegistrationError, unregister

        try:
            result = unregister(system=args.system)
        except RegistrationError as exc:
            return fail(exc.message)
        code = _report(result)
        if code == EXIT_OK:
            sys.stdout.write("SEB Launcher no longer handles seb:// and sebs:// links and .seb files here.\n")
        return code

    return run("seb-launcher unregister", body)


def cmd_logs(argv: list[str]) -> int:
    """``seb-launcher logs --path`` / ``--export FILE``: find or package the logs for support."""
    parser = OneLineParser(
        prog="seb-launcher logs",
        description="Show where SEB Launcher keeps its logs, or pack them into a zip for support "
        "(secrets are removed; a short description of this computer's OS and versions is added).",
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--path", action="store_true", help="print the log directory and file")
    group.add_argument("--export", metavar="FILE", help="write a zip with all logs and system info to FILE")
    args = parser.parse_args(argv)

    def body() -> int:
        from pathlib import Path

        from launcher.platform import logs

        if args.path:
            sys.stdout.write(f"{logs.log_file()}\n")
            return EXIT_OK
        target = Path(args.export).expanduser()
        names = logs.export_logs(target)
        count = len(names) - 1
        sys.stdout.write(f"Wrote {target.absolute()} ({count} log file{'s' if count != 1 else ''} and system-info.txt).\n")
        if count == 0:
            sys.stdout.write(f"No log files yet in {logs.log_dir()}.\n")
        return EXIT_OK

    return run("seb-launcher logs", body)


#: command word -> implementation; each takes the arguments after the command word.
COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "register": cmd_register,
    "unregister": cmd_unregister,
    "logs": cmd_logs,
}


def main(argv: list[str]) -> int:
    """``argv[0]`` is the command word (``register``, ``unregister``, ``logs``)."""
    if not argv or argv[0] not in COMMANDS:
        return fail(f"seb-launcher: unknown command {argv[0] if argv else ''!r} (see --help)", EXIT_USAGE)
    return COMMANDS[argv[0]](list(argv[1:]))
