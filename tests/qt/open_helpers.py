"""Helpers for the open-flow tests: find the dialog a user would see, make small configs."""

from __future__ import annotations

from typing import TypeVar

import pytest

from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)

PLAIN_PLIST = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>allowVirtualMachine</key><true/>
<key>startURL</key><string>{start}</string>
<key>quitURL</key><string>{quit}</string>
<key>quitURLConfirm</key><false/>
<key>sendBrowserExamKey</key><true/>
<key>examKeySalt</key><data>c2FsdCBmb3IgdGhlIG9wZW4gdGVzdHM=</data>
</dict></plist>
"""


def plain_config(start: str, quit: str = "") -> bytes:
    """A small plain XML plist exam config (no prefix, as SEB also writes them)."""
    return PLAIN_PLIST.replace(b"{start}", start.encode()).replace(b"{quit}", quit.encode())


def visible(cls: type[W]) -> list[W]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]


def wait_visible(qtbot, cls: type[W], timeout: int = 10_000) -> W:
    """Wait until a dialog of ``cls`` is on screen and return it."""
    qtbot.waitUntil(lambda: len(visible(cls)) == 1, timeout=timeout)
    return visible(cls)[0]


def web_views() -> list[QWidget]:
    """Every visible widget that shows a web page (an exam window)."""
    from PySide6.QtWebEngineWidgets import QWebEngineView

    out: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        if isinstance(top, QWebEngineView):
            out.append(top)
        out.extend(v for v in top.findChildren(QWebEngineView) if v.isVisible())
    return out


@pytest.fixture
def make_opener(qtbot, tmp_path, monkeypatch):
    """``make_opener(**kw)`` -> ExamOpener; an exam still running at teardown (a failed test)
    is ended cleanly, so a broken test cannot leave a web page behind for the next one.
    This computer's client settings (per-user and machine-wide) live in tmp_path meanwhile."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.setenv("SEB_LAUNCHER_MACHINE_DIR", str(tmp_path / "machine"))
    from launcher.opening.flow import ExamOpener

    made: list[ExamOpener] = []

    def make(**kw) -> ExamOpener:
        opener = ExamOpener(**kw)
        made.append(opener)
        return opener

    yield make
    for opener in made:
        for dialog in [opener.dialog]:
            if dialog is not None and dialog.isVisible():
                dialog.done(0)
        if opener.session is not None:
            with qtbot.waitSignal(opener.finished, timeout=10_000):
                opener.session.quit("test over")
