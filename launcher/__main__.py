"""Command-line entry point: dispatches to a command module, importing only that one.

``seb-launcher FILE_OR_URL`` (the form the OS calls), ``open``, ``demo`` and no argument
run an exam; ``config``, ``identity``, ``register``/``unregister``, ``logs`` and
``dictionaries`` are tools.
Imports stay lazy: the exam start path must not pay for the tools' modules. Started as a
program, the launcher first re-executes itself isolated (``launcher.platform.isolation``).
"""

from __future__ import annotations

import sys
from importlib import import_module

#: command word -> module under launcher.cli that implements it with ``main(argv) -> int``.
COMMANDS: dict[str, str] = {
    "open": "run",
    "demo": "run",
    "config": "config",
    "identity": "identity",
    "register": "system",
    "unregister": "system",
    "logs": "system",
    "server": "server",
    "doctor": "doctor",
    "dictionaries": "dictionaries",
}

USAGE = """\
usage: seb-launcher [FILE_OR_URL]
       seb-launcher open FILE_OR_URL
       seb-launcher demo
       seb-launcher config {inspect,check-url,encrypt,decrypt,keys} ...
       seb-launcher identity {import,list,remove} ...
       seb-launcher register|unregister [--system]
       seb-launcher logs --path | --export FILE
       seb-launcher server check FILE [--json]
       seb-launcher doctor FILE|LINK [URL] [--json]
       seb-launcher dictionaries install [--system] [LANG ...] | list

Opens Safe Exam Browser configurations (.seb files, seb:// and sebs:// links)
and runs the exam in a locked kiosk window.
"""


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # started as a program: Python isolated, loader environment clean
        from launcher.platform import crash_trace
        from launcher.platform.isolation import isolate

        crash_trace.to_stderr()  # a crash leaves every thread's stack, not just "Segmentation fault"
        isolate()  # re-executes this program once, or returns
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0
    if args and args[0] in ("-V", "--version"):
        from launcher import __version__

        sys.stdout.write(f"seb-launcher {__version__}\n")
        return 0
    if args and args[0] in COMMANDS:
        module = import_module(f"launcher.cli.{COMMANDS[args[0]]}")
        return int(module.main(args) or 0)
    # No command word: a file, a link, or nothing (client settings' start URL).
    module = import_module("launcher.cli.run")
    return int(module.main(["open", *args]) or 0)


if __name__ == "__main__":
    sys.exit(main())
