"""A record that publishes personal details states why and until when (PIPL Art. 13,
19, 25, 47): its basis, consent given before publication with its date or a legal duty
with its source, and no ``personal_until`` past what the community's setting allows.
How long the details stay is decided once, in ``core.personal``.

A person's details typed into free text (a notice's body, a meeting's topic) escape all
of that: ``check_person_in_text`` warns when a text reads like one ("方桂英，女，…",
"1991年8月生"), so staff move them into the fields made for them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.core import personal as P
from builder.core.model import Record, Records
from builder.core.problems import Problem, problem
from builder.messages.commands import LIST_JOIN
from builder.rules import RuleContext, text_values


def check_personal_basis(records: Records, context: RuleContext) -> Iterator[Problem]:
    extension = P.extension_days(records)
    for resource, fields in records.personal.items():
        titles = records.titles.get(resource, {})
        period = P.periods(records, resource)
        for record in records.table(resource):
            given = P.filled(record, fields)
            if given:
                yield from _basis(record, given, titles, period(record))
                yield from _until(record, period(record), extension)


def _basis(
    record: Record, given: tuple[str, ...], titles: dict[str, str], period: P.Period
) -> Iterator[Problem]:
    source, values = record.source, record.values
    basis = values.get(P.BASIS)
    if basis == P.CONSENT:
        consent = values.get(P.CONSENT_DATE)
        start = period.start
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


def _until(record: Record, period: P.Period, extension: int) -> Iterator[Problem]:
    until = record.values.get(P.UNTIL)
    latest = P.latest_day(period, extension)
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


# What a person's description looks like in running text: a birth month ("1991年8月生")
# and a name followed by a sex between commas ("方桂英，女，").
_PERSON_TEXT = (
    ("出生年月", re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*出?生(?=[，,。；;、\s]|$)")),
    ("姓名和性别", re.compile(r"[\u4e00-\u9fff]{2,4}\s*[，,]\s*[男女]\s*[，,。]")),
)


def check_person_in_text(records: Records, context: RuleContext) -> Iterator[Problem]:
    personal = {name for fields in records.personal.values() for name in fields}
    for file, line, field, text in text_values(records):
        if field in personal:
            continue
        for what, pattern in _PERSON_TEXT:
            if pattern.search(text):
                yield problem(
                    "personal-details-in-text", file, line, field, severity="warning", what=what
                )
                break
