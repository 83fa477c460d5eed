"""Hostile and broken input: the reader only ever raises ConfigError subclasses, and stops."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launcher.config.container import Limits, LoadedConfig, read_config, write_config
from launcher.config.errors import ConfigError, DamagedFile, TooLarge
from tests.support.certs import StaticIdentities, make_identity
from tests.support.vectors import VECTORS, vector

SEB_ENCRYPTED = vector("moodle/encrypted.seb")
SEB_PLAIN = vector("moodle/unencrypted_mac_001.seb")
INNER_ENCRYPTED = gzip.decompress(SEB_ENCRYPTED)  # "pswd" + RNCryptor blob

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def survives(data: bytes, **kw) -> None:
    """Either a configuration comes out, or a ConfigError with a message for the user."""
    try:
        loaded = read_config(data, limits=Limits(max_bytes=4 * 1024 * 1024), **kw)
    except ConfigError as exc:
        assert exc.message
        return
    assert isinstance(loaded, LoadedConfig) and isinstance(loaded.settings, dict)


def flip(data: bytes, positions: list[int]) -> bytes:
    out = bytearray(data)
    for position in positions:
        out[position % len(out)] ^= 1 << (position % 8)
    return bytes(out)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    survives(data, password="test")


@FUZZ
@given(st.sampled_from([b"", b"plnd", b"pswd", b"pwcc", b"pkhs", b"phsk", b"\x1f\x8b", b"<?xml", b"\xef\xbb\xbf<plist>"]), st.binary(max_size=600))
def test_random_bytes_behind_every_prefix(prefix, data):
    survives(prefix + data, password="test", identities=StaticIdentities())
    survives(gzip.compress(prefix + data), password="test")


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=4))
def test_bit_flips_in_real_files(positions):
    survives(flip(SEB_ENCRYPTED, positions), password="test")
    survives(gzip.compress(flip(INNER_ENCRYPTED, positions)), password="test")
    survives(flip(SEB_PLAIN, positions))


@FUZZ
@given(st.integers(min_value=0, max_value=len(SEB_ENCRYPTED)))
def test_truncations_of_real_files(cut):
    survives(SEB_ENCRYPTED[:cut], password="test")
    survives(gzip.compress(INNER_ENCRYPTED[:cut]), password="test")
    survives(SEB_PLAIN[: cut * 5])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=3))
def test_bit_flips_in_certificate_files(positions):
    cert, key, _p12, _pw = make_identity("Fuzz", key_size=1024)
    found = StaticIdentities((cert, key))
    for symmetric in (False, True):
        inner = gzip.decompress(write_config({"startURL": "https://x.example"}, certificate=cert, symmetric=symmetric, password="pw"))
        survives(gzip.compress(flip(inner, positions)), identities=found, password="pw")


@FUZZ
@given(st.integers(min_value=1, max_value=5000), st.sampled_from(["array", "dict"]))
def test_deep_nesting(depth, element):
    opening = "<array>" if element == "array" else "<dict><key>k</key>"
    closing = "</array>" if element == "array" else "</dict>"
    body = "<dict><key>k</key>" + opening * depth + closing * depth + "</dict>"
    survives(b'<?xml version="1.0"?><plist version="1.0">' + body.encode() + b"</plist>")


def test_billion_laughs_is_refused():
    entities = "".join(
        f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10 if i else "lol"}">' for i in range(10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE plist [{entities}]><plist><dict><key>k</key><string>&l9;</string></dict></plist>'
    try:
        read_config(gzip.compress(b"plnd" + data.encode()))
    except DamagedFile as exc:
        assert "entit" in exc.message.lower()
    else:
        raise AssertionError("entity declarations must be refused")


def test_nested_gzip_bombs_stop_at_the_limit():
    bomb = gzip.compress(gzip.compress(b"\x00" * (64 * 1024 * 1024)))
    assert len(bomb) < 200_000
    try:
        read_config(bomb)
    except TooLarge:
        pass
    else:
        raise AssertionError("a gzip bomb must be refused as too large")


@pytest.mark.parametrize(
    "encoding", [b"utf-x", b"rot13", b"hex", b"mbcs", b"shift_jis", b"utf-7", b"idna", b"x" * 300]
)
def test_an_unusable_encoding_in_the_xml_declaration_is_a_damaged_file(encoding):
    data = b'<?xml version="1.0" encoding="' + encoding + b'"?><plist version="1.0"><dict><key>a</key><string>b\xe9</string></dict></plist>'
    with pytest.raises(DamagedFile) as caught:
        read_config(gzip.compress(b"plnd" + data))
    assert "encoding" in caught.value.detail


def test_a_legacy_single_byte_encoding_is_still_read():
    data = b'<?xml version="1.0" encoding="windows-1252"?><plist version="1.0"><dict><key>a</key><string>caf\xe9</string></dict></plist>'
    assert read_config(data).settings == {"a": "café"}


def test_millions_of_tiny_values_are_refused_before_they_fill_memory():
    data = b'<?xml version="1.0"?><plist><dict><key>a</key><array>' + b"<true/>" * 1_000_000 + b"</array></dict></plist>"
    with pytest.raises(TooLarge) as caught:
        read_config(data)
    assert "too many" in caught.value.message


def test_a_large_config_with_ten_thousand_rules_is_still_read():
    rules = [{"active": True, "action": 1, "expression": f"host{i}.example", "regex": False} for i in range(10_000)]
    loaded = read_config(write_config({"URLFilterRules": rules, "startURL": "https://x.example"}))
    assert len(loaded.settings["URLFilterRules"]) == 10_000


def test_megabytes_of_base64_data_are_decoded():
    blob = bytes(range(256)) * 40_000
    assert read_config(write_config({"a": blob})).settings["a"] == blob


def test_rsa_work_is_capped_across_nested_certificate_layers():
    cert, key, _p12, _pw = make_identity("Fuzz", key_size=1024)
    found = StaticIdentities((cert, key))
    from launcher.config.crypto import public_key_hash, rsa_encrypt_blocks

    inner = write_config({"startURL": "https://x.example"}, compress=False)
    for _ in range(3):  # 44, 92 and 145 KB of RSA blocks: each under the cap, together over it
        inner = b"pkhs" + public_key_hash(cert) + rsa_encrypt_blocks(inner + b" " * 40_000, cert)
        assert len(inner) < Limits().max_rsa_bytes
    with pytest.raises(TooLarge) as caught:
        read_config(inner, identities=found)
    assert "RSA" in caught.value.detail


def test_a_short_mutation_fuzz_run_keeps_every_input_in_the_error_family():
    from tests import fuzz

    report = fuzz.run(fuzz.build_corpus(VECTORS), seed=20261126, count=400, memory_every=40)
    assert report.inputs == 400
    assert report.escapes == []
    assert report.outcomes["DamagedFile"] and report.outcomes["NotSebFile"] and report.outcomes["read"]


def test_an_integer_with_thousands_of_digits_is_a_damaged_file():
    data = b"<plist><dict><key>a</key><integer>" + b"9" * 5000 + b"</integer></dict></plist>"
    with pytest.raises(DamagedFile) as caught:
        read_config(data)
    assert "out of range" in caught.value.detail
