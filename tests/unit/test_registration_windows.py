"""Windows registration: the registry values written for seb://, sebs:// and .seb files.

The entries are a pure list, checked here on any OS; the logic that applies and removes them
runs against ``DictRegistry`` below, which behaves like the registry for the four operations
the ``Registry`` interface has (the real ``winreg`` exists only on Windows).
"""

from __future__ import annotations

import re
from pathlib import Path

from launcher.platform import registration_windows as win

ROOT = Path(__file__).resolve().parents[2]
EXE = r"C:\Program Files\SEB Launcher\seb-launcher.exe"


class DictRegistry:
    """Keys are case-insensitive paths; values per key by name."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {}

    def _key(self, key: str) -> str:
        return key.lower()

    def set_value(self, key: str, name: str, value: str) -> None:
        parts = key.split("\\")
        for i in range(2, len(parts) + 1):  # creating a key creates its parents
            self.keys.setdefault(self._key("\\".join(parts[:i])), {})
        self.keys[self._key(key)][name] = value

    def get_value(self, key: str, name: str) -> str | None:
        return self.keys.get(self._key(key), {}).get(name)

    def delete_value(self, key: str, name: str) -> None:
        self.keys.get(self._key(key), {}).pop(name, None)

    def delete_tree(self, key: str) -> None:
        prefix = self._key(key)
        for k in [k for k in self.keys if k == prefix or k.startswith(prefix + "\\")]:
            del self.keys[k]


def values(entries):
    return {(e.key, e.name): e.value for e in entries}


def test_links_open_the_launcher_with_the_link_like_seb_for_windows():
    got = values(win.registry_entries([EXE]))
    for scheme, title in (("seb", "URL:Safe Exam Browser Protocol"), ("sebs", "URL:Safe Exam Browser Secure Protocol")):
        key = rf"HKCU\Software\Classes\{scheme}"
        assert got[(key, "")] == title
        assert got[(key, "URL Protocol")] == ""
        assert got[(key + r"\DefaultIcon", "")] == EXE + ",0"
        assert got[(key + r"\shell\open\command", "")] == f'"{EXE}" "%1"'


def test_seb_files_get_a_progid_and_the_mime_type():
    got = values(win.registry_entries([EXE]))
    assert got[(r"HKCU\Software\Classes\.seb", "")] == "SEBLauncher.Configuration"
    assert got[(r"HKCU\Software\Classes\.seb", "Content Type")] == "application/seb"
    assert got[(r"HKCU\Software\Classes\.seb\OpenWithProgids", "SEBLauncher.Configuration")] == ""
    assert got[(r"HKCU\Software\Classes\SEBLauncher.Configuration\shell\open\command", "")] == f'"{EXE}" "%1"'


def test_all_users_go_to_hklm_and_nothing_else_changes():
    user = win.registry_entries([EXE])
    machine = win.registry_entries([EXE], system=True)
    assert all(e.key.startswith("HKLM\\Software\\Classes\\") for e in machine)
    assert [(e.key.replace("HKLM", "HKCU", 1), e.name, e.value) for e in machine] == [tuple(e) for e in user]


def test_a_development_command_is_quoted_argument_by_argument():
    command = [r"C:\Users\Ana Li\venv\Scripts\python.exe", "-m", "launcher"]
    assert win.open_command(command) == r'"C:\Users\Ana Li\venv\Scripts\python.exe" "-m" "launcher" "%1"'
    # CommandLineToArgvW rules: backslashes before a quote are doubled, the quote escaped.
    assert win.quote_arg('say "hi"') == r'"say \"hi\""'
    assert win.quote_arg("C:\\dir\\") == r'"C:\dir\\"'


def test_unregister_removes_ours_and_leaves_other_programs_alone():
    reg = DictRegistry()
    reg.set_value(r"HKCU\Software\Classes\.seb", "", "SafeExamBrowser.seb")  # SEB owns .seb
    reg.set_value(r"HKCU\Software\Classes\sebs\shell\open\command", "", r'"C:\SEB\SafeExamBrowser.exe" "%1"')
    reg.set_value(r"HKCU\Software\Classes\http\shell\open\command", "", "browser.exe %1")
    win.apply(reg, win.registry_entries([EXE]))
    assert reg.get_value(r"HKCU\Software\Classes\.seb", "") == "SEBLauncher.Configuration"

    # Later SEB for Windows takes sebs:// back; unregistering must not remove SEB's handler.
    reg.set_value(r"HKCU\Software\Classes\sebs\shell\open\command", "", r'"C:\SEB\SafeExamBrowser.exe" "%1"')
    removed = win.remove(reg)
    assert removed == ["seb://", ".seb"]
    assert reg.get_value(r"HKCU\Software\Classes\seb", "URL Protocol") is None
    assert reg.get_value(r"HKCU\Software\Classes\sebs\shell\open\command", "") == r'"C:\SEB\SafeExamBrowser.exe" "%1"'
    assert reg.get_value(r"HKCU\Software\Classes\SEBLauncher.Configuration", "") is None
    assert reg.get_value(r"HKCU\Software\Classes\.seb\OpenWithProgids", "SEBLauncher.Configuration") is None
    assert reg.get_value(r"HKCU\Software\Classes\http\shell\open\command", "") == "browser.exe %1"
    result = win.unregister(registry=reg)
    assert result.ok and "not registered" in result.notes[0]


def test_register_reports_where_it_wrote():
    reg = DictRegistry()
    result = win.register(system=True, command=[EXE], registry=reg)
    assert result.ok
    assert "HKEY_LOCAL_MACHINE" in result.done[0]
    assert reg.get_value(r"HKLM\Software\Classes\sebs\shell\open\command", "") == f'"{EXE}" "%1"'


def test_the_inno_setup_script_registers_exactly_these_entries():
    script = (ROOT / "installer" / "windows" / "seb-launcher.iss").read_text(encoding="utf-8")
    section = re.search(r"^\[Registry\]\n(.*?)(?=^\[|\Z)", script, re.S | re.M).group(1)
    lines = [line for line in section.splitlines() if line.startswith("Root:")]
    expected = win.inno_registry_lines(win.registry_entries([win.INNO_APP_EXE], system=True))
    assert lines == expected
    assert all("HKLM" in line for line in lines)
