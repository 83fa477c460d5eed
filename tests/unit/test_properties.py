"""Properties over random settings: what we write we read back, with the same Config Key."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launcher.config import keys, plist
from launcher.config.container import read_config, write_config


def _xml_char(c: str) -> bool:
    code = ord(c)
    return (code >= 0x20 or c in "\t\n\r") and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)


text = st.text(st.characters(blacklist_categories=("Cs",)).filter(_xml_char), max_size=20)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
    st.binary(max_size=40),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1))
    .map(lambda d: d.replace(microsecond=0, tzinfo=dt.timezone.utc)),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(text, children, max_size=4)),
    max_leaves=25,
)
settings_dicts = st.dictionaries(text, values, max_size=8)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(settings_dicts)
def test_plain_file_round_trip_keeps_settings_and_config_key(d):
    loaded = read_config(write_config(d))
    assert loaded.settings == d
    assert list(loaded.settings) == list(d)
    assert keys.config_key(loaded.settings) == keys.config_key(d)


@settings(max_examples=15, deadline=None)
@given(settings_dicts, text)
def test_password_file_round_trip(d, password):
    loaded = read_config(write_config(d, password=password), password=password)
    assert loaded.settings == d
    assert keys.config_key(loaded.settings) == keys.config_key(d)


@FAST
@given(settings_dicts, st.randoms(use_true_random=False))
def test_config_key_ignores_key_order_and_originator_version(d, rnd: random.Random):
    items = list(d.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    assert keys.seb_json(shuffled) == keys.seb_json(d)
    assert keys.config_key({**d, "originatorVersion": "SEB_Win_3.0"}) == keys.config_key(
        {k: v for k, v in d.items() if k.lower() != "originatorversion"}
    )


@FAST
@given(settings_dicts)
def test_plist_text_round_trip(d):
    assert plist.loads(plist.dumps(d)) == d


# Bounded: near the double's maximum .NET's G15 rounds up past it ("1.79769313486232E+308"), as we do.
@FAST
@given(st.floats(min_value=-1e300, max_value=1e300))
def test_reals_have_at_most_15_significant_digits(value):
    text = keys.format_real(value)
    mantissa = text.split("E")[0].lstrip("-").replace(".", "").lstrip("0")
    assert len(mantissa) <= 15
    assert abs(float(text) - value) <= abs(value) * 1e-14
