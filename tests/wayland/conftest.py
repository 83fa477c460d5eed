"""The Wayland tests: one headless sway per module (run as a plain user), one virtual keyboard
for the whole module, and the real ``seb-launcher`` on it as a Qt Wayland client.

``run_exam(settings)`` writes a .seb file, starts ``seb-launcher open FILE`` on the module's
compositor (``QT_QPA_PLATFORM=wayland``, ``WAYLAND_DISPLAY`` = the socket's full path) and waits
until its page has the keyboard focus; the process is ended at teardown.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support.cli import launcher_command, user_env
from support.servers import Server
from support.swaysession import Compositor, wait_for
from support.wayland_keyboard import VirtualKeyboard

from launcher.config import plist

#: An exam page that reports every key, the answer field's value, its load and, once, that
#: it has the keyboard focus.
PAGE = """<!doctype html><html><head><title>exam page</title></head><body>
<p>Exam</p><input id="answer" autofocus style="font-size:20px;width:600px">
<script>
function report(s) { var i = new Image(); i.src = '/log?' + encodeURIComponent(s); }
report('load');
document.addEventListener('keydown', function (e) { report('key:' + e.key); });
document.addEventListener('input', function () { report('value:' + document.getElementById('answer').value); });
var focusCheck = setInterval(function () {
  if (document.hasFocus()) { report('focused'); clearInterval(focusCheck); }
}, 50);
</script></body></html>"""

BASE_SETTINGS: dict[str, Any] = {"allowVirtualMachine": True, "enableInjected": True}


class Exam:
    """A running launcher on the compositor, and what its page reported."""

    def __init__(self, server: Server, proc: subprocess.Popen[bytes], home: Path, log_path: Path) -> None:
        self.server = server
        self.proc = proc
        self.home = home
        self.log_path = log_path

    def reports(self) -> list[str]:
        from urllib.parse import unquote

        return [unquote(r.target.split("?", 1)[1]) for r in self.server.requests_to("/log") if "?" in r.target]

    def wait_report(self, predicate: Callable[[str], bool], what: str, timeout: float = 30) -> None:
        try:
            wait_for(lambda: any(predicate(r) for r in self.reports()), timeout=timeout, what=what)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the page reported {self.reports()}; the launcher "
                                 f"{'runs' if self.alive() else f'ended ({self.proc.returncode})'}; its log ends:\n"
                                 + "\n".join(self.log().splitlines()[-(25 if self.alive() else 80):]) + self.crash()) from None

    def crash(self) -> str:
        """A crash's thread stacks (``launcher.platform.crash_trace``), if it crashed."""
        path = self.home / "home/.local/state/seb-launcher/log/seb-launcher-crash.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"\nits crash trace:\n{text}" if text else ""

    def log(self) -> str:
        """The launcher's log file (every level)."""
        path = self.home / "home/.local/state/seb-launcher/log/seb-launcher.log"
        return path.read_text(errors="replace") if path.exists() else self.stderr()

    def stderr(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def compositor(request: Any) -> Iterator[Compositor]:
    """The module's sway (with Xwayland where the module says ``XWAYLAND = True``)."""
    comp = Compositor(xwayland=getattr(request.module, "XWAYLAND", False))
    try:
        yield comp.start()
    finally:
        comp.stop()  # also after a start that failed half-way: no compositor is left behind


@pytest.fixture(scope="module")
def keyboard(compositor: Compositor) -> Iterator[VirtualKeyboard]:
    """The seat's one keyboard, plugged in before any window and kept for the whole module."""
    kb = VirtualKeyboard(compositor.socket)
    try:
        yield kb
    finally:
        kb.close()


@pytest.fixture(scope="module")
def exam_server() -> Iterator[Server]:
    server = Server().start()
    server.route("/exam", PAGE)
    server.route("/log", "")
    server.route("/quit", "<p>finished</p>")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def run_exam(compositor: Compositor, keyboard: VirtualKeyboard, exam_server: Server,
             tmp_path_factory: Any) -> Iterator[Callable[..., Exam]]:
    running: list[Exam] = []

    def run(settings: dict[str, Any], *, x11: bool = False) -> Exam:
        """``x11``: an X client of the session's Xwayland instead of a Wayland client."""
        for earlier in running:
            earlier.stop()
        exam_server.clear()
        tmp = tmp_path_factory.mktemp("launcher")
        config = tmp / "exam.seb"
        config.write_bytes(plist.dumps({"startURL": exam_server.url("/exam"), **BASE_SETTINGS, **settings}))
        base = dict(os.environ, **user_env(tmp))
        env = compositor.x_client_env(base) if x11 else compositor.client_env(base)
        runtime = tmp / "runtime"  # each launcher its own (its single-instance socket is there)
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        log_path = tmp / "stderr.txt"
        with open(log_path, "wb") as err:
            proc = subprocess.Popen([*launcher_command(), "open", str(config)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=err)
        exam = Exam(exam_server, proc, tmp, log_path)
        running.append(exam)
        exam.wait_report(lambda r: r == "load", "the exam page to load", timeout=150)
        try:
            exam.wait_report(lambda r: r == "focused", "the exam page to have the keyboard focus", timeout=20)
        except AssertionError:  # a busy machine: the window mapped without the focus; a user clicks it
            compositor.swaymsg(f"[pid={proc.pid}]", "focus")
            exam.wait_report(lambda r: r == "focused", "the exam page to have the keyboard focus", timeout=60)
        assert exam.alive(), exam.stderr()
        return exam

    try:
        yield run
    finally:
        for exam in running:
            exam.stop()
