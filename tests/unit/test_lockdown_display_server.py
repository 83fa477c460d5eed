"""The display server told by its process (issue 16 item 1): fake /proc entries behind a fake
socket peer — an Xorg holding a DRM card is real; one that holds none (the dummy driver), a
rootful Xwayland, Xephyr, a server nobody stands behind and a non-screen Qt platform are not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from launcher.lockdown.display_server import DisplayServerDetector
from launcher.lockdown.machine import Machine


def _server(proc: Path, pid: int, exe: str, argv: list[str], devices: list[str]) -> None:
    base = proc / str(pid)
    (base / "fd").mkdir(parents=True)
    os.symlink(exe, base / "exe")
    (base / "comm").write_text(os.path.basename(exe) + "\n")
    (base / "cmdline").write_text("\0".join(argv) + "\0")
    for n, device in enumerate(devices):
        os.symlink(device, base / "fd" / str(n + 3))


def _detector(tmp_path: Path, **server) -> DisplayServerDetector:
    proc = tmp_path / "proc"
    _server(proc, 700, **server)
    machine = Machine(proc_root=proc, env={"DISPLAY": ":0"})
    return DisplayServerDetector(machine, peer=lambda address: 700 if address.endswith("X0") else 0)


def test_xorg_driving_a_drm_card_is_a_real_display(tmp_path):
    d = _detector(tmp_path, exe="/usr/lib/xorg/Xorg", argv=["/usr/lib/xorg/Xorg", ":0"],
                  devices=["/dev/dri/card0", "/dev/input/event3"])
    assert d.evidence("xcb") == []


def test_xorg_without_a_display_device_is_virtual(tmp_path):
    d = _detector(tmp_path, exe="/usr/lib/xorg/Xorg", argv=["Xorg", ":0", "-config", "dummy.conf"], devices=[])
    assert "drives no display device" in d.evidence("xcb")[0]


@pytest.mark.parametrize("exe,argv,expected", [
    ("/usr/bin/Xephyr", ["Xephyr", ":0"], "a nested X server: Xephyr (pid 700)"),
    ("/usr/bin/Xwayland", ["Xwayland", ":0"], "rootful Xwayland"),
    ("/usr/bin/Xtigervnc", ["Xtigervnc", ":0"], "a VNC X server"),
])
def test_nested_and_virtual_servers_are_named(tmp_path, exe, argv, expected):
    assert expected in _detector(tmp_path, exe=exe, argv=argv, devices=[]).evidence("xcb")[0]


def test_a_rootless_xwayland_is_the_wayland_sessions_affair(tmp_path):
    d = _detector(tmp_path, exe="/usr/bin/Xwayland", argv=["Xwayland", ":0", "-rootless"], devices=[])
    assert d.evidence("xcb") == []


def test_a_display_nobody_can_be_found_behind_and_other_platforms(tmp_path):
    machine = Machine(proc_root=tmp_path, env={"DISPLAY": ":5"})
    assert "cannot be identified" in DisplayServerDetector(machine, peer=lambda _a: 0).evidence("xcb")[0]
    assert "'vnc' platform" in DisplayServerDetector(machine, peer=lambda _a: 0).evidence("vnc")[0]
    assert DisplayServerDetector(machine, peer=lambda _a: 0).evidence("") == []  # no GUI: nothing to judge
    bare = Machine(proc_root=tmp_path, env={})  # not the launcher's own machine: its platform is not this one's
    assert DisplayServerDetector(bare, peer=lambda _a: 0).evidence("offscreen") == []
