"""One exception family for everything that can go wrong with a SEB configuration.

Every error carries a plain-language ``message`` a student can read and an optional
``detail`` for the log. The UI maps each class to a translated text; the CLI prints
``message`` on one line. Nothing here may contain a password or key material.
"""

from __future__ import annotations


class ConfigError(Exception):
    """Base class: a configuration could not be used. ``message`` is shown to the user."""

    default_message = "The exam configuration could not be used."

    def __init__(self, message: str | None = None, detail: str = "") -> None:
        self.message = message or self.default_message
        self.detail = detail
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class NotSebFile(ConfigError):
    default_message = "This is not a Safe Exam Browser configuration file."


class DamagedFile(ConfigError):
    default_message = "The configuration file is damaged and cannot be read."


class TooLarge(ConfigError):
    default_message = "The configuration file is too large or nested too deeply to be safe to open."


class PasswordRequired(ConfigError):
    """The file is password-encrypted and no password was given.

    ``for_client`` is true for ``pwcc`` files (configure a client: the admin password).
    """

    default_message = "This configuration is protected by a password."

    def __init__(self, message: str | None = None, detail: str = "", *, for_client: bool = False) -> None:
        super().__init__(message, detail)
        self.for_client = for_client


class WrongPassword(ConfigError):
    """HMAC mismatch: SEB cannot tell a wrong password from a damaged file, nor can we."""

    default_message = "Wrong password, or the configuration file is damaged."

    def __init__(self, message: str | None = None, detail: str = "", *, for_client: bool = False) -> None:
        super().__init__(message, detail)
        self.for_client = for_client


class NoIdentity(ConfigError):
    """Certificate-encrypted and no identity with the matching public-key hash is stored."""

    default_message = (
        "This configuration is encrypted for a certificate that is not installed on this computer."
    )

    def __init__(self, message: str | None = None, detail: str = "", *, key_hash: bytes = b"") -> None:
        super().__init__(message, detail)
        self.key_hash = key_hash


class IdentityError(ConfigError):
    default_message = "The certificate identity could not be used."


class UnsupportedValue(ConfigError):
    default_message = "The configuration contains a setting this launcher does not support."


class DownloadError(ConfigError):
    default_message = "The exam configuration could not be downloaded."


class ReconfigureRefused(ConfigError):
    default_message = "This exam does not allow loading another configuration while it is running."


# -- a local file that cannot be read, and the kinds of DownloadError (launcher.opening) ------
class FileUnreadable(ConfigError):
    default_message = "The configuration file could not be opened."


class ServerSentWebPage(DownloadError):
    default_message = (
        "The server sent a web page, not an exam configuration (are you signed in?)."
    )


class HttpStatusError(DownloadError):
    default_message = "The server refused to send the exam configuration."

    def __init__(self, message: str | None = None, detail: str = "", *, status: int = 0) -> None:
        super().__init__(message or f"The server answered with an error (HTTP {status}).", detail)
        self.status = status


class DownloadTimeout(DownloadError):
    default_message = "The server did not answer in time."


class InsecureConnection(DownloadError):
    default_message = (
        "The secure connection to the server could not be verified, so the configuration was "
        "not downloaded."
    )


class NetworkFailure(DownloadError):
    default_message = "The server could not be reached. Check the network connection."


class InvalidLink(NetworkFailure):
    default_message = "This link is not a valid web address."


class TooManyRedirects(DownloadError):
    default_message = "The server redirected too many times."


class DownloadCancelled(DownloadError):
    default_message = "The download was cancelled."
