"""The lockdown detectors on fake machines: virtual machine, displays, remote sessions,
debugger/LD_PRELOAD (spec lockdown.md, "Checks a test can make" 1-3, 10)."""

from __future__ import annotations

import pytest
from support.fake_machine import OWN_PID, FakeMachine

from launcher.config.settings import Settings
from launcher.lockdown.checks import start_violations
from launcher.lockdown.debugger import DebuggerDetector
from launcher.lockdown.displays import DisplayDetector
from launcher.lockdown.remote import RemoteSessionDetector, display_host
from launcher.lockdown.virtual import VirtualMachineDetector

CPU_PLAIN = "processor\t: 0\nflags\t\t: fpu vme de pse sse sse2\n"
CPU_VM = "processor\t: 0\nflags\t\t: fpu vme de pse sse sse2 hypervisor\n"


@pytest.fixture
def fake(tmp_path):
    return FakeMachine(tmp_path)


def _dmi(fake, vendor, product, bios="American Megatrends Inc."):
    fake.write("sys/class/dmi/id/sys_vendor", vendor + "\n")
    fake.write("sys/class/dmi/id/product_name", product + "\n")
    fake.write("sys/class/dmi/id/bios_vendor", bios + "\n")


def _nic(fake, name, mac, *, device=True):
    fake.write(f"sys/class/net/{name}/address", mac + "\n")
    if device:
        (fake.sys / "class/net" / name / "device").mkdir()


# -- virtual machine ---------------------------------------------------------------------------
def test_qemu_with_the_hypervisor_flag_is_a_virtual_machine(fake):
    _dmi(fake, "QEMU", "Standard PC (Q35 + ICH9, 2009)", bios="SeaBIOS")
    fake.write("proc/cpuinfo", CPU_VM)
    evidence = VirtualMachineDetector(fake.machine()).evidence()
    assert "the firmware's sys vendor is 'QEMU'" in evidence
    assert "the firmware's bios vendor is 'SeaBIOS'" in evidence
    assert "the CPU reports the 'hypervisor' flag" in evidence


def test_a_lenovo_laptop_without_the_flag_is_not(fake):
    _dmi(fake, "LENOVO", "20XW0055GE")
    fake.write("proc/cpuinfo", CPU_PLAIN)
    _nic(fake, "wlp2s0", "8c:8d:28:11:22:33")
    fake.commands["systemd-detect-virt"] = (1, "none\n")
    assert VirtualMachineDetector(fake.machine()).evidence() == []


def test_a_surface_laptop_is_not_hyper_v_but_a_microsoft_virtual_machine_is(fake):
    _dmi(fake, "Microsoft Corporation", "Surface Laptop 4")
    fake.write("proc/cpuinfo", CPU_PLAIN)
    assert VirtualMachineDetector(fake.machine()).evidence() == []
    _dmi(fake, "Microsoft Corporation", "Virtual Machine")
    evidence = VirtualMachineDetector(fake.machine()).evidence()
    assert any("Virtual Machine" in e for e in evidence)


def test_systemd_detect_virt_sys_hypervisor_mac_and_wsl_each_count(fake):
    fake.commands["systemd-detect-virt"] = (0, "kvm\n")
    assert VirtualMachineDetector(fake.machine()).evidence() == [
        "systemd-detect-virt reports the virtual machine 'kvm'"
    ]
    del fake.commands["systemd-detect-virt"]
    fake.write("sys/hypervisor/type", "xen\n")
    assert VirtualMachineDetector(fake.machine()).evidence() == ["/sys/hypervisor reports 'xen'"]
    (fake.sys / "hypervisor/type").unlink()
    _nic(fake, "enp1s0", "52:54:00:12:34:56")
    _nic(fake, "virbr0", "52:54:00:aa:bb:cc", device=False)  # a real host's libvirt bridge
    assert VirtualMachineDetector(fake.machine()).evidence() == [
        "the network card enp1s0 has a QEMU/KVM address (52:54:00:…)"
    ]
    (fake.sys / "class/net/enp1s0/device").rmdir()
    fake.write("proc/sys/kernel/osrelease", "5.15.153.1-microsoft-standard-WSL2\n")
    assert VirtualMachineDetector(fake.machine()).evidence() == ["this is Windows Subsystem for Linux (WSL)"]


# -- displays ----------------------------------------------------------------------------------
def _connector(fake, name, status="connected", enabled="enabled"):
    fake.write(f"sys/class/drm/{name}/status", status + "\n")
    fake.write(f"sys/class/drm/{name}/enabled", enabled + "\n")


def _settings(**raw):
    return Settings.from_dict({"allowVirtualMachine": True, **raw})


