"""``gongshi normalize``: rewrite what Excel/WPS export into the spelling the records use.

Staff often export CSV from Excel or WPS: GBK/GB18030 bytes, a BOM, Windows line
endings, dates like ``2025/3/5`` or ``2025年3月5日``, amounts like ``¥1,200.00`` or in
full-width digits. This module converts exactly what can be converted without guessing
and reports everything else as a Problem, leaving that value as it was:

* ``3/5/2025`` could be 3 March or 5 May, so it is reported, never converted;
* ``1,20`` or ``1.200,00`` might use a decimal comma, so it is reported;
* ``12.345`` as an amount would need rounding, so it is reported.

Which columns hold dates and amounts comes from the project's Table Schemas (found by
walking up from the file to ``data/datapackage.yaml``); outside a project, from the
column names, and ``changes`` says so. YAML files are edited line by line (never
re-dumped), so comments and layout stay byte-for-byte apart from the values changed.

Nothing is written here except by ``run`` with ``write=True``, and then only for a file
without problems, atomically. Normalizing a normalized file changes nothing.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from builder import messages
from builder.core.problems import ConfigError, Problem, problem
from builder.core.schema import TableSchema
from builder.load.project import ACCOUNTS, DATAPACKAGE, open_project
from builder.load.text import GB18030, UNKNOWN, UTF8_BOM, decode
from builder.staff.spreadsheet_values import (
    DATE,
    INTEGER,
    MONEY,
    MONEY_NAMES,
    NUMBER,
    ONE_FEN,
    YEARMONTH,
    clean_cell,
    normalize_value,
)

# Without a schema (a file outside any project), kinds come from these column names.
NAME_KINDS = {
    **dict.fromkeys(("date", "start", "end", "term_start", "term_end", "opened", "closed"), DATE),
    **dict.fromkeys(("amount", "balance", "opening_balance", "remitted", "cost_threshold"), MONEY),
    "month": YEARMONTH,
}


# A problem found in text: (1-based line, field or None, message code, message params).
RawProblem = tuple[int, str | None, str, dict[str, Any]]


@dataclass(frozen=True)
class Normalized:
    """One file, as read and as normalize would write it.

    Attributes:
        file: the path as given.
        original: the file's bytes.
        text: the normalized text (UTF-8, LF line endings, no BOM, a final line break).
            When the bytes could not be decoded at all, the original bytes unchanged
            (decoded with ``surrogateescape``, so ``changed`` is False).
        encoding: what the original was read as: ``utf-8``, ``utf-8-sig`` (UTF-8 with a
            BOM), ``gb18030`` (which includes GBK), or ``unknown``.
        changes: short Chinese descriptions of what changed, e.g. "编码 GB18030 → UTF-8".
        problems: values that were not converted because a person must decide them.
        relpath: the path relative to the project root when the file is inside a
            project, else None; problems and the diff use it.
    """

    file: str
    original: bytes
    text: str
    encoding: str
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    relpath: str | None = None

    @property
    def changed(self) -> bool:
        """Whether writing ``text`` would change the file's bytes."""
        return self.text.encode("utf-8", "surrogateescape") != self.original

    @property
    def name(self) -> str:
        """The name messages use: relative to the project root, else as given."""
        return self.relpath or self.file

    def diff(self) -> str:
        """A unified diff of the decoded original against the normalized text.

        Lines are compared without their line endings: a change of encoding, BOM or line
        endings alone gives an empty diff (``changes`` lists those).
        """
        if self.encoding == UNKNOWN:
            return ""
        before = self.original.decode(self.encoding)
        lines = difflib.unified_diff(
            _split_lines(before),
            _split_lines(self.text),
            fromfile=f"a/{self.name}",
            tofile=f"b/{self.name}",
            lineterm="",
        )
        return "".join(line + "\n" for line in lines)


# --- files -------------------------------------------------------------------------


