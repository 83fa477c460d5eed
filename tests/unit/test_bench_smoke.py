"""The benchmark harness still runs: its pure-Python parts at tiny sizes, its local server,
and its process-tree memory sampler (the browser parts run only in ``python -m bench``)."""

from __future__ import annotations

import json
import os
import urllib.request

from bench import __main__ as bench_main
from bench.procs import rss_bytes, tree
from bench.server import BenchServer


def test_quick_pure_benchmarks_report_numbers_as_json(capsys):
    assert bench_main.main(["--only", "filter,config", "--quick", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["errors"] == []
    sizes = result["details"]["filter"]["sizes"]
    assert set(sizes) == {"10", "100"}
    assert all(s["decide_us"] > 0 and s["build_ms"] > 0 for s in sizes.values())
    assert result["details"]["filter"]["baseline_us"] > 0
    big = result["details"]["config"]["big"]
    assert big["parse_and_key_ms"] > 0 and big["plistlib_ms"] > 0
    assert result["machine"]["cores"] >= 1 and result["machine"]["python"]
    for key in ("start_ratio", "request_ratio", "filter_us_10000", "config_ms_5000", "rss_extra_mb"):
        assert key in result


def test_quick_table_names_each_benchmark(capsys):
    assert bench_main.main(["--only", "filter,config", "--quick"]) == 0
    out = capsys.readouterr().out
    assert "URL filter: decide, 100 rules, no match" in out
    assert "config: parse + Config Key, 200 keys" in out
    assert "machine:" in out


def test_server_records_first_request_and_beacons():
    with BenchServer() as server:
        page = urllib.request.urlopen(f"{server.base}/heavy?run=t1&n=9").read().decode()
        assert page.count('<script src="/r/s') == 3 and page.count('<img src="/r/i') == 3
        urllib.request.urlopen(f"{server.base}/loaded?run=t1&t=1500.5&nav=250").read()
        urllib.request.urlopen(f"{server.base}/done?run=t1").read()
        run = server.runs["t1"]
        assert run.first is not None and run.first <= run.loaded <= run.done
        assert run.loaded_event.is_set() and run.done_event.is_set()
        assert run.requests == 3 and run.with_headers == 0
        assert run.page_loaded_epoch == 1.5005 and run.page_loaded_nav == 0.25
        assert run.page_done_epoch is None  # a beacon without the page's stamps


def test_memory_sampler_sees_this_process():
    assert os.getpid() in tree(os.getpid())
    assert rss_bytes(tree(os.getpid())) > 1_000_000


def test_request_path_timing_runs_the_real_interceptor():
    from bench.requestpath import bench_interceptor

    result = bench_interceptor(30, repeats=1)  # raises if a request lacks its two SEB headers
    assert result["interceptor_us"] > 0 and result["filter_allows_us"] > 0
