"""Unit-test fixtures: a real file-backed keyring in tmp_path, selected for this process and
for every child process, so no test can reach the user's own keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keyring_file import BACKEND_NAME, PATH_ENV, JsonFileKeyring

# Children (CLI subprocesses) pick the backend from the environment; without a path it refuses.
os.environ["PYTHON_KEYRING_BACKEND"] = BACKEND_NAME
os.environ.pop(PATH_ENV, None)
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p)


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[JsonFileKeyring]:
    """A file keyring in tmp_path, active in-process (keyring.set_keyring) and for children."""
    import keyring

    path = tmp_path / "keyring.json"
    monkeypatch.setenv(PATH_ENV, str(path))
    backend = JsonFileKeyring(path)
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(JsonFileKeyring(None))
