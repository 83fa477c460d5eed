"""The attributes the exam needs before the QApplication exists, set without PySide's ``Qt``
namespace (``launcher.browser.app_attributes``): the values are Qt's, and they take effect."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from launcher.browser import app_attributes


def test_the_attributes_are_set_before_the_application_as_pyside_would_set_them():
    assert Qt.ApplicationAttribute.AA_ShareOpenGLContexts.value == app_attributes.SHARE_OPENGL_CONTEXTS
    assert Qt.ApplicationAttribute.AA_DontUseNativeDialogs.value == app_attributes.DONT_USE_NATIVE_DIALOGS
    # this suite's QApplication was made after conftest's prepare_app(), which set them
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
