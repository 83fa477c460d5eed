"""Certificate identities (certificate + RSA private key) for certificate-encrypted configs.

SEB finds the identity that decrypts a ``pkhs``/``phsk`` file by the SHA-1 hash of the
certificate's public key (spec §1): SEB for Windows looks in the certificate store, SEB for
macOS in the keychain. We keep identities in the OS keyring through the ``keyring`` package:
one entry per identity, named by the key hash in hex, holding the PEM certificate and the
PKCS#8 private key, plus an index entry listing the stored hashes (keyring cannot enumerate).

Providers usable as ``identities=`` in ``container.read_config`` (anything with
``find(key_hash: bytes) -> Identity | None``): :class:`IdentityStore` (the keyring),
:class:`FileIdentities` (a PKCS#12 file used directly) and :class:`CombinedIdentities`.

``keyring`` and ``cryptography`` are imported only when an identity is actually needed.
"""

from __future__ import annotations

import builtins
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Protocol

from launcher.config.errors import IdentityError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

log = logging.getLogger(__name__)

#: ``embeddedCertificates`` entry types (SEB for macOS ``certificateTypes``; SEB for Windows
#: imports only type 1). Only identities carry a private key; the others are trust anchors.
CERTIFICATE_TYPE_SSL = 0
CERTIFICATE_TYPE_IDENTITY = 1
CERTIFICATE_TYPE_CA = 2
CERTIFICATE_TYPE_SSL_DEBUG = 3

#: The passphrase SEB for Windows (``CertificateImporter``/``CertificateStore``) and SEB for
#: macOS (``userDefaultsMasala`` in ``SEBKeychainManager``) use for the PKCS#12 data of an
#: embedded identity. It is a fixed public constant of SEB, not a secret. Identities embedded
#: by other tools may use an empty passphrase instead, so both are tried.
SEB_EMBEDDED_P12_PASSWORD = "Di\U0001d22dl\U0001d216Ch\U0001d212ah\U0001d247t\U0001d201a\U0001d248Hai1972"

_NO_DATE = datetime.min.replace(tzinfo=timezone.utc)

#: Subject shown for a stored identity that can no longer be read.
DAMAGED_SUBJECT = "(damaged entry: remove it and import the identity again)"

#: Name of the keyring entry that lists the stored key hashes.
INDEX_ENTRY = "identities"

#: Longest text put into one keyring entry. Windows' Credential Manager takes at most 2560
#: bytes (1280 UTF-16 characters) per secret, less than a PEM certificate plus key, so
#: longer values are split into numbered parts ``<name>/1``, ``<name>/2``, ...
CHUNK_CHARS = 1000

#: Upper bound for an identity value read back from the keyring (parts count sanity check).
MAX_PARTS = 64


class KeyringUnavailable(IdentityError):
    """The OS keyring cannot be reached (no backend, locked, D-Bus down, ...)."""

    default_message = "The system keyring (where certificate identities are kept) is not available."


class IdentityPasswordError(IdentityError):
    """The PKCS#12 password is wrong or missing (OpenSSL cannot tell this from damage)."""


class IdentityProvider(Protocol):
    """What ``read_config(identities=...)`` needs."""

    def find(self, key_hash: bytes) -> Identity | None: ...


class PasswordStore(Protocol):
    """What :class:`IdentityStore` keeps its entries in: a ``keyring`` backend or the module."""

    def get_password(self, service_name: str, username: str) -> str | None: ...

    def set_password(self, service_name: str, username: str, password: str) -> None: ...

    def delete_password(self, service_name: str, username: str) -> None: ...


@dataclass(frozen=True)
class IdentityInfo:
    """What a user sees of a stored identity (no key material)."""

    key_hash_hex: str
    subject: str
    not_after: datetime


@dataclass(frozen=True)
class Identity:
    """An X.509 certificate with its RSA private key (``cryptography`` objects)."""

    certificate: x509.Certificate
    private_key: RSAPrivateKey

    @property
    def key_hash(self) -> bytes:
        """SEB's 20-byte public-key hash of the certificate (spec §1)."""
        from launcher.config.crypto import public_key_hash

        return public_key_hash(self.certificate)

    def info(self) -> IdentityInfo:
        return IdentityInfo(
            key_hash_hex=self.key_hash.hex(),
            subject=self.certificate.subject.rfc4514_string(),
            not_after=self.certificate.not_valid_after_utc,
        )

    def to_json(self) -> str:
        """Serialize as JSON text with the PEM certificate and PEM PKCS#8 private key."""
        from cryptography.hazmat.primitives import serialization

        cert_pem = self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
        key_pem = self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")
        return json.dumps({"certificate": cert_pem, "private_key": key_pem}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Identity:
        """Inverse of :meth:`to_json`; :class:`IdentityError` if the stored value is unusable."""
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization

        try:
            data = json.loads(text)
            cert = x509.load_pem_x509_certificate(data["certificate"].encode("ascii"))
            key = serialization.load_pem_private_key(data["private_key"].encode("ascii"), password=None)
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeError) as exc:
            raise IdentityError(
                "A stored certificate identity is damaged; remove it and import it again.",
                detail=type(exc).__name__,
            ) from None
        return _checked_identity(cert, key)


