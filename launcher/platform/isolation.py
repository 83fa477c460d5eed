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

A start that is already what the re-execution would give is not re-executed (a second
interpreter start, ~30 ms of CPU before the exam's first request): no ``PYTHON*`` variable but
the few that load nothing (:data:`INERT`), no ``-X``/``-W``/``-i`` options, no user site
directory on the path, and nothing to drop from the loader's environment. Nothing but Python's
own start ran before this check then — the same as after ``-I`` (code that ran before it could
equally have replaced the re-executed command). The script's directory Python put first on the
path is taken off, as ``-I`` leaves it out.
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

#: ``PYTHON*`` variables that load no code and choose no path: a start with them set is as clean
#: as an isolated one. (``PYTHONPYCACHEPREFIX`` is not: it chooses where byte-code is read from.)
INERT = frozenset({"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUTF8"})
#: ``-X`` options that load nothing (``python -X importtime``: the benchmark's import profile).
INERT_X = frozenset({"importtime"})


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
    if not frozen and not gone and argv is None and started_clean():
        _leave_script_dir()
        interpreter.running_as_program(started_clean=True)
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


def started_clean(environ: dict[str, str] | os._Environ[str] | None = None, flags: object = sys.flags,
                  xoptions: dict[str, object] | None = None, path: list[str] | None = None) -> bool:
    """Did this (not isolated) interpreter start as ``-I`` would have made it start? No
    ``PYTHON*`` variable but :data:`INERT`, no options that change what Python runs or shows,
    and no user site directory on the path (its ``.pth`` files would have run)."""
    env = os.environ if environ is None else environ
    if any(name.startswith("PYTHON") and name not in INERT for name in env):
        return False
    if any(getattr(flags, f, 0) for f in ("inspect", "interactive", "dev_mode")):
        return False
    if set(sys._xoptions if xoptions is None else xoptions) - INERT_X or sys.warnoptions:
        return False
    if not getattr(flags, "no_user_site", 0) and not getattr(flags, "no_site", 0):
        import site

        user_site = site.USER_SITE if site.ENABLE_USER_SITE else None
        if user_site:
            real = os.path.realpath(user_site)
            if any(p and os.path.realpath(p) == real for p in (sys.path if path is None else path)):
                return False
    return True


def _leave_script_dir() -> None:
    """Take the script's directory (or the current one) off the front of the path, as ``-I``
    does, and keep the ``launcher`` package's own directory at its end (as :data:`BOOT`)."""
    if not sys.flags.safe_path and sys.path:
        del sys.path[0]
    package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if package_parent not in sys.path:
        sys.path.append(package_parent)
