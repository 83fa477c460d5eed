"""A real Wayland compositor or none: an exam on a compositor that drives no screen — headless
here, as a student's nested sway in a window of the real desktop would be — is a virtual-machine
finding, refused at start naming the compositor by its process, unless allowVirtualMachine."""

from __future__ import annotations

import os
import subprocess
import time

from support.cli import launcher_command, user_env
from support.swaysession import wait_for

from launcher.config import plist


def test_an_exam_on_a_compositor_without_a_screen_is_refused_naming_it(compositor, keyboard, exam_server, tmp_path):
    config = tmp_path / "exam.seb"
    config.write_bytes(plist.dumps({"startURL": exam_server.url("/exam"), "allowVirtualMachine": False}))
    env = compositor.client_env(dict(os.environ, **user_env(tmp_path)))
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as err:
        proc = subprocess.Popen([*launcher_command(), "open", str(config)], env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        wait_for(lambda: "refused the exam" in log.read_text(errors="replace") or proc.poll() is not None,
                 timeout=90, what="the refusal")
        for _ in range(60):  # the dialog names the finding: the student closes it
            if proc.poll() is not None:
                break
            keyboard.press("Return")
            time.sleep(0.5)
        assert proc.wait(timeout=30) == 4
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert (f"the Wayland compositor drives no display device (nested in another desktop, or headless; "
            f"no /dev/dri/card*, /dev/fb*): sway (pid {compositor.proc.pid})") in text, text[-2000:]
    assert not exam_server.requests_to("/exam")
