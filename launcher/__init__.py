"""SEB-compatible exam launcher: opens Safe Exam Browser configurations and runs the exam in a kiosk."""

__version__ = "0.1.0"

APP_NAME = "SEB Launcher"
#: The name exam servers see in the user agent (``SEB/<version>``) and the JavaScript API.
SEB_COMPAT_VERSION = "3.8.0"
