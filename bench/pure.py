"""Pure-Python benchmarks: URL-filter decisions and config reading + Config Key.

Each figure comes with a bare baseline measured in the same run: one ``re`` search for the
filter, ``plistlib.loads`` of the same bytes for the config reader. Times are CPU time of the
measuring thread (``clock``). The product modules are imported when a benchmark runs, so a
missing module shows as an error in the results instead of breaking the harness.
"""

from __future__ import annotations

import gc
import logging
import plistlib
import re
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: CPU time of the measuring thread: on a shared machine, time spent waiting for a core while
#: others run is not counted (the targets are "on one core").
clock = time.thread_time

VECTORS = Path("/work/shared/vectors")
#: the password the vectors README gives for its encrypted file
VECTOR_PASSWORD = "test"


# --------------------------------------------------------------------------- URL filter

def filter_rules(n: int) -> list[dict[str, Any]]:
    """``n`` active rules, about 70 % simplified (in SEB's usual shapes) and 30 % regex,
    half allow and half block. None of them matches :func:`miss_urls`."""
    rules: list[dict[str, Any]] = []
    for i in range(n):
        kind = i % 10
        regex = kind >= 7
        if kind == 0:
            expr = f"*.host{i}.example.org"
        elif kind == 1:
            expr = f"https://exam{i}.school.edu/mod/quiz/*"
        elif kind == 2:
            expr = f".www.exact{i}.com"
        elif kind == 3:
            expr = f"word{i}"
        elif kind == 4:
            expr = f"http://user:pw@h{i}.net:8080/p{i}/*?q=1"
        elif kind == 5:
            expr = f"example{i}.org/path{i}/page.html"
        elif kind == 6:
            expr = f"*://cdn{i}.static.io/*"
        elif kind == 7:
            expr = rf"^https?://([a-z0-9-]+\.)*rx{i}\.net/"
        elif kind == 8:
            expr = rf"quiz{i}/attempt\.php\?id=\d+"
        else:
            expr = rf"\.rx{i}\.(pdf|docx)$"
        rules.append({"active": True, "regex": regex, "expression": expr, "action": i % 2})
    return rules


def miss_urls(count: int, salt: str = "") -> list[str]:
    """Distinct URLs that match no rule of :func:`filter_rules` (worst case: every rule is
    tried; distinct so that no decision cache helps)."""
    return [
        f"https://nomatch{salt}{k}.invalid.test/some/deep/path/page{k}.html?query={k}&x=%41b"
        for k in range(count)
    ]


BASELINE_RE = re.compile(r"^https?://([a-z0-9-]+\.)*example\.org/exam/", re.IGNORECASE)


def _per_call(fn: Callable[[str], object], urls: Sequence[str]) -> float:
    gc.disable()
    try:
        t0 = clock()
        for url in urls:
            fn(url)
        return (clock() - t0) / len(urls)
    finally:
        gc.enable()


def _timed_fresh(fn: Callable[[str], object], *, repeats: int, budget: float,
                 salt: Iterator[int]) -> float:
    """Median seconds per call over ``repeats`` batches of never-seen URLs, each batch sized so
    that all batches together take about ``budget`` seconds."""
    estimate = _per_call(fn, miss_urls(20, f"c{next(salt)}x"))
    batch = int(min(20000, max(20, budget / repeats / max(estimate, 1e-9))))
    return statistics.median(
        _per_call(fn, miss_urls(batch, f"r{next(salt)}x")) for _ in range(repeats)
    )


def bench_filter(sizes: Sequence[int] = (10, 1000, 10000), *, repeats: int = 7,
                 budget: float = 1.5) -> dict[str, Any]:
    """Median ``UrlFilter.decide`` time (µs) per rule count, against one ``re`` search."""
    from launcher.config.settings import Settings
    from launcher.config.urlfilter import UrlFilter

    salt = iter(range(10**9))
    out: dict[str, Any] = {
        "baseline_us": _timed_fresh(BASELINE_RE.search, repeats=repeats, budget=budget / 4,
                                    salt=salt) * 1e6,
        "sizes": {},
    }
    for n in sizes:
        raw = {"URLFilterEnable": True, "URLFilterEnableContentFilter": True,
               "URLFilterRules": filter_rules(n)}
        t0 = clock()
        url_filter = UrlFilter.from_settings(Settings.from_dict(raw))
        build = clock() - t0
        # Sanity: the worst-case URL really matches no rule (blocked, no rule named).
        probe = url_filter.decide(miss_urls(1, "probe")[0])
        if probe.allowed or probe.rule is not None:
            raise AssertionError(f"worst-case URL matched a rule: {probe}")
        decide = _timed_fresh(url_filter.decide, repeats=repeats, budget=budget, salt=salt)
        same = miss_urls(1, "same")[0]
        url_filter.decide(same)
        repeat = _per_call(url_filter.decide, [same] * 2000)
        out["sizes"][str(n)] = {
            "decide_us": decide * 1e6,
            "repeat_url_us": repeat * 1e6,
            "build_ms": build * 1e3,
            "ratio": decide * 1e6 / out["baseline_us"],
        }
    return out


