"""Timestamps along the launcher's start path, taken inside the process without changing it.

``python bench/probe.py launcher open FILE`` wraps a few product functions (open flow,
``read_config``, the session's start steps, the start checks, ``QWebEnginePage.load`` of the kiosk page) and then runs
``seb-launcher`` as usual; ``python bench/probe.py bare URL`` does the same steps as
``bench/bare.py``. Each point is written to stderr as ``probe: NAME WALL_MS CPU_MS ENUMS``
(wall time since the interpreter started, this process's CPU time, Python enum classes
created so far), so ``bench.profile`` can set the
two side by side. Run as a script, like ``bare.py``, and like it without ``logging`` (the bare
side must import nothing the bare view does not). To wrap them it imports the product's modules
— and Qt with them — before ``main()``: the head start (``launcher.opening.head_start``) then
runs after Qt's import instead of beside it, so its marks show its length, not its overlap.
"""

from __future__ import annotations

import functools
import sys
import time
from typing import Any, Callable

T0 = time.perf_counter()
try:  # the interpreter's own start, before this script: the process start time
    with open("/proc/self/stat", "rb") as _fh:
        _stat = _fh.read()
    _start_ticks = int(_stat[_stat.rfind(b")") + 2 :].split()[19])
    import os

    with open("/proc/uptime", "rb") as _fh:
        _uptime = float(_fh.read().split()[0])
    _age = _uptime - _start_ticks / os.sysconf("SC_CLK_TCK")
    T0 -= _age  # perf_counter and uptime are both CLOCK_MONOTONIC-like; close enough
except Exception:
    pass


#: Python enum classes created so far: PySide6 makes them on first use, ~0.2 ms each.
ENUMS = [0]


def _count_enums() -> None:
    import enum

    original = enum.EnumType.__new__

    def counting(*args: Any, **kwargs: Any) -> Any:
        ENUMS[0] += 1
        return original(*args, **kwargs)

    enum.EnumType.__new__ = counting  # type: ignore[method-assign]


_count_enums()


def mark(name: str) -> None:
    wall = (time.perf_counter() - T0) * 1e3
    sys.stderr.write(f"probe: {name} {wall:.1f} {time.process_time() * 1e3:.1f} {ENUMS[0]}\n")
    sys.stderr.flush()


def wrap(owner: Any, attr: str, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, attr)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(f"{name}:enter")
        try:
            return original(*args, **kwargs)
        finally:
            mark(f"{name}:exit")

    setattr(owner, attr, wrapper)


def launcher(argv: list[str]) -> int:
    mark("script")
    import launcher.__main__ as entry

    mark("launcher-imported")
    import launcher.opening.flow as app
    import launcher.config.container as container
    import launcher.exam.session as session

    import launcher.browser.interceptor as interceptor
    import launcher.browser.page as page
    import launcher.cli.run as run
    import launcher.ui.kiosk_window as kiosk_window
    import launcher.ui.lockdown_gate as gate

    mark("product-modules-imported")
    ready = time.perf_counter()
    # Patching Qt classes costs PySide6 ~13 ms: the "probe-ready" mark excludes that time.
    wrap(app.ExamOpener, "open", "open-flow")
    wrap(container, "read_config", "read_config")
    wrap(session.ExamSession, "prepare", "session.prepare")
    wrap(session.ExamSession, "load_start_page", "session.load_start_page")
    wrap(session.ExamSession, "show", "session.show")
    wrap(session.ExamSession, "watch", "session.watch")
    wrap(gate, "machine_findings", "checks(thread)")
    wrap(gate, "decide", "checks-decided")
    wrap(gate, "finish", "checks-finished(early)")
    import launcher.opening.head_start as head_start

    wrap(head_start.HeadStart, "_run", "head-start(thread)")
    wrap(head_start.HeadStart, "take", "head-start.take")
    wrap(page.KioskPage, "load", "page.load")
    wrap(kiosk_window.KioskWindow, "__init__", "KioskWindow()")
    wrap(kiosk_window.KioskWindow, "attach", "KioskWindow.attach")
    wrap(run, "_after_first_load", "after_first_load")
    first_only(interceptor.ExamInterceptor, "interceptRequest", "first-interceptRequest")
    global T0
    patch = time.perf_counter() - ready
    T0 += patch
    sys.stderr.write(f"probe: patch-cost {patch * 1e3:.1f} 0\n")
    mark("probe-ready")
    return entry.main(argv)


def first_only(owner: Any, attr: str, name: str) -> None:
    """Mark only the first call (per-request hooks)."""
    original: Callable[..., Any] = getattr(owner, attr)
    seen: list[bool] = []

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not seen:
            seen.append(True)
            mark(name)
        return original(*args, **kwargs)

    setattr(owner, attr, wrapper)


def bare(url: str) -> int:
    mark("script")
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    mark("qt-imported")
    app = QApplication(sys.argv[:1])
    mark("qapplication")
    view = QWebEngineView()
    mark("view-created")
    mark("page.load:enter")
    view.load(QUrl(url))
    mark("page.load:exit")
    view.show()
    mark("shown")
    return app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare(sys.argv[2]))
    sys.exit(launcher(sys.argv[2:]))
