"""The "Exam" login session as a display manager starts it: ``seb-launcher-exam-session`` (the
.deb's ``/usr/bin`` script) runs cage on wlroots' headless backend as a plain user (cage refuses
root; a user namespace maps the suite's user to a plain uid, so the launcher still reads the
checkout wherever it lies), with the exam named in the machine's ``exam-session-link``; the exam
loads and has the keyboard, its quit URL ends the launcher, and with it cage and the session (the
script's process ends, status 0)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from support.servers import Server
from support.swaysession import ensure_user, wait_for

from launcher.config import plist

ROOT = Path(__file__).resolve().parents[2]
SESSION = ROOT / "resources/linux/seb-launcher-exam-session"
ENTRY = ROOT / "resources/linux/seb-launcher-exam.desktop"

PAGE = """<!doctype html><html><body><p>Exam</p><input autofocus>
<script>
function report(s) { var i = new Image(); i.src = '/log?' + encodeURIComponent(s); }
report('load');
var t = setInterval(function () {
  if (document.hasFocus()) { clearInterval(t); report('focused'); setTimeout(function () { location.href = '/quit'; }, 500); }
}, 50);
</script></body></html>"""


@pytest.fixture()
def server():
    srv = Server().start()
    srv.route("/exam", PAGE)
    srv.route("/log", "")
    srv.route("/quit", "<p>finished</p>")
    try:
        yield srv
    finally:
        srv.stop()


def test_the_session_entry_is_a_wayland_session_running_the_script():
    text = ENTRY.read_text()
    assert "Name=Exam\n" in text
    assert "Exec=/usr/bin/seb-launcher-exam-session\n" in text
    assert "TryExec=/usr/bin/cage\n" in text  # listed only where cage is installed
    assert os.access(SESSION, os.X_OK)


def test_the_exam_session_runs_the_exam_and_ends_with_its_quit_url(server):
    uid, gid = ensure_user()
    base = Path(tempfile.mkdtemp(prefix="seb-exam-session-"))
    base.chmod(0o755)
    home, runtime, machine, bindir = base / "home", base / "runtime", base / "machine", base / "bin"
    for path, mode in ((home, 0o700), (runtime, 0o700), (machine, 0o755), (bindir, 0o755)):
        path.mkdir(mode=mode)  # ours: inside the namespace they belong to the plain uid
    config = machine / "exam.seb"
    config.write_bytes(plist.dumps({
        "startURL": server.url("/exam"), "quitURL": server.url("/quit"), "quitURLConfirm": False,
        "allowVirtualMachine": True,
    }))
    (machine / "exam-session-link").write_text(f"# the exam of this room\n  {config}  \n")
    for f in machine.iterdir():
        f.chmod(0o644)
    env = {
        "PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
        "SEB_LAUNCHER_MACHINE_DIR": str(machine),
        "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
        "WLR_HEADLESS_OUTPUTS": "1", "DISPLAY": ":99",  # the script drops a display manager's X display
        "QTWEBENGINE_DISABLE_SANDBOX": "1",  # this container has no user namespaces for Chromium's
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "LANG": "C.UTF-8",
    }
    (bindir / "seb-launcher").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m launcher "$@"\n')
    (bindir / "seb-launcher").chmod(0o755)
    log_path = base / "session.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(["unshare", "--user", f"--map-user={uid}", f"--map-group={gid}", "--",
                                 str(SESSION)], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(home))
    try:
        def reported(what: str) -> bool:
            return any(what in r.target for r in server.requests_to("/log"))

        def logs() -> str:
            launcher_log = home / ".local/state/seb-launcher/log/seb-launcher.log"
            return (log_path.read_text(errors="replace")[-3000:] + "\n--- launcher log ---\n"
                    + (launcher_log.read_text(errors="replace")[-3000:] if launcher_log.exists() else "(none)"))

        try:
            wait_for(lambda: reported("load") or proc.poll() is not None, timeout=120, what="the exam page to load")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{logs()}") from None
        assert reported("load"), logs()
        wait_for(lambda: proc.poll() is not None, timeout=90, what="the session to end after the quit URL")
        assert reported("focused"), "the exam never had the keyboard focus in the session:\n" + logs()
        launcher_log = (home / ".local/state/seb-launcher/log/seb-launcher.log").read_text(errors="replace")
        assert "exam session ends (quit URL)" in launcher_log, logs()
        assert proc.returncode == 0, logs()
        assert "Wayland session" in launcher_log  # a client of cage, not of an X display
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=15)
        subprocess.run(["rm", "-rf", str(base)], check=False)
