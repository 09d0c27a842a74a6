"""The dates of a decision's procedure: announcement, voting period, decision and
publication (``Decision.dates``, in the order of ``PROCEDURE_DATES``).

- The dates come in that order (the same day allowed).
- Property Management Regulations Art. 14: an owners' assembly meeting is announced to
  all owners 15 days before it is held. A shorter notice is a defect of the procedure
  (a court may revoke such a decision), not an error of the data: it is published with
  a warning, and the decision page says so.
- A publication deadline is the community's own (``rules.publication_deadline``, with
  its source): days after the decision, counted by ``core.periods`` as Civil Code
  Art. 201 and 203 count them.
- Older records without these dates stay valid, with one warning naming what is missing.

``notice_check`` and ``publication_check`` are what the pages show; the rules below word
the same checks as problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import cast

from builder.core import resources as R
from builder.core.model import (
    PROCEDURE_DATES,
    Community,
    Decision,
    PublicationDeadline,
    Records,
    RuleSource,
    Setting,
)
from builder.core.periods import COVERED_YEARS, Deadline, deadline_after
from builder.core.problems import Problem, problem
from builder.messages import LABELS
from builder.messages.commands import LIST_JOIN
from builder.messages.problems import (
    DEADLINE_MOVED,
    DEADLINE_PERIODS,
    SETTING_SOURCES,
)
from builder.messages.site import BODIES_EN
from builder.rules import RuleContext
from builder.site.citations import catalogue, chinese_number

NOTICE_DAYS = 15  # Property Management Regulations Art. 14: 会议召开15日以前通知
BODY_ZH = cast(dict[str, str], LABELS["body"])
# The dates each body's decision should record (older records may lack them).
EXPECTED_DATES = {
    "owners_assembly": ("announced", "vote_start", "vote_end", "published"),
    "committee": ("published",),
}


@dataclass(frozen=True)
class NoticeCheck:
    """How long before an owners' assembly meeting (or vote) it was announced.

    Attributes:
        announced: the announcement day (not counted, Civil Code Art. 201).
        meeting: the day the meeting or vote began (``vote_start``, else ``date``).
        meeting_field: which of the two ``meeting`` is.
        days: whole days from the announcement to the meeting, the announcement day
            not counted: ``meeting - announced``.
        required: 15 (Property Management Regulations Art. 14).
    """

    announced: date
    meeting: date
    meeting_field: str
    days: int
    required: int = NOTICE_DAYS

    @property
    def met(self) -> bool:
        return self.days >= self.required


@dataclass(frozen=True)
class PublicationCheck:
    """Whether a decision was published within the community's deadline.

    Attributes:
        setting: ``rules.publication_deadline`` (its ``.source`` is why).
        deadline: the period after the decision's date, counted by ``core.periods``.
        published: the day it was published, None when not recorded.
    """

    setting: Setting[PublicationDeadline]
    deadline: Deadline
    published: date | None

    @property
    def on_time(self) -> bool | None:
        """True or False; None when the publication day is not recorded, or falls after
        the unmoved last day of a period the holiday calendar does not cover."""
        if self.published is None:
            return None
        if self.published <= self.deadline.last_day:
            return True
        return False if self.deadline.covered else None


def _date(d: Decision, name: str) -> date | None:
    return d.date if name == "date" else d.dates.get(name)


def notice_check(d: Decision) -> NoticeCheck | None:
    """The notice an owners' assembly decision had, when it records its announcement
    and its meeting (``vote_start``, else ``date``); None otherwise."""
    announced = d.dates.get("announced")
    if d.body != "owners_assembly" or announced is None:
        return None
    meeting_field = "vote_start" if d.dates.get("vote_start") else "date"
    meeting = cast(date, _date(d, meeting_field))
    return NoticeCheck(announced, meeting, meeting_field, (meeting - announced).days)


def publication_check(d: Decision, community: Community | None) -> PublicationCheck | None:
    """The decision's publication against ``rules.publication_deadline``; None when the
    community sets no deadline."""
    setting = community.rules.publication_deadline if community else None
    if setting is None:
        return None
    rule = setting.value
    deadline = deadline_after(d.date, rule.days, rule.working_days)
    return PublicationCheck(setting, deadline, d.published)


def source_words(source: RuleSource) -> tuple[str, str]:
    """A setting's source as a message names it, in Chinese and English."""
    if source.law is not None and source.article is not None:
        zh, en = SETTING_SOURCES["law"]
        title = catalogue()[source.law].title
        return (
            zh.format(title=title, number=chinese_number(source.article)),
            en.format(title=source.law, article=source.article),
        )
    decision_zh, decision_en = SETTING_SOURCES["decision"]
    if not source.decision:
        decision_zh = decision_en = ""
    zh, en = SETTING_SOURCES["rules"]
    article = source.rules_of_procedure or ""
    return (
        zh.format(article=article, decision=decision_zh.format(decision=source.decision)),
        en.format(article=article, decision=decision_en.format(decision=source.decision)),
    )


