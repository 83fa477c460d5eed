"""This computer's client configuration (``sebConfigPurpose`` = 1): find it, read it, store it.

A client configuration gives the launcher its defaults: the start URL used when
``seb-launcher`` runs without an argument, the admin password hash (tried when a ``pwcc`` file
is opened, and required before the client configuration may be replaced), and embedded
certificate identities (``embeddedCertificates``, imported into the keyring when the file is
stored).

Which file counts — the rule SEB for Windows follows (``ConfigurationOperation``: the
ProgramData file before the AppData file), not a key-by-key merge:

1. the machine-wide file (``/etc/seb-launcher``, ``%ProgramData%\\SEB Launcher``,
   ``/Library/Application Support/SEB Launcher``; see ``launcher.platform.paths``), deployed by
   IT and read-only to students, wins *entirely*: when it exists the per-user file is ignored,
   so a student cannot override a single key of the school's configuration;
2. otherwise the per-user file (platformdirs' user config dir), written when a student or
   teacher opens a client configuration;
3. a machine-wide file that exists but cannot be read is an error, never a reason to fall
   back to the per-user file (fail closed).

Files are stored exactly as received (the original, possibly encrypted bytes): nothing is ever
decrypted to disk. A client configuration protected with an admin password therefore needs
that password again to be read; SEB's unprotected client files (``pwcc`` with an empty key)
open without one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from launcher.config.errors import ConfigError, PasswordRequired, UnsupportedValue, WrongPassword

log = logging.getLogger(__name__)

#: ``sebConfigPurpose`` of a client configuration.
PURPOSE_CONFIGURE_CLIENT = 1
#: How often an interactive caller is asked for the admin password (SEB for Windows: 5).
PASSWORD_TRIES = 5


class NotClientConfiguration(UnsupportedValue):
    default_message = (
        "This file starts an exam; it does not configure the exam browser, so it was not saved "
        "as this computer's settings."
    )


class AdminPasswordRequired(ConfigError):
    """Replacing the current client configuration needs its admin password."""

    default_message = "Changing the exam browser's settings on this computer needs the administrator password."


class WrongAdminPassword(ConfigError):
    default_message = "Wrong administrator password: the exam browser's settings were not changed."


class MachineSettingsReadOnly(ConfigError):
    """Machine-wide client settings belong to the computer's administrator."""

    default_message = (
        "The exam browser's settings on this computer are managed by its administrator and "
        "cannot be changed here."
    )


class ClientSettingsUnreadable(ConfigError):
    default_message = "This computer's exam browser settings could not be read."


@dataclass(frozen=True)
class ClientSettings:
    """The client configuration in force (empty when there is none)."""

    settings: Mapping[str, Any] = field(default_factory=dict, repr=False)
    path: Path | None = None
    machine: bool = False
    #: The ``LoadedConfig`` read from ``path`` (None without client settings): with no argument,
    #: SEB runs a session with the client settings themselves, starting at their ``startURL``.
    loaded: Any = field(default=None, repr=False, compare=False)

    # -- reading -----------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *,
        password: str | None = None,
        ask_password: Callable[[bool], str | None] | None = None,
        identities: Any = None,
        machine_file: Path | None = None,
        user_file: Path | None = None,
    ) -> ClientSettings:
        """The client configuration in force: the machine-wide file if it exists, else the
        per-user one, else none (empty settings).

        ``password`` is a typed admin/settings password. ``ask_password(wrong)`` is called when
        the file needs one (``wrong`` after a failed try; return None to give up), at most
        :data:`PASSWORD_TRIES` times. Raises ``PasswordRequired`` (``for_client=True``) when
        the file needs a password nobody gave, ``WrongPassword``, ``ClientSettingsUnreadable``
        or the reader's ``ConfigError`` for a damaged file — never falls back to the per-user
        file when the machine-wide one fails.
        """
        from launcher.platform import paths

        candidates = (
            (machine_file or paths.machine_client_config_file(), True),
            (user_file or paths.user_client_config_file(), False),
        )
        for path, machine in candidates:
            data = _read_file(path)
            if data is None:
                continue
            loaded = _open(data, password=password, ask_password=ask_password, identities=identities)
            if not _is_client_config(loaded.settings):
                raise NotClientConfiguration(
                    "The exam browser settings file on this computer does not configure the client.",
                    detail=f"{path}: sebConfigPurpose is not 1",
                )
            where = "machine-wide" if machine else "per-user"
            log.info("Using the %s client configuration %s", where, path)
            if machine and os.path.lexists(candidates[1][0]):
                log.info("The per-user client configuration is ignored: the machine-wide one wins")
            return cls(settings=loaded.settings, path=path, machine=machine, loaded=loaded)
        return cls()

    @property
    def exists(self) -> bool:
        return self.path is not None

    @property
    def start_url(self) -> str:
        """The start URL for ``seb-launcher`` without an argument ('' when none is set)."""
        value = self.settings.get("startURL")
        return value.strip() if isinstance(value, str) else ""

    @property
    def hashed_admin_password(self) -> str:
        value = self.settings.get("hashedAdminPassword")
        return value.strip() if isinstance(value, str) else ""

    def identity_provider(self) -> Any:
        """The identities embedded in these settings, usable as ``identities=`` without the
        keyring (e.g. from a machine-wide file that was never imported for this user)."""
        from launcher.config.identities import embedded_identities
        from launcher.config.crypto import public_key_hash

        found = {public_key_hash(i.certificate): i for i in embedded_identities(dict(self.settings))}

        class _Embedded:
            def find(self, key_hash: bytes) -> Any:
                return found.get(bytes(key_hash))

        return _Embedded()


