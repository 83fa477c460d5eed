"""Windows and macOS lockdown glue: the API calls and arguments, and how their answers are read."""

from __future__ import annotations

import json

from launcher.platform import lockdown_macos as mac
from launcher.platform import lockdown_windows as win


def test_capture_exclusion_uses_wda_excludefromcapture():
    assert win.display_affinity_call(0x1234, allow_capture=False) == ("user32", "SetWindowDisplayAffinity", (0x1234, 0x11))
    assert win.display_affinity_call(0x1234, allow_capture=True).args == (0x1234, 0)


def test_remote_session_asks_get_system_metrics_sm_remotesession():
    calls = []

    class User32:
        def GetSystemMetrics(self, index):  # noqa: N802 - the Win32 name
            calls.append(index)
            return 1

    assert win.is_remote_session(lambda dll: User32()) is True
    assert calls == [0x1000]


def _wmi(**kw):
    base = {"Manufacturer": "LENOVO", "Model": "20XW0055GE", "BiosManufacturer": "LENOVO",
            "BiosVersion": "N32ET75W", "Macs": ["8C:8D:28:11:22:33"]}
    return json.dumps({**base, **kw})


def test_wmi_answers_of_a_laptop_and_of_virtual_machines():
    assert win.vm_evidence(_wmi()) == []
    assert win.vm_evidence(_wmi(Manufacturer="Microsoft Corporation", Model="Surface Laptop 4")) == []
    assert win.vm_evidence(_wmi(Manufacturer="Microsoft Corporation", Model="Virtual Machine")) == [
        "the computer reports maker 'Microsoft Corporation', model 'Virtual Machine'"
    ]
    assert win.vm_evidence(_wmi(BiosManufacturer="innotek GmbH", Macs="08-00-27-AA-BB-CC")) == [
        "the BIOS reports 'innotek GmbH'", "a network card has a VirtualBox address (08:00:27:…)"
    ]
    assert win.vm_evidence("not json") == []
    assert win.vm_query_command()[0] == "powershell.exe"


def test_macos_hypervisor_and_window_sharing():
    assert mac.vm_evidence("0\n", "FPU VME SSE") == []
    assert mac.vm_evidence("1\n", "FPU VMM") == [
        "sysctl kern.hv_vmm_present is 1 (running under a hypervisor)", "the CPU features list VMM"
    ]
    assert mac.window_sharing_type(allow_capture=False) == 0
    assert mac.vm_commands()[0] == ["sysctl", "-n", "kern.hv_vmm_present"]


def test_the_vm_detector_asks_wmi_on_windows_and_sysctl_on_macos(tmp_path):
    from support.fake_machine import FakeMachine

    from launcher.lockdown.machine import Machine
    from launcher.lockdown.virtual import VirtualMachineDetector

    fake = FakeMachine(tmp_path)
    fake.commands["powershell.exe"] = (0, _wmi(Manufacturer="QEMU", Model="Standard PC (Q35 + ICH9, 2009)"))
    m = Machine(env={}, runner=fake.runner, platform="win32", proc_root=fake.proc, sys_root=fake.sys)
    assert VirtualMachineDetector(m).evidence() == [
        "the computer reports maker 'QEMU', model 'Standard PC (Q35 + ICH9, 2009)'"
    ]
    fake.commands["sysctl"] = (0, "1\n")
    m = Machine(env={}, runner=fake.runner, platform="darwin")
    assert VirtualMachineDetector(m).evidence() == ["sysctl kern.hv_vmm_present is 1 (running under a hypervisor)"]


class _User32:
    """user32.dll as the capture exclusion and the remote-session check call it."""

    def __init__(self, remote: int = 0, affinity_result: int = 1) -> None:
        self.calls: list[tuple] = []
        self.remote = remote
        self.affinity_result = affinity_result

    def SetWindowDisplayAffinity(self, hwnd, affinity):  # noqa: N802 - the Win32 name
        self.calls.append(("SetWindowDisplayAffinity", hwnd, affinity))
        return self.affinity_result

    def GetSystemMetrics(self, index):  # noqa: N802
        self.calls.append(("GetSystemMetrics", index))
        return self.remote


class _Objc:
    def __init__(self, window: int = 0xBEEF) -> None:
        self.window = window
        self.sent: list[tuple] = []

    def send(self, receiver, selector, *args):
        self.sent.append((receiver, selector, *args))
        return self.window if selector == "window" else 0


def test_capture_exclusion_on_windows_and_macos_and_nothing_on_linux(caplog):
    from launcher.platform.capture_exclusion import exclude

    user32 = _User32()
    assert exclude(0x42, allow_capture=False, platform="win32", loader=lambda dll: user32)
    assert exclude(0x42, allow_capture=True, platform="win32", loader=lambda dll: user32)
    assert user32.calls == [("SetWindowDisplayAffinity", 0x42, 0x11), ("SetWindowDisplayAffinity", 0x42, 0)]
    old = _User32(affinity_result=0)  # Windows before 10 2004 refuses WDA_EXCLUDEFROMCAPTURE
    assert not exclude(0x42, allow_capture=False, platform="win32", loader=lambda dll: old)
    assert "Windows 10 version 2004 or later" in caplog.text

    objc = _Objc()
    assert exclude(0x77, allow_capture=False, platform="darwin", runtime=objc)
    assert objc.sent == [(0x77, "window"), (0xBEEF, "setSharingType:", 0)]
    assert not exclude(0x77, allow_capture=False, platform="darwin", runtime=_Objc(window=0))

    assert not exclude(0x42, allow_capture=False, platform="linux")


def test_a_remote_desktop_session_is_refused_on_windows(tmp_path):
    from launcher.config.settings import Settings
    from launcher.lockdown.checks import start_violations
    from launcher.lockdown.machine import Machine

    def machine(remote: int) -> Machine:
        return Machine(proc_root=tmp_path / "none", sys_root=tmp_path / "none", etc_root=tmp_path / "none",
                       platform="win32", dll_loader=lambda dll: _User32(remote=remote),
                       runner=lambda argv, timeout: None)

    settings = Settings.from_dict({"allowVirtualMachine": True})
    found = start_violations(settings, machine(1), screen_count=1)
    assert [(v.check, v.key) for v in found] == [("remote-session", "allowScreenSharing")]
    assert "Remote Desktop session" in found[0].evidence
    assert start_violations(settings, machine(0), screen_count=1) == []
    allowed = Settings.from_dict({"allowVirtualMachine": True, "allowScreenSharing": True})
    assert start_violations(allowed, machine(1), screen_count=1) == []
