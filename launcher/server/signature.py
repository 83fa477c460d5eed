"""The app signature key SEB Server checks (spec §5.5), and nothing else.

``seb_signature_key`` = hex(IV ‖ AES-256-GCM(ciphertext ‖ tag)) with the key
PBKDF2-HMAC-SHA1(connection token, hex-decoded ``SEBExamSalt``, 1024 rounds, 256 bits). The
plaintext is our own app signature (the hash of the launcher's code, as in the Browser Exam
Key), which an administrator grants in SEB Server.
"""

from __future__ import annotations

import hashlib
import os

PBKDF2_ROUNDS = 1024
IV_BYTES = 16


def derive_key(connection_token: str, salt_hex: str) -> bytes:
    """The AES-256 key for one connection and exam salt."""
    salt = bytes.fromhex(salt_hex)
    return hashlib.pbkdf2_hmac("sha1", connection_token.encode("utf-8"), salt, PBKDF2_ROUNDS, 32)


def signature_key(connection_token: str, salt_hex: str, plaintext: str, *, iv: bytes | None = None) -> str:
    """Encrypt ``plaintext`` for the server (``ValueError`` when the salt is not hex)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = iv if iv is not None else os.urandom(IV_BYTES)
    sealed = AESGCM(derive_key(connection_token, salt_hex)).encrypt(nonce, plaintext.encode("utf-8"), None)
    return (nonce + sealed).hex()


def open_signature_key(connection_token: str, salt_hex: str, value: str) -> str:
    """The server's side (for tests and ``server check``): decrypt a ``seb_signature_key``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = bytes.fromhex(value)
    nonce, sealed = data[:IV_BYTES], data[IV_BYTES:]
    return AESGCM(derive_key(connection_token, salt_hex)).decrypt(nonce, sealed, None).decode("utf-8")
