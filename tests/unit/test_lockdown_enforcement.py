"""``seb-launcher config inspect`` lists the configuration's lockdown settings with what each
platform enforces, only detects, or cannot enforce."""

from __future__ import annotations

import json

import pytest

from launcher.config import plist
from launcher.config.settings import Settings
from launcher.lockdown import enforcement
from tests.support.cli import run_cli


def _exam(tmp_path):
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({
        "startURL": "https://exam.example.org/", "allowVirtualMachine": True,
        "prohibitedProcesses": [{"active": True, "os": 1, "executable": "cheat.exe"}],
    }))
    return path


def test_inspect_prints_the_lockdown_table_for_a_platform(tmp_path):
    proc = run_cli("config", "inspect", "--platform", "wayland", _exam(tmp_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    start = lines.index("Lockdown on wayland (enforced / detected only / cannot enforce):")
    table = {line.split()[0]: line.split(None, 1)[1] for line in lines[start + 1:]}
    assert table["allowVirtualMachine"].split() == ["True", "enforced"]
    assert table["prohibitedProcesses"].split() == ["1", "entries", "enforced"]
    assert table["enableAltTab"].split() == ["True", "detected", "only"]


def test_inspect_json_has_the_lockdown_rows(tmp_path):
    proc = run_cli("config", "inspect", "--json", "--platform", "windows", _exam(tmp_path))
    out = json.loads(proc.stdout)["lockdown"]
    assert out["platform"] == "windows"
    rows = {r["key"]: r for r in out["settings"]}
    assert rows["prohibitedProcesses"]["status"] == "cannot enforce"
    assert rows["allowedDisplaysMaxNumber"] == {
        "key": "allowedDisplaysMaxNumber", "value": 1, "status": "enforced", "how": rows["allowedDisplaysMaxNumber"]["how"],
    }


@pytest.mark.parametrize("platform_name,compositor,expected", [
    ("xcb", False, "x11"), ("xcb", True, "x11"), ("wayland", False, "wayland"), ("", True, "wayland"), ("", False, "x11"),
])
def test_the_platform_is_qts_or_a_compositor_that_answered(platform_name, compositor, expected):
    assert enforcement.current_platform(platform_name, compositor=compositor) == expected


def test_a_spoofed_wayland_environment_decides_nothing(monkeypatch):
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert enforcement.current_platform("xcb") == "x11"
    assert enforcement.current_platform() == "x11"


def test_wayland_cells_follow_what_the_compositor_offers():
    def cells(inhibitor):
        return {r.key: r for r in enforcement.table(Settings.defaults(), "wayland", inhibitor=inhibitor)}

    offered, absent, unknown = cells("offered"), cells("not offered"), cells(None)
    for key in enforcement.WAYLAND_INHIBITED:
        assert offered[key].status == enforcement.ENFORCED, key
        assert "offers the keyboard-shortcuts inhibitor" in offered[key].how
        assert absent[key].status != enforcement.ENFORCED and "does not offer" in absent[key].how
        assert unknown[key].status == absent[key].status
    assert offered["enableAltTab"].status == enforcement.ENFORCED
    assert absent["enableAltTab"].status == enforcement.DETECTED


def test_every_key_in_the_table_is_a_setting():
    rows = enforcement.table(Settings.defaults(), "x11")
    assert {r.status for r in rows} <= {enforcement.ENFORCED, enforcement.DETECTED, enforcement.CANNOT}
    assert len(rows) == len(enforcement.TABLE) + len(enforcement.INPUT_TABLE)
