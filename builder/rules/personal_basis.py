"""A record that publishes personal details states why and until when (PIPL Art. 13,
19, 25, 47): its basis, consent given before publication with its date or a legal duty
with its source, and no ``personal_until`` past what the community's setting allows.
How long the details stay is decided once, in ``core.personal``."""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import personal as P
from builder.core.model import Record, Records
from builder.core.problems import Problem, problem
from builder.messages.commands import LIST_JOIN
from builder.rules import RuleContext


def check_personal_basis(records: Records, context: RuleContext) -> Iterator[Problem]:
    extension = P.extension_days(records)
    for resource, fields in records.personal.items():
        titles = records.titles.get(resource, {})
        for record in records.table(resource):
            given = P.filled(record, fields)
            if given:
                yield from _basis(record, given, titles)
                yield from _until(record, extension)


def _basis(record: Record, given: tuple[str, ...], titles: dict[str, str]) -> Iterator[Problem]:
    source, values = record.source, record.values
    basis = values.get(P.BASIS)
    if basis == P.CONSENT:
        consent = values.get(P.CONSENT_DATE)
        start = values.get("start")
        if consent is None:
            line = source.line_of(P.CONSENT_DATE) or source.line_of(P.BASIS)
            yield problem("personal-consent-no-date", source.file, line, P.CONSENT_DATE)
        elif start is not None and consent > start:
            yield problem(
                "personal-consent-after-start",
                source.file,
                source.line_of(P.CONSENT_DATE),
                P.CONSENT_DATE,
                consent_date=consent,
                start=start,
            )
    elif basis == P.LEGAL_DUTY:
        if not values.get(P.BASIS_SOURCE):
            line = source.line_of(P.BASIS_SOURCE) or source.line_of(P.BASIS)
            yield problem("personal-duty-no-source", source.file, line, P.BASIS_SOURCE)
    else:  # none given (a wrong code is the schema's enum error)
        yield problem(
            "personal-no-basis",
            source.file,
            source.line_of(given[0]),
            P.BASIS,
            fields=LIST_JOIN.join(titles.get(f, f) for f in given),
        )


def _until(record: Record, extension: int) -> Iterator[Problem]:
    until = record.values.get(P.UNTIL)
    latest = P.latest_day(record, extension)
    if until is None or latest is None or until <= latest:
        return
    yield problem(
        "personal-until-too-late",
        record.source.file,
        record.source.line_of(P.UNTIL),
        P.UNTIL,
        until=until,
        latest=latest,
        days=extension,
    )
