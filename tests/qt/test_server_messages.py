"""Every exam-server failure has its own sentence in the student's language; the English one
stays in the technical detail and the log."""

from __future__ import annotations

import pytest

from launcher.server.errors import KINDS, ServerError, ServerUnreachable
from launcher.server.settings import ServerSettings
from launcher.ui import messages
from launcher.ui.server_messages import server_detail_for, server_message_for


def test_every_kind_has_its_own_sentence(qapp):
    generic = server_message_for(ServerError())
    sentences = {kind: server_message_for(ServerError(kind=kind, subject="42", status=502)) for kind in KINDS}
    assert [k for k, text in sentences.items() if text == generic] == ["failed"]
    assert sentences["exam-not-running"].startswith("The exam 42 ")
    assert "HTTP 502" in sentences["error-answer"]


@pytest.mark.parametrize("lang, expected", [
    ("de", "Auf dem Prüfungsserver läuft keine Prüfung für diese Institution."),
    ("fr", "Aucun examen n'est en cours pour cet établissement sur le serveur d'examen."),
])
def test_no_exams_in_the_students_language(language, lang, expected):
    assert language(lang) == lang
    error = ServerError("No exam is running for this institution on the exam server.", "empty exam list",
                        step="exam list", kind="no-exams")
    assert server_message_for(error) == expected
    detail = server_detail_for(error)
    assert detail.splitlines() == ["No exam is running for this institution on the exam server.",
                                   "Step: exam list", "empty exam list"]


def test_a_configuration_without_the_server_address_is_explained_in_french(language):
    assert language("fr") == "fr"
    with pytest.raises(ServerError) as caught:
        ServerSettings.from_raw({"sebServerURL": ""})
    assert caught.value.message == "This exam server configuration lacks the address of the exam server (sebServerURL)."
    # the error dialog of the opener reads it through message_for
    assert messages.message_for(caught.value) == "Il manque l'adresse du serveur d'examen dans cette configuration."


def test_unreachable_is_its_own_kind_and_french_typography_holds(language):
    assert language("fr") == "fr"
    error = ServerUnreachable("The exam server's certificate is not trusted; the connection was not made.",
                              step="discovery", kind="untrusted-certificate")
    assert server_message_for(ServerUnreachable()) == "Le serveur d'examen est injoignable. Vérifiez la connexion réseau."
    assert "\u00a0;" in server_message_for(error)
