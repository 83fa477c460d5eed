"""Peel and wrap the layers of a ``.seb`` file (spec §1), with hard limits on size and depth.

A file is gzip and 4-byte-prefixed blocks around an XML plist: ``plnd`` (plain), ``pswd``
(password, start an exam), ``pwcc`` (hashed admin password, configure a client), ``pkhs``
(certificate) and ``phsk`` (certificate + symmetric key); certificate layers hold a whole
inner file. Reading is iterative: every decompressed byte counts against ``Limits.max_bytes``
(a gzip bomb stops as soon as it passes the cap) and every layer against ``Limits.max_depth``.
Writing reproduces what SEB for Windows writes, in a form both SEB for Windows and SEB for
macOS open. ``cryptography`` is imported only for encrypted layers.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import os
import struct
import zlib
from pathlib import Path
from typing import Any, Protocol

from launcher.config import plist
from launcher.config.errors import (
    ConfigError,
    DamagedFile,
    NoIdentity,
    NotSebFile,
    PasswordRequired,
    TooLarge,
    WrongPassword,
)

log = logging.getLogger(__name__)

__all__ = ["MAX_CONFIG_BYTES", "Limits", "LoadedConfig", "read_config", "read_config_file", "write_config"]

MiB = 1024 * 1024
#: The largest configuration the launcher reads or downloads (and every layer inside it together).
MAX_CONFIG_BYTES = 32 * MiB
KEY_HASH_SIZE = 20
SYMMETRIC_KEY_SIZE = 32
_GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
_PASSWORD_PREFIXES = {b"pswd": "pswd", b"pwcc": "pwcc"}
_CERT_PREFIXES = {b"pkhs": "pkhs", b"phsk": "phsk"}
_CHUNK = 64 * 1024


@dataclasses.dataclass(frozen=True)
class Limits:
    """Hard bounds for reading: total bytes (input and every decompressed layer added up),
    number of layers, plist nesting depth and values, RSA work. Together they keep any input
    under a second and a few tens of MB (``python -m tests.fuzz`` checks it)."""

    max_bytes: int = MAX_CONFIG_BYTES
    max_depth: int = 8
    max_plist_depth: int = plist.DEFAULT_MAX_DEPTH
    max_plist_values: int = plist.DEFAULT_MAX_VALUES
    #: RSA-encrypted bytes in all pkhs layers of one file together (1.7 s of work per MiB with a
    #: 2048-bit key, 4 s with a 4096-bit one); SEB uses phsk, not pkhs, for large files, and a
    #: pkhs file this size would hold megabytes of settings.
    max_rsa_bytes: int = 256 * 1024


@dataclasses.dataclass(frozen=True)
class LoadedConfig:
    """A configuration read from a file.

    ``layers`` lists what was peeled, outermost first, e.g. ``("gzip", "pswd", "gzip", "xml")``.
    ``encryption`` names the encryption layers joined by ``+`` (``"none"``, ``"pswd"``,
    ``"pwcc"``, ``"pkhs"``, ``"phsk+pwcc"``, …). ``for_client`` is true when the settings are
    meant to configure the client (``sebConfigPurpose`` = 1) rather than start an exam.
    """

    settings: dict[str, Any]
    layers: tuple[str, ...]
    encryption: str
    for_client: bool
    #: a ``pwcc`` layer opened with SEB's empty password: anyone can read it (not protected)
    empty_password: bool = False

    @property
    def password_encrypted(self) -> bool:
        return any(layer in ("pswd", "pwcc") for layer in self.layers)


class _IdentityProvider(Protocol):
    def find(self, key_hash: bytes) -> Any: ...


class _Budget:
    """Counts every byte the reader holds in memory against ``max_bytes``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.rsa_used = 0

    def take(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            raise TooLarge(
                "The configuration file is too large to be safe to open.",
                f"more than {self.limit} bytes after decompression",
            )


def _gunzip(data: bytes, budget: _Budget) -> bytes:
    """Decompress all gzip members, stopping as soon as the budget is exceeded."""
    out = bytearray()
    rest = data
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        while True:
            try:
                piece = inflater.decompress(pending, _CHUNK)
            except zlib.error as exc:
                raise DamagedFile(detail=f"broken gzip data: {exc}") from None
            budget.take(len(piece))
            out += piece
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not piece):
                break
        if not inflater.eof:
            raise DamagedFile(detail="gzip data ends early")
        rest = inflater.unused_data
        if not rest.strip(b"\0"):
            return bytes(out)
        if not rest.startswith(_GZIP_MAGIC):
            raise DamagedFile(detail="unexpected bytes after the gzip data")


def _looks_like_xml(data: bytes) -> bool:
    head = data[:256]
    if head.startswith(_BOM):
        head = head[len(_BOM) :]
    head = head.lstrip(b" \t\r\n")
    return head.startswith((b"<?xml", b"<plist", b"<!DOCTYPE plist"))


