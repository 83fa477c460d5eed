"""The Wayland compositor told by its process: fake /proc entries behind a fake socket peer — a
compositor holding the DRM card the login manager handed it is the real desktop; one that holds
none (nested in another desktop, or headless), one nobody stands behind and a handed-over
connection are not; one of another user (unreadable files) is taken for real."""

from __future__ import annotations

import os
from pathlib import Path

from launcher.lockdown import wayland_compositor
from launcher.lockdown.display_server import DisplayServerDetector
from launcher.lockdown.machine import Machine

ENV = {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": "/run/user/1000"}


def _compositor(proc: Path, pid: int, exe: str, devices: list[str], readable: bool = True) -> None:
    base = proc / str(pid)
    base.mkdir(parents=True)
    os.symlink(exe, base / "exe")
    (base / "comm").write_text(os.path.basename(exe) + "\n")
    if readable:
        (base / "fd").mkdir()
        for n, device in enumerate(devices):
            os.symlink(device, base / "fd" / str(n + 3))


def _evidence(tmp_path: Path, env: dict[str, str] = ENV, **compositor) -> list[str]:
    proc = tmp_path / "proc"
    _compositor(proc, 800, **compositor)
    asked: list[str] = []

    def peer(address: str) -> int:
        asked.append(address)
        return 800 if address == "/run/user/1000/wayland-1" else 0

    found = DisplayServerDetector(Machine(proc_root=proc, env=env), peer=peer).evidence("wayland")
    assert asked in ([], [wayland_compositor.socket_path(env)])  # the socket Qt connects to, only
    return found


def test_the_desktops_own_compositor_holds_the_drm_card(tmp_path):
    assert _evidence(tmp_path, exe="/usr/bin/gnome-shell", devices=["/dev/dri/card0", "/dev/input/event3"]) == []


def test_a_nested_or_headless_compositor_holds_none(tmp_path):
    found = _evidence(tmp_path, exe="/usr/bin/sway", devices=["/dev/dri/renderD128", "/dev/null"])
    assert found == ["the Wayland compositor drives no display device (nested in another desktop, or headless; "
                     "no /dev/dri/card*, /dev/fb*): sway (pid 800)"]


def test_a_compositor_of_another_user_is_taken_for_real(tmp_path):
    assert _evidence(tmp_path, exe="/usr/bin/kwin_wayland", devices=[], readable=False) == []


def test_no_process_behind_the_socket_or_a_handed_over_connection(tmp_path):
    env = {"WAYLAND_DISPLAY": "/tmp/elsewhere", "XDG_RUNTIME_DIR": "/run/user/1000"}
    assert "cannot be identified" in _evidence(tmp_path, env=env, exe="/usr/bin/sway", devices=[])[0]
    handed = dict(ENV, WAYLAND_SOCKET="5")
    assert "WAYLAND_SOCKET" in _evidence(tmp_path / "b", env=handed, exe="/usr/bin/sway", devices=[])[0]


def test_the_socket_is_found_as_libwayland_finds_it():
    assert wayland_compositor.socket_path({"WAYLAND_DISPLAY": "/abs/wl"}) == "/abs/wl"
    assert wayland_compositor.socket_path({"XDG_RUNTIME_DIR": "/run/user/5"}) == "/run/user/5/wayland-0"
    assert wayland_compositor.socket_path({"WAYLAND_DISPLAY": "wayland-2"}) == ""


def test_an_xwayland_display_is_told_by_its_server_process(tmp_path):
    proc = tmp_path / "proc"
    _compositor(proc, 900, exe="/usr/bin/Xwayland", devices=[])
    _compositor(proc, 901, exe="/usr/lib/xorg/Xorg", devices=["/dev/dri/card0"])
    servers = {"@/tmp/.X11-unix/X3": 900, "/tmp/.X11-unix/X5": 901}

    def serves(display: str) -> bool:
        machine = Machine(proc_root=proc, env={"DISPLAY": display})
        return wayland_compositor.xwayland_serves(machine, peer=lambda address: servers.get(address, 0))

    assert serves(":3") and serves("unix:3.0")
    assert not serves(":5")  # a real X server
    # wlroots and mutter listen on the display's socket themselves and hand it to Xwayland
    _compositor(proc, 902, exe="/usr/bin/sway", devices=["/dev/dri/card0"])
    _compositor(proc, 903, exe="/usr/bin/Xwayland", devices=[])
    (proc / "903" / "cmdline").write_text("Xwayland\0:6\0-rootless\0-listenfd\x0014\0")
    servers["@/tmp/.X11-unix/X6"] = 902
    assert serves(":6")
    assert not serves(":7")  # nobody behind the socket
    assert not serves("otherhost:3")  # a remote display is not ours to judge
