"""The two settings documents: ledgers/accounts.yaml, flattened into an accounts table
and an assertions table (checked against their Table Schemas like any table), and
community.yaml, read into the community's settings.

Every setting that changes how a rule judges lives under community.yaml's ``rules:``,
each written as a value and its source::

    rules:
      cost_threshold:
        value: "5000.00"
        source: {rules_of_procedure: 《业主大会议事规则》第二十一条, decision: JY-2023-02}
      some_deadline:
        value: "15"
        source: {law: property-management-regulations, article: 12}

``RULE_READERS`` names each setting and reads its value; ``_source`` reads every
source alike (a law id must be one of the catalogue the legal pages cite from, with an
article it lists). A later setting is one reader here and one field of
``core.model.RuleSettings``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from builder.core.formatting import CENT
from builder.core.model import (
    THRESHOLDS,
    CalendarSetting,
    CommitteeRule,
    Community,
    PledgeClass,
    PublicationDeadline,
    ReportingPlatform,
    RuleSettings,
    RuleSource,
    ServiceContract,
    Setting,
    Source,
)
from builder.core.numbers import finer_than, read_integer, read_number
from builder.core.problems import Problem, problem
from builder.load.documents import Document, unknown_fields
from builder.load.profiles import MAX_DAYS, profile_ids, read_duty
from builder.load.project import COMMUNITY
from builder.load.table import Table
from builder.messages.commands import LIST_JOIN
from builder.messages.problems import (
    CODE_MEANING,
    COMMUNITY_TITLES,
    DEADLINE_COUNTS,
    DEADLINE_SEVERITIES,
    PLEDGE_COUNTS,
    PLEDGE_UNITS,
    RULE_SETTING_TITLES,
)
from builder.messages.site import RULE_SETTING_VALUES, VOTE_BASES
from builder.site.citations import catalogue

ACCOUNT_FIELDS = ("id", "name", "opened", "closed", "opening_balance", "kind")
ASSERTION_FIELDS = ("account", "date", "balance")
# The keys an account and an assertion may have in accounts.yaml (its id is the key).
ACCOUNT_KEYS = (*ACCOUNT_FIELDS[1:], "assertions")
ASSERTION_KEYS = ASSERTION_FIELDS[1:]


def accounts_tables(doc: Document) -> tuple[Table | None, Table | None, list[Problem]]:
    """Flatten ledgers/accounts.yaml into an accounts table and an assertions table."""
    if not isinstance(doc.data, dict):
        return None, None, [problem("accounts-not-mapping", doc.file, doc.line())]
    problems: list[Problem] = []
    accounts = Table(doc.file, list(ACCOUNT_FIELDS), [], [], [])
    assertions = Table(doc.file, list(ASSERTION_FIELDS), [], [], [])
    for account_id, body in doc.data.items():
        line = doc.line(account_id) or 1
        if not isinstance(body, dict):
            problems.append(problem("accounts-not-mapping", doc.file, line))
            continue
        problems += unknown_fields(doc, body, ACCOUNT_KEYS, account_id)
        accounts.rows.append([account_id, *(body.get(k) for k in ACCOUNT_FIELDS[1:])])
        accounts.lines.append(line)
        accounts.field_lines.append({k: doc.line(account_id, k) for k in body} | {"id": line})
        items = body.get("assertions") or []
        if not isinstance(items, list):
            problems.append(
                problem("assertions-not-list", doc.file, doc.line(account_id, "assertions"))
            )
            continue
        for n, item in enumerate(items):
            item_line = doc.line(account_id, "assertions", n) or line
            if not isinstance(item, dict):
                problems.append(problem("assertions-not-list", doc.file, item_line))
                continue
            problems += unknown_fields(doc, item, ASSERTION_KEYS, account_id, "assertions", n)
            assertions.rows.append([account_id, item.get("date"), item.get("balance")])
            assertions.lines.append(item_line)
            assertions.field_lines.append(
                {k: doc.line(account_id, "assertions", n, k) for k in item}
            )
    return accounts, assertions, problems


# The owners' register (community.yaml's owners_register): a list of issues, each
# {as_of, source, counts}, each count one part's totals (the whole community, a
# building or a unit). Flattened one row per count.
REGISTER = "owners_register"
REGISTER_FIELDS = (
    "as_of",
    "source",
    "part",
    "area",
    "units",
    "developer_units",
    "extra_units",
    "owners",
)
REGISTER_KEYS = ("as_of", "source", "counts")
COUNT_KEYS = REGISTER_FIELDS[2:]


def register_table(doc: Document, checked: bool = True) -> tuple[Table | None, list[Problem]]:
    """Flatten community.yaml's ``owners_register`` into one table, a row per count with
    its issue's date and source (an empty table when there is no register). ``checked``:
    whether the project has the register's schema; without it a register is reported,
    not read."""
    data = doc.data if isinstance(doc.data, dict) else {}
    issues = data.get(REGISTER)
    table = Table(doc.file, list(REGISTER_FIELDS), [], [], [])
    if issues is None:
        return table, []
    if not checked:
        return None, [problem("register-schema-missing", doc.file, doc.line(REGISTER), REGISTER)]
    if not isinstance(issues, list):
        return None, [problem("register-not-list", doc.file, doc.line(REGISTER), REGISTER)]
    problems: list[Problem] = []
    for n, issue in enumerate(issues):
        at = (REGISTER, n)
        if not isinstance(issue, dict):
            problems.append(problem("register-not-list", doc.file, doc.line(*at), REGISTER))
            continue
        problems += unknown_fields(doc, issue, REGISTER_KEYS, *at)
        counts = issue.get("counts")
        if not isinstance(counts, list) or not counts:
            line = doc.line(*at, "counts")
            problems.append(problem("register-counts-not-list", doc.file, line, "counts"))
            continue
        issue_lines = {k: doc.line(*at, k) for k in ("as_of", "source") if k in issue}
        for m, count in enumerate(counts):
            line = doc.line(*at, "counts", m)
            if not isinstance(count, dict):
                problems.append(problem("register-counts-not-list", doc.file, line, "counts"))
                continue
            problems += unknown_fields(doc, count, COUNT_KEYS, *at, "counts", m)
            table.rows.append(
                [issue.get("as_of"), issue.get("source"), *(count.get(k) for k in COUNT_KEYS)]
            )
            table.lines.append(line)
            table.field_lines.append(
                issue_lines | {k: doc.line(*at, "counts", m, k) for k in count}
            )
    return table, problems


# The settings that must be text (their titles are in the problems catalogue).
_COMMUNITY_TEXT = (
    ("name",),
    ("full_name",),
    ("address",),
    ("neighbourhood_committee",),
    ("property_company", "name"),
    ("property_company", "service_phone"),
    ("owners_committee", "name"),
    ("party_branch", "name"),
)


def read_community(doc: Document) -> tuple[Community | None, list[Problem]]:
    """Check community.yaml and turn it into settings; every problem names its key."""
    file = COMMUNITY
    data = doc.data
    if not isinstance(data, dict):
        return None, [problem("yaml-not-mapping-doc", file, 1)]
    problems: list[Problem] = []

    for path in _COMMUNITY_TEXT:
        value = _get(data, path)
        key = ".".join(path)
        if value is None:
            problems.append(
                problem(
                    "community-missing", file, doc.line(*path), key, title=COMMUNITY_TITLES[key]
                )
            )
        elif not isinstance(value, str):
            problems.append(problem("community-not-text", file, doc.line(*path), key))

    contact = data.get("neighbourhood_committee_contact")
    if contact is not None and not isinstance(contact, str):
        problems.append(
            problem(
                "community-not-text",
                file,
                doc.line("neighbourhood_committee_contact"),
                "neighbourhood_committee_contact",
            )
        )
    size_raw = _get(data, ("owners_committee", "size"))
    size = read_integer(size_raw)
    if size is None or size <= 0:
        problems.append(
            problem(
                "community-bad-integer",
                file,
                doc.line("owners_committee", "size"),
                "owners_committee.size",
                value=size_raw or "",
            )
        )
    # From when the records are complete (a year from then on with none held none); a
    # year before it lacks what was not entered. Optional.
    raw_complete_from = data.get("records_complete_from")
    complete_from = _day(raw_complete_from)
    if raw_complete_from is not None and complete_from is None:
        problems.append(
            problem(
                "community-bad-date",
                file,
                doc.line("records_complete_from"),
                "records_complete_from",
                value=raw_complete_from,
            )
        )
    contract, found = read_contract(doc)
    problems += found
    platform, found = read_platform(doc)
    problems += found
    rules, found = read_rules(doc)
    problems += found
    if problems or rules is None or size is None:  # each None has its problem above
        return None, problems
    return Community(
        name=data["name"],
        full_name=data["full_name"],
        address=data["address"],
        property_company=data["property_company"],
        owners_committee=data["owners_committee"],
        party_branch=data["party_branch"],
        neighbourhood_committee=data["neighbourhood_committee"],
        neighbourhood_contact=contact,
        committee_size=size,
        rules=rules,
        records_complete_from=complete_from,
        contract=contract,
        reporting_platform=platform,
        source=Source(
            file,
            1,
            tuple((".".join(map(str, k)), v) for k, v in sorted(doc.lines.items(), key=str) if k),
        ),
    ), []


PLATFORM_KEYS = ("name", "url", "hotline")
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(/\S*)?")


def read_platform(doc: Document) -> tuple[ReportingPlatform | None, list[Problem]]:
    """community.yaml's optional ``reporting_platform``: {name, url, hotline?}, the
    city's platform residents report problems to (its QR code is printed)."""
    raw = doc.data.get("reporting_platform")
    field = "reporting_platform"
    if raw is None:
        return None, []
    if not isinstance(raw, dict):
        return None, [problem("reporting-platform-bad", doc.file, doc.line(field), field)]
    problems = unknown_fields(doc, raw, PLATFORM_KEYS, field)
    name, url, hotline = raw.get("name"), raw.get("url"), raw.get("hotline")
    if not isinstance(name, str) or not name.strip():
        problems.append(problem("reporting-platform-bad", doc.file, doc.line(field), field))
    if not isinstance(url, str) or not _WEB_ADDRESS.fullmatch(url):
        problems.append(
            problem(
                "reporting-platform-bad-url",
                doc.file,
                doc.line(field, "url") or doc.line(field),
                f"{field}.url",
                value="" if url is None else str(url),
            )
        )
    if hotline is not None and not isinstance(hotline, (str, int)):
        problems.append(problem("reporting-platform-bad", doc.file, doc.line(field), field))
    if problems:
        return None, problems
    return ReportingPlatform(
        str(name).strip(), str(url), None if hotline is None else str(hotline)
    ), []


