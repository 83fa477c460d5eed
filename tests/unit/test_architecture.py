"""The shape of the house: no import circle inside ``launcher/``, no arrow running back up
between its floors, a Qt-free core, and no module reaching into another's private names.

Every ``import`` counts, also the lazy ones inside functions (a circle through a lazy import
still ties two modules together); only imports under ``if TYPE_CHECKING:`` are left out, since
they never run. A circle is reported as the chain of modules that closes it.

The floors (docs/ARCHITECTURE.md), each importing only from itself and the floors below it:
the Qt-free core (``config``, ``lockdown``, ``server``, ``exit_codes``) with the OS edge
(``platform``) beside it; ``app`` (small shared helpers); ``browser`` (QtWebEngine pieces);
``ui`` (widgets); ``exam`` (the running exam); ``exam_server`` (the Qt side of SEB Server);
``opening`` (the open flow); ``cli`` on top. Signals go up, calls go down.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "launcher"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    found: set[str] = set()
    todo = [tree]
    while todo:
        node = todo.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                todo.extend(child.orelse)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = module.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    name = f"{base}.{alias.name}"
                    found.add(name if name in known else base)
            todo.append(child)
    return {name for name in found if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(files)
    return {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", known)
        for name, path in files.items()
    }


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One chain per strongly connected group of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan, iteratively
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return groups


def test_the_checker_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x.y\ndef f():\n    from x import z\n")
    assert _imports(tree, "m", False, {"x", "x.y", "x.z"}) == {"x.z"}


def test_no_import_circle_inside_launcher():
    graph = import_graph()
    assert "launcher.platform.registration_linux" in graph and "launcher.config.container" in graph
    assert find_cycles(graph) == []


# -- floors --------------------------------------------------------------------------------------
CORE = "core"
#: What each floor may import (besides itself). The core may use the OS edge's Qt-free helpers
#: (paths, the log's redaction, the pure Windows/macOS tables): ``test_the_core_imports_no_qt``.
MAY_IMPORT: dict[str, set[str]] = {
    CORE: {"platform"},
    "platform": {CORE, "app"},
    "app": {CORE},
    "browser": {CORE, "platform", "app"},
    "ui": {CORE, "platform", "app", "browser"},
    "exam": {CORE, "platform", "app", "browser", "ui"},
    "exam_server": {CORE, "platform", "app", "browser", "ui", "exam"},
    "opening": {CORE, "platform", "app", "browser", "ui", "exam", "exam_server"},
}
TOP = {"cli", "__main__"}  # the commands: may import every floor


def floor_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("config", "lockdown", "server", "exit_codes"):
        return CORE
    return parts[1]


def floor_violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that runs back up (or sideways into a floor it may not use)."""
    found = []
    for module in sorted(graph):
        floor = floor_of(module)
        if floor in TOP:
            continue
        allowed = MAY_IMPORT.get(floor)
        assert allowed is not None, f"{module}: a package with no floor; add it to MAY_IMPORT"
        for target in sorted(graph[module]):
            other = floor_of(target)
            if other != floor and other not in allowed:
                found.append(f"{module} ({floor}) imports {target} ({other})")
    return found


def test_the_checker_sees_an_arrow_running_back_up():
    graph = import_graph()
    planted = {name: set(deps) for name, deps in graph.items()}
    planted["launcher.platform.paths"].add("launcher.ui.dialogs")  # the OS edge reaching into widgets
    planted["launcher.config.keys"].add("launcher.exam.session")  # the core reaching into the exam
    planted["launcher.ui.messages"].add("launcher.opening.flow")  # a widget reaching into the open flow
    assert floor_violations(planted) == [
        "launcher.config.keys (core) imports launcher.exam.session (exam)",
        "launcher.platform.paths (platform) imports launcher.ui.dialogs (ui)",
        "launcher.ui.messages (ui) imports launcher.opening.flow (opening)",
    ]


def test_no_arrow_runs_back_up_between_the_floors():
    assert floor_violations(import_graph()) == []


def _imports_qt(tree: ast.AST, *, module_level_only: bool) -> bool:
    nodes = tree.body if module_level_only and isinstance(tree, ast.Module) else list(ast.walk(tree))
    for node in nodes:
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        if any(name.split(".")[0] == "PySide6" for name in names):
            return True
    return False


def qt_in_core(graph: dict[str, set[str]], sources: dict[str, str]) -> list[str]:
    """Core modules that import Qt (also lazily), and the modules the core reaches that import
    it when they are loaded."""
    reached: set[str] = set()
    todo = [m for m in graph if floor_of(m) == CORE]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(graph[module])
    return sorted(m for m in reached if _imports_qt(
        ast.parse(sources[m]), module_level_only=floor_of(m) != CORE))


def _sources() -> dict[str, str]:
    return {_module_name(p): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def test_the_checker_sees_qt_in_the_core():
    graph, sources = import_graph(), _sources()
    planted = dict(sources)
    planted["launcher.config.keys"] += "\ndef later():\n    from PySide6.QtCore import QUrl\n"
    planted["launcher.platform.paths"] += "\nfrom PySide6.QtCore import QStandardPaths\n"
    assert qt_in_core(graph, planted) == ["launcher.config.keys", "launcher.platform.paths"]


def test_the_core_imports_no_qt():
    assert qt_in_core(import_graph(), _sources()) == []


# -- private names -------------------------------------------------------------------------------
#: Private names of the standard library and PyInstaller the launcher may use.
FOREIGN_PRIVATE = {"_exit", "_Pointer", "_MEIPASS", "_getframe", "_Environ", "_xoptions"}


def _defined_private(tree: ast.AST) -> set[str]:
    """The private names a module defines: functions, classes, attributes it assigns."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {n for n in names if n.startswith("_")}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("_") and name not in FOREIGN_PRIVATE


def private_reaches(module: str, source: str) -> list[str]:
    """``obj._name`` (and ``getattr(obj, "_name")``) in ``module`` for a private name that the
    module does not define itself: another module's private name."""
    tree = ast.parse(source)
    own = _defined_private(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        name, target = "", None
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            name, target = node.attr, node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr", "setattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            name, target = node.args[1].value, node.args[0]
        if not name or not _is_private(name) or name in own:
            continue
        if isinstance(target, ast.Name) and target.id in ("self", "cls"):
            continue
        found.append((node.lineno, f"{module}:{node.lineno}: {ast.unparse(target) if target else '?'}.{name}"))
    return [text for _line, text in sorted(found)]


def test_the_checker_sees_a_private_name_of_another_module():
    reaching = "def stop(opener, session):\n    opener._fail(None)\n    return getattr(session, '_ending', False)\n"
    assert private_reaches("m", reaching) == ["m:2: opener._fail", "m:3: session._ending"]
    own = "class A:\n    def _x(self):\n        return 1\n\ndef f(a):\n    return a._x() + self_len(a)\n"
    assert private_reaches("m", own) == []  # the module's own private names are its business


def test_no_module_reaches_into_another_modules_private_names():
    found = [hit for module, source in sorted(_sources().items()) for hit in private_reaches(module, source)]
    assert found == []
