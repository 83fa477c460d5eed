"""The dialogs around opening an exam: configuration password, download progress, errors.

One job: show these three things to a person and report what they chose. They hold no logic
about configurations: the open flow (``launcher.opening.flow``) decides what to ask and what to do with
the answer. All three open non-blocking (``open()``) so the event loop, downloads and tests
keep running while they are up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QHBoxLayout,
    QWidget,
)

from launcher.config.errors import ConfigError
from launcher.ui import exam_dialog, messages

log = logging.getLogger(__name__)


class PasswordDialog(QDialog):
    """Asks for the password of an encrypted configuration; the text is masked.

    ``for_client`` (a ``pwcc`` file) asks for the administrator password instead of the exam
    password. ``show_wrong(tries_left)`` puts a clear sentence above the field after a wrong try.
    """

    def __init__(self, *, for_client: bool = False, source: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.for_client = for_client
        self.setObjectName("PasswordDialog")
        self.setWindowTitle(
            self.tr("Administrator password") if for_client else self.tr("Exam password")
        )
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        if for_client:
            prompt = self.tr(
                "This file changes the settings of this computer's exam browser. Enter the "
                "administrator password to apply it."
            )
        else:
            prompt = self.tr("This exam configuration is protected. Enter the exam password.")
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setObjectName("prompt")

        self.source_label = QLabel(source)
        self.source_label.setObjectName("source")
        self.source_label.setWordWrap(True)
        self.source_label.setVisible(bool(source))
        small = QFont(self.source_label.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        self.source_label.setFont(small)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()

        self.field = QLineEdit()
        self.field.setObjectName("password")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(
            self.tr("Administrator password") if for_client else self.tr("Password")
        )
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.field.setMinimumWidth(320)
        self.field.setAccessibleName(self.field.placeholderText())  # what a screen reader says on it
        self.field.setAccessibleDescription(prompt)
        self.prompt.setBuddy(self.field)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open exam") if not for_client else self.tr("Apply"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.prompt)
        text.addWidget(self.source_label)
        text.addWidget(self.error)
        text.addWidget(self.field)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.buttons)
        # Word-wrapped labels: let the layout size the dialog to their full height.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        for label in (self.prompt, self.source_label, self.error):
            label.setMinimumWidth(380)
        exam_dialog.prepare(self)

    def password(self) -> str:
        return self.field.text()

    def show_wrong(self, tries_left: int) -> None:
        """Say the last try was wrong and how many remain; empty the field for the next one."""
        if tries_left == 1:
            text = self.tr("That password is wrong. You have one more try.")
        else:
            text = self.tr("That password is wrong. You have {n} more tries.").format(n=tries_left)
        self.error.setText(text)
        self.error.show()
        self.field.clear()
        self.field.setFocus()

    def open(self) -> None:  # noqa: A003 - Qt's name
        self.field.setFocus()
        super().open()

    def done(self, result: int) -> None:
        super().done(result)
        if result != QDialog.DialogCode.Accepted:
            self.field.clear()


class DownloadDialog(QDialog):
    """Shows that a configuration is downloading, how far it is, and offers Cancel.

    Appears only after ``delay_ms`` so fast downloads do not flash a window.
    """

    cancelRequested = Signal()

    def __init__(self, host: str, *, delay_ms: int = 400, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DownloadDialog")
        self.setWindowTitle(self.tr("Opening exam"))
        self.label = QLabel(self.tr("Downloading the exam configuration from {host}…").format(host=host))
        self.label.setWordWrap(True)
        self.label.setObjectName("label")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the size is known
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(360)
        self.bar.setAccessibleName(self.tr("Download progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self._cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.open)
        self._delay_ms = delay_ms
        exam_dialog.prepare(self)

    def start(self) -> None:
        """Show after the delay (at once when the delay is 0)."""
        if self._delay_ms <= 0:
            self.open()
        else:
            self._timer.start(self._delay_ms)

    def set_progress(self, received: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(received, total))
            self.bar.setTextVisible(True)
        else:
            self.bar.setRange(0, 0)

    def finish(self) -> None:
        self._timer.stop()
        self.hide()
        self.deleteLater()

    def reject(self) -> None:  # Escape and the window's close button mean Cancel too
        self._cancel()

    def _cancel(self) -> None:
        self.label.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)
        self.cancelRequested.emit()


class ErrorDialog(QMessageBox):
    """A readable error: the translated sentence, what to do, and the technical detail folded
    away under "Show Details…" for support staff."""

    def __init__(self, error: ConfigError, *, title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setObjectName("ErrorDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(title or self.tr("The exam cannot be opened"))
        self.setText(messages.message_for(error))
        hint = messages.hint_for(error)
        if hint:
            self.setInformativeText(hint)
        if error.detail:
            self.setDetailedText(error.detail)
        self.setStandardButtons(QMessageBox.StandardButton.Close)
        self.setDefaultButton(QMessageBox.StandardButton.Close)  # Enter closes, not "Show Details"
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        exam_dialog.prepare(self)


class InfoDialog(QMessageBox):
    """A short, positive notice (e.g. "settings applied")."""

    def __init__(self, text: str, *, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InfoDialog")
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(title or self.tr("Exam browser"))
        self.setText(text)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        exam_dialog.prepare(self)
