"""Linux desktop integration: a desktop entry for ``seb://``/``sebs://`` links and ``.seb``
files, a shared-mime-info package that names ``.seb`` files ``application/seb``, icons, and
the default-application choice — installed into the XDG data dirs and made known with the
system's own tools (``update-mime-database``, ``update-desktop-database``, ``xdg-mime``).

``desktop_entry`` and ``mime_package`` are pure: the packages in ``resources/linux`` are the
same text (a test checks), so a .deb and ``seb-launcher register`` install the same thing.
``register`` records what it wrote and which defaults it replaced in
``<data dir>/seb-launcher/registration.json`` so ``unregister`` removes exactly that.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from launcher.platform.files import write_atomically
from launcher.platform.registration_common import (
    SCHEMES,
    SEB_EXTENSION,
    SEB_MIME_TYPE,
    RegistrationError,
    Result,
    resources_dir,
)

log = logging.getLogger(__name__)

DESKTOP_ID = "seb-launcher.desktop"
MIME_PACKAGE_FILE = "seb-launcher.xml"
ICON_NAME = "seb-launcher"
#: PNG icon sizes shipped in resources/linux/icons/<size>x<size>/seb-launcher.png.
ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)
#: The types the desktop entry handles, in the order xdg-mime is told about them.
HANDLED_TYPES: tuple[str, ...] = tuple(f"x-scheme-handler/{s}" for s in SCHEMES) + (SEB_MIME_TYPE,)
#: 4-byte prefixes of an uncompressed SEB file (spec §1); gzipped files are found by name.
SEB_PREFIXES: tuple[str, ...] = ("plnd", "pswd", "pwcc", "pkhs", "phsk")
#: ``--system`` installs here (``/usr/share`` belongs to the distribution's packages).
SYSTEM_DATA_DIR = "/usr/local/share"
#: Overrides for the all-users locations (tests, unusual layouts).
SYSTEM_DATA_DIR_ENV = "SEB_LAUNCHER_SYSTEM_DATA_DIR"
STATE_FILE = "registration.json"

TOOL_PACKAGES = {
    "update-mime-database": "shared-mime-info",
    "update-desktop-database": "desktop-file-utils",
    "xdg-mime": "xdg-utils",
}


# --------------------------------------------------------------------------- pure content


def exec_quote(arg: str) -> str:
    """Quote one argument for a desktop entry's ``Exec`` key (Desktop Entry spec, "Exec key").

    Arguments with reserved characters go in double quotes, where ``"`` `` ` `` ``$`` ``\\``
    are backslash-escaped; then the string-value escaping doubles every backslash.
    """
    reserved = set(' \t\n"\'\\><~|&;$*?#()`=%')
    if arg and not (set(arg) & reserved):
        quoted = arg
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted = f'"{inner}"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: list[str]) -> str:
    """The desktop entry that starts ``command`` with a link or a file (``%u``)."""
    exec_line = " ".join(exec_quote(a) for a in command) + " %u"
    mime = "".join(t + ";" for t in HANDLED_TYPES)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        "Name=SEB Launcher\n"
        "GenericName=Exam Browser\n"
        "Comment=Take exams that use Safe Exam Browser: open .seb files and seb:// or sebs:// links\n"
        "Keywords=exam;test;quiz;SEB;Safe Exam Browser;Moodle;\n"
        f"Exec={exec_line}\n"
        f"Icon={ICON_NAME}\n"
        "Terminal=false\n"
        "StartupNotify=true\n"
        "Categories=Education;\n"
        f"MimeType={mime}\n"
    )


def mime_package() -> str:
    """The shared-mime-info package: ``*.seb`` is ``application/seb``, also by its prefix."""
    matches = "\n".join(
        f'      <match type="string" offset="0" value="{escape(p)}"/>' for p in SEB_PREFIXES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{SEB_MIME_TYPE}">\n'
        "    <comment>Safe Exam Browser configuration</comment>\n"
        "    <acronym>SEB</acronym>\n"
        "    <expanded-acronym>Safe Exam Browser</expanded-acronym>\n"
        f'    <icon name="{ICON_NAME}"/>\n'
        f'    <glob pattern="*.{SEB_EXTENSION}"/>\n'
        '    <magic priority="50">\n'
        f"{matches}\n"
        "    </magic>\n"
        "  </mime-type>\n"
        "</mime-info>\n"
    )


# --------------------------------------------------------------------------- locations


@dataclass(frozen=True)
class Layout:
    """Where one registration goes: an XDG data dir and the config dir of its mimeapps.list."""

    data_dir: Path
    config_dir: Path

    @property
    def desktop_file(self) -> Path:
        return self.data_dir / "applications" / DESKTOP_ID

    @property
    def mime_file(self) -> Path:
        return self.data_dir / "mime" / "packages" / MIME_PACKAGE_FILE

    @property
    def mimeapps(self) -> Path:
        return self.config_dir / "mimeapps.list"

    @property
    def state_file(self) -> Path:
        return self.data_dir / "seb-launcher" / STATE_FILE

    def icon_files(self) -> dict[Path, Path]:
        """Installed icon path -> path under resources/linux/icons."""
        hicolor = self.data_dir / "icons" / "hicolor"
        icons = {hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg": Path("scalable") / f"{ICON_NAME}.svg"}
        for size in ICON_SIZES:
            rel = Path(f"{size}x{size}") / f"{ICON_NAME}.png"
            icons[hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"] = rel
        return icons


def layout(*, system: bool, env: Mapping[str, str] | None = None) -> Layout:
    """This user's XDG dirs, or the all-users ones (``/usr/local/share`` and ``/etc/xdg``)."""
    env = os.environ if env is None else env
    if system:
        data = env.get(SYSTEM_DATA_DIR_ENV) or SYSTEM_DATA_DIR
        config = (env.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")[0] or "/etc/xdg"
        return Layout(Path(data), Path(config))
    home = Path(env.get("HOME") or Path.home())
    data = env.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    config = env.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Layout(Path(data), Path(config))


# --------------------------------------------------------------------------- mimeapps.list


def _mimeapps_lines(mimeapps: Path) -> list[str]:
    """The lines of a mimeapps.list; none when it is missing or not UTF-8 text (then not ours)."""
    try:
        return mimeapps.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return []


def _defaults(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """``(line index, type, value)`` of each entry in the ``[Default Applications]`` group."""
    in_defaults = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            in_defaults = stripped == "[Default Applications]"
        elif in_defaults and "=" in stripped:
            key, value = stripped.split("=", 1)
            yield index, key.strip(), value.strip()


def read_defaults(mimeapps: Path, types: tuple[str, ...] = HANDLED_TYPES) -> dict[str, str | None]:
    """The ``[Default Applications]`` value of each type in a mimeapps.list (None if unset)."""
    found: dict[str, str | None] = {t: None for t in types}
    for _index, key, value in _defaults(_mimeapps_lines(mimeapps)):
        if key in found and found[key] is None:
            found[key] = value
    return found


def reset_defaults(mimeapps: Path, previous: dict[str, str | None]) -> list[str]:
    """Where a type's default is still ours, put back ``previous[type]`` or drop the line.

    Returns the types that were reset; a default someone changed since is left alone.
    """
    lines = _mimeapps_lines(mimeapps)
    reset: list[str] = []
    dropped: set[int] = set()
    for index, key, value in list(_defaults(lines)):
        if key in previous and value.split(";")[0] == DESKTOP_ID:
            reset.append(key)
            old = previous[key]
            if old and old.split(";")[0] != DESKTOP_ID:
                lines[index] = f"{key}={old}"
            else:
                dropped.add(index)
    if reset:
        text = "".join(line + "\n" for index, line in enumerate(lines) if index not in dropped)
        # Keep the file's own mode: /etc/xdg/mimeapps.list must stay readable for every user.
        write_atomically(mimeapps, text.encode("utf-8"), mode=stat.S_IMODE(mimeapps.stat().st_mode))
    return reset


# --------------------------------------------------------------------------- doing it


def _run(tool: str, args: list[str], env: dict[str, str], result: Result, what: str, *, required: bool,
         again: str = "seb-launcher register") -> bool:
    path = shutil.which(tool, path=env.get("PATH"))
    if path is None:
        package = TOOL_PACKAGES.get(tool, tool)
        text = (
            f"'{tool}' was not found, so {what} was not done. Install the package "
            f"'{package}' (for example: sudo apt install {package}) and run '{again}' again."
        )
        (result.problems if required else result.notes).append(text)
        log.info("%s not found", tool)
        return False
    try:
        proc = subprocess.run([path, *args], env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:  # not runnable, or hung: say so, do not crash
        (result.problems if required else result.notes).append(f"'{tool}' could not be run ({what}): {exc}")
        log.info("%s could not be run: %s", tool, exc)
        return False
    if proc.returncode != 0:
        text = f"'{tool}' failed ({what}): {(proc.stderr or proc.stdout).strip() or 'exit ' + str(proc.returncode)}"
        (result.problems if required else result.notes).append(text)
        log.info("%s failed: %s", tool, proc.stderr.strip())
        return False
    log.debug("%s %s: ok", tool, args)
    return True


def _no_rights(lay: Layout, system: bool, exc: OSError) -> RegistrationError:
    log.warning("cannot write: %s", exc)
    if system:
        return RegistrationError(
            f"Registering for all users writes to {lay.data_dir} and {lay.config_dir}, which needs "
            "administrator rights. Run: sudo seb-launcher register --system"
        )
    return RegistrationError(
        f"Cannot write to {exc.filename or lay.data_dir}: check the permissions of your home directory."
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data, mode=0o644)


def _refresh(lay: Layout, env: dict[str, str], result: Result, again: str) -> None:
    """Rebuild the MIME and desktop caches of the data dir so the change is seen at once."""
    (lay.data_dir / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    if _run("update-mime-database", [str(lay.data_dir / "mime")], env, result,
            "teaching the system the .seb file type", required=True, again=again):
        result.done.append(f"Updated the file type database in {lay.data_dir / 'mime'}")
    if lay.desktop_file.parent.is_dir():
        if _run("update-desktop-database", ["-q", str(lay.desktop_file.parent)], env, result,
                "updating the application list", required=False, again=again):
            result.done.append(f"Updated the application list in {lay.desktop_file.parent}")


@contextlib.contextmanager
def _readable_by_all(system: bool) -> Iterator[None]:
    """For all users, folders and files made here and by the desktop tools (the MIME database)
    must be readable by every user, even when the administrator's umask is 077."""
    if not system:
        yield
        return
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def register(*, system: bool = False, command: list[str], env: dict[str, str] | None = None) -> Result:
    """Install the desktop entry, MIME package and icons, then make us the default handler."""
    with _readable_by_all(system):
        return _register(system=system, command=command, env=env)


def _register(*, system: bool, command: list[str], env: dict[str, str] | None) -> Result:
    env = dict(os.environ if env is None else env)
    lay = layout(system=system, env=env)
    result = Result()

    files: dict[Path, bytes] = {
        lay.desktop_file: desktop_entry(command).encode("utf-8"),
        lay.mime_file: mime_package().encode("utf-8"),
    }
    resources = resources_dir()
    icons_dir = resources / "linux" / "icons" if resources else None
    if icons_dir and icons_dir.is_dir():
        for target, rel in lay.icon_files().items():
            if (icons_dir / rel).is_file():
                files[target] = (icons_dir / rel).read_bytes()
    else:
        result.notes.append("The launcher's icons were not found; the menu entry will show a generic icon.")

    state = _read_state(lay)
    previous = state.get("previous") if state else None
    if previous is None:
        previous = read_defaults(lay.mimeapps)

    try:
        for path, data in files.items():
            _write(path, data)
            log.info("wrote %s", path)
        lay.config_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(lay.config_dir, os.W_OK):
            raise PermissionError(13, "Permission denied", str(lay.config_dir))
    except PermissionError as exc:
        raise _no_rights(lay, system, exc) from None
    result.done.append(f"Installed the menu entry {lay.desktop_file}")
    result.done.append(f"Installed the .seb file type {lay.mime_file}")
    again = "seb-launcher register" + (" --system" if system else "")
    _refresh(lay, env, result, again)

    icon_cache = shutil.which("gtk-update-icon-cache", path=env.get("PATH"))
    hicolor = lay.data_dir / "icons" / "hicolor"
    if icon_cache and (hicolor / "index.theme").is_file():
        try:
            subprocess.run([icon_cache, "-q", "-t", "-f", str(hicolor)], env=env, capture_output=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:  # a stale icon cache only delays the icon
            log.info("gtk-update-icon-cache could not be run: %s", exc)

    # xdg-mime writes the defaults into $XDG_CONFIG_HOME/mimeapps.list; for all users we point
    # it at the system config dir (/etc/xdg), the mimeapps.list every user's session reads.
    tool_env = dict(env, XDG_CONFIG_HOME=str(lay.config_dir))
    if _run("xdg-mime", ["default", DESKTOP_ID, *HANDLED_TYPES], tool_env, result,
            "making SEB Launcher the default for seb:// and sebs:// links and .seb files", required=True,
            again=again):
        result.done.append(f"Made SEB Launcher the default for seb://, sebs:// and .seb ({lay.mimeapps})")

    _write(lay.state_file, json.dumps({
        "files": sorted(str(p) for p in files),
        "mimeapps": str(lay.mimeapps),
        "previous": previous,
        "command": command,
    }, indent=2).encode("utf-8"))
    return result


def _read_state(lay: Layout) -> dict | None:
    try:
        state = json.loads(lay.state_file.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, UnicodeDecodeError):
        return None
    return state if isinstance(state, dict) else None


def unregister(*, system: bool = False, env: dict[str, str] | None = None) -> Result:
    """Remove what ``register`` installed and reset the defaults it set (where still ours)."""
    with _readable_by_all(system):
        return _unregister(system=system, env=env)


def _unregister(*, system: bool, env: dict[str, str] | None) -> Result:
    env = dict(os.environ if env is None else env)
    lay = layout(system=system, env=env)
    result = Result()
    state = _read_state(lay) or {}

    # Exactly the paths register writes: a damaged state file cannot make us delete anything else.
    targets = sorted({lay.desktop_file, lay.mime_file, *lay.icon_files()})
    removed = 0
    for path in targets:
        try:
            path.unlink()
            removed += 1
            log.info("removed %s", path)
        except FileNotFoundError:
            pass
        except PermissionError as exc:
            raise _no_rights(lay, system, exc) from None
    if removed:
        result.done.append(f"Removed {removed} installed file(s) from {lay.data_dir}")
    else:
        result.notes.append(f"Nothing of SEB Launcher was installed in {lay.data_dir}.")

    mimeapps = Path(state.get("mimeapps") or lay.mimeapps)
    previous = state.get("previous") or {t: None for t in HANDLED_TYPES}
    previous = {t: previous.get(t) for t in HANDLED_TYPES}
    reset = reset_defaults(mimeapps, previous)
    if reset:
        result.done.append(f"Reset the default application for {', '.join(reset)} ({mimeapps})")

    _refresh(lay, env, result, "seb-launcher unregister" + (" --system" if system else ""))
    try:
        lay.state_file.unlink()
        lay.state_file.parent.rmdir()
    except OSError:
        pass
    return result


# --------------------------------------------------------------------------- packaging

#: Where packages install the launcher's command (the .deb links it to /opt/seb-launcher).
PACKAGED_COMMAND = ["/usr/bin/seb-launcher"]


def package_files() -> dict[str, str]:
    """The generated files in ``resources/linux`` that packages install into /usr/share."""
    return {
        DESKTOP_ID: desktop_entry(PACKAGED_COMMAND),
        MIME_PACKAGE_FILE: mime_package(),
    }


if __name__ == "__main__":  # regenerate resources/linux: python -m launcher.platform.registration_linux
    target = resources_dir()
    if target is None:
        raise SystemExit("resources/ not found next to the launcher package")
    for name, text in package_files().items():
        (target / "linux" / name).write_text(text, encoding="utf-8")
        print(target / "linux" / name)
