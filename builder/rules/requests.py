"""The requests register (居民诉求台账): its times read and in order, its classes those
of the response pledge, and the hand-typed monthly performance agreeing with it.

A request handled late is not a fault in the records: the board publishes it as late.
What is checked here is what would make the published figures wrong."""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import resources as R
from builder.core.model import Record, Records
from builder.core.problems import Problem, problem
from builder.core.requests import DONE, MOMENTS, OPEN, judge, monthly, read_moment, span
from builder.messages.commands import LIST_JOIN
from builder.rules import RuleContext


def check_request_times(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each moment is a real day and time, none before the request was received, none
    after today; a resolved request has its resolved time and an open one none."""
    titles = records.titles.get(R.RESIDENT_REQUESTS, {})
    for record in records.table(R.RESIDENT_REQUESTS):
        file, source = record.source.file, record.source
        read = {name: read_moment(record.values.get(name)) for name in MOMENTS}
        for name in MOMENTS:
            text = record.values.get(name)
            if text and read[name] is None:
                yield problem("request-bad-time", file, source.line_of(name), name, value=text)
        received = read["received"]
        for name in MOMENTS[1:]:
            moment = read[name]
            if received is not None and moment is not None and moment < received:
                yield problem(
                    "request-time-before-received",
                    file,
                    source.line_of(name),
                    name,
                    title=titles.get(name, name),
                    value=record[name],
                    received=record["received"],
                )
        for name in MOMENTS:
            moment = read[name]
            if moment is not None and moment.date() > context.today:
                yield problem(
                    "date-in-future",
                    file,
                    source.line_of(name),
                    name,
                    value=moment.date(),
                    today=context.today,
                )
        status = record["status"]
        if status == DONE and not record.values.get("resolved"):
            yield problem("request-resolved-missing", file, source.line_of("resolved"), "resolved")
        if status == OPEN and record.values.get("resolved"):
            yield problem("request-open-resolved", file, source.line_of("status"), "status")


def check_request_classes(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Each request's class is one of the pledge's (when the community states one)."""
    community = records.community
    pledge = community.rules.response_pledge if community else None
    if pledge is None:
        return
    names = [c.name for c in pledge.value]
    for record in records.table(R.RESIDENT_REQUESTS):
        if record["class"] not in names:
            yield problem(
                "request-class-unknown",
                record.source.file,
                record.source.line_of("class"),
                "class",
                value=record["class"],
                allowed=LIST_JOIN.join(names),
            )


def check_performance_agrees(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Where the hand-typed monthly performance and the register both cover a month,
    each class's received and within-pledge counts are the register's."""
    if not records.table(R.RESIDENT_REQUESTS) or not records.complete(R.RESIDENT_REQUESTS):
        return
    community = records.community
    pledge = community.rules.response_pledge if community else None
    requests = judge(
        records.table(R.RESIDENT_REQUESTS),
        pledge.value if pledge else None,
        context.build_date or context.today,
    )
    covered = span(requests)
    if covered is None:
        return
    figures = monthly(requests)
    typed = [r for r in records.performance if covered[0] <= tuple(r["month"]) <= covered[1]]
    fields = ("received", "within_pledge") if pledge else ("received",)
    titles = records.titles.get(R.PROPERTY_PERFORMANCE, {})
    for row in typed:
        month = (row["month"][0], row["month"][1])
        got = figures.get((month, row["class"]))
        for name in fields:
            expected = getattr(got, name) if got else 0
            if row[name] != expected:
                yield problem(
                    "performance-disagrees",
                    row.source.file,
                    row.source.line_of(name),
                    name,
                    title=titles.get(name, name),
                    month=f"{month[0]}-{month[1]:02d}",
                    klass=row["class"],
                    value=row[name],
                    expected=expected,
                )
    # A class the register has in a month the hand-typed rows cover but not that class.
    typed_keys = {(tuple(r["month"]), r["class"]) for r in typed}
    first_rows: dict[tuple[int, int], Record] = {}
    for typed_row in typed:
        first_rows.setdefault((typed_row["month"][0], typed_row["month"][1]), typed_row)
    for (month, klass), got in figures.items():
        first = first_rows.get(month)
        if first is not None and (month, klass) not in typed_keys:
            yield problem(
                "performance-class-missing",
                first.source.file,
                first.source.line,
                "class",
                month=f"{month[0]}-{month[1]:02d}",
                klass=klass,
                expected=got.received,
            )
