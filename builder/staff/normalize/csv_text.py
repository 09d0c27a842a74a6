"""Normalizing a CSV file's text: each cell by its column's kind, trailing empty rows
dropped; a record whose cells do not change keeps its exact text."""

from __future__ import annotations

import csv
import io
from collections import Counter

from builder.core.problems import Problem
from builder.load.csv import read_csv_text
from builder.staff.normalize.lines import split_lines
from builder.staff.normalize.spreadsheet_values import clean_cell, normalize_value


def normalize_csv(
    text: str,
    file: str,
    kinds: dict[str, str],
    counts: Counter[str],
    problems: list[Problem],
    typed: set[str],
) -> list[str]:
    """The CSV's output lines. A record whose cells do not change keeps its exact text
    (quoting included), so only changed records are written again by csv.writer."""
    # The one strict CSV reader validate uses: a syntax error is the same problem, at
    # the same line, in both commands (and the text is then left as it is).
    records, broken = read_csv_text(text, file)
    if records is None:
        problems.extend(broken)
        return split_lines(text)
    source = text.split("\n")

    out: list[tuple[list[str], str]] = []
    header: list[str] = []
    for index, (cells, line, end) in enumerate(records):
        exact = "\n".join(source[line - 1 : end])
        if index == 0:
            new = [clean_cell(cell) for cell in cells]
            header = new
        else:
            new = []
            for column, cell in enumerate(cells):
                name = header[column] if column < len(header) else None
                kind = kinds.get(name) if name else None
                value, category, found = normalize_value(cell, kind)
                if found and name:
                    problems.append(found.at(file, line, name))
                if kind and name and (category not in (None, "cell-space") or found):
                    typed.add(name)
                if category:
                    counts[category] += 1
                new.append(value)
        if index == 0:
            counts["cell-space"] += sum(a != b for a, b in zip(new, cells, strict=True))
        out.append((new, exact if new == cells else _csv_line(new)))

    # Excel and WPS export formatted-but-empty rows at the end as ",,,,,,,".
    while len(out) > 1 and all(cell == "" for cell in out[-1][0]):
        out.pop()
        counts["empty-rows"] += 1
    return [line for _, line in out]


def _csv_line(cells: list[str]) -> str:
    if cells == [""]:
        return ""  # csv.writer would write '""' for one empty field
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return buffer.getvalue()[:-1]
