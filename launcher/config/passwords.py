"""Hash and check SEB quit/admin passwords (SHA-256 hex of the UTF-8 password), in constant time.

SEB stores ``hashedQuitPassword`` / ``hashedAdminPassword`` as lowercase SHA-256 hex and compares
ignoring case; an empty stored hash means "no password". SEB for macOS NFC-normalises the typed
password first, which we copy (it changes nothing for ASCII passwords).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import unicodedata

log = logging.getLogger(__name__)

__all__ = ["hash_password", "password_hashes", "check_password", "has_password"]


def hash_password(pw: str) -> str:
    """Lowercase SHA-256 hex of the NFC-normalised UTF-8 password."""
    normalised = unicodedata.normalize("NFC", pw)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def password_hashes(pw: str) -> tuple[str, str]:
    """The two hashes SEB accepts for a typed password: NFC-normalised (SEB for macOS, ours)
    and as typed (SEB for Windows does not normalise); equal for ASCII passwords."""
    return hash_password(pw), hashlib.sha256(pw.encode("utf-8")).hexdigest()


def has_password(hashed: str | None) -> bool:
    """True when a stored hash is set (SEB treats an empty string as no password)."""
    return bool(hashed and hashed.strip())


def check_password(pw: str, hashed: str | None) -> bool:
    """Whether ``pw`` matches the stored hash; constant time, hex compared ignoring case.

    With no stored password every input is refused: callers decide what "no password" means
    (quitting is then governed by ``allowQuit``), and a check never passes by accident.
    """
    if not has_password(hashed):
        return False
    assert hashed is not None
    expected = hashed.strip().lower().encode("ascii", "replace")
    nfc, as_typed = password_hashes(pw)
    # Both compared, always: the time taken does not depend on which form matched.
    return hmac.compare_digest(nfc.encode("ascii"), expected) | hmac.compare_digest(
        as_typed.encode("ascii"), expected
    )
