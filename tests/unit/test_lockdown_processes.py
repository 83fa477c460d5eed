"""Prohibited processes: the list (built-in + configuration), exact matching, own processes
only, and ending real processes by pid (spec lockdown.md, "Checks a test can make" 8)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest
from support.fake_machine import OWN_UID, FakeMachine

from launcher.config.settings import Settings
from launcher.lockdown.checks import ExamPoller, end_prohibited, prohibited_at_start
from launcher.lockdown.machine import Machine
from launcher.lockdown.processes import ProhibitedList, end_processes


@pytest.fixture
def fake(tmp_path):
    return FakeMachine(tmp_path)


def _names(found):
    return sorted((h.proc.pid, h.name) for h in found)


def test_exact_names_only_obsidian_is_not_obs(fake):
    fake.process(100, "obs", exe="/usr/bin/obs")
    fake.process(101, "obsidian", exe="/opt/Obsidian/obsidian")
    fake.process(102, "AnyDesk", exe="/usr/bin/AnyDesk")  # any case
    fake.process(103, "bash", exe="/usr/bin/bash")
    found = ProhibitedList().running(fake.machine())
    assert _names(found) == [(100, "obs"), (102, "anydesk")]
    assert found[0].kind == "screen recorder"


def test_the_executable_name_counts_when_comm_was_changed(fake):
    fake.process(110, "renamed", exe="/usr/bin/x11vnc")
    assert _names(ProhibitedList().running(fake.machine())) == [(110, "x11vnc")]


def test_only_the_students_own_processes(fake):
    fake.process(120, "anydesk", uid=0, exe="/usr/bin/anydesk")
    assert ProhibitedList().running(fake.machine()) == []


def test_ffmpeg_only_with_screen_grabbing_arguments(fake):
    fake.process(130, "ffmpeg", exe="/usr/bin/ffmpeg", argv=("ffmpeg", "-i", "talk.mp4", "talk.webm"))
    fake.process(131, "ffmpeg", exe="/usr/bin/ffmpeg", argv=("ffmpeg", "-f", "x11grab", "-i", ":0", "o.mkv"))
    fake.process(132, "gst-launch-1.0", argv=("gst-launch-1.0", "ximagesrc", "!", "fakesink"))
    assert _names(ProhibitedList().running(fake.machine())) == [(131, "ffmpeg"), (132, "gst-launch-1.0")]


def test_configuration_entries_add_replace_and_drop(fake):
    fake.process(140, "anydesk")
    fake.process(141, "cheat", exe="/home/s/cheat")
    fake.process(142, "zoom")
    fake.process(143, "macapp")
    entries = [
        {"active": False, "os": 1, "executable": "AnyDesk.exe"},  # drops the built-in anydesk
        {"active": True, "os": 1, "executable": "C:\\Tools\\Cheat.exe", "strongKill": True},
        {"active": True, "os": 1, "executable": "zoom.exe", "strongKill": True},  # replaces the default
        {"active": True, "os": 0, "executable": "macapp"},  # macOS entry: not ours
        {"os": 1, "executable": "bash.exe"},  # no "active": SEB does not use it
    ]
    plist = ProhibitedList(entries)
    found = plist.running(fake.machine())
    assert _names(found) == [(141, "Cheat"), (142, "zoom")]
    assert all(h.strong_kill for h in found)
    assert found[1].kind == "chat or meeting application"
    assert "bash" not in plist.names
    settings = Settings.from_dict({"prohibitedProcesses": entries})
    assert _names(prohibited_at_start(settings, fake.machine())) == [(141, "Cheat"), (142, "zoom")]



def test_an_entry_also_matches_its_original_name(fake):
    fake.process(150, "renamedtool")
    fake.process(151, "other")
    entries = [{"active": True, "os": 1, "executable": "Other.exe", "originalName": "RenamedTool.exe"}]
    found = ProhibitedList(entries, builtin=False).running(fake.machine())
    assert _names(found) == [(150, "RenamedTool"), (151, "Other")]

# -- real processes ------------------------------------------------------------------------------
def _renamed_sleep(tmp_path, name):
    exe = tmp_path / "bin" / name
    exe.parent.mkdir(exist_ok=True)
    shutil.copy("/bin/sleep", exe)
    return subprocess.Popen([str(exe), "300"])


def _local():
    return Machine.local()


def test_a_renamed_sleep_is_found_and_ended_obsidian_survives(tmp_path):
    anydesk = _renamed_sleep(tmp_path, "anydesk")
    obsidian = _renamed_sleep(tmp_path, "obsidian")
    try:
        found = ProhibitedList().running(_local())
        mine = [h for h in found if h.proc.pid in (anydesk.pid, obsidian.pid)]
        assert _names(mine) == [(anydesk.pid, "anydesk")]
        assert end_prohibited(mine) == []
        assert anydesk.wait(timeout=10) == -signal.SIGTERM
        assert obsidian.poll() is None
    finally:
        for p in (anydesk, obsidian):
            p.kill()
            p.wait()


def test_a_process_that_ignores_sigterm_gets_sigkill(tmp_path):
    stubborn = subprocess.Popen([
        sys.executable, "-c",
        "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(300)",
    ], stdout=subprocess.PIPE)
    try:
        assert stubborn.stdout.readline().strip() == b"ready"
        assert end_processes([stubborn.pid], grace=0.5) == []
        assert stubborn.wait(timeout=10) == -signal.SIGKILL
    finally:
        stubborn.kill()
        stubborn.wait()


def test_a_process_that_is_already_gone_counts_as_ended():
    gone = subprocess.Popen(["true"])
    gone.wait()
    assert end_processes([gone.pid]) == []


def test_the_poller_ends_a_prohibited_process_that_appears_during_the_exam(tmp_path):
    settings = Settings.from_dict({"allowVirtualMachine": True, "allowedDisplaysIgnoreFailure": True})
    poller = ExamPoller(settings, _local(), grace=0.5)
    assert [v for v in poller.poll(1) if v.check == "prohibited-process"] == []
    late = _renamed_sleep(tmp_path, "simplescreenrecorder")
    try:
        deadline = time.monotonic() + 30
        while late.poll() is None and time.monotonic() < deadline:
            poller.poll(1)
            time.sleep(0.1)
        assert late.wait(timeout=10) == -signal.SIGTERM  # ended though strongKill is not set
    finally:
        late.kill()
        late.wait()


def test_the_poller_reports_each_violation_once(fake):
    settings = Settings.from_dict({"allowVirtualMachine": True})
    poller = ExamPoller(settings, fake.machine())
    assert poller.poll(1) == []
    two = poller.poll(2)
    assert [v.key for v in two] == ["allowedDisplaysMaxNumber"]
    assert poller.poll(2) == []
    assert poller.poll(1) == []
    assert [v.key for v in poller.poll(3)] == ["allowedDisplaysMaxNumber"]
    fake.process(900, "x11vnc", uid=OWN_UID + 1)  # another user's: a remote session, not endable
    assert sorted(v.check for v in poller.poll(3)) == ["prohibited-process", "remote-session"]


def test_a_long_name_cut_to_15_characters_by_the_kernel_still_matches(fake):
    # a symlink named simplescreenrecorder -> sleep: comm is cut, exe is "sleep"
    fake.process(150, "simplescreenrecorder", exe="/usr/bin/sleep")
    found = ProhibitedList().running(fake.machine())
    assert [h.describe() for h in found] == ["simplescreenrecorder (pid 150): screen recorder"]


def test_the_poller_sees_a_tracer_on_the_engines_helper_processes(fake):
    from support.fake_machine import OWN_PID

    settings = Settings.from_dict({"allowVirtualMachine": True})
    poller = ExamPoller(settings, fake.machine())
    fake.process(300, "QtWebEngineProc", ppid=OWN_PID)
    fake.process(301, "QtWebEngineProc", ppid=300)
    fake.process(302, "bash", ppid=1, tracer=77)  # not ours: no business of the exam
    assert poller.poll(1) == []
    fake.process(301, "QtWebEngineProc", ppid=300, tracer=555)
    found = poller.poll(1)
    assert [(v.check, v.evidence) for v in found] == [
        ("debugger", "the exam's helper process QtWebEngineProc (pid 301) is being traced by pid 555")
    ]


def test_a_program_the_exam_permits_is_not_prohibited(fake):
    from launcher.lockdown.permitted import STARTED_BEFORE

    fake.process(160, "zoom")
    entry = {"active": True, "executable": "Zoom.exe", "runInBackground": True}
    settings = Settings.from_dict({"permittedProcesses": [entry]})
    assert prohibited_at_start(settings, fake.machine()) == []
    # without runInBackground an instance started before the exam is ended first (as SEB for
    # Windows), but as a permitted program, not as a prohibited one
    settings = Settings.from_dict({"permittedProcesses": [dict(entry, runInBackground=False)]})
    assert [(h.proc.pid, h.kind) for h in prohibited_at_start(settings, fake.machine())] == [(160, STARTED_BEFORE)]
    assert _names(prohibited_at_start(Settings.defaults(), fake.machine())) == [(160, "zoom")]


def test_an_exited_program_not_yet_reaped_is_not_running(fake):
    """A zombie (its parent has not collected its exit yet) runs nothing: the student is not
    asked to close it, and the exam is not refused for one that "cannot be ended"."""
    fake.process(170, "discord", state="Z (zombie)")
    fake.process(171, "anydesk", state="X (dead)")
    fake.process(172, "teams")
    assert _names(prohibited_at_start(Settings.defaults(), fake.machine())) == [(172, "teams")]
