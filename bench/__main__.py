"""``python -m bench [--json]``: run every benchmark and print a table (or one JSON object).

Each figure is a ratio or difference against a bare baseline measured in the same run; see
``bench/RESULTS.md`` for what is measured and the targets.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import statistics
import sys
import time
import traceback
from typing import Any

from bench.machine import describe

log = logging.getLogger(__name__)

#: metric -> (target, "max" means the figure must be <= target)
TARGETS: dict[str, float] = {
    "start_ratio": 1.15,
    "request_ratio": 1.05,
    "filter_us_10000": 20.0,
    "config_ms_5000": 30.0,
    "rss_extra_mb": 40.0,
    "idle_extra_pct": 1.0,
}
PARTS = ("filter", "config", "start", "server", "request", "idle")
#: The idle exam: rounds of (launcher, bare), each program measured this long once loaded.
IDLE_ROUNDS = 3
IDLE_SECONDS = 10.0


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _diff(a: float | None, b: float | None) -> float | None:
    return a - b if a is not None and b is not None else None


def run_pure(result: dict[str, Any], parts: set[str], quick: bool) -> None:
    from bench import pure

    if "filter" in parts:
        try:
            sizes = (10, 100) if quick else (10, 1000, 10000)
            f = pure.bench_filter(sizes, repeats=3 if quick else 7, budget=0.05 if quick else 1.5)
            result["details"]["filter"] = f
            big = f["sizes"].get("10000")
            result["filter_us_10000"] = big["decide_us"] if big else None
        except Exception as exc:
            result["errors"].append(f"filter: {type(exc).__name__}: {exc}")
            log.debug("filter", exc_info=True)
    if "config" in parts:
        try:
            n = 200 if quick else 5000
            c = pure.bench_config(n, repeats=3 if quick else 7, budget=0.05 if quick else 1.0,
                                  vectors=not quick)
            result["details"]["config"] = c
            result["config_ms_5000"] = None if quick else c["big"]["parse_and_key_ms"]
        except Exception as exc:
            result["errors"].append(f"config: {type(exc).__name__}: {exc}")
            log.debug("config", exc_info=True)


def run_request_path(result: dict[str, Any], quick: bool) -> None:
    try:
        from bench.requestpath import bench_interceptor

        result["details"]["request_path"] = bench_interceptor(300 if quick else 3000)
    except Exception as exc:
        result["errors"].append(f"request path: {type(exc).__name__}: {exc}")
        log.debug("request path", exc_info=True)


def run_web(result: dict[str, Any], parts: set[str], args: argparse.Namespace) -> None:
    from bench.web import WebBench, WebResults

    web = WebResults()
    with WebBench(platform=args.platform, n_resources=args.resources,
                  keep_logs=args.keep_logs, nice=args.nice) as bench:
        if args.keep_logs:
            result["logs"] = str(bench.tmp)
        if "start" in parts:
            bench.series("exam", args.runs, results=web)
        if "server" in parts:  # SEB Server: connection configuration -> first exam request
            bench.series("exam", args.runs, results=web, kinds=("bare", "launcher-server"))
        if "request" in parts:
            bench.series("heavy", args.runs, results=web,
                         kinds=("bare", "launcher", "bare-hook"))
        if "idle" in parts:  # the exam sitting loaded, every watcher on: share of a core
            rounds = 1 if args.quick else IDLE_ROUNDS
            seconds = 2.0 if args.quick else IDLE_SECONDS
            idle: dict[str, list[float]] = {"launcher": [], "bare": []}
            for i in range(rounds):
                for kind in (("launcher", "bare") if i % 2 == 0 else ("bare", "launcher")):
                    share = bench.idle(kind, seconds)
                    if share is None:
                        result["errors"].append(f"idle: the {kind} did not load the exam page")
                    else:
                        idle[kind].append(share)
            launcher_pct = statistics.median(idle["launcher"]) if idle["launcher"] else None
            bare_pct = statistics.median(idle["bare"]) if idle["bare"] else None
            result["details"]["idle"] = {"launcher_pct": launcher_pct, "bare_pct": bare_pct,
                                         "rounds": rounds, "seconds": seconds,
                                         "platform": args.platform,
                                         "all_launcher_pct": idle["launcher"], "all_bare_pct": idle["bare"]}
            result["idle_extra_pct"] = _diff(launcher_pct, bare_pct)
    result["errors"].extend(web.errors())
    d: dict[str, Any] = {}
    for page in ("exam", "heavy"):
        for kind in ("bare", "launcher", "bare-hook", "launcher-server"):
            if (page, kind) in (("exam", "bare-hook"), ("heavy", "launcher-server")):
                continue
            vals = {
                attr: web.median(kind, page, attr)
                for attr in ("start_s", "first_request_s", "request_s", "peak_rss_mb", "pss_mb",
                         "cpu_first_s", "cpu_end_s", "request_cpu_s")
            }
            vals["runs"] = len(web.values(kind, page, "peak_rss_mb"))
            vals["all_start_s"] = web.values(kind, page, "start_s")
            if page == "heavy":
                vals["all_request_s"] = web.values(kind, page, "request_s")
                vals["requests_with_exam_headers"] = web.median(kind, page, "with_headers")
                vals["requests"] = web.median(kind, page, "requests")
                vals["filtered_requests_seen"] = web.median(kind, page, "blocked_seen")
            d[f"{page}_{kind}"] = vals
    result["details"]["web"] = d
    if "start" in parts:
        b, l_ = d["exam_bare"], d["exam_launcher"]
        result["start_ratio"] = _ratio(l_["start_s"], b["start_s"])
        result["details"]["first_request_ratio"] = _ratio(l_["first_request_s"],
                                                          b["first_request_s"])
        result["details"]["start_cpu_ratio"] = _ratio(l_["cpu_end_s"], b["cpu_end_s"])
        result["details"]["start_ratio_paired"] = web.paired_ratio("exam", "start_s")
        result["rss_extra_mb"] = _diff(l_["peak_rss_mb"], b["peak_rss_mb"])
    if "server" in parts:
        b, srv = d["exam_bare"], d["exam_launcher-server"]
        result["details"]["server_start_ratio"] = _ratio(srv["start_s"], b["start_s"])
        result["details"]["server_first_request_ratio"] = _ratio(srv["first_request_s"], b["first_request_s"])
    if "request" in parts:
        b, l_ = d["heavy_bare"], d["heavy_launcher"]
        result["request_ratio"] = _ratio(l_["request_s"], b["request_s"])
        result["details"]["rss_extra_mb_heavy"] = _diff(l_["peak_rss_mb"], b["peak_rss_mb"])
        hook = d["heavy_bare-hook"]
        result["details"]["request_ratio_noop_interceptor"] = _ratio(hook["request_s"],
                                                                     b["request_s"])
        result["details"]["request_cpu_ratio"] = _ratio(l_["request_cpu_s"], b["request_cpu_s"])
        result["details"]["request_ratio_paired"] = web.paired_ratio("heavy", "request_s")
        extra = _diff(l_["request_s"], b["request_s"])
        result["details"]["request_extra_us_each"] = (
            extra / args.resources * 1e6 if extra is not None else None)
        if l_["runs"] and not l_["requests_with_exam_headers"]:
            result["errors"].append("request: the launcher sent no X-SafeExamBrowser headers, "
                                    "so its per-request work was not measured")
        if l_["runs"] and l_["filtered_requests_seen"]:
            result["errors"].append("request: a request the URL filter must block reached the "
                                    "server, so the filter was not active")
        if result.get("rss_extra_mb") is None:
            result["rss_extra_mb"] = result["details"]["rss_extra_mb_heavy"]


def verdicts(result: dict[str, Any]) -> dict[str, bool | None]:
    out: dict[str, bool | None] = {}
    for key, target in TARGETS.items():
        value = result.get(key)
        out[key] = None if value is None or math.isnan(value) else value <= target
    return out


def _fmt(v: float | None, unit: str = "", digits: int = 2) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return f"{v:.{digits}f}{unit}"


def table(result: dict[str, Any]) -> str:
    det = result["details"]
    web = det.get("web", {})
    rows: list[tuple[str, str, str, str, str, str]] = []
    met = result["met"]

    def mark(key: str) -> str:
        return {True: "met", False: "MISSED", None: "n/a"}[met[key]]

    def ms(page: str, kind: str, attr: str) -> float | None:
        v = web.get(f"{page}_{kind}", {}).get(attr)
        return v * 1e3 if v is not None else None

    if web:
        if web.get("exam_bare", {}).get("runs"):
            rows.append(("start: process start -> loadFinished",
                         _fmt(ms("exam", "launcher", "start_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "start_s"), " ms", 0),
                         _fmt(result.get("start_ratio"), "x"), "<= 1.15x", mark("start_ratio")))
            rows.append(("  median of per-round ratios (drift-proof)", "", "",
                         _fmt(det.get("start_ratio_paired"), "x"), "", ""))
            rows.append(("  of which: process start -> first request",
                         _fmt(ms("exam", "launcher", "first_request_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "first_request_s"), " ms", 0),
                         _fmt(det.get("first_request_ratio"), "x"), "", ""))
            rows.append(("  CPU time of the process tree until onload",
                         _fmt(ms("exam", "launcher", "cpu_end_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "cpu_end_s"), " ms", 0),
                         _fmt(det.get("start_cpu_ratio"), "x"), "", ""))
            rows.append(("  CPU time until the first request",
                         _fmt(ms("exam", "launcher", "cpu_first_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "cpu_first_s"), " ms", 0),
                         _fmt(_ratio(ms("exam", "launcher", "cpu_first_s"),
                                     ms("exam", "bare", "cpu_first_s")), "x"), "", ""))
        if web.get("exam_launcher-server", {}).get("runs"):
            rows.append(("SEB Server: process start -> onload (connection config)",
                         _fmt(ms("exam", "launcher-server", "start_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "start_s"), " ms", 0),
                         _fmt(det.get("server_start_ratio"), "x"), "", ""))
            rows.append(("  of which: process start -> first exam request",
                         _fmt(ms("exam", "launcher-server", "first_request_s"), " ms", 0),
                         _fmt(ms("exam", "bare", "first_request_s"), " ms", 0),
                         _fmt(det.get("server_first_request_ratio"), "x"), "", ""))
        if web.get("heavy_bare", {}).get("runs"):
            rows.append((f"request: {result['resources']} sub-resources (headers + filter)",
                         _fmt(ms("heavy", "launcher", "request_s"), " ms", 0),
                         _fmt(ms("heavy", "bare", "request_s"), " ms", 0),
                         _fmt(result.get("request_ratio"), "x"), "<= 1.05x", mark("request_ratio")))
            rows.append(("  median of per-round ratios (drift-proof)", "", "",
                         _fmt(det.get("request_ratio_paired"), "x"), "", ""))
            rows.append(("  CPU time of the tree during those requests",
                         _fmt(ms("heavy", "launcher", "request_cpu_s"), " ms", 0),
                         _fmt(ms("heavy", "bare", "request_cpu_s"), " ms", 0),
                         _fmt(det.get("request_cpu_ratio"), "x"), "", ""))
            rows.append(("  bare view + a Python interceptor doing nothing",
                         _fmt(ms("heavy", "bare-hook", "request_s"), " ms", 0),
                         _fmt(ms("heavy", "bare", "request_s"), " ms", 0),
                         _fmt(det.get("request_ratio_noop_interceptor"), "x"), "", ""))
            rows.append(("  launcher's extra time per sub-resource",
                         _fmt(det.get("request_extra_us_each"), " us", 0), "", "", "", ""))
        rows.append(("memory: peak RSS of process tree (exam page)",
                     _fmt(web.get("exam_launcher", {}).get("peak_rss_mb"), " MB", 0),
                     _fmt(web.get("exam_bare", {}).get("peak_rss_mb"), " MB", 0),
                     _fmt(result.get("rss_extra_mb"), " MB", 1), "<= +40 MB",
                     mark("rss_extra_mb")))
        rows.append(("  PSS after load (shared pages split)",
                     _fmt(web.get("exam_launcher", {}).get("pss_mb"), " MB", 0),
                     _fmt(web.get("exam_bare", {}).get("pss_mb"), " MB", 0),
                     _fmt(_diff(web.get("exam_launcher", {}).get("pss_mb"),
                                web.get("exam_bare", {}).get("pss_mb")), " MB", 1), "", ""))
        rows.append(("  memory on the heavy page",
                     _fmt(web.get("heavy_launcher", {}).get("peak_rss_mb"), " MB", 0),
                     _fmt(web.get("heavy_bare", {}).get("peak_rss_mb"), " MB", 0),
                     _fmt(det.get("rss_extra_mb_heavy"), " MB", 1), "", ""))
    idle = det.get("idle")
    if idle:
        rows.append((f"idle exam: share of a core, {idle['seconds']:.0f} s after load ({idle['platform']})",
                     _fmt(idle.get("launcher_pct"), " %", 2), _fmt(idle.get("bare_pct"), " %", 2),
                     _fmt(result.get("idle_extra_pct"), " %", 2), "<= +1 %", mark("idle_extra_pct")))
    rp = det.get("request_path")
    if rp:
        rows.append(("request path in Python: interceptRequest, each",
                     _fmt(rp["interceptor_us"], " us", 1), "", "", "", ""))
        rows.append(("  of which URL filter / 2 header hashes / quit URL",
                     _fmt(rp["filter_allows_us"], " us", 1), "",
                     f"{_fmt(rp['header_hashes_us'], ' us', 1)} / "
                     f"{_fmt(rp['quit_check_us'], ' us', 1)}", "", ""))
    flt = det.get("filter")
    if flt:
        for n, s in flt["sizes"].items():
            key = "filter_us_10000" if n == "10000" else ""
            rows.append((f"URL filter: decide, {n} rules, no match",
                         _fmt(s["decide_us"], " us"), _fmt(flt["baseline_us"], " us"),
                         _fmt(s["ratio"], "x", 1), "<= 20 us" if key else "",
                         mark(key) if key else ""))
            rows.append((f"  build {n} rules / same URL again", _fmt(s["build_ms"], " ms"),
                         "", _fmt(s["repeat_url_us"], " us"), "", ""))
    cfg = det.get("config")
    if cfg:
        big = cfg["big"]
        rows.append((f"config: parse + Config Key, {cfg['n_keys']} keys",
                     _fmt(big["parse_and_key_ms"], " ms"), _fmt(big["plistlib_ms"], " ms"),
                     _fmt(big["ratio"], "x"), "<= 30 ms", mark("config_ms_5000")))
        rows.append(("  of which parse / Config Key / Settings", _fmt(big["parse_ms"], " ms"),
                     "", f"{_fmt(big['config_key_ms'], ' ms')} / {_fmt(big['settings_ms'], ' ms')}",
                     "", ""))
        for name, case in cfg["vectors"].items():
            if "error" in case:
                rows.append((f"  vector {name}", "error", "", case["error"][:40], "", ""))
            else:
                rows.append((f"  vector {name}", _fmt(case["parse_and_key_ms"], " ms"),
                             _fmt(case["plistlib_ms"], " ms"), _fmt(case["ratio"], "x"), "", ""))
    head = ("benchmark", "launcher", "baseline", "ratio/extra", "target", "")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(6)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    m = result["machine"]
    lines.append("")
    lines.append(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, "
                 f"Python {m['python']}, Qt {m.get('qt')} (Chromium {m.get('chromium', '?')})")
    lines.append(f"took {result['elapsed_s']:.0f} s, {result['runs']} runs per program; load "
                 f"average {m.get('load_avg_1min')} before, {m.get('load_avg_1min_after')} after")
    load = max(m.get("load_avg_1min") or 0, m.get("load_avg_1min_after") or 0)
    if m.get("cores") and load > m["cores"]:
        lines.append(f"warning: load average {load} on {m['cores']} cores: other work competed "
                     "for the CPU, the wall-clock ratios are unreliable (CPU-time rows less so)")
    for err in result["errors"]:
        lines.append(f"error: {err}")
    return "\n".join(lines)


def _clean(value: Any) -> Any:
    """JSON has no NaN: write null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--only", default=",".join(PARTS),
                    help=f"comma-separated parts to run (default: {','.join(PARTS)})")
    ap.add_argument("--runs", type=int, default=7, help="measured runs per program (default 7)")
    ap.add_argument("--resources", type=int, default=300,
                    help="sub-resources of the request benchmark's page (default 300)")
    ap.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for both programs")
    ap.add_argument("--nice", type=int, default=-5 if _is_root() else 0,
                    help="priority of both programs and the server (default -5 as root, else 0)")
    ap.add_argument("--quick", action="store_true", help="tiny sizes (harness check only)")
    ap.add_argument("--keep-logs", action="store_true", help="keep the programs' output")
    args = ap.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    logging.basicConfig(level=logging.WARNING)

    t0 = time.perf_counter()
    result: dict[str, Any] = {key: None for key in TARGETS}
    result.update(targets=TARGETS, runs=args.runs, nice=args.nice, resources=args.resources, details={},
                  errors=[], machine=describe())
    run_pure(result, parts, args.quick)
    if "request" in parts:
        run_request_path(result, args.quick)
    if parts & {"start", "server", "request", "idle"}:
        try:
            run_web(result, parts, args)
        except Exception as exc:
            result["errors"].append(f"web: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
    result["elapsed_s"] = time.perf_counter() - t0
    if hasattr(os, "getloadavg"):
        result["machine"]["load_avg_1min_after"] = round(os.getloadavg()[0], 2)
    result["met"] = verdicts(result)
    if args.json:
        json.dump(_clean(result), sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(table(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
