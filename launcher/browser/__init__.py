"""The exam's browser layer (QtWebEngine): profile, request interceptor, page policy, JS API.

``prepare_app()`` must be called before the QApplication is created: it registers the
launcher's internal URL scheme and sets the attribute QtWebEngine needs. It imports QtWebEngine,
so call it on the path that will open an exam.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def prepare_app() -> None:
    """Register internal schemes, share GL contexts and keep file dialogs Qt's own (a desktop's
    native or portal dialog would be another program's window over the exam, one the kiosk
    neither guards nor lets through); call before ``QApplication(...)``."""
    from PySide6.QtCore import QCoreApplication, Qt

    from launcher.browser import jsapi

    jsapi.register_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