def _read_file(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist; unreadable -> ClientSettingsUnreadable."""
    from launcher.config.container import Limits
    from launcher.config.errors import TooLarge

    limit = Limits().max_bytes
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError as exc:
        raise ClientSettingsUnreadable(detail=f"{path} is a folder") from exc
    except OSError as exc:
        raise ClientSettingsUnreadable(detail=f"{path}: {exc.strerror or type(exc).__name__}") from exc
    if len(data) > limit:
        raise TooLarge(detail=f"{path} is over the size limit")
    return data


def _open(
    data: bytes,
    *,
    password: str | None,
    ask_password: Callable[[bool], str | None] | None,
    identities: Any,
) -> Any:
    """``read_config`` with SEB's order of tries: no password (SEB's unprotected client files
    use an empty key), the given password, then up to five asked ones."""
    from launcher.config.container import read_config

    wrong = False
    tries = 0
    while True:
        try:
            return read_config(data, password=password, identities=identities)
        except (PasswordRequired, WrongPassword) as exc:
            if ask_password is None or tries >= PASSWORD_TRIES:
                if isinstance(exc, PasswordRequired):
                    raise PasswordRequired(for_client=True, detail="client configuration") from None
                raise
            wrong = isinstance(exc, WrongPassword)
            tries += 1
            password = ask_password(wrong)
            if password is None:
                raise PasswordRequired(for_client=True, detail="no password given") from None


def _is_client_config(settings: Mapping[str, Any]) -> bool:
    purpose = settings.get("sebConfigPurpose")
    return purpose == PURPOSE_CONFIGURE_CLIENT and not isinstance(purpose, bool)


def _raw(settings: Any) -> Mapping[str, Any]:
    """The raw dict of a ``ClientSettings``, a ``Settings``, a ``LoadedConfig`` or a dict."""
    for attribute in ("raw", "settings"):
        inner = getattr(settings, attribute, None)
        if isinstance(inner, Mapping):
            return inner
    return settings if isinstance(settings, Mapping) else {}


# -- admin password ---------------------------------------------------------------------------

def requires_admin_password(settings: Any) -> bool:
    """Whether these client settings (``ClientSettings``, ``Settings``, ``LoadedConfig`` or raw
    dict) are protected by an admin password (``hashedAdminPassword`` set)."""
    from launcher.config.passwords import has_password

    value = _raw(settings).get("hashedAdminPassword")
    return has_password(value if isinstance(value, str) else "")


def check_admin_password(settings: Any, password: str) -> bool:
    """Constant-time check of a typed admin password against the settings' hash. False when
    no admin password is set: there is nothing to check against."""
    from launcher.config.passwords import check_password

    value = _raw(settings).get("hashedAdminPassword")
    return check_password(password, value if isinstance(value, str) else "")


def must_authenticate(current: Any, new: Any, *, password_used: str | None = None) -> bool:
    """Whether replacing ``current`` client settings with ``new`` needs the current admin
    password, following SEB for Windows (``IsRequiredToAuthenticateForClientConfiguration``):
    not when no admin password is set, not when the new file has the same admin password, and
    not when the password that opened the new file is the current admin password."""
    if not requires_admin_password(current):
        return False
    current_hash = str(_raw(current).get("hashedAdminPassword", "")).strip().lower()
    new_hash = _raw(new).get("hashedAdminPassword")
    import hmac

    if isinstance(new_hash, str) and hmac.compare_digest(new_hash.strip().lower().encode(), current_hash.encode()):
        return False
    if password_used is not None and check_admin_password(current, password_used):
        return False
    return True


# -- storing ----------------------------------------------------------------------------------

def _is_admin() -> bool:
    if sys.platform != "win32":
        return os.geteuid() == 0
    try:
        import ctypes

        return bool(ctypes.windll.shell32.IsUserAnAdmin())
    except Exception:
        return False


def store(
    loaded: Any,
    data: bytes | None = None,
    *,
    machine: bool = False,
    admin_password: str | None = None,
    password_used: str | None = None,
    import_identities: bool = True,
) -> Path:
    """Make ``loaded`` (a ``LoadedConfig`` with ``sebConfigPurpose`` 1) this computer's client
    configuration by writing ``data``, the file's original bytes, unchanged.

    ``machine=True`` writes the machine-wide file for all users: only an administrator (root)
    may, because students must not be able to change what the school deployed (the directory
    is root-owned; the launcher never asks for elevation itself). Otherwise the per-user file
    is written — refused while a machine-wide file is in force, since it would be ignored.

    When the client settings being replaced have an admin password, the caller must pass it as
    ``admin_password`` unless :func:`must_authenticate` says it is not needed (same admin
    password in the new file, or ``password_used`` — the password that opened the new file — is
    the current admin password). Embedded identities are imported into the keyring first.
    Returns the path written. Raises ``NotClientConfiguration``, ``MachineSettingsReadOnly``,
    ``AdminPasswordRequired``, ``WrongAdminPassword`` or ``ClientSettingsUnreadable``.
    """
    from launcher.platform import paths

    if data is None:
        data = getattr(loaded, "data", None)
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise ConfigError(
            "The settings could not be saved.",
            detail="store() needs the original bytes of the client configuration file",
        )
    settings = _raw(loaded)
    if not _is_client_config(settings):
        raise NotClientConfiguration(detail="sebConfigPurpose is not 1")

    machine_file = paths.machine_client_config_file()
    target = machine_file if machine else paths.user_client_config_file()
    if machine and not _is_admin():
        raise MachineSettingsReadOnly(
            "Saving the exam browser's settings for all users of this computer needs administrator "
            "rights (run it as root or an administrator).",
            detail=f"not allowed to write {target}",
        )
    if not machine and os.path.lexists(machine_file):
        raise MachineSettingsReadOnly(detail=f"{machine_file} is in force")

    # The admin password of the settings being replaced (the file we overwrite).
    try:
        current = _current(target, admin_password if admin_password is not None else password_used)
    except (PasswordRequired, WrongPassword):
        # Protected so that only its admin password opens it: without that password we cannot
        # even see its hash, so replacing it needs the password that opens it.
        if admin_password is None:
            raise AdminPasswordRequired(detail=f"{target} needs its admin password to be opened") from None
        raise WrongAdminPassword(detail=f"{target} did not open with the given password") from None
    except ConfigError as exc:
        log.warning("The current client configuration cannot be read (%s); replacing it", type(exc).__name__)
        current = ClientSettings()
    if must_authenticate(current, settings, password_used=password_used):
        if admin_password is None:
            raise AdminPasswordRequired(detail="the current client configuration has an admin password")
        if not check_admin_password(current, admin_password):
            raise WrongAdminPassword(detail="admin password mismatch")

    if import_identities and settings.get("embeddedCertificates"):
        from launcher.config.identities import import_embedded

        imported = import_embedded(settings)
        log.info("Imported %d embedded identit%s", len(imported), "y" if len(imported) == 1 else "ies")

    _write_atomically(target, bytes(data), machine=machine)
    log.info("Stored the %s client configuration %s", "machine-wide" if machine else "per-user", target)
    return target


def _current(target: Path, admin_password: str | None) -> ClientSettings:
    """The client settings in the one file ``target`` (empty if it does not exist)."""
    data = _read_file(target)
    if data is None:
        return ClientSettings()
    loaded = _open(data, password=admin_password, ask_password=None, identities=None)
    return ClientSettings(settings=loaded.settings, path=target, machine=False, loaded=loaded)


def _write_atomically(target: Path, data: bytes, *, machine: bool) -> None:
    folder = target.parent
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o755 if machine else 0o700)  # exact: an admin's umask 077 must not hide it
    except OSError as exc:
        raise _write_error(target, exc) from exc
    from launcher.platform.files import write_atomically

    try:
        write_atomically(target, data, mode=0o644 if machine else 0o600)
    except OSError as exc:
        raise _write_error(target, exc) from exc


def _write_error(target: Path, exc: OSError) -> ConfigError:
    if isinstance(exc, PermissionError):
        return MachineSettingsReadOnly(detail=f"{target}: {exc.strerror}")
    return ClientSettingsUnreadable(
        "The exam browser's settings could not be saved on this computer.", detail=f"{target}: {exc.strerror}"
    )


# -- hooks for the start path -------------------------------------------------------------------

def start_url() -> str:
    """The start URL of this computer's client settings for ``seb-launcher`` with no argument,
    or '' (no client settings, none set, or they need a password nobody can type here)."""
    try:
        return ClientSettings.load().start_url
    except PasswordRequired:
        log.warning("The client settings are protected by a password; their start URL is not used")
    except ConfigError as exc:
        # The name, not the detail: a detail may carry a key hash (NoIdentity), never logged.
        log.warning("The client settings could not be read: %s (%s)", exc.message, type(exc).__name__)
    return ""


def admin_password_hash() -> str:
    """The admin password hash of the client settings in force, '' if none: the app tries it as
    ``hashed_password`` when a ``pwcc`` file asks for a password (as SEB does)."""
    try:
        return ClientSettings.load().hashed_admin_password
    except ConfigError as exc:
        log.info("No admin password hash from the client settings (%s)", type(exc).__name__)
        return ""

