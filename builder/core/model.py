"""The community's records as typed, immutable values. No I/O happens here.

Money is ``Decimal`` throughout; dates are ``datetime.date``. Every record keeps its
``Source`` so a rule can point at the file, line and field it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import numpy as np

from builder.core import resources as R
from builder.messages.site import COMMITTEE_RULE, VOTE_BASES

if TYPE_CHECKING:  # core.duties reads RuleSource from here
    from builder.core.duties import DutyRule

Scope = Literal["public", "internal"]
Day = date  # a LedgerColumns has a column named ``date``


@dataclass(frozen=True)
class Source:
    """Where a record was read from.

    Attributes:
        file: path relative to the project root.
        line: the line the record starts on.
        field_lines: the line of each field when it differs (YAML records).
    """

    file: str
    line: int
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field_name: str | None) -> int:
        return dict(self.field_lines).get(field_name or "", self.line)


@dataclass(frozen=True)
class Threshold:
    """A share a count must reach, read the way Civil Code Art. 1259 reads it:
    "以上" includes the number itself, "过半数" means strictly more than half.

    Attributes:
        share: the fraction of the whole (2/3, 3/4, 1/2).
        inclusive: True for "以上" (>=), False for "过半数"/"超过" (>).
        term: the Chinese wording, e.g. "三分之二以上".
    """

    share: Fraction
    inclusive: bool
    term: str

    def met(self, part: Decimal | int, whole: Decimal | int) -> bool:
        required = Fraction(whole) * self.share
        return Fraction(part) >= required if self.inclusive else Fraction(part) > required

    def least(self, whole: Decimal | int, unit: Decimal | int) -> Decimal:
        """The smallest count, in steps of ``unit`` (0.01 m² or 1 person), that meets it."""
        steps = Fraction(whole) * self.share / Fraction(unit)
        n = -(-steps.numerator // steps.denominator)  # ceiling
        if not self.inclusive and n == steps:
            n += 1
        return Decimal(n) * Decimal(unit)


# The terms community.yaml's meeting_rule is written in (data, not wording: a term is
# matched as written, and the report quotes it back).
THRESHOLDS: dict[str, Threshold] = {
    t.term: t
    for t in (
        Threshold(Fraction(1, 2), False, "过半数"),
        Threshold(Fraction(1, 2), True, "半数以上"),
        Threshold(Fraction(2, 3), True, "三分之二以上"),
        Threshold(Fraction(3, 4), True, "四分之三以上"),
        Threshold(Fraction(1), True, "全体"),
    )
}


@dataclass(frozen=True)
class CommitteeRule:
    """How the owners' committee decides (from community.yaml: the law-texts give no rule).

    Attributes:
        quorum: share of all members who must attend.
        approval: share that must approve.
        approval_of: "all" (of all members) or "present" (of those present).
    """

    quorum: Threshold
    approval: Threshold
    approval_of: Literal["all", "present"]

    def describe(self) -> str:
        """The rule in words, as a report quotes it."""
        return COMMITTEE_RULE.format(
            quorum=self.quorum.term, base=VOTE_BASES[self.approval_of], approval=self.approval.term
        )


@dataclass(frozen=True)
class RuleSource:
    """Why a rule setting has its value: an article of the community's own rules of
    procedure (with the decision that adopted or changed it), or a law and article of
    the reference catalogue (``builder/site/laws.yaml``, whose ids are the reference's).
    Exactly one of ``rules_of_procedure``, ``law`` and ``contract`` is set.

    Attributes:
        rules_of_procedure: the article as written, e.g. 《业主大会议事规则》第二十一条.
        decision: the id of the decision that adopted that article (or, for a contract's
            clause, the decision that chose the provider), when given.
        law: a law id of the catalogue, e.g. ``civil-code``.
        article: the law's article number.
        contract: a clause of the property-service contract, or the provider's written
            commitment, as written (e.g. 《物业服务合同》第十二条): what a pledge the
            provider made rests on, rather than the owners' rules.
    """

    rules_of_procedure: str | None = None
    decision: str | None = None
    law: str | None = None
    article: int | None = None
    contract: str | None = None


SettingValue = TypeVar("SettingValue")


@dataclass(frozen=True)
class Setting(Generic[SettingValue]):
    """One setting that changes how a rule judges, with its source.

    Attributes:
        value: the typed value the rule reads.
        source: the article it rests on.
        line: where ``rules.<name>`` is written in community.yaml.
    """

    value: SettingValue
    source: RuleSource
    line: int


@dataclass(frozen=True)
class PublicationDeadline:
    """How soon a decision must be published to all owners (rules.publication_deadline):
    within ``days`` days after the day it is made, that day not counted and a last day
    on a statutory rest day moved (Civil Code Art. 201, 203; ``core.periods``).

    Attributes:
        days: the length of the period, 1 to 365.
        working_days: True when the period counts working days (工作日), False for
            calendar days (日).
        severity: what a late publication is: "error" or "warning".
    """

    days: int
    working_days: bool
    severity: Literal["error", "warning"]


@dataclass(frozen=True)
class CalendarSetting:
    """Whose disclosure duties the community keeps, and since when
    (rules.disclosure_profile; ``rules/calendar.py``).

    Attributes:
        profile: a rule profile's id (``builder/rules/profiles/<id>.yaml``).
        since: the first day the calendar judges: periods ending and events before it
            are not listed (the day the community began its disclosure log).
        lateness: what a late or overdue disclosure is in ``gongshi validate``:
            "warning" (the default) or "error".
    """

    profile: str
    since: date
    lateness: Literal["error", "warning"] = "warning"


# The values of the counting-basis and part-scope settings (their Chinese meanings:
# messages.site.RULE_SETTING_VALUES).
AreaBasis = Literal["register", "survey", "contract"]
HeadcountBasis = Literal["units"]
PartScopeVotes = Literal["required", "allowed"]


# What a response pledge's class counts to: the request's moment its limit is judged at.
PledgeCounts = Literal["on_site", "answered", "resolved"]
# The units a pledge's limit is written in.
PledgeUnit = Literal["minutes", "hours", "days"]


@dataclass(frozen=True)
class PledgeClass:
    """One class of the response pledge (rules.response_pledge), e.g. 简单问题 resolved
    within 40 minutes.

    Attributes:
        name: the class as the requests register writes it.
        amount: the limit's number (included: 以内, Civil Code Art. 1259).
        unit: minutes and hours run from the moment of receipt (Art. 201 second
            paragraph); days as Art. 201 and 203 count them (the day of receipt not
            counted, the last day ends at 24:00 and moves past rest days).
        counts: the moment the limit is judged at: on site, answered (a reply or a
            plan given), or resolved.
    """

    name: str
    amount: int
    unit: PledgeUnit
    counts: PledgeCounts


@dataclass(frozen=True)
class RuleSettings:
    """The settings under ``rules:`` in community.yaml: one place for every setting that
    changes how a rule judges, each with its source, so a page can say what a rule
    followed and why.

    To add one (a deadline, a counting basis, a pledge, a grace period): a field here
    typed ``Setting[...]``; its reader in ``load.settings.RULE_READERS`` (numbers through
    ``core.numbers``); the rule reads ``community.rules.<name>.value``; the page that
    shows the rule's result shows ``.source`` (``partials/rule_source.j2``).

    Attributes:
        cost_threshold: a single cost of this amount or more needs an approving
            decision (以上: the amount itself included, Civil Code Art. 1259).
        committee_cost_limit: the largest single cost the owners' committee may approve
            (以下: included); a larger one needs the owners' assembly.
        committee_meeting: how the owners' committee decides.
        publication_deadline: how soon a decision must be published (optional).
        area_basis: which area of an exclusive part counts (SPC interpretation on
            building ownership Art. 8): "register", "survey" or "contract" (optional).
        headcount_basis: how owners are counted (Art. 9): "units" (optional).
        part_scope_votes: whether works on a part of the buildings must be voted by
            that part's owners: "required" or "allowed" (optional; the national rule
            is silent).
        personal_details_retention: how many days after a record's public period its
            personal details may stay published (optional: without it they go when
            the period ends; PIPL Art. 19, 47; see ``core.personal``).
        disclosure_profile: whose disclosure duties the calendar follows, and since
            when (optional: without it there is no calendar; ``rules/calendar.py``).
        disclosure_rules: the community's own duties, each stricter than its
            profile's or added to them (optional).
        response_pledge: the property provider's response pledge, a limit per class
            of request (optional: without it the requests register is published
            without a verdict on time; ``core.requests``).
    """

    cost_threshold: Setting[Decimal]
    committee_cost_limit: Setting[Decimal]
    committee_meeting: Setting[CommitteeRule]
    publication_deadline: Setting[PublicationDeadline] | None = None
    area_basis: Setting[AreaBasis] | None = None
    headcount_basis: Setting[HeadcountBasis] | None = None
    part_scope_votes: Setting[PartScopeVotes] | None = None
    personal_details_retention: Setting[int] | None = None
    disclosure_profile: Setting[CalendarSetting] | None = None
    disclosure_rules: Setting[tuple[DutyRule, ...]] | None = None
    response_pledge: Setting[tuple[PledgeClass, ...]] | None = None

    def given(self) -> dict[str, Setting[Any]]:
        """The settings the community wrote, by name (an optional one left out is None
        and not here)."""
        return {name: value for name, value in vars(self).items() if value is not None}


@dataclass(frozen=True)
class ServiceContract:
    """The current property-service contract's term (community.yaml ``service_contract``),
    the event of the duties of Civil Code Art. 947-948.

    Attributes:
        start, end: the term's first and last day.
        decision: the id of the decision that chose the provider for it, when given.
        notice_days: the notice period the contract sets for a provider that will not
            renew, in place of Art. 947's 90 days (which the article allows); None: 90.
        notice_source: the contract's clause setting ``notice_days`` (e.g.
            《物业服务合同》第二十条); set exactly when ``notice_days`` is.
        line: the line of ``service_contract`` in community.yaml.
    """

    start: date
    end: date
    decision: str | None = None
    notice_days: int | None = None
    notice_source: str | None = None
    line: int = 1


@dataclass(frozen=True)
class ReportingPlatform:
    """Where residents report a problem to the city (community.yaml
    ``reporting_platform``): the home page and every printed notice carry its QR code.

    Attributes:
        name: the platform's name as residents know it (e.g. 码上办).
        url: its address, which the QR code encodes (http or https).
        hotline: the city's hotline where it applies (e.g. 12345), else None.
    """

    name: str
    url: str
    hotline: str | None = None


@dataclass(frozen=True)
class Community:
    """The community's settings and public contacts (data/community.yaml).

    Attributes:
        rules: the settings rules judge by, each with its source.
        records_complete_from: from this day on every record is entered, so a year
            with none of a kind had none; before it, a missing record may just not have
            been entered. None: not stated.
    """

    name: str
    full_name: str
    address: str
    property_company: dict[str, str]
    owners_committee: dict[str, Any]
    party_branch: dict[str, str]
    neighbourhood_committee: str
    committee_size: int
    rules: RuleSettings
    source: Source
    records_complete_from: date | None = None
    neighbourhood_contact: str | None = None  # the residents' committee's office and phone
    contract: ServiceContract | None = None  # the property-service contract's term
    reporting_platform: ReportingPlatform | None = None  # the city's platform, if named

    @property
    def cost_threshold(self) -> Decimal:
        return self.rules.cost_threshold.value

    @property
    def committee_rule(self) -> CommitteeRule:
        return self.rules.committee_meeting.value


@dataclass(frozen=True)
class BalanceAssertion:
    """The balance an account must show at the end of ``date`` (entries of that day included)."""

    account: str
    date: date
    balance: Decimal
    source: Source


@dataclass(frozen=True)
class Account:
    """One account of accounts.yaml: a common-revenue account (parking, advertising),
    kept separately (Art. 282), with its ledger; or, ``kind`` "fund", the maintenance
    fund's account (Art. 281), whose inflows are the fund ledger and whose outflows the
    fund uses, with no ledger resource of its own."""

    id: str
    name: str
    opened: date
    closed: date | None
    opening_balance: Decimal
    source: Source
    kind: Literal["ledger", "fund"] = "ledger"


EntryType = Literal[
    "income", "cost", "fund_transfer", "distribution", "account_transfer", "owners_use"
]
# The ledger schema's `type` enum, in this order: a ledger column keeps each entry's
# position here. Income; a reasonable cost (spent to earn or manage the income); and
# the uses the owners decide (Civil Code Art. 282: the net income is theirs), never costs.
ENTRY_TYPES: tuple[EntryType, ...] = (
    "income",
    "cost",
    "fund_transfer",
    "distribution",
    "account_transfer",
    "owners_use",
)
OWNERS_USES: tuple[EntryType, ...] = ENTRY_TYPES[2:]


@dataclass(frozen=True)
class LedgerEntry:
    """One voucher of a common-revenue account. ``amount`` is positive; ``type`` says
    whether it is income, a cost or a use decided by the owners (ENTRY_TYPES)."""

    account: str
    voucher: str
    date: date
    type: EntryType
    category: str
    amount: Decimal
    counterparty: str | None
    description: str
    decision: str | None
    source: Source


@dataclass
class TextColumn:
    """A text column stored once per distinct value: ``values[codes[i]]`` is row i's
    text (None when empty). Ledger columns repeat a few words a million times."""

    codes: np.ndarray
    values: list[str | None]

    def __getitem__(self, position: int) -> str | None:
        return self.values[self.codes[position]]

    def rows_with(self, value_index: int) -> np.ndarray:
        return np.flatnonzero(self.codes == value_index)


@dataclass
class LedgerColumns:
    """One account's ledger as columns, in file order: what the ledger rules work on,
    kept small enough for a million rows (a voucher is bytes, an amount integer fen).

    Attributes:
        lines: each entry's line in ``file``; field_lines as in Table (YAML only).
        voucher: UTF-8 bytes (text, in the rare ledger with a voucher ending in NUL,
            which NumPy's bytes would drop); date: datetime64[D]; cost: True for a cost.
        kind: each entry's type as its position in ENTRY_TYPES (uint8); only income
            adds to the balance.
        fen: the amount in fen (int32 when all fit, else int64).
        odd_amounts: by position, any amount that is no whole number of fen (``0.005``)
            and, when rows are kept for the site, any not written with two decimals
            (``12``), exactly as written: the precision rule reads them, balances add
            them exactly.
    """

    account: str
    file: str
    lines: np.ndarray
    voucher: np.ndarray
    date: np.ndarray
    cost: np.ndarray
    fen: np.ndarray
    odd_amounts: dict[int, Decimal]
    text: dict[str, TextColumn]
    kind: np.ndarray
    field_lines: list[dict[str, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    def voucher_text(self, position: int) -> str:
        voucher = self.voucher[position]
        return voucher.decode() if isinstance(voucher, bytes) else voucher

    def amount(self, position: int) -> Decimal:
        if position in self.odd_amounts:
            return self.odd_amounts[position]
        return Decimal(int(self.fen[position])).scaleb(-2)  # 1200.00, as written

    def source(self, position: int) -> Source:
        lines = self.field_lines[position] if self.field_lines else {}
        return Source(self.file, int(self.lines[position]), tuple(sorted(lines.items())))

    def entry(self, position: int, day: Day | None = None) -> LedgerEntry:
        """The entry at ``position`` (``day``: its date, when the caller has it)."""
        return LedgerEntry(
            account=self.account,
            voucher=self.voucher_text(position),
            date=day if day is not None else self.date[position].astype(object),
            type=ENTRY_TYPES[int(self.kind[position])],
            category=self.text["category"][position] or "",  # required: never empty
            amount=self.amount(position),
            counterparty=self.text["counterparty"][position],
            description=self.text["description"][position] or "",
            decision=self.text["decision"][position],
            source=self.source(position),
        )

    def entries(self) -> Iterator[LedgerEntry]:
        """Every entry in file order, each made when it is reached."""
        days = self.date.astype(object)
        return (self.entry(i, days[i]) for i in range(len(self)))


def entry_values(entry: LedgerEntry) -> dict[str, Any]:
    """An entry's fields as the ledger's schema names them (the downloads write these)."""
    return {
        "voucher": entry.voucher,
        "date": entry.date,
        "type": entry.type,
        "category": entry.category,
        "amount": entry.amount,
        "counterparty": entry.counterparty,
        "description": entry.description or None,
        "decision": entry.decision,
    }


class LedgerView(Sequence[Any]):
    """Ledger rows read from their columns when walked, never held: the records keep a
    ledger once, as LedgerColumns, however often a page or a download walks it.
    Gives LedgerEntry values, or with ``resource`` the ledger's rows as Records."""

    def __init__(self, ledgers: Iterable[LedgerColumns], resource: str | None = None) -> None:
        self.ledgers = tuple(ledgers)
        self.resource = resource

    def __len__(self) -> int:
        return sum(len(c) for c in self.ledgers)

    def __iter__(self) -> Iterator[Any]:
        for columns in self.ledgers:
            yield from map(self._shape, columns.entries())

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        for columns in self.ledgers:
            if 0 <= position < len(columns):
                return self._shape(columns.entry(position))
            position -= len(columns)
        raise IndexError(index)

    def _shape(self, entry: LedgerEntry) -> Any:
        if self.resource is None:
            return entry
        return Record(self.resource, entry_values(entry), entry.source)


OWNER_VOTE_FIELDS = (
    "total_area",
    "total_owners",
    "voted_area",
    "voted_owners",
    "approve_area",
    "approve_owners",
)
COMMITTEE_VOTE_FIELDS = ("members_total", "members_present", "members_approve")
# Every other ballot of an owners' vote: with approve they add up to the participating
# figure (every ballot cast takes part, abstentions and invalid ones included).
BALLOT_FIELDS = (
    "oppose_area",
    "oppose_owners",
    "abstain_area",
    "abstain_owners",
    "invalid_area",
    "invalid_owners",
)
AREA_FIELDS = tuple(name for name in OWNER_VOTE_FIELDS + BALLOT_FIELDS if name.endswith("_area"))
# The dates of a decision's procedure, in the order they must come (``date``: the
# decision itself).
PROCEDURE_DATES = ("announced", "vote_start", "vote_end", "date", "published")
WHOLE_COMMUNITY = "全体业主"  # the scope written out; data, as staff type it
SCOPE_SEPARATOR = "、"


def scope_parts(text: str | None) -> tuple[str, ...]:
    """A decision's voting scope as its parts ("3幢", "2幢1单元"), sorted; () is the
    whole community."""
    if not text or text == WHOLE_COMMUNITY:
        return ()
    return tuple(sorted(set(text.split(SCOPE_SEPARATOR)), key=_scope_key))


def _scope_key(part: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", part))


def scope_text(parts: tuple[str, ...]) -> str:
    """The scope as written: "全体业主", "3幢", "3幢、6幢"."""
    return SCOPE_SEPARATOR.join(parts) if parts else WHOLE_COMMUNITY


@dataclass(frozen=True)
class Decision:
    """A decision of the owners' assembly (with its Art. 278 matter and owners' votes)
    or of the owners' committee (with members' votes).

    Attributes:
        votes: every vote figure by field name (OWNER_VOTE_FIELDS, BALLOT_FIELDS,
            COMMITTEE_VOTE_FIELDS), None where not recorded.
        scope: who voted: () for the whole community, else the buildings or units
            ("3幢", "2幢1单元") whose owners decided; their totals are the vote's totals.
        totals_note: why the totals differ from the owners' register, when they do.
        dates: the procedure's dates by name (PROCEDURE_DATES), None where not recorded.
    """

    id: str
    date: date
    body: Literal["owners_assembly", "committee"]
    matter: int | None
    title: str
    summary: str
    result: Literal["passed", "rejected"]
    votes: dict[str, Decimal | int | None]
    source: Source
    amount: Decimal | None = None  # the money it approves, an upper limit (optional)
    scope: tuple[str, ...] = ()
    totals_note: str | None = None
    dates: dict[str, Day | None] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.result == "passed"

    @property
    def scope_text(self) -> str:
        return scope_text(self.scope)

    @property
    def published(self) -> Day | None:
        return self.dates.get("published")


@dataclass(frozen=True)
class RegisterCount:
    """One scope's totals in one issue of the owners' register (community.yaml's
    ``owners_register``), counted as the SPC interpretation on building ownership
    Art. 8-9 says: each exclusive part one owner, the developer's unsold or undelivered
    parts together one, a buyer of several parts one.

    Attributes:
        as_of: the day the issue counts at; it holds for decisions from that day until
            the next issue.
        scope: () for the whole community, else the buildings or units ("3幢",
            "2幢1单元"), as ``scope_parts`` reads them.
        area: the exclusive parts' area (㎡).
        units: the number of exclusive parts.
        developer_units: the developer's unsold or undelivered parts (together one owner).
        extra_units: each buyer's second and further parts (no owner of their own).
        owners: the headcount.
        source: where the issue's figures come from, as written.
        source_ref: where the count is written (community.yaml, its line).
    """

    as_of: date
    scope: tuple[str, ...]
    area: Decimal
    units: int
    developer_units: int
    extra_units: int
    owners: int
    source: str
    source_ref: Source

    @property
    def scope_text(self) -> str:
        return scope_text(self.scope)

    @property
    def expected_owners(self) -> int:
        """The headcount Art. 9 gives: parts, less the developer's (one owner when it
        has any), less each buyer's further parts."""
        developer = 1 if self.developer_units else 0
        return self.units - self.developer_units + developer - self.extra_units


def register_values(count: RegisterCount) -> dict[str, Any]:
    """A count's fields as the register's schema names them (the downloads write these)."""
    return {
        "as_of": count.as_of,
        "source": count.source,
        "part": count.scope_text,
        "area": count.area,
        "units": count.units,
        "developer_units": count.developer_units,
        "extra_units": count.extra_units,
        "owners": count.owners,
    }


@dataclass(frozen=True)
class Record:
    """A record of a kind that needs no logic of its own (members, meetings, fees...):
    its typed fields by name, and where it came from."""

    resource: str
    values: dict[str, Any]
    source: Source

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@dataclass(frozen=True)
class Records:
    """Everything that passed the schema checks, ready for the rules and the site:
    built once, complete, and not changed after.

    Attributes:
        community: the settings, or None if community.yaml could not be read.
        accounts, assertions, decisions: the records rules reason about; ``accounts``
            are the ledger accounts (each with a ledger resource), ``funds`` the
            accounts of ``kind: fund`` (the maintenance fund: no ledger resource).
        ledgers: each account's valid entries as columns, the one copy of a ledger.
        entries, tables: every valid record, by resource name, in file order, for the
            site. A ledger's entries and its table are views made from ``ledgers`` as
            they are walked (``LedgerView``), and empty unless validation was asked to
            keep rows for the site (``validate_project(keep_rows=True)``).
        invalid_resources: resources with any error, or that could not be read (rules
            that need a whole resource, like balance assertions, say they could not run).
        titles: each resource's field titles, by field name.
        register: the owners' register, a count per issue and scope, in file order
            (empty when community.yaml has none).
        personal: each resource's fields marked ``personal: true``, by resource name
            (only resources that have any).
    """

    community: Community | None = None
    accounts: dict[str, Account] = field(default_factory=dict)
    funds: dict[str, Account] = field(default_factory=dict)
    assertions: list[BalanceAssertion] = field(default_factory=list)
    ledgers: dict[str, LedgerColumns] = field(default_factory=dict)
    entries: Sequence[LedgerEntry] = ()
    decisions: dict[str, Decision] = field(default_factory=dict)
    tables: dict[str, Sequence[Record]] = field(default_factory=dict)
    invalid_resources: frozenset[str] = frozenset()
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    register: list[RegisterCount] = field(default_factory=list)
    personal: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def table(self, name: str) -> Sequence[Record]:
        """The valid records of the resource ``name`` (empty when it has none)."""
        return self.tables.get(name, ())

    def complete(self, name: str) -> bool:
        """Whether every row of ``name`` passed the checks (no rule that needs the whole
        table, like a balance, can run on one that did not)."""
        return name not in self.invalid_resources

    @property
    def all_accounts(self) -> dict[str, Account]:
        """Every account of accounts.yaml, ledger and fund alike (what a download of the
        accounts publishes), by id."""
        return {**self.accounts, **self.funds}

    def ledger(self, account: str) -> LedgerColumns | None:
        """An account's valid ledger rows as columns."""
        return self.ledgers.get(account)

    @property
    def ledger_resources(self) -> list[str]:
        """The ledger resources of the data package, by name."""
        return sorted(name for name in self.tables if name.startswith(R.LEDGER_PREFIX))

    @property
    def members(self) -> Sequence[Record]:
        return self.table(R.COMMITTEE_MEMBERS)

    @property
    def fund_uses(self) -> Sequence[Record]:
        return self.table(R.FUND_USES)

    @property
    def fund_entries(self) -> Sequence[Record]:
        """The maintenance fund's inflows (deposits, transfers in, interest)."""
        return self.table(R.FUND_LEDGER)

    @property
    def meetings(self) -> Sequence[Record]:
        return self.table(R.BRANCH_MEETINGS)

    @property
    def notices(self) -> Sequence[Record]:
        return self.table(R.BRANCH_NOTICES)

    @property
    def notice_persons(self) -> Sequence[Record]:
        """The persons the notices are about, in file order (``core.resources.PARTS``)."""
        return self.table(R.BRANCH_NOTICE_PERSONS)

    @property
    def dues(self) -> Sequence[Record]:
        return self.table(R.BRANCH_DUES)

    @property
    def services(self) -> Sequence[Record]:
        return self.table(R.PROPERTY_SERVICES)

    @property
    def fees(self) -> Sequence[Record]:
        return self.table(R.PROPERTY_FEES)

    @property
    def performance(self) -> Sequence[Record]:
        return self.table(R.PROPERTY_PERFORMANCE)
