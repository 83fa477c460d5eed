"""The baseline: the least a Qt program does to show a web page (one QWebEngineView).

Run as a script (``python bench/bare.py URL``), not through the ``bench`` package, so it pays
for nothing but Python, Qt and QtWebEngine. With ``--noop-interceptor`` a Python request
interceptor that does nothing is installed: the price of calling Python for every request,
which any launcher that adds headers must pay. (No ``logging`` here, unlike the project's
modules: the baseline imports nothing it does not need.)
"""

import sys

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
view = QWebEngineView()
if "--noop-interceptor" in sys.argv:
    from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor

    class Noop(QWebEngineUrlRequestInterceptor):
        def interceptRequest(self, info):  # noqa: N802 (Qt name)
            pass

    noop = Noop()
    view.page().profile().setUrlRequestInterceptor(noop)
view.load(QUrl(sys.argv[1]))
view.show()
sys.exit(app.exec())
