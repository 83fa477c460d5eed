"""Take the screenshots of the student's screen in docs/: the taskbar with its icons, the quit
dialog over the exam and the lock screen — at 100 % and at 200 % (``QT_SCALE_FACTOR=2``), in
English and in German.

Run it (it starts Xvfb and openbox for each scale itself, through ``xvfb-run``)::

    .venv/bin/python docs/take_student_screen_screenshots.py

Everything is the real thing: a real exam session on a local page, the real taskbar items
reading a fake battery (``/sys/class/power_supply`` layout), NetworkManager and
systemd-localed services on a private D-Bus (given to the items directly, so the browser engine
never sees that bus) and a private PulseAudio server (``tests/support/sound_server.py``).
"""

from __future__ import annotations

import http.server
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from shots import use_x_display, wait

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
#: (scale, language, file-name suffix)
VARIANTS = ((1, "en", ""), (2, "en", "-200"), (1, "de", "-de"), (2, "de", "-de-200"))

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Exam</title>
<style>body{font-family:sans-serif;margin:40px;max-width:760px}h1{color:#234}</style></head>
<body><h1>Chemistry exam</h1><p>Question 1. Which gas do plants take in for photosynthesis?</p>
<p><textarea rows="6" cols="60"></textarea></p><p>Question 2. Name two noble gases used in lighting.</p>
</body></html>""".encode()

SERVICES = """
from PySide6.QtDBus import QDBusObjectPath

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager"})
class Manager(QObject):
    def _s(self): return 70
    State = Property("uint", _s)
    def _k(self): return "802-11-wireless"
    PrimaryConnectionType = Property(str, _k)
    def _c(self): return QDBusObjectPath("/org/freedesktop/NetworkManager/ActiveConnection/1")
    PrimaryConnection = Property(QDBusObjectPath, _c)

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager.Connection.Active"})
class Active(QObject):
    def _i(self): return "eduroam"
    Id = Property(str, _i)
    def _ap(self): return QDBusObjectPath("/org/freedesktop/NetworkManager/AccessPoint/1")
    SpecificObject = Property(QDBusObjectPath, _ap)

@ClassInfo({"D-Bus Interface": "org.freedesktop.NetworkManager.AccessPoint"})
class AccessPoint(QObject):
    def _s(self): return 64
    Strength = Property("uchar", _s)

@ClassInfo({"D-Bus Interface": "org.freedesktop.locale1"})
class Locale(QObject):
    def _l(self): return "de,us"
    X11Layout = Property(str, _l)

objects = [Manager(), Active(), AccessPoint(), Locale()]
export("org.freedesktop.NetworkManager", {"/org/freedesktop/NetworkManager": objects[0],
                                         "/org/freedesktop/NetworkManager/ActiveConnection/1": objects[1],
                                         "/org/freedesktop/NetworkManager/AccessPoint/1": objects[2]})
export("org.freedesktop.locale1", {"/org/freedesktop/locale1": objects[3]})
"""


def main() -> int:
    if os.environ.get("STUDENT_SHOTS_CHILD"):
        return child(int(os.environ["QT_SCALE_FACTOR"]), os.environ["SEB_LAUNCHER_LANG"],
                     os.environ["STUDENT_SHOTS_SUFFIX"])
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("xvfb-run is missing: apt-get install -y xvfb")
    status = 0
    for scale, language, suffix in VARIANTS:
        env = dict(os.environ, STUDENT_SHOTS_CHILD="1", QT_SCALE_FACTOR=str(scale), SEB_LAUNCHER_LANG=language,
                   STUDENT_SHOTS_SUFFIX=suffix)
        env.pop("DISPLAY", None)
        screen = f"{1280 * scale}x{800 * scale}x24"
        status |= subprocess.call([xvfb, "-a", "-s", f"-screen 0 {screen}", sys.executable, __file__], env=env)
    return status


def _serve() -> str:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/exam"


def child(scale: int, language: str, suffix: str) -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    scratch = Path(tempfile.mkdtemp(prefix="seb-student-shots-"))
    os.environ["XDG_STATE_HOME"] = str(scratch / "state")  # the sound's restore record stays here
    from support.fake_dbus import private_bus, service
    from support.sound_server import SoundServer

    sound = SoundServer(scratch / "sound").start()
    sound.set_volume(60)
    os.environ["PULSE_SERVER"] = sound.address
    battery = scratch / "power_supply" / "BAT0"
    battery.mkdir(parents=True)
    for name, value in {"type": "Battery", "capacity": "76", "status": "Discharging"}.items():
        (battery / name).write_text(value + "\n")
    wm = subprocess.Popen(["openbox"], stderr=subprocess.DEVNULL) if shutil.which("openbox") else None
    try:
        with private_bus() as address, service(address, SERVICES):
            status = _shoot(_serve(), address, battery.parent, suffix)
    finally:
        sound.stop()
        if wm is not None:
            wm.terminate()
    sys.stdout.flush()
    os._exit(status)  # before the Qt bindings' teardown (see launcher.cli.run._exit_now)


def _shoot(url: str, bus_address: str, power_root: Path, suffix: str) -> int:
    use_x_display()
    from launcher.browser import prepare_app

    prepare_app()
    from PySide6.QtCore import QRect
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from launcher.app import i18n
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.session import ExamSession
    from launcher.platform import power
    from launcher.ui.keyboard_item import KeyboardItem
    from launcher.ui.network_item import NetworkItem

    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName("SEB Launcher")
    i18n.install_translator(app)
    power.SYSFS_ROOT = power_root
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio()

    def save(name: str, area: QRect | None = None) -> None:
        shot = screen.grabWindow(0)
        if area is not None:
            shot = shot.copy(QRect(area.topLeft() * ratio, area.size() * ratio))
        shot.save(str(DOCS / name))
        print(f"wrote docs/{name} ({shot.width()}x{shot.height()})")

    raw = {"startURL": url, "audioControlEnabled": True, "showInputLanguage": False, "allowWlan": False,
           "hashedQuitPassword": "a" * 64, "allowVirtualMachine": True}
    session = ExamSession(None, Settings.from_dict(raw), ExamKeys("c" * 64, "b" * 64))
    session.start()
    wait(3000)
    bar = session.window.taskbar
    for item in (NetworkItem(bar, bus=QDBusConnection.connectToBus(bus_address, "shots-nm")),
                 KeyboardItem(bar, bus=QDBusConnection.connectToBus(bus_address, "shots-localed"))):
        bar.add_item(item)
    wait(1500)
    session.taskbar_items["battery"].setFocus()  # the focus ring a keyboard user sees
    wait(400)
    top = bar.mapToGlobal(bar.rect().topLeft())
    save(f"student-taskbar{suffix}.png", QRect(top.x() + bar.width() // 3, top.y() - 6, bar.width() - bar.width() // 3, bar.height() + 6))

    session.request_quit()
    wait(600)
    dialog = session.active_dialog
    if dialog is not None:
        frame = dialog.frameGeometry()
        frame.moveCenter(session.window.geometry().center())
        dialog.move(frame.topLeft())
        wait(600)
        save(f"student-quit-dialog{suffix}.png")
        dialog.reject()
        wait(400)

    session.lock(QApplication.translate("ExamSession", "The exam window lost the keyboard focus."), source="lockdown")
    wait(1200)
    save(f"student-lock-screen{suffix}.png")
    session.quit("screenshots taken")
    wait(600)
    return 0


if __name__ == "__main__":
    sys.exit(main())
