"""The sentence a student reads for each exam-server failure, in the student's language.

One job: map a :class:`~launcher.server.errors.ServerError` by its ``kind`` to a translated
headline, and build the English technical detail (sentence, step, HTTP status) shown under
"Show Details…". The core keeps its English sentences for the log and the command line.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from launcher.server.errors import ServerError

log = logging.getLogger(__name__)


def _sentence(kind: str, subject: str, status: int) -> str:
    if kind == "unreachable":
        return QCoreApplication.translate("ServerError", "The exam server cannot be reached. Check the network connection.")
    if kind == "untrusted-certificate":
        return QCoreApplication.translate("ServerError", "The exam server's certificate is not trusted, so no connection was made.")
    if kind == "discovery-failed":
        return QCoreApplication.translate("ServerError", "The exam server did not answer as expected. The server address may be wrong.")
    if kind == "no-exam-api":
        return QCoreApplication.translate("ServerError", "The exam server does not offer the exam interface. It may not be a SEB Server.")
    if kind == "credentials-refused":
        return QCoreApplication.translate("ServerError", "The exam server refused the access details of this configuration.")
    if kind in ("no-access-token", "no-connection"):
        return QCoreApplication.translate("ServerError", "The exam server did not open a connection.")
    if kind == "access-refused":
        return QCoreApplication.translate("ServerError", "The exam server refused this computer's access.")
    if kind == "exam-not-running":
        return QCoreApplication.translate(
            "ServerError", "The exam {exam} is not running on the exam server, or is not open to this institution."
        ).format(exam=subject)
    if kind == "institution-refused":
        return QCoreApplication.translate(
            "ServerError", "The exam server refused the connection for this institution. The configuration may "
            "belong to another institution."
        )
    if kind == "exam-list-unreadable":
        return QCoreApplication.translate("ServerError", "The exam server sent a list of exams that cannot be read.")
    if kind == "no-exams":
        return QCoreApplication.translate("ServerError", "No exam is running for this institution on the exam server.")
    if kind == "no-exam-chosen":
        return QCoreApplication.translate("ServerError", "This configuration names no exam, and there is no screen to choose one.")
    if kind == "configuration-unavailable":
        return QCoreApplication.translate("ServerError", "The exam server could not send the exam's settings. The exam may have ended.")
    if kind == "configuration-empty":
        return QCoreApplication.translate("ServerError", "The exam server sent empty exam settings.")
    if kind == "exam-refused":
        return QCoreApplication.translate("ServerError", "The exam server refused the chosen exam.")
    if kind == "connection-refused":
        return QCoreApplication.translate("ServerError", "The exam server did not accept the connection.")
    if kind == "error-answer":
        return QCoreApplication.translate("ServerError", "The exam server answered with an error (HTTP {status}).").format(status=status)
    if kind == "not-server-configuration":
        return QCoreApplication.translate("ServerError", "This configuration does not connect to an exam server.")
    if kind == "missing-server-url":
        return QCoreApplication.translate("ServerError", "This configuration lacks the address of the exam server.")
    if kind == "bad-server-url":
        return QCoreApplication.translate("ServerError", "The exam server address in this configuration is not a web address.")
    if kind == "missing-server-configuration":
        return QCoreApplication.translate("ServerError", "This configuration lacks the exam server's connection details.")
    if kind == "missing-institution":
        return QCoreApplication.translate("ServerError", "This configuration lacks the institution on the exam server.")
    if kind == "missing-client-credentials":
        return QCoreApplication.translate("ServerError", "This configuration lacks the access details for the exam server.")
    if kind in ("proctoring-instruction-incomplete", "proctoring-credentials-refused",
                "proctoring-no-access-token", "proctoring-no-session"):
        return QCoreApplication.translate("ServerError", "Screen proctoring could not start.")
    if kind == "proctoring-screenshot-refused":
        return QCoreApplication.translate("ServerError", "The screen proctoring service did not take a screenshot.")
    if kind == "proctoring-close-failed":
        return QCoreApplication.translate("ServerError", "The screen proctoring session could not be closed.")
    if kind in ("proctoring-unreachable", "proctoring-health-unknown"):
        return QCoreApplication.translate("ServerError", "The screen proctoring service cannot be reached.")
    return QCoreApplication.translate("ServerError", "The connection to the exam server failed.")


def server_message_for(error: ServerError) -> str:
    """The translated headline for ``error`` (by its ``kind``)."""
    return _sentence(getattr(error, "kind", ""), getattr(error, "subject", ""), getattr(error, "status", 0))


def server_detail_for(error: ServerError) -> str:
    """The English technical detail for "Show Details…": the core's sentence, step, HTTP
    status and what was seen (the same words the log has)."""
    lines = [error.message]
    if error.step:
        lines.append(f"Step: {error.step}")
    if error.status:
        lines.append(f"HTTP status: {error.status}")
    if error.detail:
        lines.append(error.detail)
    return "\n".join(x for x in lines if x)