CONTRACT_KEYS = ("start", "end", "decision", "notice_days", "notice_source")


def read_contract(doc: Document) -> tuple[ServiceContract | None, list[Problem]]:
    """community.yaml's optional ``service_contract``: the current property-service
    contract's term, and the notice period it sets in place of Art. 947's 90 days with
    the clause that sets it (the article allows a contract to; so the clause is the
    source, as a setting's is)."""
    raw = doc.data.get("service_contract")
    if raw is None:
        return None, []
    field = "service_contract"
    bad = [problem("service-contract-bad", doc.file, doc.line(field), field)]
    if not isinstance(raw, dict):
        return None, bad
    problems = unknown_fields(doc, raw, CONTRACT_KEYS, field)
    start, end = _day(raw.get("start")), _day(raw.get("end"))
    for key, day in (("start", start), ("end", end)):
        if day is None:
            value = str(raw.get(key) or "")
            problems.append(
                problem(
                    "community-bad-date",
                    doc.file,
                    doc.line(field, key),
                    f"{field}.{key}",
                    value=value,
                )
            )
    days_raw, clause, decision = (
        raw.get("notice_days"),
        raw.get("notice_source"),
        raw.get("decision"),
    )
    days = read_integer(days_raw) if days_raw is not None else None
    if days_raw is not None and (days is None or not 1 <= days <= MAX_DAYS):
        problems.append(
            problem(
                "community-bad-days",
                doc.file,
                doc.line(field, "notice_days"),
                f"{field}.notice_days",
                value=str(days_raw),
            )
        )
    texts_bad = any(v is not None and not isinstance(v, str) for v in (clause, decision))
    if texts_bad or (days_raw is None) != (clause is None) or (start and end and end < start):
        problems += bad
    if problems or start is None or end is None:
        return None, problems
    return ServiceContract(start, end, decision, days, clause, doc.line(field)), []


