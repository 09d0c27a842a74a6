"""The requests register (居民诉求台账) against the response pledge: when each request
was due, whether it was handled in time, and the monthly figures the property page and
the requests board show.

A pledge's class has a limit and the moment it counts to (on site, answered, resolved).
The limit includes its number (以内, Civil Code Art. 1259): a problem resolved exactly 40
minutes after it was received is within "40 minutes". Minutes and hours run from the
moment of receipt (Art. 201, second paragraph: a period in hours starts at the agreed
moment). Days are counted as Art. 201 and 203 count them (``core.periods``): the day of
receipt is not counted, and the last day ends at 24:00 (moved past rest days).

Times are written to the minute; nothing here reads today's date: an open request is
judged against the build date given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from builder.core.model import PledgeClass, Record
from builder.core.periods import ONE_DAY, deadline_after

# How the register writes a moment: YYYY-MM-DD HH:MM. MOMENT_PATTERN is the pattern
# its schema (data/schemas/resident_request.yaml) gives each moment field; normalize
# knows a moment field by it (a test checks the schema's copy agrees).
MOMENT_FORMAT = "%Y-%m-%d %H:%M"
MOMENT_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"
MOMENTS = ("received", "on_site", "answered", "resolved")
OPEN = "处理中"
DONE = "已办结"

# A request's standing against its class's limit:
#   met: the moment counted came within the limit;
#   late: it came after the limit;
#   overdue: it has not come and the limit has passed by the build date;
#   pending: it has not come and the limit has not passed;
#   unjudged: no pledge, or no class of the pledge, to judge it by.
Verdict = Literal["met", "late", "overdue", "pending", "unjudged"]


def read_moment(text: str | None) -> datetime | None:
    """A moment written YYYY-MM-DD HH:MM, or None (empty, or no such day or time)."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), MOMENT_FORMAT)
    except ValueError:
        return None


def due(pledge: PledgeClass, received: datetime) -> datetime:
    """The last moment a request received at ``received`` is within ``pledge``'s limit
    (the moment itself included)."""
    if pledge.unit == "minutes":
        return received + timedelta(minutes=pledge.amount)
    if pledge.unit == "hours":
        return received + timedelta(hours=pledge.amount)
    last_day = deadline_after(received.date(), pledge.amount).last_day
    return datetime.combine(last_day + ONE_DAY, time.min)  # 24:00 of the last day


@dataclass(frozen=True)
class Request:
    """One request of the register, its moments read and judged.

    Attributes:
        record: the register's row (its fields as the schema names them).
        received, on_site, answered, resolved: the moments, None when not written.
        pledge: the class of the pledge it falls under, None when there is none.
        due: the last moment within the pledge, None when unjudged.
        verdict: how it stands against the pledge on the build date.
    """

    record: Record
    received: datetime
    on_site: datetime | None
    answered: datetime | None
    resolved: datetime | None
    pledge: PledgeClass | None
    due: datetime | None
    verdict: Verdict

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def month(self) -> tuple[int, int]:
        return (self.received.year, self.received.month)

    @property
    def is_open(self) -> bool:
        return self.record["status"] == OPEN

    def age_days(self, build_date: date) -> int:
        """Whole days from the day it was received to the build date."""
        return max((build_date - self.received.date()).days, 0)


def judge(
    records: Iterable[Record], pledge: Sequence[PledgeClass] | None, build_date: date
) -> list[Request]:
    """Every request whose time of receipt can be read, in the register's order."""
    classes = {c.name: c for c in pledge or ()}
    cutoff = datetime.combine(build_date, time.min)
    found = []
    for record in records:
        moments = {name: read_moment(record.values.get(name)) for name in MOMENTS}
        received = moments["received"]
        if received is None:
            continue
        cls = classes.get(record["class"])
        when, verdict = None, "unjudged"
        if cls is not None:
            when = due(cls, received)
            counted = moments[cls.counts]
            if counted is not None:
                verdict = "met" if counted <= when else "late"
            else:
                verdict = "overdue" if when <= cutoff else "pending"
        found.append(
            Request(
                record,
                received,
                moments["on_site"],
                moments["answered"],
                moments["resolved"],
                cls,
                when,
                verdict,  # type: ignore[arg-type]
            )
        )
    return found


@dataclass(frozen=True)
class MonthFigures:
    """One month's requests of one class: received, and within the pledge."""

    received: int
    within_pledge: int


def monthly(requests: Iterable[Request]) -> dict[tuple[tuple[int, int], str], MonthFigures]:
    """The figures by (month, class) — the register's counterpart of a hand-typed
    performance row: each request counted in the month it was received."""
    received: Counter[tuple[tuple[int, int], str]] = Counter()
    within: Counter[tuple[tuple[int, int], str]] = Counter()
    for request in requests:
        key = (request.month, request.record["class"])
        received[key] += 1
        within[key] += request.verdict == "met"
    return {key: MonthFigures(received[key], within[key]) for key in sorted(received)}


def span(requests: Sequence[Request]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last month the register covers (every month between is kept in
    it, one with no request had none), or None for an empty register."""
    if not requests:
        return None
    months = [r.month for r in requests]
    return min(months), max(months)


def share(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, rounded half up (integers only), or None
    when there is no whole."""
    if whole <= 0:
        return None
    return (200 * part + whole) // (2 * whole)
