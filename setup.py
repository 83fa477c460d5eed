"""Build hook: ship the repository's ``resources/`` as package data in ``launcher/resources``.

Everything else is in pyproject.toml. Every file under ``resources/`` is copied (a file added
there later ships without touching the packaging); the editable install skips the copy, since
the launcher finds ``resources/`` beside the package in a checkout (launcher/app/resource_files.py).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "resources"
TARGET = Path("launcher") / "resources"
SKIP_PARTS = {"__pycache__", ".git"}
SKIP_SUFFIXES = {".pyc", ".pyo"}


def shipped_files() -> list[Path]:
    """The files of ``resources/`` that go into the package, relative to it."""
    return sorted(
        path.relative_to(SOURCE)
        for path in SOURCE.rglob("*")
        if path.is_file() and not SKIP_PARTS & set(path.parts) and path.suffix not in SKIP_SUFFIXES
    )


class build_py_with_resources(build_py):  # noqa: N801 (setuptools command naming)
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for relative in shipped_files():
            target = Path(self.build_lib) / TARGET / relative
            self.mkpath(str(target.parent))
            self.copy_file(str(SOURCE / relative), str(target), preserve_mode=True)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        extra = [str(Path(self.build_lib) / TARGET / relative) for relative in shipped_files()]
        return list(super().get_outputs(include_bytecode)) + extra


setup(cmdclass={"build_py": build_py_with_resources})
