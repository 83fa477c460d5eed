"""Applying a client configuration (``sebConfigPurpose`` 1) the user opened.

One job (a part of :class:`launcher.opening.flow.ExamOpener`): store the file as this computer's
client settings (``launcher.platform.client_settings.store``, the original bytes); when the
settings it replaces have an administrator password, ask for it (three tries), as SEB does.
Then say so (a dialog, or exit 0 without a screen) unless an exam is running.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from launcher.config.errors import ConfigError

if TYPE_CHECKING:
    from launcher.config.container import LoadedConfig
    from launcher.opening.flow import ExamOpener
    from launcher.ui.dialogs import InfoDialog

log = logging.getLogger(__name__)

ADMIN_PASSWORD_TRIES = 3


class ClientConfiguration:
    """``ClientConfiguration(opener, loaded, original, password_used).apply()``; ends with the
    opener's ``client_configured()``, ``fail(error)`` or ``cancel(step)``."""

    def __init__(self, opener: ExamOpener, loaded: LoadedConfig, original: bytes, password_used: str | None) -> None:
        self.opener = opener
        self.loaded = loaded
        self.original = original
        self.password_used = password_used
        self.tries_left = ADMIN_PASSWORD_TRIES

    def apply(self, admin_password: str | None = None) -> None:
        """Store the configuration; ask for the administrator password when the current one has it."""
        from launcher.platform import client_settings as cs

        opener = self.opener
        try:
            cs.store(self.loaded, self.original, admin_password=admin_password, password_used=self.password_used)
        except (cs.AdminPasswordRequired, cs.WrongAdminPassword) as exc:
            if admin_password is not None:
                self.tries_left -= 1
                log.warning("Wrong administrator password (%d tries left)", self.tries_left)
            if not opener.interactive or self.tries_left <= 0:
                opener.fail(exc)
                return
            self._ask(wrong=admin_password is not None)
            return
        except ConfigError as exc:
            opener.fail(exc)
            return
        log.info("Client configuration applied")
        opener.client_configured()

    def _ask(self, *, wrong: bool) -> None:
        from launcher.ui.dialogs import PasswordDialog

        opener = self.opener
        dialog = PasswordDialog(for_client=True, source=opener.origin, parent=opener.dialog_parent())
        opener.dialog = dialog
        if wrong:
            dialog.show_wrong(self.tries_left)

        def given() -> None:
            password = dialog.password()
            dialog.field.clear()
            if opener.dialog is dialog:
                opener.dialog = None
            dialog.deleteLater()
            self.apply(password)

        def cancelled() -> None:
            if opener.dialog is dialog:
                opener.dialog = None
            dialog.deleteLater()
            opener.cancel("administrator password")

        dialog.accepted.connect(given)
        dialog.rejected.connect(cancelled)
        dialog.open()


def applied_dialog() -> InfoDialog:
    """The dialog that says a client configuration was applied."""
    from launcher.ui.dialogs import InfoDialog

    return InfoDialog(QCoreApplication.translate(
        "ExamOpener", "The settings were applied. The exam browser will use them from now on."))
