"""Typed values as the words a pull-request summary shows: coded values in Chinese,
long texts cut around their first change, a row named by a few of its fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, cast

from builder import messages
from builder.core.disclosure import SCOPE_FIELD
from builder.messages import LABELS
from builder.messages.site import VALUE_LABELS
from builder.messages.site import VOTE_RESULTS as RESULT_ZH

Key = tuple[Any, ...]


def _word(code: str) -> str:
    """A word of the summary, which is in Chinese."""
    return messages.render(code, {})[0]


# Coded values shown in words (only when the value is one of the codes).
_CODED: dict[str, Mapping[str, str]] = {
    "type": cast(Mapping[str, str], LABELS["entry_type"]),
    "body": cast(Mapping[str, str], LABELS["body"]),
    "result": RESULT_ZH,
    SCOPE_FIELD: VALUE_LABELS[SCOPE_FIELD],  # the ranges' one catalogue
}
# Fields that say best which row is meant, in the order they are shown.
_BRIEF_FIELDS = (
    "date", "start", "type", "category", "amount", "title", "topic", "project", "item",
    "name", "role", "kind", "unit", "rate", "received", "within_pledge",
)  # fmt: skip
_BRIEF_COUNT = 4
_EXCERPT = 40  # characters of a long text shown around its first change


def show(field: str, value: Any) -> str:
    """A typed value as plain text (not yet escaped for Markdown)."""
    if value is None or value == "":
        return _word("diff-value-empty")
    if isinstance(value, str) and value in _CODED.get(field, {}):
        return _CODED[field][value]
    if isinstance(value, bool):
        return _word("diff-value-yes" if value else "diff-value-no")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def excerpt(field: str, before: Any, after: Any, width: int = _EXCERPT) -> tuple[str, str]:
    """Both values as text; long texts cut to the stretch around their first difference."""
    old, new = show(field, before), show(field, after)
    if max(len(old), len(new)) <= width:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - width // 4)

    def cut(text: str) -> str:
        part = text[start : start + width]
        return ("…" if start else "") + part + ("…" if start + width < len(text) else "")

    return cut(old), cut(new)


def brief(values: dict[str, Any], fields: Iterable[str], key_fields: Iterable[str]) -> str:
    """A few fields that say which row is meant, e.g. date · 收入 · 车位租赁费 · 1200.00."""
    fields = tuple(fields)
    skip = {*key_fields, SCOPE_FIELD}
    chosen = [f for f in _BRIEF_FIELDS if f in fields and f not in skip and values.get(f)]
    if not chosen:
        chosen = [f for f in fields if f not in skip and values.get(f) not in (None, "")]
    parts = []
    for f in chosen[:_BRIEF_COUNT]:
        text = show(f, values[f])
        parts.append(text if len(text) <= 30 else text[:29] + "…")
    return " · ".join(parts)


def key_text(key: Key | None) -> str:
    return " / ".join(show("", k) for k in key) if key else ""
