"""The disclosure calendar as ``downloads/calendar.json`` (a contract a city's index
harvests) and as the text ``gongshi calendar`` prints.

calendar.json, version 1::

    {"version": 1, "community": str, "profile": str, "profile_title": str,
     "since": date, "build_date": date, "horizon": date,
     "counts": {status: int},
     "items": [{
        "duty": str,             # decisions, assembly_notice, common_income, ...,
                                 # contract_notice, contract_renewal, contract_open_term
        "body": str | null,      # a decision duty's body: owners_assembly, committee
        "duty_zh": str,
        "period": str,           # 2026-Q3, 2026-H1, 2026, a decision id, "" (定期), or
                                 # a contract's term 2024-01-01/2026-12-31
        "period_zh": str,
        "account": str | null,   # a ledger account, for a duty owed per account
        "due_date": date | null, # the last day to publish (Art. 201-203); null: none set
        "due_moved_from": date | null,   # the last day before Art. 203 moved it
        "publication_date": date | null,
        "channel": str | null,   # notice_board, site, both (the disclosure log's)
        "log_id": str | null,
        "first_commit": {"commit": str, "date": date} | null,  # published on the site
        "status": "done-on-time" | "late" | "overdue" | "upcoming" | "no-frequency",
        "days_late": int | null, # late: after the due date; overdue: by the build date
        "display_days": int | null,
        "source": {"law": str | null, "article": int | null,
                   "rules_of_procedure": str | null, "text": str},
        "origin": str            # the profile id, or "community"
     }]}

Dates are ISO (YYYY-MM-DD). Items are ordered by due date (none last).

The property-service contract's duties (Civil Code Art. 947-948; community.yaml
``service_contract``): ``contract_notice``, the provider's written notice that it will not
renew, due 90 days (or the contract's ``notice_days``, its source then the clause) before
the term ends, published as a disclosure-log row; ``contract_renewal``, the owners'
decision to renew or choose another, due by the term's end, its ``publication_date`` the
decision's date; ``contract_open_term``, listed after an end with no such decision: the
contract continues with no fixed term, ``status`` "no-frequency", ``due_date`` null.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from builder.core.duties import CONTRACT_RENEWAL, STATUSES
from builder.core.model import Records
from builder.core.resources import DISCLOSURES
from builder.messages.site import CALENDAR_STATUSES
from builder.publish.provenance import FirstCommit, first_commits
from builder.rules.calendar import Calendar, Item, duty_words, open_term_words, period_words
from builder.rules.procedure import source_words

VERSION = 1
CALENDAR_JSON = "calendar.json"


def log_commits(root: Path, records: Records) -> dict[str, FirstCommit]:
    """The first commit of each row of the disclosure log, by id (empty without rows)."""
    rows = records.table(DISCLOSURES)
    return first_commits(root, rows[0].source.file) if rows else {}


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def first_commit(item: Item, commits: Mapping[str, FirstCommit]) -> FirstCommit | None:
    """The first commit of the log row that says the site published ``item``."""
    p = item.publication
    if p is None or p.log_id is None or p.channel not in ("site", "both"):
        return None
    return commits.get(p.log_id)


def item_dict(item: Item, commits: Mapping[str, FirstCommit]) -> dict[str, Any]:
    rule, p = item.rule, item.publication
    commit = first_commit(item, commits)
    return {
        "duty": rule.duty,
        "body": rule.body,
        "duty_zh": duty_words(rule)[0],
        "period": item.period,
        "period_zh": period_words(item),
        "account": item.account,
        "due_date": _iso(item.due_day),
        "due_moved_from": _iso(item.due.moved_from) if item.due else None,
        "publication_date": _iso(p.posted) if p else None,
        "channel": p.channel if p else None,
        "log_id": p.log_id if p else None,
        "first_commit": {"commit": commit.commit, "date": commit.day} if commit else None,
        "status": item.status,
        "days_late": item.days_late,
        "display_days": rule.display_days,
        "source": {
            "law": rule.source.law,
            "article": rule.source.article,
            "rules_of_procedure": rule.source.rules_of_procedure,
            "text": source_words(rule.source)[0],
        },
        "origin": rule.origin,
    }


def calendar_dict(
    calendar: Calendar, community: str, commits: Mapping[str, FirstCommit]
) -> dict[str, Any]:
    return {
        "version": VERSION,
        "community": community,
        "profile": calendar.profile.id,
        "profile_title": calendar.profile.title,
        "since": calendar.setting.since.isoformat(),
        "build_date": calendar.build_date.isoformat(),
        "horizon": calendar.horizon.isoformat(),
        "counts": {s: len(calendar.with_status(s)) for s in STATUSES},
        "items": [item_dict(i, commits) for i in calendar.items],
    }


def calendar_json(calendar: Calendar, community: str, commits: Mapping[str, FirstCommit]) -> bytes:
    value = calendar_dict(calendar, community, commits)
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def calendar_text(calendar: Calendar) -> str:
    """The calendar as staff read it in a terminal: the items needing action first."""
    lines = [
        f"公开日历 / disclosure calendar — {calendar.profile.title}（{calendar.profile.id}），"
        f"自 {calendar.setting.since} 起，按 {calendar.build_date} 判断",
    ]
    for status in STATUSES:
        items = calendar.with_status(status)
        if not items:
            continue
        zh, en = CALENDAR_STATUSES[status]
        lines += ["", f"{zh} / {en}（{len(items)}）"]
        for item in items:
            period = period_words(item) + (
                f" · {item.account_name or item.account}" if item.account else ""
            )
            open_term = open_term_words(item)
            due = f"应于 {item.due_day} 前" if item.due_day else "未定期限"
            if open_term:
                due = open_term[0]
            done = f"，{item.publication.posted} 公开" if item.publication else ""
            if item.decision is not None and item.rule.duty == CONTRACT_RENEWAL:
                done = f"，{item.decision.date} 作出决定 {item.decision.id}"
            late = f"，{item.days_late} 天" if item.days_late else ""
            source = source_words(item.rule.source)[0]
            lines.append(f"  {duty_words(item.rule)[0]}（{period}）：{due}{done}{late} — {source}")
    return "\n".join(lines)
