"""Joint meetings (议事会、联席会议) and the issues they take up. A planned meeting may
be dated ahead (the future-date guard exempts it, rules/records.py), but once its day
has passed it should be recorded as held; until then it records no decisions. An issue
being followed up names who follows it up, and an issue closed at one meeting does not
come up again under the same number."""

from __future__ import annotations

from collections.abc import Iterator

from builder.core import resources as R
from builder.core import voice
from builder.core.model import Record, Records
from builder.core.problems import Problem, problem
from builder.rules import RuleContext


def check_planned_meetings(records: Records, context: RuleContext) -> Iterator[Problem]:
    # Judged on the build date, as the site that shows the meeting as planned is: a
    # commit is stale once the site built from it would list a past day as upcoming.
    as_of = context.build_date or context.today
    meetings = {m["id"]: m for m in records.table(R.JOINT_MEETINGS)}
    for meeting in meetings.values():
        if voice.planned(meeting) and meeting["date"] < as_of:
            yield problem(
                "joint-meeting-planned-past",
                meeting.source.file,
                meeting.source.line_of("date"),
                "date",
                severity="warning",
                meeting=meeting["id"],
                value=meeting["date"],
                as_of=as_of,
            )
    for issue in records.table(R.JOINT_MEETING_ISSUES):
        at = meetings.get(issue["meeting"])
        if at is None or not voice.planned(at):
            continue
        if issue.values.get("decision") or issue["status"] not in voice.ISSUE_OPEN:
            field = "decision" if issue.values.get("decision") else "status"
            yield problem(
                "joint-meeting-planned-decided",
                issue.source.file,
                issue.source.line_of(field),
                field,
                meeting=at["id"],
                status=issue["status"],
            )


def check_issue_follow_up(records: Records, context: RuleContext) -> Iterator[Problem]:
    for issue in records.table(R.JOINT_MEETING_ISSUES):
        if issue["status"] == voice.ISSUE_FOLLOWING and not issue.values.get("follow_up"):
            source = issue.source
            yield problem(
                "joint-issue-no-follow-up",
                source.file,
                source.line_of("follow_up") or source.line_of("status"),
                "follow_up",
                issue=issue["issue"],
                status=issue["status"],
            )


def check_issue_closed_once(records: Records, context: RuleContext) -> Iterator[Problem]:
    for number, rows in voice.issue_history(records).items():
        closed: tuple[Record, Record] | None = None
        for meeting, row in rows:
            if closed is not None:
                yield problem(
                    "joint-issue-after-closed",
                    row.source.file,
                    row.source.line_of("issue"),
                    "issue",
                    issue=number,
                    closed=closed[1]["status"],
                    closed_at=closed[0]["id"],
                    closed_on=closed[0]["date"],
                )
            elif row["status"] not in voice.ISSUE_OPEN:
                closed = (meeting, row)
