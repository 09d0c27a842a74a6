"""The one CSV reader, for every command: strict (a quote left open is a syntax error
at the line of the record it opens, never a row that swallows the rest of the file),
keeping the line each record starts on. A regular file (see ``CsvFrames``) is read in
blocks by splitting text instead, which gives the same cells a hundred times faster.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from builder.core.problems import Problem, problem
from builder.load.files import DEFAULT_MAX_BYTES, checked_path, read_text
from builder.load.table import Chunk, Table
from builder.messages.problems import CSV_SYNTAX_OTHER, CSV_SYNTAX_REASONS


class CsvRecord(NamedTuple):
    """One record of a CSV text.

    Attributes:
        cells: the cells as read.
        line: the 1-based line it starts on.
        end: the line it ends on (a quoted cell may hold line breaks).
    """

    cells: list[str]
    line: int
    end: int


def read_csv_text(text: str, relpath: str) -> tuple[list[CsvRecord] | None, list[Problem]]:
    """Every record of a CSV text, the header first, with the lines each spans; or, at
    the first syntax error, None and one ``csv-syntax`` problem at the line of the
    record it breaks (for a quote left open, the reader only notices at the end of the
    file: the record it opens is the one to fix)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[CsvRecord] = []
    start = 1
    try:
        for cells in reader:
            records.append(CsvRecord(cells, start, reader.line_num))
            start = reader.line_num + 1
    except csv.Error as exc:
        reason, reason_en = _syntax_reason(str(exc))
        return None, [problem("csv-syntax", relpath, start, reason=reason, reason_en=reason_en)]
    return records, []


def _syntax_reason(detail: str) -> tuple[str, str]:
    """What the reader's error means for the person fixing the file."""
    if detail in CSV_SYNTAX_REASONS:
        return CSV_SYNTAX_REASONS[detail]
    zh, en = CSV_SYNTAX_OTHER
    return zh.format(detail=detail), en.format(detail=detail)


def read_csv(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Table | None, list[Problem]]:
    """Read a CSV file into a Table, keeping the line each record starts on."""
    text, problems = read_text(root, relpath, max_bytes)
    if text is None:
        return None, problems
    records, problems = read_csv_text(text, relpath)
    if records is None:
        return None, problems
    header = [name.strip() for name in records[0].cells]
    rows = [r.cells for r in records[1:]]
    return Table(relpath, header, rows, [r.line for r in records[1:]]), []


# --- large CSV files, a chunk at a time ---------------------------------------------

# Read in blocks of 128 KB (some 1,400 ledger rows): small blocks leave the heap less
# fragmented between the columns kept (measured: 167 MB at 1M rows against 185 MB
# with 2 MB blocks), and are no slower.
_BLOCK = 128 * 1024


@dataclass
class CsvFrames:
    """A CSV file regular enough to read in blocks by splitting text: UTF-8, no quotes,
    no carriage return but before a newline, no blank lines, every line as many cells
    as the header. Each record is then one line, so the row with index ``i`` is on line
    ``i + 2``.

    Anything less regular is read by ``read_csv`` instead, which knows the line of
    every record and reports each irregular row.
    """

    file: str
    path: Path
    header: list[str]
    row_count: int
    field_lines: list[dict[str, int]] = field(default_factory=list)

    def chunks(self) -> Iterator[Chunk]:
        """The rows, a block of the file at a time (tens of thousands of rows)."""
        width = len(self.header)
        start = 0
        with self.path.open("rb") as stream:
            stream.readline()  # the header
            for text in _line_blocks(stream):
                # Regular: no quote, so every comma and newline separates cells.
                cells = text.replace("\r\n", "\n").rstrip("\n").replace("\n", ",").split(",")
                rows = len(cells) // width
                columns = {
                    name: np.array(cells[k::width], dtype=object)
                    for k, name in enumerate(self.header)
                }
                yield Chunk(np.arange(start, start + rows), columns)
                start += rows

    def line_of(self, index: int, field_name: str | None = None) -> int:
        return index + 2

    @property
    def lines(self) -> _LinesOfRows:
        return _LinesOfRows()


def _line_blocks(stream: io.BufferedReader) -> Iterator[str]:
    """The rest of the stream as text, in blocks of whole lines."""
    rest = b""
    while True:
        block = stream.read(_BLOCK)
        data = rest + block
        if not block:
            if data:
                yield data.decode("utf-8")
            return
        end = data.rfind(b"\n") + 1
        data, rest = data[:end], data[end:]
        if data:
            yield data.decode("utf-8")


class _LinesOfRows:
    """``lines[i]`` for a CsvFrames: row i is on line i + 2."""

    def __getitem__(self, index: int) -> int:
        return index + 2


def read_csv_frames(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> CsvFrames | None:
    """The file as a CsvFrames when it is regular (see there), else None: the caller
    then reads it with ``read_csv``, which reports what is wrong with it."""
    real, _ = checked_path(root, relpath, max_bytes)
    if real is None:
        return None
    with real.open("rb") as stream:
        first = stream.readline()
        if first.startswith(b"\xef\xbb\xbf"):
            return None  # rare; read_csv handles the BOM
        try:
            header_line = first.decode("utf-8")
        except UnicodeDecodeError:
            return None
        header = [name.strip() for name in next(csv.reader([header_line]), [])]
        if not header or len(set(header)) != len(header) or b'"' in first:
            return None
        rows = _regular_rows(stream, len(header) - 1)
    if rows is None or rows == 0:
        return None
    return CsvFrames(relpath, real, header, rows)


def _regular_rows(stream: io.BufferedReader, commas: int) -> int | None:
    """How many lines follow, if every one holds exactly ``commas`` commas, no quote
    and valid UTF-8, and none is blank; else None. Reads in blocks, so a 45 MB file
    never sits in memory whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rows = 0
    rest = b""
    while True:
        block = stream.read(_BLOCK)
        data = rest + block
        if not block:
            if data:  # a last line without a newline
                data += b"\n"
            else:
                break
        end = data.rfind(b"\n") + 1
        whole, rest = data[:end], data[end:]
        if b'"' in whole or whole.count(b"\r") != whole.count(b"\r\n"):
            return None  # a quote, or a carriage return that is no line end
        try:
            decoder.decode(whole)
        except UnicodeDecodeError:
            return None
        buffer = np.frombuffer(whole, dtype=np.uint8)
        ends = np.flatnonzero(buffer == 10)
        starts = np.concatenate(([0], ends[:-1] + 1))
        if (np.add.reduceat(buffer == 44, starts, dtype=np.int32) != commas).any():
            return None
        # A line with no ASCII letter, digit or sign may be blank (cells of spaces,
        # full-width spaces included); read_csv decides what it is.
        content = ((buffer > 32) & (buffer < 128) & (buffer != 44)) | (buffer < 9)
        if (np.add.reduceat(content, starts, dtype=np.int32) == 0).any():
            return None
        rows += len(ends)
        if not block:
            break
    return rows