def _titles(records: Records) -> dict[str, str]:
    return records.titles.get(R.DECISIONS, {})


def check_dates_order(records: Records, context: RuleContext) -> Iterator[Problem]:
    """announced <= vote_start <= vote_end <= date <= published, each recorded date
    against the nearest earlier one recorded."""
    titles = _titles(records)
    for d in records.decisions.values():
        earlier: tuple[str, date] | None = None
        for name in PROCEDURE_DATES:
            value = _date(d, name)
            if value is None:
                continue
            if earlier is not None and value < earlier[1]:
                yield problem(
                    "decision-dates-order",
                    d.source.file,
                    d.source.line_of(name),
                    name,
                    title=titles.get(name, name),
                    value=value.isoformat(),
                    earlier_field=earlier[0],
                    earlier_title=titles.get(earlier[0], earlier[0]),
                    earlier=earlier[1].isoformat(),
                )
            earlier = (name, value)


def check_notice(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Property Management Regulations Art. 14: 15 days' notice of an owners' assembly
    meeting. A notice after the meeting is a dates-order error, not counted here."""
    titles = _titles(records)
    for d in records.decisions.values():
        check = notice_check(d)
        if check is None or check.met or check.days < 0:
            continue
        yield problem(
            "decision-notice-short",
            d.source.file,
            d.source.line_of("announced"),
            "announced",
            severity="warning",
            announced=check.announced.isoformat(),
            meeting=check.meeting.isoformat(),
            meeting_field=check.meeting_field,
            meeting_title=titles.get(check.meeting_field, check.meeting_field),
            days=check.days,
        )


def check_dates_missing(records: Records, context: RuleContext) -> Iterator[Problem]:
    """One warning per decision that lacks dates its body's procedure has."""
    titles = _titles(records)
    for d in records.decisions.values():
        missing = [name for name in EXPECTED_DATES[d.body] if d.dates.get(name) is None]
        if not missing:
            continue
        yield problem(
            "decision-dates-missing",
            d.source.file,
            d.source.line,
            None,
            severity="warning",
            body_zh=BODY_ZH[d.body],
            body_en=BODIES_EN[d.body],
            missing=LIST_JOIN.join(titles.get(name, name) for name in missing),
            missing_en=", ".join(missing),
        )


def check_publication(records: Records, context: RuleContext) -> Iterator[Problem]:
    """A decision published after the community's deadline (rules.publication_deadline):
    late with the setting's severity; unknown (a warning) when the holiday calendar does
    not cover the period and the day is after its unmoved last day."""
    for d in records.decisions.values():
        check = publication_check(d, records.community)
        if check is None or check.published is None or check.on_time:
            continue
        deadline, setting = check.deadline, check.setting
        period, period_en = (
            t.format(days=deadline.days) for t in DEADLINE_PERIODS[deadline.working_days]
        )
        source, source_en = source_words(setting.source)
        where = (d.source.file, d.source.line_of("published"), "published")
        if check.on_time is None:
            yield problem(
                "decision-deadline-unknown",
                *where,
                severity="warning",
                date=d.date.isoformat(),
                published=check.published.isoformat(),
                last_day=deadline.last_day.isoformat(),
                period=period,
                period_en=period_en,
                first=COVERED_YEARS[0],
                last=COVERED_YEARS[1],
                source=source,
                source_en=source_en,
            )
            continue
        moved, moved_en = ("", "")
        if deadline.moved_from is not None:
            moved_from = deadline.moved_from.isoformat()
            moved, moved_en = (t.format(moved_from=moved_from) for t in DEADLINE_MOVED)
        yield problem(
            "decision-published-late",
            *where,
            severity=setting.value.severity,
            date=d.date.isoformat(),
            published=check.published.isoformat(),
            last_day=deadline.last_day.isoformat(),
            period=period,
            period_en=period_en,
            moved=moved,
            moved_en=moved_en,
            source=source,
            source_en=source_en,
        )
