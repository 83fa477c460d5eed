"""Where the shared test vectors live: ``shared/vectors`` beside the repository (CI and here)."""

from __future__ import annotations

import os
from pathlib import Path

VECTORS = Path(os.environ.get("SEB_VECTORS", Path(__file__).resolve().parents[2].parent / "shared" / "vectors"))


def vector(relative: str) -> bytes:
    """The bytes of one vector file, e.g. ``vector("moodle/encrypted.seb")``."""
    return (VECTORS / relative).read_bytes()
