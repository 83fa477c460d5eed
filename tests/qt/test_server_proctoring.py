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
        ordered = sorted(shots, key=lambda s: s.timestamp)
        for before, shot in zip(ordered, ordered[1:]):
            if shot.timestamp / 1000 <= known + 0.1:
                continue
            # (level + 1) x the time since the previous capture (the interval, or more on a
            # busy machine), plus the upload itself
            expected = (level + 1) * (shot.timestamp - before.timestamp) / 1000
            assert expected * 0.8 - 0.05 <= _lag(shot) <= expected + 1.5, (level, expected, _lag(shot))
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


def _ends_cleanly(qtbot, opener, seb_server, end) -> float:
    """End the exam with ``end()``: the SEB Server double must see DELETE soon, the launcher
    must finish with exit code 0 within the bounded wait. Returns how long the end took."""
    from launcher.opening.flow import EXIT_OK
    from support.seb_server import CLOSED

    started = time.monotonic()
    with qtbot.waitSignal(opener.finished, timeout=20_000) as done:
        end()
        # the connection closes at once, not after the proctoring service
        qtbot.waitUntil(lambda: seb_server.connection().status == CLOSED, timeout=5_000)
    took = time.monotonic() - started
    assert done.args == [EXIT_OK]
    deletes = [r for r in seb_server.requests_to("/exam-api/v1/handshake") if r.method == "DELETE"]
    assert len(deletes) == 1
    return took


def test_a_slow_proctoring_service_never_keeps_the_connection_open(
        qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    opener = _proctored_exam(qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path)
    screen_proctoring.delete_delay_s = 15  # the session DELETE is answered 15 s late
    took = _ends_cleanly(qtbot, opener, seb_server, lambda: seb_server.queue("SEB_QUIT"))
    assert took < 12  # bounded: not the service's 15 s
    assert len(screen_proctoring.deletes) == 1  # the session was asked to close too
    messages = "\n".join(caplog.messages)
    assert "Closing the connection to the exam server and the screen proctoring session" in messages
    assert "Connection to the exam server closed" in messages
    # within the configuration's sebServerFallbackTimeout (5 s here), at most 8 s
    assert "did not confirm the end of the session within 5 s; SEB Server closes it with the connection" in messages
    # the last log lines reached the server before DELETE: why the exam ended
    assert any("SEB_QUIT" in e.get("text", "") for e in seb_server.events)


def test_a_dead_proctoring_service_never_keeps_the_connection_open(
        qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    opener = _proctored_exam(qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path)
    screen_proctoring.go_down()
    qtbot.wait(600)  # uploads fail meanwhile: held
    took = _ends_cleanly(qtbot, opener, seb_server, lambda: opener.session.quit("user"))
    assert took < 12
    messages = "\n".join(caplog.messages)
    assert "Screen proctoring service health deteriorated from 0 to 10" in messages
    assert "The screen proctoring session could not be closed: The screen proctoring service cannot be reached" in messages
    assert "Connection to the exam server closed" in messages


def test_a_proctoring_service_that_forgot_the_session_never_keeps_the_connection_open(
        qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    opener = _proctored_exam(qtbot, seb_server, screen_proctoring, http_server, make_opener, tmp_path)
    screen_proctoring.delete_status = 404
    _ends_cleanly(qtbot, opener, seb_server, lambda: seb_server.queue("SEB_QUIT"))
    assert len(screen_proctoring.deletes) == 1
    assert "The screen proctoring session could not be closed: The screen proctoring session could not be closed." \
        in "\n".join(caplog.messages)
