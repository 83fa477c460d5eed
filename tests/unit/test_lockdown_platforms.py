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
