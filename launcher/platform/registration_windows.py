"""Windows registration: ``seb``/``sebs`` URL protocols and the ``.seb`` file type in
``HKCU\\Software\\Classes`` (this user) or ``HKLM\\Software\\Classes`` (all users).

Like SEB for Windows' installer (``seb-win-refactoring:Setup/Components/Application.xslt``):
each protocol key has ``URL Protocol``, ``DefaultIcon`` and ``shell\\open\\command`` =
``"<exe>" "%1"``; ``.seb`` has ``Content Type`` ``application/seb`` and points to a ProgID.

``registry_entries`` is pure — the list of (key, name, value) to write — so the entries are
tested on any OS, and the Inno Setup script's ``[Registry]`` section is generated from it.
``WinregRegistry`` applies them with ``winreg``, behind the small ``Registry`` interface.
"""

from __future__ import annotations

import logging
import sys
from typing import NamedTuple, Protocol

from launcher.platform.registration_common import SCHEMES, SEB_EXTENSION, SEB_MIME_TYPE, RegistrationError, Result

log = logging.getLogger(__name__)

PROGID = "SEBLauncher.Configuration"
PROTOCOL_NAMES = {
    "seb": "URL:Safe Exam Browser Protocol",
    "sebs": "URL:Safe Exam Browser Secure Protocol",
}
FILE_TYPE_NAME = "Safe Exam Browser Configuration"
#: Text in an open command that tells it is ours (installed or registered by this launcher).
OUR_MARKERS = ("seb-launcher", "seb launcher", "-m launcher")


class Entry(NamedTuple):
    """One registry value: ``key`` starts with ``HKCU\\`` or ``HKLM\\``; ``name`` "" is the default."""

    key: str
    name: str
    value: str


def quote_arg(arg: str) -> str:
    """Quote one argument the way CommandLineToArgvW reads it back (always quoted)."""
    out: list[str] = []
    backslashes = 0
    for ch in arg:
        if ch == "\\":
            backslashes += 1
            continue
        if ch == '"':
            out.append("\\" * (2 * backslashes + 1) + '"')
        else:
            out.append("\\" * backslashes + ch)
        backslashes = 0
    out.append("\\" * (2 * backslashes))
    return '"' + "".join(out) + '"'


def open_command(command: list[str]) -> str:
    """``"<exe>" ... "%1"``: what Windows runs with the link or the file's path."""
    return " ".join(quote_arg(a) for a in command) + ' "%1"'


def classes_root(system: bool) -> str:
    return ("HKLM" if system else "HKCU") + "\\Software\\Classes"


def registry_entries(command: list[str], *, system: bool = False, icon: str | None = None) -> list[Entry]:
    """Every value ``register`` writes, in order (keys are created as needed)."""
    root = classes_root(system)
    icon = icon or f"{command[0]},0"
    opener = open_command(command)
    entries: list[Entry] = []
    for scheme in SCHEMES:
        key = f"{root}\\{scheme}"
        entries += [
            Entry(key, "", PROTOCOL_NAMES[scheme]),
            Entry(key, "URL Protocol", ""),
            Entry(f"{key}\\DefaultIcon", "", icon),
            Entry(f"{key}\\shell\\open\\command", "", opener),
        ]
    progid = f"{root}\\{PROGID}"
    entries += [
        Entry(progid, "", FILE_TYPE_NAME),
        Entry(f"{progid}\\DefaultIcon", "", icon),
        Entry(f"{progid}\\shell\\open\\command", "", opener),
        Entry(f"{root}\\.{SEB_EXTENSION}", "", PROGID),
        Entry(f"{root}\\.{SEB_EXTENSION}", "Content Type", SEB_MIME_TYPE),
        Entry(f"{root}\\.{SEB_EXTENSION}\\OpenWithProgids", PROGID, ""),
    ]
    return entries


def is_ours(command_value: str | None) -> bool:
    return command_value is not None and any(m in command_value.lower() for m in OUR_MARKERS)


class Registry(Protocol):
    """The few registry operations registration needs (keys with an ``HKCU\\``/``HKLM\\`` prefix)."""

    def set_value(self, key: str, name: str, value: str) -> None: ...
    def get_value(self, key: str, name: str) -> str | None: ...
    def delete_value(self, key: str, name: str) -> None: ...
    def delete_tree(self, key: str) -> None: ...


def apply(registry: Registry, entries: list[Entry]) -> None:
    for entry in entries:
        registry.set_value(entry.key, entry.name, entry.value)


