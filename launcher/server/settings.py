"""What a connection configuration says about the exam server (spec §1), checked once.

One job: turn the raw settings of a ``sebMode`` 1 configuration into :class:`ServerSettings`
(URLs, client credentials, intervals, tries) or a :class:`ServerError` naming the bad key.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from launcher.server.errors import ServerError

if TYPE_CHECKING:
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_DISCOVERY = "/exam-api/discovery"
DEFAULT_PING_INTERVAL = 1000


@dataclass(frozen=True)
class ServerSettings:
    """The exam server of a connection configuration. ``repr`` shows no secret."""

    url: str
    institution: str
    client_name: str
    client_secret: str = field(repr=False)
    discovery: str = DEFAULT_DISCOVERY
    ping_interval_ms: int = DEFAULT_PING_INTERVAL
    exam: str = ""
    fallback: bool = False
    attempts: int = 5
    attempt_interval_ms: int = 2000
    timeout_ms: int = 30000
    fallback_password_hash: str = field(default="", repr=False)

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> "ServerSettings":
        """Read ``sebServerURL``, ``sebServerConfiguration`` and the fallback keys."""
        url = raw.get("sebServerURL")
        if not isinstance(url, str) or not url.strip():
            raise _missing("sebServerURL", "the address of the exam server", "missing-server-url")
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")):
            raise ServerError(
                "The exam server address in this configuration is not a web address.",
                detail="sebServerURL does not start with http:// or https://", step="settings", kind="bad-server-url",
            )
        conf = raw.get("sebServerConfiguration")
        if not isinstance(conf, Mapping):
            raise _missing("sebServerConfiguration", "the exam server's connection details",
                           "missing-server-configuration")
        institution = _text(conf.get("institution"))
        name = _text(conf.get("clientName"))
        secret = _text(conf.get("clientSecret"))
        if not institution:
            raise _missing("sebServerConfiguration.institution", "the institution", "missing-institution")
        if not name or not secret:
            raise _missing("sebServerConfiguration.clientName/clientSecret", "the client credentials",
                           "missing-client-credentials")
        discovery = _text(conf.get("apiDiscovery")) or DEFAULT_DISCOVERY
        ping = conf.get("pingInterval")
        # SEB for Windows ignores a non-integer ping interval (keeps its default).
        ping_ms = ping if isinstance(ping, int) and not isinstance(ping, bool) and ping > 0 else DEFAULT_PING_INTERVAL
        exam = conf.get("exam")
        exam_id = exam.strip() if isinstance(exam, str) else ""
        return cls(
            url=url,
            institution=institution,
            client_name=name,
            client_secret=secret,
            discovery=discovery,
            ping_interval_ms=ping_ms,
            exam=exam_id,
            fallback=raw.get("sebServerFallback") is True,  # SEB for Windows: only a boolean counts
            attempts=max(1, _int(raw.get("sebServerFallbackAttempts"), 5)),
            attempt_interval_ms=max(0, _int(raw.get("sebServerFallbackAttemptInterval"), 2000)),
            timeout_ms=max(1000, _int(raw.get("sebServerFallbackTimeout"), 30000)),
            fallback_password_hash=_text(raw.get("sebServerFallbackPasswordHash")),
        )


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _missing(key: str, what: str, kind: str) -> ServerError:
    return ServerError(
        f"This exam server configuration lacks {what} ({key}).",
        detail=f"{key} missing or empty", step="settings", kind=kind,
    )


def ssl_context_for(settings: Settings | None) -> ssl.SSLContext | None:
    """The system's verified TLS context plus the configuration's embedded certificates
    (types the kiosk trusts: SSL, CA, debug SSL); None (the default context) without any."""
    ders = settings.trusted_certificates if settings is not None else ()
    if not ders:
        return None
    context = ssl.create_default_context()
    for der in ders:
        try:
            context.load_verify_locations(cadata=der)
        except (ssl.SSLError, ValueError) as exc:
            log.warning("An embedded certificate could not be used for the exam server: %s", type(exc).__name__)
    return context
