"""Screen proctoring against the service double in the real launcher (offscreen, real
QtWebEngine): the service's load (``sps_server_health``) honoured as SEB for Windows does, level
by level, and the end of the exam with a slow, dead or forgetful service — the SEB Server
connection is always closed."""

from __future__ import annotations

import logging
import time

from open_helpers import make_opener  # noqa: F401
from support.seb_server import screen_proctoring, seb_server  # noqa: F401
from support.servers import http_server, make_server  # noqa: F401
from test_server_exam import add_exams, conn_file, exam_bytes, run_exam

from launcher.browser import jsapi

jsapi.register_scheme()

INTERVAL_S = 0.2
PROCTORED = {"enableScreenProctoring": True, "screenProctoringScreenshotMinInterval": 100,
             "screenProctoringScreenshotMaxInterval": int(INTERVAL_S * 1000)}


def _proctored_exam(qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path):
    add_exams(seb_server, http_server, exam_bytes(**PROCTORED))
    opener = run_exam(qtbot, make_opener, conn_file(tmp_path, seb_server))
    seb_server.queue("SEB_PROCTORING", screen_proctoring.join_attributes(session="s-1"))
    screen_proctoring.sessions["s-1"] = True  # SEB Server opened it for this client
    qtbot.waitUntil(lambda: len(screen_proctoring.screenshots) >= 2, timeout=30_000)
    return opener


def _lag(shot) -> float:
    """Seconds from capture to arrival."""
    return shot.received - shot.timestamp / 1000


def test_each_health_level_is_honoured_and_logged(qtbot, seb_server, screen_proctoring, http_server,
                                                  make_opener, tmp_path, caplog, monkeypatch):
    from launcher.exam_server import proctoring
    from launcher.server import proctoring_health

    monkeypatch.setattr(proctoring, "HEALTH_POLL_MS", 300)
    monkeypatch.setattr(proctoring_health, "RECOVERY_MAX_S", 1.0)
    caplog.set_level(logging.INFO, "launcher.server.proctoring_health")
    _proctored_exam(qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path)
    shots = screen_proctoring.screenshots
    assert all(_lag(s) < 1.0 for s in shots)  # health 0: at once
    previous = 0
    for level in (1, 4, 9):
        screen_proctoring.health = level
        line = f"Screen proctoring service health deteriorated from {previous} to {level}"
        qtbot.waitUntil(lambda: any(m.startswith(line) for m in caplog.messages), timeout=20_000)
        known = time.time()
        # screenshots captured once the launcher knew: each waits (level + 1) x the interval
        qtbot.waitUntil(lambda: len([s for s in shots if s.timestamp / 1000 > known + 0.1]) >= 2,
                        timeout=30_000)
        later = [s for s in shots if s.timestamp / 1000 > known + 0.1]
        expected = (level + 1) * INTERVAL_S
        for shot in later:
            assert expected * 0.7 <= _lag(shot) <= expected + 1.5, (level, _lag(shot))
        previous = level
    # 10: nothing is sent; the launcher asks GET health instead
    screen_proctoring.health = 10
    qtbot.waitUntil(lambda: any(m.startswith("Screen proctoring service health deteriorated from 9 to 10")
                                for m in caplog.messages), timeout=20_000)
    qtbot.wait(300)  # an upload already on its way may still land
    count, polls = len(shots), len(screen_proctoring.health_requests)
    qtbot.wait(2_000)
    assert len(shots) == count  # held
    assert len(screen_proctoring.health_requests) >= polls + 3
    # better again: after the random moment (here within 1 s) the held screenshots go out
    screen_proctoring.health = 0
    qtbot.waitUntil(lambda: any(m.startswith("Screen proctoring service health improved from 10 to 0")
                                for m in caplog.messages), timeout=20_000)
    qtbot.waitUntil(lambda: len(shots) >= count + 5, timeout=20_000)
    held = [s for s in shots[count:] if _lag(s) > 2.0]
    assert held, "the screenshots taken while the service was overloaded were not sent later"
    assert screen_proctoring.refused == []
