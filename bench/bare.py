"""The baseline: the least a Qt program does to show a web page (one QWebEngineView).

Run as a script (``python bench/bare.py URL``), not through the ``bench`` package, so it pays
for nothing but Python, Qt and QtWebEngine.
"""

import sys

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
view = QWebEngineView()
view.load(QUrl(sys.argv[1]))
view.show()
sys.exit(app.exec())
