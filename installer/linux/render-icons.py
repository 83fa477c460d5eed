"""Render the launcher's SVG icon to the PNG sizes desktops want (resources/linux/icons).

Run after changing resources/linux/icons/scalable/seb-launcher.svg, then commit the PNGs:
    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/linux/render-icons.py
Uses Qt's own SVG renderer, so no extra tool is needed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "linux" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "scalable" / "seb-launcher.svg"))
    if not renderer.isValid():
        sys.stderr.write("The SVG icon could not be read.\n")
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ICONS / f"{size}x{size}" / "seb-launcher.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            sys.stderr.write(f"Could not write {target}\n")
            return 1
        print(target.relative_to(ROOT))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
