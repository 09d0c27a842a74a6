"""The residents' voice records' coded values, read by the rules and the site alike:
which wishes are open, which meetings are only planned, which issues are still open,
and how volunteer service counts hours and points.

The values are the schemas' enum values (data/schemas/wish.yaml, joint_meeting.yaml,
joint_meeting_issue.yaml); a community that renames them in its own schemas renames
them here too.
"""

from __future__ import annotations

from decimal import Decimal

from builder.core import resources as R
from builder.core.model import Record, Records

# Wishes (wish.yaml ``status``).
WISH_WAITING = "待认领"
WISH_CLAIMED = "已认领"
WISH_DONE = "已完成"
WISH_DECLINED = "未能实现"
WISH_STATUSES = (WISH_WAITING, WISH_CLAIMED, WISH_DONE, WISH_DECLINED)
# A wish still to be fulfilled: waiting for a claimant, or claimed and under way.
WISH_OPEN = frozenset({WISH_WAITING, WISH_CLAIMED})
# Where each status stands: still open, done, or declined.
WISH_STATE = {
    WISH_WAITING: "open",
    WISH_CLAIMED: "open",
    WISH_DONE: "done",
    WISH_DECLINED: "declined",
}
# A party member claims a wish under their party group's name, never their own: a
# claimant of this kind names the group (a name without "党" reads as a person's).
CLAIMANT_PARTY_MEMBER = "党员"
PARTY_GROUP_MARK = "党"
# The wish's dates in the order they happen.
WISH_DATES = ("collected", "claimed", "done")

# Joint meetings (joint_meeting.yaml ``status``): a planned meeting may be dated ahead.
MEETING_STATUS = "status"
MEETING_PLANNED = "计划召开"

# An issue's follow-up status at a meeting (joint_meeting_issue.yaml ``status``).
ISSUE_NEW = "新提出"
ISSUE_FOLLOWING = "跟进中"
ISSUE_OPEN = frozenset({ISSUE_NEW, ISSUE_FOLLOWING})
# Open at this many meetings (and still open): the site highlights the issue.
ISSUE_STALLED_AFTER = 3


def planned(meeting: Record) -> bool:
    """Whether ``meeting`` is only planned (not yet held)."""
    return meeting.values.get(MEETING_STATUS) == MEETING_PLANNED


def person_hours(service: Record) -> Decimal:
    """The hours a service row counts: each person's hours times the people."""
    return Decimal(service["hours"]) * service["people"]


def points(service: Record, points_per_hour: Decimal) -> Decimal:
    """The points a service row earns under its activity's rule."""
    return person_hours(service) * Decimal(points_per_hour)


def issue_history(records: Records) -> dict[str, list[tuple[Record, Record]]]:
    """Each issue's (meeting, row) at every meeting that took it up, by issue number,
    in the order of the meetings' dates."""
    meetings = {m["id"]: m for m in records.table(R.JOINT_MEETINGS)}
    history: dict[str, list[tuple[Record, Record]]] = {}
    for row in records.table(R.JOINT_MEETING_ISSUES):
        meeting = meetings.get(row["meeting"])
        if meeting is not None:
            history.setdefault(row["issue"], []).append((meeting, row))
    for rows in history.values():
        rows.sort(key=lambda pair: (pair[0]["date"], pair[0]["id"]))
    return history


def stalled_marks(rows: list[tuple[Record, Record]]) -> list[int]:
    """For each of an issue's rows (``issue_history``), how many held meetings in a row
    it has been open at by then when that is ``ISSUE_STALLED_AFTER`` or more (the site
    highlights it there), else 0. A closed issue starts again from 0; a planned
    meeting's row carries the count of the meeting before: it has not been held."""
    marks, count = [], 0
    for meeting, row in rows:
        if row["status"] not in ISSUE_OPEN:
            count = 0
        elif not planned(meeting):
            count += 1
        marks.append(count if count >= ISSUE_STALLED_AFTER else 0)
    return marks
