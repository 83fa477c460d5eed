"""The plist reader/writer: real SEB files, SEB's value types, and hostile XML."""

from __future__ import annotations

import datetime as dt

import pytest

from launcher.config import plist
from launcher.config.errors import DamagedFile, NotSebFile, TooLarge, UnsupportedValue
from tests.support.vectors import VECTORS, vector

HEADER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
)


def doc(body: str, header: bytes = HEADER) -> bytes:
    return header + b'<plist version="1.0">' + body.encode("utf-8") + b"</plist>"


PLAIN_FILES = sorted(
    [p for p in (VECTORS / "moodle").glob("*.seb") if p.name != "encrypted.seb"]
    + list((VECTORS / "more").glob("*.seb"))
    + list((VECTORS / "seb-win").glob("*.plist"))
)


def test_vector_files_are_found():
    assert len(PLAIN_FILES) == 13


@pytest.mark.parametrize("path", PLAIN_FILES, ids=lambda p: p.name)
def test_real_files_read_and_survive_a_write(path):
    settings = plist.loads(path.read_bytes())
    assert isinstance(settings, dict) and settings
    assert plist.loads(plist.dumps(settings)) == settings


def test_values_of_every_type_and_key_order():
    data = doc(
        "<dict><key>zeta</key><string>a &amp; b</string><key>alpha</key><integer>-42</integer>"
        "<key>r</key><real>0.5</real><key>t</key><true/><key>f</key><false/>"
        "<key>d</key><data>\n\t\tAAEC\n\t\tAw==\n\t</data><key>e</key><data></data>"
        "<key>when</key><date>2024-02-29T12:30:05Z</date>"
        "<key>arr</key><array><integer>1</integer><dict/><array/></array><key>empty</key><string/></dict>"
    )
    settings = plist.loads(data)
    assert list(settings) == ["zeta", "alpha", "r", "t", "f", "d", "e", "when", "arr", "empty"]
    assert settings["zeta"] == "a & b"
    assert settings["alpha"] == -42
    assert settings["r"] == 0.5 and settings["t"] is True and settings["f"] is False
    assert settings["d"] == b"\x00\x01\x02\x03" and settings["e"] == b""
    assert settings["when"] == dt.datetime(2024, 2, 29, 12, 30, 5, tzinfo=dt.timezone.utc)
    assert settings["arr"] == [1, {}, []]
    assert settings["empty"] == ""
    assert plist.loads(plist.dumps(settings)) == settings


def test_utf8_bom_and_backslashes_are_accepted():
    data = b"\xef\xbb\xbf" + doc("<dict><key>u</key><string>ws:\\localhost</string></dict>")
    assert plist.loads(data) == {"u": "ws:\\localhost"}


def test_written_file_uses_the_apple_header_and_tabs():
    text = plist.dumps({"a": {"b": [True]}}).decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"')
    assert "\n\t<key>a</key>\n\t<dict>\n\t\t<key>b</key>\n\t\t<array>\n\t\t\t<true/>\n" in text


def test_text_with_markup_and_carriage_returns_round_trips():
    settings = {"s": "<b>x</b> & \"q\" 'a'\r\nline\ttab ü €"}
    assert plist.loads(plist.dumps(settings)) == settings


@pytest.mark.parametrize(
    "body",
    ["<array><string>x</string></array>", "<string>x</string>", "<integer>1</integer>"],
)
def test_top_level_must_be_a_dictionary(body):
    with pytest.raises(NotSebFile):
        plist.loads(doc(body))


@pytest.mark.parametrize("data", [b"", b"hello", b"<html><body/></html>", b"\x00\x01\x02"])
def test_non_plists_are_not_seb_files(data):
    with pytest.raises(NotSebFile):
        plist.loads(data)


def test_entity_declarations_are_refused():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b"<plist><dict><key>x</key><string>&b;</string></dict></plist>"
    )
    with pytest.raises(DamagedFile) as info:
        plist.loads(data)
    assert "entity" in info.value.message.lower()


def test_external_entities_are_refused():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b"<plist><dict><key>x</key><string>&x;</string></dict></plist>"
    )
    with pytest.raises(DamagedFile):
        plist.loads(data)


def test_deep_nesting_stops_at_the_cap():
    depth = 100_000
    data = doc("<dict><key>k</key>" + "<array>" * depth + "</array>" * depth + "</dict>")
    with pytest.raises(TooLarge):
        plist.loads(data)
    nested = doc("<dict><key>k</key>" + "<array>" * 10 + "</array>" * 10 + "</dict>")
    assert plist.loads(nested, max_depth=11)
    with pytest.raises(TooLarge):
        plist.loads(nested, max_depth=10)


@pytest.mark.parametrize(
    "body",
    [
        "<dict><key>a</key><integer>1x</integer></dict>",
        "<dict><key>a</key><integer>0x10</integer></dict>",
        "<dict><key>a</key><real>1_0</real></dict>",
        "<dict><key>a</key><real>nan</real></dict>",
        "<dict><key>a</key><data>!!notbase64</data></dict>",
        "<dict><key>a</key><date>yesterday</date></dict>",
        "<dict><key>a</key><date>2024-13-40T99:00:00Z</date></dict>",
        "<dict><key>a</key><unknown/></dict>",
        "<dict><string>no key</string></dict>",
        "<dict><key>a</key></dict>",
        "<dict><key>a</key><string>x</string><key>b</key>",
        "<dict><key>a</key><string>x<b/></string></dict>",
        "<dict>text</dict>",
        "<dict></dict><dict></dict>",
        "<dict><key>a</key><integer>99999999999999999999999</integer></dict>",
    ],
)
def test_damaged_plists_say_so(body):
    with pytest.raises(DamagedFile):
        plist.loads(doc(body))


def test_values_that_cannot_be_written_are_refused():
    for bad in ({"a": "nul\x00"}, {"a": float("inf")}, {"a": object()}, {1: "x"}, {"a": 2**70}):
        with pytest.raises(UnsupportedValue):
            plist.dumps(bad)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedValue):
        plist.dumps(["not a dict"])  # type: ignore[arg-type]
