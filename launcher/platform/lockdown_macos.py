"""macOS glue for the lockdown checks, kept pure so it is tested on any OS (spec lockdown.md
§1, §3). Not yet run on macOS.

- Virtual machine: ``sysctl -n kern.hv_vmm_present`` prints 1 inside a hypervisor (Apple's
  Virtualization framework, Parallels, VMware), and ``machdep.cpu.features`` lists ``VMM``.
- Capture exclusion: ``NSWindow.sharingType = NSWindowSharingNone (0)`` for every exam window
  (``NSWindowSharingReadOnly (1)`` when ``allowScreenSharing``); reported ignored by
  ScreenCaptureKit on macOS 15+, so the sharing servers are detected too.
"""

from __future__ import annotations

from collections.abc import Sequence

NS_WINDOW_SHARING_NONE = 0
NS_WINDOW_SHARING_READ_ONLY = 1

#: Apple's screen-sharing server processes (as SEB for macOS watches them).
SHARING_PROCESSES = ("screensharingd", "ScreensharingAgent", "SSMenuAgent")


def vm_commands() -> list[Sequence[str]]:
    return [["sysctl", "-n", "kern.hv_vmm_present"], ["sysctl", "-n", "machdep.cpu.features"]]


def vm_evidence(hv_vmm_present: str, cpu_features: str = "") -> list[str]:
    found = []
    if hv_vmm_present.strip() == "1":
        found.append("sysctl kern.hv_vmm_present is 1 (running under a hypervisor)")
    if "VMM" in cpu_features.split():
        found.append("the CPU features list VMM")
    return found


def window_sharing_type(*, allow_capture: bool) -> int:
    return NS_WINDOW_SHARING_READ_ONLY if allow_capture else NS_WINDOW_SHARING_NONE
