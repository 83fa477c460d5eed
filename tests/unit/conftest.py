"""Unit-test fixtures: a real file-backed keyring in tmp_path, selected for this process and
for every child process, so no test can reach the user's own keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keyring_file import PATH_ENV, JsonFileKeyring



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
