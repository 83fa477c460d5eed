"""A real PulseAudio sound server for tests: one null sink, its own socket, read back with pactl.

One job: start ``pulseaudio`` (Debian's, ``installer/setup-dev.sh``) as this test's private
server — a fresh home and runtime folder, no autospawn, a ``module-null-sink`` as the default
output and an anonymous unix socket — and point ``PULSE_SERVER`` at it, so the launcher and
``pactl`` both talk to it and never to a desktop's server. Works as root (CI): user mode with
``-n`` and only the modules loaded here. Stopped by its pid at teardown.

Usage::

    from support.sound_server import sound_server  # noqa: F401   (fixture)

    def test_x(sound_server):
        sound_server.set_volume(80); sound_server.set_mute(False)
        ...
        assert sound_server.volume() == 25 and sound_server.muted()
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SINK = "exam_speakers"


class SoundServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.address = f"unix:{self.socket}"
        self.proc: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        return dict(os.environ, PULSE_SERVER=self.address, HOME=str(self.folder),
                    XDG_RUNTIME_DIR=str(self.folder / "run"))

    def start(self) -> SoundServer:
        (self.folder / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disable-shm=yes", "--log-target=stderr", "--log-level=error",
             "-L", f"module-null-sink sink_name={SINK} sink_properties=device.description=Exam-speakers",
             "-L", f"module-native-protocol-unix socket={self.socket} auth-anonymous=1"],
            env=self.env(), stdout=subprocess.DEVNULL, stderr=open(self.folder / "pulseaudio.log", "wb"),
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("pulseaudio ended: " + (self.folder / "pulseaudio.log").read_text())
            if self.socket.exists() and self.pactl("info", check=False).returncode == 0:
                return self
            time.sleep(0.1)
        raise RuntimeError("pulseaudio did not come up within 15 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self.env(), capture_output=True, text=True,
                              timeout=10, check=check)

    def volume(self) -> int:
        """The default output's volume in percent, as ``pactl`` reports it (front-left)."""
        out = self.pactl("get-sink-volume", "@DEFAULT_SINK@").stdout
        found = re.search(r"/\s*(\d+)%", out)
        assert found, out
        return int(found.group(1))

    def muted(self) -> bool:
        return self.pactl("get-sink-mute", "@DEFAULT_SINK@").stdout.strip().endswith("yes")

    def set_volume(self, percent: int) -> None:
        self.pactl("set-sink-volume", "@DEFAULT_SINK@", f"{percent}%")

    def set_mute(self, mute: bool) -> None:
        self.pactl("set-sink-mute", "@DEFAULT_SINK@", "1" if mute else "0")


@pytest.fixture
def sound_server(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoundServer]:
    """A running PulseAudio with one null sink; ``PULSE_SERVER`` points at it for this test."""
    for tool in ("pulseaudio", "pactl"):
        assert shutil.which(tool), f"{tool} is missing: run installer/setup-dev.sh (Debian: pulseaudio, pulseaudio-utils)"
    server = SoundServer(tmp_path_factory.mktemp("sound")).start()
    monkeypatch.setenv("PULSE_SERVER", server.address)
    try:
        yield server
    finally:
        server.stop()
