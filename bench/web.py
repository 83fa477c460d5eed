"""Browser benchmarks: start-up, request overhead and memory, launcher vs a bare QWebEngineView.

Both programs open the same pages of a local server (``bench.server``) and are timed from just
before ``Popen`` to the page's beacons, run interleaved (ABBA order) after one warm-up each.
The launcher gets a plain XML config; for the request benchmark it has the Browser Exam Key
headers and a URL filter switched on, and the server counts the requests that carried the
headers, so a run where they are missing is visible.
"""

from __future__ import annotations

import logging
import os
import plistlib
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.procs import Measured
from bench.server import BenchServer

log = logging.getLogger(__name__)

BENCH_DIR = Path(__file__).resolve().parent
BARE_SCRIPT = BENCH_DIR / "bare.py"

#: URL-filter rules of the request benchmark's config: a realistic mix, the last one allows us.
FILTER_RULES: list[dict[str, object]] = [
    *({"active": True, "regex": False, "action": 0, "expression": f"*.blocked{i}.example.com"}
      for i in range(20)),
    *({"active": True, "regex": True, "action": 0,
       "expression": rf"^https?://([a-z0-9-]+\.)*cheat{i}\.example\.net/"} for i in range(10)),
    {"active": True, "regex": False, "action": 0, "expression": "127.0.0.1/admin*"},
    *({"active": True, "regex": False, "action": 1, "expression": f"moodle{i}.example.edu/mod/quiz/*"}
      for i in range(20)),
    {"active": True, "regex": False, "action": 1, "expression": "http://127.0.0.1:*/*"},
    {"active": True, "regex": True, "action": 1, "expression": r"^http://127\.0\.0\.1:\d+/"},
]


def launcher_argv(config: Path) -> list[str]:
    """The command a user's desktop runs: the installed ``seb-launcher`` script if there is one."""
    script = Path(sys.executable).with_name("seb-launcher")
    if script.exists():
        return [str(script), "open", str(config)]
    return [sys.executable, "-m", "launcher", "open", str(config)]


def bare_argv(url: str, *, noop_interceptor: bool = False) -> list[str]:
    extra = ["--noop-interceptor"] if noop_interceptor else []
    return [sys.executable, str(BARE_SCRIPT), url, *extra]


def write_config(path: Path, start_url: str, quit_url: str, *, heavy: bool) -> None:
    """A plain (unencrypted, XML plist) exam config as an exam system would hand out."""
    settings: dict[str, object] = {
        "originatorVersion": "seb-launcher-bench",
        "sebConfigPurpose": 0,
        "startURL": start_url,
        "quitURL": quit_url,
        "quitURLConfirm": False,
        "allowQuit": True,
        "hashedQuitPassword": "",
        "examKeySalt": bytes(range(32)),
        "sendBrowserExamKey": heavy,
        # benchmark machines are usually VMs; the other start checks (displays, remote session,
        # debugger, prohibited programs) still run on the measured path
        "allowVirtualMachine": True,
        "URLFilterEnable": heavy,
        "URLFilterEnableContentFilter": heavy,
        "URLFilterRules": FILTER_RULES if heavy else [],
    }
    path.write_bytes(plistlib.dumps(settings, fmt=plistlib.FMT_XML))


def tmp_config(start_url: str, quit_url: str) -> bytes:
    """The exam configuration SEB Server hands out for the server flow (as the plain exam's)."""
    with tempfile.NamedTemporaryFile(suffix=".seb") as fh:
        write_config(Path(fh.name), start_url, quit_url, heavy=False)
        return Path(fh.name).read_bytes()


