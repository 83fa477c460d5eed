"""``seb-launcher doctor FILE|LINK [URL]``: will the exam server accept this exam? For admins.

One job: open a configuration as an exam would (a ``.seb`` file, or a ``seb(s)://``/``http(s)``
link downloaded as the launcher does), load its start page (or ``URL``) headless in the real
browser engine with the exam's headers (``launcher.exam.probe``), and report: each request of the
page with its HTTP status and the two header values sent (per-URL hashes: fine to show), the
final URL, whether the page reads as an SEB refusal (Moodle, Open edX, ILIAS: ``launcher.server.refusals``),
the Config Key and Browser Exam Key to register on the server, the settings that make keys
differ between SEB builds (``explain_mismatch``), and the requests whose header hash a server
may compute over another form of the URL (``launcher.config.wire_url``: the form the page's URL
went out in, when the page shows it, and Open edX's path rebuilds). Exit 0 when the page loaded and nothing reads
as a refusal, 1 otherwise; ``--json`` prints one object for scripts.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from launcher.cli._common import (
    PASSWORD_ENV,
    OneLineParser,
    add_secret_options,
    one_line,
    run,
    secret_from,
)
from launcher.config.errors import ConfigError
from launcher.exit_codes import EXIT_ERROR, EXIT_OK

log = logging.getLogger(__name__)

PROG = "seb-launcher doctor"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Load an exam's start page as the exam would (headless) and say whether the "
        "exam server accepts the launcher's SEB keys; print the keys to register on the server.",
    )
    parser.add_argument("source", metavar="FILE|LINK", help=".seb file, seb(s):// or http(s):// link")
    parser.add_argument("url", metavar="URL", nargs="?", help="load this page instead of the start URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="give up waiting for the page after this long (default 30)")
    add_secret_options(parser, what="the configuration's password")
    return parser


def _app() -> Any:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless by design
    from PySide6.QtWidgets import QApplication

    from launcher.browser import prepare_app
    from launcher.cli.run import _chromium_flags

    _chromium_flags()
    prepare_app()
    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "seb-launcher"])


def _config_bytes(source: str) -> tuple[bytes, str]:
    """The configuration as the open flow gets it: (bytes, where from)."""
    from launcher.opening import sources

    src = sources.classify(source)
    if src.kind == "file":
        return sources.read_local(src.value), src.value
    from PySide6.QtCore import QEventLoop

    from launcher.opening import fetch

    dl = fetch.ConfigDownload(src.value)
    box: list[Any] = []
    loop = QEventLoop()

    def downloaded(body: bytes, final: str) -> None:
        box.append((body, final))
        loop.quit()

    def failed(error: Exception) -> None:
        box.append(error)
        loop.quit()

    dl.succeeded.connect(downloaded)
    dl.failed.connect(failed)
    dl.start()
    if not box:
        loop.exec()
    from launcher.config.errors import ServerSentWebPage

    if isinstance(box[0], ServerSentWebPage):
        raise ServerSentWebPage(
            "The link answered with a web page (a sign-in page?): the doctor cannot sign in. "
            "Download the .seb file from the exam server and give that, with the page URL.",
            box[0].detail,
        )
    if isinstance(box[0], ConfigError):
        raise box[0]
    return box[0]


def diagnose(args: argparse.Namespace) -> dict[str, Any]:
    _app()
    from launcher.config.container import read_config
    from launcher.config.keys import ExamKeys, explain_mismatch
    from launcher.config.settings import Settings
    from launcher.config.start_url import start_url
    from launcher.exam.probe import PageProbe
    from launcher.server.refusals import find_refusal
    from launcher.config.wire_url import wire_differences
    from launcher.opening.sources import for_log

    data, origin = _config_bytes(args.source)
    loaded = read_config(data, password=secret_from(args, "password", default_env=PASSWORD_ENV))
    raw = loaded.settings
    settings = Settings.from_dict(raw)
    keys = ExamKeys.for_settings(raw)
    start = start_url(settings.start_url)
    url = args.url or start.url
    if not url:
        raise ConfigError("The configuration has no start URL; give the page to check as URL.")
    asked = url
    log.info("doctor: loading %s", for_log(url))
    result = PageProbe(loaded, settings, keys, args.url or "").run(int(args.timeout * 1000))
    refusal = find_refusal(result.text)
    hops: list[dict[str, Any]] = []
    earlier: list[tuple[str, Any]] = []  # pages that refused, then went on
    hash_notes: list[str] = []  # URLs whose header hash a server may compute over another string
    for hop in result.hops:
        entry = asdict(hop)
        entry["hash_notes"] = _hash_notes(hop.url, hop.wire_url)
        hash_notes.extend(f"{hop.url}: {note}" for note in entry["hash_notes"] if hop.config_key_hash)
        seen = find_refusal(entry.pop("text"))
        entry["refusal"] = asdict(seen) if seen else None
        hops.append(entry)
        if seen is not None:
            earlier.append((hop.url, seen))
    problems: list[str] = []
    if refusal is not None:
        problems.append(f"The page reads as an SEB refusal by {refusal.server}: \"{refusal.phrase}\". "
                        "Register the keys below on the server, or check the risks.")
    elif earlier:
        url, seen = earlier[0]
        problems.append(
            f"{seen.server} refused the SEB headers on {url} (\"{seen.phrase}\") and only let the page "
            "in afterwards (its JavaScript check?). A server without such a check refuses the "
            "student: compare the URL the server sees (its own address setting, a proxy) with the "
            "one above, and the keys below."
        )
    if result.blocked:
        problems.append("The exam's URL filter blocked a page on the way.")
    if result.timed_out:
        problems.append(f"The page did not finish loading within {args.timeout:g} seconds.")
    elif not result.quit_url and not result.loaded:
        problems.append("The page could not be loaded.")
    if result.final_status is not None and result.final_status >= 400:
        problems.append(f"The server answered HTTP {result.final_status}.")
    notes = [start.warning] if start.warning and not args.url else []
    given = wire_differences(asked)  # the URL as the admin wrote it, as a page may link to it
    if given and result.hops and result.hops[0].url != asked.split("#", 1)[0]:
        notes.append(f"{asked} is loaded here (and by the launcher) as {result.hops[0].url}, and hashed "
                     "so; a page that links to it as written sends it as written, and then "
                     + "; ".join(given) + ".")
    if hash_notes:
        notes.append("The SEB headers of some requests hash the URL in another form than the request "
                     "line: a server that hashes the request line as it arrived (Moodle, Open edX) "
                     "refuses them (" + "; ".join(dict.fromkeys(hash_notes)) + "). Link to such pages "
                     "with upper-case escapes and without escaped letters, digits or '-._~'.")
    if not settings.send_browser_exam_key:
        notes.append("The exam sends no SEB headers (sendBrowserExamKey is off): the server can "
                     "only check the keys through the JavaScript API.")
    if result.quit_url:
        notes.append("The page went to the exam's quit URL.")
    return {
        "ok": not problems,
        "source": for_log(origin),
        "url": url,
        "final_url": result.final_url,
        "final_status": result.final_status,
        "hops": hops,
        "refusal": asdict(refusal) if refusal else None,
        "problems": problems,
        "notes": notes,
        "sends_headers": bool(settings.send_browser_exam_key),
        "config_key": keys.config_key,
        "browser_exam_key": keys.browser_exam_key,
        "risks": explain_mismatch(raw),
        "integrity": _integrity(),
    }


def _integrity() -> dict[str, str]:
    """Whether this user can change the installed launcher, and read the exam's memory."""
    from launcher.lockdown import exposure

    return exposure.report()


