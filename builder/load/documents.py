"""YAML documents: parsed safely (no anchors or aliases, no runaway nesting, duplicate
keys reported), every scalar kept as text, and the line of every key remembered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from builder.core.problems import Problem, problem
from builder.load.files import DEFAULT_MAX_BYTES, read_text
from builder.load.table import Table
from builder.messages.commands import LIST_JOIN

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

    def line(self, *path: Any) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


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


def read_yaml(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Document | None, list[Problem]]:
    """Parse a YAML file into a Document; problems instead of exceptions."""
    text, problems = read_text(root, relpath, max_bytes)
    if text is None:
        return None, problems
    node = _compose_plain(text)
    if node is None:
        node, problems = _parsed(text, relpath, lambda: yaml.compose(text, Loader=_SafeComposer))
        if problems:
            return None, problems
    if node is None:
        return None, [problem("file-empty", relpath)]
    doc = Document(relpath, None)
    duplicates: list[Problem] = []
    try:
        doc.data = _plain(node, (), doc, duplicates, 0)
    except _TooDeep:
        return None, [problem("yaml-too-deep", relpath, None, depth=MAX_YAML_DEPTH)]
    return doc, duplicates


def read_yaml_value(root: Path, relpath: str, max_bytes: int) -> tuple[Any, list[Problem]]:
    """A descriptor file (the data package, a Table Schema) as YAML's typed values, for
    descriptors that mean them (``required: true``, ``minimum: 0``), read through the
    same path rule and parsed as safely as records: no anchor or alias, no runaway
    nesting. The problems never quote the file's text."""
    text, problems = read_text(root, relpath, max_bytes)
    if text is None:
        return None, problems
    return _parsed(text, relpath, lambda: yaml.load(text, Loader=_SafeComposer))


def _parsed(text: str, relpath: str, parse: Callable[[], Any]) -> tuple[Any, list[Problem]]:
    """``parse()``, or the one problem that says where the YAML goes wrong."""
    try:
        return parse(), []
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


def unknown_fields(
    doc: Document, mapping: dict[Any, Any], allowed: Sequence[str], *path: str | int
) -> list[Problem]:
    """An ``unknown-field`` problem for each key of ``mapping`` (found at ``path`` in
    ``doc``) that is not one of ``allowed``, naming the keys that are."""
    expected = LIST_JOIN.join(allowed)
    return [
        problem("unknown-field", doc.file, doc.line(*path, key), key, expected=expected)
        for key in mapping
        if key not in allowed
    ]


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
        problems += unknown_fields(doc, record, fields, index)
        rows.append([record.get(name) for name in fields])
        lines.append(line)
        field_lines.append({key: doc.line(index, key) or line for key in record})
    return Table(doc.file, list(fields), rows, lines, field_lines), problems
