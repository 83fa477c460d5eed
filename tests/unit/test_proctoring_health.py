"""SEB for Windows' rules for the screen-proctoring service's load (``sps_server_health``):
send at once at 0, wait (health + 1) x the time since the previous capture at 1 - 9, hold at
10 or after a failed upload, and resume only at a random moment within three minutes."""

from __future__ import annotations

import logging

from launcher.server.proctoring_health import BAD, ServiceHealth


def test_each_level_and_the_log_line_of_each_change(caplog) -> None:
    caplog.set_level(logging.INFO, "launcher.server.proctoring_health")
    health = ServiceHealth(uniform=lambda a, b: b)
    assert health.delay_s(2.0) == 0.0 and not health.holding(0.0)
    for level in range(1, 10):
        assert health.report(level, 0.0)
        assert health.delay_s(2.0) == (level + 1) * 2.0
        assert not health.holding(0.0)
    assert health.report(9, 0.0) == ""  # unchanged: no line
    assert caplog.messages[0] == ("Screen proctoring service health deteriorated from 0 to 1; "
                                  "each screenshot waits 2 x the time since the previous capture")
    assert health.report(3, 0.0).startswith("Screen proctoring service health improved from 9 to 3")


def test_bad_health_and_failures_hold_until_a_random_moment_after_recovery() -> None:
    health = ServiceHealth(recovery_max_s=180, uniform=lambda a, b: 60.0)
    line = health.report(None, 100.0)  # a failed upload counts as 10
    assert health.level == BAD and "held" in line
    assert health.holding(100.0) and health.holding(500.0)  # held as long as it is bad
    line = health.report(0, 130.0)  # better before the random moment (160): wait for it
    assert "resumes in 30 s" in line
    assert health.holding(159.0) and not health.holding(160.0)
    assert health.delay_s(5.0) == 0.0
    health.report(42, 200.0)  # out of range: kept within 0 - 10
    assert health.level == BAD
    health.report(-3, 300.0)  # better after the random moment passed: a new one from now
    assert health.holding(359.0) and not health.holding(360.0)
