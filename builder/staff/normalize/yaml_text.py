"""Normalizing a YAML file's text line by line (never re-dumped), so comments and
layout stay byte for byte apart from the values changed."""

from __future__ import annotations

import re
from collections import Counter

from builder.core.problems import Problem
from builder.staff.normalize.lines import split_lines
from builder.staff.normalize.spreadsheet_values import normalize_value

# `key: value` on one line, possibly as a list item (`- key: value`).
_YAML_LINE = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)(?P<colon>:[ \t]+)(?P<rest>\S.*)"
)
_YAML_COMMENT = re.compile(r"[ \t]+#")


def normalize_yaml(
    text: str,
    file: str,
    kinds: dict[str, str],
    counts: Counter[str],
    problems: list[Problem],
    typed: set[str],
) -> list[str]:
    """The YAML's lines, trailing white space removed and the values of date and number
    keys normalized in place. Block scalars (``key: |``) are text, never values."""
    lines = split_lines(text)
    block_indent: int | None = None  # inside a block scalar under a key at this column
    for number, original in enumerate(lines, 1):
        line = original.rstrip()
        if line != original:
            counts["trailing-space"] += 1
        lines[number - 1] = line
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line or indent > block_indent:
                continue
            block_indent = None
        match = _YAML_LINE.fullmatch(line)
        if not match:
            continue
        rest = match["rest"]
        if rest[0] in "|>":
            block_indent = len(match["lead"])
            continue
        kind = kinds.get(match["key"])
        if kind is None:
            continue
        parts = _yaml_scalar(rest)
        if parts is None:
            continue
        quote, value, after = parts
        new, category, found = normalize_value(value, kind)
        if found:
            problems.append(found.at(file, number, match["key"]))
        if category not in (None, "cell-space") or found:
            typed.add(match["key"])
        if new != value:
            if category:
                counts[category] += 1
            head = match["lead"] + match["key"] + match["colon"]
            lines[number - 1] = f"{head}{quote}{new}{quote}{after}"
    return lines


def _yaml_scalar(rest: str) -> tuple[str, str, str] | None:
    """Split what follows ``key: `` into (quote, value, comment), or None when it is not
    a simple scalar this line-based editor can safely change."""
    if rest[0] in "\"'":
        quote = rest[0]
        end = rest.find(quote, 1)
        if end < 0:
            return None
        value, after = rest[1:end], rest[end + 1 :]
        if (quote == '"' and "\\" in value) or after.startswith(quote):
            return None  # escapes or '' inside: leave it to a person
        if after and not _YAML_COMMENT.match(after):
            return None
        return quote, value, after
    if rest[0] in "{[&*!%@`#,?":
        return None  # flow collections, anchors, tags... are not simple values
    comment = _YAML_COMMENT.search(rest)
    if comment:
        return "", rest[: comment.start()], rest[comment.start() :]
    return "", rest, ""
