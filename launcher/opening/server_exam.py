"""An exam through SEB Server, for the open flow: the connection attempt, and what each of its
outcomes means for the opening.

One job (a part of :class:`launcher.opening.flow.ExamOpener`): make the
:class:`~launcher.exam_server.connect.ServerConnect` for a ``sebMode`` 1 configuration and decide
on what it raises — a failure ends the opening with it, a cancel cancels, the fallback starts the
configuration's own exam without the server, the exam configuration the server sent is opened
(``open_server_exam`` with the attempt's ``adjust``), and once that exam runs the connection goes
to its :class:`~launcher.exam_server.monitor.ServerMonitor` (the opener's ``server``), which
follows a reconfigured exam too.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtCore import QMetaObject

    from launcher.config.container import LoadedConfig
    from launcher.config.keys import ExamKeys
    from launcher.config.settings import Settings
    from launcher.exam.session import ExamSession
    from launcher.exam_server.connect import ServerConnect
    from launcher.exam_server.monitor import ServerMonitor
    from launcher.opening.flow import ExamOpener

log = logging.getLogger(__name__)


def connect(opener: ExamOpener, loaded: LoadedConfig, settings: Settings, keys: ExamKeys) -> None:
    """Connect to the exam server the configuration names, instead of starting it as an exam."""
    from launcher.exam_server.connect import ServerConnect

    attempt = ServerConnect(loaded, settings, keys, interactive=opener.interactive, parent=opener)
    _Outcomes(opener, attempt)
    if attempt.start(opener.server):
        opener.server = attempt


class _Outcomes(QObject):
    """What the opener makes of one attempt's signals (lives as long as the attempt)."""

    def __init__(self, opener: ExamOpener, attempt: ServerConnect) -> None:
        super().__init__(attempt)
        self.opener = opener
        self.attempt = attempt
        self._started: QMetaObject.Connection | None = None
        attempt.failed.connect(opener.fail)
        attempt.cancelled.connect(opener.cancel)
        attempt.fallbackChosen.connect(self._fallback)
        attempt.examReady.connect(self._exam_ready)
        attempt.monitoring.connect(self._monitoring)

    def _fallback(self) -> None:
        self.opener.server = None
        self.opener.start_exam(self.attempt.loaded, self.attempt.settings, self.attempt.keys)

    def _exam_ready(self, data: bytes, origin: str) -> None:
        self._started = self.opener.sessionStarted.connect(self._session_started)
        self.opener.open_server_exam(data, origin, self.attempt.adjust)

    def _session_started(self, session: ExamSession) -> None:
        if self._started is not None:
            QObject.disconnect(self._started)
            self._started = None
        self.attempt.hand_over(session)

    def _monitoring(self, monitor: ServerMonitor) -> None:
        self.opener.server = monitor
        self.opener.sessionStarted.connect(monitor.attach)  # a reconfigured exam keeps the connection
