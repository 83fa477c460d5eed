"""The type check: mypy over ``launcher/`` with the settings in pyproject.toml ([tool.mypy]).

Every module is checked, function bodies included; the Qt-free core (``config/``,
``lockdown/``, ``server/``) strictly. The modules that hold Windows or macOS code are checked
once more as that OS sees them (``winreg``, ``ctypes.windll`` and the like exist only there).
The check must also fail: an error planted in a copy of a module (mypy's ``--shadow-file``,
the tree itself is not touched) is reported.

mypy keeps its cache in ``.mypy_cache/`` of the checkout: a first run takes ~10 s on a
2-core machine, a run with nothing changed ~2 s.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "launcher"
CACHE = ROOT / ".mypy_cache"

#: How each OS names itself to mypy, and how its modules are told apart.
PLATFORMS = {
    "win32": ('"win32"', "_windows.py"),
    "darwin": ('"darwin"', "_macos.py"),
}


def _mypy(*args: str, cache: Path = CACHE) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert "No module named mypy" not in result.stderr, (
        "mypy is a test dependency: run `bash installer/setup-dev.sh` (it installs the test extra)")
    return result


def _platform_modules(platform: str) -> list[str]:
    marker, suffix = PLATFORMS[platform]
    return sorted(
        str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py")
        if path.name.endswith(suffix) or marker in path.read_text("utf-8")
    )


def test_the_launcher_type_checks() -> None:
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_modules_of_other_systems_type_check_as_those_systems_see_them(platform: str) -> None:
    modules = _platform_modules(platform)
    assert any("/platform/" in m for m in modules), modules  # the selection finds them
    result = _mypy("--platform", platform, "--follow-imports", "silent", "--no-warn-unused-configs",
                   *modules, cache=CACHE / platform)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "planted", "expected"),
    [
        # the strict core: a function without annotations
        ("launcher/config/keys.py", "def planted(value):\n    return value\n",
         'error: Function is missing a type annotation  [no-untyped-def]'),
        # the rest: a wrong type
        ("launcher/ui/taskbar.py", 'PLANTED: int = "seven"\n',
         'error: Incompatible types in assignment (expression has type "str", variable has type "int")'),
    ],
)
def test_a_planted_type_error_fails_the_check(tmp_path: Path, module: str, planted: str, expected: str) -> None:
    source = ROOT / module
    text = source.read_text("utf-8")
    shadow = tmp_path / source.name
    shadow.write_text(text + "\n\n" + planted, "utf-8")
    line = text.count("\n") + 3
    result = _mypy("--shadow-file", str(source), str(shadow))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{module}:{line}: {expected}" in result.stdout, result.stdout


def test_no_package_of_ours_is_left_unchecked() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["files"] == ["launcher"]
    assert config["check_untyped_defs"] is True
    for override in config.get("overrides", []):
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        ours = [m for m in modules if m.split(".")[0] == "launcher"]
        if ours:
            assert not override.get("ignore_errors"), ours
            assert not override.get("ignore_missing_imports"), ours
            assert override.get("check_untyped_defs", True), ours
