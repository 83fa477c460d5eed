"""The launcher's own signature: SHA-256 over the files of the installed launcher.

One job, and small on purpose: an exam's start computes it while Qt loads (the head
start, ``launcher.opening.head_start``, or a thread of ``launcher.cli.run``), and that thread must not wait
for the rest of the key code (``launcher.config.keys``, which enters it into the Browser Exam
Key) to be imported. Other commands compute it when they first need a key.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys


@functools.lru_cache(maxsize=1)
def app_signature() -> str:
    """SHA-256 over every file of the installed launcher (sorted by path), computed once.

    Every file of the ``launcher`` package (code, shipped resources, markers; not the
    interpreter's byte-code caches), the repository's ``resources/`` where a source checkout
    keeps them beside the package, and for a frozen app its executable (which carries the
    compiled code) and its ``base_library.zip``. Reading and hashing free the interpreter, so it
    runs beside Qt's import on the exam's start. It changes whenever the launcher's files change,
    which is what the Browser Exam Key is for; what it cannot prove is in README, "Lockdown".
    """
    digest = hashlib.sha256()
    for relative, path in _installed_files():
        with open(path, "rb") as fh:
            content = fh.read()
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def _installed_files() -> list[tuple[str, str]]:
    """(name in the signature, path) of every file the signature covers, sorted."""
    # os.walk, not Path.rglob: this runs on every exam start, and rglob costs twice the hashing.
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the ``launcher`` package
    roots = [("", package)]
    checkout = os.path.join(os.path.dirname(package), "resources")
    if not os.path.isdir(os.path.join(package, "resources")) and os.path.isdir(checkout):
        roots.append(("resources/", checkout))
    files: list[tuple[str, str]] = []
    for prefix, root in roots:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            folder = os.path.relpath(dirpath, root).replace(os.sep, "/")
            inner = prefix + ("" if folder == "." else folder + "/")
            files.extend((inner + name, os.path.join(dirpath, name)) for name in filenames
                         if not name.endswith((".pyc", ".pyo")))
    if getattr(sys, "frozen", False):
        files.append(("<app>/" + os.path.basename(sys.executable), sys.executable))
        bundle = getattr(sys, "_MEIPASS", "")
        library = os.path.join(bundle, "base_library.zip")
        if bundle and os.path.isfile(library):
            files.append(("<app>/base_library.zip", library))
    files.sort()
    return files
