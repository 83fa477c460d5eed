"""The sound and the real launcher (``seb-launcher open`` under Xvfb + openbox) against a real
PulseAudio server: a stop signal ends the exam with the sound put back; a launcher killed
mid-exam (SIGKILL: nothing of it runs any more) leaves the exam's sound, and the next start of
the launcher puts back what the computer had before."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

from support.sound_server import sound_server  # noqa: F401

EXAM_SOUND = {"audioMute": True, "audioSetVolumeLevel": True, "audioVolumeLevel": 35}


def _log(home: Path) -> str:
    """The launcher's log file under ``home`` (its INFO lines; stderr has warnings only)."""
    return (home / "home/.local/state/seb-launcher/log/seb-launcher.log").read_text(errors="replace")


def _logged(home: Path, text: str, timeout: float = 10.0) -> bool:
    """Is ``text`` in the log within ``timeout``? The log file is written once the exam's page
    has loaded in the launcher, which can be a moment after the page's own onload reached us."""
    end = time.monotonic() + timeout
    while True:
        path = home / "home/.local/state/seb-launcher/log/seb-launcher.log"
        if path.exists() and text in _log(home):
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(0.1)


def test_a_stop_signal_ends_the_exam_with_the_sound_put_back(run_exam: Any, sound_server: Any, tmp_path: Path) -> None:
    sound_server.set_volume(80)
    sound_server.set_mute(False)
    exam = run_exam(EXAM_SOUND, home=tmp_path, env={"PULSE_SERVER": sound_server.address})
    assert sound_server.volume() == 35 and sound_server.muted()
    exam.proc.send_signal(signal.SIGTERM)
    assert exam.proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert sound_server.volume() == 80 and not sound_server.muted(), exam.stderr()
    assert "sound: restored exam_speakers as it was before the exam" in _log(tmp_path)


def test_after_a_killed_launcher_the_next_start_puts_the_sound_back(
    run_exam: Any, sound_server: Any, tmp_path: Path
) -> None:
    sound_server.set_volume(70)
    sound_server.set_mute(False)
    env = {"PULSE_SERVER": sound_server.address}
    exam = run_exam(EXAM_SOUND, home=tmp_path, env=env)
    assert sound_server.volume() == 35 and sound_server.muted()
    os.kill(exam.proc.pid, signal.SIGKILL)
    exam.proc.wait(timeout=30)
    assert sound_server.volume() == 35 and sound_server.muted()  # nothing put it back
    record = tmp_path / "home/.local/state/seb-launcher/audio-restore.json"
    assert record.exists()

    again = run_exam({}, home=tmp_path, env=env)  # an exam that does not touch the sound
    assert sound_server.volume() == 70 and not sound_server.muted(), again.stderr()
    assert not record.exists()
    assert _logged(tmp_path, "sound: restored exam_speakers as it was before the exam (after an interrupted exam)")
    again.stop()
    assert sound_server.volume() == 70 and not sound_server.muted()
