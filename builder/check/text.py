"""Staff text, character by character: the one scan of every text cell, whichever path
checks its table, and of the settings' text (community.yaml).

- A control character (U+0000–U+001F, U+007F–U+009F, NUL included) is an error: it is
  invisible, and a page or download would publish it as it is. Line breaks and tabs
  (U+000A, U+000D, U+0009) are allowed in multi-line text only (``is_multiline``).
- A bidi control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) is a warning:
  it reorders how a page shows the text, so the page can show what the data does not
  say (a company name reversed), yet it has honest uses in Arabic or Hebrew names.
- A cell a spreadsheet would run as a formula (``starts_formula``, OWASP's rule for
  CSV injection) is a warning, as advice: the Excel copy of the downloads neutralises
  it with a leading apostrophe, and "+86 …" or "-" may well be meant. Only text
  fields: a negative number in a number field is a number. Full-width ＝ ＋ － ＠ are
  not on OWASP's list: not flagged, and left as they are in the Excel copy.

Vectorized: a column's texts are joined and looked at as one array of code points (one
table lookup a character), so a clean column costs a few array operations: some 0.5 s
for the text columns of the 1M-row benchmark ledgers, of a validation of 8–9 s.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from builder.core.model import Community
from builder.core.problems import Problem, listed, problem
from builder.core.schema import Field, TableSchema
from builder.core.text import FORMULA_START, TEXT_TYPES
from builder.load.csv import CsvFrames
from builder.load.table import Table
from builder.messages.problems import CHARACTER_NAMES, COMMUNITY_TITLES

# A text field that may be this long or longer is multi-line text (a summary, a body, a
# description): line breaks and tabs are allowed in it. Every other text field is one
# line — ids, names, titles, anything with a pattern or a list of values.
MULTILINE_LENGTH = 200

_LINE_BREAKS = (0x09, 0x0A, 0x0D)
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# Lookup tables by code point, up to the highest character looked for: which are
# refused or warned about (one table lookup a character, then only the hits are looked at).
_TOP = max(_BIDI) + 1  # False in every table: any code point above stands for it
_CONTROLS = [*range(0x20), *range(0x7F, 0xA0)]
_SINGLE_LINE = np.zeros(_TOP + 1, dtype=bool)
_SINGLE_LINE[[*_CONTROLS, *_BIDI]] = True
_MULTILINE = _SINGLE_LINE.copy()
_MULTILINE[list(_LINE_BREAKS)] = False
_FORMULA_CODES = [ord(c) for c in FORMULA_START]
_FORMULA_FIRST = np.zeros(max(_FORMULA_CODES) + 2, dtype=bool)
_FORMULA_FIRST[_FORMULA_CODES] = True
# Texts joined at a time: bounds the code-point array (4 bytes a character).
_SLICE = 1 << 15

CONTROL, LINE_BREAK, BIDI, FORMULA = (
    "text-control-character",
    "text-line-break",
    "text-bidi-control",
    "text-formula",
)


def is_multiline(spec: Field) -> bool:
    """Whether line breaks and tabs are allowed in ``spec``'s cells: a text field with
    no pattern and no list of values whose maxLength is at least MULTILINE_LENGTH."""
    constraints = spec.constraints
    limit = constraints.get("maxLength")
    return (
        spec.type == "string"
        and "pattern" not in constraints
        and "enum" not in constraints
        and type(limit) is int
        and limit >= MULTILINE_LENGTH
    )


def whole_value(pattern: str) -> str:
    """A Table Schema ``pattern`` as a regular expression that must match the whole
    value, as Table Schema means it: Frictionless's ``^…$`` lets a final line break
    through, and binds ``^`` and ``$`` to the first and last alternatives of ``a|b``.
    Matched with ``re.match``, or written into a descriptor (Frictionless adds its own
    ``^…$`` around it, which then changes nothing)."""
    return f"(?:{pattern})\\Z"


def whole_value_patterns(descriptor: dict[str, Any]) -> dict[str, Any]:
    """A copy of a Table Schema descriptor whose text patterns match whole values only
    (``whole_value``): what gongshi gives Frictionless, so both paths agree."""
    copy = dict(descriptor)
    specs = copy.get("fields")
    if isinstance(specs, list):
        copy["fields"] = [_whole_value_field(spec) for spec in specs]
    return copy


def _whole_value_field(spec: Any) -> Any:
    constraints = spec.get("constraints") if isinstance(spec, dict) else None
    if not isinstance(constraints, dict) or not isinstance(constraints.get("pattern"), str):
        return spec
    return {**spec, "constraints": {**constraints, "pattern": whole_value(constraints["pattern"])}}


@dataclass(frozen=True)
class TextFinding:
    """One cell's finding of one kind.

    Attributes:
        index: the row's index in its table.
        field: the field's name.
        code: CONTROL, LINE_BREAK, BIDI or FORMULA (the problem's code).
        char: the first offending code point (for FORMULA, the cell's first).
        position: its 1-based position among the cell's characters.
        count: how many characters of that kind the cell holds.
    """

    index: int
    field: str
    code: str
    char: int
    position: int
    count: int = 1


def scan_texts(texts: list[str], multiline: bool) -> Iterator[tuple[int, str, int, int, int]]:
    """What is wrong with each text: (its position in ``texts``, code, code point,
    1-based character position, count), at most one of each code a text, CONTROL or
    LINE_BREAK before BIDI before FORMULA for the same text."""
    for start in range(0, len(texts), _SLICE):
        part = texts[start : start + _SLICE]
        for at, code, char, position, count in _scan_slice(part, multiline):
            yield start + at, code, char, position, count


def _scan_slice(texts: list[str], multiline: bool) -> Iterator[tuple[int, str, int, int, int]]:
    count = len(texts)
    if not count:
        return
    # Every text followed by a NUL: the code points of all of them, and where each ends.
    codes = np.frombuffer(
        ("\0".join(texts) + "\0").encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    )
    ends = np.flatnonzero(codes == 0)
    if len(ends) != count:  # a text holds a NUL itself: its ends from the lengths
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=count)
        ends = np.cumsum(lengths + 1) - 1
    starts = np.concatenate(([0], ends[:-1] + 1))
    table = _MULTILINE if multiline else _SINGLE_LINE
    flagged = np.take(table, np.minimum(codes, _TOP))
    flagged[ends] = False  # the NULs added above
    formula = _FORMULA_FIRST[np.minimum(codes[starts], len(_FORMULA_FIRST) - 1)]
    if not (flagged.any() or formula.any()):  # the usual case: clean text
        return
    found: list[tuple[int, str, int, int, int]] = []
    hits = np.flatnonzero(flagged)
    chars = codes[hits]
    is_control = (chars < 0x20) | ((chars >= 0x7F) & (chars < 0xA0))
    for kind, of_kind in ((CONTROL, is_control), (BIDI, ~is_control)):
        at = hits[of_kind]
        if not len(at):
            continue
        cells, first, counts = np.unique(
            np.searchsorted(ends, at), return_index=True, return_counts=True
        )
        for cell, hit, n in zip(cells.tolist(), at[first].tolist(), counts.tolist(), strict=True):
            char = int(codes[hit])
            code = LINE_BREAK if kind == CONTROL and char in _LINE_BREAKS else kind
            found.append((cell, code, char, hit - int(starts[cell]) + 1, n))
    found += [
        (cell, FORMULA, int(codes[starts[cell]]), 1, 1) for cell in np.flatnonzero(formula).tolist()
    ]
    order = {CONTROL: 0, LINE_BREAK: 0, BIDI: 1, FORMULA: 2}
    yield from sorted(found, key=lambda f: (f[0], order[f[1]]))


def scan_present(spec: Field, texts: list[str], rows: np.ndarray) -> list[TextFinding]:
    """The findings in one field's texts (``rows``: each text's row index in its table)."""
    if spec.type not in TEXT_TYPES:
        return []
    return [
        TextFinding(int(rows[at]), spec.name, code, char, position, count)
        for at, code, char, position, count in scan_texts(texts, is_multiline(spec))
    ]


def scan_rows(schema: TableSchema, table: Table, kept: list[int]) -> list[TextFinding]:
    """The findings in the text fields of a table's rows ``kept`` (by index); a cell
    that is not text (empty, a YAML number) is the schema check's."""
    found: list[TextFinding] = []
    for spec in schema.fields:
        if spec.type in TEXT_TYPES and spec.name in table.header:
            j = table.header.index(spec.name)
            present = [i for i in kept if isinstance(table.rows[i][j], str) and table.rows[i][j]]
            texts = [table.rows[i][j] for i in present]
            found += scan_present(spec, texts, np.array(present, dtype=np.int64))
    return found


def text_problems(
    findings: list[TextFinding], schema: TableSchema, table: Table | CsvFrames
) -> list[Problem]:
    """The findings as problems at the staff file's lines, the first of each code in
    row order listed one by one and the rest counted (``core.problems.listed``)."""
    return listed(
        sorted(findings, key=lambda f: (f.index, f.field)),
        lambda f: f.code,
        lambda f: _problem(f, table.file, table.line_of(f.index, f.field), schema.title(f.field)),
    )


def community_problems(community: Community | None) -> list[Problem]:
    """The findings in every text of community.yaml, each at its key's line (nested keys
    named by their dotted path). A setting is one line of text and is in no spreadsheet:
    control characters and bidi controls only."""
    if community is None:
        return []
    settings = {f.name: getattr(community, f.name) for f in fields(community)}
    texts = list(_texts({k: v for k, v in settings.items() if k != "source"}, ""))
    lines = dict(community.source.field_lines)
    return [
        _problem(
            TextFinding(0, key, code, char, position, count),
            community.source.file,
            lines.get(key, community.source.line),
            COMMUNITY_TITLES.get(key, key),
        )
        for at, code, char, position, count in scan_texts([t for _, t in texts], False)
        if code != FORMULA
        for key in [texts[at][0]]
    ]


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _texts(item, f"{path}.{n}")


def _problem(finding: TextFinding, file: str, line: int | None, title: str) -> Problem:
    name, name_en = CHARACTER_NAMES.get(finding.char, CHARACTER_NAMES[-1])
    field = finding.field
    # What the three character findings say alike: which character, where in the cell.
    character: dict[str, Any] = {
        "title": title,
        "char": f"U+{finding.char:04X}",
        "char_name": name,
        "char_name_en": name_en,
        "position": finding.position,
    }
    if finding.code == LINE_BREAK:
        return problem("text-line-break", file, line, field, limit=MULTILINE_LENGTH, **character)
    if finding.code == CONTROL:
        return problem(
            "text-control-character", file, line, field, count=finding.count, **character
        )
    if finding.code == BIDI:
        return problem("text-bidi-control", file, line, field, severity="warning", **character)
    visible = finding.char > 0x20
    return problem(
        "text-formula",
        file,
        line,
        field,
        severity="warning",
        title=title,
        start=chr(finding.char) if visible else name,
        start_en=chr(finding.char) if visible else name_en,
    )
