"""Take the screenshots of the exam window's SEB features in docs/: the taskbar with battery,
network, keyboard layout, volume, zoom, restart-exam and log buttons and the find bar open
(``kiosk-taskbar.png``), and SEB's window mode (``kiosk-window-mode.png``).

Run under Xvfb (started by the script when there is no display)::

    .venv/bin/python docs/take_parity_screenshots.py

The exam page comes from a local server; the battery, network and keyboard layout come from
fake UPower, NetworkManager and systemd-localed services on a private D-Bus (the machine that
takes the pictures may have none of them; the items are given that bus, the browser engine never
sees it) and the volume from a private PulseAudio server (``tests/support/sound_server.py``),
read by the real taskbar items.
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

from shots import ensure_display, use_x_display, wait

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Exam</title>
<style>body{font-family:sans-serif;margin:40px;max-width:760px}h1{color:#234}</style></head>
<body><h1>Chemistry exam</h1><p>Question 1. Which gas do plants take in for photosynthesis?
Explain the exam question in your own words.</p><p><textarea rows="6" cols="70"></textarea></p>
<p>Question 2. Name two noble gases used in lighting.</p></body></html>"""

SERVICES = """
from PySide6.QtDBus import QDBusObjectPath

@ClassInfo({"D-Bus Interface": "org.freedesktop.UPower.Device"})
class Battery(QObject):
    def _p(self): return True
    IsPresent = Property(bool, _p)
    def _t(self): return 2
    Type = Property("uint", _t)
    def _c(self): return 76.0
    Percentage = Property(float, _c)
    def _s(self): return 2
    State = Property("uint", _s)

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
    def _s(self): return 72
    Strength = Property("uchar", _s)

@ClassInfo({"D-Bus Interface": "org.freedesktop.locale1"})
class Locale(QObject):
    def _l(self): return "de,us"
    X11Layout = Property(str, _l)

objects = [Battery(), Manager(), Active(), Locale(), AccessPoint()]
export("org.freedesktop.UPower", {"/org/freedesktop/UPower/devices/DisplayDevice": objects[0]})
export("org.freedesktop.NetworkManager", {"/org/freedesktop/NetworkManager": objects[1],
                                         "/org/freedesktop/NetworkManager/ActiveConnection/1": objects[2],
                                         "/org/freedesktop/NetworkManager/AccessPoint/1": objects[4]})
export("org.freedesktop.locale1", {"/org/freedesktop/locale1": objects[3]})
"""


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


def main() -> int:
    ensure_display(__file__)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from support.fake_dbus import private_bus, service

    # a window manager, so full screen is full screen (as on a student's desktop)
    wm = subprocess.Popen(["openbox"], stderr=subprocess.DEVNULL) if shutil.which("openbox") else None
    from support.sound_server import SoundServer

    scratch = Path(tempfile.mkdtemp(prefix="seb-parity-shots-"))
    os.environ["XDG_STATE_HOME"] = str(scratch / "state")  # the sound's restore record stays here
    sound = SoundServer(scratch / "sound").start()  # the volume item's server
    sound.set_volume(60)
    os.environ["PULSE_SERVER"] = sound.address
    try:
        with private_bus() as address, service(address, SERVICES):
            # the items get this bus directly: given to the whole process as the system bus, the
            # browser engine would connect to it as well and abort when it goes away
            status = _shoot(_serve(), address)
    finally:
        sound.stop()
        if wm is not None:
            wm.terminate()
    sys.stdout.flush()
    os._exit(status)  # before the Qt bindings' teardown (see launcher.cli.run._exit_now)


def _shoot(url: str, bus_address: str) -> int:
    use_x_display()
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    from launcher.browser import prepare_app

    prepare_app()
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.session import ExamSession

    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName("SEB Launcher")


    def run(raw: dict, name: str, prepare=None) -> None:  # noqa: ANN001
        session = ExamSession(None, Settings.from_dict(raw), ExamKeys("c" * 64, "b" * 64))
        session.start()
        wait(3000)
        if prepare is not None:
            prepare(session)
            wait(800)
        QGuiApplication.primaryScreen().grabWindow(0).save(str(DOCS / name))
        print(f"wrote docs/{name}")
        session.quit("screenshot taken")
        wait(500)

    def items_and_find(session: ExamSession) -> None:
        from PySide6.QtDBus import QDBusConnection

        from launcher.ui.battery_item import BatteryItem
        from launcher.ui.keyboard_item import KeyboardItem
        from launcher.ui.network_item import NetworkItem

        bar = session.window.taskbar
        for name, make in (("battery", lambda bus: BatteryItem(bar, bus=bus)),
                           ("network", lambda bus: NetworkItem(bar, bus=bus)),
                           ("keyboard", lambda bus: KeyboardItem(bar, bus=bus))):
            bar.add_item(make(QDBusConnection.connectToBus(bus_address, f"shots-{name}")))
        wait(1500)
        session.window.open_find_bar()
        QTest.keyClicks(session.window.find_bar.edit, "exam")

    run({"startURL": url, "allowWlan": False, "restartExamUseStartURL": True, "allowApplicationLog": True,
         "showApplicationLogButton": True, "audioControlEnabled": True, "showInputLanguage": False},
        "kiosk-taskbar.png", items_and_find)
    run({"startURL": url, "browserViewMode": 0, "mainBrowserWindowWidth": "70%", "mainBrowserWindowHeight": "80%",
         "mainBrowserWindowPositioning": 1, "showInputLanguage": False}, "kiosk-window-mode.png")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
