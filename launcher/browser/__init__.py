"""The exam's browser layer (QtWebEngine): profile, request interceptor, page policy, JS API.

``prepare_app()`` must be called before the QApplication is created: it registers the
launcher's internal URL scheme and sets the attribute QtWebEngine needs. It imports QtWebEngine,
so call it on the path that will open an exam.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def prepare_app() -> None:
    """Register internal schemes and share GL contexts; call before ``QApplication(...)``."""
    from PySide6.QtCore import QCoreApplication, Qt

    from launcher.browser import jsapi

    jsapi.register_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
