"""Disclosure duties: what the law of a city requires to be published, and when.

A duty is data (``builder/rules/profiles/*.yaml``, read by ``load.profiles``; a
community's own stricter duties in community.yaml's ``rules.disclosure_rules``). Each
names what is published (``DUTIES``), by when, how long it stays on display, and the
article it rests on. Three kinds of "when":

- ``every``: once in each calendar quarter, half-year or year (每季度公布一次). The
  period's last day is the deadline, moved by Civil Code Art. 203 when it is a
  statutory rest day; ``due_by`` (月, 日) instead sets a day of the following year
  (每年三月底前公告上一年度…).
- ``within_days``: within so many days after an event (a decision made: 作出之日起三日内),
  counted by Art. 201 and 203 (``core.periods.deadline_after``); ``before_days``: so
  many days before it (a meeting announced 十五日前).
- neither: the text says only 定期 or 及时 (periodically, promptly). Such a duty has no
  due date and is never overdue.

The property-service contract's term (community.yaml ``service_contract``) is the event
of three duties (Civil Code Art. 947-948): the provider's written notice that it will not
renew, ``before_days`` before the term ends (a contract's own notice period replaces it);
the owners' decision to renew or choose another, by the term's end; and, after an end with
no such decision, the contract's continuing with no fixed term (``before_days``: the
notice either side gives to end it), which has no due date.

No I/O here; periods are counted in ``core.periods``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from builder.core.model import RuleSource

# What a duty publishes. Decisions and assembly notices are the decisions' own dates;
# the periodic reports are rows of the disclosure log (data/disclosures.csv), whose
# ``subject`` is one of PERIODIC_DUTIES.
DECISIONS = "decisions"
ASSEMBLY_NOTICE = "assembly_notice"
PERIODIC_DUTIES = (
    "common_income",
    "maintenance_fund",
    "committee_fees",
    "seal_use",
    "service_report",
)
# The contract term's duties (Art. 947 para 2, para 1, Art. 948); the provider's notice,
# when it comes, is a row of the disclosure log whose period is the year the term ends.
CONTRACT_NOTICE = "contract_notice"
CONTRACT_RENEWAL = "contract_renewal"
CONTRACT_OPEN_TERM = "contract_open_term"
CONTRACT_DUTIES = (CONTRACT_NOTICE, CONTRACT_RENEWAL, CONTRACT_OPEN_TERM)
EVENT_DUTIES = (DECISIONS, ASSEMBLY_NOTICE, *CONTRACT_DUTIES)
# The duties counted in days before their event (a meeting, the term's end).
BEFORE_DUTIES = (ASSEMBLY_NOTICE, CONTRACT_NOTICE, CONTRACT_OPEN_TERM)
DUTIES = (*EVENT_DUTIES, *PERIODIC_DUTIES)
# The duty that is owed once per ledger account (each account's own statement).
PER_ACCOUNT = frozenset({"common_income"})
BODIES = ("owners_assembly", "committee")

Every = Literal["quarter", "half_year", "year"]
# The months of each period, and the order of strictness (a shorter period is stricter).
MONTHS: dict[str, int] = {"quarter": 3, "half_year": 6, "year": 12}

Status = Literal["done-on-time", "late", "overdue", "upcoming", "no-frequency"]
STATUSES: tuple[Status, ...] = ("overdue", "late", "upcoming", "done-on-time", "no-frequency")


@dataclass(frozen=True)
class DutyRule:
    """One duty to publish, with its source.

    Attributes:
        duty: what is published, one of ``DUTIES``.
        body: for decisions, whose: "owners_assembly" or "committee" (None: both).
        every: "quarter", "half_year" or "year"; None for event duties and 定期 duties.
        due_by: (month, day) of the year after the period, when the text sets one.
        within_days: for event duties, days after the event (Art. 201, 203).
        before_days: for the assembly notice, days before the meeting; for the
            provider's notice, days before the term ends; for a contract with no fixed
            term, the notice to end it (no due date).
        display_days: the least number of days it stays on display, when the text sets
            one (counted like any period, Art. 201).
        source: the law and article (or the community's rules of procedure).
        origin: the profile id it comes from, or "community".
        file, line: where it is written (a profile file, or community.yaml).
    """

    duty: str
    body: str | None
    every: str | None
    due_by: tuple[int, int] | None
    within_days: int | None
    before_days: int | None
    display_days: int | None
    source: RuleSource
    origin: str
    file: str
    line: int

    @property
    def key(self) -> tuple[str, str | None]:
        """A later rule with the same key replaces an earlier one (a city's over the
        national one; a stricter community rule over the profile's)."""
        return (self.duty, self.body)

    @property
    def has_due(self) -> bool:
        return any(x is not None for x in (self.every, self.within_days, self.before_days))

    def stricter_than(self, other: DutyRule) -> bool:
        """Whether this rule asks at least as much as ``other`` and more in something:
        a due date where there was none, a shorter period, fewer days after an event,
        more days before it, a longer display."""
        if not other.has_due:
            return self.has_due or (self.display_days or 0) > (other.display_days or 0)
        if not self.has_due:
            return False
        mine, theirs = self._demand(), other._demand()
        return all(a >= b for a, b in zip(mine, theirs, strict=True)) and mine != theirs

    def _demand(self) -> tuple[int, int, int, int]:
        """Larger is stricter, item by item."""
        return (
            -MONTHS.get(self.every or "", 0) * 100 - (0 if self.due_by is None else 50),
            -(self.within_days or 0),
            self.before_days or 0,
            self.display_days or 0,
        )


@dataclass(frozen=True)
class Profile:
    """A rule profile: the duties of one place's law, national ones included.

    Attributes:
        id: the file's name, e.g. "shanghai".
        title: the place, e.g. "上海市".
        laws: the law ids its own rules cite, first the main one.
        rules: every duty, those it extends included, later replacing earlier by key.
    """

    id: str
    title: str
    laws: tuple[str, ...]
    rules: tuple[DutyRule, ...]

    def rule(self, duty: str, body: str | None = None) -> DutyRule | None:
        return next((r for r in self.rules if r.key == (duty, body)), None)


@dataclass(frozen=True)
class Period:
    """One calendar period of a periodic duty.

    Attributes:
        key: "2026-Q3", "2026-H1" or "2026" (as the disclosure log's ``period``).
        first, last: its first and last day.
    """

    key: str
    first: date
    last: date


def period_of(every: str, day: date) -> Period:
    """The period of kind ``every`` that holds ``day``."""
    months = MONTHS[every]
    index = (day.month - 1) // months
    first = date(day.year, index * months + 1, 1)
    end_month = first.month + months  # the month after the period, maybe next year's 1
    last = (
        date(day.year + 1, 1, 1) if end_month > 12 else date(day.year, end_month, 1)
    ) - timedelta(days=1)
    if every == "year":
        key = str(day.year)
    elif every == "half_year":
        key = f"{day.year}-H{index + 1}"
    else:
        key = f"{day.year}-Q{index + 1}"
    return Period(key, first, last)


def periods(every: str, first: date, last: date) -> list[Period]:
    """Every period of kind ``every`` that ends on or after ``first`` and begins on or
    before ``last``, in order."""
    found: list[Period] = []
    period = period_of(every, first)
    while period.first <= last:
        found.append(period)
        period = period_of(every, period.last + timedelta(days=1))
    return found


def period_kind(key: str) -> str | None:
    """The kind of period a log's ``period`` names ("2026-Q3": quarter), or None."""
    if len(key) == 4 and key.isdigit():
        return "year"
    if len(key) == 7 and key[:4].isdigit() and key[4:6] in ("-Q", "-H"):
        if key[4:6] == "-Q" and key[6] in "1234":
            return "quarter"
        if key[4:6] == "-H" and key[6] in "12":
            return "half_year"
    return None
