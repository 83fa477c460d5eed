"""A tiny launcher stand-in for the single-instance tests: runs the real SingleInstance class in
its own process, the way the app's start path does.

usage: single_instance_peer.py SERVER_NAME [ARGUMENT]

First instance: prints ``listening``, waits for one hand-over, prints ``received <message>``.
Later instance: hands ARGUMENT over and prints ``handed-over`` or ``hand-over-failed``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication

from launcher.platform.single_instance import SingleInstance


def main(argv: list[str]) -> int:
    name = argv[1]
    argument = argv[2] if len(argv) > 2 else ""
    app = QCoreApplication([argv[0]])
    instance = SingleInstance(name)
    if not instance.acquire():
        ok = instance.send(argument)
        print("handed-over" if ok else "hand-over-failed", flush=True)
        return 0 if ok else 1

    def on_received(message: str) -> None:
        print(f"received {message}", flush=True)
        app.quit()

    instance.received.connect(on_received)
    print("listening", flush=True)
    app.exec()
    instance.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
