"""How hard the launcher may use the screen-proctoring service, from the load it reports.

One job: SEB for Windows' rules for ``sps_server_health`` (spec §9; ``seb-win-refactoring``
``SafeExamBrowser.Proctoring/ScreenProctoring/TransmissionSpooler.cs``), without threads or Qt:

- the value is read from every screenshot answer and from ``GET health``, kept within 0–10;
  a failed upload counts as 10;
- 0: each screenshot goes out at once;
- 1–9: each screenshot waits (health + 1) × the time since the previous capture;
- 10: nothing is sent (screenshots are held), ``GET health`` is asked every 15 s, and once the
  service is better the launcher still holds until a random moment within three minutes of
  when it went bad (or of when it recovered, if that moment has passed) — so that a whole exam
  room does not come back at the same second;
- every change is one log line.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

log = logging.getLogger(__name__)

GOOD = 0
BAD = 10
RECOVERY_MAX_S = 180.0


class ServiceHealth:
    """The service's last reported health and what it allows now (``now``: monotonic seconds)."""

    def __init__(self, *, recovery_max_s: float | None = None,
                 uniform: Callable[[float, float], float] = random.uniform) -> None:
        self.level = GOOD
        self.recovering = False
        self.resume_at = 0.0
        self._recovery_max_s = RECOVERY_MAX_S if recovery_max_s is None else recovery_max_s
        self._uniform = uniform

    def report(self, value: int | None, now: float) -> str:
        """A health value from an answer (None: the upload or request failed). Returns the log
        line when the level changed (already logged), else ""."""
        current = BAD if value is None else min(BAD, max(GOOD, int(value)))
        previous = self.level
        if current == previous:
            return ""
        self.level = current
        line = (f"Screen proctoring service health {'deteriorated' if current > previous else 'improved'} "
                f"from {previous} to {current}")
        if current == BAD:
            self.recovering = False
            self.resume_at = now + self._uniform(0.0, self._recovery_max_s)
            line += "; screenshots are held and not sent until it recovers"
        elif previous == BAD:
            self.recovering = True
            if self.resume_at <= now:
                self.resume_at = now + self._uniform(0.0, self._recovery_max_s)
            line += f"; sending resumes in {self.resume_at - now:.0f} s"
        if current not in (GOOD, BAD):
            line += f"; each screenshot waits {current + 1} x the time since the previous capture"
        log.info("%s", line)
        return line

    def holding(self, now: float) -> bool:
        """True while nothing may be sent (health 10, or still recovering from it)."""
        if self.level == BAD:
            return True
        if self.recovering:
            if now < self.resume_at:
                return True
            self.recovering = False
            log.info("Screen proctoring recovered: sending the held screenshots")
        return False

    def delay_s(self, since_previous_capture_s: float) -> float:
        """How long a screenshot waits before it is sent (0 at health 0)."""
        if self.level in (GOOD, BAD):
            return 0.0
        return (self.level + 1) * max(0.0, since_previous_capture_s)
