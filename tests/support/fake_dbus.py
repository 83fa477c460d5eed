"""A private D-Bus for tests: a ``dbus-daemon --session`` of the test's own, and small services
exported on it by a child Python process (QtDBus), so the launcher talks real D-Bus to a
UPower, NetworkManager or systemd-localed that the test controls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

SERVICE_PRELUDE = """
import sys
from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject
from PySide6.QtDBus import QDBusConnection

app = QCoreApplication([])
bus = QDBusConnection.connectToBus(sys.argv[1], "fake-service")
if not bus.isConnected():
    sys.exit("no bus")

def export(service, objects):
    for path, obj in objects.items():
        if not bus.registerObject(path, obj, QDBusConnection.RegisterOption.ExportAllProperties):
            sys.exit("cannot export " + path)
    if not bus.registerService(service):
        sys.exit("cannot own " + service)
"""


@contextmanager
def private_bus() -> Iterator[str]:
    """A fresh message bus; yields its address."""
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def service(address: str, body: str) -> Iterator[subprocess.Popen[str]]:
    """Run ``body`` (after :data:`SERVICE_PRELUDE`; it must call ``export(...)``) in a child
    process on the bus at ``address``; returns once the service is on the bus."""
    code = SERVICE_PRELUDE + textwrap.dedent(body) + "\nprint('ready', flush=True)\napp.exec()\n"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", code, address], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line == "ready", f"fake service did not start: {line!r}"
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
