"""``gongshi diff BASE [HEAD]``: what a change will publish, for a pull request's summary.

Both revisions are read with git (``ls-tree`` and ``cat-file``, into a temporary
directory; the working tree is never checked out or written), each is validated with
``validate_project``, and the two results are compared:

1. records of each resource, by primary key (rows without one as multisets);
2. every ledger account's years: income, cost, net and closing balance;
3. decisions that are new (or whose votes changed), with the result the rules compute;
4. public notices that enter or are in their public period;
5. validation errors that are new, and those that were fixed.

HEAD defaults to the working tree (the project directory as it is). A revision whose
project cannot be read (no data/datapackage.yaml at that commit, a broken schema) is
reported in the summary instead of compared. Exit codes of ``run``:

- 0: the comparison was printed (whether the data is valid is ``gongshi validate``'s
  verdict). Also when only BASE cannot be read: the change may add or repair the project.
- 1: the summary was printed, but the project at the HEAD revision cannot be read, so
  the change would publish nothing.
- 2: usage or set-up error, nothing printed on stdout: not a git repository, a revision
  that is not in the clone (e.g. a shallow clone), the working tree not a project.

Privacy: branch records carry a ``scope``; internal ones are never published. The
summary (Markdown and JSON) lists only public rows; of internal rows it gives a count of
changed records and nothing else (no ids, titles, topics or field values). A row that
moves from public to internal shows as removed from publication, the reverse as added.
Validation errors are listed as ``gongshi validate`` lists them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from builder.core import summaries
from builder.core.model import Records
from builder.core.problems import ConfigError, Problem
from builder.load.project import ACCOUNTS, LEDGER_PREFIX
from builder.messages import LABELS
from builder.pipeline import Validation, validate_project
from builder.publish.provenance import CHINA_TIME
from builder.rules.decisions import MATTERS, RESULT_ZH, decision_outcome
from builder.site.render import date_zh, money
from builder.staff.revisions import Repository

FORMATS = ("markdown", "json")
Key = tuple[Any, ...]

# Coded values shown in words (only when the value is one of the codes).
_CODED: dict[str, dict[str, str]] = {
    "type": LABELS["entry_type"],
    "body": LABELS["body"],
    "result": RESULT_ZH,
    "scope": {"public": "向社会公开", "internal": "党内公开"},
}
# Fields that say best which row is meant, in the order they are shown.
_BRIEF_FIELDS = (
    "date", "start", "type", "category", "amount", "title", "topic", "project", "item",
    "name", "role", "kind", "unit", "rate", "received", "within_pledge",
)  # fmt: skip
_BRIEF_COUNT = 4
_EXCERPT = 40  # characters of a long text shown around its first change
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")


# --- what the comparison finds -------------------------------------------------------


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
        if self.commit is None:
            return "工作区（当前文件）"
        short = self.commit[:7]
        if self.revision in (None, self.commit, short):
            return short
        return f"{self.revision}（{short}）"


@dataclass(frozen=True)
class FieldChange:
    """One field of a row, before and after (typed values: Decimal, date, int, str, None)."""

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
    """A row added or removed. ``key`` is None for a resource without a primary key."""

    key: Key | None
    values: dict[str, Any]
    brief: str

    @property
    def key_text(self) -> str:
        return key_text(self.key)


@dataclass(frozen=True)
class RowChange:
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
        key_fields: the primary key (empty: rows compared as a multiset).
        added, removed, changed: public rows only (see the module's privacy note).
        internal_changes: how many internal (党内公开) records were added, removed or changed.
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
    opening: Decimal
    income: Decimal
    cost: Decimal
    net: Decimal
    closing: Decimal


@dataclass(frozen=True)
class LedgerYear:
    """One account's year whose figures differ; ``before``/``after`` None when the year
    (or the account) exists on one side only. ``incomplete``: a ledger had rows that
    failed the checks on one side, so its figures leave them out."""

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
        computed_result: "passed"/"rejected" by the rules, or None when the votes are incomplete.
        explanation: the arithmetic behind ``computed_result``.
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
    """A public notice, new or changed, that is in (active) or before (upcoming) its period."""

    id: str
    title: str
    kind: str
    start: date
    end: date
    status: str
    new: bool


@dataclass(frozen=True)
class Diff:
    """Everything ``gongshi diff`` reports. Lists are empty when a side cannot be read."""

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


# --- reading a revision with git ------------------------------------------------------


def _read_revision(
    repo: Repository, revision: str, commit: str, today: date
) -> tuple[Side, Validation | None]:
    with tempfile.TemporaryDirectory(prefix="gongshi-diff-") as tmp:
        root = Path(tmp)
        repo.export(commit, root)
        try:
            return Side(revision, commit), validate_project(root, today=today)
        except ConfigError as exc:
            return Side(revision, commit, (exc.message, exc.message_en)), None


# --- comparing ------------------------------------------------------------------------


def compute_diff(
    project_dir: str | Path, base: str, head: str | None = None, today: date | None = None
) -> Diff:
    """Compare the project at revision ``base`` with revision ``head`` (None: the working
    tree). ``today`` (default: today in China) dates notice statuses, the current
    ledger year and the "dated in the future" check, on both sides alike.

    Raises ConfigError for set-up problems: not a git repository, a revision not in the
    clone, the working tree not a project.
    """
    today = today or datetime.now(CHINA_TIME).date()
    project_dir = Path(project_dir).resolve()
    repo = Repository(project_dir)
    base_commit = repo.commit(base)
    head_commit = repo.commit(head) if head is not None else None
    base_side, before = _read_revision(repo, base, base_commit, today)
    if head_commit is None:
        head_side, after = Side(None, None), validate_project(project_dir, today=today)
    else:
        head_side, after = _read_revision(repo, head, head_commit, today)
    if before is None or after is None:
        return Diff(base_side, head_side, today)
    return Diff(
        base_side,
        head_side,
        today,
        resources=tuple(d for d in compare_resources(before, after) if d.any),
        ledger=compare_ledgers(before.records, after.records, today),
        decisions=compare_decisions(before.records, after.records),
        notices=entering_notices(before.records, after.records, today),
        new_errors=_problems_minus(after.report.errors, before.report.errors),
        fixed_errors=_problems_minus(before.report.errors, after.report.errors),
        base_errors=len(before.report.errors),
        head_errors=len(after.report.errors),
    )


def compare_resources(before: Validation, after: Validation) -> list[ResourceDiff]:
    """Every resource of either side (head's order first), plus the accounts settings."""
    result = []
    names = [r.name for r in after.project.resources]
    names += [r.name for r in before.project.resources if r.name not in names]
    for name in names:
        resource = after.project.resource(name) or before.project.resource(name)
        schema = resource.schema.descriptor
        result.append(
            compare_rows(
                name,
                resource.title,
                resource.file,
                schema,
                [r.values for r in before.records.tables.get(name, [])],
                [r.values for r in after.records.tables.get(name, [])],
                incomplete=_incomplete(name, before.records, after.records),
            )
        )
    # ledgers/accounts.yaml is a settings file, not a resource; its records matter as much.
    for name, title, schema, rows in (
        ("accounts", "公共收益账户", after.project.account_schema.descriptor, _account_rows),
        ("assertions", "对账余额", after.project.assertion_schema.descriptor, _assertion_rows),
    ):
        result.append(
            compare_rows(
                name,
                title,
                ACCOUNTS,
                schema,
                rows(before.records),
                rows(after.records),
                incomplete=_incomplete(name, before.records, after.records),
            )
        )
    return result


def _account_rows(records: Records) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "name": a.name,
            "opened": a.opened,
            "closed": a.closed,
            "opening_balance": a.opening_balance,
        }
        for a in records.accounts.values()
    ]


