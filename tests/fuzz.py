"""Mutation fuzzing of the configuration reader: ``python -m tests.fuzz --count N --seed S``.

Seeds are every file in the shared vectors (``SEB_VECTORS`` or ``--vectors``), every layer
peeled off them (gzip bodies, decrypted password blocks, the bare XML) and a few files written
here with every kind of encryption (password, client password, certificate, certificate +
symmetric key). Each input is one seed put through one to three mutations: bit flips,
interesting bytes, truncation, cut-outs, splices of two seeds, repeated chunks, XML surgery
(tag names, the encoding declaration, entities, huge numbers) and re-wrapping a mutated inner
layer in new layers. Input ``i`` of seed ``S`` is always built the same way (own random stream),
so ``--start i --count 1`` rebuilds it (encryption salts aside; ``--save`` keeps the bytes).

The contract checked: ``read_config`` returns a ``LoadedConfig`` or raises a ``ConfigError``
subclass, nothing else; every input is timed, every ``--memory-every``-th one is traced for
its peak allocation. The time limit is judged on CPU time (the wall clock on a shared
machine also counts other people's work; both are reported). Exit status 0 when every input
kept the contract and stayed within ``--max-seconds`` and ``--max-mb``, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import logging
import random
import resource
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from launcher.config.container import LoadedConfig, read_config, write_config
from launcher.config.errors import ConfigError

log = logging.getLogger(__name__)

PASSWORD = "test"  # the password of moodle/encrypted.seb and of every file written here

_INTERESTING = b"\x00\x01\x7f\x80\xff<>&\"'/;=?[]\x1f\x8b"
_TAGS = [b"dict", b"array", b"key", b"string", b"integer", b"real", b"true", b"false", b"data",
         b"date", b"plist", b"foo", b"!DOCTYPE", b"!ENTITY", b"?xml"]
_ENCODINGS = [b"utf-x", b"UTF-8", b"utf-16", b"UTF-32", b"utf-7", b"rot13", b"hex", b"base64",
              b"zlib", b"idna", b"punycode", b"shift_jis", b"big5", b"latin-1", b"cp1252",
              b"ascii", b"mbcs", b"undefined", b"", b"\xff\xfe", b"x" * 300]
_SNIPPETS = [
    b'<?xml version="1.0" encoding="utf-x"?>',
    b'<!DOCTYPE plist [<!ENTITY a "aaaa">]>',
    b'<!DOCTYPE plist SYSTEM "file:///etc/passwd">',
    b"&a;", b"&#0;", b"&#xD800;", b"&amp;", b"<![CDATA[x]]>", b"<!-- c -->", b"<?pi x?>",
    b"<integer>99999999999999999999999999</integer>", b"<real>1e400</real>", b"<real>nan</real>",
    b"<date>9999-99-99T99:99:99Z</date>", b"<data>@@@</data>", b"<key>k</key>",
    b"<dict>" * 70, b"<array>" * 70, b"\xef\xbb\xbf", b"\x1f\x8b\x08\x00", b"plnd", b"pswd",
    b"pwcc", b"pkhs", b"phsk",
]


# ---------------------------------------------------------------------------------------
# Seeds


@dataclass
class Corpus:
    """What mutations start from: whole files, and inner layers that can be re-wrapped."""

    files: list[bytes] = field(default_factory=list)
    inner: list[bytes] = field(default_factory=list)
    identities: Any = None
    certificate: Any = None

    def any(self, rng: random.Random) -> bytes:
        pool = self.files if rng.random() < 0.6 else self.inner
        return rng.choice(pool)


def _peel(data: bytes) -> Iterator[bytes]:
    """Every layer body below ``data`` that our own simple peeling reaches."""
    from launcher.config.crypto import rncryptor_decrypt

    for _ in range(8):
        if data.startswith(b"\x1f\x8b"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                return
        elif data[:4] == b"plnd":
            data = data[4:]
        elif data[:4] == b"pswd":
            try:
                data = rncryptor_decrypt(data[4:], PASSWORD)
            except ConfigError:
                return
        else:
            return
        yield data


def build_corpus(vectors: Path) -> Corpus:
    """Seeds from the vectors folder plus files with every encryption layer written here."""
    from tests.support.certs import StaticIdentities, make_identity

    corpus = Corpus()
    for path in sorted(p for p in vectors.rglob("*") if p.is_file()):
        data = path.read_bytes()
        corpus.files.append(data)
        corpus.inner.extend(_peel(data))
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            corpus.inner.append(data)  # a bare XML plist is an inner layer too
    if not corpus.files:
        raise SystemExit(f"no vector files in {vectors}")
    cert, key, _p12, _pw = make_identity("Fuzz", key_size=1024)
    corpus.identities = StaticIdentities((cert, key))
    corpus.certificate = cert
    small = {"startURL": "https://exam.example/", "quitURL": "https://exam.example/quit",
             "URLFilterRules": [{"active": True, "action": 1, "expression": "exam.example"}],
             "sebConfigPurpose": 0, "allowQuit": True, "data": b"\x00\x01", "real": 1.5}
    written = [
        write_config(small),
        write_config(small, compress=False),
        write_config(small, password=PASSWORD),
        write_config(small, password=PASSWORD, for_client=True),
        write_config(small, password="", for_client=True),
        write_config(small, certificate=cert),
        write_config(small, certificate=cert, symmetric=True),
        write_config(small, certificate=cert, symmetric=True, password=PASSWORD),
    ]
    for data in written:
        corpus.files.append(data)
        corpus.inner.extend(_peel(data))
    corpus.inner = [data for data in corpus.inner if data] or [b"<plist/>"]
    return corpus


# ---------------------------------------------------------------------------------------
# Mutations


def _bit_flips(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    out = bytearray(data or b"\0")
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(out) * 8)
        out[position // 8] ^= 1 << (position % 8)
    return bytes(out)


def _interesting_bytes(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    out = bytearray(data or b"\0")
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.choice(_INTERESTING)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    if rng.random() < 0.5:
        return data[: rng.randint(0, len(data))]
    return data[rng.randint(0, len(data)) :]


def _cut_out(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    start = rng.randint(0, len(data))
    return data[:start] + data[start + rng.randint(1, 64) :]


def _splice(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    other = corpus.any(rng)
    if rng.random() < 0.5:  # head of one, tail of another
        return data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]
    start = rng.randint(0, len(other))  # a piece of another inserted somewhere
    piece = other[start : start + rng.randint(1, 512)]
    at = rng.randint(0, len(data))
    return data[:at] + piece + data[at:]


def _repeat(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    start = rng.randint(0, len(data))
    piece = data[start : start + rng.randint(1, 256)]
    return data[:start] + piece * rng.randint(2, 64) + data[start:]


def _xml_surgery(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    choice = rng.randrange(4)
    if choice == 0 and b"encoding=" in data:
        head, _, tail = data.partition(b"encoding=")
        quote = tail[:1] or b'"'
        _old, _, rest = tail[1:].partition(quote)
        return head + b"encoding=" + quote + rng.choice(_ENCODINGS) + quote + rest
    if choice == 1 and b"<" in data:
        tags = [i for i in range(len(data)) if data[i : i + 1] == b"<"][:2000]
        at = rng.choice(tags) + 1
        if data[at : at + 1] == b"/":
            at += 1
        end = at
        while end < len(data) and data[end : end + 1].isalpha():
            end += 1
        return data[:at] + rng.choice(_TAGS) + data[end:]
    if choice == 2:
        at = rng.randint(0, len(data))
        return data[:at] + rng.choice(_SNIPPETS) + data[at:]
    return rng.choice(_SNIPPETS[:3]) + data


def _rewrap(rng: random.Random, data: bytes, corpus: Corpus) -> bytes:
    """A mutated inner layer in a fresh stack of layers, as a sender of such a file would write it."""
    from launcher.config.crypto import public_key_hash, rncryptor_encrypt, rsa_encrypt_blocks

    inner = rng.choice(corpus.inner)
    for mutate in rng.choices(_SIMPLE, k=rng.randint(0, 2)):
        inner = mutate(rng, inner, corpus)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choices(["gzip", "plnd", "pswd", "pwcc", "pkhs", "phsk", "junk"],
                           weights=[6, 4, 1, 1, 1, 1, 2])[0]
        if kind == "gzip":
            inner = gzip.compress(inner, compresslevel=1, mtime=0)
            if rng.random() < 0.2:  # a second member, or padding, or trailing bytes
                inner += rng.choice([gzip.compress(b"x", mtime=0), b"\0" * 8, b"junk"])
        elif kind == "plnd":
            inner = b"plnd" + inner
        elif kind == "pswd":
            inner = b"pswd" + rncryptor_encrypt(inner, PASSWORD, version=rng.choice([2, 3]))
        elif kind == "pwcc":
            inner = b"pwcc" + rncryptor_encrypt(inner, "", version=2)
        elif kind == "pkhs":
            inner = b"pkhs" + public_key_hash(corpus.certificate) + rsa_encrypt_blocks(inner[:4096], corpus.certificate)
        elif kind == "phsk":
            secret = rng.randbytes(32)
            key = rsa_encrypt_blocks(secret, corpus.certificate)
            import base64

            length = len(key) if rng.random() < 0.8 else rng.randint(-5, 70000)
            inner = (b"phsk" + public_key_hash(corpus.certificate) + length.to_bytes(4, "little", signed=True)
                     + key + rncryptor_encrypt(inner, base64.b64encode(secret).decode("ascii")))
        else:
            inner = rng.choice(_SNIPPETS[-5:]) + inner
    return inner


Mutation = Callable[[random.Random, bytes, Corpus], bytes]
_SIMPLE: list[Mutation] = [_bit_flips, _interesting_bytes, _truncate, _cut_out, _splice, _repeat, _xml_surgery]
MUTATIONS: list[Mutation] = _SIMPLE + [_rewrap]
_WEIGHTS = [5, 3, 3, 2, 3, 1, 3, 2]


def make_input(seed: int, index: int, corpus: Corpus) -> tuple[bytes, str]:
    """Input number ``index`` of run ``seed`` and the names of the mutations that made it."""
    rng = random.Random(f"{seed}:{index}")
    data = corpus.any(rng)
    names = []
    for mutate in rng.choices(MUTATIONS, weights=_WEIGHTS, k=rng.choice([1, 1, 2, 3])):
        data = mutate(rng, data, corpus)
        names.append(mutate.__name__.lstrip("_"))
    return data, "+".join(names)


# ---------------------------------------------------------------------------------------
# The run


@dataclass
class Report:
    inputs: int = 0
    seconds: float = 0.0
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    escapes: list[tuple[int, str, str]] = field(default_factory=list)  # index, mutations, exception
    slow: list[tuple[int, str, float]] = field(default_factory=list)
    slowest: tuple[float, int, str] = (0.0, -1, "")  # wall clock
    slowest_cpu: tuple[float, int, str] = (0.0, -1, "")  # CPU time of this process
    peak_mb: float = 0.0
    traced: int = 0
    largest_input: int = 0

    def ok(self) -> bool:
        return not self.escapes and not self.slow

    def lines(self) -> list[str]:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        out = [
            f"inputs: {self.inputs} in {self.seconds:.0f} s ({rate:.0f}/s), largest {self.largest_input} bytes",
            "outcomes: " + ", ".join(f"{name} {count}" for name, count in self.outcomes.most_common()),
            f"escapes (exceptions outside ConfigError): {len(self.escapes)}",
            f"slowest input: {self.slowest_cpu[0] * 1000:.1f} ms CPU (#{self.slowest_cpu[1]}, "
            f"{self.slowest_cpu[2]}), {self.slowest[0] * 1000:.1f} ms wall (#{self.slowest[1]}); "
            f"over the time limit (CPU): {len(self.slow)}",
            f"peak traced allocation: {self.peak_mb:.1f} MB over {self.traced} traced inputs; "
            f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
        ]
        out += [f"  escape #{i} ({names}): {what}" for i, names, what in self.escapes[:20]]
        out += [f"  slow #{i} ({names}): {secs * 1000:.0f} ms" for i, names, secs in self.slow[:20]]
        return out


def check(data: bytes, corpus: Corpus) -> str:
    """Read one input; the outcome's name, or raise what escaped the error family."""
    try:
        loaded = read_config(data, password=PASSWORD, identities=corpus.identities)
    except ConfigError as exc:
        if not exc.message:
            raise AssertionError(f"{type(exc).__name__} without a message") from exc
        return type(exc).__name__
    if not isinstance(loaded, LoadedConfig) or not isinstance(loaded.settings, dict):
        raise AssertionError(f"read_config returned {type(loaded).__name__}")
    return "read"


