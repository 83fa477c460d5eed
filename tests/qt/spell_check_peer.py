"""A launcher stand-in for the spell-checking tests: one real exam session in its own process,
because the browser engine reads its dictionary directory once, when it starts (the test
process' engine started long before). The environment (HOME with installed dictionaries) comes
from the test.

usage: spell_check_peer.py SETTINGS_JSON WORD

Starts the exam of SETTINGS_JSON the way the launcher does (environment hardened, then set up
for the exam, then the engine), types nothing itself: the page's textarea holds WORD and has the
focus. Right-clicks WORD until the engine reports it misspelt (or 30 s pass) and prints one JSON
line: spell checking on, its languages, the misspelt word under the pointer ('' if none), and
whether the right-click reached the page at all.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    raw = json.loads(argv[1])
    word = argv[2]
    from launcher.browser import engine_env

    engine_env.harden()
    from launcher.cli.run import _chromium_flags

    _chromium_flags()  # as root: --no-sandbox, as the launcher adds it
    from launcher.config.settings import Settings

    settings = Settings.from_dict({"allowVirtualMachine": True, **raw})
    engine_env.allow_for_exam(settings)  # before the engine starts, as the open flow does

    from launcher.browser import prepare_app

    prepare_app()
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from launcher.config.keys import ExamKeys
    from launcher.exam.session import ExamSession

    app = QApplication([argv[0]])
    session = ExamSession(None, settings, ExamKeys("c" * 64, "b" * 64))
    loaded: list[bool] = []

    def pump(seconds: float, until=lambda: False) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            app.processEvents()
            time.sleep(0.02)

    session.start()
    pump(15, lambda: session.page is not None)
    session.page.loadFinished.connect(lambda ok: loaded.append(ok))
    pump(30, lambda: bool(loaded))
    box: list[object] = []
    session.page.runJavaScript(
        f"var t = document.getElementById('answer'); t.value = {json.dumps(word + ' ')}; t.focus();"
        " t.setSelectionRange(t.value.length, t.value.length); 1", 0, box.append)
    pump(10, lambda: bool(box))
    view = session.window.view
    profile = session.page.profile()
    misspelt = ""
    reached = False
    end = time.monotonic() + 30
    while time.monotonic() < end:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(30, 25))
        pump(0.5)
        request = view.lastContextMenuRequest()
        if request is not None:
            reached = reached or request.isContentEditable()
            misspelt = request.misspelledWord()
        if misspelt or (reached and not profile.isSpellCheckEnabled()):
            break
    print(json.dumps({
        "enabled": profile.isSpellCheckEnabled(),
        "languages": profile.spellCheckLanguages(),
        "misspelt": misspelt,
        "reached": reached,
        "dictionaries": os.environ.get("QTWEBENGINE_DICTIONARIES_PATH", ""),
    }), flush=True)
    sys.stdout.flush()
    os._exit(0)  # the launcher ends the same way (no interpreter teardown of the Qt bindings)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