def _hash_notes(hashed: str, wire: str) -> list[str]:
    """Why a server may hash another URL than ``hashed`` (``launcher.config.wire_url``): exactly
    when the page's own URL string is known (``wire``), else what the hashed form leaves open."""
    from launcher.config.wire_url import open_edx_difference, possible_differences, wire_differences

    notes = wire_differences(wire) if wire and wire != hashed else possible_differences(hashed)
    edx = open_edx_difference(hashed)
    return notes + ([edx] if edx else [])


def _print_report(report: dict[str, Any]) -> None:
    out = sys.stdout.write
    out(f"Page:             {report['url']}\n")
    for i, hop in enumerate(report["hops"], 1):
        out(f"  {i}. {hop['method']} {hop['url']}  -> {hop['outcome'] or '?'}\n")
        if hop["refusal"]:
            out(f"     page reads as an SEB refusal ({hop['refusal']['server']})\n")
        if hop["config_key_hash"]:
            out(f"     X-SafeExamBrowser-ConfigKeyHash: {hop['config_key_hash']}\n")
            out(f"     X-SafeExamBrowser-RequestHash:   {hop['request_hash']}\n")
            if hop["wire_url"] and hop["wire_url"] != hop["url"]:
                out(f"     sent as:                         {hop['wire_url']}\n")
            for note in hop["hash_notes"]:
                out(f"     hash may not match: {one_line(note)}\n")
        else:
            out("     (no SEB headers sent)\n")
    out(f"Final URL:        {report['final_url'] or '(none)'}\n")
    last = report["hops"][-1]["outcome"] if report["hops"] else ""
    out(f"Final answer:     {last or '?'}\n")
    refusal = report["refusal"]
    out(f"SEB refusal:      {'yes, ' + refusal['server'] + ': ' + refusal['phrase'] if refusal else 'none seen'}\n")
    out(f"Config Key:       {report['config_key']}\n")
    out(f"Browser Exam Key: {report['browser_exam_key']}\n")
    out(f"Installation:     {one_line(report['integrity']['install'])}\n")
    out(f"Exam memory:      {one_line(report['integrity']['memory'])}\n")
    for risk in report["risks"]:
        out(f"Risk: {one_line(risk)}\n")
    for note in report["notes"]:
        out(f"Note: {one_line(note)}\n")
    for problem in report["problems"]:
        out(f"Problem: {one_line(problem)}\n")
    out("Result:           " + ("PASS" if report["ok"] else "FAIL") + "\n")


def main(argv: Sequence[str]) -> int:
    """``argv[0]`` is ``doctor``; returns the exit code."""
    args = build_parser().parse_args(list(argv[1:]))

    def body() -> int:
        report = diagnose(args)
        if args.json:
            sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
        else:
            _print_report(report)
        sys.stdout.flush()
        return EXIT_OK if report["ok"] else EXIT_ERROR

    code = run(PROG, body)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # the engine's teardown adds nothing for a report already printed
