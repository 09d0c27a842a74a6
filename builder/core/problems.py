"""The one record every stage uses to report a problem with the data.

Stages never raise for bad data: they return problems, and the pipeline collects them
into a Report. Exceptions are kept for set-up failures (see ``ConfigError``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from builder import messages
from builder.core.text import quoted

Severity = Literal["error", "warning"]


class ConfigError(Exception):
    """The project cannot be read at all (no data package, a broken schema...).

    The CLI turns it into exit code 2 and one clear line; the plugin into a PluginError.
    """

    def __init__(
        self, code: str, *, file: str | None = None, line: int | None = None, **params: Any
    ) -> None:
        self.code = code
        self.file = file
        self.line = line
        # Where it happened goes into the wording too, so a template may say it.
        self.message, self.message_en = messages.render(
            code, {"file": file, "line": line, **params}
        )
        super().__init__(f"{self.message} / {self.message_en}")


@dataclass(frozen=True)
class Problem:
    """One problem found in the records.

    Attributes:
        file: path relative to the project root, with forward slashes.
        line: 1-based line in that file, or None when the problem has no single line.
        field: the column or key concerned, or None.
        code: stable identifier of the kind of problem (the contract; wording may change).
        message: the explanation in Chinese, for staff.
        message_en: the same in English.
        severity: "error" makes the records invalid; "warning" does not.
        count: how many problems of this code it stands for: 1, or, for the one problem
            that counts those of its file and code not listed one by one (``listed``),
            their number (then it has no line and no field).
    """

    file: str
    line: int | None
    field: str | None
    code: str
    message: str
    message_en: str
    severity: Severity = "error"
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        found = {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
        }
        return found if self.count == 1 else {**found, "count": self.count}


def problem(
    code: str,
    file: str,
    line: int | None = None,
    field: str | None = None,
    *,
    severity: Severity = "error",
    **params: Any,
) -> Problem:
    """Make a Problem whose wording comes from the message catalogue.

    ``file``, ``line`` and ``field`` are parameters of the message too, so a template
    can say where ("第 {line} 行"); the catalogue raises if one it needs is missing.
    """
    # Staff text in any parameter is shown with its invisible characters written out;
    # the cell itself ("value") is also cut short (a detail the code words is not).
    shown = {k: quoted(v, cut=k == "value") if isinstance(v, str) else v for k, v in params.items()}
    zh, en = messages.render(code, {"file": file, "line": line, "field": field, **shown})
    return Problem(file, line, field, code, zh, en, severity)


# Problems of one code in one file made one by one; the rest are only counted. A header
# of 100,000 columns or a million rows with the same fault would otherwise take minutes
# and gigabytes to word, and nobody reads past the first few of a kind.
LISTED_PER_KIND = 1000
T = TypeVar("T")


def listed(
    items: Iterable[T],
    code_of: Callable[[T], str],
    make: Callable[[T], Problem],
    more: Mapping[str, int] | None = None,
) -> list[Problem]:
    """The problems of one file's ``items``: ``make`` of the first LISTED_PER_KIND of
    each code (``code_of`` says it before anything is made), then, for a code with more,
    one problem counting the rest (``Problem.count``). ``more``: problems by code a
    stage already counted past the budget without keeping them."""
    counts: Counter[str] = Counter()
    made: list[Problem] = []
    first: dict[str, Problem] = {}
    for item in items:
        code = code_of(item)
        counts[code] += 1
        if counts[code] <= LISTED_PER_KIND:
            found = make(item)
            made.append(found)
            first.setdefault(code, found)
    counts.update(more or {})
    for code, count in counts.items():
        if count > LISTED_PER_KIND and code in first:
            made.append(not_listed(first[code], count - LISTED_PER_KIND))
    return made


def not_listed(like: Problem, count: int) -> Problem:
    """The one problem standing for ``count`` more of ``like``'s file and code."""
    zh, en = messages.render("problems-not-listed", {"count": f"{count:,}", "code": like.code})
    return Problem(like.file, None, None, like.code, zh, en, like.severity, count)


@dataclass
class Report:
    """Everything validation found, in a stable order, plus counts for the summary."""

    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == "warning"]

    @property
    def error_count(self) -> int:
        """Every error, those counted but not listed one by one included."""
        return sum(p.count for p in self.problems if p.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(p.count for p in self.problems if p.severity == "warning")

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def sorted(self) -> list[Problem]:
        # Deterministic order: by file, then line, then field and code.
        return sorted(
            self.problems,
            key=lambda p: (p.file, p.line or 0, p.field or "", p.code, p.message),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
            "stats": self.stats,
        }