def normalize_file(path: Path, project_root: Path | None = None) -> Normalized:
    """Read ``path`` and normalize it; nothing is written.

    ``project_root`` names the gongshi project the file belongs to; when None, it is
    found by walking up from the file to ``data/datapackage.yaml``. Raises OSError
    (e.g. FileNotFoundError) when the file cannot be read at all.
    """
    path = Path(path)
    original = path.read_bytes()
    root = _project_root(path, project_root)
    relpath = _relative(path, root) if root else None
    name = relpath or str(path)

    text, encoding, changes, error_line = _decode(original)
    if text is None:
        undecoded = original.decode("utf-8", "surrogateescape")
        found = [problem("normalize-encoding", name, error_line)]
        return Normalized(str(path), original, undecoded, UNKNOWN, [], found, relpath)

    kind = _file_kind(path)
    fields = _schema_kinds_for(root, relpath) if root and relpath and kind != "text" else None
    new_text, text_changes, raw = normalize_text(text, kind, fields)
    found = [problem(code, name, line, column, **params) for line, column, code, params in raw]
    return Normalized(
        str(path), original, new_text, encoding, changes + text_changes, found, relpath
    )


def _decode(raw: bytes) -> tuple[str | None, str, list[str], int]:
    """Text, the encoding it was read as, what that changes, and (when the bytes cannot
    be read) the line of the first unreadable byte. The verdict is the one decoder's."""
    decoded = decode(raw)
    changes = {
        UTF8_BOM: [_say("normalize-change-bom")],
        GB18030: [_say("normalize-change-encoding", encoding="GB18030")],
    }.get(decoded.encoding, [])
    return decoded.text, decoded.encoding, changes, decoded.bad_line or 0


def _file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "text"


def _project_root(path: Path, given: Path | None) -> Path | None:
    if given is not None:
        return Path(given).resolve()
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / DATAPACKAGE).is_file():
            return candidate
    return None


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _schema_kinds_for(root: Path, relpath: str) -> dict[str, str] | None:
    """The kinds of the fields of the resource stored at ``relpath``, if there is one."""
    try:
        project = open_project(root)
    except ConfigError:
        return None  # a broken project: fall back to column names (validate will say why)
    if relpath == ACCOUNTS:
        return {
            **schema_kinds(project.account_schema),
            **schema_kinds(project.assertion_schema),
        }
    for resource in project.resources:
        if resource.file == relpath:
            return schema_kinds(resource.schema)
    return None


def schema_kinds(schema: TableSchema) -> dict[str, str]:
    """Map each field of a Table Schema to how its values are normalized."""
    kinds: dict[str, str] = {}
    for spec in schema.fields:
        name, kind = spec.name, spec.type
        if kind in (DATE, YEARMONTH, INTEGER):
            kinds[name] = kind
        elif kind == "number":
            minimum = spec.constraints.get("minimum")
            is_money = name in MONEY_NAMES or (
                minimum is not None and Decimal(str(minimum)) == ONE_FEN
            )
            kinds[name] = MONEY if is_money else NUMBER
    return kinds


# --- text --------------------------------------------------------------------------


