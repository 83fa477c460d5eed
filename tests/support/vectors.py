"""Where the shared test data live: ``shared/vectors`` and ``shared/wild-seb`` (117 published
real ``.seb`` files with ``sources.tsv`` and ``passwords.tsv``) beside the repository (CI and
here), or where ``SEB_VECTORS`` / ``SEB_WILD_SEB`` point."""

from __future__ import annotations

import os
from pathlib import Path

VECTORS = Path(os.environ.get("SEB_VECTORS", Path(__file__).resolve().parents[2].parent / "shared" / "vectors"))
WILD_SEB = Path(os.environ.get("SEB_WILD_SEB", VECTORS.parent / "wild-seb"))


def vector(relative: str) -> bytes:
    """The bytes of one vector file, e.g. ``vector("moodle/encrypted.seb")``."""
    return (VECTORS / relative).read_bytes()
