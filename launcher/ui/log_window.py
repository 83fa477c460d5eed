"""The application-log button of the taskbar and its read-only log window
(``showApplicationLogButton`` together with ``allowApplicationLog``, as SEB for Windows shows
its log only when both are set).

One job: keep this exam session's log lines (from the moment the button is installed, through
the launcher's redacting filter: no passwords or keys) and show them, updated live, in a
read-only window the student opens and closes with the keyboard (Escape closes it).
"""

from __future__ import annotations

import logging
from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

# Lines kept for the window (older ones drop off).
MAX_LINES = 5000



class _Relay(QObject):
    line = Signal(str)


class SessionLogHandler(logging.Handler):
    """Collects the launcher's log lines of this session; emits each new one on ``relay.line``
    (queued to the GUI thread by Qt when logged from another thread)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        from launcher.platform.logs import RedactingFilter

        self.addFilter(RedactingFilter())
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
        self.lines: deque[str] = deque(maxlen=MAX_LINES)
        self.relay = _Relay()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # noqa: BLE001 - a log line must never break the exam
            return
        self.lines.append(text)
        self.relay.line.emit(text)


class LogWindow(QDialog):
    """Read-only view of the session's log; Escape or Close closes it."""

    def __init__(self, handler: SessionLogHandler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicationLog")
        self.setWindowTitle(QCoreApplication.translate("ApplicationLog", "Application log"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.resize(800, 480)
        box = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("logText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(QCoreApplication.translate("ApplicationLog", "Application log"))
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setPlainText("\n".join(handler.lines))
        box.addWidget(self.text)
        close = QPushButton(QCoreApplication.translate("ApplicationLog", "Close"), self)
        close.clicked.connect(self.close)
        box.addWidget(close)
        handler.relay.line.connect(self.text.appendPlainText)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)


class ApplicationLogButton(QObject):
    """Adds the log button to ``session.window``'s taskbar; collects the log until the session
    ends."""

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.handler = SessionLogHandler()
        self._logger = logging.getLogger("launcher")
        self._logger.addHandler(self.handler)
        session.finished.connect(self._stop)
        self.window: LogWindow | None = None
        self._parent = session.window
        self.button = QPushButton(QCoreApplication.translate("ApplicationLog", "Log"), session.window.taskbar)
        self.button.setObjectName("applicationLog")
        self.button.setToolTip(QCoreApplication.translate("ApplicationLog", "Show the application log"))
        self.button.clicked.connect(self.show_log)
        session.window.taskbar.add_item(self.button)

    def show_log(self) -> None:
        if self.window is None:
            self.window = LogWindow(self.handler, self._parent)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.window.text.setFocus()

    def _stop(self) -> None:
        self._logger.removeHandler(self.handler)
