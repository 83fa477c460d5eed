"""The one error of a SEB Server conversation: which step failed, in words to pass on."""

from __future__ import annotations

from launcher.config.errors import ConfigError


class ServerError(ConfigError):
    """A step of the conversation with the exam server failed.

    ``step`` names the step (``"discovery"``, ``"access token"``, ``"handshake"``, ``"exam
    list"``, ``"exam configuration"``, ``"exam selection"``, ``"connection"``, ``"ping"``,
    ``"log"``, ``"disconnect"``); ``message`` is one sentence a student can read out to an
    invigilator; ``status`` is the HTTP status when there was an answer (0 when none).
    """

    default_message = "The connection to the exam server failed."

    def __init__(self, message: str | None = None, detail: str = "", *, step: str = "", status: int = 0) -> None:
        super().__init__(message, detail)
        self.step = step
        self.status = status


class ServerUnreachable(ServerError):
    """No answer at all (refused, unknown host, timeout, TLS failure)."""

    default_message = "The exam server cannot be reached."


class TokenExpired(ServerError):
    """The access token is no longer accepted (``invalid_token``): fetch a new one."""
