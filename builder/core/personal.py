"""Personal details with an end date: the one rule for how long they stay published.

A Table Schema marks the fields that hold personal details with ``personal: true``
(a person's name, birth month, employer...). A record that fills any of them states its
basis (PIPL Art. 13, 25): ``personal_basis`` ``consent`` with ``consent_date``, or
``legal_duty`` with ``basis_source`` (``rules/personal_basis.py`` checks this). The
details are published until the record's public period ends (``end``; a person a
notice is about: the notice's), or as many days later as community.yaml's
``rules.personal_details_retention`` allows, or until an
earlier ``personal_until`` (Art. 19, 47: no longer than the purpose needs).

``published`` applies that, on the build date, to every record: the site, its print
pages, downloads, search index and sitemap all read what it returns, and nothing else
(the build date, not today, so a rebuild of the same commit on the same date gives the
same bytes, and a scheduled rebuild takes the details down on time). Validation reads
the full records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from builder.core.model import Record, Records
from builder.core.resources import PARTS

BASIS = "personal_basis"
CONSENT = "consent"
LEGAL_DUTY = "legal_duty"
CONSENT_DATE = "consent_date"
BASIS_SOURCE = "basis_source"
UNTIL = "personal_until"
PERIOD_START = "start"
PERIOD_END = "end"
# Set (True) in the values of a record whose personal details were taken out.
REDACTED = "personal_redacted"


@dataclass(frozen=True)
class Period:
    """The public period a record's personal details belong to: its own ``start`` and
    ``end``, or, for a part of another record (a person a notice is about), that
    record's. Either may be None (a committee member has none: no end date)."""

    start: date | None
    end: date | None


def filled(record: Record, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The personal fields ``record`` fills."""
    return tuple(f for f in fields if record.values.get(f) not in (None, ""))


def periods(records: Records, resource: str) -> Callable[[Record], Period]:
    """How to find the public period of a record of ``resource``."""
    part = PARTS.get(resource)
    if part is None:
        return lambda record: _period(record.values)
    key, whole = part
    wholes = {w.values.get("id"): w.values for w in records.table(whole)}
    return lambda record: _period(wholes.get(record.values.get(key), {}))


def _period(values: Mapping[str, Any]) -> Period:
    start, end = values.get(PERIOD_START), values.get(PERIOD_END)
    return Period(
        start if isinstance(start, date) else None, end if isinstance(end, date) else None
    )


def extension_days(records: Records) -> int:
    """The days personal details may stay after a period's end (0 without the setting)."""
    community = records.community
    setting = community.rules.personal_details_retention if community else None
    return setting.value if setting is not None else 0


def latest_day(period: Period, extension: int) -> date | None:
    """The last day the details may be published: the period's end and the extension;
    None for a record with no period (its details have no end date)."""
    return period.end + timedelta(days=extension) if period.end is not None else None


def published_until(record: Record, period: Period, extension: int) -> date | None:
    """The last day ``record``'s personal details are published: its ``personal_until``
    within the latest allowed day, or that day (None: no end)."""
    latest = latest_day(period, extension)
    until = record.values.get(UNTIL)
    if isinstance(until, date):
        return min(until, latest) if latest is not None else until
    return latest


def published(records: Records, build_date: date) -> Records:
    """The records as published on ``build_date``: each record whose personal details
    are past their last day keeps its other fields, its personal fields emptied and
    ``REDACTED`` set."""
    if not records.personal:
        return records
    extension = extension_days(records)
    tables = dict(records.tables)
    for resource, fields in records.personal.items():
        period = periods(records, resource)
        tables[resource] = [
            _redacted(r, fields) if _expired(r, fields, period(r), extension, build_date) else r
            for r in records.table(resource)
        ]
    return replace(records, tables=tables)


def _expired(
    record: Record, fields: tuple[str, ...], period: Period, extension: int, build_date: date
) -> bool:
    until = published_until(record, period, extension)
    return bool(filled(record, fields)) and until is not None and build_date > until


def _redacted(record: Record, fields: tuple[str, ...]) -> Record:
    gone = dict.fromkeys(fields)
    return replace(record, values={**record.values, **gone, REDACTED: True})
