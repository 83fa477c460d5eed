"""Under a real compositor (headless sway), the exam holds the desktop's shortcuts: with the exam
focused, sway's bindings for Alt+Tab, Super and friends never run and the typing reaches the
page; a plain window without the inhibitor (the control) lets every one of them run."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from support.swaysession import PRESSES, Compositor, wait_for
from support.wayland_keyboard import VirtualKeyboard

#: A plain Qt window on the compositor: prints 'ready' once focused, then every key it gets;
#: with 'inhibit' it asks for the compositor's shortcuts the launcher's way and prints the answer.
PROBE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
class W(QWidget):
    def keyPressEvent(self, e):
        print("key:" + (e.text() or str(e.key())), flush=True)
w = W(); w.resize(800, 600); w.show()
inhibitor = None
def ready():
    global inhibitor
    if QGuiApplication.focusWindow() is None:
        QTimer.singleShot(100, ready); return
    if "inhibit" in sys.argv:
        from launcher.platform.wayland_shortcuts import ShortcutsInhibitor
        native = app.nativeInterface()
        inhibitor = ShortcutsInhibitor(native.display(), native.seat(), lambda s, st: print("inhibitor:" + st, flush=True))
        inhibitor.inhibit(int(w.windowHandle().winId())); inhibitor.roundtrip(); inhibitor.dispatch()
    print("ready", flush=True)
QTimer.singleShot(100, ready)
app.exec()
"""


def _press_all(keyboard: VirtualKeyboard) -> None:
    for combo in PRESSES.values():
        keyboard.press(combo)
        time.sleep(0.1)


class Probe:
    def __init__(self, compositor: Compositor, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", PROBE, *args], env=compositor.client_env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_line("ready")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def wait_line(self, want: str, timeout: float = 30) -> None:
        wait_for(lambda: want in self.lines or self.proc.poll() is not None, timeout=timeout,
                 what=f"the probe to print {want!r}")
        assert want in self.lines, f"the probe ended ({self.proc.returncode}) without {want!r}: {self.lines}"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def test_a_window_without_the_inhibitor_lets_the_compositor_run_its_bindings(compositor, keyboard):
    compositor.clear()
    probe = Probe(compositor)
    try:
        _press_all(keyboard)
        wait_for(lambda: set(compositor.fired()) == set(PRESSES), timeout=20,
                 what=f"every binding to run (ran: {compositor.fired()})")
    finally:
        probe.stop()


def test_a_window_with_the_inhibitor_gets_the_keys_instead(compositor, keyboard):
    compositor.clear()
    probe = Probe(compositor, "inhibit")
    try:
        probe.wait_line("inhibitor:enforced")
        _press_all(keyboard)
        keyboard.type("ok")
        probe.wait_line("key:k")
        assert compositor.fired() == []
    finally:
        probe.stop()


def test_the_exam_holds_alt_tab_super_and_friends_and_typing_reaches_the_page(compositor, keyboard, run_exam):
    exam = run_exam({})
    wait_for(lambda: "shortcuts are held for Exam (enforced)" in exam.log(), timeout=20,
             what="the launcher to log the compositor's answer")
    focused = compositor.focused()
    assert focused is not None and focused.get("pid") == exam.proc.pid, focused
    assert focused.get("app_id") == "seb-launcher"  # matches seb-launcher.desktop (GNOME's permission)
    compositor.clear()
    _press_all(keyboard)
    keyboard.type("hello")
    exam.wait_report(lambda r: r == "value:hello" or (r.startswith("value:") and r.endswith("hello")),
                     "the typed answer")
    assert compositor.fired() == [], "the compositor ran bindings while the exam was focused"
    assert exam.alive() and "focus-lost" not in exam.log()
    focused = compositor.focused()
    assert focused is not None and focused.get("pid") == exam.proc.pid, focused
    # sway itself says it has the inhibitor (its debug log)
    assert "Adding keyboard shortcuts inhibitor" in compositor.log()
    exam.stop()


def test_the_lock_window_has_its_own_inhibitor(compositor, keyboard, run_exam):
    exam = run_exam({"hashedQuitPassword": "0" * 64})
    os.kill(exam.proc.pid, signal.SIGSTOP)  # a stopped launcher locks the exam when it runs again
    time.sleep(5)
    os.kill(exam.proc.pid, signal.SIGCONT)
    wait_for(lambda: "shortcuts are held for Exam locked (enforced)" in exam.log(), timeout=30,
             what="the lock window's inhibitor")
    wait_for(lambda: (compositor.focused() or {}).get("name", "").startswith("Exam locked"), timeout=20,
             what=f"the lock window to be focused ({compositor.focused()})")
    compositor.clear()
    _press_all(keyboard)
    keyboard.type("x")
    time.sleep(1)
    assert compositor.fired() == []
    assert (compositor.focused() or {}).get("name", "").startswith("Exam locked")
    exam.stop()


def test_the_quit_password_dialog_has_its_own_inhibitor(compositor, keyboard, run_exam):
    exam = run_exam({"hashedQuitPassword": hashlib.sha256(b"letmeout").hexdigest(), "enableAltF4": True})
    wait_for(lambda: "shortcuts are held for Exam (enforced)" in exam.log(), timeout=20, what="the inhibitor")
    compositor.clear()
    keyboard.press("alt+F4")  # held from sway: it reaches the exam, which asks for the password
    wait_for(lambda: "shortcuts are held for Quit the exam" in exam.log(), timeout=30,
             what=f"the quit dialog's inhibitor (sway ran {compositor.fired()}, focus {compositor.focused()}, "
                  f"page {exam.reports()}, log {exam.log()[-1500:]})")
    # sway shows the dialog over the full-screen exam but leaves the keyboard on the exam (measured):
    # the invigilator clicks it — here sway's own focus command
    compositor.swaymsg('[title="^Quit the exam"]', "focus")
    wait_for(lambda: (compositor.focused() or {}).get("name", "").startswith("Quit the exam"), timeout=20,
             what=f"the quit dialog to be focused ({compositor.focused()})")
    compositor.clear()
    _press_all(keyboard)
    time.sleep(1)
    assert compositor.fired() == []
    keyboard.type("letmeout")
    keyboard.press("Return")
    exam.proc.wait(timeout=30)
    assert exam.proc.returncode == 0, exam.stderr()


def test_config_inspect_says_what_the_compositor_offers(compositor, tmp_path):
    from launcher.config import plist
    from support.cli import run_cli

    config = tmp_path / "exam.seb"
    config.write_bytes(plist.dumps({"startURL": "https://exam.example.org/", "allowVirtualMachine": True}))
    proc = run_cli("config", "inspect", config, env={"WAYLAND_DISPLAY": compositor.socket})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "Wayland compositor: keyboard-shortcuts inhibitor offered" in lines
    start = lines.index("Lockdown on wayland (enforced / detected only / cannot enforce):")
    table = {line.split()[0]: line.split()[1:] for line in lines[start + 1:] if line.startswith("  ")}
    for key in ("enableAltTab", "enableStartMenu", "enablePrintScreen"):
        assert table[key][-1] == "enforced", (key, table[key])
    # without a compositor (an X11 desktop, whatever the variables say): the X11 table
    proc = run_cli("config", "inspect", config, env={"WAYLAND_DISPLAY": str(tmp_path / "no-such-socket"),
                                                       "XDG_SESSION_TYPE": "wayland"})
    assert "Lockdown on x11 (enforced / detected only / cannot enforce):" in proc.stdout.splitlines()
