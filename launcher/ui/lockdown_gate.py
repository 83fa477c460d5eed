"""The lockdown checks at an exam's start, as the student meets them: the machine checks of
``launcher.lockdown.checks``, then running prohibited programs (ended unasked with
``strongKill``, else the student is asked; never asked without a screen), and the dialogs
that explain a refusal in plain words.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from launcher.lockdown.start_checks import StartFindings, finish, machine_findings
from launcher.lockdown.violations import Violation, describe, programs_of

log = logging.getLogger(__name__)


def headline(violation: Violation) -> str:
    """The translated sentence a student reads for a violation (its evidence follows)."""
    check = violation.check
    if check == "virtual-machine":
        return QCoreApplication.translate("Lockdown", "This exam may not run in a virtual machine, and this computer is one.")
    if check == "displays":
        if violation.key == "allowedDisplaysMaxNumber":
            return QCoreApplication.translate("Lockdown", "Too many displays are connected for this exam. Disconnect the extra ones.")
        if violation.key == "allowedDisplayBuiltinEnforce":
            return QCoreApplication.translate("Lockdown", "This exam may only be shown on the computer's built-in display.")
        return QCoreApplication.translate("Lockdown", "The displays of this computer could not be checked.")
    if check == "remote-session":
        return QCoreApplication.translate("Lockdown", "This screen is shared with, or controlled from, another computer.")
    if check == "debugger":
        return QCoreApplication.translate("Lockdown", "Another program is watching or changing the exam browser.")
    if check == "prohibited-process":
        return QCoreApplication.translate("Lockdown", "Programs that are not allowed during the exam are running and could not be ended.")
    if check == "foreign-window":
        return QCoreApplication.translate("Lockdown", "Another program keeps putting its window over the exam.")
    if check == "x-client":
        return QCoreApplication.translate(
            "Lockdown", "A program that can see or control the exam's screen was started during the exam.")
    if check == "screen-capture":
        return QCoreApplication.translate("Lockdown", "A program took a picture of the exam's screen.")
    if check == "a11y-reader":
        return QCoreApplication.translate("Lockdown", "A program that is not allowed read the exam through the accessibility interface.")
    if check == "injected-input":
        return QCoreApplication.translate(
            "Lockdown", "A program typed or clicked into the exam instead of the keyboard or mouse.")
    if check == "lockdown":
        return QCoreApplication.translate(
            "Lockdown", "The security checks of this computer could not run, so the exam cannot start.")
    return QCoreApplication.translate("Lockdown", "This computer does not meet the exam's security settings.")


def category(kind: str) -> str:
    """The translated kind of a prohibited program (what the student is told it is)."""
    if kind == "remote desktop":
        return QCoreApplication.translate("Lockdown", "remote desktop")
    if kind == "screen recorder":
        return QCoreApplication.translate("Lockdown", "screen recorder")
    if kind == "chat or meeting application":
        return QCoreApplication.translate("Lockdown", "chat or meeting application")
    if kind == "clipboard history":
        return QCoreApplication.translate("Lockdown", "clipboard history")
    if kind == "prohibited by the exam":
        return QCoreApplication.translate("Lockdown", "prohibited by the exam")
    if kind == "window over the exam":
        return QCoreApplication.translate("Lockdown", "window over the exam")
    if kind == "program on the exam's screen":
        return QCoreApplication.translate("Lockdown", "program on the exam's screen")
    if kind == "permitted only when started by the exam":
        return QCoreApplication.translate("Lockdown", "allowed only when the exam starts it")
    return QCoreApplication.translate("Lockdown", "not allowed during the exam")


def program_lines(programs: Iterable[tuple[str, str]]) -> list[str]:
    """One line per program for the student: its name and translated kind, no pid."""
    lines: list[str] = []
    for name, kind in programs:
        line = QCoreApplication.translate("Lockdown", "{program} ({category})").format(
            program=name, category=category(kind))
        if line not in lines:
            lines.append(line)
    return lines


def student_text(violation: Violation) -> str:
    """What the student reads for a finding: the headline, and the programs when there are."""
    return "\n".join([headline(violation), *program_lines(violation.programs)])


def reason(violation: Violation) -> str:
    """The lock screen's reason: the student's text (the evidence goes to the log)."""
    log.warning("Lock screen for %s: %s", violation.check, describe([violation]))
    return student_text(violation)


class RefusedDialog(QMessageBox):
    """The exam was refused: one headline per finding, the evidence under it."""

    def __init__(self, violations: list[Violation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.violations = list(violations)
        self.setObjectName("LockdownRefusedDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("The exam cannot start on this computer"))
        self.setText("\n\n".join(student_text(v) for v in self.violations))
        self.setInformativeText(self.tr(
            "Fix what is named above and open the exam again, or ask your exam supervisor."
        ))
        self.setDetailedText(describe(self.violations))
        self.setStandardButtons(QMessageBox.StandardButton.Close)
        self.setDefaultButton(QMessageBox.StandardButton.Close)  # Enter closes, not "Show Details"
        from PySide6.QtCore import Qt  # (only when refused: not on the exam's start path)

        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class ProhibitedDialog(QMessageBox):
    """Programs that must be closed for the exam (prohibited ones, and permitted ones started
    before it): end them and start, or cancel."""

    def __init__(self, found: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = list(found)
        self.setObjectName("ProhibitedProcessesDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Programs must be closed"))
        self.setText(self.tr(
            "These programs must be closed for the exam. Save your work in them: they will "
            "be ended when the exam starts."
        ))
        self.setInformativeText("\n".join(program_lines(programs_of(self.found))))
        self.setDetailedText("\n".join(hit.describe() for hit in self.found))
        self.end_button = self.addButton(self.tr("End them and start"), QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)


def _platform_name() -> str:
    """Qt's platform (``xcb``, ``wayland``, ``offscreen`` …); '' without a GUI application."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() if QGuiApplication.instance() is not None else ""