def bench_env(home: Path, platform: str) -> dict[str, str]:
    """One environment for both programs: offscreen Qt, no sandbox as root, a private HOME/TMPDIR
    (so no user config, log or single-instance socket of a running launcher interferes)."""
    env = dict(os.environ)
    for key in list(env):  # a desktop session sets none of Python's variables
        if key.startswith(("SEB_", "QTWEBENGINE_", "XDG_", "PYTHON")):
            env.pop(key)
    runtime = home / "run"
    for sub in ("tmp", "config", "cache", "data", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(
        HOME=str(home), TMPDIR=str(home / "tmp"), XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM=platform,
    )
    # Byte-code cached as on a user's machine (an installed package has its .pyc files): with
    # PYTHONDONTWRITEBYTECODE gone (above), next to the sources. No PYTHONPYCACHEPREFIX: a
    # desktop has none, and it would make the launcher restart itself isolated (a second
    # interpreter start a user does not pay).
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox"
    env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return env


@dataclass
class Sample:
    kind: str
    page: str
    start_s: float | None = None
    first_request_s: float | None = None
    request_s: float | None = None
    peak_rss_mb: float | None = None
    pss_mb: float | None = None
    cpu_first_s: float | None = None  # CPU time of the process tree at the first request
    cpu_end_s: float | None = None  # ... at the beacon (onload, or after the last sub-resource)
    request_cpu_s: float | None = None
    requests: int = 0
    with_headers: int = 0
    blocked_seen: int = 0
    error: str | None = None


@dataclass
class WebResults:
    samples: list[Sample] = field(default_factory=list)

    def values(self, kind: str, page: str, attr: str) -> list[float]:
        return [getattr(s, attr) for s in self.samples
                if s.kind == kind and s.page == page and s.error is None
                and getattr(s, attr) is not None]

    def median(self, kind: str, page: str, attr: str) -> float | None:
        vals = self.values(kind, page, attr)
        return statistics.median(vals) if vals else None

    def paired_ratio(self, page: str, attr: str, kind: str = "launcher",
                     base: str = "bare") -> float | None:
        """Median of launcher/bare ratios of runs made next to each other (same round), which
        cancels slow drifts of the machine's load better than a ratio of medians."""
        mine = [s for s in self.samples if s.kind == kind and s.page == page]
        theirs = [s for s in self.samples if s.kind == base and s.page == page]
        ratios = [getattr(a, attr) / getattr(b, attr) for a, b in zip(mine, theirs)
                  if a.error is None and b.error is None and getattr(a, attr)
                  and getattr(b, attr)]
        return statistics.median(ratios) if ratios else None

    def errors(self) -> list[str]:
        return [f"{s.kind}/{s.page}: {s.error}" for s in self.samples if s.error]


class WebBench:
    """Runs the bare view and the launcher on the same local pages."""

    def __init__(self, *, platform: str = "offscreen", n_resources: int = 300,
                 timeout: float = 40.0, settle: float = 0.5, keep_logs: bool = False,
                 nice: int = 0) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="seb-bench-"))
        self.env = bench_env(self.tmp / "home", platform)
        self.n_resources = n_resources
        self.timeout = timeout
        self.settle = settle
        self.keep_logs = keep_logs
        self._counter = 0
        self.nice = nice
        self.server = BenchServer()
        self.seb_server: Any = None  # the SEB Server double, for the "launcher-server" runs

    def run_env(self, run_id: str) -> dict[str, str]:
        """A fresh TMPDIR and XDG_RUNTIME_DIR per run: a run we stopped leaves the
        single-instance socket behind,
        and the next launcher would take the slower "is another one running?" path that a
        student, whose last exam ended normally, never takes."""
        tmp = self.tmp / "home" / "tmp" / run_id
        tmp.mkdir(parents=True, exist_ok=True)
        runtime = self.tmp / "home" / "run" / run_id
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        return {**self.env, "TMPDIR": str(tmp), "XDG_RUNTIME_DIR": str(runtime)}

    def niced(self, argv: list[str]) -> list[str]:
        """Both programs at the same raised priority (root only), so that other work on a
        shared machine disturbs the comparison less; ``nice`` execs, the pid stays the same."""
        nice = shutil.which("nice")
        return [nice, "-n", str(self.nice), *argv] if self.nice and nice else argv

    def __enter__(self) -> "WebBench":
        if self.nice < 0:
            try:  # the server answering the beacons gets the same priority
                os.setpriority(os.PRIO_PROCESS, 0, self.nice)
            except OSError:
                self.nice = 0
        self.server.__enter__()
        return self

    def server_exam(self, run_id: str, url: str) -> Path:
        """SEB Server's flow: a connection configuration for the SEB Server double
        (``tests/support/seb_server.py``: discovery, OAuth2, handshake, exam configuration) whose
        exam ``run_id`` starts at ``url``; the double is started on first use."""
        if self.seb_server is None:
            sys.path.insert(0, str(BENCH_DIR.parent / "tests"))
            from support.seb_server import SebServerDouble  # type: ignore[import-not-found]  # tests/ on the path above

            self.seb_server = SebServerDouble()
        exam = tmp_config(url, f"{self.server.base}/quit")
        self.seb_server.add_exam(run_id, "bench", url, exam)
        path = self.tmp / f"{run_id}.seb"
        path.write_bytes(plistlib.dumps({
            "sebConfigPurpose": 0, "sebMode": 1, "sebServerURL": self.seb_server.url,
            "sebServerConfiguration": {
                "institution": self.seb_server.institution, "clientName": self.seb_server.client_name,
                "clientSecret": self.seb_server.client_secret, "apiDiscovery": "/exam-api/discovery",
                "pingInterval": 300, "exam": run_id,
            },
            "startURL": "http://127.0.0.1:9/fallback", "allowVirtualMachine": True,
        }, fmt=plistlib.FMT_XML))
        return path

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)
        if self.seb_server is not None:
            self.seb_server.stop()
        if not self.keep_logs:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def url(self, page: str, run_id: str, *, quit_after: bool = False) -> str:
        url = f"{self.server.base}/{page}?run={run_id}"
        if page == "heavy":
            url += f"&n={self.n_resources}"
        if quit_after:
            url += "&quit=1"
        return url

    def argv(self, kind: str, page: str, run_id: str, *, quit_after: bool = False) -> list[str]:
        url = self.url(page, run_id, quit_after=quit_after)
        if kind in ("bare", "bare-hook"):
            return bare_argv(url, noop_interceptor=kind == "bare-hook")
        if kind == "launcher-server":
            return launcher_argv(self.server_exam(run_id, url))
        config = self.tmp / f"{run_id}.seb"
        write_config(config, url, f"{self.server.base}/quit", heavy=page == "heavy")
        return launcher_argv(config)

    def once(self, kind: str, page: str) -> Sample:
        """One run: start, wait for the page's beacon, let memory settle, stop."""
        self._counter += 1
        run_id = f"{kind}-{page}-{self._counter}"
        run = self.server.run(run_id)
        argv = self.argv(kind, page, run_id)
        event = run.done_event if page == "heavy" else run.loaded_event
        log_path = self.tmp / f"{run_id}.log"
        proc = Measured(self.niced(argv), self.run_env(run_id), log_path=str(log_path))
        sample = Sample(kind, page)
        deadline = proc.started + self.timeout
        while not event.wait(0.005):
            if sample.cpu_first_s is None and run.first is not None:
                sample.cpu_first_s = proc.cpu_now()
            if proc.exited() or time.perf_counter() > deadline:
                break
        if event.is_set():
            sample.cpu_end_s = proc.cpu_now()
            if sample.cpu_first_s is not None and page == "heavy":
                sample.request_cpu_s = sample.cpu_end_s - sample.cpu_first_s
            time.sleep(self.settle)
            sample.pss_mb = proc.pss_now() / 2**20
        code = proc.stop()
        sample.peak_rss_mb = proc.peak_rss / 2**20
        sample.requests, sample.with_headers = run.requests, run.with_headers
        sample.blocked_seen = run.blocked_seen
        if not event.is_set():
            tail = log_path.read_text(errors="replace")[-600:] if log_path.exists() else ""
            what = "exited with %s" % code if code not in (None, -15) else "timed out"
            sample.error = f"no beacon ({what}); output: {tail.strip()!r}"
            return sample
        assert run.first is not None
        sample.first_request_s = run.first - proc.started
        # onload and the last sub-resource as the page saw them (its own clock), so the beacon's
        # trip through a busy UI thread is not counted; the server's arrival times otherwise.
        if run.page_loaded_epoch is not None:
            sample.start_s = run.page_loaded_epoch - proc.started_epoch
        elif run.loaded is not None:
            sample.start_s = run.loaded - proc.started
        if page == "heavy":
            if run.page_done_nav is not None:
                sample.request_s = run.page_done_nav
            elif run.done is not None:
                sample.request_s = run.done - run.first
        return sample

    def idle(self, kind: str, seconds: float) -> float | None:
        """Share of one core (%) the program's whole process tree uses while the exam page sits
        loaded and nobody touches it: over ``seconds``, after the page loaded and 5 s more (the
        launcher's window, log file and watchers are up, and their first looks done, by then).
        None when it did not load."""
        self._counter += 1
        run_id = f"{kind}-idle-{self._counter}"
        run = self.server.run(run_id)
        proc = Measured(self.niced(self.argv(kind, "exam", run_id)), self.run_env(run_id))
        try:
            if not run.loaded_event.wait(self.timeout):
                return None
            time.sleep(5.0)
            begun, before = time.perf_counter(), proc.cpu_now()
            time.sleep(seconds)
            if proc.exited():
                return None
            return 100.0 * (proc.cpu_now() - before) / (time.perf_counter() - begun)
        finally:
            proc.stop()

    def series(self, page: str, runs: int, kinds: tuple[str, ...] = ("bare", "launcher"),
               results: WebResults | None = None, warmup: bool = True) -> WebResults:
        """``runs`` measured runs of each kind, interleaved ABBA, after one warm-up each."""
        results = results if results is not None else WebResults()
        if warmup:
            for kind in kinds:
                warm = self.once(kind, page)
                if warm.error:  # a program that cannot start at all: do not try it N more times
                    results.samples.append(warm)
                    kinds = tuple(k for k in kinds if k != kind)
        for i in range(runs):
            order = kinds if i % 2 == 0 else tuple(reversed(kinds))
            for kind in order:
                results.samples.append(self.once(kind, page))
        return results
