"""The shapes the load stage hands on: a table's rows as read, with their lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Table:
    """Rows of one tabular file, as read, with the line each row starts on.

    Attributes:
        file: path relative to the project.
        header: the column names as found (for YAML: the schema's field names).
        rows: one list of raw cells per record, in header order.
        lines: the line each row starts on.
        field_lines: for YAML records, the line of each key (a row's cells may sit on
            different lines); empty for CSV, where a row is one line.
    """

    file: str
    header: list[str]
    rows: list[list[Any]]
    lines: list[int]
    field_lines: list[dict[str, int]] = field(default_factory=list)

    def line_of(self, index: int, field_name: str | None = None) -> int:
        if field_name and self.field_lines and field_name in self.field_lines[index]:
            return self.field_lines[index][field_name]
        return self.lines[index]


@dataclass
class Chunk:
    """Rows of a table as columns: each column an object array of the cells as read,
    ``index`` each row's index in its table."""

    index: np.ndarray
    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.index)
