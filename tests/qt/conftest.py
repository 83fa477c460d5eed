"""Kiosk tests: one QApplication (pytest-qt's), the launcher's URL scheme registered before it,
the shared local servers, and helpers to start an exam session against them.

Until a core module lands, a tiny stand-in with the documented contract is installed for it
(``_shim_missing_core``); the real module wins as soon as it exists.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from support.servers import Request, Response, Server, http_server, https_server, make_server  # noqa: F401


def _shim_missing_core() -> None:
    try:
        importlib.import_module("launcher.config.navigation")
    except ImportError:
        nav = types.ModuleType("launcher.config.navigation")

        def is_quit_url(url: str, quit_url: str) -> bool:
            return bool(quit_url) and url.lower().rstrip("/") == quit_url.lower().rstrip("/")

        def is_seb_link(url: str) -> bool:
            return url.lower().startswith(("seb://", "sebs://"))

        def seb_link_to_http(url: str) -> str:
            low = url.lower()
            if low.startswith("sebs://"):
                return "https://" + url[7:]
            if low.startswith("seb://"):
                return "http://" + url[6:]
            return url

        def may_reconfigure(settings: Any, url: str) -> bool:
            raw = settings.raw
            if not raw.get("examSessionReconfigureAllow", False):
                return False
            pattern = raw.get("examSessionReconfigureConfigURL", "")
            if not pattern:
                return not raw.get("hashedQuitPassword")
            rx = re.escape(pattern).replace(r"\*", ".*")
            return any(re.fullmatch(rx, u, re.I) for u in (url, seb_link_to_http(url)))

        nav.is_quit_url, nav.is_seb_link = is_quit_url, is_seb_link
        nav.seb_link_to_http, nav.may_reconfigure = seb_link_to_http, may_reconfigure
        sys.modules["launcher.config.navigation"] = nav
    try:
        importlib.import_module("launcher.config.urlfilter")
    except ImportError:
        uf = types.ModuleType("launcher.config.urlfilter")

        class UrlFilter:  # stand-in: regex rules only (tests use those), block before allow
            def __init__(self, rules: list[tuple[Any, bool]]) -> None:
                self.rules = rules

            @classmethod
            def from_settings(cls, settings: Any) -> "UrlFilter":
                rules = [
                    (re.compile(r["expression"], re.I), r.get("action", 1) == 1)
                    for r in settings.raw.get("URLFilterRules", [])
                    if r.get("active", True) and r.get("regex", False)
                ]
                return cls(rules)

            def allows(self, url: str) -> bool:
                if any(rx.search(url) for rx, allow in self.rules if not allow):
                    return False
                return any(rx.search(url) for rx, allow in self.rules if allow)

        uf.UrlFilter = UrlFilter
        sys.modules["launcher.config.urlfilter"] = uf


_shim_missing_core()

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

CONFIG_KEY = "c" * 64
BROWSER_EXAM_KEY = "b" * 64
KEYS = ExamKeys(CONFIG_KEY, BROWSER_EXAM_KEY)


def sha(url: str, key: str) -> str:
    """What a server like Moodle expects: sha256(full URL without fragment + key)."""
    return hashlib.sha256((url.split("#", 1)[0] + key).encode()).hexdigest()


def headers_ok(req: Request) -> bool:
    return req.headers.get("X-SafeExamBrowser-ConfigKeyHash") == sha(req.url, CONFIG_KEY) and req.headers.get(
        "X-SafeExamBrowser-RequestHash"
    ) == sha(req.url, BROWSER_EXAM_KEY)


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
        x, y = json.loads(self.js(
            f"(function(){{var r=document.getElementById('{element_id}').getBoundingClientRect();"
            "return JSON.stringify([r.left + r.width/2, r.top + r.height/2]);})()",
            page,
        ))
        view = page.view() if hasattr(page, "view") and page.view() is not None else self.window.view
        QTest.mouseClick(
            view.focusProxy(), button or Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            QPoint(int(x), int(y)),
        )

    def text(self, page: Any = None) -> str:
        return self.js("document.body ? document.body.innerText : ''", page)


@pytest.fixture
def start_exam(qtbot: Any, tmp_path: Any) -> Iterator[Callable[..., Running]]:
    """``start_exam({"startURL": ..., ...}, keys=KEYS)`` -> Running; quits at teardown."""
    from launcher.session import ExamSession

    started: list[Any] = []

    def start(
        raw: dict[str, Any], *, keys: ExamKeys = KEYS, wait_load: bool = True, download_dir: str = ""
    ) -> Running:
        settings = Settings.from_dict(raw)
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
        if not s._ending:
            with qtbot.waitSignal(s.finished, timeout=10_000):
                s.quit("test over")


def session_start_and_wait(session: Any, qtbot: Any) -> None:
    session.start()
    qtbot.waitUntil(lambda: session.page is not None, timeout=5_000)
    with qtbot.waitSignal(session.page.loadFinished, timeout=15_000):
        pass
