"""Shared facts of the kiosk tests: the exam keys and what an exam server checks (sha256 of
the full URL + key, as Moodle does)."""

from __future__ import annotations

import hashlib

from support.servers import Request

from launcher.config.keys import ExamKeys

CONFIG_KEY = "c" * 64
BROWSER_EXAM_KEY = "b" * 64
KEYS = ExamKeys(CONFIG_KEY, BROWSER_EXAM_KEY)


def sha(url: str, key: str) -> str:
    """What a server like Moodle expects: sha256(full URL without fragment + key)."""
    return hashlib.sha256((url.split("#", 1)[0] + key).encode()).hexdigest()


def headers_ok(req: Request) -> bool:
    return req.headers.get("X-SafeExamBrowser-ConfigKeyHash") == sha(req.url, CONFIG_KEY) and req.headers.get(
        "X-SafeExamBrowser-RequestHash"
    ) == sha(req.url, BROWSER_EXAM_KEY)
