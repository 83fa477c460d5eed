"""Benchmarks of the launcher against the bare limits of its stack (Python, Qt, QtWebEngine).

``python -m bench [--json]`` measures start-up, per-request overhead and memory of
``seb-launcher open FILE`` against a bare QWebEngineView, and the URL filter and config reader
against plain ``re`` and ``plistlib``. See ``bench/RESULTS.md``.
"""