# --------------------------------------------------------------------------- config

def big_config(n_keys: int) -> dict[str, Any]:
    """A settings dict with ``n_keys`` entries in all, of every plist type SEB uses (no dates),
    including URL-filter rules and nested dictionaries as real configs have them."""
    d: dict[str, Any] = {
        "originatorVersion": "SEB_Win_3.7.0",
        "startURL": "https://moodle.example.edu/mod/quiz/view.php?id=42",
        "quitURL": "https://moodle.example.edu/quit",
        "sendBrowserExamKey": True,
        "examKeySalt": bytes(range(32)),
    }
    n_rules = max(1, n_keys // 50)
    d["URLFilterRules"] = [
        {"active": True, "regex": bool(i % 3 == 0), "action": i % 2,
         "expression": f"exam{i}.example.edu/mod/quiz/*"}
        for i in range(n_rules)
    ]
    used = len(d) + 4 * n_rules
    i = 0
    while used < n_keys:
        kind = i % 7
        name = f"setting{i:05d}{'ABCDEFG'[kind]}"
        if kind == 0:
            d[name] = bool(i % 2)
        elif kind == 1:
            d[name] = i * 37
        elif kind == 2:
            d[name] = f"value {i} with \"quotes\" and a back\\slash"
        elif kind == 3:
            d[name] = i / 7.0
        elif kind == 4:
            d[name] = (b"\x00\x01seb" * (1 + i % 5))
        elif kind == 5:
            d[name] = {"enabled": True, "level": i, "label": f"nested {i}"}
            used += 3
        else:
            d[name] = [f"item {i}", i, False]
        used += 1
        i += 1
    return d


def _median_time(fn: Callable[[], object], *, repeats: int, budget: float) -> float:
    """Median seconds of ``fn()``: at least ``repeats`` calls, more while within ``budget``."""
    t0 = clock()
    fn()
    once = clock() - t0
    n = int(min(max(repeats, budget / max(once, 1e-9)), 200))
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(max(n, 3)):
            t0 = clock()
            fn()
            times.append(clock() - t0)
    finally:
        gc.enable()
    return statistics.median(times)


def _config_case(data: bytes, *, repeats: int, budget: float,
                 password: str | None = None) -> dict[str, float]:
    from launcher.config.container import read_config
    from launcher.config.keys import config_key
    from launcher.config.settings import Settings

    loaded = read_config(data, password=password)
    parse = _median_time(lambda: read_config(data, password=password), repeats=repeats,
                         budget=budget)
    key = _median_time(lambda: config_key(loaded.settings), repeats=repeats, budget=budget)
    typed = _median_time(lambda: Settings.from_dict(loaded.settings), repeats=repeats,
                         budget=budget)
    try:
        base = _median_time(lambda: plistlib.loads(data), repeats=repeats, budget=budget)
    except Exception:  # an encrypted or prefixed file is no plist for plistlib
        base = float("nan")
    return {
        "parse_ms": parse * 1e3,
        "config_key_ms": key * 1e3,
        "parse_and_key_ms": (parse + key) * 1e3,
        "settings_ms": typed * 1e3,
        "plistlib_ms": base * 1e3,
        "ratio": (parse + key) / base if base == base else float("nan"),
        "bytes": float(len(data)),
    }


def vector_files(root: Path = VECTORS) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".seb", ".plist") and p.is_file())


def bench_config(n_keys: int = 5000, *, repeats: int = 7, budget: float = 1.0,
                 vectors: bool = True) -> dict[str, Any]:
    """Parse + Config Key of an ``n_keys`` config and of every vector file, vs ``plistlib``."""
    from launcher.config.errors import PasswordRequired

    data = plistlib.dumps(big_config(n_keys), fmt=plistlib.FMT_XML)
    out: dict[str, Any] = {"big": _config_case(data, repeats=repeats, budget=budget),
                           "n_keys": n_keys, "vectors": {}}
    if vectors:
        for path in vector_files():
            raw = path.read_bytes()
            name = str(path.relative_to(VECTORS))
            try:
                try:
                    case = _config_case(raw, repeats=3, budget=budget / 10)
                except PasswordRequired:
                    case = _config_case(raw, repeats=3, budget=budget / 10,
                                        password=VECTOR_PASSWORD)
            except Exception as exc:  # report, do not stop the other files
                case = {"error": f"{type(exc).__name__}: {exc}"}
            out["vectors"][name] = case
    return out
