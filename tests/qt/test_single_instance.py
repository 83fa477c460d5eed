"""A second launch hands its file or link to the running launcher and exits; a crash leaves
nothing that blocks the next start. Two real processes talk over the real local socket."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from launcher.platform.single_instance import SingleInstance, default_server_name, message_for

PEER = Path(__file__).with_name("single_instance_peer.py")


@pytest.fixture
def name() -> str:
    """A server name of our own, so tests never meet a real launcher of this user."""
    return f"seb-launcher-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def start_peer(name: str, *args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(PEER), name, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(peer: subprocess.Popen[str]) -> tuple[str, str]:
    """The rest of a peer's output once it ended (read through the same buffered pipes that
    readline() used, which communicate() would bypass)."""
    assert peer.stdout is not None and peer.stderr is not None
    if peer.stdout.closed:
        return "", ""
    out, err = peer.stdout.read(), peer.stderr.read()
    peer.wait(timeout=60)
    peer.stdout.close()
    peer.stderr.close()
    return out, err


def wait_listening(peer: subprocess.Popen[str]) -> None:
    assert peer.stdout is not None
    line = peer.stdout.readline().strip()
    assert line == "listening", peer.stderr.read() if peer.stderr else line


def test_second_launch_hands_a_relative_file_over_as_an_absolute_path(qapp, qtbot, name, tmp_path):
    running = SingleInstance(name)
    assert running.acquire() is True
    try:
        with qtbot.waitSignal(running.received, timeout=60_000) as signal_:
            peer = start_peer(name, "exam.seb", cwd=tmp_path)
        out, err = peer.communicate(timeout=60)
        assert signal_.args == [str(tmp_path / "exam.seb")]
        assert out.strip() == "handed-over", err
        assert peer.returncode == 0
    finally:
        running.release()


def test_the_running_launcher_in_another_process_receives_a_link(qapp, name):
    peer = start_peer(name)
    try:
        wait_listening(peer)
        later = SingleInstance(name)
        assert later.may_be_running() is True
        assert later.acquire() is False
        assert later.is_listening is False
        assert later.send("sebs://exam.example.org/mod/quiz/accessrule/seb/config.php?cmid=7") is True
        out, err = finish(peer)
        assert out.strip() == "received sebs://exam.example.org/mod/quiz/accessrule/seb/config.php?cmid=7", err
    finally:
        if peer.poll() is None:
            peer.kill()
            finish(peer)


def test_a_crashed_launcher_does_not_block_the_next_start(qapp, qtbot, name):
    peer = start_peer(name)
    wait_listening(peer)
    os.kill(peer.pid, signal.SIGKILL)
    peer.wait()
    peer.stdout.close()
    peer.stderr.close()
    first = SingleInstance(name)
    assert first.may_be_running() is True  # the crash left its socket file behind
    assert first.acquire() is True
    try:
        assert first.is_listening
        with qtbot.waitSignal(first.received, timeout=60_000) as signal_:
            later = start_peer(name, "https://exam.example.org/start")
        out, _ = later.communicate(timeout=60)
        assert out.strip() == "handed-over"
        assert signal_.args == ["https://exam.example.org/start"]
    finally:
        first.release()


def test_a_dead_socket_file_is_removed_and_the_new_launcher_listens(qapp, name):
    from PySide6.QtCore import QDir

    path = Path(QDir.tempPath()) / name
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens: what a crash leaves
    assert path.exists()
    instance = SingleInstance(name)
    try:
        assert instance.acquire() is True
        assert instance.is_listening
        assert SingleInstance(name).acquire() is False
    finally:
        instance.release()
    assert not path.exists()


def test_with_no_launcher_running_nothing_is_handed_over(qapp, name):
    alone = SingleInstance(name)
    assert alone.may_be_running() is False
    assert alone.send("/tmp/exam.seb") is False
    assert alone.acquire() is True
    assert alone.acquire() is True  # idempotent: the app may call it again after load()
    alone.release()


def test_only_one_of_two_simultaneous_launches_becomes_the_first(qapp, name):
    peers = [start_peer(name, "sebs://exam.example.org/a") for _ in range(2)]
    outputs = []
    try:
        firsts = []
        for peer in peers:
            line = peer.stdout.readline().strip()
            outputs.append(line)
            if line == "listening":
                firsts.append(peer)
        assert outputs.count("listening") == 1, outputs
        assert outputs.count("handed-over") == 1, outputs
        out, err = finish(firsts[0])
        assert out.strip() == "received sebs://exam.example.org/a", err
    finally:
        for peer in peers:
            if peer.poll() is None:
                peer.kill()
            finish(peer)


def test_arguments_are_sent_as_links_or_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert message_for("sebs://exam.example.org/c.seb") == "sebs://exam.example.org/c.seb"
    assert message_for("HTTPS://exam.example.org/") == "HTTPS://exam.example.org/"
    assert message_for("exam.seb") == str(tmp_path / "exam.seb")
    assert message_for("") == ""


def test_the_server_name_is_per_user(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert default_server_name() == f"seb-launcher-{os.getuid()}"


def test_the_socket_lives_in_the_private_runtime_dir_when_there_is_one(qapp, tmp_path, monkeypatch):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = default_server_name()
    assert name == str(runtime / "seb-launcher.sock")
    instance = SingleInstance()
    try:
        assert instance.acquire() is True
        assert (runtime / "seb-launcher.sock").exists()
        assert SingleInstance().acquire() is False
    finally:
        instance.release()
    runtime.chmod(0o755)  # readable by others: not private, so not used
    assert default_server_name() == f"seb-launcher-{os.getuid()}"


def test_another_users_socket_under_our_name_is_never_handed_an_exam(qapp, name):
    """Someone else listening under our per-user name in /tmp must not receive our links.
    As root the squatter runs as ``nobody``; otherwise it is our own launcher and gets it."""
    command = [sys.executable, str(PEER), name]
    foreign = os.geteuid() == 0
    if foreign:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    squatter = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/")
    try:
        wait_listening(squatter)
        ours = SingleInstance(name)
        if foreign:
            assert ours.send("sebs://exam.example.org/secret-config") is False
            assert ours.acquire() is True  # run alone rather than hand the exam over
        else:
            assert ours.acquire() is False
            assert ours.send("sebs://exam.example.org/secret-config") is True
    finally:
        squatter.kill()
        out, _ = finish(squatter)
        for leftover in Path(tempfile.gettempdir()).glob(name + "*"):
            leftover.unlink()
    assert ("secret-config" in out) is (not foreign)
