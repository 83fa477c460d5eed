"""Our own controls for students with a screen reader, a magnifier or the keyboard alone: Qt's
accessibility tree (what Orca reads through AT-SPI) of the exam window, its dialogs and the lock
screen gives every control a name, Tab reaches every control of the taskbar in the order the
bar shows them, and keyboard focus is drawn visibly. The exam page's own content is the exam
author's and is not walked."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from support.sound_server import sound_server  # noqa: F401

HASHED = hashlib.sha256(b"invigilator").hexdigest()
R = QAccessible.Role
#: What a person operates: each needs a name a screen reader can say.
CONTROLS = {R.Button, R.CheckBox, R.RadioButton, R.Slider, R.SpinBox, R.EditableText, R.ComboBox,
            R.PageTab, R.Link, R.ButtonMenu, R.ButtonDropDown, R.MenuItem, R.ProgressBar}


def _walk(node: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    yield node
    if isinstance(node.object(), QWebEngineView):
        return  # the exam page: its author's
    for index in range(node.childCount()):
        child = node.child(index)
        if child is not None and child.isValid():
            yield from _walk(child)


def unnamed_controls(widget: QWidget) -> list[str]:
    """The visible controls under ``widget`` without an accessible name (class and object name)."""
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None and root.isValid()
    missing, seen = [], 0
    for node in _walk(root):
        if node.role() not in CONTROLS or node.state().invisible:
            continue
        seen += 1
        if not node.text(QAccessible.Text.Name).strip():
            obj = node.object()
            missing.append(f"{type(obj).__name__}#{obj.objectName() if obj else '?'} ({node.role().name})")
    assert seen, f"no controls found under {widget!r}: the walk itself is broken"
    return missing


def _named_roles(widget: QWidget) -> dict[str, str]:
    """Control name -> role, for the assertions that name what a screen reader says."""
    return {n.text(QAccessible.Text.Name): n.role().name for n in _walk(QAccessible.queryAccessibleInterface(widget))
            if n.role() in CONTROLS and not n.state().invisible}


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def _tab_through(start: QWidget, steps: int) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    order = [QApplication.focusWidget()]
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    return order


def test_every_control_of_the_exam_window_has_a_name_and_tab_reaches_the_taskbar_in_order(
    start_exam: Any, http_server: Any, qtbot: Any, sound_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from launcher.platform import power

    root = tmp_path / "power_supply"
    (root / "BAT0").mkdir(parents=True)
    for name, value in {"type": "Battery", "capacity": "57", "status": "Discharging"}.items():
        (root / "BAT0" / name).write_text(value + "\n")
    monkeypatch.setattr(power, "SYSFS_ROOT", root)
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({
        "startURL": http_server.url("/exam"), "audioControlEnabled": True, "enableZoomPage": True,
        "hashedQuitPassword": HASHED, "restartExamUseStartURL": True, "allowApplicationLog": True,
        "showApplicationLogButton": True, "allowFind": True,
    })
    window, bar = run.window, run.window.taskbar
    items = run.session.taskbar_items
    qtbot.waitUntil(lambda: items["battery"].isVisible() and items["volume"].isVisible())
    window.open_find_bar()
    assert unnamed_controls(window) == []
    names = _named_roles(window)
    for name, role in {"Battery 57 %": "Button", "Mute": "CheckBox", "Volume": "Slider", "Zoom out": "Button",
                       "Reset zoom": "Button", "Zoom in": "Button", "Reload": "Button", "Quit": "Button",
                       "Find in page": "EditableText", "Restart exam": "Button", "Log": "Button"}.items():
        assert names.get(name) == role, (name, names)  # (a toggle button is a check box to Qt)
    assert bar.clock.accessibleName().startswith("Time: ")

    # Tab from the first item walks the bar left to right and reaches every control on it
    controls = [w for w in bar.findChildren(QWidget) if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    first = min(controls, key=lambda w: w.mapTo(bar, w.rect().topLeft()).x())
    visited = _tab_through(first, len(controls) - 1)
    assert set(visited) == set(controls), [w.objectName() or type(w).__name__ for w in set(controls) - set(visited)]
    xs = [w.mapTo(bar, w.rect().topLeft()).x() for w in visited]
    assert xs == sorted(xs), [w.objectName() or w.accessibleName() for w in visited]


def test_a_taskbar_item_draws_its_keyboard_focus(qtbot: Any) -> None:
    from launcher.ui.taskbar import Taskbar
    from launcher.ui.taskbar_button import TaskbarButton

    bar = Taskbar(allow_reload=False, allow_quit=True)
    qtbot.addWidget(bar)
    item = TaskbarButton(bar)
    item.show_status("battery-good", "Battery 70 %", "70 %")
    bar.add_item(item)
    bar.show()
    qtbot.waitExposed(bar)
    bar.quit_button.setFocus()
    plain = item.grab().toImage()
    item.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(item.hasFocus)
    focused = item.grab().toImage()
    assert plain != focused
    highlight = item.palette().color(item.palette().ColorRole.Highlight)
    edge = [focused.pixelColor(x, focused.height() // 2) for x in range(0, 3)]
    assert any(abs(c.hue() - highlight.hue()) < 20 and c.saturation() > 60 for c in edge), [c.name() for c in edge]


def test_the_exam_dialogs_name_every_control(qtbot: Any, language: Any) -> None:
    from launcher.config.errors import ServerSentWebPage
    from launcher.config.passwords import check_password
    from launcher.ui.dialogs import DownloadDialog, ErrorDialog, PasswordDialog
    from launcher.ui.quit_dialog import QuitPasswordDialog

    for code in ("en", "de"):
        language(code)
        dialogs = [
            QuitPasswordDialog(HASHED, check_password),
            PasswordDialog(source="exam.seb"),
            PasswordDialog(for_client=True),
            DownloadDialog("moodle.example.edu", delay_ms=0),
            ErrorDialog(ServerSentWebPage(detail="text/html")),
        ]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert unnamed_controls(dialog) == [], (code, type(dialog).__name__)
            assert QAccessible.queryAccessibleInterface(dialog).text(QAccessible.Text.Name), type(dialog).__name__
            dialog.close()
    # the quit password is named for what it is, and its prompt describes it
    quit_dialog = dialogs[0]
    assert quit_dialog.password.accessibleName() == "Passwort zum Beenden"
    assert "Passwort" in quit_dialog.password.accessibleDescription()


def test_the_lock_screen_names_every_control_and_tab_goes_field_unlock_quit(start_exam: Any, http_server: Any,
                                                                            qtbot: Any) -> None:
    http_server.route("/exam", "<title>Exam</title><p>exam</p>")
    run = start_exam({"startURL": http_server.url("/exam"), "hashedQuitPassword": HASHED})
    run.session.lock("The exam window lost the keyboard focus.", source="lockdown")
    primary = run.session.lock_screen.primary
    qtbot.waitUntil(lambda: primary.password.hasFocus())
    assert unnamed_controls(primary) == []
    names = _named_roles(primary)
    assert names.get("Quit password") == "EditableText" and names.get("Unlock") == "Button"
    assert names.get("Quit exam") == "Button"
    assert primary.clock.accessibleName().startswith("Time: ")
    visited = _tab_through(primary.password, 3)
    assert visited == [primary.password, primary.unlock_button, primary.quit_button, primary.password]
    for button in (primary.unlock_button, primary.quit_button):
        assert button.height() >= 48 and button.width() >= 140  # large enough to hit
