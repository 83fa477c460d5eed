"""A real, file-backed keyring backend for tests: never the user's keyring.

Entries live in one JSON file ``{"service": {"username": "secret"}}`` whose path comes from
the constructor or from the environment variable ``SEB_LAUNCHER_TEST_KEYRING``. Select it in
a child process with ``PYTHON_KEYRING_BACKEND=tests.support.keyring_file.JsonFileKeyring``
(with the repository root on ``PYTHONPATH``). Without a path it refuses to work, so a test
that forgot to set one fails instead of writing somewhere unexpected.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

#: Environment variable naming the JSON file of the test keyring.
PATH_ENV = "SEB_LAUNCHER_TEST_KEYRING"

#: Value of ``PYTHON_KEYRING_BACKEND`` that selects this backend.
BACKEND_NAME = "tests.support.keyring_file.JsonFileKeyring"


class JsonFileKeyring(KeyringBackend):
    """Stores secrets in a JSON file; every call reads/writes the file (processes share it)."""

    priority = 0.5  # type: ignore[assignment]  # viable, but never chosen over a real one by itself

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        env = os.environ.get(PATH_ENV)
        self.path = Path(path) if path is not None else (Path(env) if env else None)

    def _file(self) -> Path:
        if self.path is None:
            raise KeyringError(f"test keyring has no file: set {PATH_ENV}")
        return self.path

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            text = self._file().read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        return json.loads(text) if text.strip() else {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        target = self._file()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".keyring-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        os.replace(tmp, target)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        entries = data.get(service, {})
        if username not in entries:
            raise PasswordDeleteError("no such entry")
        del entries[username]
        if not entries:
            del data[service]
        self._save(data)

    def entries(self, service: str) -> dict[str, str]:
        """Everything stored for ``service`` (tests look at what really landed in the file)."""
        return dict(self._load().get(service, {}))
