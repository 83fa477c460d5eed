"""Permitted programs (``permittedProcesses``) during an exam: started with ``autostart`` or from
a taskbar button (``iconInTaskbar``), with their arguments as a list (no shell), and ended when
the exam ends (SIGTERM, then SIGKILL after 2 s). On Linux they start through util-linux'
``setpriv --pdeathsig KILL`` when it offers that, so the kernel ends them even when the launcher
itself is killed (a signal it cannot catch, a crash). Which entries can run here is
``launcher.lockdown.permitted.resolve``.

On X11 (lockdown.md §9) a program started here is brought in front of the exam: its top-level
windows are found by ``_NET_WM_PID`` (the process and its children), the exam window drops its
always-on-top state, the window manager is asked to activate the program's window, and the
exam's keyboard grab is let go. As soon as one of our windows is active again, the program's
windows are gone, or any other window becomes active (Alt+Tab to another application), the exam
takes its always-on-top state and the grab back (and the front, in the last two cases).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import functools
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDeadlineTimer, QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from launcher.lockdown.permitted import PermittedProgram, resolve

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

END_GRACE_MS = 2000
FRONT_POLL_MS = 200
CONFIRM_TICKS = 50  # 10 s for the window manager to activate the program's window
ASK_AGAIN_TICKS = 5  # ask the window manager again every second meanwhile
FIND_WINDOW_MS = 20_000  # how long a just-started program may take to show its window


class ProgramButton(QPushButton):
    """A permitted program's taskbar button: ``launchRequested(program)`` when pressed."""

    launchRequested = Signal(object)  # PermittedProgram

    def __init__(self, program: PermittedProgram, parent: QWidget) -> None:
        super().__init__(program.title, parent)
        self.program = program
        self.setObjectName("permitted")
        self.setToolTip(program.program)
        self.clicked.connect(self._pressed)

    def _pressed(self) -> None:
        self.launchRequested.emit(self.program)


def _log_failure(title: str, error: QProcess.ProcessError) -> None:
    log.warning("Permitted program '%s' failed: %s", title, error.name)


class PermittedPrograms(QObject):
    """``PermittedPrograms(session, settings).start()``; ``.buttons`` (title -> QPushButton),
    ``.processes`` (what was started). ``stop()`` (the session's, when the exam ends) ends its programs."""

    def __init__(self, session: Any, settings: Settings, *, search_path: str | None = None) -> None:
        super().__init__(session if isinstance(session, QObject) else None)
        self.session = session
        self.programs = resolve(settings.permitted_processes, search_path=search_path)
        self.buttons: dict[str, QPushButton] = {}
        self.processes: list[QProcess] = []
        self._running: dict[str, QProcess] = {}
        self.front: InFront | None = None
        guard = getattr(session, "input_guard", None)
        if getattr(guard, "kind", None) == "x11":
            self.front = InFront(session, self)

    def start(self) -> PermittedPrograms:
        taskbar = getattr(getattr(self.session, "window", None), "taskbar", None)
        for program in self.programs:
            if program.icon_in_taskbar and taskbar is not None:
                self._add_button(taskbar, program)
            if program.autostart:
                self.launch(program)
        return self

    def _add_button(self, taskbar: Any, program: PermittedProgram) -> None:
        button = ProgramButton(program, taskbar)
        button.launchRequested.connect(self.launch)
        taskbar.add_program_button(button)
        self.buttons[program.title] = button

    def launch(self, program: PermittedProgram) -> None:
        running = self._running.get(program.title)
        if running is not None and running.state() != QProcess.ProcessState.NotRunning:
            log.info("Permitted program '%s' is already running", program.title)
            if self.front is not None:
                self.front.bring(running)
            return
        proc = QProcess(self)
        proc.setObjectName(program.program)  # what runs (the helper execs into it: same pid)
        helper = death_signal_helper()
        if helper:
            proc.setProgram(helper)
            proc.setArguments(["--pdeathsig", "KILL", "--", program.program, *program.arguments])
        else:
            proc.setProgram(program.program)
            proc.setArguments(list(program.arguments))
        proc.errorOccurred.connect(functools.partial(_log_failure, program.title))
        proc.start()
        self.processes.append(proc)
        self._running[program.title] = proc
        log.info("Started permitted program '%s' (%s)", program.title, program.program)
        if self.front is not None:
            self.front.bring(proc)

    def pids(self) -> set[int]:
        """The running programs' process ids and their children's."""
        from launcher.platform.x11_windows import process_tree

        pids: set[int] = set()
        for proc in self.processes:
            if proc.state() != QProcess.ProcessState.NotRunning and proc.processId() > 0:
                pids |= process_tree(int(proc.processId()))
        return pids

    def windows(self, x: Any) -> set[int]:
        """The X11 windows of the running programs and their children (``x``: an open
        ``X11Windows``)."""
        pids = self.pids()
        names = {_name(proc) for proc in self.processes if proc.state() != QProcess.ProcessState.NotRunning}
        return set(x.windows_of(pids, names)) if pids else set()

    def stop(self, *_args: Any) -> None:
        """End every program we started: SIGTERM, SIGKILL to those left after 2 s."""
        if self.front is not None:
            self.front.close()
        alive = [p for p in self.processes if p.state() != QProcess.ProcessState.NotRunning]
        for proc in alive:
            proc.terminate()
        deadline = QDeadlineTimer(END_GRACE_MS)
        for proc in alive:
            if not proc.waitForFinished(max(int(deadline.remainingTime()), 0)):
                log.warning("Permitted program %s did not end: killed", proc.objectName())
                proc.kill()
                proc.waitForFinished(1000)
        self._running.clear()