def _password_candidates(
    kind: str, password: str | None, hashed_password: str | None
) -> list[str]:
    from launcher.config.passwords import password_hashes

    if kind == "pswd":
        return [] if password is None else [password]
    hashes: list[str] = []
    if hashed_password:
        hashes.append(hashed_password.strip().lower())
    if password is not None:
        hashes.extend(password_hashes(password))
    candidates: list[str] = []
    for hashed in hashes:
        # Old SEB versions keyed client files with the uppercase hash; SEB for macOS still tries it.
        candidates += [hashed, hashed.upper()] if hashed else [""]
    # SEB saves a client configuration without an admin password as pwcc with an empty key;
    # opening such a file needs no password at all.
    candidates.append("")
    seen: list[str] = []
    for candidate in candidates:
        if candidate not in seen:
            seen.append(candidate)
    return seen


def _decrypt_password_layer(
    kind: str, blob: bytes, password: str | None, hashed_password: str | None,
    opened_empty: list[str] | None = None,
) -> bytes:
    from launcher.config.crypto import rncryptor_decrypt

    for_client = kind == "pwcc"
    candidates = _password_candidates(kind, password, hashed_password)
    for candidate in candidates:
        try:
            plain = rncryptor_decrypt(blob, candidate)
        except WrongPassword:
            continue
        if candidate == "" and opened_empty is not None:
            opened_empty.append(kind)
        return plain
    if password is None:
        raise PasswordRequired(for_client=for_client)
    raise WrongPassword(for_client=for_client, detail=f"{kind}: HMAC mismatch")


def _find_identity(identities: _IdentityProvider | None, key_hash: bytes) -> Any:
    identity = identities.find(key_hash) if identities is not None else None
    if identity is None:
        raise NoIdentity(key_hash=key_hash, detail=f"no identity for key hash {key_hash.hex()}")
    return identity


def _decrypt_certificate_layer(
    kind: str, body: bytes, identities: _IdentityProvider | None, limits: Limits, budget: _Budget
) -> bytes:
    from launcher.config.crypto import rncryptor_decrypt, rsa_decrypt_blocks

    if len(body) <= KEY_HASH_SIZE:
        raise DamagedFile(detail=f"{kind} block too short")
    if kind == "pkhs":
        budget.rsa_used += len(body) - KEY_HASH_SIZE
    if budget.rsa_used > limits.max_rsa_bytes:
        raise TooLarge(
            "The configuration file is too large to be safe to open.",
            f"more than {limits.max_rsa_bytes} RSA-encrypted bytes",
        )
    key_hash = body[:KEY_HASH_SIZE]
    identity = _find_identity(identities, key_hash)
    if kind == "pkhs":
        return rsa_decrypt_blocks(body[KEY_HASH_SIZE:], identity.private_key)
    rest = body[KEY_HASH_SIZE:]
    if len(rest) < 4:
        raise DamagedFile(detail="phsk block too short")
    (length,) = struct.unpack("<i", rest[:4])
    # The encrypted 32-byte key is one RSA block: 16 KiB already allows a 131072-bit key.
    if length <= 0 or length > min(len(rest) - 4, 16 * 1024):
        raise DamagedFile(detail="phsk key length out of range")
    symmetric = rsa_decrypt_blocks(rest[4 : 4 + length], identity.private_key)
    if len(symmetric) != SYMMETRIC_KEY_SIZE:
        raise DamagedFile(detail="phsk symmetric key has the wrong size")
    try:
        return rncryptor_decrypt(rest[4 + length :], base64.b64encode(symmetric).decode("ascii"))
    except WrongPassword as exc:
        raise DamagedFile(detail="phsk payload does not match its key") from exc


