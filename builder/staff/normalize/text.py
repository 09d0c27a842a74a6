"""Normalizing decoded text: BOM, line endings and final line break for any file, then
the values of a CSV or YAML file by kind, with the changes described in Chinese."""

from __future__ import annotations

from collections import Counter

from builder.core.problems import Problem
from builder.messages.commands import LIST_JOIN
from builder.staff.normalize.csv_text import normalize_csv
from builder.staff.normalize.lines import say, split_lines
from builder.staff.normalize.spreadsheet_values import DATE, MONEY, YEARMONTH
from builder.staff.normalize.yaml_text import normalize_yaml

# Without a schema (a file outside any project), kinds come from these column names.
NAME_KINDS = {
    **dict.fromkeys(("date", "start", "end", "term_start", "term_end", "opened", "closed"), DATE),
    **dict.fromkeys(("amount", "balance", "opening_balance", "remitted", "cost_threshold"), MONEY),
    "month": YEARMONTH,
}


def normalize_text(
    text: str, kind: str, fields: dict[str, str] | None = None, file: str = ""
) -> tuple[str, list[str], list[Problem]]:
    """Normalize decoded text.

    Args:
        text: the file's text (any line endings; a leading BOM is removed).
        kind: ``csv``, ``yaml`` or ``text`` (encoding, BOM and line endings only).
        fields: column or key name -> one of ``KINDS``; None to go by column names.
        file: the name problems give (relative to the project root when in one).

    Returns:
        The normalized text, Chinese descriptions of the changes, and the problems: the
        values left alone because converting them would be a guess, a CSV syntax error.
    """
    changes: list[str] = []
    if text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
        changes.append(say("normalize-change-bom"))
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    if crlf or lone_cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        newline_kind = (
            "CRLF" if crlf and not lone_cr else "CR" if lone_cr and not crlf else "CR/CRLF"
        )
        changes.append(say("normalize-change-newlines", kind=newline_kind))
    if text and not text.endswith("\n"):
        changes.append(say("normalize-change-final-newline"))

    by_name = fields is None
    kinds = NAME_KINDS if fields is None else fields
    counts: Counter[str] = Counter()
    problems: list[Problem] = []
    typed: set[str] = set()  # the fields whose kind decided something
    if kind == "csv":
        lines = normalize_csv(text, file, kinds, counts, problems, typed)
    elif kind == "yaml":
        lines = normalize_yaml(text, file, kinds, counts, problems, typed)
    else:
        lines = split_lines(text)

    for category in ("date", "moment", "yearmonth", "money", "number", "integer"):
        if counts[category]:
            changes.append(say(f"normalize-change-{category}", count=counts[category]))
    for category in ("cell-space", "trailing-space", "empty-rows"):
        if counts[category]:
            changes.append(say(f"normalize-change-{category}", count=counts[category]))
    if by_name and typed:
        columns = LIST_JOIN.join(
            say(f"normalize-column-{kinds[name]}", name=name) for name in sorted(typed)
        )
        changes.append(say("normalize-change-by-name", columns=columns))
    return "".join(line + "\n" for line in lines), changes, problems
