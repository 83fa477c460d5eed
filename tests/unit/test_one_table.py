"""Tables and helpers the launcher keeps once: exit statuses, the configuration size cap, the
raw settings dictionary of a settings object.

Two copies of a table drift apart (the exit statuses were defined by the open flow and by the
commands, with a literal ``128 +`` beside them); these checks read the sources for a second
definition, so a new copy fails here instead of disagreeing later.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "launcher"


def _sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def _assigned_names(text: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    names.add(name.id)
    return names


def _defined_in(pattern: str) -> list[str]:
    return [path for path, text in _sources().items()
            if any(re.fullmatch(pattern, name) for name in _assigned_names(text))]


def test_exit_statuses_are_defined_in_one_module() -> None:
    assert _defined_in(r"EXIT_[A-Z_]+") == ["launcher/exit_codes.py"]


def test_no_exit_status_is_computed_from_a_literal_128() -> None:
    found = []
    for path, text in _sources().items():
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type in (tokenize.NUMBER, tokenize.OP)]  # code only: no strings, comments
        found += [f"{path}:{a.start[0]}" for a, b in zip(tokens, tokens[1:])
                  if a.string == "128" and b.string == "+"]
    assert found == []


def test_the_configuration_size_cap_is_defined_once() -> None:
    assert _defined_in(r"MAX_CONFIG_BYTES") == ["launcher/config/container.py"]


def test_one_helper_finds_the_raw_settings_dictionary() -> None:
    """The kiosk reads the typed ``Settings``; only the client settings store, which takes any
    of ``ClientSettings``, ``Settings``, ``LoadedConfig`` or a dict, has a helper for the raw one."""
    helpers = [f"{path}:{node.name}" for path, text in _sources().items() for node in ast.walk(ast.parse(text))
               if isinstance(node, ast.FunctionDef) and node.name in ("_raw", "raw_of", "raw_settings", "_raw_dict")]
    assert helpers == ["launcher/platform/client_settings.py:_raw"]
