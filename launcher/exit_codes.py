"""The launcher's exit statuses: one table for every command (README lists them).

``open``/``demo`` end with the open flow's code (``ExamOpener.finished``); the administrative
commands (``config``, ``identity``, ``server``, ``doctor`` …) return theirs from ``cli``.
"""

from __future__ import annotations

import signal

#: The exam ended normally; an administrative command did what was asked.
EXIT_OK = 0
#: It could not be opened (bad file, wrong password, download failed …); a command failed.
EXIT_ERROR = 1
#: Usage: nothing to open, options that do not fit.
EXIT_USAGE = 2
#: The user cancelled (a password, a download, the sign-in, the question about prohibited
#: programs, the exam server).
EXIT_CANCELLED = 3
#: A lockdown check refused this machine at start (``launcher.lockdown``).
EXIT_REFUSED = 4
#: ``config inspect``: the file was read, but the launcher would refuse to run it (its problems
#: listed); 6–10 say why a file could not be read (``launcher.cli.config_inspect.READ_ERRORS``).
EXIT_PROBLEMS = 5
#: ``config inspect``: the file needs a password …
EXIT_NEEDS_PASSWORD = 6
#: … the password is wrong (or the encrypted data damaged) …
EXIT_WRONG_PASSWORD = 7
#: … it is not a SEB file …
EXIT_NOT_SEB_FILE = 8
#: … it is damaged (or too large or nested too deeply to open safely) …
EXIT_DAMAGED = 9
#: … it is encrypted for a certificate that is not installed.
EXIT_NO_IDENTITY = 10
#: Added to the signal's number when the system ended the launcher (SIGTERM: 143), as shells do.
EXIT_SIGNALLED = 128


def signalled(number: int) -> int:
    """The exit status after signal ``number`` ended the launcher."""
    return EXIT_SIGNALLED + number


#: Ctrl+C in the terminal (130).
EXIT_INTERRUPTED = signalled(signal.SIGINT)