def remove(registry: Registry, *, system: bool = False) -> list[str]:
    """Remove our protocols, ProgID and ``.seb`` association; leave other programs' alone.

    Returns what was removed, in words.
    """
    root = classes_root(system)
    removed: list[str] = []
    for scheme in SCHEMES:
        current = registry.get_value(f"{root}\\{scheme}\\shell\\open\\command", "")
        if is_ours(current):
            registry.delete_tree(f"{root}\\{scheme}")
            removed.append(f"{scheme}://")
        elif current:
            log.info("%s:// belongs to another program; left alone", scheme)
    ext = f"{root}\\.{SEB_EXTENSION}"
    if registry.get_value(ext, "") == PROGID:
        registry.delete_value(ext, "")
        removed.append(f".{SEB_EXTENSION}")
    if registry.get_value(f"{ext}\\OpenWithProgids", PROGID) is not None:
        registry.delete_value(f"{ext}\\OpenWithProgids", PROGID)
    if registry.get_value(f"{root}\\{PROGID}", "") is not None:
        registry.delete_tree(f"{root}\\{PROGID}")
    return removed


#: The installed executable as Inno Setup names it.
INNO_APP_EXE = "{app}\\seb-launcher.exe"


def inno_registry_lines(entries: list[Entry]) -> list[str]:
    """The entries as Inno Setup ``[Registry]`` lines, removed again on uninstall.

    The protocol and ProgID keys go whole; of ``.seb`` only our values go (``Content Type``
    stays: it is the same for every SEB program).
    """

    def q(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    own_keys = {f"{s}" for s in SCHEMES} | {PROGID}
    lines = []
    for key, name, value in entries:
        root, subkey = key.split("\\", 1)
        last = subkey.rsplit("\\", 1)[-1]
        if name == "" and last in own_keys:
            flags = "; Flags: uninsdeletekey"
        elif name == "Content Type":
            flags = ""
        else:
            flags = "; Flags: uninsdeletevalue"
        lines.append(f"Root: {root}; Subkey: {q(subkey)}; ValueType: string; ValueName: {q(name)}; "
                     f"ValueData: {q(value)}{flags}")
    return lines


if sys.platform == "win32":  # the registry and its module are Windows'
    import winreg

    class WinregRegistry:
        """``Registry`` on the real Windows registry (64-bit view)."""

        def _split(self, key: str) -> tuple[int, str]:
            root, sub = key.split("\\", 1)
            hive = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE}[root]
            return hive, sub

        def set_value(self, key: str, name: str, value: str) -> None:
            hive, sub = self._split(key)
            with winreg.CreateKeyEx(hive, sub, 0, winreg.KEY_WRITE) as handle:
                winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

        def get_value(self, key: str, name: str) -> str | None:
            hive, sub = self._split(key)
            try:
                with winreg.OpenKey(hive, sub) as handle:
                    return str(winreg.QueryValueEx(handle, name)[0])
            except FileNotFoundError:
                return None

        def delete_value(self, key: str, name: str) -> None:
            hive, sub = self._split(key)
            try:
                with winreg.OpenKey(hive, sub, 0, winreg.KEY_SET_VALUE) as handle:
                    winreg.DeleteValue(handle, name)
            except FileNotFoundError:
                pass

        def delete_tree(self, key: str) -> None:
            hive, sub = self._split(key)
            try:
                with winreg.OpenKey(hive, sub, 0, winreg.KEY_ALL_ACCESS) as handle:
                    while True:
                        try:
                            child = winreg.EnumKey(handle, 0)
                        except OSError:
                            break
                        self.delete_tree(f"{key}\\{child}")
                winreg.DeleteKey(hive, sub)
            except FileNotFoundError:
                pass


def _real_registry() -> Registry:
    """The Windows registry (registration outside Windows takes a ``Registry`` to write to)."""
    if sys.platform == "win32":
        return WinregRegistry()
    raise RegistrationError("The Windows registry exists only on Windows.")


def _notify_shell() -> None:
    """Tell Explorer that associations changed (SHChangeNotify SHCNE_ASSOCCHANGED)."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.shell32.SHChangeNotify(0x08000000, 0, None, None)
    except Exception:  # cosmetic: Explorer picks the change up later anyway
        log.debug("SHChangeNotify failed", exc_info=True)


def register(*, system: bool = False, command: list[str], registry: Registry | None = None) -> Result:
    registry = registry or _real_registry()
    result = Result()
    try:
        apply(registry, registry_entries(command, system=system))
    except PermissionError:
        raise RegistrationError(
            "Registering for all users writes to HKEY_LOCAL_MACHINE, which needs administrator rights. "
            "Run the command from an administrator prompt, or register for yourself without --system."
        ) from None
    where = "HKEY_LOCAL_MACHINE" if system else "HKEY_CURRENT_USER"
    result.done.append(f"Registered seb:// and sebs:// links and .seb files in {where}\\Software\\Classes")
    result.notes.append("If Windows asks which app to use for .seb files, choose SEB Launcher.")
    _notify_shell()
    return result


def unregister(*, system: bool = False, registry: Registry | None = None) -> Result:
    registry = registry or _real_registry()
    result = Result()
    try:
        removed = remove(registry, system=system)
    except PermissionError:
        raise RegistrationError(
            "Unregistering for all users needs administrator rights: run it from an administrator prompt."
        ) from None
    if removed:
        result.done.append(f"Removed the registration of {', '.join(removed)}")
    else:
        result.notes.append("SEB Launcher was not registered here.")
    _notify_shell()
    return result