def _day(raw: Any) -> date | None:
    """A day written as YYYY-MM-DD (as the schemas' dates are), else None."""
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:  # 2024-02-30
            return None
    return None


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    value = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


# --- rules: the settings rules judge by, each with its source --------------------------

Path_ = tuple[str, ...]
Reader = Callable[[Document, Path_, Any], tuple[Any, list[Problem]]]


def _amount(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """A positive amount in yuan, at most two decimals, through the one number reader:
    "NaN", "1e99999999" or "⑦" are refused here, never computed with."""
    amount = read_number(raw)
    if amount is None or amount <= 0 or finer_than(amount, CENT):
        field = ".".join(path)
        return None, [
            problem("community-bad-amount", doc.file, doc.line(*path), field, value=raw or "")
        ]
    return amount, []


def _committee_meeting(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """Who must attend and approve: terms of THRESHOLDS, and of whom approval counts."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raw = {}
    parts = {}
    for key in ("quorum", "approval"):
        term = raw.get(key)
        # A list or mapping typed here is no term either (and cannot be looked up).
        if not isinstance(term, str) or term not in THRESHOLDS:
            problems.append(
                problem(
                    "community-bad-threshold",
                    doc.file,
                    doc.line(*path, key),
                    ".".join((*path, key)),
                    value=term or "",
                    allowed=LIST_JOIN.join(THRESHOLDS),
                )
            )
        else:
            parts[key] = THRESHOLDS[term]
    approval_of = raw.get("approval_of") or "all"
    if approval_of not in ("all", "present"):
        problems.append(
            problem(
                "community-bad-choice",
                doc.file,
                doc.line(*path, "approval_of"),
                ".".join((*path, "approval_of")),
                value=approval_of,
                allowed=LIST_JOIN.join(
                    CODE_MEANING.format(code=code, meaning=meaning)
                    for code, meaning in VOTE_BASES.items()
                ),
            )
        )
    if problems:
        return None, problems
    return CommitteeRule(
        parts["quorum"], parts["approval"], "present" if approval_of == "present" else "all"
    ), []


# rules.publication_deadline: its keys, and the longest period it may set.
DEADLINE_KEYS = ("days", "count", "severity")
DEADLINE_MAX_DAYS = 365


def _choice(
    doc: Document, path: Path_, raw: Any, default: str, meanings: dict[str, str]
) -> tuple[str | None, list[Problem]]:
    """One of ``meanings``' codes (``default`` when left out), or a problem naming them."""
    value = default if raw is None else raw
    if isinstance(value, str) and value in meanings:
        return value, []
    return None, [
        problem(
            "community-bad-choice",
            doc.file,
            doc.line(*path),
            ".".join(path),
            value=str(value),
            allowed=LIST_JOIN.join(
                CODE_MEANING.format(code=code, meaning=meaning)
                for code, meaning in meanings.items()
            ),
        )
    ]


def _publication_deadline(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """{days, count, severity}: within how many days (calendar or working) a decision is
    published, and whether a late one is an error or a warning."""
    if not isinstance(raw, dict):
        field = ".".join(path)
        return None, [problem("publication-deadline-bad", doc.file, doc.line(*path), field)]
    problems = unknown_fields(doc, raw, DEADLINE_KEYS, *path)
    days = read_integer(raw.get("days"))
    if days is None or not 1 <= days <= DEADLINE_MAX_DAYS:
        given = raw.get("days")
        problems.append(
            problem(
                "community-bad-days",
                doc.file,
                doc.line(*path, "days"),
                ".".join((*path, "days")),
                value="" if given is None else str(given),
            )
        )
    count, found = _choice(doc, (*path, "count"), raw.get("count"), "calendar", DEADLINE_COUNTS)
    problems += found
    severity, found = _choice(
        doc, (*path, "severity"), raw.get("severity"), "error", DEADLINE_SEVERITIES
    )
    problems += found
    if problems or days is None:
        return None, problems
    return PublicationDeadline(
        days, count == "working", "warning" if severity == "warning" else "error"
    ), []


def _one_of(meanings: dict[str, str]) -> Reader:
    """A reader of a value that is one of ``meanings``' codes, written out (a counting
    basis, whether part-scope votes are required)."""

    def read(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
        return _choice(doc, path, raw, "", meanings)

    return read


# rules.personal_details_retention: the longest extension, in days after a period's end.
RETENTION_MAX_DAYS = 365


def _retention_days(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """How many days after a record's public period its personal details may stay
    published: a whole number from 1 to RETENTION_MAX_DAYS."""
    days = read_integer(raw)
    if days is None or not 1 <= days <= RETENTION_MAX_DAYS:
        field = ".".join(path)
        value = "" if raw is None else str(raw)
        return None, [problem("community-bad-days", doc.file, doc.line(*path), field, value=value)]
    return days, []


# rules.disclosure_profile: its keys; lateness is what a late disclosure is in validate.
PROFILE_SETTING_KEYS = ("profile", "since", "lateness")


def _disclosure_profile(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """{profile, since, lateness}: a shipped rule profile, the first day the calendar
    judges, and whether lateness is an error or a warning (default)."""
    field = ".".join(path)
    ids = profile_ids()
    if not isinstance(raw, dict):
        return None, [
            problem(
                "disclosure-profile-bad", doc.file, doc.line(*path), field, allowed=", ".join(ids)
            )
        ]
    problems = unknown_fields(doc, raw, PROFILE_SETTING_KEYS, *path)
    profile = raw.get("profile")
    if profile not in ids:
        problems.append(
            problem(
                "disclosure-profile-bad",
                doc.file,
                doc.line(*path, "profile"),
                f"{field}.profile",
                allowed=", ".join(ids),
            )
        )
    since = _day(raw.get("since"))
    if since is None:
        problems.append(
            problem(
                "community-bad-date",
                doc.file,
                doc.line(*path, "since"),
                f"{field}.since",
                value=str(raw.get("since") or ""),
            )
        )
    lateness, found = _choice(
        doc, (*path, "lateness"), raw.get("lateness"), "warning", DEADLINE_SEVERITIES
    )
    problems += found
    if problems or since is None:
        return None, problems
    return CalendarSetting(str(profile), since, "error" if lateness == "error" else "warning"), []


def _disclosure_rules(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """A list of the community's own duties, written as a profile's are; the setting's
    source is theirs."""
    if not isinstance(raw, list) or not raw:
        field = ".".join(path)
        return None, [problem("disclosure-rules-bad", doc.file, doc.line(*path), field)]
    rules, problems = [], []
    # The setting's source (read beside the value) is each rule's; a placeholder here.
    for n, item in enumerate(raw):
        if not isinstance(item, dict):
            field = ".".join(map(str, (*path, n)))
            problems.append(problem("disclosure-rules-bad", doc.file, doc.line(*path, n), field))
            continue
        rule, found = read_duty(doc, (*path, n), item, RuleSource(), "community")
        problems += found
        if rule is not None:
            rules.append(rule)
    return (None if problems else tuple(rules)), problems


# rules.response_pledge: each class's keys; the longest limit of each unit.
PLEDGE_KEYS = ("class", "limit", "counts")
PLEDGE_MAX = {"minutes": 24 * 60, "hours": 24 * 7, "days": 365}
_LIMIT = re.compile(r"\s*([0-9]+)\s*(\S+?)\s*")


def _at_key(doc: Document, path: Path_, n: int, key: str, code: str, value: str) -> Problem:
    """A problem with the ``key`` of the ``n``-th item of the list at ``path``."""
    return problem(
        code, doc.file, doc.line(*path, n, key), ".".join((*path, str(n), key)), value=value
    )


def _response_pledge(doc: Document, path: Path_, raw: Any) -> tuple[Any, list[Problem]]:
    """A list of classes, each {class, limit, counts}: e.g. {class: 简单问题, limit:
    40分钟, counts: resolved}. The limit is a whole number and a unit of PLEDGE_UNITS."""
    if not isinstance(raw, list) or not raw:
        field = ".".join(path)
        return None, [problem("response-pledge-bad", doc.file, doc.line(*path), field)]
    classes: list[PledgeClass] = []
    problems: list[Problem] = []
    units = {word: unit for unit, words in PLEDGE_UNITS.items() for word in words}
    for n, item in enumerate(raw):
        at = (*path, str(n))
        if not isinstance(item, dict):
            problems.append(
                problem("response-pledge-bad", doc.file, doc.line(*path, n), ".".join(at))
            )
            continue
        problems += unknown_fields(doc, item, PLEDGE_KEYS, *path, n)
        name, limit = item.get("class"), item.get("limit")
        if not isinstance(name, str) or not name.strip():
            problems.append(
                problem("response-pledge-bad", doc.file, doc.line(*path, n), ".".join(at))
            )
            continue
        if any(c.name == name for c in classes):
            problems.append(_at_key(doc, path, n, "class", "response-pledge-class-twice", name))
        match = _LIMIT.fullmatch(limit) if isinstance(limit, str) else None
        amount = read_integer(match.group(1)) if match else None
        unit = units.get(match.group(2)) if match else None
        if amount is None or unit is None or not 1 <= amount <= PLEDGE_MAX[unit]:
            given = "" if limit is None else str(limit)
            problems.append(_at_key(doc, path, n, "limit", "response-pledge-bad-limit", given))
        counts, found = _choice(doc, (*at, "counts"), item.get("counts"), "", PLEDGE_COUNTS)
        problems += found
        if amount is not None and unit is not None and counts is not None:
            classes.append(PledgeClass(name, amount, unit, counts))  # type: ignore[arg-type]
    return (None if problems else tuple(classes)), problems


# Each setting under rules: and how its value is read (titles: RULE_SETTING_TITLES).
RULE_READERS: dict[str, Reader] = {
    "cost_threshold": _amount,
    "committee_cost_limit": _amount,
    "committee_meeting": _committee_meeting,
    "publication_deadline": _publication_deadline,
    "area_basis": _one_of(RULE_SETTING_VALUES["area_basis"]),
    "headcount_basis": _one_of(RULE_SETTING_VALUES["headcount_basis"]),
    "part_scope_votes": _one_of(RULE_SETTING_VALUES["part_scope_votes"]),
    "personal_details_retention": _retention_days,
    "disclosure_profile": _disclosure_profile,
    "disclosure_rules": _disclosure_rules,
    "response_pledge": _response_pledge,
}
# Settings a community may leave out: the rule they change then says it did not judge.
OPTIONAL_SETTINGS: frozenset[str] = frozenset(
    {
        "publication_deadline",
        "area_basis",
        "headcount_basis",
        "part_scope_votes",
        "personal_details_retention",
        "disclosure_profile",
        "disclosure_rules",
        "response_pledge",
    }
)
SETTING_KEYS = ("value", "source")
SOURCE_KEYS = ("rules_of_procedure", "decision", "law", "article", "contract")
# Where settings were written before rules: existed; such a key is reported, not read
# (it has no source, and two places for one setting would disagree).
MOVED = {
    ("ledger", "cost_threshold"): "cost_threshold",
    ("owners_committee", "meeting_rule"): "committee_meeting",
}


def read_rules(doc: Document) -> tuple[RuleSettings | None, list[Problem]]:
    """community.yaml's ``rules:``: every setting of RULE_READERS, each with a source."""
    file = doc.file
    problems = [
        problem("rule-setting-moved", file, doc.line(*old), ".".join(old), new=f"rules.{new}")
        for old, new in MOVED.items()
        if _get(doc.data, old) is not None
    ]
    rules = doc.data.get("rules")
    if rules is not None and not isinstance(rules, dict):
        return None, [
            *problems,
            problem("rule-setting-not-mapping", file, doc.line("rules"), "rules"),
        ]
    rules = rules or {}
    problems += unknown_fields(doc, rules, tuple(RULE_READERS), "rules")
    settings: dict[str, Setting[Any]] = {}
    for name, read in RULE_READERS.items():
        path = ("rules", name)
        field = ".".join(path)
        body = rules.get(name)
        if body is None and name in OPTIONAL_SETTINGS:
            continue
        if body is None:
            title = RULE_SETTING_TITLES[name]
            problems.append(
                problem("rule-setting-missing", file, doc.line(*path), field, title=title)
            )
            continue
        if not isinstance(body, dict):
            problems.append(problem("rule-setting-not-mapping", file, doc.line(*path), field))
            continue
        problems += unknown_fields(doc, body, SETTING_KEYS, *path)
        value, found = read(doc, (*path, "value"), body.get("value"))
        source, found_source = _source(doc, path, body.get("source"))
        problems += found + found_source
        if value is not None and source is not None:
            if name == "disclosure_rules":  # each of the community's duties rests on it
                value = tuple(replace(rule, source=source) for rule in value)
            settings[name] = Setting(value, source, doc.line(*path))
    if problems:
        return None, problems
    return RuleSettings(**settings), []


def _source(doc: Document, path: Path_, raw: Any) -> tuple[RuleSource | None, list[Problem]]:
    """A setting's source: an article of the rules of procedure (and the decision that
    adopted it), or a law of the citation catalogue and one of its articles."""
    file, field = doc.file, ".".join((*path, "source"))
    if raw is None:
        return None, [problem("rule-setting-no-source", file, doc.line(*path), field)]
    line = doc.line(*path, "source")
    if not isinstance(raw, dict):
        return None, [problem("rule-source-bad", file, line, field)]
    problems = unknown_fields(doc, raw, SOURCE_KEYS, *path, "source")
    text = {k: raw.get(k) for k in SOURCE_KEYS}
    if any(v is not None and not isinstance(v, str) for v in text.values()):
        return None, [*problems, problem("rule-source-bad", file, line, field)]
    article_of_rules, law, clause = text["rules_of_procedure"], text["law"], text["contract"]
    if [bool(article_of_rules), bool(law), bool(clause)].count(True) != 1:  # one kind
        return None, [*problems, problem("rule-source-bad", file, line, field)]
    if clause:
        if text["article"] is not None:
            return None, [*problems, problem("rule-source-bad", file, line, field)]
        return RuleSource(contract=clause, decision=text["decision"]), problems
    if article_of_rules:
        if text["article"] is not None:
            return None, [*problems, problem("rule-source-bad", file, line, field)]
        return RuleSource(rules_of_procedure=article_of_rules, decision=text["decision"]), problems
    laws = catalogue()
    if law not in laws:
        return None, [
            *problems,
            problem(
                "rule-source-unknown-law",
                file,
                doc.line(*path, "source", "law"),
                ".".join((*path, "source", "law")),
                value=law,
                allowed=LIST_JOIN.join(laws),
            ),
        ]
    article = read_integer(text["article"])
    if article is None or article not in laws[law].articles:
        return None, [
            *problems,
            problem(
                "rule-source-unknown-article",
                file,
                doc.line(*path, "source", "article"),
                ".".join((*path, "source", "article")),
                value=text["article"] or "",
                law=law,
            ),
        ]
    if text["decision"] is not None:
        return None, [*problems, problem("rule-source-bad", file, line, field)]
    return RuleSource(law=law, article=article), problems
