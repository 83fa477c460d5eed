"""The dialogs of a SEB Server exam: connecting, choosing the exam, a failed connection, and
the raise-hand message.

One job: show these to the student and report the choice. No protocol logic: the flow
(``launcher.exam_server.connect``) and the monitor (``launcher.exam_server.monitor``) decide. All open
non-blocking and work with the keyboard alone (arrows, Enter, Escape).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


class ConnectingDialog(QDialog):
    """"Connecting to the exam server…" with the current step and Cancel."""

    cancelRequested = Signal()

    def __init__(self, host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConnectingDialog")
        self.setWindowTitle(self.tr("Exam server"))
        self.label = QLabel(self.tr("Connecting to the exam server {host}…").format(host=host), self)
        self.label.setWordWrap(True)
        self.step = QLabel(self)
        self.step.setObjectName("step")
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMinimumWidth(360)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.step)
        layout.addWidget(bar)
        layout.addLayout(row)

    def set_step(self, text: str) -> None:
        self.step.setText(text)

    def reject(self) -> None:  # Escape and the close button: cancel
        self.cancel_button.setEnabled(False)
        self.cancelRequested.emit()


class ExamListDialog(QDialog):
    """The running exams of the institution; the student picks one (Enter/double click)."""

    def __init__(self, exams: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExamListDialog")
        self.setWindowTitle(self.tr("Choose your exam"))
        label = QLabel(self.tr("The exam server offers these exams. Choose yours:"), self)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("exams")
        for exam in exams:
            item = QListWidgetItem(exam.name or exam.id, self.list)
            item.setData(Qt.ItemDataRole.UserRole, exam)
            item.setToolTip(exam.url)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Start exam"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(480, 320)
        self.list.setFocus()

    def chosen(self) -> Any:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


RETRY, FALLBACK, ABORT = "retry", "fallback", "abort"


class ServerFailureDialog(QMessageBox):
    """The connection failed: Retry, Fallback (only when the configuration allows it), Abort.

    ``choice`` holds the answer once ``finished`` was emitted.
    """

    def __init__(self, message: str, detail: str, *, fallback: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServerFailureDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Exam server"))
        self.setText(message)
        self.setInformativeText(
            self.tr("Retry, or ask your exam supervisor.") if not fallback
            else self.tr("Retry, start the exam without the exam server (fallback), or ask your exam supervisor.")
        )
        if detail:
            self.setDetailedText(detail)
        self.choice = ABORT
        self.retry_button = self.addButton(self.tr("Retry"), QMessageBox.ButtonRole.AcceptRole)
        self.retry_button.setObjectName("retry")
        self.fallback_button = None
        if fallback:
            self.fallback_button = self.addButton(self.tr("Fallback"), QMessageBox.ButtonRole.ActionRole)
            self.fallback_button.setObjectName("fallback")
        self.abort_button = self.addButton(self.tr("Abort"), QMessageBox.ButtonRole.RejectRole)
        self.abort_button.setObjectName("abort")
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.abort_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: Any) -> None:
        if button is self.retry_button:
            self.choice = RETRY
        elif self.fallback_button is not None and button is self.fallback_button:
            self.choice = FALLBACK
        else:
            self.choice = ABORT


class RaiseHandDialog(QDialog):
    """An optional message to send with the raised hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RaiseHandDialog")
        self.setWindowTitle(self.tr("Raise hand"))
        label = QLabel(self.tr("Message to the exam supervisor (optional):"), self)
        self.field = QLineEdit(self)
        self.field.setObjectName("message")
        self.field.setMaxLength(400)
        label.setBuddy(self.field)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("Raise hand"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("ok")
        ok.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole).setObjectName("cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    def message(self) -> str:
        return self.field.text().strip()
