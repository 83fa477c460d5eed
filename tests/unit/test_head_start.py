"""The head start: a local exam file read, keyed and checked on a thread before Qt loads — with
exactly the open flow's results, nothing of Qt imported, and nothing the flow must do itself
(passwords, SEB Server, client configurations) taken from it."""

from __future__ import annotations

import gzip
import subprocess
import sys

from support.fake_machine import FakeMachine

from launcher.config import plist
from launcher.config.container import read_config
from launcher.config.keys import ExamKeys
from launcher.lockdown.start_checks import expected_platform, finish
from launcher.opening.head_start import HeadStart


def _file(tmp_path, settings, *, packed=False):
    path = tmp_path / "exam.seb"
    data = plist.dumps(settings)
    path.write_bytes(gzip.compress(data) if packed else data)
    return str(path)


def test_an_exam_file_is_read_keyed_and_checked_with_the_flows_own_results(tmp_path):
    settings = {"startURL": "https://exam.example/", "allowVirtualMachine": False, "hashedQuitPassword": "ab" * 32}
    path = _file(tmp_path, settings, packed=True)
    fake = FakeMachine(tmp_path / "machine")
    fake.write("sys/class/dmi/id/sys_vendor", "QEMU\n")
    got = HeadStart(path, machine=fake.machine()).start().take(path)
    assert got is not None and got.loaded is not None
    with open(path, "rb") as fh:
        assert got.data == fh.read()
    assert got.keys.config_key == ExamKeys.for_settings(read_config(got.data).settings).config_key
    assert got.settings.start_url == "https://exam.example/"
    assert any(v.key == "allowVirtualMachine" for v in got.findings.violations)
    violations, ask = finish(got.findings, got.settings, fake.machine(), screens=1)
    assert [v.check for v in violations][0] == "virtual-machine" and ask == []


def test_another_path_gets_nothing(tmp_path):
    path = _file(tmp_path, {"startURL": "https://exam.example/"})
    assert HeadStart(path).start().take(str(tmp_path / "other.seb")) is None


def test_what_needs_the_flow_is_left_to_it(tmp_path):
    from launcher.config.container import write_config

    protected = tmp_path / "protected.seb"
    protected.write_bytes(write_config({"startURL": "https://exam.example/"}, password="secret"))
    got = HeadStart(str(protected)).start().take(str(protected))
    assert got is not None and got.data == protected.read_bytes() and got.loaded is None  # the flow asks

    missing = str(tmp_path / "missing.seb")
    got = HeadStart(missing).start().take(missing)
    assert got is not None and got.data is None  # the flow reads it again and says what is wrong

    server = _file(tmp_path, {"sebMode": 1, "sebServerURL": "https://server.example", "allowVirtualMachine": True})
    got = HeadStart(server).start().take(server)
    assert got is not None and got.loaded is not None and got.findings is None  # SEB Server: not checked here


def test_the_head_start_never_imports_qt(tmp_path):
    path = _file(tmp_path, {"startURL": "https://exam.example/", "allowVirtualMachine": True})
    code = ("import sys; from launcher.opening.head_start import HeadStart; "
            f"r = HeadStart({path!r}).start().take({path!r}); "
            "assert r.findings is not None, r; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_platform_qt_will_open_is_expected_from_the_environment():
    assert expected_platform({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert expected_platform({"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert expected_platform({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland"
    assert expected_platform({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}) == "xcb"
    assert expected_platform({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}) == "xcb"


def test_a_head_start_that_does_not_finish_in_time_is_not_waited_for(tmp_path, monkeypatch):
    import threading

    from launcher.opening import head_start

    path = _file(tmp_path, {"startURL": "https://exam.example/", "allowVirtualMachine": True})
    release = threading.Event()
    monkeypatch.setattr(head_start.HeadStart, "_run", lambda self: release.wait(30))
    started = head_start.HeadStart(path).start()
    try:
        assert started.take(path, timeout=0.2) is None  # the flow reads and checks it itself
    finally:
        release.set()



def test_a_link_is_left_to_the_flow(tmp_path):
    head = HeadStart("sebs://exam.example/exam.seb").start()
    assert head.take("sebs://exam.example/exam.seb") is None and head.path is None  # downloaded by the flow
