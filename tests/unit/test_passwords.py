"""Quit/admin password hashing against SEB's, Moodle's and SEB Server's own test values."""

from __future__ import annotations

import json

import pytest

from launcher.config.passwords import check_password, has_password, hash_password
from tests.support.vectors import VECTORS

CASES = json.loads((VECTORS / "password_hash.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["password"] or "empty")
def test_hash_matches_seb(case):
    assert hash_password(case["password"]) == case["expected"]


@pytest.mark.parametrize("case", [c for c in CASES if c["password"]], ids=lambda c: c["password"])
def test_check_accepts_the_right_password_in_any_hex_case(case):
    assert check_password(case["password"], case["expected"])
    assert check_password(case["password"], case["expected"].upper())
    assert not check_password(case["password"] + "x", case["expected"])
    assert not check_password("", case["expected"])


def test_empty_stored_hash_means_no_password():
    assert not has_password("")
    assert not has_password(None)
    assert has_password(hash_password("x"))
    # Even the hash of the empty string is not matched by a check against "no password".
    assert not check_password("", "")


def test_unicode_passwords_are_normalised_like_seb_for_macos():
    composed = "Pr\u00fcfung"
    decomposed = "Pru\u0308fung"
    assert hash_password(composed) == hash_password(decomposed)
    assert check_password(decomposed, hash_password(composed))


def test_garbage_in_the_stored_hash_fails_closed():
    assert not check_password("test", "not-a-hash-ü")


def test_a_hash_of_the_password_as_typed_is_accepted_like_seb_for_windows():
    import hashlib

    decomposed = "Pru\u0308fung"
    as_typed = hashlib.sha256(decomposed.encode("utf-8")).hexdigest()
    assert as_typed != hash_password(decomposed)
    assert check_password(decomposed, as_typed)
    assert not check_password("Pr\u00fcfung", as_typed)  # typed composed: neither form matches
