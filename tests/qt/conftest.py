"""Kiosk tests: one QApplication (pytest-qt's), the launcher's URL scheme registered before it,
the shared local servers, and helpers to start an exam session against them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from support.servers import http_server, https_server, make_server  # noqa: F401


# A fake camera and microphone, so a granted capture really opens a stream (no prompt UI: the
# launcher's own permission policy decides).
_flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
if "--use-fake-device-for-media-stream" not in _flags:
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (_flags + " --use-fake-device-for-media-stream").strip()

# Before pytest-qt creates the QApplication: the JS API's scheme, shared GL contexts.
from launcher.browser import prepare_app  # noqa: E402

prepare_app()

from launcher.config.keys import ExamKeys  # noqa: E402
from launcher.config.settings import Settings  # noqa: E402

from kiosk_support import KEYS  # noqa: E402


class Running:
    """A started ExamSession and helpers to look at it like a user."""

    def __init__(self, session: Any, qtbot: Any) -> None:
        self.session = session
        self.qtbot = qtbot

    @property
    def page(self) -> Any:
        return self.session.window.view.page()

    @property
    def window(self) -> Any:
        return self.session.window

    def js(self, code: str, page: Any = None, timeout: int = 10_000) -> Any:
        box: list[Any] = []
        (page or self.page).runJavaScript(code, 0, lambda r: box.append(r))
        self.qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        return box[0]

    def frame_js(self, code: str, index: int = 0, timeout: int = 5_000) -> Any:
        """Run ``code`` inside the main frame's child frame ``index`` (cross-origin too)."""
        children = self.page.mainFrame().children()
        if len(children) <= index:
            return None
        box: list[Any] = []
        children[index].runJavaScript(code, 0, lambda r: box.append(r))
        self.qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        return box[0]

    def wait_frame_js(self, code: str, index: int = 0, timeout: int = 10_000) -> None:
        from pytestqt.exceptions import TimeoutError as QtTimeout

        def check() -> bool:
            try:
                return bool(self.frame_js(code, index, timeout=1_000))
            except QtTimeout:
                return False

        self.qtbot.waitUntil(check, timeout=timeout)

    def wait_js(self, code: str, page: Any = None, timeout: int = 10_000) -> None:
        """Wait until ``code`` evaluates truthy in the page (a probe lost to a navigation
        counts as "not yet")."""
        from pytestqt.exceptions import TimeoutError as QtTimeout

        def check() -> bool:
            try:
                return bool(self.js(code, page, timeout=1_000))
            except QtTimeout:
                return False

        self.qtbot.waitUntil(check, timeout=timeout)

    def wait_url(self, predicate: Callable[[str], bool], page: Any = None, timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: predicate((page or self.page).url().toString()), timeout=timeout)

    def click(self, element_id: str, button: Any = None, page: Any = None) -> None:
        """A real mouse click (a user gesture) in the middle of the element."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        page = page or self.page
        self.ready_for_input(page)
        x, y = json.loads(self.js(
            f"(function(){{var r=document.getElementById('{element_id}').getBoundingClientRect();"
            "return JSON.stringify([r.left + r.width/2, r.top + r.height/2]);})()",
            page,
        ))
        view = self._view_of(page)
        QTest.mouseClick(
            view.focusProxy(), button or Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            QPoint(int(x), int(y)),
        )

    def _view_of(self, page: Any) -> Any:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        return QWebEngineView.forPage(page) or self.window.view

    def ready_for_input(self, page: Any = None) -> None:
        """Move the mouse over the page until the page notices: the first input events after a
        load can be dropped while Chromium sets up input routing for the new document."""
        from PySide6.QtCore import QPoint
        from PySide6.QtTest import QTest

        page = page or self.page
        self.js("window.__kioskInput = false;"
                "document.addEventListener('mousemove', function () { window.__kioskInput = true; });"
                "1", page)
        view = self._view_of(page)
        moves = [0]

        def seen() -> bool:
            moves[0] += 1
            QTest.mouseMove(view.focusProxy(), QPoint(3 + moves[0] % 7, 3 + moves[0] % 5))
            return bool(self.js("window.__kioskInput === true", page))

        self.qtbot.waitUntil(seen, timeout=10_000)

    def text(self, page: Any = None) -> str:
        return self.js("document.body ? document.body.innerText : ''", page)


@pytest.fixture
def start_exam(qtbot: Any, tmp_path: Any) -> Iterator[Callable[..., Running]]:
    """``start_exam({"startURL": ..., ...}, keys=KEYS)`` -> Running; quits at teardown."""
    from launcher.exam.session import ExamSession

    started: list[Any] = []

    def start(
        raw: dict[str, Any], *, keys: ExamKeys = KEYS, wait_load: bool = True, download_dir: str = ""
    ) -> Running:
        settings = Settings.from_dict({"allowVirtualMachine": True, **raw})  # CI runs in VMs
        session = ExamSession(None, settings, keys)
        session.download_dir = download_dir or str(tmp_path / "downloads")
        started.append(session)
        if wait_load:
            session_start_and_wait(session, qtbot)
        else:
            session.start()
        return Running(session, qtbot)

    yield start
    for s in started:
        if not s.ending:
            with qtbot.waitSignal(s.finished, timeout=10_000):
                s.quit("test over")
    flush_deletions()


def flush_deletions() -> None:
    """Run the deleteLater()s of ended sessions now: a nested wait loop does not, and widgets or
    pages left until interpreter exit would be destroyed after the QApplication."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):  # a deletion may schedule another (page -> profile)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def session_start_and_wait(session: Any, qtbot: Any) -> None:
    session.start()
    qtbot.waitUntil(lambda: session.page is not None, timeout=5_000)
    with qtbot.waitSignal(session.page.loadFinished, timeout=15_000):
        pass


# -- process exit ---------------------------------------------------------------------------
# PySide 6.12's ``signal.disconnect(slot)`` drops a reference to ``True`` on every call
# (``QObject.disconnect(connection)`` does not; the launcher uses only the latter), and
# pytest-qt's ``waitSignal`` disconnects that way: after a few hundred waits CPython 3.11's
# interpreter teardown aborts with "bool_dealloc: deallocating True or False" (bools are immortal
# from Python 3.12 on). All results are reported by then, so the test process ends right after
# pytest's own work instead of running that teardown; the exit status is pytest's.
_exit_status: list[int] = []


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: Any) -> None:
    if not _exit_status or os.environ.get("SEB_TESTS_FULL_TEARDOWN"):
        return
    import sys

    flush_deletions()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status[-1])


@pytest.fixture
def language(qapp, monkeypatch):
    """Install the translators for a language as the app does; remove them afterwards."""
    from PySide6.QtCore import QLocale, QTranslator

    from launcher.app import i18n

    default = QLocale()

    def install(code: str) -> str:
        monkeypatch.setenv(i18n.LANG_ENV, code)
        return i18n.install_translator(qapp)

    yield install
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.setParent(None)
    QLocale.setDefault(default)
