"""The Excel copy of a published table: what an office worker opens with a double click.

Its first row is the fields' Chinese titles, and a coded value (``income``, ``passed``)
is written as its Chinese name from the one catalogue, ``VALUE_LABELS``. A text cell a
spreadsheet would run as a formula starts with an apostrophe (``excel_text``), as
OWASP's guidance on CSV injection recommends. The plain UTF-8 CSV beside it keeps the
field names and the values exactly; the Excel copy's descriptor (``excel_descriptor``)
describes what the copy holds — titles as names, names of values as the enum — so the
stock Frictionless still checks it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from copy import deepcopy
from typing import Any

from builder.core.schema import Field, key_names
from builder.core.text import starts_formula
from builder.messages.site import EXCEL_HEADER_CLASH, VALUE_LABELS

# A code is written in lower-case ASCII words (``fund_transfer``); values a schema
# already writes as words for people (``已验收``, ``党课``) are their own names.
_CODE = re.compile(r"[a-z][a-z0-9_]*")


def is_code(value: Any) -> bool:
    return isinstance(value, str) and _CODE.fullmatch(value) is not None


def value_label(field: str, value: str) -> str:
    """The Chinese name of ``value`` in the field ``field``; the value itself when the
    catalogue has none (a community's own code: ``unlabelled_codes`` finds those)."""
    return VALUE_LABELS.get(field, {}).get(value, value)


def labelled(field: Field) -> bool:
    """Whether the Excel copy writes names of values in this field: a field of coded
    values (an enum) whose name the catalogue knows. A free-text field of the same name
    keeps its text, so its pattern or length still holds in the copy."""
    return field.name in VALUE_LABELS and isinstance(field.constraints.get("enum"), list)


def unlabelled_codes(descriptor: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, code) of every code a published schema's enum allows without a Chinese
    name in ``VALUE_LABELS``. A key field's enum (an account id) lists identifiers, not
    codes: those stay as they are."""
    keys = set(key_names(descriptor.get("primaryKey")))
    missing = []
    for spec in descriptor.get("fields", []):
        enum = (spec.get("constraints") or {}).get("enum")
        if spec["name"] in keys or not isinstance(enum, list):
            continue
        labels = VALUE_LABELS.get(spec["name"], {})
        missing += [(spec["name"], v) for v in enum if is_code(v) and v not in labels]
    return missing


def excel_text(text: str) -> str:
    """A text cell as the Excel copy writes it: with a leading apostrophe (which the
    spreadsheet shows as text, not as a character of the cell) when it would start a
    formula (``starts_formula``, the rule validation warns by), unchanged otherwise.
    Only cells of TEXT_TYPES fields: ``-12.50`` in a number field is a number."""
    return "'" + text if starts_formula(text) else text


def headers(fields: Sequence[Field]) -> dict[str, str]:
    """Each field's column header in the Excel copy: its title, or when two fields
    share a title, the title with the name, so every header names one column."""
    shared = Counter(f.title for f in fields)
    return {
        f.name: f.title
        if shared[f.title] == 1
        else EXCEL_HEADER_CLASH.format(title=f.title, name=f.name)
        for f in fields
    }


def excel_cells(
    fields: Sequence[Field], cells: list[str], text_fields: Collection[str], changed: set[str]
) -> list[str]:
    """A row's cells (as the plain CSV writes them) as the Excel copy writes them; the
    fields where an apostrophe was added go into ``changed``."""
    out = list(cells)
    for i, field in enumerate(fields):
        if labelled(field) and out[i]:
            out[i] = value_label(field.name, out[i])
        if field.name in text_fields and starts_formula(out[i]):
            out[i] = excel_text(out[i])
            changed.add(field.name)
    return out


def excel_descriptor(
    descriptor: Mapping[str, Any], changed: Collection[str], header: Mapping[str, str]
) -> dict[str, Any]:
    """The Excel copy's Table Schema: the plain one with each field named by its header,
    an enum of names of values where the copy writes them, room for the apostrophe in
    the fields where one was added (one longer, the pattern or enum with it), and no
    foreign keys (the plain copies carry them; the copies' headers differ)."""
    described = deepcopy(dict(descriptor))
    for spec in described["fields"]:
        name = spec["name"]
        constraints = spec.get("constraints") or {}
        enum = constraints.get("enum")
        if isinstance(enum, list) and name in VALUE_LABELS:
            constraints["enum"] = enum = [
                value_label(name, v) if isinstance(v, str) else v for v in enum
            ]
        if name in changed:
            if isinstance(constraints.get("maxLength"), int):
                constraints["maxLength"] += 1
            if isinstance(constraints.get("pattern"), str):
                constraints["pattern"] = f"'?({constraints['pattern']})"
            if isinstance(enum, list):
                enum += [excel_text(v) for v in enum if isinstance(v, str) and starts_formula(v)]
        spec["name"] = header[name]
    if "primaryKey" in described:
        described["primaryKey"] = [header[n] for n in key_names(described["primaryKey"])]
    described.pop("foreignKeys", None)
    return described
