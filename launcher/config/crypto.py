"""The cryptography of SEB files: RNCryptor blobs, RSA PKCS#1 v1.5 blocks, public-key hashes.

RNCryptor data format v3 (SEB for Windows writes version byte 2, SEB for macOS 3; the layout is
the same): ``version options=1 encSalt(8) hmacSalt(8) IV(16) ciphertext HMAC(32)`` with
PBKDF2-HMAC-SHA1 (10,000 iterations) keys, AES-256-CBC/PKCS#7 and an HMAC-SHA256 over
everything before the HMAC, checked in constant time before anything is decrypted.
``cryptography`` is imported only when one of these functions runs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any

from launcher.config.errors import DamagedFile, IdentityError, WrongPassword

log = logging.getLogger(__name__)

__all__ = [
    "rncryptor_decrypt",
    "rncryptor_encrypt",
    "public_key_hash",
    "rsa_decrypt_blocks",
    "rsa_encrypt_blocks",
    "load_certificate",
]

ITERATIONS = 10_000
KEY_SIZE = 32
SALT_SIZE = 8
IV_SIZE = 16
HMAC_SIZE = 32
HEADER_SIZE = 2 + 2 * SALT_SIZE + IV_SIZE
OPTIONS = 1
READ_VERSIONS = (2, 3)
#: What SEB for Windows puts in front of each RSA block's plaintext budget: key size minus this.
RSA_BLOCK_MARGIN = 32


def _password_bytes(password: str | bytes) -> bytes:
    return password if isinstance(password, bytes) else password.encode("utf-8")


def _derive(password: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha1", password, salt, ITERATIONS, KEY_SIZE)


def rncryptor_decrypt(blob: bytes, password: str | bytes) -> bytes:
    """Decrypt an RNCryptor v2/v3 password blob.

    Raises ``WrongPassword`` when the HMAC does not match (a wrong password and a damaged file
    look the same) and ``DamagedFile`` when the blob is not an RNCryptor blob at all.
    """
    blob = bytes(blob)
    if len(blob) < HEADER_SIZE + 16 + HMAC_SIZE or (len(blob) - HEADER_SIZE - HMAC_SIZE) % 16:
        raise DamagedFile(detail="encrypted block has an impossible length")
    version, options = blob[0], blob[1]
    if version not in READ_VERSIONS or options != OPTIONS:
        raise DamagedFile(detail=f"unknown encryption header {version},{options}")
    enc_salt = blob[2 : 2 + SALT_SIZE]
    hmac_salt = blob[2 + SALT_SIZE : 2 + 2 * SALT_SIZE]
    iv = blob[2 + 2 * SALT_SIZE : HEADER_SIZE]
    secret = _password_bytes(password)
    hmac_key = _derive(secret, hmac_salt)
    expected = hmac.new(hmac_key, blob[:-HMAC_SIZE], hashlib.sha256).digest()
    if not hmac.compare_digest(expected, blob[-HMAC_SIZE:]):
        raise WrongPassword(detail="HMAC mismatch")
    enc_key = _derive(secret, enc_salt)

    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    decryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(blob[HEADER_SIZE:-HMAC_SIZE]) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError as exc:
        raise DamagedFile(detail="bad padding after a valid HMAC") from exc


def rncryptor_encrypt(data: bytes, password: str | bytes, version: int = 2) -> bytes:
    """Encrypt ``data`` as an RNCryptor blob; version byte 2 as SEB for Windows writes it."""
    if version not in READ_VERSIONS:
        raise ValueError("RNCryptor version must be 2 or 3")
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    secret = _password_bytes(password)
    enc_salt, hmac_salt, iv = os.urandom(SALT_SIZE), os.urandom(SALT_SIZE), os.urandom(IV_SIZE)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(bytes(data)) + padder.finalize()
    encryptor = Cipher(algorithms.AES(_derive(secret, enc_salt)), modes.CBC(iv)).encryptor()
    body = bytes([version, OPTIONS]) + enc_salt + hmac_salt + iv + encryptor.update(padded) + encryptor.finalize()
    return body + hmac.new(_derive(secret, hmac_salt), body, hashlib.sha256).digest()


# ---------------------------------------------------------------------------------------
# RSA


def load_certificate(cert: Any) -> Any:
    """An ``x509.Certificate`` from a certificate object, DER bytes or PEM bytes."""
    from cryptography import x509

    if isinstance(cert, x509.Certificate):
        return cert
    if isinstance(cert, (bytes, bytearray)):
        raw = bytes(cert)
        try:
            if raw.lstrip().startswith(b"-----BEGIN"):
                return x509.load_pem_x509_certificate(raw)
            return x509.load_der_x509_certificate(raw)
        except ValueError as exc:
            raise IdentityError("The certificate could not be read.", str(exc)) from exc
    raise IdentityError(detail=f"not a certificate: {type(cert).__name__}")


def _rsa_public_key(cert: Any) -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = load_certificate(cert).public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise IdentityError("SEB configurations can only be encrypted for RSA certificates.", "non-RSA key")
    return key


def public_key_hash(cert: Any) -> bytes:
    """SHA-1 of the certificate's RSA public key as DER PKCS#1 ``RSAPublicKey`` (20 bytes)."""
    from cryptography.hazmat.primitives import serialization

    der = _rsa_public_key(cert).public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    return hashlib.sha1(der).digest()


def rsa_decrypt_blocks(data: bytes, private_key: Any) -> bytes:
    """Decrypt consecutive PKCS#1 v1.5 blocks of the key's size each and join the plaintexts."""
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    if not isinstance(private_key, rsa.RSAPrivateKey):
        raise IdentityError(detail="the identity's private key is not an RSA key")
    block = private_key.key_size // 8
    data = bytes(data)
    if not data or len(data) % block:
        raise DamagedFile(detail="certificate-encrypted data is not a whole number of RSA blocks")
    out = bytearray()
    for start in range(0, len(data), block):
        try:
            out += private_key.decrypt(data[start : start + block], padding.PKCS1v15())
        except ValueError as exc:
            raise DamagedFile(detail="RSA block could not be decrypted") from exc
    return bytes(out)


def rsa_encrypt_blocks(data: bytes, cert: Any) -> bytes:
    """Encrypt ``data`` for a certificate, key-size − 32 plaintext bytes per PKCS#1 v1.5 block."""
    from cryptography.hazmat.primitives.asymmetric import padding

    key = _rsa_public_key(cert)
    chunk = key.key_size // 8 - RSA_BLOCK_MARGIN
    if chunk <= 11:
        raise IdentityError(detail="RSA key too small")
    data = bytes(data)
    out = bytearray()
    for start in range(0, len(data), chunk):
        out += key.encrypt(data[start : start + chunk], padding.PKCS1v15())
    return bytes(out)
