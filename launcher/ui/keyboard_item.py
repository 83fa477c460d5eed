"""The keyboard-layout item of the taskbar (``showInputLanguage``): the computer's keyboard
layouts as systemd-localed reports them over D-Bus (``X11Layout``/``X11Variant``).

One job: read them once (they are the system's configuration) and show them as "US" or
"DE (neo) · US"; hidden when localed is not there or names none. A focusable button: Space or
Enter repeats them as a notice. It names the configured layouts, not which one is active, and
does not switch layouts (the desktop's shortcut still does).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

from launcher.platform.dbus_properties import read_properties
from launcher.ui.taskbar_button import TaskbarButton

log = logging.getLogger(__name__)

LOCALED = "org.freedesktop.locale1"
LOCALED_PATH = "/org/freedesktop/locale1"



def layouts(layout: Any, variant: Any) -> list[str]:
    """``"us,de"`` + ``",neo"`` -> ``["US", "DE (neo)"]``."""
    names = [n.strip() for n in layout.split(",")] if isinstance(layout, str) else []
    variants = [v.strip() for v in variant.split(",")] if isinstance(variant, str) else []
    out = []
    for index, name in enumerate(names):
        if not name:
            continue
        extra = variants[index] if index < len(variants) else ""
        out.append(f"{name.upper()} ({extra})" if extra else name.upper())
    return out


class KeyboardItem(TaskbarButton):
    def __init__(self, taskbar: Any, *, bus: QDBusConnection | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent or taskbar)
        self.setObjectName("keyboardLayout")
        self._taskbar = taskbar
        self.updates = 0
        self.setVisible(False)
        self.clicked.connect(self._tell)
        read_properties(
            bus if bus is not None else QDBusConnection.systemBus(), LOCALED, LOCALED_PATH, LOCALED,
            ("X11Layout", "X11Variant"), self._show, parent=self,
        )

    def _show(self, values: dict[str, Any]) -> None:
        self.updates += 1
        names = layouts(values.get("X11Layout"), values.get("X11Variant"))
        if not names:
            self.setVisible(False)
            return
        #: Goes between the keyboard layouts on the taskbar, e.g. "DE (neo) · US".
        short = QCoreApplication.translate("KeyboardItem", " · ").join(names)
        label = QCoreApplication.translate("KeyboardItem", "Keyboard layout: %1")
        self.show_status("keyboard", label.replace("%1", ", ".join(names)), short)
        self.setVisible(True)

    def _tell(self) -> None:
        self._taskbar.show_notice(self.accessibleName())
