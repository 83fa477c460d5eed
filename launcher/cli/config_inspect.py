"""``seb-launcher config inspect FILE``: what a configuration is, and whether the exam runs.

One job: read one ``.seb`` file and tell an administrator, in its first line, whether the
launcher runs it and why not; then the keys an exam server sees, what SEB clients and Moodle
compute differently, the lockdown, and the settings the launcher does not act on — real SEB keys
it does not support apart from names that are not SEB keys at all (with the closest real key).
``--json`` prints the same facts as one JSON object, also for a file that cannot be read
(``error``). Output into a closed pipe (``inspect … | head``) ends quietly with the same exit code.

Exit codes (README "Config and identity tools"): 0 runs, 5 read but refused (problems listed),
6 needs a password, 7 wrong password (or damaged encrypted data), 8 not a SEB file,
9 damaged (or too large or nested too deeply to open safely), 10 encrypted for a certificate
that is not installed, 1 any other failure (a missing file …), 2 usage.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import sys
from datetime import date, datetime
from typing import Any

from launcher.config.errors import (
    ConfigError,
    DamagedFile,
    NoIdentity,
    NotSebFile,
    PasswordRequired,
    TooLarge,
    WrongPassword,
)
from launcher.exit_codes import (
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NEEDS_PASSWORD,
    EXIT_NO_IDENTITY,
    EXIT_NOT_SEB_FILE,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    EXIT_WRONG_PASSWORD,
)

log = logging.getLogger(__name__)

#: error class -> (kind named in ``--json``'s ``error_kind``, exit code); first match wins.
READ_ERRORS: tuple[tuple[type[ConfigError], str, int], ...] = (
    (PasswordRequired, "needs a password", EXIT_NEEDS_PASSWORD),
    (WrongPassword, "wrong password", EXIT_WRONG_PASSWORD),
    (NotSebFile, "not a SEB file", EXIT_NOT_SEB_FILE),
    (DamagedFile, "damaged", EXIT_DAMAGED),
    (TooLarge, "damaged", EXIT_DAMAGED),
    (NoIdentity, "needs a certificate", EXIT_NO_IDENTITY),
)

#: Every exit code ``config inspect`` can end with (the corpus test holds it to these).
DOCUMENTED_EXIT_CODES = frozenset({
    EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS, EXIT_NEEDS_PASSWORD, EXIT_WRONG_PASSWORD,
    EXIT_NOT_SEB_FILE, EXIT_DAMAGED, EXIT_NO_IDENTITY, EXIT_INTERRUPTED,
})

PURPOSES = {0: "start an exam", 1: "configure a client"}


def read_error(exc: BaseException) -> tuple[str, int]:
    """(kind, exit code) of an error reading a configuration."""
    for cls, kind, code in READ_ERRORS:
        if isinstance(exc, cls):
            return kind, code
    return "unreadable", EXIT_ERROR


class _Out:
    """stdout that a closed pipe does not break: the rest of the output is dropped quietly."""

    closed = False

    def write(self, text: str) -> None:
        if self.closed:
            return
        try:
            sys.stdout.write(text)
        except BrokenPipeError:
            self.close()

    def flush(self) -> None:
        if not self.closed:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                self.close()

    def close(self) -> None:
        self.closed = True
        try:  # Python flushes stdout again at exit: let that go to /dev/null, not a dead pipe
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def cmd_inspect(args: argparse.Namespace, load: Any) -> int:
    """``inspect``; ``load(args, path)`` reads the file (``launcher.cli.config.load``)."""
    out = _Out()
    try:
        loaded = load(args, args.file)
    except (ConfigError, OSError) as exc:
        kind, code = read_error(exc)
        message = exc.message if isinstance(exc, ConfigError) else _os_error(exc)
        if args.json:
            out.write(json.dumps({"file": args.file, "error": _one_line(message), "error_kind": kind,
                                  "exit_code": code}, ensure_ascii=False) + "\n")
            out.flush()
        else:
            sys.stderr.write(_one_line(message) + "\n")
        return code
    facts = Facts.of(loaded, args)
    if args.json:
        out.write(json.dumps(facts.as_json(), ensure_ascii=False) + "\n")
    else:
        _print_text(facts, out)
    out.flush()
    return EXIT_OK if facts.runs else EXIT_PROBLEMS


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _short(value: Any, limit: int = 100) -> str:
    """One line for a raw setting's value: JSON-like, cut at ``limit`` characters."""
    text = _one_line(json.dumps(jsonable(value), ensure_ascii=False))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def lockdown_platform(asked: str | None) -> tuple[str, str | None]:
    """The platform for ``inspect``'s lockdown table (``--platform``, else this machine: Wayland
    when a compositor answers a connection) and, on Wayland, whether the compositor at hand
    offers the keyboard-shortcuts inhibitor (None: no compositor answered)."""
    from launcher.lockdown import enforcement
    from launcher.platform import wayland_client, wayland_shortcuts

    offered = None
    if asked in (None, "wayland") and sys.platform.startswith("linux") and _wayland_reachable():
        offered = wayland_client.offered_globals()
    platform = asked or enforcement.current_platform(compositor=offered is not None)
    if platform != "wayland" or offered is None:
        return platform, None
    has = wayland_shortcuts.MANAGER_NAME in offered
    return platform, enforcement.INHIBITOR_OFFERED if has else enforcement.INHIBITOR_NOT_OFFERED


