"""The X11 lockdown tests: one Xvfb + openbox per module, the real ``seb-launcher`` on it.

``run_exam(settings)`` writes a .seb file, starts ``seb-launcher open FILE`` as a child process on
the module's display (``QT_QPA_PLATFORM=xcb``) and waits until its exam window is the active
window; the process is ended at teardown. Every test configuration allows a virtual machine (CI
runs in one) and injected input (``xdotool`` sends its keys through XTEST).
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from support.cli import launcher_command, user_env
from support.servers import Server
from support.xsession import XSession, xsession  # noqa: F401

from launcher.config import plist

#: An exam page that reports to its server every key, click, wheel, zoom change, load, the answer
#: field losing the focus and, once, the page having the keyboard focus ('focused');
#: F9 goes to ``/quit`` (the quit URL of configurations that say so).
LOGGING_PAGE = """<!doctype html><html><head><title>exam page</title></head><body>
<p>Exam</p><input id="answer" autofocus style="font-size:20px;width:600px">
<script>
function report(s) { var i = new Image(); i.src = '/log?' + encodeURIComponent(s); }
report('load');
document.addEventListener('keydown', function (e) {
  report('key:' + e.key);
  if (e.key === 'F9') { location.href = '/quit'; }  // the test's way to finish the exam
});
document.addEventListener('input', function () { report('value:' + document.getElementById('answer').value); });
document.getElementById('answer').addEventListener('blur', function () { report('blur'); });
document.addEventListener('mousedown', function (e) { report('button:' + e.button); });
document.addEventListener('wheel', function (e) { report('wheel:' + (e.ctrlKey ? 'ctrl' : '') + (e.altKey ? 'alt' : '')); });
window.addEventListener('resize', function () { report('zoom:' + window.devicePixelRatio); });
var focusCheck = setInterval(function () {
  if (document.hasFocus()) { report('focused'); clearInterval(focusCheck); }
}, 50);
</script></body></html>"""

#: The harness itself is an X client (xdotool, xprop, xwininfo): its programs on the exam's display
#: are allowed (``allowScreenCapture``) except in the tests about them, which use ``x_tools=False``.
BASE_SETTINGS: dict[str, Any] = {"allowVirtualMachine": True, "enableInjected": True, "allowScreenCapture": True}


class Exam:
    """A running launcher on the X session, and what its page reported."""

    def __init__(self, x: XSession, server: Server, proc: subprocess.Popen[bytes], log_path: Path) -> None:
        self.x = x
        self.server = server
        self.proc = proc
        self.log_path = log_path
        self.window = 0

    def reports(self) -> list[str]:
        from urllib.parse import unquote

        return [unquote(r.target.split("?", 1)[1]) for r in self.server.requests_to("/log") if "?" in r.target]

    def wait_report(self, predicate: Callable[[str], bool], what: str, timeout: float = 30) -> None:
        try:
            self.x.wait_for(lambda: any(predicate(r) for r in self.reports()), timeout=timeout, what=what)
        except AssertionError as exc:  # say what the page did report, and what the launcher logged
            tail = "\n".join(self.stderr().splitlines()[-25:])
            raise AssertionError(f"{exc}; the page reported {self.reports()}; the launcher's log ends:\n{tail}") from None

    def type_until(self, text: str, predicate: Callable[[str], bool], what: str, tries: int = 5) -> None:
        """Type ``text`` until the page reports what ``predicate`` wants: a page whose window was
        just activated may get its keyboard focus a moment later."""
        for attempt in range(tries):
            self.x.type(text)
            try:
                self.wait_report(predicate, what, timeout=3 if attempt < tries - 1 else 30)
                return
            except AssertionError:
                if attempt == tries - 1:
                    raise

    def window_names(self) -> dict[int, str]:
        """This launcher's visible windows and their titles."""
        return {w: self.x.run("xdotool", "getwindowname", str(w), check=False).strip()
                for w in self.x.search_pid(self.proc.pid)}

    def exam_windows(self) -> list[int]:
        # Qt adds the application's display name: "Exam — SEB Launcher"
        return [w for w, name in self.window_names().items() if name.split(" \u2014 ")[0] == "Exam"]

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def exam_server() -> Iterator[Server]:
    server = Server().start()
    server.route("/exam", LOGGING_PAGE)
    server.route("/log", "")
    server.route("/quit", "<p>finished</p>")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def run_exam(xsession: XSession, exam_server: Server, tmp_path_factory: Any) -> Iterator[Callable[..., Exam]]:
    """``run_exam({...settings...})`` -> a running :class:`Exam` with its window active."""
    running: list[Exam] = []

    def run(settings: dict[str, Any], *, wait_active: bool = True, home: Path | None = None,
            env: dict[str, str] | None = None, x_tools: bool = True) -> Exam:
        # one exam at a time, as for a user (a second launcher hands over to the first): an
        # earlier test's exam still on the screen would take the new one for another program
        for earlier in running:
            earlier.stop()
        exam_server.clear()
        tmp = home or tmp_path_factory.mktemp("launcher")
        config = tmp / "exam.seb"
        config.write_bytes(plist.dumps({"startURL": exam_server.url("/exam"), **BASE_SETTINGS, **settings}))
        child_env = {**xsession.env(dict(os.environ, **user_env(tmp))), **(env or {})}
        log_path = tmp / "stderr.txt"
        with open(log_path, "wb") as err:
            proc = subprocess.Popen([*launcher_command(), "open", str(config)], env=child_env,
                                    stdout=subprocess.DEVNULL, stderr=err)
        exam = Exam(xsession, exam_server, proc, log_path)
        running.append(exam)
        exam.wait_report(lambda r: r == "load", "the exam page to load", timeout=60)
        if not x_tools:  # no X client of the harness on the display: the page says when it has the keyboard
            exam.wait_report(lambda r: r == "focused", "the exam page to have the keyboard focus")
            return exam
        xsession.wait_for(lambda: bool(exam.exam_windows()) or not exam.alive(), timeout=30,
                          what="the exam window")
        assert exam.alive(), exam.stderr()
        exam.window = exam.exam_windows()[0]
        if wait_active:
            xsession.wait_for(lambda: xsession.active_window() == exam.window, timeout=30,
                              what="the exam window to be active")
            if "startURL" not in settings:  # the logging page: typing reaches it from now on
                exam.wait_report(lambda r: r == "focused", "the exam page to have the keyboard focus")
        return exam

    run.stop_all = lambda: [exam.stop() for exam in running]  # type: ignore[attr-defined]
    try:
        yield run
    finally:
        for exam in running:
            exam.stop()