def test_two_connected_connectors_one_internal(fake):
    _connector(fake, "card0-eDP-1")
    _connector(fake, "card0-HDMI-A-1")
    _connector(fake, "card0-DP-1", status="disconnected", enabled="disabled")
    (fake.sys / "class/drm/card0").mkdir()
    report = DisplayDetector(fake.machine()).report(screen_count=1)
    assert report.count == 2  # a mirror shows as one Qt screen; the kernel sees two
    assert report.internal == ("eDP-1",)
    assert report.external == ("HDMI-A-1",)
    m = fake.machine()
    assert [v.key for v in start_violations(_settings(), m, screen_count=1)] == ["allowedDisplaysMaxNumber"]
    assert start_violations(_settings(allowedDisplaysMaxNumber=2), m, screen_count=1) == []
    enforce = start_violations(_settings(allowedDisplaysMaxNumber=2, allowedDisplayBuiltinEnforce=True),
                               m, screen_count=1)
    assert [v.key for v in enforce] == ["allowedDisplayBuiltinEnforce"]
    assert "HDMI-A-1" in enforce[0].evidence


def test_qt_screens_count_when_the_kernel_has_no_connectors(fake):
    m = fake.machine()
    assert start_violations(_settings(), m, screen_count=1) == []
    two = start_violations(_settings(), m, screen_count=2)
    assert [v.evidence for v in two] == [
        "2 displays are in use, at most 1 allowed (2 screen(s) seen by the window system)"
    ]


def test_unreadable_connectors_refuse_unless_ignore_failure(fake):
    (fake.sys / "class/drm/card0-eDP-1").mkdir(parents=True)  # no status file
    m = fake.machine()
    refused = start_violations(_settings(), m, screen_count=1)
    assert [v.key for v in refused] == ["allowedDisplaysIgnoreFailure"]
    assert "eDP-1 cannot be read" in refused[0].evidence
    assert start_violations(_settings(allowedDisplaysIgnoreFailure=True), m, screen_count=1) == []


# -- remote sessions ---------------------------------------------------------------------------
def test_ssh_xrdp_and_a_remote_display_are_remote(fake):
    m = fake.machine({"SSH_CONNECTION": "10.0.0.7 51022 10.0.0.2 22"})
    assert RemoteSessionDetector(m).evidence() == ["the launcher was started over SSH (SSH_CONNECTION, from 10.0.0.7)"]
    m = fake.machine({"XRDP_SESSION": "1", "DISPLAY": ":10"})
    assert RemoteSessionDetector(m).evidence() == [
        "the launcher runs in an xrdp remote desktop session (XRDP_SESSION)"
    ]
    m = fake.machine({"DISPLAY": "localhost:10.0"})
    assert RemoteSessionDetector(m).evidence() == ["the X display is on another computer (DISPLAY=localhost:10.0)"]
    assert display_host(":0") == display_host("unix:0") == display_host("/tmp/xq/org.xquartz:0") == ""


def test_loginctl_remote_session_is_refused_unless_screen_sharing_is_allowed(fake):
    fake.commands["loginctl"] = (0, "Remote=yes\nService=sshd\nRemoteHost=192.0.2.4\n")
    m = fake.machine({"XDG_SESSION_ID": "c7", "DISPLAY": ":0"})
    refused = start_violations(_settings(), m, screen_count=1)
    assert [(v.check, v.key) for v in refused] == [("remote-session", "allowScreenSharing")]
    assert refused[0].evidence == "the login session c7 is remote (from 192.0.2.4)"
    assert ["loginctl", "show-session", "c7", "-p", "Remote", "-p", "Service", "-p", "RemoteHost"] in fake.calls
    assert start_violations(_settings(allowScreenSharing=True), m, screen_count=1) == []
    fake.commands["loginctl"] = (0, "Remote=no\nService=gdm-password\n")
    assert start_violations(_settings(), m, screen_count=1) == []


def test_a_vnc_server_of_any_user_is_screen_sharing(fake):
    fake.process(700, "x11vnc", uid=0, exe="/usr/bin/x11vnc")
    assert RemoteSessionDetector(fake.machine()).evidence() == ["a screen-sharing server is running: x11vnc (pid 700)"]


# -- debugger ----------------------------------------------------------------------------------
def test_a_tracer_and_ld_preload_are_refused(fake):
    m = fake.machine()
    assert DebuggerDetector(m).evidence() == []
    fake.process(OWN_PID, "seb-launcher", tracer=555)
    fake.process(555, "strace")
    fake.write("etc/ld.so.preload", "# none\n/usr/lib/libspy.so\n")
    m = fake.machine({"LD_PRELOAD": "/tmp/hook.so"})
    evidence = DebuggerDetector(m).evidence()
    assert evidence == [
        "the launcher is being traced by strace (pid 555)",
        "LD_PRELOAD loads /tmp/hook.so into the launcher",
        "/etc/ld.so.preload loads /usr/lib/libspy.so into every program",
    ]
    refused = start_violations(_settings(allowScreenSharing=True), m, screen_count=1)
    assert [v.check for v in refused] == ["debugger"]


def test_virtual_machine_check_follows_the_key(fake):
    fake.write("proc/cpuinfo", CPU_VM)
    m = fake.machine()
    refused = start_violations(Settings.from_dict({}), m, screen_count=1)
    assert [(v.check, v.key, v.evidence) for v in refused] == [
        ("virtual-machine", "allowVirtualMachine", "the CPU reports the 'hypervisor' flag")
    ]
    assert start_violations(_settings(), m, screen_count=1) == []
