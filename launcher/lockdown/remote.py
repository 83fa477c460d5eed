"""Is someone else looking at or driving this session? (spec lockdown.md §3, ``allowScreenSharing``)

A remote login session (logind says ``Remote=yes`` or it is an xrdp session), an SSH or xrdp
environment, an X display on another host, or a running VNC/RDP/screen-sharing server.
"""

from __future__ import annotations

import logging

from launcher.lockdown.machine import Machine
from launcher.lockdown.processes import Proc, list_processes

log = logging.getLogger(__name__)

#: Servers that share this screen with another computer (any user's: xrdp runs as root).
SHARING_SERVERS = {
    "xvnc", "xtigervnc", "x11vnc", "vino-server", "krfb", "xrdp", "xrdp-sesman", "xorgxrdp",
    "gnome-remote-desktop-daemon", "gnome-remote-de", "wayvnc", "x0vncserver", "vncserver",
    "xpra", "nxagent",
}


def display_host(display: str) -> str:
    """The host part of an X ``DISPLAY`` ('' for a local one: ``:0``, ``unix:0``, a path)."""
    if not display or display.startswith("/"):
        return ""
    host = display.rpartition(":")[0]
    return "" if host in ("", "unix") else host


class RemoteSessionDetector:
    def __init__(self, machine: Machine) -> None:
        self.m = machine

    def session_evidence(self) -> list[str]:
        """What logind says about our login session (runs ``loginctl``: at start, not per poll);
        on Windows, whether this is a Remote Desktop session (``SM_REMOTESESSION``)."""
        if self.m.platform == "win32":
            from launcher.platform import lockdown_windows as win

            try:
                remote = win.is_remote_session(self.m.dll_loader)
            except (OSError, AttributeError) as exc:
                log.warning("Could not ask Windows whether this is a remote session: %s", exc)
                return []
            return ["this is a Remote Desktop session (GetSystemMetrics SM_REMOTESESSION)"] if remote else []
        session = self.m.env.get("XDG_SESSION_ID", "")
        if not session:
            return []
        result = self.m.runner(["loginctl", "show-session", session, "-p", "Remote", "-p", "Service",
                                "-p", "RemoteHost"], 2.0)
        if result is None or result[0] != 0:
            return []
        props = dict(line.partition("=")[::2] for line in result[1].splitlines() if "=" in line)
        found = []
        if props.get("Remote", "").strip() == "yes":
            host = props.get("RemoteHost", "").strip()
            found.append(f"the login session {session} is remote" + (f" (from {host})" if host else ""))
        service = props.get("Service", "").strip()
        if "xrdp" in service.lower():
            found.append(f"the login session {session} was opened by {service}")
        return found

    def environment_evidence(self) -> list[str]:
        env = self.m.env
        found = []
        if env.get("XRDP_SESSION"):
            found.append("the launcher runs in an xrdp remote desktop session (XRDP_SESSION)")
        for name in ("SSH_CONNECTION", "SSH_CLIENT"):
            if env.get(name):
                client = env[name].split()[0] if env[name].split() else ""
                found.append(f"the launcher was started over SSH ({name}, from {client})")
                break
        host = display_host(env.get("DISPLAY", ""))
        if host:
            found.append(f"the X display is on another computer (DISPLAY={env.get('DISPLAY')})")
        return found

    def process_evidence(self, procs: list[Proc] | None = None) -> list[str]:
        found = []
        for proc in procs if procs is not None else list_processes(self.m):
            if proc.names & SHARING_SERVERS:
                found.append(f"a screen-sharing server is running: {proc.label()}")
        return found

    def evidence(self, procs: list[Proc] | None = None) -> list[str]:
        return self.session_evidence() + self.environment_evidence() + self.process_evidence(procs)
