"""The one CSV reader, for every command: strict (a quote left open is a syntax error
at the line of the record it opens, never a row that swallows the rest of the file),
keeping the line each record starts on. A regular file (see ``CsvFrames``) is read in
blocks by splitting text instead, which gives the same cells a hundred times faster.

What it cannot take is one ``csv-syntax`` problem at the record's line, whichever
command reads the file: a quote left open, lines ended by a bare CR (Excel for Mac;
``normalize`` converts them), a cell over ``MAX_CELL_CHARS``, a record over
``MAX_COLUMNS`` cells. The regular path leaves all of these to the strict reader, so
both paths give one verdict. (A NUL is read as it is: the cell checks refuse control
characters with their field.)
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

from builder.core.problems import Problem, problem
from builder.load.files import DEFAULT_MAX_BYTES, open_checked, read_text
from builder.load.table import Chunk, Table
from builder.messages.problems import CSV_SYNTAX_OTHER, CSV_SYNTAX_REASONS

# Python's own default, set on every read: importing Frictionless raises the
# process-wide limit to 2 GB, and the verdict must not depend on what was imported.
MAX_CELL_CHARS = 131072
# The widest sheet Excel or WPS saves (column XFD); a wider record is no spreadsheet's.
MAX_COLUMNS = 16384


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
    # Rare faults cost a scan only when the text has the character at all.
    tracked = _Lines(text) if text.count("\r") != text.count("\r\n") else None
    has_lf = "\n" in text
    reader = csv.reader(tracked or io.StringIO(text, newline=""), strict=True)
    records: list[CsvRecord] = []
    start = 1
    limit = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        for cells in reader:
            ended_by_cr = tracked is not None and tracked.last.endswith("\r")
            fault = _record_fault(cells, ended_by_cr, has_lf)
            if fault:
                line = reader.line_num if fault[0] in ("lone-cr", "cr-line-ends") else start
                return None, [_syntax(relpath, line, *fault)]
            records.append(CsvRecord(cells, start, reader.line_num))
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = str(exc)
        if detail.startswith("field larger than field limit"):
            return None, [_syntax(relpath, start, "cell-too-long", {"limit": MAX_CELL_CHARS})]
        return None, [_syntax(relpath, start, detail, {})]
    finally:
        csv.field_size_limit(limit)
    return records, []


class _Lines:
    """The lines of a text for the csv reader, remembering the last one handed over:
    a record that ends on a line ended by a bare CR was ended by it (a CR inside quotes
    does not end a record, and stays in its cell)."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.last = ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last


def _record_fault(
    cells: list[str], ended_by_cr: bool, has_lf: bool
) -> tuple[str, dict[str, int]] | None:
    """What makes one record unreadable, as a reason of ``CSV_SYNTAX_REASONS``."""
    if ended_by_cr:
        return ("lone-cr" if has_lf else "cr-line-ends"), {}
    if len(cells) > MAX_COLUMNS:
        return "too-many-columns", {"count": len(cells), "limit": MAX_COLUMNS}
    return None


def _syntax(relpath: str, line: int, detail: str, params: dict[str, int]) -> Problem:
    """A ``csv-syntax`` problem saying what the reader's error means for the person
    fixing the file."""
    if detail in CSV_SYNTAX_REASONS:
        zh, en = CSV_SYNTAX_REASONS[detail]
        reason, reason_en = zh.format(**params), en.format(**params)
    else:
        zh, en = CSV_SYNTAX_OTHER
        reason, reason_en = zh.format(detail=detail), en.format(detail=detail)
    return problem("csv-syntax", relpath, line, reason=reason, reason_en=reason_en)


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


def _line_blocks(stream: BinaryIO) -> Iterator[str]:
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
    stream, _ = open_checked(root, relpath, max_bytes)
    if stream is None:
        return None
    with stream:
        real = Path(stream.name)
        first = stream.readline(MAX_CELL_CHARS + 1)
        if not first.endswith(b"\n") or first.startswith(b"\xef\xbb\xbf"):
            return None  # a header this long, or a BOM: rare, read_csv decides
        if _irregular(first) or first.count(b",") >= MAX_COLUMNS:
            return None
        try:
            header_line = first.decode("utf-8")
        except UnicodeDecodeError:
            return None
        # No quote, so the cells are what lies between commas.
        header = [name.strip() for name in header_line.rstrip("\r\n").split(",")]
        if not header_line.strip() or len(set(header)) != len(header):
            return None
        rows = _regular_rows(stream, len(header) - 1)
    if rows is None or rows == 0:
        return None
    return CsvFrames(relpath, real, header, rows)


def _irregular(data: bytes) -> bool:
    """Whether whole lines hold what only the strict reader may judge: a quote, a
    carriage return that is no line end."""
    return b'"' in data or data.count(b"\r") != data.count(b"\r\n")


def _regular_rows(stream: BinaryIO, commas: int) -> int | None:
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
            if data.endswith(b"\r"):
                return None  # a last line ended by a bare CR, not a CRLF to be
            if data:  # a last line without a newline
                data += b"\n"
            else:
                break
        end = data.rfind(b"\n") + 1
        whole, rest = data[:end], data[end:]
        if _irregular(whole) or len(rest) > MAX_CELL_CHARS:
            return None  # or a line longer than a cell may be: the strict reader says
        try:
            decoder.decode(whole)
        except UnicodeDecodeError:
            return None
        buffer = np.frombuffer(whole, dtype=np.uint8)
        ends = np.flatnonzero(buffer == 10)
        starts = np.concatenate(([0], ends[:-1] + 1))
        if len(ends) and int((ends - starts).max()) > MAX_CELL_CHARS:
            return None
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