class InFront(QObject):
    """X11: brings a permitted program's window in front of the exam and lets the keyboard go
    while it is active; takes both back when the student returns to the exam (see module doc)."""

    def __init__(self, session: Any, programs: PermittedPrograms) -> None:
        super().__init__(programs)
        self.session = session
        self.programs = programs
        self._x: Any = None
        self._opened = False
        self._waiting: QProcess | None = None  # started, its window not found yet
        self._wait_left = 0
        self.active_program_window = 0  # the program window in front now (0: the exam is)
        self._confirm_left = 0  # ticks left for the window manager to make it active
        self._moved = False  # the active window changed since the program was asked in front
        self._timer = QTimer(self)
        self._timer.setInterval(FRONT_POLL_MS)
        self._timer.timeout.connect(self._tick)

    def _display(self) -> Any:
        if not self._opened:
            self._opened = True
            from launcher.platform.x11_windows import X11Windows

            self._x = X11Windows.open()
        return self._x

    def bring(self, proc: QProcess) -> None:
        """Bring ``proc``'s window in front once it shows one."""
        if self._display() is None:
            return
        self._waiting = proc
        self._wait_left = FIND_WINDOW_MS // FRONT_POLL_MS
        self._x.watch_root(properties=True)
        self._timer.start()
        self._tick()

    def close(self) -> None:
        self._timer.stop()
        self._waiting = None
        if self.active_program_window:
            self._take_back(activate=False)
        if self._x is not None:
            self._x.close()
            self._x = None

    def _program_windows(self) -> set[int]:
        return self.programs.windows(self._x)

    def _exam_window_id(self) -> int:
        window = getattr(self.session, "window", None)
        return int(window.winId()) if window is not None else 0

    def _exam_shown(self) -> bool:
        """The exam window is on the screen (a program started with the exam waits for it, or
        the exam window's first showing would take the front)."""
        window = getattr(self.session, "window", None)
        handle = window.windowHandle() if window is not None and window.isVisible() else None
        return bool(handle is not None and handle.isExposed())

    def _ours(self, wid: int) -> bool:
        # by the window manager's word only: Qt's focus window can be stale after a grab
        return any(w.isVisible() and int(w.winId()) == wid for w in QApplication.topLevelWidgets())

    def _tick(self) -> None:
        x = self._x
        if x is None:
            self._timer.stop()
            return
        if self._waiting is not None and self._exam_shown():
            proc, self._waiting = self._waiting, None
            if proc.state() != QProcess.ProcessState.NotRunning and proc.processId() > 0:
                from launcher.platform.x11_windows import process_tree

                windows = x.windows_of(process_tree(int(proc.processId())), {_name(proc)})
                if windows:
                    self._bring_front(windows[-1])
                else:
                    self._wait_left -= 1
                    if self._wait_left > 0:
                        self._waiting = proc
                    else:
                        log.info("permitted program %s showed no window to bring in front", proc.objectName())
        if x.active_changes():
            self._moved = True
        program_windows = self._program_windows()
        active = x.active_window()
        if active and active in program_windows:
            if not self.active_program_window:  # the window manager gave it the front itself
                self._bring_front(active, ask=False)
            self.active_program_window = active
            self._confirm_left = 0
        elif self.active_program_window:
            elsewhere = bool(active) and not self._ours(active)  # neither the program nor the exam
            # the exam active again after a change: the program came in front and the student
            # went back before this look (not a window manager that has not obeyed yet)
            back = bool(active) and self._moved and not elsewhere
            if self._confirm_left > 0 and program_windows and not elsewhere and not back:
                self._confirm_left -= 1  # the window manager has not activated it yet: ask again
                if self._confirm_left % ASK_AGAIN_TICKS == 0 and self._confirm_left:
                    x.activate(self.active_program_window)
                if self._confirm_left == 0:
                    log.warning("the window manager did not activate the permitted program's window")
                    self._take_back(activate=True)
            elif active and self._ours(active):
                log.info("the exam is in front again: the keyboard goes back to it")
                self._take_back(activate=False)
            else:  # the program's windows are gone, or another window is active
                log.info("the permitted program is no longer in front: the exam takes the front back")
                self._take_back(activate=True)
        if self._waiting is None and not self.active_program_window and not self._any_running():
            self._timer.stop()
            x.watch_root()  # nothing reads the changes until the next program starts

    def _any_running(self) -> bool:
        return any(p.state() != QProcess.ProcessState.NotRunning for p in self.programs.processes)

    def _bring_front(self, wid: int, *, ask: bool = True) -> None:
        exam = self._exam_window_id()
        guard = getattr(self.session, "input_guard", None)
        if guard is not None:
            guard.yield_keyboard()
        if exam:
            self._x.set_above(exam, False)
        if ask:
            self._x.active_changes()  # from here on, a change is the window manager's answer or later
            self._moved = False
            self._x.activate(wid)
        self.active_program_window = wid
        self._confirm_left = CONFIRM_TICKS if ask else 0
        log.info("a permitted program's window is in front of the exam; the keyboard is released to it")

    def _take_back(self, *, activate: bool) -> None:
        self.active_program_window = 0
        exam = self._exam_window_id()
        if self._x is not None and exam:
            self._x.set_above(exam, True)
            if activate:
                self._x.activate(exam)
        guard = getattr(self.session, "input_guard", None)
        if guard is not None:
            guard.take_keyboard_back()


def _name(proc: QProcess) -> str:
    """The program's file name, lower case (matched against ``WM_CLASS``)."""
    return (proc.objectName() or proc.program()).rsplit("/", 1)[-1].lower()


@cache
def death_signal_helper() -> str:
    """``setpriv`` when it can set the parent-death signal (util-linux 2.33+, Linux), else ''."""
    if not sys.platform.startswith("linux"):
        return ""
    helper = shutil.which("setpriv")
    if not helper:
        log.info("setpriv not found: permitted programs would outlive a killed launcher")
        return ""
    try:
        usage = subprocess.run([helper, "--help"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return helper if "--pdeathsig" in usage else ""