def run(corpus: Corpus, *, seed: int, count: int, start: int = 0, max_seconds: float = 1.0,
        max_mb: float = 64.0, memory_every: int = 100, save: Path | None = None,
        progress: float = 0.0) -> Report:
    report = Report()
    began = last = time.perf_counter()
    for index in range(start, start + count):
        data, names = make_input(seed, index, corpus)
        report.largest_input = max(report.largest_input, len(data))
        traced = memory_every > 0 and index % memory_every == 0
        if traced:
            tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            outcome = check(data, corpus)
        except Exception as exc:  # the contract is broken: record it and go on
            outcome = "ESCAPE"
            report.escapes.append((index, names, f"{type(exc).__name__}: {exc}"[:300]))
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"escape-{seed}-{index}-{hashlib.sha1(data).hexdigest()[:12]}.bin").write_bytes(data)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        if traced:
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            report.traced += 1
            report.peak_mb = max(report.peak_mb, peak / 1e6)
            if peak / 1e6 > max_mb:
                report.escapes.append((index, names, f"allocated {peak / 1e6:.0f} MB"))
        report.outcomes[outcome] += 1
        report.inputs += 1
        if elapsed > report.slowest[0]:
            report.slowest = (elapsed, index, names)
        if cpu > report.slowest_cpu[0]:
            report.slowest_cpu = (cpu, index, names)
        # Judged by CPU time: on a shared machine the wall clock also counts other people's work.
        if cpu > max_seconds:
            report.slow.append((index, names, cpu))
        now = time.perf_counter()
        if progress and now - last >= progress:
            last = now
            done = index - start + 1
            print(f"[{time.strftime('%H:%M:%S')}] {done}/{count} ({done / (now - began):.0f}/s), "
                  f"escapes {len(report.escapes)}, slowest {report.slowest_cpu[0] * 1000:.0f} ms CPU "
                  f"({report.slowest[0] * 1000:.0f} ms wall), "
                  f"peak {report.peak_mb:.1f} MB", file=sys.stderr, flush=True)
    report.seconds = time.perf_counter() - began
    return report


def main(argv: list[str] | None = None) -> int:
    from tests.support.vectors import VECTORS

    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to try (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="run seed (default 1)")
    parser.add_argument("--start", type=int, default=0, help="first input number (to resume or rebuild one)")
    parser.add_argument("--vectors", type=Path, default=VECTORS, help="seed folder (default: the shared vectors)")
    parser.add_argument("--max-seconds", type=float, default=1.0, help="CPU time limit per input")
    parser.add_argument("--max-mb", type=float, default=64.0, help="allocation limit per traced input")
    parser.add_argument("--memory-every", type=int, default=100, help="trace every n-th input (0: none)")
    parser.add_argument("--save", type=Path, help="folder for inputs that broke the contract")
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines (0: none)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    corpus = build_corpus(args.vectors)
    print(f"seed {args.seed}, inputs {args.start}..{args.start + args.count - 1}, "
          f"{len(corpus.files)} files and {len(corpus.inner)} inner layers as seeds", flush=True)
    report = run(corpus, seed=args.seed, count=args.count, start=args.start, max_seconds=args.max_seconds,
                 max_mb=args.max_mb, memory_every=args.memory_every, save=args.save, progress=args.progress)
    print("\n".join(report.lines()), flush=True)
    return 0 if report.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
