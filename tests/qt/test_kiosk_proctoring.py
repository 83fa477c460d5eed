"""A proctoring page on one HTTPS origin embeds the exam from another in an IFRAME: the exam's
third-party cookies work, the camera follows the settings, and TLS trusts only the certificate
the configuration embeds."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from support.servers import Request, Response


def _sites(make_server: Any) -> tuple[Any, Any, dict[str, Any]]:
    proctor = make_server(tls=True)  # reached as https://localhost:P
    exam = make_server(tls=True, host="127.0.0.2")  # another site: https://127.0.0.2:Q
    state: dict[str, Any] = {"camera": [], "sessions": {}, "finished": []}

    proctor.page("/proctor", "proctor.html", exam=exam.origin)
    proctor.route("/camera", lambda req: state["camera"].append(req.body.decode()) or "ok")

    def start(req: Request) -> Response:
        token = secrets.token_hex(8)
        q = req.query
        state["sessions"][token] = (q["login"][0], q["assessment"][0])
        return Response(
            "",
            status=302,
            headers=[
                ("Location", "/assessment"),
                ("Set-Cookie", f"examsess={token}; Path=/; SameSite=None; Secure; HttpOnly"),
            ],
        )

    def assessment(req: Request) -> str:
        who = state["sessions"].get(req.cookies.get("examsess", ""))
        if who is None:
            return "<p id='nosession'>No exam session (cookie missing)</p>"
        return (
            f"<p id='who'>Assessment {who[1]} for {who[0]}</p>"
            "<form method='post' action='/finish'><button id='finish'>Finish</button></form>"
        )

    def finish(req: Request) -> str:
        who = state["sessions"].get(req.cookies.get("examsess", ""))
        state["finished"].append(who)
        return "<p id='done'>Submitted</p>" if who else "<p id='nosession'>No exam session</p>"

    exam.route("/start", start)
    exam.route("/assessment", assessment)
    exam.route("/finish", finish)
    return proctor, exam, state


def _trust(server: Any) -> list[dict[str, Any]]:
    return [{"type": 0, "name": "localhost test server", "certificateData": server.cert_der}]


@pytest.mark.parametrize("camera", [True, False])
def test_proctored_exam_in_an_iframe(start_exam: Any, make_server: Any, qtbot: Any, camera: bool) -> None:
    proctor, exam, state = _sites(make_server)
    run = start_exam({
        "startURL": proctor.url("/proctor", host="localhost"),
        "embeddedCertificates": _trust(proctor),
        "allowVideoCapture": camera,
        "sendBrowserExamKey": True,
    })
    run.wait_js("window.cameraResult !== null")
    result = run.js("window.cameraResult")
    if camera:
        assert result == "granted:1"
    else:
        assert result.startswith("denied:")  # NotAllowedError or AbortError, as the engine words it
    qtbot.waitUntil(lambda: state["camera"] == [result])

    # sign up with a login and an assessment id; the exam opens in the iframe
    run.js("document.getElementById('login').value = 'alice';"
           "document.getElementById('assessment').value = 'A-42';"
           "document.getElementById('go').click(); 1")
    qtbot.waitUntil(lambda: bool(exam.requests_to("/assessment")))
    run.wait_frame_js("!!document.getElementById('who')")
    assert run.frame_js("document.getElementById('who').innerText") == "Assessment A-42 for alice"
    assert exam.requests_to("/assessment")[0].cookies.get("examsess")  # third-party cookie sent
    # the exam frame has the JS API; the exam host is not the page's host: no headers to it
    assert len(run.frame_js("window.SafeExamBrowser.security.configKey")) == 64
    assert all("X-SafeExamBrowser-RequestHash" not in r.headers for r in exam.requests)
    assert all("X-SafeExamBrowser-RequestHash" in r.headers for r in proctor.requests)

    run.frame_js("document.getElementById('finish').click(); 1")
    qtbot.waitUntil(lambda: state["finished"] == [("alice", "A-42")])
    run.wait_frame_js("!!document.getElementById('done')")


def test_untrusted_certificate_is_rejected(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    proctor, _exam, _state = _sites(make_server)
    run = start_exam({"startURL": proctor.url("/proctor", host="localhost")}, wait_load=False)
    qtbot.waitUntil(lambda: run.window is not None and run.window.taskbar.notice.isVisible(), timeout=15_000)
    assert "not trusted" in run.window.taskbar.notice.text()
    assert proctor.requests_to("/proctor") == []


def test_a_different_embedded_certificate_does_not_help(start_exam: Any, make_server: Any, qtbot: Any) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from support.certs import self_signed_certificate

    key = ec.generate_private_key(ec.SECP256R1())
    other = self_signed_certificate(key, "localhost", days=1).public_bytes(serialization.Encoding.DER)
    proctor, _exam, _state = _sites(make_server)
    run = start_exam(
        {"startURL": proctor.url("/proctor", host="localhost"),
         "embeddedCertificates": [{"type": 0, "name": "x", "certificateData": other}]},
        wait_load=False,
    )
    qtbot.waitUntil(lambda: run.window is not None and run.window.taskbar.notice.isVisible(), timeout=15_000)
    assert proctor.requests_to("/proctor") == []


@pytest.mark.parametrize(("video", "audio", "granted"), [(True, True, True), (True, False, False), (False, True, False)])
def test_camera_and_microphone_together_need_both(
    start_exam: Any, http_server: Any, qtbot: Any, video: bool, audio: bool, granted: bool
) -> None:
    http_server.route("/exam", """<!doctype html><p>exam</p><script>
      window.media = null;
      navigator.mediaDevices.getUserMedia({video: true, audio: true}).then(
        function (s) { window.media = 'granted:' + s.getTracks().length; },
        function (e) { window.media = 'denied:' + e.name; });
    </script>""")
    run = start_exam({"startURL": http_server.url("/exam"), "allowVideoCapture": video, "allowAudioCapture": audio})
    run.wait_js("window.media !== null")
    result = run.js("window.media")
    assert (result == "granted:2") if granted else result.startswith("denied:")
