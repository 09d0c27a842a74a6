"""From checked rows to typed records. The check stage hands each table's valid rows
to a collector of this stage as it checks them (``RecordsBuilder.collector``), so a
ledger goes straight into columns; ``build`` then makes the Records, once."""

from __future__ import annotations

from typing import Any

from builder.check.typed import Collector, TypedChunk
from builder.core import resources as R
from builder.core.model import (
    BALLOT_FIELDS,
    COMMITTEE_VOTE_FIELDS,
    OWNER_VOTE_FIELDS,
    PROCEDURE_DATES,
    Account,
    BalanceAssertion,
    Decision,
    LedgerColumns,
    LedgerView,
    Record,
    Records,
    RegisterCount,
    Source,
    scope_parts,
)
from builder.load.csv import CsvFrames
from builder.load.project import Project
from builder.load.stage import Loaded
from builder.load.table import Table
from builder.records.ledger import LedgerBuilder

Row = tuple[int, dict[str, Any]]  # a row's index in its table, and its typed values


class TypedRows:
    """Collects a table's valid rows as (row index, typed values)."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def add(self, chunk: TypedChunk) -> None:
        self.rows.extend(chunk.rows())

    def discard(self, indexes: set[int]) -> None:
        self.rows = [row for row in self.rows if row[0] not in indexes]


class RecordsBuilder:
    """Collects each table's valid rows during the check, then builds the Records.

    ``keep_rows``: make each ledger row available to the site (as a view of its
    columns) and keep amounts exactly as written; without it a ledger is only its
    columns, which is all the rules need.
    """

    def __init__(self, project: Project, loaded: Loaded, keep_rows: bool = True) -> None:
        self.project, self.loaded, self.keep_rows = project, loaded, keep_rows
        self.collected: dict[str, TypedRows | LedgerBuilder] = {}

    def collector(self, name: str) -> Collector:
        """Where the check stage hands the valid rows of table ``name``."""
        resource = self.project.resource(name)
        if resource is not None and resource.account:
            table = self.loaded.tables[name]
            made: TypedRows | LedgerBuilder = LedgerBuilder(resource.account, table, self.keep_rows)
        else:
            made = TypedRows()
        self.collected[name] = made
        return made

    def build(self, invalid: frozenset[str]) -> Records:
        """The records, from every row the checks passed; ``invalid`` names the tables
        with any error (see ``Records.invalid_resources``)."""
        ledgers: dict[str, LedgerColumns] = {}
        tables: dict[str, Any] = {}
        titles = {}
        for resource in self.project.resources:
            titles[resource.name] = {f.name: f.title for f in resource.schema.fields}
            collector = self.collected.get(resource.name)
            if resource.account:
                if isinstance(collector, LedgerBuilder):
                    ledgers[resource.account] = collector.columns()
                    kept = [ledgers[resource.account]] if self.keep_rows else []
                else:
                    kept = []
                tables[resource.name] = LedgerView(kept, resource.name)
            else:
                tables[resource.name] = [
                    Record(resource.name, values, self._source(resource.name, i))
                    for i, values in self._rows(resource.name)
                ]
        if self.project.register_schema is not None:
            titles[R.OWNERS_REGISTER] = {
                f.name: f.title for f in self.project.register_schema.fields
            }
        accounts = [
            Account(
                v["id"],
                v["name"],
                v["opened"],
                v.get("closed"),
                v["opening_balance"],
                self._source(R.ACCOUNTS, i),
                "fund" if v.get("kind") == "fund" else "ledger",
            )
            for i, v in self._rows(R.ACCOUNTS)
        ]
        return Records(
            community=self.loaded.community,
            # The fund's account has no ledger resource: apart, so the ledger rules and
            # pages, which expect one for each account, never meet it.
            accounts={a.id: a for a in accounts if a.kind == "ledger"},
            funds={a.id: a for a in accounts if a.kind == "fund"},
            assertions=[
                BalanceAssertion(
                    v["account"], v["date"], v["balance"], self._source(R.ASSERTIONS, i)
                )
                for i, v in self._rows(R.ASSERTIONS)
            ],
            ledgers=ledgers,
            entries=LedgerView(ledgers.values() if self.keep_rows else ()),
            decisions={
                v["id"]: _decision(v, self._source(R.DECISIONS, i))
                for i, v in self._rows(R.DECISIONS)
            },
            tables=tables,
            invalid_resources=invalid,
            titles=titles,
            personal={
                r.name: r.schema.personal for r in self.project.resources if r.schema.personal
            },
            register=[
                _register_count(v, self._source(R.OWNERS_REGISTER, i))
                for i, v in self._rows(R.OWNERS_REGISTER)
            ],
        )

    def _rows(self, name: str) -> list[Row]:
        collector = self.collected.get(name)
        return collector.rows if isinstance(collector, TypedRows) else []

    def _source(self, name: str, index: int) -> Source:
        return source_of(self.loaded.tables[name], index)


def source_of(table: Table | CsvFrames, index: int) -> Source:
    lines = table.field_lines[index] if table.field_lines else {}
    return Source(table.file, table.lines[index], tuple(sorted(lines.items())))


def _decision(v: dict[str, Any], source: Source) -> Decision:
    return Decision(
        id=v["id"],
        date=v["date"],
        body=v["body"],
        matter=v.get("matter"),
        title=v["title"],
        summary=v["summary"],
        result=v["result"],
        votes={k: v.get(k) for k in OWNER_VOTE_FIELDS + BALLOT_FIELDS + COMMITTEE_VOTE_FIELDS},
        source=source,
        amount=v.get("amount"),
        scope=scope_parts(v.get("voting_scope")),
        totals_note=v.get("totals_note"),
        dates={k: v.get(k) for k in PROCEDURE_DATES},
    )


def _register_count(v: dict[str, Any], source: Source) -> RegisterCount:
    return RegisterCount(
        as_of=v["as_of"],
        scope=scope_parts(v["part"]),
        area=v["area"],
        units=v["units"],
        developer_units=v["developer_units"],
        extra_units=v["extra_units"],
        owners=v["owners"],
        source=v["source"],
        source_ref=source,
    )
