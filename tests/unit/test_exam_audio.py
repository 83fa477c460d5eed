"""The exam's sound against a real PulseAudio server (``tests/support/sound_server.py``): what
``pactl`` reports during the exam is what the configuration asks, and after it what the
computer had before — also when the launcher was killed mid-exam and only the next start can
put it back."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.sound_server import sound_server  # noqa: F401

from launcher.config.settings import Settings
from launcher.exam import exam_audio
from launcher.exam.exam_audio import STATE_FILE, AudioPlan, ExamAudio
from launcher.platform.pulse_audio import PulseClient, PulseError


def _settings(**raw: Any) -> Settings:
    return Settings.from_dict(raw)


def test_the_audio_keys_are_read_with_sebs_defaults() -> None:
    plan = AudioPlan.from_settings(_settings())
    assert plan == AudioPlan(control=False, mute=False, set_volume=False, level=25)
    plan = AudioPlan.from_settings(_settings(audioMute=True, audioSetVolumeLevel=True, audioVolumeLevel=140,
                                             audioControlEnabled=True))
    assert plan == AudioPlan(control=True, mute=True, set_volume=True, level=100)


def test_mute_and_volume_hold_during_the_exam_and_are_restored_after_it(
    sound_server: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sound_server.set_volume(80)
    sound_server.set_mute(False)
    caplog.set_level(logging.INFO)
    audio = exam_audio.start(_settings(audioMute=True, audioSetVolumeLevel=True, audioVolumeLevel=40), tmp_path)
    assert sound_server.volume() == 40 and sound_server.muted()
    record = json.loads((tmp_path / STATE_FILE).read_text())
    assert record["sink"] == "exam_speakers" and record["mute"] is False and record["pid"] == os.getpid()
    assert record["server"] == sound_server.address
    assert oct((tmp_path / STATE_FILE).stat().st_mode & 0o777) == "0o600"
    audio.end()
    assert sound_server.volume() == 80 and not sound_server.muted()
    assert not (tmp_path / STATE_FILE).exists()
    assert "sound: volume set to 40 % for the exam (audioSetVolumeLevel)" in caplog.text
    assert "sound: restored exam_speakers as it was before the exam" in caplog.text


def test_only_the_volume_is_set_when_audio_mute_is_off(sound_server: Any, tmp_path: Path) -> None:
    sound_server.set_volume(100)
    sound_server.set_mute(True)  # the student had muted it: the exam leaves that as it is
    audio = exam_audio.start(_settings(audioSetVolumeLevel=True, audioVolumeLevel=25), tmp_path)
    assert sound_server.volume() == 25 and sound_server.muted()
    audio.end()
    assert sound_server.volume() == 100 and sound_server.muted()


def test_without_audio_keys_the_sound_is_not_touched(sound_server: Any, tmp_path: Path) -> None:
    sound_server.set_volume(63)
    audio = exam_audio.start(_settings(audioVolumeLevel=10), tmp_path)  # level without audioSetVolumeLevel
    assert sound_server.volume() == 63 and not sound_server.muted()
    assert not (tmp_path / STATE_FILE).exists()
    audio.end()
    assert sound_server.volume() == 63


KILLED_EXAM = """
import os, signal, sys
from pathlib import Path
from launcher.config.settings import Settings
from launcher.exam import exam_audio
exam_audio.start(Settings.from_dict({"audioMute": True, "audioSetVolumeLevel": True, "audioVolumeLevel": 30}),
                 Path(sys.argv[1]))
print("exam running", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_launcher_leaves_the_sound_to_the_next_start_which_restores_it(
    sound_server: Any, tmp_path: Path
) -> None:
    sound_server.set_volume(70)
    sound_server.set_mute(False)
    proc = subprocess.run([sys.executable, "-c", KILLED_EXAM, str(tmp_path)], env=sound_server.env(),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL and "exam running" in proc.stdout, proc.stderr
    assert sound_server.volume() == 30 and sound_server.muted()  # nobody put it back
    assert (tmp_path / STATE_FILE).exists()
    # the next exam start (one that does not touch the sound) puts it back first
    exam_audio.start(_settings(), tmp_path)
    assert sound_server.volume() == 70 and not sound_server.muted()
    assert not (tmp_path / STATE_FILE).exists()


def test_the_record_of_a_running_exam_is_left_to_it(sound_server: Any, tmp_path: Path) -> None:
    sound_server.set_volume(50)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / STATE_FILE).write_text(json.dumps(
            {"pid": sleeper.pid, "server": sound_server.address, "sink": "exam_speakers",
             "channels": [65536, 65536], "mute": True}))
        assert not exam_audio.recover(tmp_path)
        assert sound_server.volume() == 50 and (tmp_path / STATE_FILE).exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert exam_audio.recover(tmp_path)
    assert sound_server.volume() == 100 and sound_server.muted()


def test_a_record_for_another_sound_server_is_left_alone(sound_server: Any, tmp_path: Path) -> None:
    sound_server.set_volume(50)
    (tmp_path / STATE_FILE).write_text(json.dumps(
        {"pid": 1 << 22, "server": "unix:/elsewhere/native", "sink": "exam_speakers", "channels": [0, 0],
         "mute": True}))
    assert not exam_audio.recover(tmp_path)
    assert sound_server.volume() == 50 and not sound_server.muted() and (tmp_path / STATE_FILE).exists()


def test_no_sound_server_is_one_clear_log_line_and_the_exam_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-socket'}")
    caplog.set_level(logging.INFO)
    audio = exam_audio.start(_settings(audioMute=True), tmp_path)
    audio.end()
    assert "sound: no sound server: Connection refused — audioMute/audioSetVolumeLevel/audioControlEnabled " \
           "not applied" in caplog.text
    assert not (tmp_path / STATE_FILE).exists()
    with pytest.raises(PulseError, match="no sound server"):
        PulseClient().connect()


def test_a_missing_libpulse_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from launcher.platform import pulse_audio

    monkeypatch.setattr(pulse_audio, "_lib", None)
    monkeypatch.setattr(pulse_audio, "LIBRARY", "libpulse-not-installed.so.0")
    with pytest.raises(PulseError, match=r"libpulse-not-installed.so.0 is not installed \(Debian/Ubuntu: apt install libpulse0\)"):
        PulseClient().connect()


def test_a_sound_server_that_never_answers_costs_the_timeout_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import socket
    import time

    path = tmp_path / "silent"
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.bind(str(path))
    silent.listen(4)  # accepts connections (the kernel does) and never says a word
    try:
        monkeypatch.setenv("PULSE_SERVER", f"unix:{path}")
        started = time.monotonic()
        with pytest.raises(PulseError, match="did not answer within 0.5 s"):
            PulseClient(timeout=0.5).connect()
        assert time.monotonic() - started < 2
        caplog.set_level(logging.INFO)
        started = time.monotonic()
        exam_audio.start(_settings(audioMute=True), tmp_path)  # the exam starts anyway, unmuted
        assert time.monotonic() - started < 5
        assert "did not answer within 2 s" in caplog.text and "audioMute" in caplog.text
    finally:
        silent.close()


def test_elsewhere_than_linux_the_sound_is_left_alone_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from launcher.platform import pulse_audio

    monkeypatch.setattr(pulse_audio, "_lib", None)
    monkeypatch.setattr(pulse_audio.sys, "platform", "win32")
    with pytest.raises(PulseError, match="controlled on Linux only .* not on win32"):
        PulseClient().connect()
