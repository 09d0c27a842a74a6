"""Each published record's history: when it was first published and each later change,
from the records as they were at each commit (no I/O here: ``pipeline.read_history``
reads the commits).

What is compared, per page (``Key``): a decision (its fields and every vote figure), a
public notice (its fields and those of the people it is about), a fund use, and a
ledger account's year (income, reasonable cost, net, uses, closing). Every version is
read as it would be published on the build date (``core.disclosure.public_only`` and
``core.personal.published``): a record that was internal at a commit is absent there,
and a value that is not public (a personal detail past its end) is never shown — the
history says that the field changed (``FieldEdit.before``/``after`` None), not what it was.

Corrections (更正): a change to a figure already published (one left empty before and
filled in later is not one) — a decision's votes, result
or amount, a fund use's amount, or a ledger year's totals changed after the year ended
(its annual report is out from then on). The explanation is the commit message: the
text after a line that starts with ``更正：`` (or ``更正:``, ``Correction:``). A correction
whose commit has no such line is unexplained (``history-correction-unexplained``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from builder.core import resources as R
from builder.core.disclosure import public_only
from builder.core.ledger import account_years
from builder.core.model import Records

# A page's record: ("decision", id), ("notice", id), ("fund_use", id), ("ledger", "acct/2025").
Key = tuple[str, str]
NOTE_PREFIXES = ("更正：", "更正:", "Correction:")
LEDGER_FIGURES = ("income", "cost", "net", "uses", "closing")
FIGURES = {
    "decision": ("result", "amount", "votes."),
    "fund_use": ("amount",),
}


def correction_note(message: str) -> str | None:
    """A commit message's explanation of a correction: the rest of its first line that
    starts with one of NOTE_PREFIXES (None when there is none, or it is empty)."""
    for line in message.splitlines():
        line = line.strip()
        for prefix in NOTE_PREFIXES:
            if line.startswith(prefix):
                return line[len(prefix) :].strip() or None
    return None


@dataclass(frozen=True)
class Commit:
    """A commit of the data.

    Attributes:
        commit: its full hash.
        day: its commit date in China time.
        note: its correction note (``correction_note``), or None.
    """

    commit: str
    day: date
    note: str | None = None

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class FieldEdit:
    """One field changed; ``before``/``after`` are None where the value is not public
    (or the field was empty)."""

    field: str
    before: str | None
    after: str | None
    hidden: bool = False


@dataclass(frozen=True)
class Change:
    """A commit that changed a published record.

    Attributes:
        commit: the commit.
        fields: the fields it changed.
        correction: whether it changed a figure already published (更正).
    """

    commit: Commit
    fields: tuple[FieldEdit, ...]
    correction: bool


@dataclass(frozen=True)
class RecordHistory:
    """A record's history: its first publication and each later change, oldest first.

    Attributes:
        key: which record.
        title: what it is called (as at the last commit that had it).
        first: the commit that first published it.
        changes: later changes.
    """

    key: Key
    title: str
    first: Commit
    changes: tuple[Change, ...]

    @property
    def corrections(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.correction)


@dataclass(frozen=True)
class History:
    """The history of every published record.

    Attributes:
        available: False when the history could not be read (see ``reason``).
        reason: "shallow" (a shallow clone), "no-git" (not in a git repository) or "".
        records: by key.
    """

    available: bool
    reason: str = ""
    records: Mapping[Key, RecordHistory] = field(default_factory=dict)

    def get(self, key: Key) -> RecordHistory | None:
        return self.records.get(key)

    @property
    def corrections(self) -> list[tuple[RecordHistory, Change]]:
        """Every correction, newest first (then by record)."""
        found = [(h, c) for h in self.records.values() for c in h.corrections]
        return sorted(found, key=lambda hc: (hc[1].commit.day, hc[0].key), reverse=True)

    @property
    def unexplained(self) -> list[tuple[RecordHistory, Change]]:
        return [(h, c) for h, c in self.corrections if c.commit.note is None]


UNAVAILABLE_NO_GIT = History(False, "no-git", {})


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value.as_tuple().exponent < 0 else str(value)  # type: ignore[operator]
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value) or None
    return str(value)


# A field's value in one version: (what it is, what the site may show of it).
Version = dict[str, tuple[Any, str | None]]


# Only figures, dates and coded values are repeated in a history, never wording: an
# older text may hold what a later edit took out (a name once in a notice's title, an
# applicant's details once in its body), and the privacy rules judge only today's text.
CODED_FIELDS = frozenset({"matter", "result", "scope", "kind", "type", "category"})


def _shown(name: str, value: Any, public: bool) -> str | None:
    text = _text(value)
    if not public or text is None:
        return None
    if isinstance(value, str) and name.rsplit(".", 1)[-1] not in CODED_FIELDS:
        return None
    return text


def _fields(
    raw: Mapping[str, Any], shown: Mapping[str, Any], prefix: str = "", private: bool = False
) -> Version:
    return {
        prefix + name: (value, _shown(name, value, not private and shown.get(name) == value))
        for name, value in raw.items()
        if name != "personal_redacted"
    }


def snapshot(
    records: Records, published: Records, build_date: date
) -> dict[Key, tuple[str, Version]]:
    """Every published record of one version: its title and fields. ``records`` the
    full records, ``published`` the same through ``personal.published``."""
    out: dict[Key, tuple[str, Version]] = {}
    for d in records.decisions.values():
        values = {
            "date": d.date,
            "body": d.body,
            "matter": d.matter,
            "title": d.title,
            "summary": d.summary,
            "result": d.result,
            "amount": d.amount,
            "scope": d.scope,
        }
        version = _fields(values, values)
        version.update(_fields(d.votes, d.votes, "votes."))
        out[("decision", d.id)] = (d.title, version)
    shown_by_id = {r.values.get("id"): r.values for r in published.table(R.BRANCH_NOTICES)}
    # ``personal.published`` keeps each table's rows in their order.
    persons: dict[Any, list[tuple[Any, Any]]] = {}
    for raw, shown in zip(
        records.table(R.BRANCH_NOTICE_PERSONS),
        published.table(R.BRANCH_NOTICE_PERSONS),
        strict=True,
    ):
        persons.setdefault(raw.values.get("notice"), []).append((raw.values, shown.values))
    for n in public_only(records.table(R.BRANCH_NOTICES)):
        nid = n.values.get("id")
        version = _fields(n.values, shown_by_id.get(nid, {}))
        for i, (raw, shown) in enumerate(persons.get(nid, ()), start=1):
            # The people a notice is about: that a detail changed, never its value.
            version.update(_fields(raw, shown, f"person{i}.", private=True))
        out[("notice", str(nid))] = (str(n.values.get("title", nid)), version)
    for u in public_only(records.table(R.FUND_USES)):
        out[("fund_use", str(u.values.get("id")))] = (
            str(u.values.get("title") or u.values.get("id")),
            _fields(u.values, u.values),
        )
    for y in account_years(records, build_date):
        figures = dict(
            zip(LEDGER_FIGURES, (y.income, y.cost, y.net, y.uses_total, y.closing), strict=True)
        )
        out[("ledger", f"{y.account.id}/{y.year}")] = (
            f"{y.account.name} {y.year}",
            _fields(figures, figures),
        )
    return out


def _is_figure(key: Key, field: str, day: date) -> bool:
    kind, name = key
    if kind == "ledger":
        return day > date(int(name.rsplit("/", 1)[1]), 12, 31)
    return any(
        field == f or (f.endswith(".") and field.startswith(f)) for f in FIGURES.get(kind, ())
    )


def histories(
    versions: Iterable[tuple[Commit, dict[Key, tuple[str, Version]]]],
) -> dict[Key, RecordHistory]:
    """The history of every record, from its versions at each commit, oldest first."""
    first: dict[Key, Commit] = {}
    titles: dict[Key, str] = {}
    last: dict[Key, Version] = {}
    changes: dict[Key, list[Change]] = {}
    for commit, records in versions:
        for key, (title, version) in records.items():
            titles[key] = title
            if key not in first:
                first[key], last[key], changes[key] = commit, version, []
                continue
            before = last[key]
            edits = []
            for name in sorted(before.keys() | version.keys()):
                was, now = before.get(name, (None, None)), version.get(name, (None, None))
                if was[0] == now[0]:
                    continue
                hidden = (was[0] is not None and was[1] is None) or (
                    now[0] is not None and now[1] is None
                )
                edits.append(FieldEdit(name, was[1], now[1], hidden))
            if edits:
                # A figure filled in for the first time corrects nothing already published.
                correction = any(
                    _is_figure(key, e.field, commit.day)
                    and before.get(e.field, (None,))[0] is not None
                    for e in edits
                )
                changes[key].append(Change(commit, tuple(edits), correction))
            last[key] = version
    return {k: RecordHistory(k, titles[k], first[k], tuple(changes[k])) for k in sorted(first)}
