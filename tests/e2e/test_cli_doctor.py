"""``seb-launcher doctor`` as a real process: the demo exam passes; a Moodle-like server that
has another Config Key registered refuses, and the doctor says so and why; redirects are listed
hop by hop with each hop's own hashes; ``--json`` for scripts."""

from __future__ import annotations

import hashlib
import json

from support.cli import run_cli, user_env
from support.moodle import make_moodle
from support.servers import Response, http_server, make_server  # noqa: F401

from launcher.config import plist
from launcher.config.keys import config_key
from launcher.opening.demo import DemoExam


def test_doctor_passes_the_demo_exam(tmp_path):
    demo = DemoExam().start()
    try:
        path = tmp_path / "demo.seb"
        path.write_bytes(demo.config_bytes())
        proc = run_cli("doctor", path, env=user_env(tmp_path))
        checks = list(demo.checks)
    finally:
        demo.stop()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Result:           PASS" in proc.stdout
    assert "SEB refusal:      none seen" in proc.stdout
    assert checks and all(ok for _path, ok in checks)  # the demo server verified the headers
    key = config_key(plist.loads(path.read_bytes()))
    assert f"Config Key:       {key}" in proc.stdout


def _moodle_seb(tmp_path, moodle) -> str:
    path = tmp_path / "quiz.seb"
    path.write_bytes(moodle.seb_config)
    return str(path)


def test_doctor_says_why_a_server_refuses_the_key(http_server, tmp_path):
    moodle = make_moodle(http_server, guest_quiz=True)
    moodle.config_key = "0" * 64  # the server has another configuration's key registered
    proc = run_cli("doctor", _moodle_seb(tmp_path, moodle), env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "SEB refusal:      yes, Moodle: This quiz has been configured so that students may only" in proc.stdout
    assert "Problem: The page reads as an SEB refusal by Moodle" in proc.stdout
    assert "Result:           FAIL" in proc.stdout
    assert moodle.refusals[0] == moodle.quiz_url()


def test_doctor_json_lists_each_redirect_hop_with_its_own_hashes(http_server, tmp_path):
    moodle = make_moodle(http_server, guest_quiz=True)
    http_server.route("/course/go.php", Response(status=302, headers=[("Location", moodle.quiz_url())]))
    start = http_server.url("/course/go.php?id=3")
    proc = run_cli("doctor", _moodle_seb(tmp_path, moodle), start, "--json", env=user_env(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    key = config_key(plist.loads(moodle.seb_config))
    assert [h["url"] for h in report["hops"]] == [start, moodle.quiz_url()]
    assert report["hops"][0]["outcome"] == "redirect (3xx)"
    for hop in report["hops"]:
        assert hop["config_key_hash"] == hashlib.sha256((hop["url"] + key).encode()).hexdigest()
    assert report["final_url"] == moodle.quiz_url() and report["final_status"] == 200
    assert report["ok"] is True and report["config_key"] == key
    assert moodle.refusals == []


def test_doctor_on_a_sign_in_link_explains_it_cannot_sign_in(http_server, tmp_path):
    moodle = make_moodle(http_server)
    proc = run_cli("doctor", moodle.seb_link(), env=user_env(tmp_path))
    assert proc.returncode == 1
    assert "the doctor cannot sign in" in proc.stderr and "Traceback" not in proc.stderr


def test_doctor_fails_when_only_moodles_javascript_check_lets_the_page_in(http_server, tmp_path):
    moodle = make_moodle(http_server, guest_quiz=True, wwwroot_setting="https://moodle.example")
    proc = run_cli("doctor", _moodle_seb(tmp_path, moodle), "--json", env=user_env(tmp_path))
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert report["final_url"] == moodle.quiz_url()
    assert report["refusal"] is None  # the last page is the quiz ...
    assert report["hops"][0]["refusal"]["server"] == "Moodle"  # ... after a refusal by headers
    assert "only let the page in afterwards" in report["problems"][0]
    assert ("key_ok", "session", "https://moodle.example/mod/quiz/view.php?id=7") in moodle.events


def test_doctor_names_urls_whose_hash_a_server_computes_over_another_form(http_server, tmp_path):
    # the start page sends the student on with a link as the LMS wrote it (lower-case escape,
    # escaped letter); a server hashing its request line (Moodle, Open edX) refuses that hash
    http_server.route("/start", "<a id=go href='/q?next=%2fcourses&n=%41'>quiz</a>"
                                "<script>onload = () => setTimeout(() => document.getElementById('go').click(), 200)</script>")
    http_server.route("/q", "<p>quiz</p>")
    path = tmp_path / "exam.seb"
    path.write_bytes(plist.dumps({"startURL": http_server.url("/start"), "sendBrowserExamKey": True,
                                  "allowVirtualMachine": True}))
    proc = run_cli("doctor", path, "--json", env=user_env(tmp_path))
    report = json.loads(proc.stdout)
    hop = report["hops"][-1]
    assert hop["url"] == http_server.url("/q?next=%2Fcourses&n=A")  # what the headers hash
    assert hop["wire_url"] == http_server.url("/q?next=%2fcourses&n=%41")  # what went out
    assert [r.target for r in http_server.requests_to("/q")] == ["/q?next=%2fcourses&n=%41"]
    assert any("lower case (%2f)" in n for n in hop["hash_notes"])
    assert any("(%41)" in n for n in hop["hash_notes"])
    assert any("another form than the request line" in n and "/q?next=%2Fcourses&n=A" in n for n in report["notes"])
    assert report["hops"][0]["hash_notes"] == []  # the start page went out as hashed

    # an Open edX path Django rebuilds, given as the page to check: named too
    proc = run_cli("doctor", path, http_server.url("/courses/a%3Ab;c?d=50%"), env=user_env(tmp_path))
    assert "hash may not match: on Open edX the seb-openedx plugin hashes the path as Django rebuilds it (/courses/a:b%3Bc)" in proc.stdout
    assert f"{http_server.url('/courses/a%3Ab;c?d=50%')} is loaded here (and by the launcher) as " \
           f"{http_server.url('/courses/a%3Ab;c?d=50%25')}" in proc.stdout


def test_doctor_names_moodles_quote_escaping_when_moodle_computed_the_key(http_server, tmp_path):
    """A value with a double quote (here a permitted program's argument, as in SEB for Windows'
    own SebClient.seb): SEB writes it raw into the Config Key's JSON, Moodle's json_encode as \\".
    Moodle registers its own key; the doctor fails and says why, with the key Moodle has."""
    from support.moodle import moodle_config_key

    from launcher.config.keys import config_key_quotes_escaped

    moodle = make_moodle(http_server, guest_quiz=True, settings={
        "browserWindowTitleSuffix": 'the "final" exam', "allowWlan": False, "allowWLAN": False})
    settings = plist.loads(moodle.seb_config)
    assert moodle.config_key == moodle_config_key(settings) == config_key_quotes_escaped(settings)
    proc = run_cli("doctor", _moodle_seb(tmp_path, moodle), env=user_env(tmp_path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    risks = [line for line in proc.stdout.splitlines() if line.startswith("Risk: ")]
    quote = next(r for r in risks if "double quote" in r)
    assert "/browserWindowTitleSuffix" in quote and "Moodle's json_encode" in quote
    assert moodle.config_key in quote and config_key(settings) not in quote
    assert any("both allowWlan and allowWLAN" in r and "SEB for iOS" in r for r in risks)
    assert f"Config Key:       {config_key(settings)}" in proc.stdout
