"""The Qt-free SEB Server client against the strict double: every request as the spec says."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from launcher.config import plist
from launcher.server.client import Exam, ExamApiClient, parse_instruction
from launcher.server.errors import ServerError, ServerUnreachable
from launcher.server.settings import ServerSettings
from launcher.server.signature import open_signature_key, signature_key
from tests.support.seb_server import SebServerDouble, seb_server  # noqa: F401

EXAM_CONFIG = plist.dumps({"startURL": "https://lms.invalid/elsewhere", "allowVirtualMachine": True})


def settings_for(server: SebServerDouble, **conf: object) -> ServerSettings:
    raw = {
        "sebMode": 1,
        "sebServerURL": server.url,
        "sebServerFallbackAttempts": conf.pop("attempts", 2),
        "sebServerFallbackAttemptInterval": 10,
        "sebServerFallbackTimeout": 5000,
        "sebServerConfiguration": {
            "institution": server.institution,
            "clientName": conf.pop("clientName", server.client_name),
            "clientSecret": conf.pop("clientSecret", server.client_secret),
            "apiDiscovery": "/exam-api/discovery",
            "pingInterval": 500,
            **conf,
        },
    }
    return ServerSettings.from_raw(raw)


def form(req) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(req.body.decode()).items()}


def test_full_handshake_as_the_spec_says(seb_server: SebServerDouble) -> None:
    seb_server.add_exam("42", "Algebra", "http://127.0.0.1:1/quiz", EXAM_CONFIG, bek="b" * 64)
    client = ExamApiClient(settings_for(seb_server, exam="42"))
    exams = client.create_connection("42")
    assert [(e.id, e.name) for e in exams] == [("42", "Algebra")]
    assert client.exam_configuration(exams[0]) == EXAM_CONFIG
    client.select_exam(exams[0])
    assert client.salt == "0123456789abcdef" and client.server_bek == "b" * 64
    client.establish("our app signature")
    conn = seb_server.connection()
    assert conn.status == 2 and conn.exam == "42"
    assert open_signature_key(conn.token, client.salt, conn.signature_key) == "our app signature"
    create = seb_server.requests_to("/exam-api/v1/handshake")[0]
    fields = form(create)
    assert fields["institutionId"] == "1" and fields["examId"] == "42"
    assert {"client_id", "seb_machine_name", "seb_os_name", "seb_version"} <= fields.keys()
    token_req = seb_server.requests_to("/oauth/token")[0]
    assert token_req.header("Authorization").startswith("Basic ")
    assert form(token_req) == {"grant_type": "client_credentials", "scope": "read write"}
    client.disconnect()
    assert conn.status == 4
    assert form(seb_server.requests_to("/exam-api/v1/handshake")[-1]) == {"delete": "true"}


def test_pings_confirm_instructions_and_events(seb_server: SebServerDouble) -> None:
    seb_server.add_exam("42", "Algebra", "http://x.invalid/", EXAM_CONFIG)
    client = ExamApiClient(settings_for(seb_server))
    client.create_connection()
    assert client.ping(1) is None
    cid = seb_server.queue("SEB_FORCE_LOCK_SCREEN", {"message": "Wait"}, confirm=True)
    got = client.ping(2)
    assert got is not None and got.name == "SEB_FORCE_LOCK_SCREEN" and got.confirm == cid
    assert client.ping(3, got.confirm) is None
    assert [(p.number, p.confirm) for p in seb_server.pings] == [(1, ""), (2, ""), (3, cid)]
    client.send_event("NOTIFICATION", "<lockscreen> Wait", 1)
    assert seb_server.events[-1]["type"] == "NOTIFICATION" and seb_server.events[-1]["numericValue"] == 1
    assert seb_server.requests_to("/exam-api/v1/seblog")[0].header("Content-Type") == "application/json;charset=UTF-8"


def test_an_expired_token_is_renewed_once_and_the_request_repeated(seb_server: SebServerDouble) -> None:
    seb_server.add_exam("42", "Algebra", "http://x.invalid/", EXAM_CONFIG)
    client = ExamApiClient(settings_for(seb_server))
    client.create_connection()
    seb_server.expire_tokens()
    assert client.ping(1) is None
    assert len(seb_server.requests_to("/oauth/token")) == 2
    assert [p.number for p in seb_server.pings] == [1]


def test_wrong_credentials_are_named(seb_server: SebServerDouble) -> None:
    client = ExamApiClient(settings_for(seb_server, clientSecret="wrong"))
    with pytest.raises(ServerError) as err:
        client.create_connection()
    assert err.value.step == "access token"
    assert "refused the client credentials" in err.value.message
    assert "wrong" not in (err.value.detail + err.value.message)


def test_no_running_exam_is_named(seb_server: SebServerDouble) -> None:
    client = ExamApiClient(settings_for(seb_server))
    with pytest.raises(ServerError) as err:
        client.create_connection()
    assert err.value.step == "exam list"
    assert err.value.message == "No exam is running for this institution on the exam server."


def test_an_exam_that_is_not_running_is_named(seb_server: SebServerDouble) -> None:
    seb_server.allow_refusals = True
    client = ExamApiClient(settings_for(seb_server))
    with pytest.raises(ServerError) as err:
        client.create_connection("99")
    assert err.value.step == "handshake" and "99" in err.value.message


def test_down_server_is_tried_as_often_as_configured(seb_server: SebServerDouble) -> None:
    seb_server.fail_next(2, 503)
    client = ExamApiClient(settings_for(seb_server, attempts=3))
    client.discover()
    assert len(seb_server.requests_to("/exam-api/discovery")) == 3
    seb_server.go_down()
    client2 = ExamApiClient(settings_for(seb_server, attempts=2))
    with pytest.raises(ServerUnreachable) as err:
        client2.discover()
    assert err.value.step == "discovery"


def test_the_double_refuses_what_the_real_server_refuses(seb_server: SebServerDouble) -> None:
    """The strictness the launcher's tests rely on, checked once."""
    import http.client

    seb_server.allow_refusals = True
    seb_server.add_exam("42", "Algebra", "http://x.invalid/", EXAM_CONFIG)
    client = ExamApiClient(settings_for(seb_server))
    client.create_connection()

    def raw(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", seb_server.port, timeout=5)
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()

    bearer = {"Authorization": "Bearer " + client._access_token}
    formtype = {"Content-Type": "application/x-www-form-urlencoded"}
    assert raw("GET", "/exam-api/v1/sebping", bearer)[0] == 405
    assert raw("POST", "/exam-api/v1/sebping", formtype)[0] == 401
    assert raw("PATCH", "/exam-api/v1/handshake", {**bearer, "SEBConnectionToken": "nope", **formtype})[0] == 404
    assert json.loads(raw("PATCH", "/exam-api/v1/handshake",
                          {**bearer, "SEBConnectionToken": "nope", **formtype})[1])[0]["messageCode"] == "1002"
    assert raw("PUT", "/exam-api/v1/handshake", {**bearer, "SEBConnectionToken": client.connection_token})[0] == 415
    assert raw("POST", "/exam-api/v1/handshake", {**bearer, **formtype}, b"institutionId=2")[0] == 400
    assert raw("PATCH", "/exam-api/v1/handshake", {**bearer, **formtype})[0] == 400
    assert [r.status for r in seb_server.refused] == [405, 401, 404, 404, 415, 400, 400]


def test_instruction_parsing_ignores_unknown_and_broken_answers() -> None:
    got = parse_instruction(b'{"instruction":"SEB_QUIT"}')
    assert got is not None and got.name == "SEB_QUIT" and got.confirm == ""
    assert parse_instruction(b'{"instruction":"SEB_FORCE_LMS_LOGIN"}') is None
    assert parse_instruction(b"not json") is None


def test_signature_key_round_trip_and_fresh_iv() -> None:
    a = signature_key("token-1", "0011223344556677", "plain")
    b = signature_key("token-1", "0011223344556677", "plain")
    assert a != b and len(bytes.fromhex(a)) == 16 + 5 + 16
    assert open_signature_key("token-1", "0011223344556677", a) == "plain"


def test_settings_name_the_missing_key() -> None:
    with pytest.raises(ServerError) as err:
        ServerSettings.from_raw({"sebMode": 1, "sebServerURL": "https://seb.example.org",
                                 "sebServerConfiguration": {"institution": "1"}})
    assert "clientName" in err.value.message
    s = ServerSettings.from_raw({"sebServerURL": "https://s", "sebServerConfiguration": {
        "institution": 3, "clientName": "n", "clientSecret": "zq-secret", "pingInterval": "fast"}})
    assert s.ping_interval_ms == 1000 and s.institution == "3" and "zq-secret" not in repr(s)


def test_errors_never_quote_the_connection_token(seb_server: SebServerDouble) -> None:
    seb_server.allow_refusals = True
    seb_server.add_exam("42", "Algebra", "http://x.invalid/", EXAM_CONFIG)
    client = ExamApiClient(settings_for(seb_server))
    client.create_connection()
    token = client.connection_token
    seb_server.connections.clear()  # the server forgot the connection: 404 quoting the token
    with pytest.raises(ServerError) as err:
        client.select_exam(Exam("42", "Algebra", "http://x.invalid/"))
    assert err.value.status == 404
    assert token not in err.value.detail and "<redacted>" in err.value.detail


def test_tls_is_verified_and_embedded_certificates_are_trusted() -> None:
    from launcher.config.settings import Settings
    from launcher.server.settings import ssl_context_for

    server = SebServerDouble(tls=True)
    try:
        server.add_exam("42", "Algebra", "https://x.invalid/", EXAM_CONFIG)
        with pytest.raises(ServerUnreachable) as err:
            ExamApiClient(settings_for(server, attempts=1)).discover()
        assert "certificate is not trusted" in err.value.message
        embedded = Settings.from_dict({"embeddedCertificates": [
            {"type": 0, "name": "exam server", "certificateData": server.cert_der}]})
        client = ExamApiClient(settings_for(server), ssl_context=ssl_context_for(embedded))
        assert [e.id for e in client.create_connection()] == ["42"]
        assert server.refused == []
    finally:
        server.stop()


def test_tries_wait_the_configured_interval_between_them(seb_server: SebServerDouble) -> None:
    seb_server.fail_next(2, 503)
    waits: list[float] = []
    raw = {"sebServerURL": seb_server.url, "sebServerFallbackAttempts": 3, "sebServerFallbackAttemptInterval": 750,
           "sebServerConfiguration": {"institution": seb_server.institution, "clientName": seb_server.client_name,
                                      "clientSecret": seb_server.client_secret,
                                      "apiDiscovery": "/exam-api/discovery"}}
    ExamApiClient(ServerSettings.from_raw(raw), sleep=waits.append).discover()
    assert waits == [0.75, 0.75]  # between the three tries, none after the last


def test_a_server_that_does_not_answer_gives_up_at_the_configured_timeout() -> None:
    import socket
    import threading

    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    try:
        raw = {"sebServerURL": f"http://127.0.0.1:{silent.getsockname()[1]}", "sebServerFallbackAttempts": 1,
               "sebServerFallbackTimeout": 1000,
               "sebServerConfiguration": {"institution": "1", "clientName": "n", "clientSecret": "s"}}
        errors: list[BaseException] = []

        def discover() -> None:
            try:
                ExamApiClient(ServerSettings.from_raw(raw)).discover()
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        worker = threading.Thread(target=discover, daemon=True)
        worker.start()
        worker.join(20)  # generous; SEB's default of 30 s would still be waiting
        assert not worker.is_alive(), "the 1 s sebServerFallbackTimeout was not applied"
        assert len(errors) == 1 and isinstance(errors[0], ServerUnreachable)
        assert errors[0].step == "discovery"
    finally:
        silent.close()


def test_the_configured_api_discovery_path_is_asked(seb_server: SebServerDouble) -> None:
    seb_server.allow_refusals = True
    client = ExamApiClient(settings_for(seb_server, apiDiscovery="/other/discovery"))
    with pytest.raises(ServerError) as err:
        client.discover()
    assert err.value.step == "discovery"
    assert seb_server.requests_to("/other/discovery") and not seb_server.requests_to("/exam-api/discovery")
