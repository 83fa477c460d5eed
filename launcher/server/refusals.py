"""What exam servers say when they refuse a browser's SEB keys: recognise it in a page's text.

One job (pure, no Qt): ``find_refusal(text)`` names the server family and the phrase when a
page reads as an SEB refusal, for ``seb-launcher doctor``. The phrases are the servers' own
English texts, matched case-insensitively with whitespace folded:

- Moodle's SEB quiz access rule (``mod/quiz/accessrule/seb/lang/en/quizaccess_seb.php``:
  ``sebrequired``, ``invalidkeys``, ``invalid_config_key``, ``invalid_browser_key``,
  ``clientrequiresseb``) and the SEB Server access rule (``quizaccess_sebserver``:
  ``quizismanagedbysebserver``);
- Open edX's SEB plugin (``eduNEXT/seb-openedx``, ``templates/seb-403-error-message.html``);
- ILIAS (its test player asks for the Safe Exam Browser; the phrase below is the general one
  and was not checked against a running ILIAS);
- the launcher's own demo exam (``launcher/opening/demo.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    server: str
    phrase: str


PHRASES: tuple[tuple[str, str], ...] = (
    ("Moodle", "This quiz has been configured so that students may only attempt it using the Safe Exam Browser"),
    ("Moodle", "The config key or browser exam keys could not be validated"),
    ("Moodle", "Invalid SEB config key"),
    ("Moodle", "Invalid SEB browser key"),
    ("Moodle", "This quiz has been configured to use the Safe Exam Browser with client configuration"),
    ("Moodle (SEB Server)", "You must launch Safe Exam Browser before attempting the exam"),
    ("Open edX", "This course can only be accessed with \"Safe Exam Browser\""),
    ("Open edX", "Error: Access not allowed"),
    ("ILIAS", "only be taken with the Safe Exam Browser"),
    ("demo exam", "No exam keys were sent"),
    ("demo exam", "hash is wrong"),
)

_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


_FOLDED = tuple((server, phrase, _fold(phrase)) for server, phrase in PHRASES)


def find_refusal(text: str) -> Refusal | None:
    """The first known refusal phrase in ``text`` (a page's title and visible text), else None."""
    folded = _fold(text)
    for server, phrase, needle in _FOLDED:
        if needle in folded:
            return Refusal(server, phrase)
    return None
