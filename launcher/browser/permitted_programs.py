"""Permitted programs (``permittedProcesses``) during an exam: started with ``autostart`` or from
a taskbar button (``iconInTaskbar``), with their arguments as a list (no shell), and ended when
the exam ends (SIGTERM, then SIGKILL after 2 s). Which entries can run here is
``launcher.lockdown.permitted.resolve``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QObject, QProcess
from PySide6.QtWidgets import QPushButton

from launcher.lockdown.permitted import PermittedProgram, resolve

log = logging.getLogger(__name__)

END_GRACE_MS = 2000


class PermittedPrograms(QObject):
    """``PermittedPrograms(session, settings).start()``; ``.buttons`` (title -> QPushButton),
    ``.processes`` (what was started). Ends its programs on ``session.finished``."""

    def __init__(self, session: Any, settings: Any, *, search_path: str | None = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.programs = resolve(getattr(settings, "permitted_processes", ()) or (), search_path=search_path)
        self.buttons: dict[str, QPushButton] = {}
        self.processes: list[QProcess] = []
        self._running: dict[str, QProcess] = {}

    def start(self) -> PermittedPrograms:
        taskbar = getattr(getattr(self.session, "window", None), "taskbar", None)
        for program in self.programs:
            if program.icon_in_taskbar and taskbar is not None:
                self._add_button(taskbar, program)
            if program.autostart:
                self.launch(program)
        finished = getattr(self.session, "finished", None)
        if finished is not None:
            finished.connect(self.stop)
        return self

    def _add_button(self, taskbar: Any, program: PermittedProgram) -> None:
        button = QPushButton(program.title, taskbar)
        button.setObjectName("permitted")
        button.setToolTip(program.program)
        button.clicked.connect(lambda _checked=False, p=program: self.launch(p))
        row = taskbar.layout()
        row.insertWidget(max(row.indexOf(taskbar.clock), 0), button)
        self.buttons[program.title] = button

    def launch(self, program: PermittedProgram) -> None:
        running = self._running.get(program.title)
        if running is not None and running.state() != QProcess.ProcessState.NotRunning:
            log.info("Permitted program '%s' is already running", program.title)
            return
        proc = QProcess(self)
        proc.setProgram(program.program)
        proc.setArguments(list(program.arguments))
        proc.errorOccurred.connect(
            lambda error, t=program.title: log.warning("Permitted program '%s' failed: %s", t, error.name)
        )
        proc.start()
        self.processes.append(proc)
        self._running[program.title] = proc
        log.info("Started permitted program '%s' (%s)", program.title, program.program)

    def stop(self, *_args: Any) -> None:
        """End every program we started: SIGTERM, SIGKILL to those left after 2 s."""
        alive = [p for p in self.processes if p.state() != QProcess.ProcessState.NotRunning]
        for proc in alive:
            proc.terminate()
        deadline = QDeadlineTimer(END_GRACE_MS)
        for proc in alive:
            if not proc.waitForFinished(max(int(deadline.remainingTime()), 0)):
                log.warning("Permitted program %s did not end: killed", proc.program())
                proc.kill()
                proc.waitForFinished(1000)
        self._running.clear()
