"""A real display or none (issue 16 item 1): an exam whose screen is a virtual X server (Xvfb:
what a student watches through a renamed x11vnc), or that Qt would serve over VNC
(``QT_QPA_PLATFORM=vnc``: a password-less VNC server on every interface), is a virtual machine
finding: refused at start naming the server by its process, unless ``allowVirtualMachine``."""

from __future__ import annotations

import subprocess
import time

import pytest

from support.cli import launcher_command, user_env

from launcher.config import plist


def _refused(xsession, exam_server, tmp_path, settings: dict, platform: str = "xcb", display: str = "") -> str:
    """Open the exam; wait for its refusal (closing the dialog that says so, where one can) and
    return the launcher's log."""
    config = tmp_path / "exam.seb"
    config.write_bytes(plist.dumps({"startURL": exam_server.url("/exam"), **settings}))
    env = xsession.env(user_env(tmp_path))
    env["QT_QPA_PLATFORM"] = platform
    if display:
        env["DISPLAY"] = display
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as err:
        proc = subprocess.Popen([*launcher_command(), "open", str(config)], env=env, stdout=subprocess.DEVNULL,
                                stderr=err)
    try:
        xsession.wait_for(lambda: "refused the exam" in log.read_text(errors="replace") or proc.poll() is not None,
                          timeout=90, what="the refusal")
        if platform == "xcb" and not display:  # the dialog names the finding: the student closes it
            for _ in range(50):
                if proc.poll() is not None:
                    break
                xsession.key("Return")
                time.sleep(0.5)
            assert proc.wait(timeout=30) == 4
    finally:
        if proc.poll() is None:  # a dialog served over VNC that nobody sees
            proc.terminate()
            proc.wait(timeout=30)
    return log.read_text(errors="replace")


def test_an_exam_on_a_virtual_x_server_is_refused_naming_the_server(xsession, exam_server, tmp_path):
    xvfb = xsession._xvfb.pid  # the display's server, as the student started it
    err = _refused(xsession, exam_server, tmp_path, {"allowVirtualMachine": False})
    assert f"is served by a virtual X server: Xvfb (pid {xvfb})" in err, err[-2000:]
    assert not exam_server.requests_to("/exam")  # no exam request left


@pytest.mark.parametrize("platform", ["vnc", "offscreen"])
def test_an_exam_shown_through_another_qt_platform_is_refused(xsession, exam_server, tmp_path, platform):
    err = _refused(xsession, exam_server, tmp_path, {"allowVirtualMachine": False}, platform=platform)
    assert f"through Qt's '{platform}' platform, not on a real display" in err, err[-2000:]
    assert not exam_server.requests_to("/exam")


def test_an_exam_inside_xephyr_on_the_desktop_is_refused_naming_it(xsession, exam_server, tmp_path):
    """The student runs the exam in an Xephyr window on the real desktop and uses the desktop
    beside it: the nested server is named by its process."""
    import os
    import shutil

    if shutil.which("Xephyr") is None:
        raise AssertionError("Xephyr is missing: installer/setup-dev.sh installs xserver-xephyr")
    read_fd, write_fd = os.pipe()
    nested = subprocess.Popen(["Xephyr", "-displayfd", str(write_fd), "-screen", "800x600", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), env=xsession.env(qt=False), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        number = xsession._read_display(read_fd) if hasattr(xsession, "_read_display") else ""
        os.close(read_fd)
        err = _refused(xsession, exam_server, tmp_path, {"allowVirtualMachine": False}, display=f":{number}")
        assert f"is served by a nested X server: Xephyr (pid {nested.pid})" in err, err[-2000:]
        assert not exam_server.requests_to("/exam")
    finally:
        nested.terminate()
        nested.wait(timeout=10)
