"""What ``gongshi diff`` finds, as immutable records; the comparison fills them in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from builder import messages
from builder.core.problems import Problem, problem
from builder.staff.diff.words import Key, excerpt, key_text


@dataclass(frozen=True)
class Side:
    """One of the two versions compared.

    Attributes:
        revision: the revision as given (``origin/main``), or None for the working tree.
        commit: its full commit hash, or None for the working tree.
        error: (Chinese, English) when the project cannot be read at this version.
    """

    revision: str | None
    commit: str | None
    error: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        """The version as the summary names it: a short commit, with the revision given."""
        if self.commit is None:
            return messages.render("diff-side-worktree", {})[0]
        short = self.commit[:7]
        if self.revision in (None, self.commit, short):
            return short
        named = messages.render("diff-side-revision", {"revision": self.revision, "commit": short})
        return named[0]


@dataclass(frozen=True)
class FieldChange:
    """One field of a row, before and after.

    Attributes:
        field: the field's name.
        title: its title in the Table Schema.
        before, after: the typed values (Decimal, date, int, str, None).
    """

    field: str
    title: str
    before: Any
    after: Any

    @property
    def before_text(self) -> str:
        return excerpt(self.field, self.before, self.after)[0]

    @property
    def after_text(self) -> str:
        return excerpt(self.field, self.before, self.after)[1]


@dataclass(frozen=True)
class Row:
    """A row added or removed.

    Attributes:
        key: the primary key's values; None for a resource without a primary key.
        values: the row's typed values by field name.
        brief: a few fields that say which row is meant.
    """

    key: Key | None
    values: dict[str, Any]
    brief: str

    @property
    def key_text(self) -> str:
        return key_text(self.key)


@dataclass(frozen=True)
class RowChange:
    """A row whose values changed.

    Attributes:
        key: the primary key's values.
        brief: a few fields of the new row that say which row is meant.
        fields: the fields that differ.
    """

    key: Key
    brief: str
    fields: tuple[FieldChange, ...]

    @property
    def key_text(self) -> str:
        return key_text(self.key)


@dataclass(frozen=True)
class ResourceDiff:
    """The rows of one resource that a change adds, removes or changes.

    Attributes:
        name, title, file: the resource's name, title and file.
        key_fields: the primary key (empty: rows compared as a multiset).
        added, removed, changed: public rows only (see the package's privacy note).
        internal_changes: how many non-public records (scope party, organisation, specific
            or the older internal) were added, removed or changed.
        incomplete: the sides ("base", "head") where rows of this resource failed the
            checks; those rows are missing from the comparison (their errors are listed).
    """

    name: str
    title: str
    file: str
    key_fields: tuple[str, ...]
    added: tuple[Row, ...]
    removed: tuple[Row, ...]
    changed: tuple[RowChange, ...]
    internal_changes: int
    incomplete: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.internal_changes)


@dataclass(frozen=True)
class Figures:
    """One account's year in figures.

    Attributes:
        opening, income, cost, net, uses, closing: amounts in yuan; ``cost`` the
            reasonable costs, ``net`` what belongs to all owners, ``uses`` what the
            owners decided to move or spend (never a cost).
    """

    opening: Decimal
    income: Decimal
    cost: Decimal
    net: Decimal
    uses: Decimal
    closing: Decimal


@dataclass(frozen=True)
class LedgerYear:
    """One account's year whose figures differ.

    Attributes:
        account, account_name: the account's id and name.
        year: the calendar year; ``to_date`` when it is the current one.
        before, after: the figures; None when the year (or the account) exists on one
            side only.
        incomplete: a ledger had rows that failed the checks on one side, so its figures
            leave them out.
    """

    account: str
    account_name: str
    year: int
    to_date: bool
    before: Figures | None
    after: Figures | None
    incomplete: bool


@dataclass(frozen=True)
class DecisionCheck:
    """A decision that is new, or whose votes or result changed, with the computed result.

    Attributes:
        id, date, body, matter, title, result: the decision as recorded.
        computed_result: "passed"/"rejected" by the rules, or None when the votes are incomplete.
        explanation: the arithmetic behind ``computed_result``.
        new: whether the decision is new in this change.
    """

    id: str
    date: date
    body: str
    matter: int | None
    title: str
    result: str
    computed_result: str | None
    explanation: str | None
    new: bool

    @property
    def matches(self) -> bool | None:
        return None if self.computed_result is None else self.computed_result == self.result


@dataclass(frozen=True)
class NoticeEntry:
    """A public notice, new or changed, that is in (active) or before (upcoming) its period.

    Attributes:
        id, title, kind, start, end: the notice as recorded.
        status: ``active`` or ``upcoming`` on the comparison's date.
        new: whether the notice is new in this change.
    """

    id: str
    title: str
    kind: str
    start: date
    end: date
    status: str
    new: bool


@dataclass(frozen=True)
class Diff:
    """Everything ``gongshi diff`` reports. Lists are empty when a side cannot be read.

    Attributes:
        base, head: the two versions compared.
        today: the date notice statuses and the current ledger year are reckoned on.
        resources, ledger, decisions, notices: what changed (see the package docstring).
        new_errors, fixed_errors: validation errors the change brings or mends.
        base_errors, head_errors: the number of errors on each side (None: unreadable).
        correction_note: the 更正： line of the commits from base to head (None: none).
    """

    base: Side
    head: Side
    today: date
    resources: tuple[ResourceDiff, ...] = ()
    ledger: tuple[LedgerYear, ...] = ()
    decisions: tuple[DecisionCheck, ...] = ()
    notices: tuple[NoticeEntry, ...] = ()
    new_errors: tuple[Problem, ...] = ()
    fixed_errors: tuple[Problem, ...] = ()
    base_errors: int | None = None
    head_errors: int | None = None
    correction_note: str | None = None

    @property
    def retroactive(self) -> tuple[str, ...]:
        """What the change alters that was already published: each edited decision, and
        each ledger year that had ended (its report out) and existed before."""
        years = [
            f"{y.account_name} {y.year}年"
            for y in self.ledger
            if y.before is not None and y.year < self.today.year
        ]
        return (*(f"{d.id} {d.title}" for d in self.decisions if not d.new), *years)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """A retroactive change with no correction note (diff-correction-unexplained)."""
        if not self.retroactive or self.correction_note:
            return ()
        record = "、".join(self.retroactive)
        return (problem("diff-correction-unexplained", "data", severity="warning", record=record),)

    @property
    def comparable(self) -> bool:
        return self.base.error is None and self.head.error is None

    @property
    def empty(self) -> bool:
        return not (
            self.resources
            or self.ledger
            or self.decisions
            or self.notices
            or self.new_errors
            or self.fixed_errors
        )
