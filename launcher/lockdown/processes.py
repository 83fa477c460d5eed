"""Processes on this machine: listing them from ``/proc``, the prohibited-process list (built-in
Linux list plus the configuration's ``prohibitedProcesses``), and ending a process by its pid.
(spec lockdown.md §8)

Matching is exact and case-insensitive on ``/proc/PID/comm`` and on the file name of
``/proc/PID/exe``: ``obsidian`` is not ``obs``; and, for screen recorders and remote-desktop
tools, by what ``/proc/PID/exe`` *is* (``launcher.lockdown.identity``): a renamed copy is still
found. Only the student's own processes are ended; another user's recorder or remote-desktop
tool (root's, which records this screen too) is named by :meth:`ProhibitedList.foreign`.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from launcher.lockdown.identity import IdentityCache, Prefetch
from launcher.lockdown.machine import Machine

log = logging.getLogger(__name__)

#: Built-in Linux list: name -> what it is (for the student's dialog and the log).
BUILTIN: Mapping[str, str] = {
    # remote desktop and remote control
    **dict.fromkeys(
        ("anydesk", "teamviewer", "TeamViewer_Desktop", "teamviewerd", "rustdesk", "remmina",
         "x11vnc", "vncviewer", "xtigervncviewer", "krdc", "krfb", "vino-server", "wayvnc",
         "nomachine", "nxplayer", "nxserver", "chrome-remote-desktop-host", "remoting_host",
         "dwservice", "todesk", "meshagent"),
        "remote desktop",
    ),
    # screen recorders and screenshot tools
    **dict.fromkeys(
        ("obs", "simplescreenrecorder", "vokoscreenNG", "vokoscreen", "kazam", "peek",
         "recordmydesktop", "gtk-recordmydesktop", "gnome-screenshot", "spectacle", "flameshot",
         "scrot", "maim", "kooha", "green-recorder", "blue-recorder", "wf-recorder", "grim",
         "ksnip", "shutter", "screenkey"),
        "screen recorder",
    ),
    # chat and meeting applications
    **dict.fromkeys(
        ("discord", "Discord", "slack", "skypeforlinux", "teams", "teams-for-linux", "zoom",
         "ZoomLauncher", "telegram-desktop", "Telegram", "signal-desktop", "element-desktop",
         "whatsapp-for-linux", "whatsdesk", "webex", "jitsi-meet", "mattermost-desktop",
         "rocketchat-desktop", "wire-desktop", "pidgin", "hexchat"),
        "chat or meeting application",
    ),
    # clipboard history
    **dict.fromkeys(("copyq", "cliphist", "gpaste-daemon", "diodon", "clipit", "parcellite",
                     "klipper", "greenclip", "clipman", "xfce4-clipman"), "clipboard history"),
}
BUILTIN_ENTRIES = {name.lower(): kind for name, kind in BUILTIN.items()}

#: Programs that are prohibited only with screen-grabbing arguments (or under another name).
GRABBERS = {"ffmpeg", "gst-launch-1.0", "avconv"}

#: Kinds that see or share this screen: matched by identity too, and among every user's processes.
CAPTURE_KINDS = frozenset({"screen recorder", "remote desktop"})
GRAB_ARGUMENTS = ("x11grab", "kmsgrab", "ximagesrc", "pipewiresrc", "fbdev")

#: Length of ``/proc/PID/comm`` (TASK_COMM_LEN - 1): longer names are cut.
COMM_LENGTH = 15

#: SEB's ``os`` value for Windows: the only value whose entries can mean anything here.
OS_WINDOWS = 1


@dataclass(frozen=True)
class Proc:
    pid: int
    uid: int
    comm: str
    exe_name: str  # file name of /proc/PID/exe ('' when unreadable)
    argv: tuple[str, ...]
    ppid: int = 0
    tracer: int = 0  # TracerPid: who traces it (0: nobody)

    @property
    def names(self) -> set[str]:
        return {n.lower() for n in (self.comm, self.exe_name) if n}

    def label(self) -> str:
        name = self.exe_name or self.comm
        return f"{name} (pid {self.pid})"


@dataclass(frozen=True)
class Prohibited:
    """One running prohibited process: what it is and whether it may be ended unasked."""

    proc: Proc
    name: str  # the list entry it matched
    kind: str
    strong_kill: bool
    renamed: bool = False  # found by what its executable is, under another name

    def describe(self) -> str:
        shown = f"{self.name} as {self.proc.exe_name or self.proc.comm}" if self.renamed else self.name
        return f"{shown} (pid {self.proc.pid}): {self.kind}"


def list_processes(machine: Machine) -> Iterator[Proc]:
    """Every process we can see, ourselves excluded (vanished and exited ones are skipped).

    Runs every 2 s while the exam runs (``checks.ExamPoller``): plain string paths and only the
    four lines of ``status`` it needs (pathlib and a dictionary of all ~55 lines took half of
    each look)."""
    own = machine.own_pid
    root = str(machine.proc_root)
    try:
        pids = sorted(int(name) for name in os.listdir(root) if name.isdigit())
    except OSError:
        return
    for pid in pids:
        if pid == own:
            continue
        base = f"{root}/{pid}"
        status = machine.read(base + "/status")
        comm = machine.read(base + "/comm")
        if status is None or comm is None:
            continue
        state, uid, ppid, tracer = _status_fields(status)
        if state in ("Z", "X"):
            continue  # exited, not yet reaped by its parent: it runs nothing and cannot be ended
        try:
            exe = os.readlink(base + "/exe")
        except OSError:
            exe = ""
        exe_name = os.path.basename(exe.removesuffix(" (deleted)")) if exe else ""
        try:
            with open(base + "/cmdline", "rb") as fh:
                raw = fh.read()
        except OSError:
            raw = b""
        argv = tuple(a.decode("utf-8", "replace") for a in raw.split(b"\0") if a)
        yield Proc(pid, uid, comm.strip(), exe_name, argv, ppid=ppid, tracer=max(tracer, 0))


#: The lines of /proc/PID/status that ``list_processes`` reads.
_STATUS_KEYS = ("State:", "Uid:", "PPid:", "TracerPid:")


def _status_fields(status: str) -> tuple[str, int, int, int]:
    """(state letter, real uid, parent pid, tracer pid) from /proc/PID/status; -1 for a
    number that is missing or not one, "?" for a missing state."""
    found: dict[str, str] = {}
    for line in status.splitlines():
        if line.startswith(_STATUS_KEYS):
            key, _, value = line.partition(":")
            words = value.split()
            found[key] = words[0] if words else ""
            if len(found) == len(_STATUS_KEYS):
                break

    def number(key: str) -> int:
        value = found.get(key, "")
        return int(value) if value.isdigit() else -1

    return found.get("State") or "?", number("Uid"), number("PPid"), number("TracerPid")


def descendants(procs: Iterable[Proc], pid: int) -> list[Proc]:
    """The processes started by ``pid``, directly or not (the engine's helper processes)."""
    children: dict[int, list[Proc]] = {}
    for proc in procs:
        children.setdefault(proc.ppid, []).append(proc)
    found: list[Proc] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.append(child)
                todo.append(child.pid)
    return found


def entry_name(value: Any) -> str:
    """A configuration entry's program name: its file name without ``.exe``."""
    name = os.path.basename(str(value or "").strip().replace("\\", "/"))
    if name.lower().endswith(".exe"):
        name = name[:-4]
    return name


class ProhibitedList:
    """The names to look for: the built-in list, changed by the configuration's entries.

    A configuration entry (``os`` 1, ``.exe`` stripped) adds its ``executable`` and
    ``originalName``; an entry equal to a built-in one replaces it (its ``strongKill`` counts);
    ``active`` false drops the name.
    """

    def __init__(self, entries: Iterable[Mapping[str, Any]] = (), *, builtin: bool = True) -> None:
        # lower-case name -> (shown name, kind, strongKill)
        self.names: dict[str, tuple[str, str, bool]] = {}
        if builtin:
            for name, kind in BUILTIN.items():
                self.names[name.lower()] = (name, kind, False)
        self.grabbers = set(GRABBERS) if builtin else set()
        self.identities: dict[str, str] = {}  # identity -> listed name (see identify())
        self._proc_root = "/proc"
        for entry in entries:
            if entry.get("os", None) != OS_WINDOWS:
                continue
            names = {entry_name(entry.get(k)) for k in ("executable", "originalName")} - {""}
            active = entry.get("active")
            if not isinstance(active, bool):
                continue  # SEB uses an entry only when it says "active" true
            for name in names:
                key = name.lower()
                if not active:
                    self.names.pop(key, None)
                    continue
                kind = self.names.get(key, (name, "prohibited by the exam", False))[1]
                self.names[key] = (name, kind, entry.get("strongKill") is True)

    @classmethod
    def for_settings(cls, settings: Any) -> ProhibitedList:
        """The list for an exam; a program the exam permits is never prohibited."""
        made = cls(getattr(settings, "prohibited_processes", ()) or ())
        for entry in getattr(settings, "permitted_processes", ()) or ():
            if entry.get("active") is True:
                made.names.pop(entry_name(entry.get("executable")).lower(), None)
        return made

    def identify(self, machine: Machine, found: Mapping[str, str] | None = None) -> ProhibitedList:
        """Also match screen recorders and remote-desktop tools by what their executable is
        (``found``: identity -> listed name, default this machine's, resolved once per process)."""
        if found is None:
            if machine.proc_root != Path("/proc"):
                return self  # a test's fake machine: names only
            found = listed_identities_here()
        self._proc_root = str(machine.proc_root)
        self.identities = {
            ident: name for ident, name in found.items()
            if name in self.grabbers or (name in self.names and self.names[name][1] in CAPTURE_KINDS)
        }
        return self

    def _by_identity(self, proc: Proc) -> Prohibited | None:
        if not self.identities:
            return None
        ident = _CACHE.of(f"{self._proc_root}/{proc.pid}/exe")
        name = self.identities.get(ident or "")
        if name is None or name in proc.names:
            return None  # not listed, or under its own name (matched by name, as before)
        shown, kind, strong = self.names.get(name, (name, "screen recorder", False))
        return Prohibited(proc, shown, kind, strong, renamed=True)

    def match(self, proc: Proc) -> Prohibited | None:
        for key in sorted(proc.names):
            hit = self.names.get(key)
            if hit is not None:
                return Prohibited(proc, hit[0], hit[1], hit[2])
        renamed = self._by_identity(proc)
        if renamed is not None:
            return renamed
        comm = proc.comm.lower()
        if len(comm) == COMM_LENGTH:  # the kernel cuts names to 15 characters
            for key, hit in sorted(self.names.items()):
                if len(key) > COMM_LENGTH and key[:COMM_LENGTH] == comm:
                    return Prohibited(proc, hit[0], hit[1], hit[2])
        grabber = proc.names & self.grabbers
        if grabber and any(g in arg for arg in proc.argv[1:] for g in GRAB_ARGUMENTS):
            return Prohibited(proc, sorted(grabber)[0], "screen recorder", False)
        return None

    def running(self, machine: Machine, procs: list[Proc] | None = None) -> list[Prohibited]:
        """The student's own running processes on the list (from ``procs`` when given)."""
        uid = machine.own_uid
        found = []
        for proc in procs if procs is not None else list_processes(machine):
            if proc.uid != uid:
                continue
            hit = self.match(proc)
            if hit is not None:
                found.append(hit)
        return found

    def foreign(self, machine: Machine, procs: Iterable[Proc]) -> list[Prohibited]:
        """Other users' screen recorders and remote-desktop tools: the exam cannot end them,
        and they see this screen (one run with ``sudo`` records it as well as the student's)."""
        uid = machine.own_uid
        found = []
        for proc in procs:
            if proc.uid == uid or proc.uid < 0:
                continue
            hit = self.match(proc)
            if hit is not None and hit.kind in CAPTURE_KINDS:
                found.append(hit)
        return found


_CACHE = IdentityCache()
_prefetch: Prefetch | None = None
_prefetch_lock = threading.Lock()  # started by the head start's thread or the GUI thread


def capture_names() -> list[str]:
    """The built-in names that are matched by identity too."""
    return sorted({n.lower() for n, kind in BUILTIN.items() if kind in CAPTURE_KINDS} | GRABBERS)


def start_identifying() -> None:
    """Start resolving this machine's recorders and remote-desktop tools in the background (the
    launcher calls it first thing; the start checks wait for the result)."""
    global _prefetch
    with _prefetch_lock:
        if _prefetch is None:
            own = _CACHE.of("/proc/self/exe")
            _prefetch = Prefetch(capture_names(), _CACHE, exclude=[own] if own else [])


def listed_identities_here() -> dict[str, str]:
    start_identifying()
    assert _prefetch is not None
    return _prefetch.result()


def _pidfd(pid: int) -> int | None:
    if sys.platform != "linux":  # pidfd_open is Linux's
        return None
    try:
        return os.pidfd_open(pid)
    except OSError:
        return None


def _send(pid: int, fd: int | None, sig: int) -> None:
    sender = getattr(signal, "pidfd_send_signal", None)
    if fd is not None and sender is not None:
        sender(fd, sig)
    else:
        os.kill(pid, sig)


def _gone(pid: int, fd: int | None) -> bool:
    if fd is not None:
        import select

        return bool(select.select([fd], [], [], 0)[0])  # a pidfd turns readable when it exits
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a zombie child of ours has exited: reap it
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == pid
    except ChildProcessError:
        return False


def end_processes(pids: Iterable[int], *, grace: float = 2.0, wait: float = 2.0) -> list[int]:
    """End processes by pid: SIGTERM, SIGKILL to those still there after ``grace`` seconds.

    A pidfd (where the kernel has them) makes sure the signal reaches the process we saw,
    not a new one that got its pid. Returns the pids that could not be ended.
    """
    fds: dict[int, int | None] = {}
    failed: list[int] = []
    for pid in pids:
        fd = _pidfd(pid)
        fds[pid] = fd
        try:
            _send(pid, fd, signal.SIGTERM)
            log.info("Sent SIGTERM to pid %d", pid)
        except ProcessLookupError:
            continue
        except OSError as exc:
            log.warning("Cannot end pid %d: %s", pid, exc.strerror)
            failed.append(pid)
    left = [p for p in fds if p not in failed]

    def wait_for(pids_: list[int], seconds: float) -> list[int]:
        deadline = time.monotonic() + seconds
        remaining = list(pids_)
        while remaining:
            remaining = [p for p in remaining if not _gone(p, fds[p])]
            if not remaining or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        return remaining

    stubborn = wait_for(left, grace)
    for pid in stubborn:
        try:
            _send(pid, fds[pid], signal.SIGKILL)
            log.warning("pid %d ignored SIGTERM: sent SIGKILL", pid)
        except ProcessLookupError:
            pass
        except OSError as exc:
            log.warning("Cannot kill pid %d: %s", pid, exc.strerror)
    failed += wait_for(stubborn, wait)
    for fd in fds.values():
        if fd is not None:
            os.close(fd)
    return failed
