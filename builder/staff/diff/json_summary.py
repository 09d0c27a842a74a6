"""The same facts as the Markdown summary, as one JSON-ready object for tools."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from builder.staff.diff.model import Diff, ResourceDiff, Row, RowChange, Side
from builder.staff.diff.words import Key


def to_json(diff: Diff) -> dict[str, Any]:
    """The Diff as plain values (Decimals as strings, dates ISO)."""
    return {
        "base": _side_json(diff.base),
        "head": _side_json(diff.head),
        "date": diff.today.isoformat(),
        "comparable": diff.comparable,
        "resources": [_resource_json(r) for r in diff.resources],
        "ledger": [
            _plain(
                y,
                before=_plain(y.before) if y.before else None,
                after=_plain(y.after) if y.after else None,
            )
            for y in diff.ledger
        ],
        "decisions": [_plain(d, matches=d.matches) for d in diff.decisions],
        "notices": [_plain(n) for n in diff.notices],
        "retroactive": list(diff.retroactive),
        "correction_note": diff.correction_note,
        "warnings": [p.to_dict() for p in diff.warnings],
        "errors": {
            "base_count": diff.base_errors,
            "head_count": diff.head_errors,
            "new": [p.to_dict() for p in diff.new_errors],
            "fixed": [p.to_dict() for p in diff.fixed_errors],
        },
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _key_json(key_fields: tuple[str, ...], key: Key | None) -> dict[str, Any] | None:
    return {f: _json_value(v) for f, v in zip(key_fields, key, strict=True)} if key else None


def _side_json(side: Side) -> dict[str, Any]:
    return {
        "revision": side.revision,
        "commit": side.commit,
        "label": side.label,
        "readable": side.error is None,
        "error": side.error[0] if side.error else None,
        "error_en": side.error[1] if side.error else None,
    }


def _resource_json(r: ResourceDiff) -> dict[str, Any]:
    def row(item: Row) -> dict[str, Any]:
        values = {k: _json_value(v) for k, v in item.values.items()}
        return {"key": _key_json(r.key_fields, item.key), "values": values}

    def change(item: RowChange) -> dict[str, Any]:
        fields = [
            {
                "field": f.field,
                "title": f.title,
                "before": _json_value(f.before),
                "after": _json_value(f.after),
            }
            for f in item.fields
        ]
        return {"key": _key_json(r.key_fields, item.key), "fields": fields}

    return {
        "name": r.name,
        "title": r.title,
        "file": r.file,
        "primary_key": list(r.key_fields),
        "added": [row(x) for x in r.added],
        "removed": [row(x) for x in r.removed],
        "changed": [change(x) for x in r.changed],
        "internal_changed": r.internal_changes,
        "incomplete": list(r.incomplete),
    }


def _plain(record: Any, **extra: Any) -> dict[str, Any]:
    """A flat dataclass as JSON-ready values (Decimal as strings, dates ISO)."""
    values = {f.name: _json_value(getattr(record, f.name)) for f in dataclasses.fields(record)}
    return {**values, **extra}
