"""The Qt-free parts of the lock triggers: the stopped-process gap, and the interrupted-exam marker
(``enableSessionVerification``) kept per configuration in the user's state directory."""

from __future__ import annotations

import stat

from launcher.lockdown.interrupted import InterruptedExams, marker_name


def test_a_gap_of_more_than_three_seconds_is_a_stop():
    from launcher.exam.lock_triggers import stopped_for

    assert stopped_for(100.0, 101.0) == 0.0
    assert stopped_for(100.0, 103.0) == 0.0
    assert stopped_for(100.0, 105.5) == 5.5


def test_marker_per_config_key_written_at_start_and_removed_at_a_clean_end(tmp_path):
    store = InterruptedExams(tmp_path / "state")
    key_a, key_b = "a" * 64, "b" * 64
    assert not store.was_interrupted(key_a)
    store.begin(key_a)
    assert store.was_interrupted(key_a) and not store.was_interrupted(key_b)
    path = store.path(key_a)
    assert key_a not in path.name and key_a not in path.read_text()  # the key itself is not kept
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.end(key_a)
    assert not store.was_interrupted(key_a)
    store.end(key_a)  # twice is fine


def test_an_unwritable_state_dir_is_logged_not_fatal(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = InterruptedExams(blocker)
    store.begin("c" * 64)
    assert not store.was_interrupted("c" * 64)
    assert "session verification" in caplog.text


def test_marker_names_differ_per_key():
    assert marker_name("a") != marker_name("b") and len(marker_name("a")) == 32


def test_a_one_second_gap_ended_by_sigcont_is_a_stop_and_one_without_is_load():
    from launcher.lockdown.heartbeat import Heartbeat

    now = [100.0]
    cont = [0.0]
    beat = Heartbeat(clock=lambda: now[0], last_cont=lambda: cont[0])
    for _ in range(5):  # ticking
        now[0] += 0.1
        assert beat.check() == 0.0
    now[0] += 1.5  # a busy machine: 1.5 s without a tick, nobody continued us
    assert beat.check() == 0.0
    for _ in range(30):
        now[0] += 0.1
        assert beat.check() == 0.0
    start = now[0]
    now[0] += 1.8  # stopped 1.8 s, then SIGCONT (its handler runs a moment later)
    assert beat.check() == 0.0
    cont[0] = now[0] + 0.05
    now[0] += 0.1
    assert round(beat.check(), 1) == round(now[0] - 0.1 - start, 1) == 1.8
    now[0] += 3.5  # longer than 3 s: a stop whatever the signals say (a frozen cgroup)
    assert beat.check() == 3.5
