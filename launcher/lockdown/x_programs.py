"""Which programs may be connected to the exam's X display, told by what they really run.

One job: for a process id (as the X server reports it for a client, never as a window claims
it) say which program it is — its real executable (``/proc/PID/exe``; for a script interpreter
the script it runs) — and whether that program is one the exam trusts on its display: the
launcher itself and its children, the window manager, the desktop's own parts (panels,
notification daemons, settings daemons, input methods), assistive technology (screen readers,
on-screen keyboards, magnifiers) or a permitted program the exam started. A desktop or
assistive program is trusted only when its file lies in a system directory that belongs to root
and that the student cannot write to: a renamed copy in the home directory is not trusted.
Anything else is *foreign*. Qt-free; ``proc_root`` for tests.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: The desktop's own programs (file names): panels, docks, desktops, notification daemons,
#: settings and keyring daemons, input methods, compositors and screen savers.
DESKTOP = frozenset({
    "gnome-shell", "gnome-panel", "gnome-flashback", "gsd-xsettings", "gsd-color", "gsd-keyboard",
    "gsd-media-keys", "gsd-power", "gsd-wacom", "gsd-a11y-settings", "gsd-clipboard",
    "nautilus-desktop", "gnome-screensaver", "plasmashell", "kded5", "kded6", "kwin_x11",
    "krunner", "kglobalaccel5", "kglobalaccel", "xembedsniproxy", "gmenudbusmenuproxy",
    "ksmserver", "polkit-kde-authentication-agent-1", "xfce4-panel", "xfdesktop",
    "xfce4-notifyd", "xfsettingsd", "xfce4-power-manager", "xfce4-session", "wrapper-2.0",
    "panel-6-systray", "mate-panel", "mate-settings-daemon", "mate-notification-daemon",
    "caja", "marco", "cinnamon", "csd-xsettings", "csd-keyboard", "csd-media-keys", "nemo-desktop",
    "lxpanel", "lxqt-panel", "lxqt-notificationd", "pcmanfm", "pcmanfm-qt", "lxqt-powermanagement",
    "budgie-panel", "budgie-daemon", "tint2", "polybar", "xfce4-screensaver", "light-locker",
    "xscreensaver", "picom", "compton", "xcompmgr", "dunst", "notify-osd", "notification-daemon",
    "mako", "ibus-daemon", "ibus-x11", "ibus-ui-gtk3", "ibus-extension-gtk3", "fcitx", "fcitx5",
    "nm-applet", "blueman-applet", "pasystray", "volumeicon", "xsettingsd", "gnome-keyring-daemon",
    "at-spi-bus-launcher", "at-spi2-registryd", "xdg-desktop-portal-gtk", "xdg-desktop-portal-kde",
    "polkit-gnome-authentication-agent-1", "lxpolkit", "evolution-alarm-notify", "update-notifier",
})
#: Name beginnings of the desktops' own daemons and parts (GNOME, Cinnamon and MATE settings
#: daemons, Xfce, LXQt, KDE Plasma, portals, input methods, sound and network applets): a desktop
#: ships many, and ending one at the exam's start would break the student's session after it.
DESKTOP_PREFIXES = (
    "gsd-", "csd-", "msd-", "mate-", "xfce4-", "xfsettingsd", "xfdesktop", "lxqt-", "lxsession", "lxpanel",
    "plasma", "kded", "kwin", "ksmserver", "kglobalaccel", "kactivitymanagerd", "gnome-session", "gnome-shell",
    "evolution-", "xdg-desktop-portal", "at-spi", "ibus-", "fcitx", "gvfs", "tracker-", "nm-applet",
    "blueman-", "polkit-", "budgie-", "cinnamon-", "nemo-desktop", "xapp-", "pasystray", "indicator-",
)
#: Window managers (file names): the client that made the window manager's check window is
#: trusted when it is one of these, from a system directory.
WINDOW_MANAGERS = frozenset({
    "openbox", "metacity", "mutter", "marco", "xfwm4", "kwin_x11", "kwin", "muffin", "fluxbox",
    "icewm", "icewm-session", "i3", "awesome", "bspwm", "herbstluftwm", "dwm", "jwm", "fvwm",
    "fvwm3", "enlightenment", "budgie-wm", "gnome-shell", "cinnamon", "xmonad", "qtile", "lxqt-openbox",
    "matchbox-window-manager", "twm", "ctwm", "spectrwm", "windowmaker", "wmaker", "blackbox",
    "pekwm", "sawfish", "compiz",
})
#: Assistive technology (file names; several are Python scripts): screen readers, on-screen
#: keyboards, magnifiers. Students who need them must be able to take the exam.
ASSISTIVE = frozenset({
    "orca", "onboard", "florence", "matchbox-keyboard", "xvkbd", "kvkbd", "svkbd", "caribou",
    "magnus", "kmag", "kmagnifier", "xzoom", "gnome-orca", "dasher", "cellwriter", "eviacam",
    "easystroke",
})
#: Interpreters whose program is the script they run (the first argument that is a file).
_INTERPRETER = re.compile(r"^(python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|gjs|gjs-console|node|sh|bash|dash)$")


@dataclass(frozen=True)
class Program:
    """What a process runs: ``path`` (the executable, or the script of an interpreter; '' when
    unknown), ``name`` (its file name, else ``/proc/PID/comm``) and ``system`` (the file lies in
    a root-owned directory the student cannot write to)."""

    pid: int
    path: str
    name: str
    system: bool
    uid: int = -1

    def label(self) -> str:
        return f"{self.name} ({self.path or 'unknown file'}, pid {self.pid})"


def _system_file(path: str) -> bool:
    """Whether ``path`` and every directory above it belong to root and are writable by
    nobody else (a program the student could have put there or replaced is not a system one)."""
    if not path.startswith("/"):
        return False
    current = Path(path)
    try:
        while True:
            st = current.stat()
            if st.st_uid != 0 or st.st_mode & 0o022:
                return False
            if current.parent == current:
                return True
            current = current.parent
    except OSError:
        return False


def identify(pid: int, proc_root: Path = Path("/proc")) -> Program:
    """The program process ``pid`` runs (an interpreter's script, when it runs one)."""
    base = proc_root / str(pid)
    try:
        path = os.readlink(base / "exe")
    except OSError:
        path = ""
    path = path.removesuffix(" (deleted)")
    try:
        comm = (base / "comm").read_text().strip()
    except OSError:
        comm = ""
    try:
        uid = (base / "status").stat().st_uid
    except OSError:
        uid = -1
    name = os.path.basename(path) if path else comm
    if path and _INTERPRETER.match(name):
        script = _script(base)
        if script:
            path, name = script, os.path.basename(script)
    return Program(pid, path, name or "a program that ended before it could be named",
                   _system_file(path) if path else False, uid)


def _script(base: Path) -> str:
    """The script an interpreter runs: its first argument that is a file ('' for ``-c``/``-m``
    code, which is no program a name could be trusted for)."""
    try:
        argv = (base / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return ""
    for arg in argv[1:]:
        text = arg.decode("utf-8", "replace")
        if text in ("-c", "-m", "-e", "--eval") or not text:
            return ""
        if text.startswith("-"):
            continue
        cwd = base / "cwd"
        full = text if text.startswith("/") else os.path.join(os.readlink(cwd) if cwd.exists() else "/", text)
        return os.path.normpath(full)
    return ""


def trusted_kind(program: Program, *, ours: Iterable[int] = (), permitted: Iterable[int] = (),
                 window_manager: int = 0) -> str:
    """Why ``program`` may be on the exam's display (``ours``, ``window manager``, ``desktop``,
    ``assistive``, ``permitted``), or '' when it is foreign."""
    if program.pid in set(ours):
        return "ours"
    if program.pid in set(permitted):
        return "permitted"
    if program.pid == window_manager and program.system:
        return "window manager"
    if program.system and program.name in ASSISTIVE:
        return "assistive"
    if program.system and _desktop_name(program.name):
        return "desktop"
    return ""


def is_assistive(program: Program) -> bool:
    return program.system and program.name in ASSISTIVE


def _desktop_name(name: str) -> bool:
    return name in DESKTOP or name in WINDOW_MANAGERS or name.startswith(DESKTOP_PREFIXES)


def is_desktop(program: Program, window_manager: int = 0) -> bool:
    return program.system and (_desktop_name(program.name) or program.pid == window_manager)
