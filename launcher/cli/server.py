"""``seb-launcher server check FILE``: the first tool an admin runs for a SEB Server setup.

One job: connect with a connection configuration (``sebMode`` 1) the way the launcher does —
discovery, access token, handshake — list the running exams, close the connection again, and
say exactly which step failed. Exit 0 when every step worked, 1 otherwise; ``--json`` prints
one object. Prints no secret (client secret, tokens).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from launcher.cli._common import OneLineParser, add_secret_options, run
from launcher.exit_codes import EXIT_ERROR, EXIT_OK

PROG = "seb-launcher server"
STEPS = ("settings", "discovery", "access token", "handshake", "exam list")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG, description="Check a SEB Server connection configuration.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True
    p = sub.add_parser("check", help="connect to the exam server of FILE and list its running exams")
    p.add_argument("file", metavar="FILE.seb", help="connection configuration (sebMode 1)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_secret_options(p, what="the configuration's password")
    return parser


def check(raw: dict[str, Any]) -> dict[str, Any]:
    """Run the steps; a report with ``ok``, ``steps`` (name, ok, note), ``exams`` and ``error``."""
    from launcher.server.client import ExamApiClient
    from launcher.server.errors import ServerError
    from launcher.server.settings import ServerSettings

    report: dict[str, Any] = {"ok": False, "server": "", "steps": [], "exams": [], "error": None}

    def step(name: str, note: str = "") -> None:
        report["steps"].append({"step": name, "ok": True, "note": note})

    client = None
    try:
        if raw.get("sebMode") != 1:
            raise ServerError("This configuration is not a SEB Server connection configuration (sebMode is not 1).",
                              step="settings", kind="not-server-configuration")
        server = ServerSettings.from_raw(raw)
        report["server"] = server.url
        step("settings", f"institution {server.institution}" + (f", exam {server.exam}" if server.exam else ""))
        client = ExamApiClient(server)
        client.discover()
        step("discovery", "Exam API v1")
        client.fetch_token()
        step("access token")
        exams = client.create_connection(server.exam)
        step("handshake")
        report["exams"] = [{"id": e.id, "name": e.name, "url": e.url, "lms": e.lms_type} for e in exams]
        step("exam list", f"{len(exams)} running exam(s)")
        report["ok"] = True
    except ServerError as exc:
        report["error"] = {"step": exc.step or "connection", "message": exc.message, "detail": exc.detail,
                           "status": exc.status}
        report["steps"].append({"step": exc.step or "connection", "ok": False, "note": exc.message})
    finally:
        if client is not None and client.connection_token:
            try:
                client.disconnect(attempts=1)
                report["closed"] = True
            except ServerError:
                report["closed"] = False
    return report


def _print(report: dict[str, Any]) -> None:
    out = sys.stdout
    if report["server"]:
        out.write(f"Exam server: {report['server']}\n")
    for s in report["steps"]:
        mark = "ok" if s["ok"] else "FAILED"
        note = f": {s['note']}" if s["note"] else ""
        out.write(f"  {s['step']:<13} {mark}{note}\n")
    for exam in report["exams"]:
        out.write(f"    {exam['id']}  {exam['name']}  {exam['url']}\n")
    error = report["error"]
    if error:
        out.write(f"Failed at the {error['step']} step: {error['message']}\n")
        if error["detail"]:
            out.write(f"  ({error['detail']})\n")


def cmd_check(args: argparse.Namespace) -> int:
    from launcher.cli.config import load

    args.identity = None
    loaded = load(args, args.file)
    report = check(loaded.settings)
    if args.json:
        sys.stdout.write(json.dumps(report) + "\n")
    else:
        _print(report)
    return EXIT_OK if report["ok"] else EXIT_ERROR


def main(argv: Sequence[str]) -> int:
    """``argv[0]`` is ``server``; returns the exit code."""
    args = build_parser().parse_args(list(argv[1:]))
    return run(f"{PROG} {args.command}", lambda: cmd_check(args))
