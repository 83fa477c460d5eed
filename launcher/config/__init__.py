"""Pure-Python SEB configuration core: containers, settings, keys, URL filter, passwords.

Nothing in this package imports Qt; exam servers and tools can reuse it as a library.
"""
