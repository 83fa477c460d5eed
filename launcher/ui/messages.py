"""The sentence a user reads for each kind of configuration error, in the user's language.

One job: map a :class:`~launcher.config.errors.ConfigError` (by class, most specific first) to a
translated headline and a translated "what you can do" hint. The core keeps English messages for
logs and the command line; the UI never shows ``str(exc)`` when a translation exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from launcher.config import errors as sources  # the download errors
from launcher.config import errors as E
from launcher.server.errors import ServerError
from launcher.ui.server_messages import server_message_for

log = logging.getLogger(__name__)

_CTX = "ConfigError"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _http_status(err: E.ConfigError) -> str:
    status = getattr(err, "status", 0)
    if status in (401, 403):
        return QCoreApplication.translate(
            "ConfigError", "The server did not allow the download (HTTP {status}). Are you signed in?"
        ).format(status=status)
    if status == 404:
        return QCoreApplication.translate(
            "ConfigError", "The server has no exam configuration at this address (HTTP 404)."
        )
    if status >= 500:
        return QCoreApplication.translate(
            "ConfigError", "The exam server had a problem (HTTP {status}). Try again in a moment."
        ).format(status=status)
    return QCoreApplication.translate(
        "ConfigError", "The server refused to send the exam configuration (HTTP {status})."
    ).format(status=status)


def _password_required(err: E.ConfigError) -> str:
    if getattr(err, "for_client", False):
        return QCoreApplication.translate(
            "ConfigError", "This configuration is protected by the administrator password."
        )
    return QCoreApplication.translate("ConfigError", "This exam is protected by a password.")


def _no_identity(err: E.ConfigError) -> str:
    key_hash: bytes = getattr(err, "key_hash", b"") or b""
    if key_hash:
        return QCoreApplication.translate(
            "ConfigError",
            "This configuration is encrypted for a certificate that is not installed on this "
            "computer (public-key hash {hash}).",
        ).format(hash=key_hash.hex())
    return QCoreApplication.translate(
        "ConfigError", "This configuration is encrypted for a certificate that is not installed on this computer."
    )


def _client_settings_headlines() -> list[tuple[type[E.ConfigError], Callable[[E.ConfigError], str]]]:
    from launcher.platform import client_settings as C

    return [
        (C.NotClientConfiguration, lambda e: QCoreApplication.translate("ConfigError",
            "This file starts an exam; it does not configure the exam browser, so it was not "
            "saved as this computer's settings."
        )),
        (C.AdminPasswordRequired, lambda e: QCoreApplication.translate("ConfigError",
            "Changing the exam browser's settings on this computer needs the administrator password."
        )),
        (C.WrongAdminPassword, lambda e: QCoreApplication.translate("ConfigError",
            "Wrong administrator password: the exam browser's settings were not changed."
        )),
        (C.MachineSettingsReadOnly, lambda e: QCoreApplication.translate("ConfigError",
            "The exam browser's settings on this computer are managed by its administrator and "
            "cannot be changed here."
        )),
        (C.ClientSettingsUnreadable, lambda e: QCoreApplication.translate("ConfigError",
            "This computer's exam browser settings could not be read."
        )),
    ]


# Most specific classes first: the first isinstance match wins.
_HEADLINES: list[tuple[type[E.ConfigError], Callable[[E.ConfigError], str]]] = [
    (sources.DownloadCancelled, lambda e: QCoreApplication.translate("ConfigError", "The download was cancelled.")),
    (sources.ServerSentWebPage, lambda e: QCoreApplication.translate("ConfigError", 
        "The server sent a web page, not an exam configuration (are you signed in?)."
    )),
    (sources.HttpStatusError, _http_status),
    (sources.DownloadTimeout, lambda e: QCoreApplication.translate("ConfigError", "The exam server did not answer in time.")),
    (sources.InsecureConnection, lambda e: QCoreApplication.translate("ConfigError", 
        "The secure connection to the exam server could not be verified, so the configuration "
        "was not downloaded."
    )),
    (sources.TooManyRedirects, lambda e: QCoreApplication.translate("ConfigError", "The exam server redirected too many times.")),
    (sources.InvalidLink, lambda e: QCoreApplication.translate("ConfigError", "This link is not a valid web address.")),
    (sources.NetworkFailure, lambda e: QCoreApplication.translate("ConfigError", 
        "The exam server could not be reached. Check the network connection."
    )),
    (sources.FileUnreadable, lambda e: QCoreApplication.translate("ConfigError", "The configuration file could not be opened.")),
    (E.NotSebFile, lambda e: QCoreApplication.translate("ConfigError", "This is not a Safe Exam Browser configuration file.")),
    (E.DamagedFile, lambda e: QCoreApplication.translate("ConfigError", "The configuration file is damaged and cannot be read.")),
    (E.TooLarge, lambda e: QCoreApplication.translate("ConfigError", 
        "The configuration file is too large or nested too deeply to be safe to open."
    )),
    (E.WrongPassword, lambda e: QCoreApplication.translate("ConfigError", "Wrong password, or the configuration file is damaged.")),
    (E.PasswordRequired, _password_required),
    (E.NoIdentity, _no_identity),
    (E.IdentityError, lambda e: QCoreApplication.translate("ConfigError", "The certificate identity could not be used.")),
    (E.UnsupportedValue, lambda e: QCoreApplication.translate("ConfigError", 
        "The configuration contains a setting this launcher does not support."
    )),
    (E.ReconfigureRefused, lambda e: QCoreApplication.translate("ConfigError", 
        "This exam does not allow loading another configuration while it is running."
    )),
    (E.DownloadError, lambda e: QCoreApplication.translate("ConfigError", "The exam configuration could not be downloaded.")),
    # This computer's client settings (imported only when such an error exists: no cost at start).
    *_client_settings_headlines(),
    # The exam server's failures, by their kind.
    # (not a ConfigError: the table's type is the config errors', this row is found the same way)
    (ServerError, lambda e: server_message_for(e)),  # type: ignore[arg-type]
    # Another layer's own error (client settings, kiosk): its specific English sentence beats a
    # vague translated one.
    (E.ConfigError, lambda e: e.message if type(e) is not E.ConfigError and e.message
     else QCoreApplication.translate("ConfigError", "The exam configuration could not be used.")),
]


def message_for(err: E.ConfigError) -> str:
    """The translated headline for ``err``."""
    for cls, make in _HEADLINES:
        if isinstance(err, cls):
            text = make(err)
            # A specific English message from the core (e.g. "file does not exist") is kept
            # when no translation differs from the class default.
            if err.message != type(err).default_message and text == _english_default(cls):
                return err.message
            return text
    return err.message or QCoreApplication.translate("ConfigError", "The exam configuration could not be used.")


def _english_default(cls: type[E.ConfigError]) -> str:
    return cls.default_message


def hint_for(err: E.ConfigError) -> str:
    """A translated sentence saying what the user can do next (may be empty)."""
    if isinstance(err, sources.ServerSentWebPage):
        return QCoreApplication.translate("ConfigError", 
            "Open the exam from the exam website after signing in, or ask your teacher for the "
            "configuration file."
        )
    if isinstance(err, sources.InvalidLink):
        return QCoreApplication.translate("ConfigError", "Check the link, or ask your teacher for the configuration file.")
    if isinstance(err, (sources.DownloadTimeout, sources.NetworkFailure)):
        return QCoreApplication.translate("ConfigError", "Check the network connection and try again.")
    if isinstance(err, sources.InsecureConnection):
        return QCoreApplication.translate("ConfigError", 
            "Do not continue on this network. Ask your exam supervisor; the exam server's "
            "certificate may be wrong or the connection may be intercepted."
        )
    if isinstance(err, E.NoIdentity):
        return QCoreApplication.translate("ConfigError", 
            "Ask your exam administrator for the certificate file (.p12) and import it with: "
            "seb-launcher identity import FILE.p12"
        )
    if isinstance(err, E.WrongPassword):
        return QCoreApplication.translate("ConfigError", "Ask your exam supervisor for the right password.")
    if isinstance(err, (E.DamagedFile, E.NotSebFile, E.TooLarge)):
        return QCoreApplication.translate("ConfigError", "Download the configuration again or ask your teacher for a new copy.")
    return ""
