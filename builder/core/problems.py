"""The one record every stage uses to report a problem with the data.

Stages never raise for bad data: they return problems, and the pipeline collects them
into a Report. Exceptions are kept for set-up failures (see ``ConfigError``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

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
    """

    file: str
    line: int | None
    field: str | None
    code: str
    message: str
    message_en: str
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
        }


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
    shown = {k: quoted(v) if isinstance(v, str) else v for k, v in params.items()}
    zh, en = messages.render(code, {"file": file, "line": line, "field": field, **shown})
    return Problem(file, line, field, code, zh, en, severity)


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
