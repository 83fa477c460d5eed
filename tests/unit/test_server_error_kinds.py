"""Every exam-server failure the launcher raises names its kind, and every kind is one the UI
translates (launcher.ui.server_messages has a sentence per entry of KINDS)."""

from __future__ import annotations

import ast
from pathlib import Path

from launcher.server.errors import KINDS, ServerError, ServerUnreachable

ROOT = Path(__file__).resolve().parents[2] / "launcher"
RAISED = ("ServerError", "ServerUnreachable")


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in RAISED:
                found.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", node))
    return found


def test_every_raised_server_error_has_a_known_kind():
    calls = _calls()
    assert len(calls) > 25  # the client, screen proctoring, the settings, the flow, the CLI
    missing, unknown = [], []
    for where, call in calls:
        kind = next((k.value for k in call.keywords if k.arg == "kind"), None)
        if kind is None:
            if call.args:  # a sentence of its own needs a kind of its own
                missing.append(where)
            continue
        if not (isinstance(kind, ast.Constant) and kind.value in KINDS) and not isinstance(kind, ast.Name):
            unknown.append(where)
    assert not missing, missing
    assert not unknown, unknown


def test_the_kind_defaults_by_class_and_the_english_message_stays():
    assert ServerError().kind == "failed"
    assert ServerUnreachable().kind == "unreachable"
    error = ServerError("The exam server refused the chosen exam.", "HTTP 403", step="exam selection",
                        status=403, kind="exam-refused")
    assert (error.kind, error.message, error.step, error.status) == (
        "exam-refused", "The exam server refused the chosen exam.", "exam selection", 403)
    assert len(set(KINDS)) == len(KINDS)