def _wayland_reachable() -> bool:
    """libwayland can find a compositor's socket at all (it prints an error on stderr, which would
    break inspect's clean output, when XDG_RUNTIME_DIR is unset and nothing else names one)."""
    return bool(os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("WAYLAND_SOCKET")
                or os.environ.get("WAYLAND_DISPLAY", "").startswith("/"))


def _os_error(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


class Facts:
    """Everything ``inspect`` says about one read configuration (text and JSON print these)."""

    def __init__(self, loaded: Any, args: argparse.Namespace) -> None:
        from launcher.config.keys import ExamKeys, explain_mismatch
        from launcher.config.problems import refusals, warnings
        from launcher.config.start_url import start_url

        self.loaded = loaded
        self.raw = loaded.settings
        self.keys = ExamKeys.for_settings(self.raw)
        self.problems = refusals(self.raw)
        self.runs = not self.problems
        self.url = args.url
        self.platform = getattr(args, "platform", None)
        self.notes = explain_mismatch(self.raw)
        self.warnings: list[str] = [w.message for w in warnings(self.raw)]
        self.settings = None
        self.start = start_url(self.raw.get("startURL", "https://www.safeexambrowser.org/start"))
        if self.runs:
            from launcher.config.settings import Settings

            self.settings = Settings.from_dict(self.raw)
            self.start = start_url(self.settings.start_url)
        if self.start.warning:
            self.warnings.insert(0, self.start.warning)

    @classmethod
    def of(cls, loaded: Any, args: argparse.Namespace) -> "Facts":
        return cls(loaded, args)

    # -- shared pieces ---------------------------------------------------------------------

    @property
    def verdict(self) -> str:
        if not self.runs:
            count = len(self.problems)
            return (f"refused \u2014 the launcher would refuse this file ({count} problem"
                    f"{'s' if count != 1 else ''}): {_one_line(self.problems[0].message)}")
        if self.settings is not None and self.settings.configures_client:
            return ("runs \u2014 as client settings: opening it stores them as this computer's "
                    "settings (sebConfigPurpose 1); it starts no exam by itself")
        if self.settings is not None and self.settings.seb_mode == 1:
            return "runs \u2014 opening it connects to SEB Server (sebMode 1), which sends the exam"
        if not self.start.loads:
            return "runs, but its start page will not load \u2014 see the warning below"
        return "runs \u2014 the launcher runs this file"

    @property
    def encryption(self) -> str:
        text = self.loaded.encryption or "none"
        if getattr(self.loaded, "empty_password", False):
            text += (" \u2014 opens with SEB's empty password: not protected, anyone can open, read and "
                     "change it")
        return text

    def purpose(self) -> int | None:
        return self.settings.config_purpose if self.settings is not None else None

    def defaults_in_file(self) -> list[str]:
        from launcher.config.seb_keys import is_default

        return [k for k, v in self.raw.items() if is_default(str(k), v)]

    def not_honoured(self) -> list[dict[str, Any]]:
        """The keys the file sets that the launcher does not act on, each once: sub-keys of a
        setting that is itself not honoured are counted under it (``proxies`` and its 36)."""
        from launcher.config.coverage import UNKNOWN, unhonoured
        from launcher.config.seb_keys import closest, is_default, is_seb_key

        entries = unhonoured(self.raw)
        listed = {u.key for u in entries}
        rows: list[dict[str, Any]] = []
        folded: dict[str, int] = {}
        for u in entries:
            parent = u.key.split(".", 1)[0]
            if "." in u.key and parent in listed:
                folded[parent] = folded.get(parent, 0) + 1
                continue
            row: dict[str, Any] = {"key": u.key, "status": u.status, "security": u.security, "note": u.note}
            if u.status == UNKNOWN:
                seb = is_seb_key(u.key)
                row["status"] = "SEB key, not supported here" if seb else "not a SEB key"
                row["seb_key"] = seb
                row["did_you_mean"] = None if seb else closest(u.key)
            else:
                row["seb_key"] = True
                row["did_you_mean"] = None
            row["value_is_default"] = "." not in u.key and is_default(u.key, self.raw.get(u.key))
            rows.append(row)
        for row in rows:
            row["sub_keys"] = folded.get(row["key"], 0)
        return rows

    # -- JSON --------------------------------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "runs": self.runs,
            "verdict": self.verdict,
            "problems": [{"message": p.message, "detail": p.detail} for p in self.problems],
            "warnings": self.warnings,
            "config_key": self.keys.config_key,
            "browser_exam_key": self.keys.browser_exam_key,
            "layers": list(self.loaded.layers),
            "encryption": self.loaded.encryption,
            "empty_password": bool(getattr(self.loaded, "empty_password", False)),
            "for_client": bool(self.loaded.for_client),
            "purpose": self.purpose(),
            "start_url": self.start.url if self.runs else None,
            "quit_url": self.settings.quit_url if self.settings is not None else None,
            "notes": self.notes,
            "settings": jsonable(self.raw),
            "at_seb_default": self.defaults_in_file(),
            "not_honoured": self.not_honoured(),
            "integrity": _integrity(),
        }
        if self.settings is not None:
            from launcher.lockdown import enforcement

            platform, inhibitor = lockdown_platform(self.platform)
            rows = enforcement.table(self.settings, platform, inhibitor=inhibitor)
            out["lockdown"] = {"platform": platform, "shortcuts_inhibitor": inhibitor,
                               "settings": [r.as_dict() for r in rows]}
        if self.url:
            out["url"] = self.url
            out["config_key_hash"] = self.keys.config_key_hash(self.url)
            out["request_hash"] = self.keys.request_hash(self.url)
        return out


