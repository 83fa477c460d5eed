"""OS edge: link and file-type registration, single instance, system paths, logs, and the OSes'
own lockdown requests."""

#: The OSes whose own lockdown requests the launcher makes (capture exclusion, system keys,
#: keeping the computer awake); on Linux the launcher does that work itself.
NATIVE_LOCKDOWN_PLATFORMS = frozenset({"win32", "darwin"})
