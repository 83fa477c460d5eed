"""Qt application attributes the exam needs before the ``QApplication`` exists.

One job: set them without building PySide's ``Qt`` namespace. PySide makes Python enum classes
on first use, and the first use of anything in ``Qt`` builds all 94 of its enum classes at once
(15–20 ms of the GUI thread, before the exam's first request; a bare QtWebEngine view never
touches ``Qt``). So on Linux the attributes are set through Qt's own
``QCoreApplication::setAttribute``, in the very library PySide loaded (``RTLD_NOLOAD``: never
another copy); anywhere else, or if that library cannot be reached, through PySide as usual.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

#: ``Qt::ApplicationAttribute`` values (qnamespace.h; a test compares them with PySide's enum).
SHARE_OPENGL_CONTEXTS = 18  # AA_ShareOpenGLContexts: QtWebEngine shares the GL context
DONT_USE_NATIVE_DIALOGS = 23  # AA_DontUseNativeDialogs: file dialogs stay Qt's own windows

_CORE_LIBRARY = "libQt6Core.so.6"
#: ``void QCoreApplication::setAttribute(Qt::ApplicationAttribute, bool)`` (Itanium C++ ABI).
_SET_ATTRIBUTE = "_ZN16QCoreApplication12setAttributeEN2Qt20ApplicationAttributeEb"


def set_before_app(*attributes: int) -> None:
    """Set each of ``attributes`` (``Qt::ApplicationAttribute`` values) on."""
    if _through_library(attributes):
        return
    from PySide6.QtCore import QCoreApplication, Qt

    for value in attributes:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute(value))


def _through_library(attributes: tuple[int, ...]) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import PySide6.QtCore  # noqa: F401  (loads the Qt library this process uses)

    try:
        import ctypes

        core = ctypes.CDLL(_CORE_LIBRARY, mode=os.RTLD_NOLOAD | os.RTLD_LAZY)
        set_attribute = getattr(core, _SET_ATTRIBUTE)
    except (OSError, AttributeError) as exc:
        log.debug("Qt's setAttribute not reachable directly (%s); through PySide", exc)
        return False
    set_attribute.argtypes = [ctypes.c_int, ctypes.c_bool]
    set_attribute.restype = None
    for value in attributes:
        set_attribute(value, True)
    return True