def normalize_text(
    text: str, kind: str, fields: dict[str, str] | None = None
) -> tuple[str, list[str], list[RawProblem]]:
    """Normalize decoded text.

    Args:
        text: the file's text (any line endings; a leading BOM is removed).
        kind: ``csv``, ``yaml`` or ``text`` (encoding, BOM and line endings only).
        fields: column or key name -> one of ``KINDS``; None to go by column names.

    Returns:
        The normalized text, Chinese descriptions of the changes, and the values left
        alone because converting them would be a guess, as (line, field, code, params).
    """
    changes: list[str] = []
    if text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
        changes.append(_say("normalize-change-bom"))
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    if crlf or lone_cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        newline_kind = (
            "CRLF" if crlf and not lone_cr else "CR" if lone_cr and not crlf else "CR/CRLF"
        )
        changes.append(_say("normalize-change-newlines", kind=newline_kind))
    if text and not text.endswith("\n"):
        changes.append(_say("normalize-change-final-newline"))

    by_name = fields is None
    kinds = NAME_KINDS if fields is None else fields
    counts: Counter[str] = Counter()
    problems: list[RawProblem] = []
    typed: set[str] = set()  # the fields whose kind decided something
    if kind == "csv":
        lines = _normalize_csv(text, kinds, counts, problems, typed)
    elif kind == "yaml":
        lines = _normalize_yaml(text, kinds, counts, problems, typed)
    else:
        lines = _split_lines(text)

    for category in ("date", "yearmonth", "money", "number", "integer"):
        if counts[category]:
            changes.append(_say(f"normalize-change-{category}", count=counts[category]))
    for category in ("cell-space", "trailing-space", "empty-rows"):
        if counts[category]:
            changes.append(_say(f"normalize-change-{category}", count=counts[category]))
    if by_name and typed:
        columns = "、".join(f"{name}（{_KIND_ZH[kinds[name]]}）" for name in sorted(typed))
        changes.append(_say("normalize-change-by-name", columns=columns))
    return "".join(line + "\n" for line in lines), changes, problems


_KIND_ZH = {DATE: "日期", YEARMONTH: "年月", MONEY: "金额", NUMBER: "数字", INTEGER: "整数"}


