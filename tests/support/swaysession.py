"""A real Wayland compositor for tests: headless sway (or cage) run as an unprivileged user.

One job: give a test module its own compositor — wlroots' headless backend with the pixman
renderer (no GPU, no display), run as the user ``seb-wl-test`` (sway refuses to run as root;
the user is created once with ``useradd``) — plus the environment that puts a Qt program on it
(``WAYLAND_DISPLAY`` = the socket's full path, ``QT_QPA_PLATFORM=wayland``, a runtime
directory of the program's own), and the compositor's IPC and debug log. Everything started
here is stopped at teardown.

sway is configured with key bindings that only create a marker file each (``fired(name)``):
Alt+Tab, Alt+Shift+Tab, Super+D, Super+Return, Super+1, Alt+F4, Ctrl+Alt+Right, Alt+Escape,
Alt+Space, Print and Super pressed alone.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

USER = "seb-wl-test"

#: binding name -> sway key combination (names are the marker files)
BINDINGS: dict[str, str] = {
    "alt-tab": "Mod1+Tab", "alt-shift-tab": "Mod1+Shift+Tab", "super-d": "Mod4+d",
    "super-return": "Mod4+Return", "super-1": "Mod4+1", "alt-f4": "Mod1+F4",
    "ctrl-alt-right": "Ctrl+Mod1+Right", "alt-escape": "Mod1+Escape", "alt-space": "Mod1+space",
    "print": "Print",
}
#: binding name -> the virtual keyboard's combination that triggers it
PRESSES: dict[str, str] = {
    "alt-tab": "alt+Tab", "alt-shift-tab": "alt+shift+Tab", "super-d": "super+d",
    "super-return": "super+Return", "super-1": "super+1", "alt-f4": "alt+F4",
    "ctrl-alt-right": "ctrl+alt+Right", "alt-escape": "alt+Escape", "alt-space": "alt+space",
    "print": "Print", "super": "super",
}


def ensure_user(name: str = USER) -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                              capture_output=True)
        try:  # another run may have made it a moment ago (useradd then says it exists)
            entry = pwd.getpwnam(name)
        except KeyError:
            raise RuntimeError(f"useradd {name} failed: {made.stderr.decode(errors='replace')}") from None
    return entry.pw_uid, entry.pw_gid


def wait_for(predicate: Callable[[], bool], timeout: float = 30, interval: float = 0.1, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or predicate}")


class Compositor:
    """sway (``kind="sway"``) on the headless backend; ``start()`` then ``stop()``."""

    def __init__(self, *, xwayland: bool = False) -> None:
        self.xwayland = xwayland
        self.uid, self.gid = ensure_user()
        self.dir = Path(tempfile.mkdtemp(prefix="seb-wl-"))
        self.dir.chmod(0o755)
        self.runtime = self.dir / "runtime"  # the compositor's XDG_RUNTIME_DIR (its user's, 0700)
        self.markers = self.dir / "markers"
        self.client_runtime = self.dir / "client-runtime"  # ours (root's), 0700
        for path, owner in ((self.runtime, self.uid), (self.markers, self.uid), (self.client_runtime, 0)):
            path.mkdir(mode=0o700)
            os.chown(path, owner, self.gid if owner else 0)
        self.log_path = self.dir / "compositor.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.socket = ""
        self.x_display = ""

    def compositor_env(self) -> dict[str, str]:
        return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(self.markers),
                "XDG_RUNTIME_DIR": str(self.runtime), "WLR_BACKENDS": "headless",
                "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_HEADLESS_OUTPUTS": "1"}

    def _launch(self, args: list[str], env: Mapping[str, str]) -> None:
        if shutil.which(args[0]) is None:
            raise RuntimeError(f"{args[0]} is not installed (installer/setup-dev.sh installs it)")
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--", *args],
            env=dict(env), stdout=log, stderr=subprocess.STDOUT, cwd=str(self.markers))
        log.close()

    def _wait_socket(self) -> None:
        def ready() -> bool:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"the compositor ended ({self.proc.returncode}):\n{self.log()[-3000:]}")
            sockets = [p for p in self.runtime.glob("wayland-*") if not p.name.endswith(".lock")]
            if sockets:
                self.socket = str(sockets[0])
            return bool(self.socket)

        wait_for(ready, timeout=30, what="the compositor's Wayland socket")

    def start(self) -> "Compositor":
        config = self.dir / "sway.conf"
        lines = ["output HEADLESS-1 resolution 1280x800", "focus_follows_mouse no"]
        for name, combo in BINDINGS.items():
            lines.append(f"bindsym {combo} exec touch {self.markers}/{name}")
        lines.append(f"bindsym --release Super_L exec touch {self.markers}/super")
        if self.xwayland:  # an X server inside the session; root (the launcher) may use it
            lines += ["xwayland enable", f"exec sh -c 'xhost +si:localuser:root && echo $DISPLAY > {self.markers}/.display.tmp"
                      f" && mv {self.markers}/.display.tmp {self.markers}/.display'"]
        else:
            lines.append("xwayland disable")
        config.write_text("\n".join(lines) + "\n")
        config.chmod(0o644)
        self._launch(["sway", "-d", "-c", str(config)], self.compositor_env())
        self._wait_socket()
        wait_for(lambda: bool(self.ipc_socket()), what="sway's IPC socket")
        if self.xwayland:
            wait_for(lambda: (self.markers / ".display").exists(), what="sway's Xwayland display")
            self.x_display = (self.markers / ".display").read_text().strip()
        return self

    def ipc_socket(self) -> str:
        found = list(self.runtime.glob("sway-ipc.*.sock"))
        return str(found[0]) if found else ""

    def swaymsg(self, *args: str) -> str:
        proc = subprocess.run(["swaymsg", "-s", self.ipc_socket(), *args], capture_output=True, timeout=20)
        return proc.stdout.decode(errors="replace")

    def tree(self) -> dict:
        return json.loads(self.swaymsg("-t", "get_tree"))

    def focused(self) -> dict | None:
        """The focused window (sway's tree node) or None."""
        todo = [self.tree()]
        while todo:
            node = todo.pop()
            if node.get("focused") and node.get("type") in ("con", "floating_con"):
                return node
            todo += node.get("nodes", []) + node.get("floating_nodes", [])
        return None

    def client_env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` put on this compositor as a Qt Wayland client (no X display)."""
        env = dict(os.environ if base is None else base)
        env.pop("DISPLAY", None)
        env["WAYLAND_DISPLAY"] = self.socket
        env["XDG_RUNTIME_DIR"] = str(self.client_runtime)
        env["XDG_SESSION_TYPE"] = "wayland"
        env["QT_QPA_PLATFORM"] = "wayland"
        return env

    def x_client_env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` as an X client of this session's Xwayland, with no sign of Wayland in its
        environment (a student who forces Qt's xcb and hides the session type)."""
        env = dict(os.environ if base is None else base)
        env.pop("WAYLAND_DISPLAY", None)
        env["DISPLAY"] = self.x_display
        env["XDG_SESSION_TYPE"] = "x11"
        env["QT_QPA_PLATFORM"] = "xcb"
        return env

    def fired(self) -> list[str]:
        """The bindings the compositor ran so far."""
        return sorted(p.name for p in self.markers.iterdir() if not p.name.startswith("."))

    def clear(self) -> None:
        for p in self.markers.iterdir():
            if not p.name.startswith("."):
                p.unlink()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)
