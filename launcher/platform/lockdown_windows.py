"""Windows glue for the lockdown checks: which API with which arguments, kept pure so it is
tested on any OS (spec lockdown.md §1, §3). Not yet run on Windows.

- Capture exclusion: ``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE = 0x11)`` on every
  top-level window (Windows 10 2004+), ``WDA_NONE`` when ``allowScreenSharing``.
- Remote session: ``GetSystemMetrics(SM_REMOTESESSION = 0x1000)`` non-zero.
- Virtual machine: the WMI classes SEB for Windows reads, queried through PowerShell's
  ``Get-CimInstance`` as one JSON object, judged by :func:`vm_evidence`.
- System keys: :func:`blocked_key` is SEB for Windows' keyboard-hook table over virtual-key
  codes (the hook itself: ``launcher.platform.keyboard_hook_windows``).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from launcher.lockdown.blocked_keys import FUNCTION_KEYS, Key, KeySettings, blocked
from launcher.lockdown.vm_markers import VM_MAC_PREFIXES

log = logging.getLogger(__name__)

#: Virtual-key codes the key table names (winuser.h).
VK_TAB, VK_ESCAPE, VK_SPACE, VK_SNAPSHOT = 0x09, 0x1B, 0x20, 0x2C
VK_LEFT, VK_UP, VK_RIGHT, VK_DOWN, VK_INSERT, VK_DELETE = 0x25, 0x26, 0x27, 0x28, 0x2D, 0x2E
VK_LWIN, VK_RWIN, VK_APPS = 0x5B, 0x5C, 0x5D
VK_F1, VK_F4, VK_F12 = 0x70, 0x73, 0x7B
VK_C, VK_V, VK_X = 0x43, 0x56, 0x58

#: Virtual-key codes as SEB's key table names them (``launcher.lockdown.blocked_keys``).
TABLE_KEYS: dict[int, Key] = {
    VK_TAB: Key.TAB, VK_ESCAPE: Key.ESCAPE, VK_SPACE: Key.SPACE, VK_SNAPSHOT: Key.PRINT,
    VK_LEFT: Key.LEFT, VK_UP: Key.UP, VK_RIGHT: Key.RIGHT, VK_DOWN: Key.DOWN,
    VK_INSERT: Key.INSERT, VK_DELETE: Key.DELETE,
    VK_LWIN: Key.START, VK_RWIN: Key.START, VK_APPS: Key.MENU,
    **{VK_F1 + n: key for n, key in enumerate(FUNCTION_KEYS)},
    VK_C: Key.C, VK_V: Key.V, VK_X: Key.X,
}

WDA_NONE = 0x00
WDA_EXCLUDEFROMCAPTURE = 0x11
SM_REMOTESESSION = 0x1000


class ApiCall(NamedTuple):
    dll: str
    function: str
    args: tuple[int, ...]


def display_affinity_call(hwnd: int, *, allow_capture: bool) -> ApiCall:
    """The call that keeps ``hwnd`` out of screenshots and screen sharing (or lets it in)."""
    return ApiCall("user32", "SetWindowDisplayAffinity", (hwnd, WDA_NONE if allow_capture else WDA_EXCLUDEFROMCAPTURE))


def blocked_key(options: KeySettings, vk: int, *, alt: bool, ctrl: bool, injected: bool,
                shift: bool = False) -> bool:
    """Whether the system-wide hook swallows virtual key ``vk`` (pressed or released) with
    these modifiers: SEB's key table (``launcher.lockdown.blocked_keys``) with the exam's
    settings (``KioskOptions``). The Windows keys are swallowed themselves, so no other key
    arrives with them held."""
    return blocked(options, TABLE_KEYS.get(vk), alt=alt, ctrl=ctrl, shift=shift, injected=injected)


def remote_session_call() -> ApiCall:
    return ApiCall("user32", "GetSystemMetrics", (SM_REMOTESESSION,))


def load(dll: str) -> Any:
    """A Windows DLL by name ("user32", "kernel32") through ctypes: the one loader of the
    launcher's Windows calls (each takes a ``loader`` of this shape; tests pass their own)."""
    import ctypes

    if sys.platform != "win32":
        raise OSError(f"{dll}.dll: Windows DLLs load only on Windows")
    return ctypes.WinDLL(dll, use_last_error=True)


def call(api: ApiCall, loader: Callable[[str], Any] | None = None) -> int:
    """Make ``api`` through ctypes (``loader`` returns the DLL; tests pass their own)."""
    return int(getattr((loader or load)(api.dll), api.function)(*api.args))


def is_remote_session(loader: Callable[[str], Any] | None = None) -> bool:
    return call(remote_session_call(), loader) != 0


_WMI_SCRIPT = (
    "$cs = Get-CimInstance Win32_ComputerSystem; $bios = Get-CimInstance Win32_BIOS; "
    "$nics = Get-CimInstance Win32_NetworkAdapter -Filter 'PhysicalAdapter=True'; "
    "@{Manufacturer=$cs.Manufacturer; Model=$cs.Model; BiosVersion=($bios.SMBIOSBIOSVersion); "
    "BiosManufacturer=$bios.Manufacturer; Macs=@($nics | ForEach-Object { $_.MACAddress })} "
    "| ConvertTo-Json -Compress"
)


def vm_query_command() -> Sequence[str]:
    """The command whose output :func:`vm_evidence` reads (run with the machine's runner)."""
    return ["powershell.exe", "-NoProfile", "-NonInteractive", "-Command", _WMI_SCRIPT]


_VM_WORDS = re.compile(r"\b(qemu|vmware|virtualbox|innotek|parallels|xen|bochs|ovmf|hyper-v|kvm)\b", re.I)


def vm_evidence(output: str) -> list[str]:
    """Evidence of a virtual machine in the WMI answer (SEB for Windows' checks: maker
    Microsoft (not Surface)/Parallels/QEMU/VMware, model "Virtual Machine", BIOS names, MACs)."""
    try:
        data = json.loads(output or "{}")
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    found = []
    maker = str(data.get("Manufacturer") or "")
    model = str(data.get("Model") or "")
    if _VM_WORDS.search(maker) or _VM_WORDS.search(model) or "virtual machine" in model.lower():
        found.append(f"the computer reports maker '{maker}', model '{model}'")
    elif "microsoft" in maker.lower() and "surface" not in model.lower():
        found.append(f"the computer reports maker '{maker}', model '{model}'")
    for name in ("BiosManufacturer", "BiosVersion"):
        value = str(data.get(name) or "")
        if _VM_WORDS.search(value):
            found.append(f"the BIOS reports '{value}'")
    macs = data.get("Macs") or []
    for mac in macs if isinstance(macs, list) else [macs]:
        prefix = str(mac or "").lower().replace("-", ":")[:8]
        if prefix in VM_MAC_PREFIXES:
            found.append(f"a network card has a {VM_MAC_PREFIXES[prefix]} address ({prefix}:…)")
    return found
