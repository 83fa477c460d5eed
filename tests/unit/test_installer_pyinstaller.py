"""The PyInstaller spec leaves unused Qt parts out of the app folder, but never one the web view
needs: every Qt library that QtWebEngineWidgets and the platform plugins load (followed through
the real PySide6 installation with readelf) must survive the spec's filter."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "pyinstaller" / "seb-launcher.spec"
QT = Path(PySide6.__file__).parent / "Qt"


def spec_filter():
    """The spec's ``wanted`` function with the names it uses (the rest needs PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    keep = {"UNUSED_QT_LIB", "UNUSED_PLUGIN_DIRS", "UNUSED_PLUGIN_FILE", "wanted"}
    nodes = [
        n for n in tree.body
        if (isinstance(n, ast.Assign) and any(getattr(t, "id", None) in keep for t in n.targets))
        or (isinstance(n, ast.FunctionDef) and n.name in keep)
    ]
    namespace: dict = {"re": re, "Path": Path}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace["wanted"]


def needed_qt_libraries(wanted) -> set[str]:
    """Qt libraries loaded by the web view and by every plugin the spec keeps."""
    plugins = [p for p in (QT / "plugins").rglob("*.so")
               if wanted((str(Path("PySide6/Qt") / p.relative_to(QT)), "", "BINARY"))]
    start = [QT / "lib" / "libQt6WebEngineWidgets.so.6", *plugins]
    seen: set[str] = set()
    todo = list(start)
    while todo:
        out = subprocess.run(["readelf", "-d", str(todo.pop())], capture_output=True, text=True).stdout
        for name in re.findall(r"\[(libQt6[^\]]*)\]", out):
            if name not in seen:
                seen.add(name)
                todo.append(QT / "lib" / name)
    return seen


def test_every_library_the_web_view_loads_is_kept():
    wanted = spec_filter()
    needed = needed_qt_libraries(wanted)
    assert "libQt6WebEngineCore.so.6" in needed and "libQt6XcbQpa.so.6" in needed
    dropped = sorted(n for n in needed if not wanted((f"PySide6/Qt/lib/{n}", "", "BINARY")))
    assert dropped == []
    for plugin in ("platforms/libqxcb.so", "platforms/libqwayland.so", "tls/libqopensslbackend.so"):
        assert wanted((f"PySide6/Qt/plugins/{plugin}", "", "BINARY"))
    assert wanted(("PySide6/Qt/resources/qtwebengine_resources.pak", "", "DATA"))
    assert wanted(("PySide6/Qt/libexec/QtWebEngineProcess", "", "BINARY"))


def test_unused_qt_parts_are_left_out():
    wanted = spec_filter()
    for entry in (
        "PySide6/Qt/lib/libQt63DRender.so.6",
        "PySide6/Qt/lib/libQt6Quick3DPhysics.so.6",
        "PySide6/Qt/lib/libQt6Multimedia.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/qml/QtQuick3D/qmldir",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "Qt6Multimedia.dll",
    ):
        assert not wanted((entry, "", "BINARY")), entry