def _checked_identity(cert: Any, key: Any) -> Identity:
    """Make sure ``key`` is an RSA key belonging to ``cert``."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    if key is None:
        raise IdentityError(
            "The certificate file contains no private key, so it cannot decrypt configurations. "
            "Export the certificate together with its private key (a .p12/.pfx identity)."
        )
    if cert is None:
        raise IdentityError("The certificate file contains a private key but no certificate.")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise IdentityError(
            "The identity's key is not an RSA key; Safe Exam Browser configurations "
            "are only encrypted for RSA certificates."
        )
    cert_key = cert.public_key()
    if not isinstance(cert_key, rsa.RSAPublicKey) or cert_key.public_numbers() != key.public_key().public_numbers():
        raise IdentityError("The private key in the certificate file does not belong to its certificate.")
    return Identity(certificate=cert, private_key=key)


def _password_bytes(password: str | bytes | None) -> bytes | None:
    if password is None:
        return None
    if isinstance(password, bytes):
        return password
    return password.encode("utf-8")


def load_pkcs12(data: bytes, password: str | bytes | None) -> Identity:
    """Read an identity from PKCS#12 (.p12/.pfx) bytes.

    Raises :class:`IdentityError` for a wrong password, data that is not PKCS#12, a file
    without private key, or a key that is not RSA or does not match the certificate.
    """
    from cryptography.hazmat.primitives.serialization import pkcs12

    if not data:
        raise IdentityError("The certificate file is empty.")
    if data[:1] != b"\x30":
        # Every PKCS#12 file is a DER SEQUENCE; anything else is the wrong kind of file
        # (a PEM certificate, a .seb file, ...), whatever the password.
        raise IdentityError("This is not a PKCS#12 (.p12/.pfx) certificate identity file.")
    pw = _password_bytes(password)
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(data, pw or None)
    except ValueError:
        if pw:
            # OpenSSL cannot tell a wrong password from a damaged file; a password was given,
            # so the likelier cause comes first.
            raise IdentityPasswordError(
                "Wrong password for the certificate file (or the file is damaged)."
            ) from None
        raise IdentityPasswordError("The certificate file needs a password (or it is damaged).") from None
    except (TypeError, OverflowError) as exc:  # malformed structures in some versions
        raise IdentityError("The certificate file is damaged.", detail=type(exc).__name__) from None
    return _checked_identity(cert, key)


class IdentityStore:
    """Identities kept in the OS keyring, found by SEB's public-key hash.

    ``keyring`` is any object with ``get_password``/``set_password``/``delete_password``
    (a ``keyring.backend.KeyringBackend`` or the ``keyring`` module); by default the
    ``keyring`` module, imported on first use.
    """

    def __init__(self, service: str = "seb-launcher", keyring: PasswordStore | None = None) -> None:
        self.service = service
        self._keyring = keyring

    # -- keyring access -------------------------------------------------------------------

    def _backend(self) -> PasswordStore:
        if self._keyring is None:
            import keyring  # slow to import: only when identities are really used

            self._keyring = keyring
        return self._keyring

    def _unavailable(self, exc: Exception) -> KeyringUnavailable:
        log.warning("OS keyring unavailable: %s", type(exc).__name__)
        return KeyringUnavailable(detail=type(exc).__name__)

    def _get(self, name: str) -> str | None:
        try:
            return self._backend().get_password(self.service, name)
        except Exception as exc:  # keyring backends raise their own error types
            raise self._unavailable(exc) from None

    def _set(self, name: str, value: str) -> None:
        try:
            self._backend().set_password(self.service, name, value)
        except Exception as exc:
            raise self._unavailable(exc) from None

    def _delete(self, name: str) -> None:
        backend = self._backend()
        try:
            backend.delete_password(self.service, name)
        except Exception as exc:
            # A missing entry is fine (PasswordDeleteError); anything else is not.
            if type(exc).__name__ != "PasswordDeleteError":
                raise self._unavailable(exc) from None

    def _read_value(self, name: str) -> str | None:
        head = self._get(name)
        if head is None:
            return None
        count_text, sep, first = head.partition(":")
        if not sep or not count_text.isdigit() or not 1 <= int(count_text) <= MAX_PARTS:
            raise IdentityError("A stored certificate identity is damaged; remove it and import it again.")
        parts = [first]
        for i in range(1, int(count_text)):
            part = self._get(f"{name}/{i}")
            if part is None:
                raise IdentityError("A stored certificate identity is incomplete; import it again.")
            parts.append(part)
        return "".join(parts)

    def _write_value(self, name: str, value: str) -> None:
        chunks = [value[i : i + CHUNK_CHARS] for i in range(0, len(value), CHUNK_CHARS)] or [""]
        if len(chunks) > MAX_PARTS:
            raise IdentityError("The certificate identity is too large to keep in the system keyring.")
        # Parts first, head last: a reader never sees a head whose parts are missing.
        for i, chunk in enumerate(chunks[1:], start=1):
            self._set(f"{name}/{i}", chunk)
        self._set(name, f"{len(chunks)}:{chunks[0]}")

    def _delete_value(self, name: str) -> None:
        head = self._get(name)
        count = 1
        if head is not None:
            count_text = head.partition(":")[0]
            if count_text.isdigit():
                count = min(int(count_text), MAX_PARTS)
        self._delete(name)
        for i in range(1, count):
            self._delete(f"{name}/{i}")

    def _index(self) -> list[str]:
        raw = self._get(INDEX_ENTRY)
        if not raw:
            return []
        try:
            items = json.loads(raw)
        except ValueError:
            log.warning("Keyring identity index is damaged; treating it as empty")
            return []
        if not isinstance(items, list):
            return []
        return [h for h in items if isinstance(h, str) and len(h) == 40 and _is_hex(h)]

    def _write_index(self, hashes: Iterable[str]) -> None:
        self._set(INDEX_ENTRY, json.dumps(sorted(set(hashes))))

    # -- public API -----------------------------------------------------------------------

    def import_pkcs12(self, data: bytes, password: str | bytes | None) -> Identity:
        """Read a PKCS#12 identity and keep it in the keyring; returns it."""
        identity = load_pkcs12(data, password)
        self.add(identity)
        return identity

    def add(self, identity: Identity) -> IdentityInfo:
        """Keep ``identity`` in the keyring (replacing one with the same key hash)."""
        info = identity.info()
        self._write_value(info.key_hash_hex, identity.to_json())
        index = self._index()
        if info.key_hash_hex not in index:
            self._write_index([*index, info.key_hash_hex])
        log.info("Stored a certificate identity in the keyring")
        return info

    def list(self) -> list[IdentityInfo]:
        """The stored identities, by key hash. Entries that vanished are left out."""
        result: list[IdentityInfo] = []
        for key_hash_hex in self._index():
            try:
                value = self._read_value(key_hash_hex)
                if value is None:
                    continue
                result.append(Identity.from_json(value).info())
            except KeyringUnavailable:
                raise
            except IdentityError:
                # Still listed, so that it can be removed.
                result.append(IdentityInfo(key_hash_hex, DAMAGED_SUBJECT, _NO_DATE))
        return result

    def resolve(self, key_hash_hex_or_prefix: str) -> str:
        """The full hex hash of the one stored identity whose hash starts with the prefix."""
        prefix = key_hash_hex_or_prefix.strip().lower()
        if not prefix or not _is_hex(prefix) or len(prefix) > 40:
            raise IdentityError("Give the identity's key hash (hex, as `identity list` shows it).")
        matches = [h for h in self._index() if h.startswith(prefix)]
        if not matches:
            raise IdentityError("No stored certificate identity has that key hash.")
        if len(matches) > 1:
            raise IdentityError("More than one stored identity starts with that key hash; give more digits.")
        return matches[0]

    def remove(self, key_hash_hex: str) -> IdentityInfo:
        """Remove the identity whose key hash is (or starts with) ``key_hash_hex``."""
        full = self.resolve(key_hash_hex)
        value = self._read_value(full)
        info: IdentityInfo
        if value is not None:
            try:
                info = Identity.from_json(value).info()
            except IdentityError:
                info = IdentityInfo(full, "", _NO_DATE)
        else:
            info = IdentityInfo(full, "", _NO_DATE)
        self._delete_value(full)
        self._write_index(h for h in self._index() if h != full)
        log.info("Removed a certificate identity from the keyring")
        return info

    def find(self, key_hash: bytes) -> Identity | None:
        """The stored identity with this public-key hash, or None.

        An unavailable keyring counts as "not found" (the caller then reports the missing
        identity); a damaged entry is reported as :class:`IdentityError`.
        """
        if len(key_hash) != 20:
            return None
        try:
            value = self._read_value(key_hash.hex())
        except KeyringUnavailable:
            return None
        if value is None:
            return None
        identity = Identity.from_json(value)
        if identity.key_hash != key_hash:
            raise IdentityError("A stored certificate identity is damaged; remove it and import it again.")
        return identity

    def import_embedded(self, settings: Any) -> builtins.list[IdentityInfo]:
        """Import the identities embedded in a client configuration; returns what was stored.

        ``settings`` is a ``Settings`` or the raw settings dict. Only entries of
        ``embeddedCertificates`` with ``type`` 1 (identity) are imported; SSL, CA and debug
        certificates (types 0, 2, 3) carry no private key. Entries that cannot be read are
        logged and skipped, as SEB does.
        """
        imported: list[IdentityInfo] = []
        for identity in embedded_identities(settings):
            imported.append(self.add(identity))
        return imported


