"""What the dynamic loader and the GUI toolkits may take from the environment, and which
libraries are really loaded into the launcher. (issue 17, item 2; spec lockdown.md §11)

Variables that make the loader, Qt, GTK, the GL/Vulkan loaders or glibc load code from a
directory of the starter's choice are an allowlist like the Chromium flags': within each
family only the harmless names stay, the rest is dropped before anything reads it (the
launcher re-executes itself with the cleaned environment, so the loader of the exam's process
and of the engine's helpers never sees them) and logged. ``LD_PRELOAD`` and ``LD_AUDIT`` are
not dropped but refuse the exam: their code ran before ours. A library that removed itself
from the environment is still in ``/proc/self/maps``: every executable mapping must come from
the system's library directories or the launcher's installation.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

#: Variables whose code ran before the launcher's: they refuse the exam (kept, so the
#: re-executed launcher sees them).
REFUSED = ("LD_PRELOAD", "LD_AUDIT")

#: Families of variables that choose code to load; within them only ALLOWED stays.
FAMILIES = ("LD_", "PYTHON", "QT_XCB_", "QML", "GTK", "GIO_", "GCONV_", "__EGL_", "__GLX_",
            "VK_", "LIBGL_", "MESA_", "GST_", "DYLD_")  # DYLD_: macOS' loader
#: Exact names outside the families that load code or give away the exam's traffic.
NAMES = frozenset({
    "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH", "QTWEBENGINEPROCESS_PATH",
    "SSLKEYLOGFILE",  # the engine would write the exam's TLS keys there
})
#: Kept although in a family: they choose nothing outside the system's own files.
ALLOWED = frozenset({
    "LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG",  # filtered: only the system's or the installation's folders stay
    "QT_XCB_GL_INTEGRATION",  # one of Qt's own plugins by name
    "GTK_THEME", "GTK_IM_MODULE", "GTK_USE_PORTAL",  # names of installed themes/modules
    "LIBGL_ALWAYS_SOFTWARE",  # headless machines
    # keyring's backend: a module name, imported from the installation's own path only (-I)
    "PYTHON_KEYRING_BACKEND",
    # ignored by the isolated interpreter anyway, and load nothing
    "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONFAULTHANDLER",
})

#: Folder lists whose folders inside the system's or the installation's directories stay (a
#: frozen app's boot loader and runtime hooks point them into the app; ``_ORIG``: the
#: starter's own value, which PyInstaller keeps).
PATH_LISTS = frozenset({"LD_LIBRARY_PATH", "LD_LIBRARY_PATH_ORIG", "QT_PLUGIN_PATH",
                        "QT_QPA_PLATFORM_PLUGIN_PATH", "QML_IMPORT_PATH", "QML2_IMPORT_PATH"})

#: The system's library directories (root's, not the student's).
SYSTEM_DIRS = ("/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libx32", "/usr/libexec",
               "/usr/local/lib", "/lib", "/lib32", "/lib64", "/libx32", "/usr/bin", "/usr/sbin",
               "/bin", "/sbin")


def install_dirs() -> list[str]:
    """The launcher's own installation: the interpreter's prefixes, the frozen app's folder and
    the directory the ``launcher`` package was loaded from (real paths)."""
    dirs = {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.realpath(sys.executable))}
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.add(bundle)
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    dirs.add(os.path.dirname(package))
    return sorted({os.path.realpath(d) for d in dirs if d})


def trusted_dirs() -> list[str]:
    return [*SYSTEM_DIRS, *install_dirs()]


def _inside(path: str, dirs: Iterable[str]) -> bool:
    return any(path == d or path.startswith(d.rstrip("/") + "/") for d in dirs)


def policed(name: str) -> bool:
    """Does this variable choose code the launcher or its helpers load?"""
    return name in NAMES or name.startswith(FAMILIES)


def cleaned(environ: Mapping[str, str], trusted: Iterable[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """(the environment to run the exam with, what was dropped). ``LD_PRELOAD`` / ``LD_AUDIT``
    stay (the start check refuses them); ``LD_LIBRARY_PATH`` keeps only trusted directories."""
    dirs = list(trusted_dirs() if trusted is None else trusted)
    env = dict(environ)
    dropped: list[str] = []
    for name in sorted(environ):
        if name in REFUSED or not policed(name):
            continue
        if name in PATH_LISTS:
            parts = [p for p in environ[name].split(":") if p]
            kept = [p for p in parts if _inside(os.path.realpath(p), dirs)]
            if kept != parts:
                dropped += [f"{name} {p}" for p in parts if p not in kept]
                if kept:
                    env[name] = ":".join(kept)
                else:
                    env.pop(name)
            continue
        if name in ALLOWED:
            continue
        env.pop(name)
        dropped.append(name)
    return env, dropped


def env_evidence(environ: Mapping[str, str]) -> list[str]:
    """``LD_PRELOAD`` / ``LD_AUDIT`` in the environment."""
    found = []
    for name in REFUSED:
        value = environ.get(name, "").strip()
        if value:
            what = "into the launcher" if name == "LD_PRELOAD" else "into the launcher as a loader auditor"
            found.append(f"{name} loads {value} {what}")
    return found


def foreign_mappings(maps: str, trusted: Iterable[str]) -> list[str]:
    """Files mapped executable (``r-xp``) in a ``/proc/PID/maps`` text that lie outside the
    trusted directories (a deleted file counts where it was; ``memfd:`` never is trusted).
    Anonymous executable memory (the JavaScript engine's code) cannot be told apart and is
    not reported."""
    dirs = list(trusted)
    found: list[str] = []
    for line in maps.splitlines():
        fields = line.split(None, 5)
        if len(fields) < 6 or "x" not in fields[1]:
            continue
        path = fields[5].strip()
        if path.startswith("["):
            continue  # [vdso], [vsyscall]
        path = path.removesuffix(" (deleted)")
        if path.startswith("/") and _inside(path, dirs):
            continue
        if path not in found:
            found.append(path)
    return found


def mapping_evidence(proc_root: Path, pid: int | str = "self", trusted: Iterable[str] | None = None) -> list[str]:
    """Libraries from elsewhere loaded into a process (an ``LD_PRELOAD`` that removed itself
    from the environment, a library from a foreign ``LD_LIBRARY_PATH``)."""
    try:
        maps = (proc_root / str(pid) / "maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = foreign_mappings(maps, trusted_dirs() if trusted is None else trusted)
    if not found:
        return []
    return [f"code from outside the system and the launcher's installation is loaded into the "
            f"launcher: {', '.join(found)}"]
