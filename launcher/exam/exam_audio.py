"""The exam's sound settings: mute or set the volume at the start, put them back at every end.

One job: SEB's ``audioMute`` (mute the default output for the exam) and ``audioSetVolumeLevel``
with ``audioVolumeLevel`` (0–100: set its volume), as SEB for Windows' ``Audio`` component does,
through the sound server (``launcher.platform.pulse_audio``). Before anything changes, the
output's name, per-channel volume and mute are written to ``STATE_FILE`` in the user's state
directory; the end of the exam (quit, a stop signal) puts them back and removes the file. A
launcher that was killed or crashed leaves the file: the next exam start puts the sound back
first (``recover``). With ``audioControlEnabled`` (the taskbar's volume item) the original is
kept too, so what the student set during the exam does not outlive it.

Qt-free. No sound server or no ``libpulse.so.0``: one clear log line and the exam runs on.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from launcher.platform.files import write_atomically
from launcher.platform.pulse_audio import PulseClient, PulseError, channels_at

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

STATE_FILE = "audio-restore.json"
DEFAULT_LEVEL = 25  # SEB's audioVolumeLevel default


@dataclass(frozen=True)
class AudioPlan:
    """What the configuration asks of the sound."""

    control: bool = False  # audioControlEnabled: the taskbar's volume item
    mute: bool = False  # audioMute
    set_volume: bool = False  # audioSetVolumeLevel
    level: int = DEFAULT_LEVEL  # audioVolumeLevel, percent

    @classmethod
    def from_settings(cls, settings: Settings) -> AudioPlan:
        return cls(
            control=settings.audio_control_enabled,
            mute=settings.audio_mute,
            set_volume=settings.audio_set_volume_level,
            level=max(0, min(100, settings.audio_volume_level)),
        )

    @property
    def touches_sound(self) -> bool:
        return self.control or self.mute or self.set_volume


class ExamAudio:
    """The sound of one exam: ``begin()`` at its start, ``end()`` at its end."""

    def __init__(self, plan: AudioPlan, state_dir: Path,
                 client: Callable[[], PulseClient] = PulseClient) -> None:
        self.plan = plan
        self.record = Path(state_dir) / STATE_FILE
        self._client_factory = client
        self._saved = False

    def begin(self) -> None:
        """Put back what a killed launcher left changed, then apply the plan."""
        recover(self.record.parent, self._client_factory)
        if not self.plan.touches_sound:
            return
        client = self._client_factory()
        try:
            client.connect()
            sink = client.default_sink()
            if self.record.exists():  # an older exam's sound could not be put back: that one is the original
                log.info("sound: the sound from before an interrupted exam is still kept; restored after this one")
            elif _write_record(self.record, {"pid": os.getpid(), "server": _server(), "sink": sink.name,
                                             "channels": list(sink.channels), "mute": sink.mute}):
                log.info("sound: kept %s at %d %%%s to restore after the exam", sink.name, sink.percent,
                         " (muted)" if sink.mute else "")
            else:
                return  # nothing is changed that could not be put back
            self._saved = True
            if self.plan.set_volume:
                client.set_volume(sink.name, channels_at(self.plan.level, len(sink.channels)))
                log.info("sound: volume set to %d %% for the exam (audioSetVolumeLevel)", self.plan.level)
            if self.plan.mute:
                client.set_mute(sink.name, True)
                log.info("sound: muted for the exam (audioMute)")
        except PulseError as exc:
            log.warning("sound: %s — audioMute/audioSetVolumeLevel/audioControlEnabled not applied", exc)
        finally:
            client.close()

    def end(self) -> None:
        """Put the sound back as it was before the exam (once)."""
        if self._saved:
            self._saved = False
            recover(self.record.parent, self._client_factory, any_pid=True)


def recover(state_dir: Path, client: Callable[[], PulseClient] = PulseClient, *, any_pid: bool = False) -> bool:
    """Put back the sound recorded in ``state_dir`` by a launcher that is gone (or by this one
    with ``any_pid``) and forget the record; False when nothing was (or could be) restored."""
    path = Path(state_dir) / STATE_FILE
    record = _read_record(path)
    if record is None:
        return False
    pid = record.get("pid")
    if not any_pid and isinstance(pid, int) and pid != os.getpid() and _alive(pid):
        log.info("sound: the exam of launcher %d still runs; its sound is left to it", pid)
        return False
    if record.get("server", "") != _server():
        log.info("sound: the sound to restore was kept for another sound server (%s): left for it",
                 record.get("server") or "the session's")
        return False
    connection = client()
    try:
        connection.connect()
        name = str(record["sink"])
        channels = tuple(int(v) for v in record["channels"])
        connection.set_volume(name, channels)
        connection.set_mute(name, bool(record["mute"]))
    except (PulseError, KeyError, TypeError, ValueError) as exc:
        log.warning("sound: could not restore the sound from before the exam (kept for the next start): %s", exc)
        return False
    finally:
        connection.close()
    path.unlink(missing_ok=True)
    log.info("sound: restored %s as it was before the exam%s", name, "" if any_pid else " (after an interrupted exam)")
    return True


def _write_record(path: Path, record: dict[str, Any]) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, json.dumps(record).encode("utf-8"), mode=0o600)
        return True
    except OSError as exc:
        log.warning("sound: cannot keep the sound settings to restore (%s): the sound is left as it is", exc)
        return False


def _read_record(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("sound: unreadable restore record %s (%s): removed", path, exc)
        path.unlink(missing_ok=True)
        return None
    return data if isinstance(data, dict) else None


def _server() -> str:
    """The sound server this launcher talks to (``PULSE_SERVER``; empty: the session's own)."""
    return os.environ.get("PULSE_SERVER", "")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start(settings: Settings, state_dir: Path | None = None) -> ExamAudio:
    """The exam's audio for ``settings``, begun (the session's one line of wiring)."""
    if state_dir is None:
        from launcher.lockdown.interrupted import default_state_dir

        state_dir = default_state_dir()
    audio = ExamAudio(AudioPlan.from_settings(settings), state_dir)
    audio.begin()
    return audio
