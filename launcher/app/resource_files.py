"""Find the files the launcher ships beside its code: demo exam, translations, icons, desktop
entry, MIME and metainfo files.

They are package data in ``launcher/resources`` — the build copies the repository's top-level
``resources/`` there (``setup.py``), so a wheel, a ``pipx`` install and the PyInstaller bundle
carry them — found with ``importlib.resources``. A source checkout and the editable install have
no copy and use the repository's ``resources/`` beside the package. Nothing here runs on an
English start: ``importlib.resources`` is imported only when a file is needed.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: The folder inside the ``launcher`` package that holds the shipped files.
PACKAGE_FOLDER = "resources"


def resources_dir() -> Path | None:
    """The folder with ``demo/``, ``translations/`` and ``linux/``, or None when this
    installation has none (a broken install: callers say what is missing)."""
    import importlib.resources

    packaged = importlib.resources.files("launcher") / PACKAGE_FOLDER
    # Installed packages (wheel, pipx, PyInstaller) live on disk: Qt and the demo server need
    # real paths, so a zipped import would fall through to the checkout below.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    log.warning("The launcher's resources were found neither in the package nor beside it")
    return None
