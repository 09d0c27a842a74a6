"""Stage 1: read staff files safely and keep where every value came from.

Nothing here knows what a ledger or a decision is. The loader turns bytes into
``Table``s (rows of raw values with their line numbers) and ``Document``s (a YAML
mapping with the line of every key), or into problems when a file cannot be read:
wrong encoding, too big, empty, a link leading out of the project, YAML syntax errors,
duplicate keys, anchors and aliases.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from builder.core.problems import Problem, problem
from builder.load.text import GB18030, decode

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Deeper than any real record; stops "[[[[…" from exhausting the parser's stack.
MAX_YAML_DEPTH = 50
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

Path_ = tuple[Any, ...]


@dataclass
class Document:
    """A parsed YAML file: plain values (str, None, list, dict) and the line of each.

    Attributes:
        file: path relative to the project.
        data: the value; every scalar is a string or None (types come from the schema).
        lines: the 1-based line of every key or item, by its path from the root,
            e.g. ``lines[(0, "date")]`` is the line of the first record's ``date``.
    """

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


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


class _SafeComposer(yaml.SafeLoader):
    """A loader that refuses anchors and aliases: they let a tiny file expand without
    bound (pyyaml issue 235), and staff records never need them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasFound(event.start_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _AliasFound(event.start_mark)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


def checked_path(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Path | None, list[Problem]]:
    """The real path of a staff file, or why it may not be read: missing, a link out
    of the project, too large."""
    path = root / relpath
    if not path.exists():
        return None, [problem("file-missing", relpath)]
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        return None, [problem("file-outside-project", relpath, target=str(real))]
    size = real.stat().st_size
    if size > max_bytes:
        return None, [
            problem(
                "file-too-large",
                relpath,
                size_mb=f"{size / 1048576:.1f}",
                limit_mb=f"{max_bytes / 1048576:.0f}",
            )
        ]
    return real, []


def read_text(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a staff file as UTF-8 text, or say exactly why it cannot be read."""
    real, problems = checked_path(root, relpath, max_bytes)
    if real is None:
        return None, problems
    decoded = decode(real.read_bytes())
    if not decoded.is_utf8:
        code = "encoding-gbk" if decoded.encoding == GB18030 else "encoding-unknown"
        return None, [problem(code, relpath, decoded.bad_line)]
    text = decoded.text or ""
    if not text.strip():
        return None, [problem("file-empty", relpath)]
    return text, []


def read_yaml(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document | None, list[Problem]]:
    """Parse a YAML file into a Document; problems instead of exceptions."""
    text, problems = read_text(root, relpath, max_bytes)
    if text is None:
        return None, problems
    node = _compose_plain(text)
    try:
        if node is None:
            node = yaml.compose(text, Loader=_SafeComposer)
    except _AliasFound as exc:
        return None, [problem("yaml-alias", relpath, exc.mark.line + 1, column=exc.mark.column + 1)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else "?"
        return None, [
            problem(
                "yaml-syntax",
                relpath,
                line,
                column=column,
                detail=f"{exc.context or ''} {exc.problem or ''}".strip(),
            )
        ]
    except yaml.YAMLError as exc:
        return None, [problem("yaml-syntax", relpath, None, column="?", detail=str(exc))]
    except RecursionError:
        return None, [problem("yaml-too-deep", relpath, None, depth=MAX_YAML_DEPTH)]
    if node is None:
        return None, [problem("file-empty", relpath)]
    doc = Document(relpath, None)
    duplicates: list[Problem] = []
    try:
        doc.data = _plain(node, (), doc, duplicates, 0)
    except _TooDeep:
        return None, [problem("yaml-too-deep", relpath, None, depth=MAX_YAML_DEPTH)]
    return doc, duplicates


def _compose_plain(text: str) -> yaml.Node | None:
    """Compose with libyaml (C, many times faster) when the text is plain YAML: no
    anchor or alias, not too deep, no syntax error. Otherwise None, and the Python
    composer above reads it and reports exactly where it goes wrong."""
    if not yaml.__with_libyaml__:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


class _TooDeep(Exception):
    pass


def _plain(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], depth: int) -> Any:
    """Turn a composed node into plain values, recording lines and duplicate keys."""
    if depth > MAX_YAML_DEPTH:
        raise _TooDeep
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        # Plain (unquoted) null words are empty; everything else stays text, so the
        # Table Schema, not YAML's guessing, decides what is a date or a number.
        if not node.style and node.value in NULL_WORDS:  # plain: None here, "" from libyaml
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*path, i), doc, problems, depth + 1) for i, item in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in result:
            problems.append(
                problem(
                    "yaml-duplicate-key", doc.file, line, key, first_line=doc.lines[(*path, key)]
                )
            )
            continue
        doc.lines[(*path, key)] = line
        result[key] = _plain(value_node, (*path, key), doc, problems, depth + 1)
    return result


def read_csv(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Table | None, list[Problem]]:
    """Read a CSV file into a Table, keeping the line each record starts on."""
    text, problems = read_text(root, relpath, max_bytes)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        rows: list[list[Any]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for cells in reader:
            rows.append(cells)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        return None, [problem("csv-syntax", relpath, reader.line_num, detail=str(exc))]
    header = [name.strip() for name in header]
    return Table(relpath, header, rows, lines), []


def records_table(doc: Document, fields: list[str]) -> tuple[Table | None, list[Problem]]:
    """Turn a YAML list of mappings into a Table whose header is the schema's fields."""
    if not isinstance(doc.data, list):
        return None, [problem("yaml-not-list", doc.file, doc.line())]
    problems: list[Problem] = []
    rows: list[list[Any]] = []
    lines: list[int] = []
    field_lines: list[dict[str, int]] = []
    for index, record in enumerate(doc.data):
        line = doc.line(index) or 1
        if not isinstance(record, dict):
            problems.append(problem("yaml-not-mapping", doc.file, line, index=index + 1))
            continue
        for key in record:
            if key not in fields:
                problems.append(
                    problem(
                        "unknown-field",
                        doc.file,
                        doc.line(index, key),
                        key,
                        expected="、".join(fields),
                    )
                )
        rows.append([record.get(name) for name in fields])
        lines.append(line)
        field_lines.append({key: doc.line(index, key) or line for key in record})
    return Table(doc.file, list(fields), rows, lines, field_lines), problems


# --- large CSV files, a chunk at a time ---------------------------------------------

# Read in blocks of 128 KB (some 1,400 ledger rows): small blocks leave the heap less
# fragmented between the columns kept (measured: 167 MB at 1M rows against 185 MB
# with 2 MB blocks), and are no slower.
_BLOCK = 128 * 1024


@dataclass
class Chunk:
    """Rows of a table as columns: each column an object array of the cells as read,
    ``index`` each row's index in its table."""

    index: np.ndarray
    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.index)


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
