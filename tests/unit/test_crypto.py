"""RNCryptor blobs and RSA blocks, checked against the rncryptor package and OpenSSL's own tools."""

from __future__ import annotations

import hashlib
import math
import os
import subprocess

import pytest
import rncryptor
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding

from launcher.config import crypto
from launcher.config.errors import DamagedFile, IdentityError, WrongPassword
from tests.support.certs import make_identity


@pytest.mark.parametrize("version", [2, 3])
def test_round_trip_with_header_version(version):
    data = os.urandom(1000)
    blob = crypto.rncryptor_encrypt(data, "pässword", version=version)
    assert blob[:2] == bytes([version, 1])
    assert len(blob) == 2 + 8 + 8 + 16 + (len(data) // 16 + 1) * 16 + 32
    assert crypto.rncryptor_decrypt(blob, "pässword") == data


def test_default_version_is_two_like_seb_for_windows():
    assert crypto.rncryptor_encrypt(b"x", "p")[0] == 2


def test_reads_what_the_rncryptor_package_writes():
    blob = rncryptor.RNCryptor().encrypt(b"<?xml version='1.0'?> seb", "secret")
    assert blob[0] == 3
    assert crypto.rncryptor_decrypt(blob, "secret") == b"<?xml version='1.0'?> seb"


@pytest.mark.parametrize("version", [2, 3])
def test_the_rncryptor_package_reads_what_we_write(version):
    blob = crypto.rncryptor_encrypt(b"plain text payload", "secret", version=version)
    assert rncryptor.RNCryptor().decrypt(blob, "secret") == "plain text payload"


def test_wrong_password_and_tampering_are_wrong_password():
    blob = crypto.rncryptor_encrypt(b"data" * 10, "right")
    with pytest.raises(WrongPassword):
        crypto.rncryptor_decrypt(blob, "wrong")
    for index in (5, 20, 40, len(blob) - 1):
        flipped = bytearray(blob)
        flipped[index] ^= 0x01
        with pytest.raises(WrongPassword):
            crypto.rncryptor_decrypt(bytes(flipped), "right")


@pytest.mark.parametrize(
    "blob",
    [b"", b"\x02\x01" + b"\x00" * 20, bytes([4, 1]) + b"\x00" * 82, bytes([2, 0]) + b"\x00" * 82, b"\x02\x01" + b"\x00" * 83],
)
def test_not_an_rncryptor_blob_is_damaged(blob):
    with pytest.raises(DamagedFile):
        crypto.rncryptor_decrypt(blob, "x")


def test_valid_hmac_with_bad_padding_is_damaged():
    import hmac

    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    enc_salt, hmac_salt, iv = b"E" * 8, b"H" * 8, b"I" * 16
    enc_key = hashlib.pbkdf2_hmac("sha1", b"pw", enc_salt, 10_000, 32)
    encryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
    cipher = encryptor.update(b"\x00" * 16) + encryptor.finalize()  # plaintext ends in 0x00: no PKCS#7
    body = b"\x02\x01" + enc_salt + hmac_salt + iv + cipher
    tag = hmac.new(hashlib.pbkdf2_hmac("sha1", b"pw", hmac_salt, 10_000, 32), body, hashlib.sha256).digest()
    with pytest.raises(DamagedFile):
        crypto.rncryptor_decrypt(body + tag, "pw")


def test_public_key_hash_is_sha1_of_pkcs1_public_key_as_openssl_writes_it(tmp_path):
    cert, _key, _p12, _pw = make_identity("Hash")
    pem = tmp_path / "cert.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    spki = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-pubkey"], check=True, capture_output=True).stdout
    pkcs1 = subprocess.run(
        ["openssl", "rsa", "-pubin", "-RSAPublicKey_out", "-outform", "DER"], input=spki, check=True, capture_output=True
    ).stdout
    expected = hashlib.sha1(pkcs1).digest()
    assert crypto.public_key_hash(cert) == expected
    assert crypto.public_key_hash(cert.public_bytes(serialization.Encoding.DER)) == expected
    assert crypto.public_key_hash(pem.read_bytes()) == expected
    spki_der = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert expected != hashlib.sha1(spki_der).digest()


@pytest.mark.parametrize("size", [1, 223, 224, 225, 5000])
def test_rsa_blocks_hold_key_size_minus_32_bytes(size):
    cert, key, _p12, _pw = make_identity("Blocks")
    data = os.urandom(size)
    encrypted = crypto.rsa_encrypt_blocks(data, cert)
    block = key.key_size // 8
    assert len(encrypted) == math.ceil(size / (block - 32)) * block
    # Each block decrypts on its own with plain PKCS#1 v1.5 to the next key-size - 32 bytes.
    first = key.decrypt(encrypted[:block], padding.PKCS1v15())
    assert first == data[: block - 32]
    assert crypto.rsa_decrypt_blocks(encrypted, key) == data


def test_rsa_damage_is_reported():
    cert, key, _p12, _pw = make_identity("Blocks")
    encrypted = crypto.rsa_encrypt_blocks(b"hello", cert)
    with pytest.raises(DamagedFile):
        crypto.rsa_decrypt_blocks(encrypted[:-1], key)
    with pytest.raises(DamagedFile):
        crypto.rsa_decrypt_blocks(b"", key)


def test_bad_certificates_are_identity_errors():
    with pytest.raises(IdentityError):
        crypto.public_key_hash(b"not a certificate")
    with pytest.raises(IdentityError):
        crypto.public_key_hash(42)
    from cryptography.hazmat.primitives.asymmetric import ec

    with pytest.raises(IdentityError):
        crypto.rsa_decrypt_blocks(b"\x00" * 256, ec.generate_private_key(ec.SECP256R1()))
