"""Pure navigation decisions: quit URL, ``seb(s)://`` links, may the exam be reconfigured?

One job: answer, without Qt, the questions the browser layer asks about a URL (spec §7),
exactly as SEB for Windows answers them:

* :func:`is_quit_url` — ``Handlers/RequestHandler.cs`` ``IsQuitUrl``: the quit URL with its
  trailing slashes removed, followed by an optional ``/``, searched case-insensitively in the
  requested URL (not decoded). SEB searches, it does not compare whole URLs: a request whose
  URL *contains* the quit URL counts (``http://host/quit?x=1`` for quit URL
  ``http://host/quit``). An empty or blank quit URL never matches.
* :func:`is_seb_link`, :func:`seb_link_to_http` — ``seb://`` is fetched as ``http://`` and
  ``sebs://`` as ``https://``, the rest of the URL kept exactly.
* :func:`may_reconfigure` — ``SafeExamBrowser.Client/Responsibilities/
  BrowserResponsibility.cs`` ``IsAllowedToReconfigure``, behind the
  ``downloadAndOpenSebConfig`` gate SEB's download handler applies first.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from launcher.config.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["is_quit_url", "is_seb_link", "may_reconfigure", "seb_link_to_http", "http_to_seb_link"]

_SEB_TO_HTTP = {"seb": "http", "sebs": "https"}
_HTTP_TO_SEB = {"http": "seb", "https": "sebs"}


def _scheme(url: str) -> tuple[str, str]:
    """(lower-case scheme, everything from the ``:`` on); ("", url) when there is none."""
    scheme, colon, rest = url.partition(":")
    if not colon or not scheme or not scheme[0].isascii() or not scheme[0].isalpha():
        return "", url
    return scheme.lower(), colon + rest


@functools.lru_cache(maxsize=64)
def _quit_pattern(quit_url: str) -> re.Pattern[str] | None:
    trimmed = quit_url.rstrip("/")
    if not trimmed.strip():
        return None
    return re.compile(re.escape(trimmed) + "/?", re.IGNORECASE)


def is_quit_url(url: str, quit_url: str) -> bool:
    """True when a request for ``url`` is a visit to the quit URL (SEB for Windows' rule)."""
    if not quit_url or not quit_url.strip():
        return False
    pattern = _quit_pattern(quit_url)
    return pattern is not None and pattern.search(url) is not None


def is_seb_link(url: str) -> bool:
    """True for ``seb://…`` and ``sebs://…`` links (scheme in any letter case)."""
    return _scheme(url)[0] in _SEB_TO_HTTP


def seb_link_to_http(url: str) -> str:
    """``seb://h/p`` -> ``http://h/p``, ``sebs://h/p`` -> ``https://h/p``; the rest of the URL
    stays exactly as it was. Any other URL is returned unchanged."""
    scheme, rest = _scheme(url)
    target = _SEB_TO_HTTP.get(scheme)
    return target + rest if target else url


def http_to_seb_link(url: str) -> str:
    """The inverse: ``http://`` -> ``seb://``, ``https://`` -> ``sebs://``; others unchanged."""
    scheme, rest = _scheme(url)
    target = _HTTP_TO_SEB.get(scheme)
    return target + rest if target else url


@functools.lru_cache(maxsize=16)
def _wildcard_pattern(expression: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expression.split("*")), re.IGNORECASE)


def may_reconfigure(settings: Settings, url: str) -> bool:
    """May the running exam load the configuration at ``url`` (a ``seb(s)://`` link or the
    ``http(s)`` address of a ``.seb`` file) and replace its own?

    * ``downloadAndOpenSebConfig`` off: never (SEB does not even start the download);
    * with a quit password: only when ``examSessionReconfigureAllow`` is on and the URL, in its
      ``seb(s)`` or its ``http(s)`` form, matches ``examSessionReconfigureConfigURL`` as a
      whole (``*`` = any characters, letter case ignored); no such URL set: never;
    * without a quit password: when the file configures the client
      (``sebConfigPurpose`` = 1) or ``examSessionReconfigureAllow`` is on.

    (SEB for Windows swaps the schemes with a plain text replace anywhere in the URL; we swap
    only the scheme, which gives the same answer for every URL whose path does not itself
    contain "http".)
    """
    if not settings.download_and_open_seb_config:
        log.info("Reconfiguration refused: the exam does not allow opening configurations")
        return False
    if settings.has_quit_password:
        expression = settings.reconfigure_config_url
        if not expression.strip():
            log.warning("Reconfiguration refused: the exam sets a quit password but no reconfiguration URL")
            return False
        if not settings.reconfigure_allow:
            return False
        pattern = _wildcard_pattern(expression)
        forms = (url, seb_link_to_http(url), http_to_seb_link(url))
        return any(pattern.fullmatch(form) is not None for form in forms)
    return settings.configures_client or settings.reconfigure_allow
