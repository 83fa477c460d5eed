"""PySide's feature scan, answered in advance for the launcher's own and the standard modules.

One job. Once PySide is loaded, every import statement asks it whether the imported module
uses PySide (for its optional ``from __feature__ import snake_case, true_property``): the first
time for each module name, PySide reads that module's whole source file and searches it for
"PySide6" (``shibokensupport.feature._mod_uses_pyside``). On an exam's start that is about 90
source files read — the launcher's and the standard library's — ~10 ms of interpreter time
before the first request. The launcher uses no PySide feature, so the answer changes nothing
but the time: :func:`answer_in_advance` writes it into PySide's table for the modules already
loaded, the launcher's own modules (0: "uses PySide, no feature", what the scan finds) and the
standard library's top-level modules (-1: "ignore", what the scan finds for them). Modules of
other packages are still scanned by PySide itself. Where PySide has no such table (another
version), nothing is done.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

OWN_PACKAGE = "launcher"


def answer_in_advance() -> int:
    """Import PySide (QtCore) and fill its feature table; returns how many names were added."""
    import PySide6.QtCore  # noqa: F401  (loads PySide's feature support)

    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        log.debug("PySide has no feature table here; its import scan stays on")
        return 0
    answers: dict[str, int] = {}
    for name in own_modules():
        answers[name] = 0
    for name in list(sys.modules):
        if name not in answers:
            answers[name] = 0 if name.split(".")[0] == OWN_PACKAGE else -1
    for name in sys.stdlib_module_names:
        answers.setdefault(name, -1)
    added = 0
    for name, value in answers.items():
        if name not in table:
            table[name] = value
            added += 1
    return added


def own_modules() -> list[str]:
    """Every module name of the launcher package, from its files."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the launcher package
    names: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
        relative = os.path.relpath(dirpath, root)
        parts = [OWN_PACKAGE] + ([] if relative == "." else relative.split(os.sep))
        if "__init__.py" in filenames:
            names.append(".".join(parts))
        names.extend(".".join([*parts, f[:-3]]) for f in filenames if f.endswith(".py") and f != "__init__.py")
    return names
