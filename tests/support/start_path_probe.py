"""Run ``seb-launcher open FILE`` in this process until its first exam request, watching what
the start path costs the interpreter; print one JSON line and exit at that request.

Watched, without importing anything of the launcher or Qt first:
- ``qt_enums``: the enum classes PySide built for its ``Qt`` namespace (all 94 at the first use
  of ``Qt``);
- ``scanned``: the launcher modules whose source PySide read to see whether they use PySide;
- ``order``: the start's steps as they happened (exam profile made, first request), from
  wrapped functions.

Usage: ``python start_path_probe.py FILE`` with the environment of a user (``support.cli``).
"""

from __future__ import annotations

import enum
import functools
import importlib.abc
import importlib.machinery
import json
import os
import sys

qt_enums: list[str] = []
scanned: list[str] = []
order: list[str] = []

_make_enum = enum.EnumType.__new__


def _watch_enum(mcls, name, bases, namespace, **kwargs):  # type: ignore[no-untyped-def]
    made = _make_enum(mcls, name, bases, namespace, **kwargs)
    if getattr(made, "__qualname__", "").startswith("Qt.") and made.__module__.startswith("PySide6"):
        qt_enums.append(made.__qualname__)
    return made


enum.EnumType.__new__ = _watch_enum  # type: ignore[method-assign]


def _report() -> None:
    sys.stdout.write(json.dumps({"qt_enums": qt_enums, "scanned": scanned, "order": order}) + "\n")
    sys.stdout.flush()
    os._exit(0)


def _patch(module_name: str, module: object) -> None:
    if module_name == "launcher.browser.interceptor":
        original = module.ExamInterceptor.interceptRequest  # type: ignore[attr-defined]

        def first(self, info):  # type: ignore[no-untyped-def]
            order.append("first request")
            _report()
            return original(self, info)

        module.ExamInterceptor.interceptRequest = first  # type: ignore[attr-defined]
    elif module_name == "launcher.browser.profile":
        _mark(module, "build_profile", "exam profile")
    elif module_name == "PySide6.QtCore":
        feature = sys.modules.get("shibokensupport.feature")
        if feature is not None:
            scan = feature._mod_uses_pyside

            def watched(mod):  # type: ignore[no-untyped-def]
                if getattr(mod, "__name__", "").startswith("launcher"):
                    scanned.append(mod.__name__)
                return scan(mod)

            feature._mod_uses_pyside = watched


def _mark(module: object, attr: str, name: str) -> None:
    original = getattr(module, attr)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        order.append(name)
        return original(*args, **kwargs)

    setattr(module, attr, wrapper)


class _Watch(importlib.abc.MetaPathFinder):
    NAMES = ("launcher.browser.interceptor", "launcher.browser.profile", "PySide6.QtCore")

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name not in self.NAMES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        execute = loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            execute(module)
            _patch(name, module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _Watch())

if __name__ == "__main__":
    from launcher.__main__ import main

    sys.exit(main(["open", sys.argv[1]]))
