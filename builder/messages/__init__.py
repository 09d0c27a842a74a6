"""Every message a staff member or resident reads, in Chinese with the English alongside.

``problems`` holds what a validation report says, ``commands`` what the commands say,
``site`` the words the site shows; ``render`` fills a message's template.

A message's parameters are the placeholders of its two templates (``parameters``):
read from the templates themselves, so the list can never disagree with the wording.
Rendering without one of them is a programming error and raises ``MissingParameter``
(``tests/test_messages.py`` finds every call site that would).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from builder.messages.commands import COMMANDS
from builder.messages.problems import PROBLEMS
from builder.messages.site import CHARTS, LABELS, TYPE_NAMES_ZH

MESSAGES: dict[str, tuple[str, str]] = {**PROBLEMS, **COMMANDS}

__all__ = [
    "CHARTS",
    "LABELS",
    "MESSAGES",
    "TYPE_NAMES_ZH",
    "MissingParameter",
    "parameters",
    "render",
]


class MissingParameter(KeyError):
    """A message was rendered without a value for one of its placeholders."""


def placeholders(template: str) -> frozenset[str]:
    """The names a ``str.format`` template fills (``{{`` and ``}}`` are literal braces)."""
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


PARAMETERS: dict[str, frozenset[str]] = {
    code: placeholders(zh) | placeholders(en) for code, (zh, en) in MESSAGES.items()
}


def parameters(code: str) -> frozenset[str]:
    """The parameters ``code`` must be rendered with (Chinese and English together)."""
    return PARAMETERS[code]


def render(code: str, params: Mapping[str, Any]) -> tuple[str, str]:
    """The Chinese and English text of ``code`` with ``params`` filled in.

    ``title`` (a field's Chinese name) falls back to ``field``. A parameter that is
    missing, or None, raises MissingParameter: a hole in a staff member's message is a
    bug to find in the tests, never text to show.
    """
    zh, en = MESSAGES[code]
    values = {k: v for k, v in params.items() if v is not None}
    if not values.get("title") and "field" in values:
        values["title"] = values["field"]
    missing = PARAMETERS[code] - values.keys()
    if missing:
        raise MissingParameter(f"message {code!r} needs {', '.join(sorted(missing))}")
    return zh.format_map(values), en.format_map(values)