def _embedded_entries(settings: Any) -> list[tuple[Any, bytes]]:
    """``(type, data)`` of each ``embeddedCertificates`` entry of a Settings or a raw dict."""
    parsed = getattr(settings, "embedded_certificates", None)
    if parsed is not None:
        return [(getattr(c, "type", None), bytes(getattr(c, "data", b"") or b"")) for c in parsed]
    raw = getattr(settings, "raw", settings)
    if not isinstance(raw, Mapping):
        return []
    entries = raw.get("embeddedCertificates")
    if not isinstance(entries, list):
        return []
    result: list[tuple[Any, bytes]] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        data = entry.get("certificateData")
        if not isinstance(data, (bytes, bytearray)) or not data:
            text = entry.get("certificateDataBase64")
            data = b""
            if isinstance(text, str):
                import base64
                import binascii

                try:
                    data = base64.b64decode("".join(text.split()), validate=True)
                except (binascii.Error, ValueError):
                    data = b""
        result.append((entry.get("type"), bytes(data)))
    return result


def embedded_identities(settings: Any) -> list[Identity]:
    """The readable identities among ``embeddedCertificates`` (type 1) of ``settings``.

    ``settings`` is a ``Settings`` (its parsed ``embedded_certificates``) or a raw dict.
    """
    found: list[Identity] = []
    for position, (kind, data) in enumerate(_embedded_entries(settings)):
        if isinstance(kind, bool) or kind != CERTIFICATE_TYPE_IDENTITY:
            continue
        if not data:
            log.warning("Embedded identity %d has no certificate data; skipped", position)
            continue
        identity = _load_embedded(data)
        if identity is None:
            log.warning("Embedded identity %d could not be read; skipped", position)
            continue
        found.append(identity)
    return found


