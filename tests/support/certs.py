"""Real RSA test identities made with ``cryptography``: certificate, key and PKCS#12 bytes.

``make_identity()`` is cached per (common name, key size): RSA key generation is slow and
tests may share identities freely. ``StaticIdentities`` is the smallest ``identities=``
provider for ``read_config`` (``find(key_hash)``), backed by the real public-key hash.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

DEFAULT_PASSWORD = "test-identity"


def self_signed_certificate(key: Any, common_name: str, *, days: int, extensions: tuple[tuple[Any, bool], ...] = ()) -> Any:
    """A self-signed X.509 certificate for ``key``, valid from yesterday for ``days`` days;
    ``extensions`` are ``(extension, critical)`` pairs (the test HTTPS server's names)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(key, hashes.SHA256())


@functools.lru_cache(maxsize=16)
def make_identity(
    common_name: str = "Test", key_size: int = 2048, password: str = DEFAULT_PASSWORD
) -> tuple[Any, Any, bytes, str]:
    """``(certificate, private_key, p12_bytes, password)`` for a fresh self-signed RSA identity."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    cert = self_signed_certificate(key, common_name, days=365)
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"),
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    return cert, key, p12, password


@dataclass(frozen=True)
class SimpleIdentity:
    certificate: Any
    private_key: Any


class StaticIdentities:
    """A fixed set of identities, found by SEB's public-key hash."""

    def __init__(self, *pairs: tuple[Any, Any]) -> None:
        from launcher.config.crypto import public_key_hash

        self._by_hash = {public_key_hash(cert): SimpleIdentity(cert, key) for cert, key in pairs}
        self.lookups: list[bytes] = []

    def find(self, key_hash: bytes) -> SimpleIdentity | None:
        self.lookups.append(bytes(key_hash))
        return self._by_hash.get(bytes(key_hash))
