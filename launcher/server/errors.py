"""The one error of a SEB Server conversation: which step failed, in words to pass on."""

from __future__ import annotations

from launcher.config.errors import ConfigError


class ServerError(ConfigError):
    """A step of the conversation with the exam server failed.

    ``step`` names the step (``"discovery"``, ``"access token"``, ``"handshake"``, ``"exam
    list"``, ``"exam configuration"``, ``"exam selection"``, ``"connection"``, ``"ping"``,
    ``"log"``, ``"disconnect"``); ``message`` is one sentence a student can read out to an
    invigilator (English: the log and the command line); ``status`` is the HTTP status when
    there was an answer (0 when none). ``kind`` is a stable code (one of :data:`KINDS`) the UI
    maps to a sentence in the student's language (``launcher.ui.server_messages``);
    ``subject`` is the one value that sentence names (an exam id), if any.
    """

    default_message = "The connection to the exam server failed."
    default_kind = "failed"

    def __init__(self, message: str | None = None, detail: str = "", *, step: str = "", status: int = 0,
                 kind: str = "", subject: str = "") -> None:
        super().__init__(message, detail)
        self.step = step
        self.status = status
        self.kind = kind or self.default_kind
        self.subject = subject


class ServerUnreachable(ServerError):
    """No answer at all (refused, unknown host, timeout, TLS failure)."""

    default_message = "The exam server cannot be reached."
    default_kind = "unreachable"


class TokenExpired(ServerError):
    """The access token is no longer accepted (``invalid_token``): fetch a new one."""


#: Every ``ServerError.kind``: the UI has one translated sentence for each.
KINDS = (
    "failed", "unreachable", "untrusted-certificate", "discovery-failed", "no-exam-api",
    "credentials-refused", "no-access-token", "access-refused", "exam-not-running",
    "institution-refused", "no-connection", "exam-list-unreadable", "no-exams", "no-exam-chosen",
    "configuration-unavailable", "configuration-empty", "exam-refused", "connection-refused",
    "error-answer", "not-server-configuration", "missing-server-url", "bad-server-url",
    "missing-server-configuration", "missing-institution", "missing-client-credentials",
    "proctoring-instruction-incomplete", "proctoring-no-session", "proctoring-credentials-refused",
    "proctoring-no-access-token", "proctoring-screenshot-refused", "proctoring-close-failed",
    "proctoring-unreachable", "proctoring-health-unknown",
)