def screen_count() -> int:
    from PySide6.QtGui import QGuiApplication

    return len(QGuiApplication.screens())


def check_machine(
    settings: Any,
    machine: Any,
    *,
    interactive: bool,
    parent: QWidget | None,
    proceed: Callable[[], None],
    refuse: Callable[[list[Violation]], None],
    cancel: Callable[[], None],
    in_thread: bool = False,
    found_early: StartFindings | None = None,
) -> QDialog | None:
    """Run the start checks; call exactly one of ``proceed``, ``refuse`` or ``cancel`` (now, or
    once the student has answered). Returns the dialog that asks, if one is up.

    ``found_early``: what the checks found before Qt ran (``launcher.lockdown.start_checks.gather``);
    used when Qt opened the platform they assumed and no program is to be ended unasked — then
    only the display count is checked here. Else the checks run (again) as below.
    ``in_thread``: the checks (``machine_findings``, Qt-free) run on a worker thread while the GUI
    thread goes on (the engine starts meanwhile); the answer comes on the GUI thread, and a
    dialog that asks is then the open flow's to track (``None`` is returned at once)."""
    screens = screen_count()
    platform_name = _platform_name()  # Qt's, read here on the GUI thread: the display-server check's
    if found_early is not None and found_early.platform == platform_name.split(":")[0] and not found_early.strong:
        # Checked while Qt loaded (``launcher.opening.head_start``), on the platform Qt did open:
        # only the display count is left, and nothing is to be ended unasked.
        log.info("The start checks ran while the browser engine loaded (on '%s'); the display count "
                 "now: %d screen(s)", found_early.platform, screens)
        violations, ask = finish(found_early, settings, machine, screens)
        return decide(violations, ask, interactive=interactive, parent=parent, proceed=proceed,
                      refuse=refuse, cancel=cancel)
    if found_early is not None:
        log.info("The start checks run again: Qt opened '%s', not '%s', or programs are to be ended",
                 platform_name, found_early.platform)
    if in_thread:
        from launcher.app import gui_thread

        def checked(result: Any, error: BaseException | None) -> None:
            if error is not None:  # machine_findings catches its own; this is a bug: fail closed
                result = ([Violation("lockdown", "", f"the security checks could not run ({error})")], [])
            violations, ask = result
            decide(violations, ask, interactive=interactive, parent=parent, proceed=proceed,
                   refuse=refuse, cancel=cancel)

        gui_thread.run_in_thread(functools.partial(machine_findings, settings, machine, screens, platform_name), checked,
                                 name="lockdown-checks")
        return None
    violations, ask = machine_findings(settings, machine, screens, platform_name)
    return decide(violations, ask, interactive=interactive, parent=parent, proceed=proceed,
                  refuse=refuse, cancel=cancel)


def decide(
    violations: list[Violation],
    ask: list[Any],
    *,
    interactive: bool,
    parent: QWidget | None,
    proceed: Callable[[], None],
    refuse: Callable[[list[Violation]], None],
    cancel: Callable[[], None],
) -> QDialog | None:
    """On the GUI thread, with what :func:`machine_findings` found: refuse, ask the student about
    the programs to end (never without a screen), or proceed."""
    from launcher.lockdown import checks

    if violations:
        log.error("Lockdown check refused the exam: %s", describe(violations))
        refuse(violations)
        return None
    if not ask:
        proceed()
        return None
    if not interactive:
        found_text = ", ".join(h.describe() for h in ask)
        violation = Violation("prohibited-process", "prohibitedProcesses",
                              f"these programs must not run during the exam: {found_text} "
                              "(no screen to ask; strongKill ends them unasked)", programs_of(ask))
        log.error("Lockdown check refused the exam: %s", describe([violation]))
        refuse([violation])
        return None
    dialog = ProhibitedDialog(ask, parent=parent)

    def answered(_result: int) -> None:
        dialog.deleteLater()
        if dialog.clickedButton() is not dialog.end_button:
            log.info("The student kept the prohibited programs running: %s",
                     ", ".join(h.describe() for h in ask))
            cancel()
            return
        failed = checks.end_prohibited(ask)
        if failed:
            log.error("Lockdown check refused the exam: %s", describe(failed))
            refuse(failed)
        else:
            proceed()

    dialog.finished.connect(answered)
    dialog.open()
    return dialog
