"""Start the launcher's own process clean, however it was started (issue 17, items 1 and 2).

One job: before anything else is imported, re-execute the launcher once — Python in isolated
mode (``-I``: no ``PYTHON*`` variables, no user site directory, no current directory on the
path) and with the loader and toolkit variables of ``launcher.lockdown.loader_env`` dropped —
so neither this process' loader nor Python nor Qt, nor the engine's helper processes, ever
see them. A frozen app (PyInstaller: its boot loader ignores ``PYTHON*``) is re-executed only
when its environment must be cleaned. Nothing is re-executed on Windows (no ``exec``).

The re-executed process finds :data:`MARK` and does not re-execute again; what was dropped is
logged there (:func:`dropped`). A starter who sets the mark themselves skips the re-exec: the
start checks (``launcher.lockdown.interpreter``, ``loader_env``) then refuse the exam.
"""

from __future__ import annotations

import os
import sys

MARK = "SEB_LAUNCHER_ISOLATED"

#: Run by ``python -I -c``: argv[1] is the directory holding the ``launcher`` package (appended,
#: never in front of the standard library), argv[2] the original program name.
BOOT = ("import sys;d=sys.argv[1];sys.argv[:]=sys.argv[2:];d in sys.path or sys.path.append(d);"
        "from launcher.__main__ import main;sys.exit(main())")

_dropped: list[str] = []


def dropped() -> list[str]:
    """What the re-execution dropped from the environment (for the start log)."""
    return list(_dropped)


def isolate(argv: list[str] | None = None) -> None:
    """Re-execute the launcher isolated and with a clean environment, unless it already is.
    Returns only when nothing had to be done (or this platform cannot ``exec``)."""
    if os.name != "posix":
        return
    from launcher.lockdown import interpreter

    interpreter.running_as_program()
    mark = os.environ.pop(MARK, None)
    if mark is not None:
        _dropped[:] = [d for d in mark.split("\n") if d]
        _keep_name(sys.argv[0] if sys.argv else "")
        return
    from launcher.lockdown.loader_env import cleaned

    env, gone = cleaned(os.environ)
    frozen = bool(getattr(sys, "frozen", False))
    if (frozen or sys.flags.isolated) and not gone:
        return
    args = list(sys.argv if argv is None else argv)
    env[MARK] = "\n".join(gone)
    if frozen:  # the boot loader starts afresh (its own variables would make it a child)
        for name in [n for n in env if n.startswith("_PYI_")]:
            env.pop(name)
        command = [sys.executable, *args[1:]]
    else:
        package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        command = [sys.executable, "-I", "-c", BOOT, package_parent, args[0] if args else "seb-launcher",
                   *args[1:]]
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, command, env)
    except OSError as exc:  # then the start checks refuse the exam; the tools still work
        sys.stderr.write(f"seb-launcher: could not restart isolated: {exc}\n")


def _keep_name(argv0: str) -> None:
    """The restarted interpreter is called ``python`` in the process list: give it the
    program's name back (``ps``, ``top``, ``pgrep seb-launcher``)."""
    name = os.path.basename(argv0)
    if not sys.platform.startswith("linux") or not name or name.startswith("python"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):
        pass