def read_config(
    data: bytes,
    *,
    password: str | None = None,
    hashed_password: str | None = None,
    identities: _IdentityProvider | None = None,
    limits: Limits = Limits(),
) -> LoadedConfig:
    """Read a ``.seb`` file (any of SEB's layer combinations) into its settings dictionary.

    ``password`` is what the user typed; for ``pwcc`` files it is hashed first, and
    ``hashed_password`` (e.g. the client's current admin hash) is tried as is. ``identities``
    finds certificate identities by public-key hash. Raises a ``ConfigError`` subclass:
    ``NotSebFile``, ``DamagedFile``, ``TooLarge``, ``PasswordRequired``, ``WrongPassword``,
    ``NoIdentity`` or ``IdentityError``.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_config expects bytes")
    buf = bytes(data)
    if not buf:
        raise NotSebFile(detail="empty file")
    budget = _Budget(limits.max_bytes)
    budget.take(len(buf))
    layers: list[str] = []
    encryption: list[str] = []
    opened_empty: list[str] = []
    whole_file = True  # a prefixed block may follow; after plnd/pswd/pwcc only gzip or XML
    try:
        while True:
            if len(layers) >= limits.max_depth:
                raise TooLarge(
                    "The configuration file is nested too deeply to be safe to open.",
                    f"more than {limits.max_depth} layers",
                )
            if buf.startswith(_GZIP_MAGIC):
                layers.append("gzip")
                buf = _gunzip(buf, budget)
                continue
            prefix = buf[:4]
            if whole_file and prefix == b"plnd":
                layers.append("plnd")
                buf = buf[4:]
                whole_file = False
                continue
            if whole_file and prefix in _PASSWORD_PREFIXES:
                kind = _PASSWORD_PREFIXES[prefix]
                layers.append(kind)
                encryption.append(kind)
                buf = _decrypt_password_layer(kind, buf[4:], password, hashed_password, opened_empty)
                budget.take(len(buf))
                whole_file = False
                continue
            if whole_file and prefix in _CERT_PREFIXES:
                kind = _CERT_PREFIXES[prefix]
                layers.append(kind)
                encryption.append(kind)
                buf = _decrypt_certificate_layer(kind, buf[4:], identities, limits, budget)
                budget.take(len(buf))
                continue
            if _looks_like_xml(buf):
                layers.append("xml")
                settings = plist.loads(
                    buf, max_depth=limits.max_plist_depth, max_values=limits.max_plist_values
                )
                break
            if layers:
                raise DamagedFile(detail=f"unexpected content after layers {'/'.join(layers)}")
            raise NotSebFile(detail="no SEB prefix, gzip or XML plist found")
    except ConfigError:
        raise
    except (ValueError, LookupError, struct.error, OverflowError, EOFError, UnicodeError) as exc:
        raise DamagedFile(detail=f"{type(exc).__name__} in layers {'/'.join(layers)}") from exc
    purpose = settings.get("sebConfigPurpose")
    for_client = purpose == 1 and not isinstance(purpose, bool)
    log.debug("read configuration: layers %s", "/".join(layers))
    return LoadedConfig(
        settings=settings,
        layers=tuple(layers),
        encryption="+".join(encryption) or "none",
        for_client=for_client,
        empty_password=bool(opened_empty),
    )


def read_config_file(path: str | os.PathLike[str], **kw: Any) -> LoadedConfig:
    """``read_config`` on a file, refusing to read more than ``limits.max_bytes`` of it."""
    limits: Limits = kw.get("limits", Limits())
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except IsADirectoryError as exc:
        raise NotSebFile(detail=f"{path} is a folder") from exc
    if len(data) > limits.max_bytes:
        raise TooLarge("The configuration file is too large to be safe to open.", f"{Path(path).name} over the limit")
    return read_config(data, **kw)


# ---------------------------------------------------------------------------------------
# Writing


def _gzip(data: bytes) -> bytes:
    import gzip  # writing only: the start path never needs it

    return gzip.compress(data, compresslevel=9, mtime=0)


def write_config(
    settings: dict[str, Any],
    *,
    password: str | None = None,
    for_client: bool = False,
    certificate: Any = None,
    symmetric: bool = False,
    compress: bool = True,
    password_is_hash: bool = False,
) -> bytes:
    """Write settings as a ``.seb`` file SEB opens.

    - no password, no certificate: ``gzip("plnd" + gzip(xml))`` (``compress=False``: bare XML);
    - ``password``: ``gzip("pswd" + RNCryptor_v2(gzip(xml)))``; with ``for_client`` the prefix
      is ``pwcc`` and the key is the SHA-256 hex of the password (or the password itself when
      ``password_is_hash``, e.g. a ``hashedAdminPassword``; ``""`` gives SEB's unprotected
      client file);
    - ``certificate``: ``gzip("pkhs" + keyhash + RSA(inner))`` or, with ``symmetric``,
      ``gzip("phsk" + keyhash + len + RSA(key) + RNCryptor_v2(inner))``, where ``inner`` is the
      password block when a password is given, else ``"plnd" + gzip(xml)``, which SEB for
      macOS (no gunzip after decrypting) and SEB for Windows both read.
    """
    from launcher.config.passwords import hash_password

    xml = plist.dumps(settings)
    if password is None and for_client and password_is_hash:
        raise ValueError("password_is_hash needs a password")
    if password is not None:
        from launcher.config.crypto import rncryptor_encrypt

        if for_client:
            key = password.strip().lower() if password_is_hash else (hash_password(password) if password else "")
            prefix = b"pwcc"
        else:
            key = password
            prefix = b"pswd"
        inner = prefix + rncryptor_encrypt(_gzip(xml), key, version=2)
    elif certificate is not None:
        # SEB for macOS reads the prefix of the decrypted data without gunzipping it first, so
        # the inner block is "plnd" + gzip(xml) (SEB for Windows reads that too).
        inner = b"plnd" + _gzip(xml)
    else:
        return _gzip(b"plnd" + _gzip(xml)) if compress else xml

    if certificate is not None:
        from launcher.config.crypto import public_key_hash, rncryptor_encrypt, rsa_encrypt_blocks

        key_hash = public_key_hash(certificate)
        if symmetric:
            secret = os.urandom(SYMMETRIC_KEY_SIZE)
            encrypted_key = rsa_encrypt_blocks(secret, certificate)
            payload = rncryptor_encrypt(inner, base64.b64encode(secret).decode("ascii"), version=2)
            inner = b"phsk" + key_hash + struct.pack("<i", len(encrypted_key)) + encrypted_key + payload
        else:
            inner = b"pkhs" + key_hash + rsa_encrypt_blocks(inner, certificate)
    return _gzip(inner) if compress else inner
