"""The network-card address prefixes of virtual machine makers: shared by the Linux VM
detector and the Windows one (``launcher.platform.lockdown_windows``), which must not import
each other."""

from __future__ import annotations

#: MAC prefix (lower case, colons) -> the VM maker (SEB for Windows' list plus Xen and Parallels).
VM_MAC_PREFIXES = {
    "52:54:00": "QEMU/KVM",
    "08:00:27": "VirtualBox",
    "00:05:69": "VMware",
    "00:0c:29": "VMware",
    "00:50:56": "VMware",
    "00:15:5d": "Hyper-V",
    "00:1c:42": "Parallels",
    "00:16:3e": "Xen",
}
