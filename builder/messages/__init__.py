"""Every message a staff member or resident reads, in Chinese with the English alongside.

``problems`` holds what a validation report says, ``commands`` what the commands say,
``site`` the words the site shows; ``render`` fills a message's template.
"""

from __future__ import annotations

from typing import Any

from builder.messages.commands import COMMANDS
from builder.messages.problems import PROBLEMS
from builder.messages.site import CHARTS, LABELS, TYPE_NAMES_ZH

MESSAGES: dict[str, tuple[str, str]] = {**PROBLEMS, **COMMANDS}

__all__ = ["CHARTS", "LABELS", "MESSAGES", "TYPE_NAMES_ZH", "render"]


class _Blank(dict):
    """Format mapping that leaves an unknown placeholder empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def render(code: str, params: dict[str, Any]) -> tuple[str, str]:
    """The Chinese and English text of ``code`` with ``params`` filled in."""
    zh, en = MESSAGES[code]
    values = _Blank({k: ("" if v is None else v) for k, v in params.items()})
    if not values.get("title"):
        values["title"] = values.get("field", "")
    return zh.format_map(values), en.format_map(values)
