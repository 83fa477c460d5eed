"""``python -m bench.profile``: where the launcher's start-up and request time goes.

- startpath: wall and CPU time at each step of the start path (``bench/probe.py``), launcher
  and bare view side by side, with the server's first request and onload on the same clock;
- imports: runs ``seb-launcher open FILE`` and the bare view under ``python -X importtime``
  until the page's onload beacon and lists the costliest imports (cumulative, per top-level
  package, and the launcher's own modules);
- cprofile: runs ``seb-launcher open FILE`` under cProfile on the heavy page (300
  sub-resources, headers and URL filter on); the page goes to the quit URL afterwards so the
  launcher exits by itself and the profile is written; lists the top functions and the
  per-request ones (interceptor, filter, hashes).
"""

from __future__ import annotations

import argparse
import logging
import pstats
import re
import sys
import time
from pathlib import Path

from bench.procs import Measured
from bench.web import WebBench, bare_argv, write_config

log = logging.getLogger(__name__)

IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def parse_importtime(text: str) -> list[tuple[str, int, int, int]]:
    """(module, self µs, cumulative µs, depth) for each line of ``-X importtime`` output."""
    rows = []
    for m in IMPORT_LINE.finditer(text):
        rows.append((m.group(4), int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2))
    return rows


def _wait(bench: WebBench, run_id: str, argv: list[str], *, page: str, log_path: Path,
          timeout: float = 60.0, until_exit: bool = False,
          linger: float = 0.0) -> tuple[float | None, int | None]:
    """Run ``argv`` until the page's beacon (or its exit); return the time of the first request
    after start and how many bytes the program had written to its log by then."""
    run = bench.server.run(run_id)
    event = run.done_event if page == "heavy" else run.loaded_event
    proc = Measured(argv, bench.run_env(run_id), log_path=str(log_path))
    deadline = proc.started + timeout
    mark: int | None = None
    while time.perf_counter() < deadline:
        if mark is None and run.first is not None:
            mark = log_path.stat().st_size
        if until_exit and proc.exited():
            break
        if not until_exit and (event.is_set() or proc.exited()):
            break
        time.sleep(0.002)
    time.sleep(linger)  # let work that waits for the first page happen (and be recorded)
    proc.stop()
    return (run.first - proc.started if run.first is not None else None), mark


def imports(bench: WebBench, top: int = 25) -> str:
    out: list[str] = []
    bare_modules: set[str] = set()
    for kind in ("bare", "launcher"):
        for run_id in (f"warm-{kind}", f"imp-{kind}"):  # the warm-up writes the .pyc files
            url = bench.url("exam", run_id)
            if kind == "bare":
                argv = bare_argv(url)
            else:
                config = bench.tmp / f"{run_id}.seb"
                write_config(config, url, f"{bench.server.base}/quit", heavy=False)
                argv = [sys.executable, "-m", "launcher", "open", str(config)]
            argv = [argv[0], "-X", "importtime", *argv[1:]]
            log_path = bench.tmp / f"{run_id}.log"
            first, mark = _wait(bench, run_id, argv, page="exam", log_path=log_path, linger=1.0)
        text = log_path.read_text(errors="replace")
        rows = parse_importtime(text)
        later = parse_importtime(text[mark:]) if mark is not None else []
        before = rows[: len(rows) - len(later)]
        if kind == "bare":
            bare_modules = {r[0] for r in rows}
        total = sum(r[1] for r in rows)
        out.append(f"== {kind}: {len(rows)} modules imported, {total / 1e3:.0f} ms import time "
                   f"in all (self), first request after "
                   f"{first * 1e3:.0f} ms" if first is not None else f"== {kind}: no request")
        if mark is not None:
            out.append(f"  before the first request: {len(before)} modules, "
                       f"{sum(r[1] for r in before) / 1e3:.0f} ms; after it: {len(later)} "
                       f"modules, {sum(r[1] for r in later) / 1e3:.0f} ms (by log position); "
                       "the lists below are of those before")
            rows = before
        per_pkg: dict[str, int] = {}
        for name, self_us, _cum, _depth in rows:
            per_pkg[name.split(".")[0]] = per_pkg.get(name.split(".")[0], 0) + self_us
        out.append("  by top-level package (self time summed):")
        for pkg, us in sorted(per_pkg.items(), key=lambda kv: -kv[1])[:12]:
            out.append(f"    {us / 1e3:8.1f} ms  {pkg}")
        out.append(f"  top {top} imports by cumulative time:")
        for name, self_us, cum, depth in sorted(rows, key=lambda r: -r[2])[:top]:
            out.append(f"    {cum / 1e3:8.1f} ms  (self {self_us / 1e3:6.1f})  {'  ' * depth}{name}")
        if kind == "launcher":
            heavy = ("cryptography", "keyring", "platformdirs", "rncryptor", "PySide6.QtNetwork",
                     "ssl", "http.client", "urllib.request", "logging.handlers", "json")
            seen = sorted({r[0] for r in rows if (r[0].split(".")[0] in heavy or r[0] in heavy)
                           and r[0] not in bare_modules})
            out.append("  lazy-import check, heavy modules the bare view does not import, before "
                       "the first request (should be none): "
                       + (", ".join(seen) if seen else "none"))
            own = [r for r in rows if r[0].startswith("launcher")]
            out.append("  launcher modules (self / cumulative ms):")
            for name, self_us, cum, _depth in own:
                out.append(f"    {self_us / 1e3:6.1f} / {cum / 1e3:6.1f}  {name}")
    return "\n".join(out)


