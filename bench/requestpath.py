"""The launcher's Python work per request, timed in-process: what ``interceptRequest`` costs.

The real ``ExamInterceptor`` (launcher.browser.interceptor) with the real URL filter, quit-URL
check and exam keys of the request benchmark's config is called with a stand-in for Chromium's
request info (the same methods, no engine behind them), for distinct sub-resource URLs like the
heavy page's. Parts are timed alone too: the filter decision and the two header hashes. The
baseline is a Python interceptor that does nothing, called the same way.
"""

from __future__ import annotations

import gc
import logging
import statistics
import time
from typing import Any

log = logging.getLogger(__name__)

#: CPU time of the measuring thread: on a shared machine, time spent waiting for a core while
#: others run is not counted (the targets are "on one core").
clock = time.thread_time


class FakeInfo:
    """Just enough of ``QWebEngineUrlRequestInfo`` for the interceptor."""

    __slots__ = ("_url", "_first", "_type", "headers", "blocked")

    def __init__(self, url: Any, first_party: Any, rtype: Any) -> None:
        self._url, self._first, self._type = url, first_party, rtype
        self.headers: list[tuple[bytes, bytes]] = []
        self.blocked = False

    def requestUrl(self) -> Any:  # noqa: N802 (Qt name)
        return self._url

    def firstPartyUrl(self) -> Any:  # noqa: N802
        return self._first

    def resourceType(self) -> Any:  # noqa: N802
        return self._type

    def block(self, value: bool) -> None:
        self.blocked = value

    def setHttpHeader(self, name: bytes, value: bytes) -> None:  # noqa: N802
        self.headers.append((name, value))


def _median_us(fn: Any, items: list[Any], repeats: int) -> float:
    per_round = max(1, len(items) // repeats)
    times = []
    gc.disable()
    try:
        for r in range(repeats):
            chunk = items[r * per_round : (r + 1) * per_round]
            t0 = clock()
            for item in chunk:
                fn(item)
            times.append((clock() - t0) / len(chunk))
    finally:
        gc.enable()
    return statistics.median(times) * 1e6


def bench_interceptor(n: int = 3000, repeats: int = 5) -> dict[str, float]:
    """Median µs per request: full interceptor, its parts, and a do-nothing interceptor."""
    import plistlib
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

    from bench.web import write_config
    from launcher.browser.interceptor import ExamInterceptor
    from launcher.config.keys import ExamKeys
    from launcher.config.navigation import is_quit_url
    from launcher.config.settings import Settings
    from launcher.config.urlfilter import UrlFilter

    base = "http://127.0.0.1:8000"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.seb"
        write_config(path, f"{base}/heavy?run=x", f"{base}/quit", heavy=True)
        raw = plistlib.loads(path.read_bytes())
    settings = Settings.from_dict(raw)
    keys = ExamKeys.for_settings(raw)
    url_filter = UrlFilter.from_settings(settings)
    quit_url = raw["quitURL"]
    interceptor = ExamInterceptor(keys, send_keys=True, url_filter=url_filter,
                                  filter_content=True,
                                  is_quit=lambda url: is_quit_url(url, quit_url))

    class Noop(QWebEngineUrlRequestInterceptor):
        def interceptRequest(self, info: Any) -> None:  # noqa: N802
            pass

    noop = Noop()
    rt = QWebEngineUrlRequestInfo.ResourceType
    kinds = (rt.ResourceTypeScript, rt.ResourceTypeImage, rt.ResourceTypeXhr)
    page = QUrl(f"{base}/heavy?run=x&n=300")
    texts = [f"{base}/r/s{i}.js?run=bench{i}" for i in range(n)]
    infos = [FakeInfo(QUrl(t), page, kinds[i % 3]) for i, t in enumerate(texts)]
    infos2 = [FakeInfo(QUrl(t + "&again"), page, kinds[i % 3]) for i, t in enumerate(texts)]
    full = _median_us(interceptor.interceptRequest, infos, repeats)
    if not all(len(i.headers) == 2 and not i.blocked for i in infos):
        raise AssertionError("the interceptor did not add both headers to every request")
    return {
        "interceptor_us": full,
        "noop_interceptor_us": _median_us(noop.interceptRequest, infos2, repeats),
        "filter_allows_us": _median_us(url_filter.allows, [t + "&f" for t in texts], repeats),
        "header_hashes_us": _median_us(
            lambda t: (keys.config_key_hash(t), keys.request_hash(t)),
            [t + "&h" for t in texts], repeats),
        "quit_check_us": _median_us(lambda t: is_quit_url(t, quit_url), texts, repeats),
    }
