"""What an executable *is*, whatever it is called (issue 17, item 3; spec lockdown.md §8).

The Linux counterpart of SEB for Windows' original-file-name check: the prohibited screen
recorders and remote-desktop tools found on this machine (``PATH``, the system's program and
library directories, ``/opt``, ``/snap/bin``, flatpak exports) are resolved to an identity — the
ELF build-id from the file's note segment, else a SHA-256 of its content — and a running
process is matched by the identity of its ``/proc/PID/exe``, so a renamed or copied tool is
still found. Only ELF files have an identity: a script runs as its interpreter, never as itself.
Identities are cached by (device, inode, size, mtime), so the 2 s poll only ``stat``s.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
from collections.abc import Iterable, Mapping

log = logging.getLogger(__name__)

PT_NOTE = 4
NT_GNU_BUILD_ID = 3

#: Programs that run other programs: their identity says nothing about what runs.
LAUNCHERS = frozenset({"snap", "flatpak", "busybox", "toybox", "env", "bwrap", "electron"})

#: Where listed programs are looked up by name (besides ``PATH``).
BIN_DIRS = ("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/games", "/snap/bin",
            "/var/lib/flatpak/exports/bin")
#: Where programs keep their own folder (``/usr/lib/NAME/NAME``, ``/opt/NAME/bin/NAME``).
APP_DIRS = ("/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/local/lib", "/opt")


def elf_build_id(data: bytes) -> str | None:
    """The GNU build-id of an ELF file's first bytes (its headers and note segments), or None."""
    if len(data) < 64 or data[:4] != b"\x7fELF":
        return None
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    try:
        if is64:
            phoff, = struct.unpack_from(end + "Q", data, 0x20)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x36)
        else:
            phoff, = struct.unpack_from(end + "I", data, 0x1C)
            phentsize, phnum = struct.unpack_from(end + "HH", data, 0x2A)
        for i in range(min(phnum, 64)):
            base = phoff + i * phentsize
            p_type, = struct.unpack_from(end + "I", data, base)
            if p_type != PT_NOTE:
                continue
            if is64:
                offset, = struct.unpack_from(end + "Q", data, base + 8)
                size, = struct.unpack_from(end + "Q", data, base + 32)
            else:
                offset, = struct.unpack_from(end + "I", data, base + 4)
                size, = struct.unpack_from(end + "I", data, base + 16)
            pos, stop = offset, min(offset + size, len(data))
            while pos + 12 <= stop:
                namesz, descsz, ntype = struct.unpack_from(end + "III", data, pos)
                name_at = pos + 12
                desc_at = name_at + ((namesz + 3) & ~3)
                if ntype == NT_GNU_BUILD_ID and data[name_at:name_at + namesz].rstrip(b"\0") == b"GNU":
                    return data[desc_at:desc_at + descsz].hex() or None
                pos = desc_at + ((descsz + 3) & ~3)
    except struct.error:
        return None
    return None


def file_identity(path: str) -> str | None:
    """``build-id:HEX`` or ``sha256:HEX`` of an ELF file; None for anything else (or unreadable)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
            if head[:4] != b"\x7fELF":
                return None
            found = elf_build_id(head)
            if found:
                return f"build-id:{found}"
            digest = hashlib.sha256(head)
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
            return f"sha256:{digest.hexdigest()}"
    except OSError:
        return None


class IdentityCache:
    """Identities by (device, inode, size, mtime): a file is read once, then only ``stat``ed."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, int, int, int], str | None] = {}

    def of(self, path: str) -> str | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        if key not in self._known:
            if len(self._known) > 4096:
                self._known.clear()
            self._known[key] = file_identity(path)
        return self._known[key]


def _candidates(names: set[str], path_env: str) -> Iterable[tuple[str, str]]:
    """(listed name, path) for files named like a listed program (case-insensitive)."""
    seen: set[str] = set()
    dirs = [d for d in path_env.split(os.pathsep) if d] + list(BIN_DIRS)
    home = os.path.expanduser("~")
    dirs.append(os.path.join(home, ".local/share/flatpak/exports/bin"))
    for app_base in APP_DIRS:
        try:
            subs = [e.path for e in os.scandir(app_base) if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        for sub in subs:
            dirs += [sub, os.path.join(sub, "bin")]
    for folder in dirs:
        if folder in seen:
            continue
        seen.add(folder)
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            if entry.lower() in names:
                yield entry.lower(), os.path.join(folder, entry)


def listed_identities(names: Iterable[str], cache: IdentityCache, *, path_env: str | None = None,
                      exclude: Iterable[str] = ()) -> dict[str, str]:
    """identity -> listed name, for the listed programs installed on this machine."""
    wanted = {n.lower() for n in names}
    skip = set(exclude)
    found: dict[str, str] = {}
    env_path = os.environ.get("PATH", "") if path_env is None else path_env
    for name, path in _candidates(wanted, env_path):
        real = os.path.realpath(path)
        if os.path.basename(real).lower() in LAUNCHERS or not os.path.isfile(real):
            continue
        identity = cache.of(real)
        if identity and identity not in skip:
            found.setdefault(identity, name)
    return found


def describe_found(found: Mapping[str, str]) -> str:
    return ", ".join(sorted(set(found.values())))


class Prefetch:
    """Resolves the listed programs in a background thread, started as early as possible (the
    directory scan costs tens of milliseconds, which the exam's start path must not wait for);
    :meth:`result` waits for it."""

    def __init__(self, names: Iterable[str], cache: IdentityCache, exclude: Iterable[str] = ()) -> None:
        import threading

        self.names = sorted({n.lower() for n in names})
        self.cache = cache
        self._exclude = list(exclude)
        self._found: dict[str, str] = {}
        self._thread = threading.Thread(target=self._run, name="program-identities", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._found = listed_identities(self.names, self.cache, exclude=self._exclude)
        except Exception:  # never fatal: matching by name still works
            log.exception("Could not resolve the prohibited programs on this machine")
        log.info("Prohibited programs installed here, found also under another name: %s",
                 describe_found(self._found) or "none")

    def result(self, timeout: float = 10.0) -> dict[str, str]:
        self._thread.join(timeout)
        return dict(self._found)
