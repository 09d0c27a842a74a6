"""One file, read and normalized: its encoding (the one decoder's verdict), its kind,
and the kinds of its columns from the project's Table Schemas."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from builder.core.problems import ConfigError, Problem, problem
from builder.core.requests import MOMENT_PATTERN
from builder.core.schema import TableSchema
from builder.load.files import read_named
from builder.load.project import ACCOUNTS, DATAPACKAGE, open_project
from builder.load.text import GB18030, UNKNOWN, UTF8_BOM, decode
from builder.staff.normalize.lines import say, split_lines
from builder.staff.normalize.spreadsheet_values import (
    DATE,
    INTEGER,
    MOMENT,
    MONEY,
    MONEY_NAMES,
    NUMBER,
    ONE_FEN,
    YEARMONTH,
)
from builder.staff.normalize.text import normalize_text


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
            split_lines(before),
            split_lines(self.text),
            fromfile=f"a/{self.name}",
            tofile=f"b/{self.name}",
            lineterm="",
        )
        return "".join(line + "\n" for line in lines)


def normalize_file(path: Path, project_root: Path | None = None) -> Normalized:
    """Read ``path`` and normalize it; nothing is written.

    ``project_root`` names the gongshi project the file belongs to; when None, it is
    found by walking up from the file to ``data/datapackage.yaml``. Raises OSError
    when the file cannot be read at all (missing, a folder or a pipe, unreadable); a
    file over validate's size limit is its ``file-too-large`` problem, as in validate.
    """
    path = Path(path)
    root = _project_root(path, project_root)
    relpath = _relative(path, root) if root else None
    name = relpath or str(path)
    # The reader validate uses: never waits on a pipe, never reads past the limit.
    raw, unread = read_named(path.resolve(), name)
    if raw is None:
        if unread[0].code != "file-too-large":
            raise OSError(f"{unread[0].message} / {unread[0].message_en}")
        return Normalized(str(path), b"", "", UNKNOWN, [], unread, relpath)
    original = raw

    # The one decoder's verdict, so validate and normalize never disagree on bytes.
    decoded = decode(original)
    if decoded.text is None:
        undecoded = original.decode("utf-8", "surrogateescape")
        found = [problem("normalize-encoding", name, decoded.bad_line or 0)]
        return Normalized(str(path), original, undecoded, UNKNOWN, [], found, relpath)
    changes = {
        UTF8_BOM: [say("normalize-change-bom")],
        GB18030: [say("normalize-change-encoding", encoding="GB18030")],
    }.get(decoded.encoding, [])

    kind = _file_kind(path)
    fields = _schema_kinds_for(root, relpath) if root and relpath and kind != "text" else None
    new_text, text_changes, found = normalize_text(decoded.text, kind, fields, name)
    return Normalized(
        str(path), original, new_text, decoded.encoding, changes + text_changes, found, relpath
    )


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
        elif kind == "string" and spec.constraints.get("pattern") == MOMENT_PATTERN:
            kinds[name] = MOMENT  # the requests register's YYYY-MM-DD HH:MM
        elif kind == "number":
            minimum = spec.constraints.get("minimum")
            is_money = name in MONEY_NAMES or (
                minimum is not None and Decimal(str(minimum)) == ONE_FEN
            )
            kinds[name] = MONEY if is_money else NUMBER
    return kinds