# -- text ------------------------------------------------------------------------------------


def _integrity() -> dict[str, str]:
    """Whether this user can change the installed launcher, and read the exam's memory."""
    from launcher.lockdown import exposure

    return exposure.report()


def _rows(out: _Out, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        out.write(f"{key + ':':<{width + 1}} {_one_line(value)}\n")


def _print_text(f: Facts, out: _Out) -> None:
    raw = f.raw
    out.write(f"Runs: {f.verdict}\n")
    if not f.runs:
        for problem in f.problems:
            out.write(f"  - {_one_line(problem.message)}\n")
    for warning in f.warnings:
        out.write(f"Warning: {_one_line(warning)}\n")
    defaults = f.defaults_in_file()
    rows: list[tuple[str, str]] = []
    if f.settings is not None:
        s = f.settings
        rules = s.url_filter_rules
        active = sum(1 for r in rules if r.active)
        rows += [
            ("Purpose", PURPOSES.get(s.config_purpose, f"unknown ({s.config_purpose})")),
            ("Start URL", f.start.url or "(none)"),
            ("Quit URL", s.quit_url or "(none)"),
        ]
    rows += [
        ("Layers", " \u2192 ".join(f.loaded.layers)),
        ("Encryption", f.encryption),
        ("Settings", f"{len(raw)} keys in the file ({len(defaults)} at SEB's default)"),
        ("Originator", str(raw.get("originatorVersion", "(not recorded)"))),
    ]
    if f.settings is not None:
        s = f.settings
        rows += [
            ("URL filter", f"{'on' if s.url_filter_enable else 'off'}, {len(s.url_filter_rules)} rules "
                           f"({sum(1 for r in s.url_filter_rules if r.active)} active)"),
            ("Sends key headers", "yes" if s.send_browser_exam_key else "no"),
            ("Quit password", "set" if s.has_quit_password else "none"),
        ]
    rows += [("Config Key", f.keys.config_key), ("Browser Exam Key", f.keys.browser_exam_key)]
    integrity = _integrity()  # what an exam server cannot see from the keys
    rows += [("Installation", integrity["install"]), ("Exam memory", integrity["memory"])]
    if f.settings is not None and f.settings.embedded_certificates:
        certs = f.settings.embedded_certificates
        rows.append(("Embedded certs", f"{len(certs)} ({sum(1 for c in certs if c.type == 1)} identities)"))
    if f.url:
        rows += [("URL", f.url), ("ConfigKeyHash", f.keys.config_key_hash(f.url)),
                 ("RequestHash", f.keys.request_hash(f.url))]
    _rows(out, rows)
    for note in f.notes:
        out.write(f"Note: {_one_line(note)}\n")
    if f.settings is None:
        _print_raw(f, out, set(defaults))
        return
    _print_lockdown(f, out)
    _print_not_honoured(f, out)


def _print_raw(f: Facts, out: _Out, defaults: set[str]) -> None:
    out.write("Settings as in the file:\n")
    for key, value in f.raw.items():
        mark = "  (SEB's default)" if key in defaults else ""
        out.write(f"  {_one_line(str(key))} = {_short(value)}{mark}\n")


def _print_lockdown(f: Facts, out: _Out) -> None:
    from launcher.lockdown import enforcement

    platform, inhibitor = lockdown_platform(f.platform)
    lockdown = enforcement.table(f.settings, platform, inhibitor=inhibitor)
    if inhibitor is not None:
        out.write(f"Wayland compositor: keyboard-shortcuts inhibitor {inhibitor}\n")
    out.write(f"Lockdown on {platform} (enforced / detected only / cannot enforce):\n")
    kw = max(len(r.key) for r in lockdown)
    vw = max(len(str(r.value)) for r in lockdown)
    for r in lockdown:
        out.write(f"  {r.key:<{kw}}  {str(r.value):<{vw}}  {r.status}\n")


def _print_not_honoured(f: Facts, out: _Out) -> None:
    rows = f.not_honoured()
    known = [r for r in rows if r["status"] not in ("SEB key, not supported here", "not a SEB key")]
    other_seb = [r for r in rows if r["status"] == "SEB key, not supported here"]
    invented = [r for r in rows if r["status"] == "not a SEB key"]
    if known:
        out.write(f"Not honoured here: {len(known)} settings this file sets (security-relevant first; "
                  "see docs/SETTINGS.md)\n")
        for r in known:
            out.write(f"  {r['key']}: {_row_text(r)}\n")
    if other_seb:
        out.write(f"SEB keys not supported here: {len(other_seb)} (other SEB versions or platforms read "
                  "them; this launcher ignores them)\n")
        for r in other_seb:
            out.write(f"  {r['key']}{_extra(r)}\n")
    if invented:
        out.write(f"Not SEB keys: {len(invented)} (no SEB version reads them; a typo?)\n")
        for r in invented:
            hint = f": did you mean {r['did_you_mean']}?" if r["did_you_mean"] else ""
            out.write(f"  {_one_line(r['key'])}{hint}\n")


def _row_text(r: dict[str, Any]) -> str:
    parts = [r["status"]]
    if r["security"]:
        parts.append("a security setting")
    text = ", ".join(parts) + _extra(r)
    return text + (f" \u2014 {_one_line(r['note'])}" if r["note"] else "")


def _extra(r: dict[str, Any]) -> str:
    extra = []
    if r["value_is_default"]:
        extra.append("set to SEB's default")
    if r.get("sub_keys"):
        extra.append(f"with {r['sub_keys']} sub-keys")
    return f" ({'; '.join(extra)})" if extra else ""
