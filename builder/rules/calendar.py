"""The disclosure calendar: for each duty of the community's rule profile (and its own
stricter duties), each period or event since ``rules.disclosure_profile.since``,
whether it was published, when, and whether on time, judged at the build date.

- Decisions: the decision's date is the event, its ``published`` date the publication
  (``within_days`` counted by Civil Code Art. 201 and 203, ``core.periods``).
- The assembly notice: the meeting (``vote_start``, else the decision's date) less
  ``before_days`` is the last day to announce it; ``announced`` is the publication.
- Periodic reports: one publication in each calendar period, its last day the deadline
  (moved by Art. 203), or ``due_by`` in the following year; the disclosure log
  (data/disclosures.csv) holds the publications.
- A duty the text sets without a frequency (定期) has no due date: listed with its latest
  publication, never overdue.
- The property-service contract's term (community.yaml ``service_contract``; Civil
  Code Art. 947-948): the provider's written notice that it will not renew, due
  ``before_days`` (90, or the contract's own ``notice_days``) before the term ends,
  counted as the assembly notice's; its publication a log row of ``contract_notice``
  whose period is the year the term ends. Only a provider that will not renew owes it:
  with none logged by its last day it is not listed (never overdue). The owners'
  decision to renew or choose another (a passed Art. 278 matter-4 decision of the
  assembly, made in the term) is due by the term's end; after an end with no decision
  the contract continues with no fixed term (Art. 948): that item has no due date and
  names the notice either side gives to end it.

Items due more than ``HORIZON_DAYS`` after the build date and not yet published are not
listed. The build date decides every status, so a commit and a date give one calendar
(the site, ``downloads/calendar.json`` and ``gongshi calendar`` show the same).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from builder.core import resources as R
from builder.core.duties import (
    ASSEMBLY_NOTICE,
    BODIES,
    CONTRACT_DUTIES,
    CONTRACT_NOTICE,
    CONTRACT_OPEN_TERM,
    CONTRACT_RENEWAL,
    DECISIONS,
    PER_ACCOUNT,
    DutyRule,
    Profile,
    Status,
    period_kind,
    periods,
)
from builder.core.formatting import date_zh
from builder.core.model import (
    CalendarSetting,
    Decision,
    Record,
    Records,
    RuleSource,
    ServiceContract,
    Source,
)
from builder.core.periods import Deadline, deadline_after, ending_on
from builder.core.problems import Problem, problem
from builder.load.profiles import load_profile
from builder.messages.commands import LIST_JOIN
from builder.messages.site import (
    CALENDAR_DUTIES,
    CALENDAR_EVERY,
    CALENDAR_HALVES,
    CALENDAR_OPEN_TERM,
    CALENDAR_PERIOD_EXAMPLES,
    CALENDAR_PERIODS,
    CALENDAR_QUARTERS,
)
from builder.rules import RuleContext
from builder.rules.procedure import source_words

HORIZON_DAYS = 60  # "upcoming": due within this many days after the build date
# The Art. 278 para 1 item of choosing and dismissing the provider (选聘和解聘物业服务企业).
PROVIDER_MATTER = 4


@dataclass(frozen=True)
class Publication:
    """When and where something was published.

    Attributes:
        posted: the day it was posted (a decision's ``published``, an assembly's
            ``announced``, a log row's ``posted``).
        until: the last day on display, when the log says.
        channel: "notice_board", "site" or "both" (a log row's), else None.
        log_id: the log row's id, else None.
        title: the log row's title, else None.
        source: where the record is written.
    """

    posted: date
    until: date | None
    channel: str | None
    log_id: str | None
    title: str | None
    source: Source


@dataclass(frozen=True)
class Item:
    """One duty for one period or event.

    Attributes:
        rule: the duty it is owed under.
        period: "2026-Q3", "2026-H1", "2026", a decision's id, or "" (no frequency).
        account: the ledger account, for a duty owed per account; else None.
        decision: the decision, for an event duty; else None.
        due: the deadline (Art. 201-203), or None when the text sets none.
        due_day: the last day to publish (``due.last_day``, or for a notice the
            meeting less ``before_days``), or None.
        publication: the first publication that meets it (the latest one for a duty
            without a frequency), or None.
        status: "done-on-time", "late", "overdue", "upcoming" or "no-frequency".
        days_late: days after ``due_day`` it was published, or (overdue) the build
            date is; None otherwise.
        display_until: the last day it must stay on display, when the rule sets a
            display period; None otherwise.
        account_name: the account's name, as residents know it (停车收益账户).
    """

    rule: DutyRule
    period: str
    account: str | None
    decision: Decision | None
    due: Deadline | None
    due_day: date | None
    publication: Publication | None
    status: Status
    days_late: int | None
    display_until: date | None
    account_name: str | None = None

    @property
    def display_short(self) -> bool:
        """Taken down before the display period the rule sets ended."""
        p = self.publication
        return bool(p and p.until and self.display_until and p.until < self.display_until)


@dataclass(frozen=True)
class Calendar:
    """Attributes:
    profile: the rule profile the community names.
    setting: rules.disclosure_profile (profile, since, lateness).
    rules: the duties applied: the profile's, with the community's stricter ones.
    looser: the community's own duties not stricter than the profile's (not applied).
    build_date: the day every status is judged at.
    items: every item, by due day (those without last), then duty and period.
    """

    profile: Profile
    setting: CalendarSetting
    rules: tuple[DutyRule, ...]
    looser: tuple[DutyRule, ...]
    build_date: date
    items: tuple[Item, ...]

    @property
    def horizon(self) -> date:
        return self.build_date + timedelta(days=HORIZON_DAYS)

    def with_status(self, *statuses: str) -> list[Item]:
        return [i for i in self.items if i.status in statuses]


def duty_key(rule: DutyRule) -> str:
    """The key of CALENDAR_DUTIES for a rule's duty (a decision's by its body)."""
    return f"{rule.duty}:{rule.body}" if rule.body else rule.duty


def duty_words(rule: DutyRule) -> tuple[str, str]:
    return CALENDAR_DUTIES[duty_key(rule)]


def period_words(item: Item) -> str:
    """The item's period as residents read it: 2026年第三季度, or the decision."""
    kind = period_kind(item.period) if item.period else None
    if item.rule.duty in CONTRACT_DUTIES:
        start, end = (date.fromisoformat(day) for day in item.period.split("/"))
        return CALENDAR_PERIODS["contract"].format(start=date_zh(start), end=date_zh(end))
    if item.decision is not None:
        return CALENDAR_PERIODS["event"].format(
            date=date_zh(item.decision.date), subject=item.decision.id
        )
    if kind is None:
        return CALENDAR_PERIODS["none"]
    year = item.period[:4]
    if kind == "quarter":
        n = CALENDAR_QUARTERS[int(item.period[-1]) - 1]
        return CALENDAR_PERIODS["quarter"].format(year=year, n=n)
    if kind == "half_year":
        half = CALENDAR_HALVES[int(item.period[-1]) - 1]
        return CALENDAR_PERIODS["half_year"].format(year=year, half=half)
    return CALENDAR_PERIODS["year"].format(year=year)


def open_term_words(item: Item) -> tuple[str, str] | None:
    """For a contract with no fixed term (Art. 948), what it means and the notice to end
    it, in Chinese and English; None for any other item."""
    if item.rule.duty != CONTRACT_OPEN_TERM:
        return None
    zh, en = CALENDAR_OPEN_TERM
    days = item.rule.before_days
    return zh.format(days=days), en.format(days=days)


def applied_rules(
    profile: Profile, own: tuple[DutyRule, ...]
) -> tuple[tuple[DutyRule, ...], tuple[DutyRule, ...]]:
    """The profile's duties with the community's own: one stricter than the profile's
    of the same duty replaces it, a new duty is added, a looser one is set aside (and
    returned second). A community decision duty without a body is both bodies'."""
    rules = {r.key: r for r in profile.rules}
    looser: list[DutyRule] = []
    for rule in own:
        bodies = BODIES if rule.duty == DECISIONS and rule.body is None else (rule.body,)
        for body in bodies:
            mine = replace(rule, body=body)
            theirs = rules.get(mine.key)
            if theirs is None or mine.stricter_than(theirs):
                rules[mine.key] = mine
            elif mine not in looser and rule not in looser:
                looser.append(rule)
    return tuple(rules.values()), tuple(looser)


def disclosure_calendar(records: Records, build_date: date) -> Calendar | None:
    """The community's calendar on ``build_date``; None without rules.disclosure_profile."""
    community = records.community
    if community is None or community.rules.disclosure_profile is None:
        return None
    setting = community.rules.disclosure_profile.value
    profile = load_profile(setting.profile)
    own = community.rules.disclosure_rules
    rules, looser = applied_rules(profile, own.value if own else ())
    items: list[Item] = []
    for rule in rules:
        items += _items(rule, records, setting.since, build_date)
    names = {account: kept.name for account, kept in records.accounts.items()}
    items = [replace(i, account_name=names.get(i.account)) if i.account else i for i in items]
    far = date.max
    items.sort(key=lambda i: (i.due_day or far, duty_key(i.rule), i.period, i.account or ""))
    return Calendar(profile, setting, rules, looser, build_date, tuple(items))


def _items(rule: DutyRule, records: Records, since: date, build_date: date) -> Iterator[Item]:
    if rule.duty == DECISIONS:
        yield from _decision_items(rule, records, since, build_date)
    elif rule.duty == ASSEMBLY_NOTICE:
        yield from _notice_items(rule, records, since, build_date)
    elif rule.duty in CONTRACT_DUTIES:
        yield from _contract_items(rule, records, since, build_date)
    elif rule.every is None:
        yield from _undated_items(rule, records, build_date)
    else:
        yield from _periodic_items(rule, records, since, build_date)


def _decision_items(
    rule: DutyRule, records: Records, since: date, build_date: date
) -> Iterator[Item]:
    for d in records.decisions.values():
        if d.body != rule.body or not since <= d.date <= build_date:
            continue
        published = _publication(d, "published", build_date)
        due = deadline_after(d.date, rule.within_days) if rule.within_days else None
        yield _item(rule, d.id, None, d, due, due.last_day if due else None, published, build_date)


def _notice_items(
    rule: DutyRule, records: Records, since: date, build_date: date
) -> Iterator[Item]:
    for d in records.decisions.values():
        meeting = d.dates.get("vote_start") or d.date
        if d.body != "owners_assembly" or not since <= meeting <= build_date:
            continue
        days = rule.before_days or 0
        announced = _publication(d, "announced", build_date)
        yield _item(
            rule, d.id, None, d, None, meeting - timedelta(days=days), announced, build_date
        )


def contract_period(contract: ServiceContract) -> str:
    """A contract item's period: its term, ISO (2024-01-01/2026-12-31)."""
    return f"{contract.start.isoformat()}/{contract.end.isoformat()}"


def contract_rule(rule: DutyRule, contract: ServiceContract) -> DutyRule:
    """The provider's notice duty with the contract's own notice period and its clause in
    place of Art. 947's 90 days (which the article allows)."""
    if rule.duty != CONTRACT_NOTICE or contract.notice_days is None:
        return rule
    source = RuleSource(rules_of_procedure=contract.notice_source, decision=contract.decision)
    return replace(rule, before_days=contract.notice_days, source=source, origin="community")


def renewal_decision(
    records: Records, contract: ServiceContract, build_date: date
) -> Decision | None:
    """The first passed decision of the assembly to choose or dismiss the provider
    (matter 4) made in the term and by the build date, or None."""
    found = [
        d
        for d in records.decisions.values()
        if d.body == "owners_assembly"
        and d.matter == PROVIDER_MATTER
        and d.passed
        and contract.start <= d.date <= build_date
    ]
    return min(found, key=lambda d: (d.date, d.id), default=None)


def _contract_items(
    rule: DutyRule, records: Records, since: date, build_date: date
) -> Iterator[Item]:
    community = records.community
    contract = community.contract if community else None
    if contract is None or contract.end < since:
        return
    period, horizon = contract_period(contract), build_date + timedelta(days=HORIZON_DAYS)
    decision = renewal_decision(records, contract, build_date)
    if rule.duty == CONTRACT_NOTICE:
        rule = contract_rule(rule, contract)
        due_day = contract.end - timedelta(days=rule.before_days or 0)
        rows = [
            r
            for r in _log(records, CONTRACT_NOTICE, build_date)
            if r["period"] == str(contract.end.year)
        ]
        posted = _row_publication(rows[0]) if rows else None
        if posted is None and (due_day > horizon or build_date > due_day):
            return
        yield _item(rule, period, None, None, None, due_day, posted, build_date)
    elif rule.duty == CONTRACT_RENEWAL:
        if decision is None and (contract.end > horizon or build_date > contract.end):
            return
        made = (
            Publication(decision.date, None, None, None, None, decision.source)
            if decision
            else None
        )
        yield _item(rule, period, None, decision, None, contract.end, made, build_date)
    elif decision is None and build_date > contract.end:  # Art. 948: no fixed term
        yield _item(rule, period, None, None, None, None, None, build_date)


def _publication(d: Decision, name: str, build_date: date) -> Publication | None:
    day = d.dates.get(name)
    if day is None or day > build_date:
        return None
    return Publication(day, None, None, None, None, d.source)


def _log(records: Records, duty: str, build_date: date) -> list[Record]:
    """The log's rows of ``duty`` posted by the build date, oldest first."""
    rows = [
        r
        for r in records.table(R.DISCLOSURES)
        if r["subject"] == duty and r["posted"] <= build_date
    ]
    return sorted(rows, key=lambda r: (r["posted"], r["id"]))


def _row_publication(row: Record) -> Publication:
    return Publication(
        row["posted"], row.values.get("until"), row["channel"], row["id"], row["title"], row.source
    )


def _accounts(rule: DutyRule, records: Records) -> list[str | None]:
    """Each ledger account for a duty owed per account (one item, for all, without any)."""
    if rule.duty in PER_ACCOUNT and records.accounts:
        return [*sorted(records.accounts)]
    return [None]


def _undated_items(rule: DutyRule, records: Records, build_date: date) -> Iterator[Item]:
    rows = _log(records, rule.duty, build_date)
    for account in _accounts(rule, records):
        mine = [r for r in rows if not r.values.get("account") or r["account"] == account]
        latest = _row_publication(mine[-1]) if mine else None
        yield _item(rule, "", account, None, None, None, latest, build_date)


def _periodic_items(
    rule: DutyRule, records: Records, since: date, build_date: date
) -> Iterator[Item]:
    assert rule.every is not None
    rows = _log(records, rule.duty, build_date)
    horizon = build_date + timedelta(days=HORIZON_DAYS)
    for account in _accounts(rule, records):
        opened = records.accounts[account] if account else None
        for period in periods(rule.every, since, horizon):
            if period.last < since:
                continue
            if opened and (
                opened.opened > period.last or (opened.closed and opened.closed < period.first)
            ):
                continue
            if rule.due_by:
                month, day = rule.due_by
                due = ending_on(period.last, date(period.last.year + 1, month, day))
            else:
                due = ending_on(period.first - timedelta(days=1), period.last)
            found = [
                r
                for r in rows
                if r["period"] == period.key
                and (not r.values.get("account") or r["account"] == account)
            ]
            publication = _row_publication(found[0]) if found else None
            if publication is None and due.last_day > horizon:
                continue
            yield _item(rule, period.key, account, None, due, due.last_day, publication, build_date)


def _item(
    rule: DutyRule,
    period: str,
    account: str | None,
    decision: Decision | None,
    due: Deadline | None,
    due_day: date | None,
    publication: Publication | None,
    build_date: date,
) -> Item:
    status, days_late = _status(due_day, publication, build_date)
    display_until = None
    if publication is not None and rule.display_days:
        display_until = deadline_after(publication.posted, rule.display_days).last_day
    return Item(
        rule, period, account, decision, due, due_day, publication, status, days_late, display_until
    )


def _status(
    due_day: date | None, publication: Publication | None, build_date: date
) -> tuple[Status, int | None]:
    if due_day is None:
        return "no-frequency", None
    if publication is not None:
        if publication.posted <= due_day:
            return "done-on-time", None
        return "late", (publication.posted - due_day).days
    if build_date > due_day:
        return "overdue", (build_date - due_day).days
    return "upcoming", None


# --- the rule: what `gongshi validate` says of the calendar ----------------------------


def check_calendar(records: Records, context: RuleContext) -> Iterator[Problem]:
    """Overdue and late disclosures (with the community's chosen severity), a display
    shorter than the rule's, the community's own duties that are not stricter, and log
    rows whose period or account fits no duty. Judged at the build date."""
    build_date = context.build_date or context.today
    calendar = disclosure_calendar(records, build_date)
    if calendar is None:
        return
    community = records.community
    assert community is not None and community.rules.disclosure_profile is not None
    setting = community.rules.disclosure_profile
    severity = calendar.setting.lateness
    for rule in calendar.looser:
        theirs = calendar.profile.rule(rule.duty, rule.body) or calendar.profile.rule(
            rule.duty, BODIES[0]
        )
        source = source_words(theirs.source)[0] if theirs else ""
        yield problem(
            "calendar-rule-looser",
            rule.file,
            rule.line,
            "rules.disclosure_rules",
            severity="warning",
            duty=duty_words(rule)[0],
            profile=calendar.profile.title,
            source=source,
        )
    said: set[tuple[str, str, str | None]] = set()
    for item in calendar.items:
        # One log row for every account of a duty: one problem for them all.
        key = (
            duty_key(item.rule),
            item.period,
            item.publication.log_id if item.publication else None,
        )
        if item.account and key[2] and key in said:
            continue
        said.add(key)
        yield from _item_problems(item, calendar, community.source.file, setting.line, severity)
    yield from _log_problems(records, calendar)


def _item_problems(
    item: Item, calendar: Calendar, settings_file: str, setting_line: int, severity: str
) -> Iterator[Problem]:
    duty, duty_en = duty_words(item.rule)
    source = source_words(item.rule.source)[0]
    period = period_words(item)
    if item.account and not (item.publication and item.publication.log_id):
        period = f"{period}，{item.account_name or item.account}"
    where = item.publication.source if item.publication else None
    if item.status == "overdue":
        file, line, field = settings_file, setting_line, "rules.disclosure_profile"
        if item.decision is not None:
            file, line = item.decision.source.file, item.decision.source.line
            field = "announced" if item.rule.duty == ASSEMBLY_NOTICE else "published"
        yield problem(
            "calendar-overdue",
            file,
            line,
            field,
            severity="error" if severity == "error" else "warning",
            duty=duty,
            duty_en=duty_en,
            period=period,
            due=str(item.due_day),
            source=source,
            build_date=str(calendar.build_date),
            days=item.days_late,
        )
    elif item.status == "late" and where is not None and item.publication is not None:
        field = "posted" if item.publication.log_id else "published"
        if item.rule.duty == ASSEMBLY_NOTICE:
            field = "announced"
        elif item.rule.duty == CONTRACT_RENEWAL:
            field = "date"
        yield problem(
            "calendar-late",
            where.file,
            where.line_of(field),
            field,
            severity="error" if severity == "error" else "warning",
            duty=duty,
            duty_en=duty_en,
            period=period,
            due=str(item.due_day),
            source=source,
            published=str(item.publication.posted),
            days=item.days_late,
        )
    if item.display_short and where is not None and item.publication is not None:
        yield problem(
            "calendar-display-short",
            where.file,
            where.line_of("until"),
            "until",
            severity="warning",
            until=str(item.publication.until),
            source=source,
            days=item.rule.display_days,
            required=str(item.display_until),
        )


def _log_problems(records: Records, calendar: Calendar) -> Iterator[Problem]:
    """A log row whose period is not of its duty's kind (2026-Q3 for a half-yearly
    duty), or whose account is not a ledger account."""
    every = {r.duty: r.every for r in calendar.rules}
    for row in records.table(R.DISCLOSURES):
        kind = every.get(row["subject"])
        if kind is not None and period_kind(row["period"]) != kind:
            duty, duty_en = CALENDAR_DUTIES[row["subject"]]
            words, words_en = CALENDAR_EVERY[kind]
            yield problem(
                "calendar-log-period",
                row.source.file,
                row.source.line_of("period"),
                "period",
                severity="warning",
                value=row["period"],
                duty=duty,
                duty_en=duty_en,
                every=words,
                every_en=words_en,
                example=CALENDAR_PERIOD_EXAMPLES[kind],
            )
        account = row.values.get("account")
        if account and account not in records.accounts:
            yield problem(
                "calendar-log-account",
                row.source.file,
                row.source.line_of("account"),
                "account",
                severity="warning",
                value=account,
                allowed=LIST_JOIN.join(sorted(records.accounts)),
            )