def _assertion_rows(records: Records) -> list[dict[str, Any]]:
    return [
        {"account": a.account, "date": a.date, "balance": a.balance} for a in records.assertions
    ]


def _incomplete(name: str, before: Records, after: Records) -> tuple[str, ...]:
    return tuple(
        side
        for side, records in (("base", before), ("head", after))
        if name in records.invalid_resources
    )


def compare_rows(
    name: str,
    title: str,
    file: str,
    schema: dict,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    incomplete: tuple[str, ...] = (),
) -> ResourceDiff:
    """Rows of one resource, compared by the schema's primary key (a multiset of rows
    when it has none). Rows whose ``scope`` is not public are only counted."""
    fields = [f["name"] for f in schema.get("fields", [])]
    titles = {f["name"]: f.get("title", f["name"]) for f in schema.get("fields", [])}
    key_fields = schema.get("primaryKey") or ()
    key_fields = (key_fields,) if isinstance(key_fields, str) else tuple(key_fields)

    def public(row: dict[str, Any]) -> bool:
        return row.get("scope", "public") == "public"

    internal_before = [r for r in before if not public(r)]
    internal_after = [r for r in after if not public(r)]
    before = [r for r in before if public(r)]
    after = [r for r in after if public(r)]

    def make_row(key: Key | None, values: dict[str, Any]) -> Row:
        return Row(key, values, brief(values, fields, key_fields))

    if not key_fields:
        counts_before = Counter(_frozen(r) for r in before)
        counts_after = Counter(_frozen(r) for r in after)
        added = counts_after - counts_before
        removed = counts_before - counts_after
        internal_old = Counter(_frozen(r) for r in internal_before)
        internal_new = Counter(_frozen(r) for r in internal_after)
        internal = (internal_new - internal_old).total() + (internal_old - internal_new).total()
        return ResourceDiff(
            name,
            title,
            file,
            (),
            tuple(make_row(None, dict(v)) for v in added.elements()),
            tuple(make_row(None, dict(v)) for v in removed.elements()),
            (),
            internal,
            incomplete,
        )

    def keyed(rows: list[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
        result: dict[Key, dict[str, Any]] = {}
        for row in rows:
            result.setdefault(tuple(row.get(k) for k in key_fields), row)
        return result

    old, new = keyed(before), keyed(after)
    changed = []
    for key, row in new.items():
        if key in old and old[key] != row:
            names = fields + [n for n in {**old[key], **row} if n not in fields]
            changes = tuple(
                FieldChange(n, titles.get(n, n), old[key].get(n), row.get(n))
                for n in names
                if old[key].get(n) != row.get(n)
            )
            changed.append(RowChange(key, brief(row, fields, key_fields), changes))
    old_internal, new_internal = keyed(internal_before), keyed(internal_after)
    internal = sum(
        1
        for key in old_internal.keys() | new_internal.keys()
        if old_internal.get(key) != new_internal.get(key)
    )
    return ResourceDiff(
        name,
        title,
        file,
        key_fields,
        tuple(make_row(k, v) for k, v in new.items() if k not in old),
        tuple(make_row(k, v) for k, v in old.items() if k not in new),
        tuple(changed),
        internal,
        incomplete,
    )


def _frozen(row: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(row.items()))


def compare_ledgers(before: Records, after: Records, today: date) -> tuple[LedgerYear, ...]:
    """Each account's years whose opening, income, cost or closing differ."""

    def figures(records: Records) -> dict[tuple[str, int], tuple[summaries.AccountYear, Figures]]:
        return {
            (y.account.id, y.year): (
                y,
                Figures(y.opening, y.income, y.cost, y.net, y.closing),
            )
            for y in summaries.account_years(records, today)
        }

    old, new = figures(before), figures(after)
    result = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was and now and was[1] == now[1]:
            continue
        year = (now or was)[0]
        ledger = LEDGER_PREFIX + key[0]
        result.append(
            LedgerYear(
                key[0],
                year.account.name,
                key[1],
                year.to_date,
                was[1] if was else None,
                now[1] if now else None,
                any(
                    name in r.invalid_resources
                    for r in (before, after)
                    for name in (ledger, "accounts")
                ),
            )
        )
    return tuple(result)


def compare_decisions(before: Records, after: Records) -> tuple[DecisionCheck, ...]:
    """Decisions that are new, or whose body, matter, votes or result changed."""
    rule = after.community.committee_rule if after.community else None
    result = []
    for d in sorted(after.decisions.values(), key=lambda d: (d.date, d.id)):
        old = before.decisions.get(d.id)
        if old is not None and (old.body, old.matter, old.votes, old.result) == (
            d.body,
            d.matter,
            d.votes,
            d.result,
        ):
            continue
        outcome = decision_outcome(d, rule)
        result.append(
            DecisionCheck(
                d.id,
                d.date,
                d.body,
                d.matter,
                d.title,
                d.result,
                outcome.result if outcome else None,
                outcome.explain() if outcome else None,
                old is None,
            )
        )
    return tuple(result)


def entering_notices(before: Records, after: Records, today: date) -> tuple[NoticeEntry, ...]:
    """Public notices, new or changed, whose period has begun or is still to come."""
    old = {n["id"]: n for n in summaries.public(before.tables.get("branch-notices", []))}
    result = []
    for n in summaries.public(after.tables.get("branch-notices", [])):
        status = summaries.notice_status(n["start"], n["end"], today)
        previous = old.get(n["id"])
        if status == "ended" or (previous is not None and previous.values == n.values):
            continue
        result.append(
            NoticeEntry(n["id"], n["title"], n["kind"], n["start"], n["end"], status, not previous)
        )
    return tuple(sorted(result, key=lambda n: (n.start, n.id)))


def _identity(p: Problem) -> tuple[str, str, str, str]:
    # Lines shift when rows are added above; the same error keeps file, code, field, text.
    return (p.file, p.code, p.field or "", p.message)


def _problems_minus(these: list[Problem], those: list[Problem]) -> tuple[Problem, ...]:
    """Problems of ``these`` not in ``those``, counting repeats (two equal errors on two
    rows, one fixed: one is fixed). Of equal ones, the last in the file are reported."""
    remaining = Counter(_identity(p) for p in these)
    remaining.subtract(Counter(_identity(p) for p in those))
    result = []
    for p in reversed(these):
        if remaining[_identity(p)] > 0:
            remaining[_identity(p)] -= 1
            result.append(p)
    return tuple(reversed(result))


# --- values as words ------------------------------------------------------------------


def show(field: str, value: Any) -> str:
    """A typed value as plain text (not yet escaped for Markdown)."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, str) and value in _CODED.get(field, {}):
        return _CODED[field][value]
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def excerpt(field: str, before: Any, after: Any, width: int = _EXCERPT) -> tuple[str, str]:
    """Both values as text; long texts cut to the stretch around their first difference."""
    old, new = show(field, before), show(field, after)
    if max(len(old), len(new)) <= width:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - width // 4)

    def cut(text: str) -> str:
        part = text[start : start + width]
        return ("…" if start else "") + part + ("…" if start + width < len(text) else "")

    return cut(old), cut(new)


def brief(values: dict[str, Any], fields: list[str], key_fields: Iterable[str]) -> str:
    """A few fields that say which row is meant, e.g. date · 收入 · 车位租赁费 · 1200.00."""
    skip = {*key_fields, "scope"}
    chosen = [f for f in _BRIEF_FIELDS if f in fields and f not in skip and values.get(f)]
    if not chosen:
        chosen = [f for f in fields if f not in skip and values.get(f) not in (None, "")]
    parts = []
    for f in chosen[:_BRIEF_COUNT]:
        text = show(f, values[f])
        parts.append(text if len(text) <= 30 else text[:29] + "…")
    return " · ".join(parts)


def key_text(key: Key | None) -> str:
    return " / ".join(show("", k) for k in key) if key else ""


# --- output ---------------------------------------------------------------------------


def md_cell(value: Any) -> str:
    """Staff text for a Markdown line or table cell: one line, HTML and Markdown syntax
    shown as text (a ``|`` cannot end the cell, ``<b>`` and ``**`` do nothing)."""
    text = " ".join(str("" if value is None else value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text and text[0] in "-+=":
        text = "\\" + text  # not a list item or heading underline when it starts a line
    return text


def signed(value: Decimal) -> str:
    if not value:
        return "0.00"
    return ("+" if value > 0 else "−") + money(abs(value))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("builder.staff", "templates"),
        autoescape=False,  # Markdown: every staff value goes through md_cell instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md_cell=md_cell, money=money, signed=signed, date_zh=date_zh)
    env.globals.update(
        MATTERS=MATTERS,
        RESULT_ZH=RESULT_ZH,
        BODY_ZH=LABELS["body"],
        STATUS_ZH=LABELS["status"],
        OWNER_BODY="owners_assembly",
        LIMIT=30,
    )
    return env


def render_markdown(diff: Diff) -> str:
    """The Chinese summary for a pull request's job summary (builder/templates/diff.md.j2)."""
    text = _environment().get_template("diff.md.j2").render(diff=diff)
    return text.rstrip("\n") + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _key_json(key_fields: tuple[str, ...], key: Key | None) -> dict[str, Any] | None:
    return {f: _json_value(v) for f, v in zip(key_fields, key, strict=True)} if key else None


def _side_json(side: Side) -> dict[str, Any]:
    return {
        "revision": side.revision,
        "commit": side.commit,
        "label": side.label,
        "readable": side.error is None,
        "error": side.error[0] if side.error else None,
        "error_en": side.error[1] if side.error else None,
    }


def _resource_json(r: ResourceDiff) -> dict[str, Any]:
    def row(item: Row) -> dict[str, Any]:
        values = {k: _json_value(v) for k, v in item.values.items()}
        return {"key": _key_json(r.key_fields, item.key), "values": values}

    def change(item: RowChange) -> dict[str, Any]:
        fields = [
            {
                "field": f.field,
                "title": f.title,
                "before": _json_value(f.before),
                "after": _json_value(f.after),
            }
            for f in item.fields
        ]
        return {"key": _key_json(r.key_fields, item.key), "fields": fields}

    return {
        "name": r.name,
        "title": r.title,
        "file": r.file,
        "primary_key": list(r.key_fields),
        "added": [row(x) for x in r.added],
        "removed": [row(x) for x in r.removed],
        "changed": [change(x) for x in r.changed],
        "internal_changed": r.internal_changes,
        "incomplete": list(r.incomplete),
    }


def _plain(record: Any, **extra: Any) -> dict[str, Any]:
    """A flat dataclass as JSON-ready values (Decimal as strings, dates ISO)."""
    values = {f.name: _json_value(getattr(record, f.name)) for f in dataclasses.fields(record)}
    return {**values, **extra}


def to_json(diff: Diff) -> dict[str, Any]:
    """The same facts as the Markdown, as one JSON-ready object (Decimals as strings)."""
    return {
        "base": _side_json(diff.base),
        "head": _side_json(diff.head),
        "date": diff.today.isoformat(),
        "comparable": diff.comparable,
        "resources": [_resource_json(r) for r in diff.resources],
        "ledger": [
            _plain(
                y,
                before=_plain(y.before) if y.before else None,
                after=_plain(y.after) if y.after else None,
            )
            for y in diff.ledger
        ],
        "decisions": [_plain(d, matches=d.matches) for d in diff.decisions],
        "notices": [_plain(n) for n in diff.notices],
        "errors": {
            "base_count": diff.base_errors,
            "head_count": diff.head_errors,
            "new": [p.to_dict() for p in diff.new_errors],
            "fixed": [p.to_dict() for p in diff.fixed_errors],
        },
    }


def run(project: str, base: str, head: str | None = None, fmt: str = "markdown") -> int:
    """The body of ``gongshi diff``: print the summary; return the exit code (see above)."""
    try:
        if fmt not in FORMATS:
            raise ConfigError("diff-format-unknown", value=fmt, allowed="、".join(FORMATS))
        diff = compute_diff(Path(project), base, head)
    except ConfigError as exc:
        print(f"gongshi: {exc.message}\n         {exc.message_en}", file=sys.stderr)
        return 2
    if fmt == "json":
        print(json.dumps(to_json(diff), ensure_ascii=False, indent=2))
    else:
        print(render_markdown(diff), end="")
    return 1 if diff.head.error else 0
