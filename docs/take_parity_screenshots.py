"""Take the screenshots of the exam window's SEB features in docs/: the taskbar with battery,
network, keyboard layout, zoom, restart-exam and log buttons and the find bar open
(``kiosk-taskbar.png``), and SEB's window mode (``kiosk-window-mode.png``).

Run under Xvfb (started by the script when there is no display)::

    .venv/bin/python docs/take_parity_screenshots.py

The exam page comes from a local server; the battery, network and keyboard layout come from
fake UPower, NetworkManager and systemd-localed services on a private D-Bus (the machine that
takes the pictures may have none of them), read by the real taskbar items.
"""

from __future__ import annotations

import http.server
import logging
import os
import shutil
import subprocess
import sys
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

@ClassInfo({"D-Bus Interface": "org.freedesktop.locale1"})
class Locale(QObject):
    def _l(self): return "de,us"
    X11Layout = Property(str, _l)

objects = [Battery(), Manager(), Active(), Locale()]
export("org.freedesktop.UPower", {"/org/freedesktop/UPower/devices/DisplayDevice": objects[0]})
export("org.freedesktop.NetworkManager", {"/org/freedesktop/NetworkManager": objects[1],
                                         "/org/freedesktop/NetworkManager/ActiveConnection/1": objects[2]})
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
    with private_bus() as address, service(address, SERVICES):
        os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = address  # the taskbar items read the "system" bus
        status = _shoot(_serve())
        if wm is not None:
            wm.terminate()
        sys.stdout.flush()
        # end before the private bus goes away: Chromium aborts when its bus disconnects
        os._exit(status)


def _shoot(url: str) -> int:
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

    def find(session: ExamSession) -> None:
        session.window.find()
        QTest.keyClicks(session.window.find_bar.edit, "exam")

    run({"startURL": url, "allowWlan": True, "restartExamUseStartURL": True, "allowApplicationLog": True,
         "showApplicationLogButton": True}, "kiosk-taskbar.png", find)
    run({"startURL": url, "browserViewMode": 0, "mainBrowserWindowWidth": "70%", "mainBrowserWindowHeight": "80%",
         "mainBrowserWindowPositioning": 1, "showInputLanguage": False}, "kiosk-window-mode.png")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
