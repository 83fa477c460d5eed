"""Entry point of the frozen (PyInstaller) launcher: the same dispatcher as ``seb-launcher``."""

from __future__ import annotations

import sys

from launcher.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
