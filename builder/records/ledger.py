"""A ledger's valid rows packed into columns as they are checked (``LedgerColumns``):
a voucher as bytes, a date as datetime64, an amount as integer fen, each text column
as codes into its few distinct words, so a million rows never stand in memory as
Python objects."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from builder.check.arrays import as_texts, factorize, text_bytes
from builder.check.typed import TypedChunk
from builder.core.model import ENTRY_TYPES, LedgerColumns, TextColumn
from builder.load.csv import CsvFrames
from builder.load.table import Table

FEN_LIMIT = Decimal(2**62) / 100  # beyond this an amount stays a Decimal
LEDGER_TEXT = ("category", "counterparty", "description", "decision")


class LedgerBuilder:
    """Collects a ledger's valid rows straight into LedgerColumns, a chunk at a time,
    so a million rows never stand in memory as Python objects."""

    PARTS = ("index", "voucher", "date", "cost", "kind", "fen", *LEDGER_TEXT)

    def __init__(self, account: str, table: Table | CsvFrames, keep_form: bool = True) -> None:
        self.account, self.table, self.keep_form = account, table, keep_form
        self.parts: dict[str, list[np.ndarray]] = {name: [] for name in self.PARTS}
        self.odd: dict[int, Decimal] = {}  # by row index until the end
        self.values: dict[str, dict[str | None, int]] = {name: {} for name in LEDGER_TEXT}

    def add(self, chunk: TypedChunk) -> None:
        c, parts = chunk.columns, self.parts
        parts["index"].append(chunk.index.astype(np.int32))
        packed = chunk.packed.get("voucher")
        parts["voucher"].append(packed if packed is not None else text_bytes(c["voucher"]))
        parts["cost"].append(c["type"] == "cost")
        kind = np.zeros(len(c["type"]), dtype=np.uint8)  # valid rows: the enum was checked
        for code, entry_type in enumerate(ENTRY_TYPES[1:], start=1):
            kind[c["type"] == entry_type] = code
        parts["kind"].append(kind)
        codes, days = factorize(c["date"])
        parts["date"].append(np.array(list(days), dtype="datetime64[D]")[codes])
        fen, odd = _fen(c["amount"], self.keep_form)
        parts["fen"].append(fen)
        for position in np.flatnonzero(odd).tolist():
            self.odd[int(chunk.index[position])] = c["amount"][position]
        for name in LEDGER_TEXT:
            codes, found = factorize(c[name])
            known = self.values[name]
            remap = [
                known.setdefault(None if v is None or v != v else v, len(known)) for v in found
            ]
            small = np.min_scalar_type(max(len(known) - 1, 0))  # a few words: one byte a row
            parts[name].append(np.array(remap, dtype=small)[codes])

    def discard(self, indexes: set[int]) -> None:
        # Rows found invalid once the whole table was read (a repeated key).
        self.odd = {row: amount for row, amount in self.odd.items() if row not in indexes}
        dropped = np.fromiter(indexes, dtype=np.int64, count=len(indexes))  # once, not a chunk
        for n, index in enumerate(self.parts["index"]):
            keep = ~np.isin(index, dropped)
            for name in self.PARTS:
                self.parts[name][n] = self.parts[name][n][keep]

    def _take(self, name: str, dtype: Any) -> np.ndarray:
        """One column whole; its chunks are let go at once (peak memory +1 column)."""
        parts = self.parts[name]
        whole = np.concatenate(parts) if parts else np.array([], dtype=dtype)
        parts.clear()
        return whole

    def _vouchers(self) -> np.ndarray:
        parts = self.parts["voucher"]
        if any(p.dtype == object for p in parts):  # a voucher ending in NUL: keep text
            parts[:] = [p if p.dtype == object else as_texts(p) for p in parts]
        return self._take("voucher", "S1")

    def columns(self) -> LedgerColumns:
        index = self._take("index", np.int32)
        table = self.table
        if isinstance(table, CsvFrames):
            lines = index + 2
        else:
            lines = np.array([table.lines[i] for i in index.tolist()], dtype=np.int32)
        rows = np.fromiter(self.odd, dtype=np.int64, count=len(self.odd))
        odd = dict(zip(np.searchsorted(index, rows).tolist(), self.odd.values(), strict=True))
        text = {}
        for name in LEDGER_TEXT:
            text[name] = TextColumn(self._take(name, np.uint8), list(self.values[name]))
        return LedgerColumns(
            account=self.account,
            file=table.file,
            lines=lines,
            voucher=self._vouchers(),
            date=self._take("date", "datetime64[D]"),
            cost=self._take("cost", bool),
            fen=_narrow(self._take("fen", np.int64)),
            odd_amounts=odd,
            text=text,
            kind=self._take("kind", np.uint8),
            field_lines=[table.field_lines[i] for i in index] if table.field_lines else [],
        )


def _narrow(fen: np.ndarray) -> np.ndarray:
    """Fen as int32 when every amount fits (±21 million yuan): 4 MB less a million rows."""
    fits = not len(fen) or np.abs(fen).max() < 2**31
    return fen.astype(np.int32) if fits else fen


def _first_positions(codes: np.ndarray, count: int) -> np.ndarray:
    """Where each code first occurs."""
    first = np.full(count, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first


def _fen(amounts: np.ndarray, keep_form: bool) -> tuple[np.ndarray, np.ndarray]:
    """Amounts in integer fen, and which are not a whole number of fen: the caller keeps
    those exactly. With ``keep_form``, also those not written with two decimals
    (``12``, ``12.5``), so the site shows every amount as staff wrote it."""
    # Every amount is finite and of bounded size: the check stage's number reader
    # refused the rest. NumPy calls each Decimal's own operators (its stubs allow no
    # Decimal operand).
    scaled = amounts * 100
    limit = FEN_LIMIT * 100
    whole = np.equal(scaled % 1, 0) & np.less(np.abs(scaled), limit)  # type: ignore[call-overload]
    if keep_form:
        # By object: the fast path reads each distinct cell once, so objects repeat.
        codes, uniques = factorize(np.fromiter(map(id, amounts), np.int64, len(amounts)))
        first = _first_positions(codes, len(uniques))
        two_places = np.array([amounts[i].as_tuple().exponent == -2 for i in first], dtype=bool)
        whole &= two_places[codes]
    fen = np.zeros(len(amounts), dtype=np.int64)
    fen[whole] = scaled[whole].astype(np.int64)
    return fen, ~whole