def _split_lines(text: str) -> list[str]:
    """Lines without their endings (only \\n, \\r\\n and \\r end a line)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _say(code: str, **params: Any) -> str:
    return messages.render(code, params)[0]


# --- CSV ---------------------------------------------------------------------------


def _normalize_csv(
    text: str,
    kinds: dict[str, str],
    counts: Counter[str],
    problems: list[RawProblem],
    typed: set[str],
) -> list[str]:
    """The CSV's output lines. A record whose cells do not change keeps its exact text
    (quoting included), so only changed records are written again by csv.writer."""
    source = text.split("\n")
    records: list[tuple[list[str], int, str]] = []  # cells, first line, exact text
    # strict: a quote left open is reported, not closed wherever the reader gives up.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            records.append((cells, start, "\n".join(source[start - 1 : reader.line_num])))
            start = reader.line_num + 1
    except csv.Error as exc:
        # The record that starts here is the broken one (for an open quote, the reader
        # only notices at the end of the file).
        problems.append((start, None, "csv-syntax", {"detail": str(exc)}))
        return _split_lines(text)

    out: list[tuple[list[str], str]] = []
    header: list[str] = []
    for index, (cells, line, exact) in enumerate(records):
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
                    code, params = found
                    problems.append((line, name, code, params))
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


# --- YAML --------------------------------------------------------------------------

# `key: value` on one line, possibly as a list item (`- key: value`).
_YAML_LINE = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_-]*)(?P<colon>:[ \t]+)(?P<rest>\S.*)"
)
_YAML_COMMENT = re.compile(r"[ \t]+#")


def _normalize_yaml(
    text: str,
    kinds: dict[str, str],
    counts: Counter[str],
    problems: list[RawProblem],
    typed: set[str],
) -> list[str]:
    """The YAML's lines, trailing white space removed and the values of date and number
    keys normalized in place. Block scalars (``key: |``) are text, never values."""
    lines = _split_lines(text)
    block_indent: int | None = None  # inside a block scalar under a key at this column
    for number, original in enumerate(lines, 1):
        line = original.rstrip()
        if line != original:
            counts["trailing-space"] += 1
        lines[number - 1] = line
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line or indent > block_indent:
                continue
            block_indent = None
        match = _YAML_LINE.fullmatch(line)
        if not match:
            continue
        rest = match["rest"]
        if rest[0] in "|>":
            block_indent = len(match["lead"])
            continue
        kind = kinds.get(match["key"])
        if kind is None:
            continue
        parts = _yaml_scalar(rest)
        if parts is None:
            continue
        quote, value, after = parts
        new, category, found = normalize_value(value, kind)
        if found:
            code, params = found
            problems.append((number, match["key"], code, params))
        if category not in (None, "cell-space") or found:
            typed.add(match["key"])
        if new != value:
            if category:
                counts[category] += 1
            head = match["lead"] + match["key"] + match["colon"]
            lines[number - 1] = f"{head}{quote}{new}{quote}{after}"
    return lines


def _yaml_scalar(rest: str) -> tuple[str, str, str] | None:
    """Split what follows ``key: `` into (quote, value, comment), or None when it is not
    a simple scalar this line-based editor can safely change."""
    if rest[0] in "\"'":
        quote = rest[0]
        end = rest.find(quote, 1)
        if end < 0:
            return None
        value, after = rest[1:end], rest[end + 1 :]
        if (quote == '"' and "\\" in value) or after.startswith(quote):
            return None  # escapes or '' inside: leave it to a person
        if after and not _YAML_COMMENT.match(after):
            return None
        return quote, value, after
    if rest[0] in "{[&*!%@`#,?":
        return None  # flow collections, anchors, tags... are not simple values
    comment = _YAML_COMMENT.search(rest)
    if comment:
        return "", rest[: comment.start()], rest[comment.start() :]
    return "", rest, ""


# --- the command -------------------------------------------------------------------


def run(files: list[str], write: bool) -> int:
    """``gongshi normalize FILE... [--write]``: show each file's diff and problems, and
    with ``write`` save the files that changed and have no problems.

    Returns 0 when no value needs a person, 1 when any problem was reported, 2 when a
    file could not be read or written (the other files are still processed).
    """
    status = 0
    for index, name in enumerate(files):
        if index:
            print()  # a blank line between files
        path = Path(name)
        if not path.is_file():
            _error("normalize-file-missing", path=name)
            status = 2
            continue
        try:
            result = normalize_file(path)
        except OSError as exc:
            _error("normalize-unreadable", path=name, detail=exc.strerror or str(exc))
            status = 2
            continue
        status = max(status, _show(result, write))
    return status


def _show(result: Normalized, write: bool) -> int:
    """Print one file's outcome (writing it if asked and safe); its exit status."""
    if result.changed:
        print(result.diff(), end="")
        zh, en = messages.render("normalize-changes-heading", {})
        print(f"{zh} / {en}:")
        for change in result.changes:
            print(f"  · {change}")
    if result.problems:
        print(_problems_text(result.problems))
        if result.changed or write:
            _say_both("normalize-held-back", path=result.file)
        return 1
    if not result.changed:
        _say_both("normalize-unchanged", path=result.file)
    elif write:
        try:
            _write_atomically(Path(result.file), result.text.encode("utf-8"))
        except OSError as exc:
            _error("normalize-write-failed", path=result.file, detail=exc.strerror or str(exc))
            return 2
        _say_both("normalize-written", path=result.file)
    else:
        _say_both("normalize-dry-run", path=result.file)
    return 0


def _problems_text(problems: list[Problem]) -> str:
    """Like the validation report: the file, then Chinese first with English beneath."""
    lines = [problems[0].file]
    for p in sorted(problems, key=lambda p: (p.line or 0, p.field or "", p.code)):
        where = f"第 {p.line} 行" if p.line else "整个文件"
        column = f" · {p.field}" if p.field else ""
        lines.append(f"  [错误] {where}{column}：{p.message}")
        where_en = f"line {p.line}" if p.line else "file"
        lines.append(f"         {where_en}{column}: {p.message_en} ({p.code})")
    return "\n".join(lines)


def _say_both(code: str, **params: Any) -> None:
    zh, en = messages.render(code, params)
    print(f"{zh}\n{en}")


def _error(code: str, **params: Any) -> None:
    zh, en = messages.render(code, params)
    print(f"gongshi: {zh}\n         {en}", file=sys.stderr)


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace the file in one step: a half-written file is never left behind."""
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