PROBE = Path(__file__).resolve().parent / "probe.py"
PROBE_LINE = re.compile(r"^probe: (\S+) ([\d.]+) ([\d.]+)(?: (\d+))?$", re.M)


def startpath(bench: WebBench, runs: int = 3) -> str:
    """Median wall and CPU time at each step of the start path, launcher and bare side by side,
    with the server's first request and onload beacon on the same clock."""
    import statistics

    out: list[str] = []
    table: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
    for i in range(runs + 1):  # the first round is a warm-up (.pyc files)
        for kind in ("bare", "launcher"):
            run_id = f"probe-{kind}-{i}"
            url = bench.url("exam", run_id)
            if kind == "bare":
                argv = [sys.executable, str(PROBE), "bare", url]
            else:
                config = bench.tmp / f"{run_id}.seb"
                write_config(config, url, f"{bench.server.base}/quit", heavy=False)
                argv = [sys.executable, str(PROBE), "launcher", "open", str(config)]
            log_path = bench.tmp / f"{run_id}.log"
            run = bench.server.run(run_id)
            proc = Measured(argv, bench.run_env(run_id), log_path=str(log_path))
            while not run.loaded_event.wait(0.01):
                if proc.exited() or time.perf_counter() > proc.started + 60:
                    break
            time.sleep(0.3)
            proc.stop()
            if i == 0:
                continue
            marks = table.setdefault(kind, {})
            patch = 0.0  # the probe's own patching time, taken off every clock
            for m in PROBE_LINE.finditer(log_path.read_text(errors="replace")):
                if m.group(1) == "patch-cost":
                    patch = float(m.group(2))
                    continue
                marks.setdefault(m.group(1), []).append(
                    (float(m.group(2)), float(m.group(3)), float(m.group(4) or "nan")))
            if run.first is not None:
                marks.setdefault("server:first-request", []).append(
                    ((run.first - proc.started) * 1e3 - patch, float("nan"), float("nan")))
            if run.page_loaded_epoch is not None:
                marks.setdefault("page:onload", []).append(
                    ((run.page_loaded_epoch - proc.started_epoch) * 1e3 - patch, float("nan"),
                     float("nan")))
    for kind, marks in table.items():
        out.append(f"== {kind}: median over {runs} runs: ms since process start, CPU ms of the "
                   "main process, Python enum classes created (the probe's patching time is "
                   "taken off)")
        rows = sorted(marks.items(), key=lambda kv: statistics.median(v[0] for v in kv[1]))
        for name, vals in rows:
            wall = statistics.median(v[0] for v in vals)
            cpus = [v[1] for v in vals if v[1] == v[1]]
            cpu = f"{statistics.median(cpus):7.0f}" if cpus else "      -"
            enums = [v[2] for v in vals if v[2] == v[2]]
            count = f"{statistics.median(enums):5.0f}" if enums else "    -"
            out.append(f"  {wall:7.0f} {cpu} {count}  {name}")
    return "\n".join(out)


def cprofile(bench: WebBench, top: int = 30) -> str:
    run_id = "prof-launcher"
    url = bench.url("heavy", run_id, quit_after=True)
    config = bench.tmp / f"{run_id}.seb"
    write_config(config, url, f"{bench.server.base}/quit", heavy=True)
    prof = bench.tmp / "launcher.prof"
    # The launcher ends with os._exit (no interpreter teardown), so ``-m cProfile`` would never
    # write its file: dump the profile just before that exit instead.
    runner = (
        "import cProfile, os, runpy, sys\n"
        "profile = cProfile.Profile()\n"
        "real_exit = os._exit\n"
        "def exit_after_dump(code):\n"
        "    profile.disable()\n"
        f"    profile.dump_stats({str(prof)!r})\n"
        "    real_exit(code)\n"
        "os._exit = exit_after_dump\n"
        f"sys.argv = ['seb-launcher', 'open', {str(config)!r}]\n"
        "profile.enable()\n"
        "runpy.run_module('launcher', run_name='__main__')\n"
    )
    argv = [sys.executable, "-c", runner]
    _wait(bench, run_id, argv, page="heavy", log_path=bench.tmp / f"{run_id}.log",
          until_exit=True)
    run = bench.server.runs[run_id]
    if not prof.exists():
        return ("cProfile wrote nothing: the launcher did not exit by itself at the quit URL "
                f"(requests seen: {run.requests}, with exam headers: {run.with_headers})")
    import io

    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(top)
    buf.write("\n== per-request functions (interceptor, filter, hashes, navigation):\n")
    stats.sort_stats("tottime").print_stats(r"intercept|urlfilter|keys|navigation|page|profile")
    return (f"requests: {run.requests}, with exam headers: {run.with_headers}\n"
            + buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="*",
                    help="startpath, imports and/or cprofile (default: all three)")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    args.what = args.what or ["startpath", "imports", "cprofile"]
    if set(args.what) - {"startpath", "imports", "cprofile"}:
        ap.error("choose from: startpath, imports, cprofile")
    with WebBench(keep_logs=True) as bench:
        for what in args.what:
            if what == "startpath":
                text = startpath(bench)
            elif what == "imports":
                text = imports(bench, args.top)
            else:
                text = cprofile(bench, args.top)
            sys.stdout.write(text + "\n\n")
        sys.stdout.write(f"(logs and profile kept in {bench.tmp})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
