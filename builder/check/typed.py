"""What the check stage hands on: each table's valid rows, a chunk at a time, with
their typed values, to a collector of the records stage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


@dataclass
class TypedChunk:
    """Valid rows of a table after the schema check.

    Attributes:
        index: each row's index in its table.
        columns: the typed values, one object array per field.
        packed: a text column already packed as UTF-8 bytes (the primary key's), if any.
    """

    index: np.ndarray
    columns: dict[str, np.ndarray]
    packed: dict[str, np.ndarray] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        names = list(self.columns)
        rows = zip(*self.columns.values(), strict=True)
        for i, values in zip(self.index.tolist(), rows, strict=True):
            yield i, dict(zip(names, values, strict=True))


class Collector(Protocol):
    """Where a table's valid rows go as they are checked."""

    def add(self, chunk: TypedChunk) -> None: ...

    def discard(self, indexes: set[int]) -> None:
        """Let go of rows found invalid once the whole table was read (a repeated key)."""