def _load_embedded(data: bytes) -> Identity | None:
    for password in (SEB_EMBEDDED_P12_PASSWORD, ""):
        try:
            return load_pkcs12(data, password)
        except IdentityError:
            continue
    return None


def import_embedded(settings: Any, store: IdentityStore | None = None) -> list[IdentityInfo]:
    """Import a client configuration's embedded identities into ``store`` (the keyring)."""
    return (store or IdentityStore()).import_embedded(settings)


class FileIdentities:
    """One identity from a PKCS#12 file given on the command line, used without importing."""

    def __init__(self, p12_bytes: bytes, password: str | bytes | None) -> None:
        self.identity = load_pkcs12(p12_bytes, password)
        self._key_hash = self.identity.key_hash

    def find(self, key_hash: bytes) -> Identity | None:
        import hmac

        return self.identity if hmac.compare_digest(self._key_hash, bytes(key_hash)) else None

    def list(self) -> list[IdentityInfo]:
        return [self.identity.info()]


class CombinedIdentities:
    """Asks each provider in turn; the first identity found wins."""

    def __init__(self, *providers: IdentityProvider | None) -> None:
        self.providers = [p for p in providers if p is not None]

    def find(self, key_hash: bytes) -> Identity | None:
        for provider in self.providers:
            identity = provider.find(key_hash)
            if identity is not None:
                return identity
        return None


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text.lower())
