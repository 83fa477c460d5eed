"""A real X server with a window manager for tests: Xvfb + openbox, and the X tools around it.

One job: give a test module its own X display (``Xvfb -displayfd``: the server picks a free
display number, so engineers and CI jobs running at the same time never collide), openbox
managing it (Alt+Tab, Super+D, Alt+Space, desktops — what a student's desktop would do), and
small helpers for ``xdotool``, ``xprop`` and ``xclip``. Everything started here is stopped at
teardown, also when a test fails.

Usage::

    from support.xsession import xsession  # noqa: F401   (module-scoped fixture)

    def test_x(xsession):
        env = xsession.env()                  # DISPLAY, QT_QPA_PLATFORM=xcb, no Wayland
        xsession.xdotool("key", "alt+Tab")
        assert xsession.active_window() == wid

``XSession(screens=2)`` starts Xvfb with two screens (``-screen 0 … -screen 1 …``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping

import pytest

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xclip")


class XSession:
    """One Xvfb + openbox; ``start()`` then ``stop()`` (or use as a context manager)."""

    def __init__(self, screens: int = 1, size: str = "1280x800x24") -> None:
        self.screens = screens
        self.size = size
        self.display = ""
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None
        self._children: list[subprocess.Popen[bytes]] = []

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> "XSession":
        missing = [t for t in TOOLS if shutil.which(t) is None]
        if missing:
            raise RuntimeError(
                f"X test tools missing: {', '.join(missing)} (installer/setup-dev.sh installs them)"
            )
        read_fd, write_fd = os.pipe()
        args = ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-noreset"]
        for n in range(self.screens):
            args += ["-screen", str(n), self.size]
        self._xvfb = subprocess.Popen(
            args, pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(write_fd)
        try:
            number = self._read_display(read_fd)
        finally:
            os.close(read_fd)
        self.display = f":{number}"
        self._wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=self.env(qt=False),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.wait_for(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in self.xprop_root("_NET_SUPPORTING_WM_CHECK"),
                      timeout=20, what="openbox to manage the display")
        return self

    def _read_display(self, fd: int, timeout: float = 20.0) -> str:
        import select

        data = b""
        end = time.monotonic() + timeout
        while not data.endswith(b"\n"):
            left = end - time.monotonic()
            if left <= 0 or (self._xvfb is not None and self._xvfb.poll() is not None):
                raise RuntimeError("Xvfb did not report a display number")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 64)
                if not chunk:
                    raise RuntimeError("Xvfb closed -displayfd without a display number")
                data += chunk
        return data.decode().strip()

    def stop(self) -> None:
        for proc in [*self._children, self._wm, self._xvfb]:
            if proc is None or proc.poll() is not None:
                continue
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self._children.clear()
        self._wm = self._xvfb = None

    def __enter__(self) -> "XSession":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- environment and children -------------------------------------------------------
    def env(self, base: Mapping[str, str] | None = None, *, qt: bool = True) -> dict[str, str]:
        """``base`` (default: this process' environment) on this display, as plain X11."""
        env = dict(os.environ if base is None else base)
        env["DISPLAY"] = self.display
        env.pop("WAYLAND_DISPLAY", None)
        env["XDG_SESSION_TYPE"] = "x11"
        if qt:
            env["QT_QPA_PLATFORM"] = "xcb"
        return env

    def spawn(self, *args: str) -> subprocess.Popen[bytes]:
        """Start an X client (stopped at teardown)."""
        proc = subprocess.Popen(list(args), env=self.env(qt=False),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._children.append(proc)
        return proc

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> str:
        proc = subprocess.run(list(args), env=self.env(qt=False), input=input,
                              capture_output=True, timeout=30)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
        return proc.stdout.decode("utf-8", "replace")

    # -- tools --------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def key(self, *keys: str) -> None:
        """Press key combinations (xdotool syntax: ``alt+Tab``, ``super+d``, ``Print``)."""
        self.xdotool("key", "--clearmodifiers", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def search(self, name: str, *, only_visible: bool = True) -> list[int]:
        """Window ids whose title matches ``name`` (a regular expression)."""
        args = ["search"] + (["--onlyvisible"] if only_visible else []) + ["--name", name]
        out = self.run("xdotool", *args, check=False)
        return [int(x) for x in out.split()]

    @contextlib.contextmanager
    def program(self, code: str, title: str) -> Iterator[int]:
        """Run ``code`` (a small Python program standing for another program of the student) on
        this display while the block runs; yields the id of its window titled ``title``."""
        proc = subprocess.Popen([sys.executable, "-c", code], env=self.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            found: list[int] = []
            # not only visible ones: the exam may minimize it before it is found
            self.wait_for(lambda: bool(found.extend(self.search(f"^{title}$", only_visible=False)) or found),
                          timeout=30, what=f"the window '{title}'")
            yield found[0]
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    def search_pid(self, pid: int) -> list[int]:
        out = self.run("xdotool", "search", "--onlyvisible", "--pid", str(pid), check=False)
        return [int(x) for x in out.split()]

    def xprop_root(self, prop: str) -> str:
        return self.run("xprop", "-root", prop, check=False)

    def active_window(self) -> int:
        """``_NET_ACTIVE_WINDOW`` as the window manager reports it (0: none)."""
        out = self.xprop_root("_NET_ACTIVE_WINDOW")
        try:
            return int(out.rsplit("#", 1)[1].split(",")[0].strip(), 16)
        except (IndexError, ValueError):
            return 0

    def current_desktop(self) -> int:
        out = self.xprop_root("_NET_CURRENT_DESKTOP")
        try:
            return int(out.rsplit("=", 1)[1].strip())
        except (IndexError, ValueError):
            return -1

    def showing_desktop(self) -> bool:
        return self.xprop_root("_NET_SHOWING_DESKTOP").strip().endswith("= 1")

    def window_prop(self, wid: int, prop: str) -> str:
        return self.run("xprop", "-id", str(wid), prop, check=False)

    def is_viewable(self, wid: int) -> bool:
        out = self.run("xwininfo", "-id", str(wid), check=False)
        return "Map State: IsViewable" in out

    def geometry(self, wid: int) -> tuple[int, int, int, int]:
        """(x, y, width, height) of a window on its screen."""
        out = self.run("xdotool", "getwindowgeometry", "--shell", str(wid))
        vals = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return int(vals["X"]), int(vals["Y"]), int(vals["WIDTH"]), int(vals["HEIGHT"])

    def clip_set(self, text: str, selection: str = "clipboard") -> None:
        """Own ``selection`` (clipboard or primary) with ``text`` as another program would."""
        subprocess.run(["xclip", "-selection", selection, "-i"], input=text.encode(),
                       env=self.env(qt=False), timeout=10, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def clip_get(self, selection: str = "clipboard") -> str:
        """What a paste would get from ``selection`` ('' when nobody owns it or it is empty)."""
        proc = subprocess.run(["xclip", "-selection", selection, "-o"], env=self.env(qt=False),
                              capture_output=True, timeout=10)
        return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else ""

    # -- waiting ------------------------------------------------------------------------
    @staticmethod
    def wait_for(predicate, timeout: float = 20.0, what: str = "condition", interval: float = 0.1) -> None:  # noqa: ANN001
        end = time.monotonic() + timeout
        while True:
            if predicate():
                return
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(interval)


@pytest.fixture(scope="module")
def xsession() -> Iterator[XSession]:
    """One Xvfb + openbox for the whole test module."""
    session = XSession()
    try:
        session.start()
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="module")
def xsession_two_screens() -> Iterator[XSession]:
    """Xvfb with two screens (``-screen 0 … -screen 1 …``) + openbox, for the module."""
    session = XSession(screens=2)
    try:
        session.start()
        yield session
    finally:
        session.stop()
