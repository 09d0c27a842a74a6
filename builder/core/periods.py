"""Periods counted in days, as Civil Code Art. 201 and 203 count them.

- Art. 201: a period counted in days starts the day after the event: the day of the
  event is not counted. Three days after 2025-06-15 end on 2025-06-18.
- Art. 203: when the last day is a 法定休假日 (statutory rest day), the period ends on
  the day after the rest days end.

The reference texts do not define 法定休假日. The project's reading: a day the
``chinese_calendar`` package marks as a rest day (``is_holiday``), that is a statutory
holiday, or a Saturday or Sunday not made a working day by 调休. A period counted in
working days (Beijing's regulations, Art. 57: 公示十个工作日) counts only the days that
package marks as working days; its last day is a working day, so Art. 203 never moves it.

The package knows the years in ``COVERED_YEARS`` only. When a day the count needs lies
outside them, the count goes on with Saturdays and Sundays as the only rest days for
working days, and without any move for calendar days, and the ``Deadline`` says so
(``covered`` False): it is never a guess passed off as the law's count. (Without the
calendar a working-day count can be off either way: a holiday makes it later, a 调休
working weekend earlier.) Nothing here reads today's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]  # no type hints shipped

# The first and last year the holiday calendar knows, read from the package itself.
COVERED_YEARS: tuple[int, int] = (
    min(chinese_calendar.holidays).year,
    max(chinese_calendar.holidays).year,
)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    """The last day of a period of ``days`` days after ``start``.

    Attributes:
        start: the day of the event (not counted, Art. 201).
        days: the length of the period.
        working_days: True when only working days are counted.
        last_day: the period's last day, after any Art. 203 move.
        moved_from: the last day before Art. 203 moved it, when it did; else None.
        covered: False when a day the count needed lies outside ``COVERED_YEARS``:
            then rest days other than weekends were not known (see the module).
    """

    start: date
    days: int
    working_days: bool
    last_day: date
    moved_from: date | None
    covered: bool


def is_covered(day: date) -> bool:
    """Whether the holiday calendar knows ``day``'s year."""
    return COVERED_YEARS[0] <= day.year <= COVERED_YEARS[1]


def is_rest_day(day: date) -> bool:
    """Whether ``day`` is a 法定休假日 in the project's reading (see the module);
    outside ``COVERED_YEARS``, whether it is a Saturday or Sunday."""
    if not is_covered(day):
        return day.weekday() >= 5
    return bool(chinese_calendar.is_holiday(day))


def deadline_after(start: date, days: int, working_days: bool = False) -> Deadline:
    """The period of ``days`` days (or working days) after ``start``, counted as Civil
    Code Art. 201 and 203 say."""
    if days < 1:
        raise ValueError(f"a period has at least one day, not {days}")
    if working_days:
        day, counted, covered = start, 0, True
        while counted < days:
            day += ONE_DAY
            covered = covered and is_covered(day)
            if not is_rest_day(day):
                counted += 1
        return Deadline(start, days, True, day, None, covered)
    return ending_on(start, start + timedelta(days=days), days)


def ending_on(start: date, last: date, days: int | None = None) -> Deadline:
    """The period from the day after ``start`` to ``last``, its last day moved as
    Art. 203 says. A period set by the calendar (每季度, 每半年, 每年: one ends on a
    quarter's, a half-year's or a year's last day) or by a date (三月底前) has its last
    day named, not counted; the move is the same."""
    length = (last - start).days if days is None else days
    day = last
    while is_covered(day) and is_rest_day(day):
        day += ONE_DAY
    if not is_covered(day):  # a rest day the calendar cannot see: no move at all
        return Deadline(start, length, False, last, None, False)
    return Deadline(start, length, False, day, last if day != last else None, True)
