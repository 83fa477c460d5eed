"""What makes a dialog an exam dialog: modal, no minimize or maximize, a title that fits.

One job: ``prepare(dialog)`` before a dialog is shown. Over the running exam (``over_exam``:
the quit password, the quit question, SEB Server's dialogs) a dialog is application-modal and
frameless, with its title as a heading inside it: no window manager can offer minimize or
maximize on it (openbox draws both on every dialog whatever a program asks — it ignores the
Motif hints for them) and no title bar can cut its title ("Quit the exa… B Launcher"). A
dialog of the opening (password, download, error, before the exam runs) keeps its title bar
but has a fixed size (no maximize) and is wide enough for the whole title with the application
name Qt adds to it.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QGridLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
)

log = logging.getLogger(__name__)

#: Room a window manager's title bar takes besides the text: buttons, window icon, margins.
TITLE_BAR_EXTRA = 150
#: Qt joins a window's title and the application's display name with this on Linux and Windows.
TITLE_SEPARATOR = " \u2014 "
HEADING = "examDialogTitle"


def full_title(title: str) -> str:
    """The title as the window manager receives it."""
    app_name = QGuiApplication.applicationDisplayName()
    if not app_name or not title or title.endswith(app_name):
        return title or app_name
    return title + TITLE_SEPARATOR + app_name


def title_width(title: str, font: QFont | None = None) -> int:
    """Width a framed dialog needs for the whole of ``title`` in its title bar (bold)."""
    bold = QFont(font if font is not None else QGuiApplication.font())
    bold.setBold(True)
    bold.setPointSizeF(bold.pointSizeF() * 1.1)
    return QFontMetrics(bold).horizontalAdvance(full_title(title)) + TITLE_BAR_EXTRA


def prepare(dialog: QDialog, *, over_exam: bool = False) -> None:
    """Make ``dialog`` an exam dialog (call once its layout is built and its modality set,
    before it is shown)."""
    if dialog.windowModality() == Qt.WindowModality.NonModal:
        # first: a message box sets its window flags anew when its modality is set
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    on_top = bool(dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    if over_exam:
        flags = Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint
    else:
        flags = (Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
                 | Qt.WindowType.WindowCloseButtonHint)
    if on_top:
        flags |= Qt.WindowType.WindowStaysOnTopHint
    if dialog.windowFlags() != flags:
        dialog.setWindowFlags(flags)
    dialog.setSizeGripEnabled(False)
    layout = dialog.layout()
    if layout is not None and not isinstance(dialog, QMessageBox):
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # nothing to maximize or stretch
    if over_exam:
        _add_heading(dialog, layout)
    else:
        _widen(dialog, layout, title_width(dialog.windowTitle(), dialog.font()))


def heading(dialog: QDialog) -> QLabel | None:
    """The title shown inside a frameless exam dialog."""
    return dialog.findChild(QLabel, HEADING)


def _add_heading(dialog: QDialog, layout: QLayout | None) -> None:
    if heading(dialog) is not None or layout is None or not dialog.windowTitle():
        return
    # a frameless window needs an edge of its own against the exam page behind it; first, since
    # a message box builds its layout anew when its style changes
    dialog.setAutoFillBackground(True)
    dialog.setProperty("examFrame", True)
    dialog.setStyleSheet(dialog.styleSheet() + "\n*[examFrame=\"true\"] { border: 2px solid palette(shadow); }")
    layout = dialog.layout()
    label = QLabel(dialog.windowTitle(), dialog)
    label.setObjectName(HEADING)
    label.setWordWrap(True)
    label.setAccessibleName(dialog.windowTitle())
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, label)
    elif isinstance(layout, QGridLayout):  # a message box: every row one down, the title on top
        _shift_down(layout)
        layout.addWidget(label, 0, 0, 1, max(1, layout.columnCount()))


def _shift_down(layout: QGridLayout) -> None:
    """Move every widget and spacer of ``layout`` one row down (row 0 becomes free). Widgets
    move through remove/add, spacers are made anew: a taken layout item must not pass through
    Python, which would own and later free it."""
    placed: list[tuple[str, Any, tuple[int, int, int, int]]] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        # (row, column, rows, columns); PySide6's type stubs say only "object"
        position = cast("tuple[int, int, int, int]", layout.getItemPosition(index))
        widget = item.widget()
        spacer = item.spacerItem()
        if widget is not None:
            placed.append(("widget", widget, position))
        elif spacer is not None:
            hint = spacer.sizeHint()
            policy = spacer.sizePolicy()
            placed.append(("spacer", (hint.width(), hint.height(), policy.horizontalPolicy(),
                                      policy.verticalPolicy()), position))
    for kind, thing, _position in placed:
        if kind == "widget":
            layout.removeWidget(thing)
    for index in reversed(range(layout.count())):  # the spacers left
        item = layout.itemAt(index)
        if item is not None and item.spacerItem() is not None:
            layout.removeItem(item)
    for kind, thing, (row, column, rows, columns) in placed:
        if kind == "widget":
            layout.addWidget(thing, row + 1, column, rows, columns)
        else:
            layout.addItem(QSpacerItem(*thing), row + 1, column, rows, columns)


def _widen(dialog: QDialog, layout: QLayout | None, width: int) -> None:
    if isinstance(dialog, QMessageBox) and isinstance(layout, QGridLayout):
        # a message box sizes itself on every show: widen it through its own grid
        if not dialog.property("examTitleSpacer"):
            layout.addItem(QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum),
                           layout.rowCount(), 0, 1, layout.columnCount())
            dialog.setProperty("examTitleSpacer", True)
    elif isinstance(layout, QBoxLayout) and layout.direction() in (QBoxLayout.Direction.TopToBottom,
                                                                   QBoxLayout.Direction.BottomToTop):
        layout.addStrut(width)  # holds under the fixed-size constraint, unlike a minimum width
    else:
        dialog.setMinimumWidth(max(dialog.minimumWidth(), width))
