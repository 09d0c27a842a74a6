"""What the CSV and YAML editors share: splitting text into lines, and saying a change."""

from __future__ import annotations

import re
from typing import Any

from builder import messages


def split_lines(text: str) -> list[str]:
    """Lines without their endings (only \\n, \\r\\n and \\r end a line)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def say(code: str, **params: Any) -> str:
    """The Chinese text of a message (what ``Normalized.changes`` lists)."""
    return messages.render(code, params)[0]
