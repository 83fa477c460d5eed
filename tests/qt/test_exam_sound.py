"""The exam's sound in the real kiosk against a real PulseAudio server: the configuration's mute
and volume hold while the exam runs, the taskbar's volume item (``audioControlEnabled``) changes
them from the keyboard, and quitting puts back what the computer had before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from support.sound_server import sound_server  # noqa: F401


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def test_the_exam_mutes_and_sets_the_volume_and_quitting_restores_them(
    start_exam: Any, http_server: Any, qtbot: Any, sound_server: Any
) -> None:
    sound_server.set_volume(80)
    sound_server.set_mute(False)
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "audioMute": True, "audioSetVolumeLevel": True,
                      "audioVolumeLevel": 40, "audioControlEnabled": True})
    assert sound_server.volume() == 40 and sound_server.muted()
    item = run.session.taskbar_items["volume"]
    qtbot.waitUntil(item.isVisible)
    assert item.parent() is run.window.taskbar
    assert item.mute_button.isChecked() and item.slider.value() == 40
    assert item.mute_button.accessibleName() == "Mute" and item.slider.accessibleName() == "Volume"
    assert item.mute_button.toolTip().startswith("Sound muted (volume 40 %)")

    # the student turns the sound on and up with the keyboard alone
    item.mute_button.setFocus()
    QTest.keyClick(item.mute_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not sound_server.muted())
    item.slider.setFocus()
    QTest.keyClick(item.slider, Qt.Key.Key_Right)
    QTest.keyClick(item.slider, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: sound_server.volume() == 55)
    assert item.mute_button.toolTip().startswith("Volume 55 %")

    with qtbot.waitSignal(run.session.finished, timeout=10_000):
        run.session.quit("test over")
    assert sound_server.volume() == 80 and not sound_server.muted()


def test_the_volume_item_follows_the_server_and_is_absent_without_audio_control(
    start_exam: Any, http_server: Any, qtbot: Any, sound_server: Any
) -> None:
    sound_server.set_volume(30)
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "audioControlEnabled": True})
    item = run.session.taskbar_items["volume"]
    qtbot.waitUntil(item.isVisible)
    assert item.slider.value() == 30 and not item.mute_button.isChecked()
    sound_server.set_volume(90)  # a volume key on the keyboard
    sound_server.set_mute(True)
    item.refresh()
    assert item.slider.value() == 90 and item.mute_button.isChecked()
    assert item.poll_ms == 5_000

    plain = start_exam({"startURL": http_server.url("/exam")})
    assert "volume" not in plain.session.taskbar_items


def test_without_a_sound_server_the_volume_item_is_hidden_and_the_exam_runs(
    start_exam: Any, http_server: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody-listens'}")
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "audioControlEnabled": True, "audioMute": True})
    item = run.session.taskbar_items["volume"]
    qtbot.waitUntil(lambda: item.updates >= 1)
    assert not item.isVisible() and run.window.isVisible()


def test_a_hung_sound_server_costs_the_volume_item_a_moment_twice_a_minute(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import time

    from PySide6.QtWidgets import QWidget

    from launcher.ui import volume_item

    path = tmp_path / "hung"
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(4)  # connections are accepted, nothing is ever answered
    try:
        monkeypatch.setenv("PULSE_SERVER", f"unix:{path}")
        parent = QWidget()
        qtbot.addWidget(parent)
        started = time.monotonic()
        item = volume_item.VolumeItem(parent)
        assert time.monotonic() - started < 1.0  # the first look, bounded
        assert not item.isVisible() and item.updates == 1
        assert item.poll_ms == volume_item.RETRY_MS
    finally:
        hung.close()
