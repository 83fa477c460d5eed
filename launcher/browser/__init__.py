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
    from launcher.browser import app_attributes, jsapi

    jsapi.register_scheme()
    app_attributes.set_before_app(app_attributes.SHARE_OPENGL_CONTEXTS, app_attributes.DONT_USE_NATIVE_DIALOGS)
