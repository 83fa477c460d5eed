"""Is this computer a virtual machine? (spec lockdown.md §1, ``allowVirtualMachine``)

Evidence from several independent sources, each one enough: ``systemd-detect-virt --vm``,
the DMI strings of the firmware, the CPU's ``hypervisor`` flag, ``/sys/hypervisor``, network
cards with a virtual machine maker's address prefix, and WSL.
"""

from __future__ import annotations

import logging
import re

from launcher.lockdown.machine import Machine
from launcher.lockdown.vm_markers import VM_MAC_PREFIXES

log = logging.getLogger(__name__)

#: Firmware/maker names that only virtual machines report (whole words, any case).
_VM_MAKERS = re.compile(
    r"\b(qemu|kvm|virtualbox|innotek|vmware|xen|hvm domu|parallels|bochs|seabios|ovmf|"
    r"bhyve|virtual machine)\b",
    re.IGNORECASE,
)
_DMI_FILES = ("sys_vendor", "product_name", "bios_vendor", "board_vendor")


class VirtualMachineDetector:
    """``evidence()`` lists what shows this is a virtual machine (empty: none seen)."""

    def __init__(self, machine: Machine) -> None:
        self.m = machine

    def evidence(self) -> list[str]:
        if self.m.platform.startswith("win"):
            return self._windows()
        if self.m.platform == "darwin":
            return self._macos()
        found: list[str] = []
        found += self._systemd()
        found += self._dmi()
        found += self._cpu_flag()
        found += self._sys_hypervisor()
        found += self._mac_addresses()
        found += self._wsl()
        return found

    def _windows(self) -> list[str]:
        from launcher.platform import lockdown_windows as win

        result = self.m.runner(win.vm_query_command(), 10.0)
        return win.vm_evidence(result[1]) if result is not None and result[0] == 0 else []

    def _macos(self) -> list[str]:
        from launcher.platform import lockdown_macos as mac

        answers = [self.m.runner(cmd, 2.0) for cmd in mac.vm_commands()]
        texts = [a[1] if a is not None and a[0] == 0 else "" for a in answers]
        return mac.vm_evidence(*texts)

    def _systemd(self) -> list[str]:
        result = self.m.runner(["systemd-detect-virt", "--vm"], 2.0)
        if result is None:
            return []
        code, out = result
        kind = out.strip().splitlines()[0].strip() if out.strip() else ""
        if code == 0 and kind and kind != "none":
            return [f"systemd-detect-virt reports the virtual machine '{kind}'"]
        return []

    def _dmi(self) -> list[str]:
        base = self.m.sys_root / "class/dmi/id"
        values = {name: (self.m.read(base / name) or "").strip() for name in _DMI_FILES}
        found = []
        surface = "surface" in values["product_name"].lower()
        for name, value in values.items():
            if not value:
                continue
            if _VM_MAKERS.search(value):
                found.append(f"the firmware's {name.replace('_', ' ')} is '{value}'")
            elif name == "sys_vendor" and "microsoft" in value.lower() and not surface:
                # Hyper-V reports Microsoft Corporation; Surface laptops do too, but say so.
                found.append(f"the firmware's sys vendor is '{value}' on a '{values['product_name']}'")
        return found

    def _cpu_flag(self) -> list[str]:
        text = self.m.read(self.m.proc_root / "cpuinfo", limit=1 << 20) or ""
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "flags" and "hypervisor" in value.split():
                return ["the CPU reports the 'hypervisor' flag"]
        return []

    def _sys_hypervisor(self) -> list[str]:
        kind = (self.m.read(self.m.sys_root / "hypervisor/type") or "").strip()
        return [f"/sys/hypervisor reports '{kind}'"] if kind else []

    def _mac_addresses(self) -> list[str]:
        net = self.m.sys_root / "class/net"
        try:
            names = sorted(p.name for p in net.iterdir())
        except OSError:
            return []
        found = []
        for name in names:
            # Only network cards with a device behind them: bridges, veth and tunnels of a
            # real host (libvirt's own bridge uses 52:54:00) are no evidence.
            if not (net / name / "device").exists():
                continue
            mac = (self.m.read(net / name / "address") or "").strip().lower()
            maker = VM_MAC_PREFIXES.get(mac[:8])
            if maker:
                found.append(f"the network card {name} has a {maker} address ({mac[:8]}:…)")
            elif mac and set(mac) <= {"0", ":"}:
                found.append(f"the network card {name} has an all-zero address")
        return found

    def _wsl(self) -> list[str]:
        release = (self.m.read(self.m.proc_root / "sys/kernel/osrelease") or "").lower()
        if "microsoft" in release or "wsl" in release or self.m.env.get("WSL_DISTRO_NAME"):
            return ["this is Windows Subsystem for Linux (WSL)"]
        return []
