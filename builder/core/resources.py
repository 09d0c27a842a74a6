"""The names of the data package's resources that the code looks up by name.

A community's ``data/datapackage.yaml`` names its resources; the stages that reason
about one kind of record (the decisions rule, the notices page, the ledgers) find it
by one of these names, never by a string written in place.
"""

from __future__ import annotations

DECISIONS = "decisions"
COMMITTEE_MEMBERS = "committee-members"
FUND_USES = "fund-uses"
FUND_LEDGER = "fund-ledger"
BRANCH_MEETINGS = "branch-meetings"
BRANCH_NOTICES = "branch-notices"
BRANCH_DUES = "branch-dues"
BRANCH_NOTICE_PERSONS = "branch-notice-persons"
PROPERTY_SERVICES = "property-services"
PROPERTY_FEES = "property-fees"
PROPERTY_PERFORMANCE = "property-performance"
# The disclosure log: each periodic report posted, where and when (rules/calendar.py).
DISCLOSURES = "disclosures"
# The requests register (居民诉求台账): each resident's request and how it was handled,
# judged against community.yaml's rules.response_pledge (core/requests.py).
RESIDENT_REQUESTS = "resident-requests"
# Residents' voice: the wish list, the joint meetings and their issues, volunteer service.
WISHES = "wishes"
JOINT_MEETINGS = "joint-meetings"
JOINT_MEETING_ISSUES = "joint-meeting-issues"
VOLUNTEER_ACTIVITIES = "volunteer-activities"
VOLUNTEER_SERVICE = "volunteer-service"
VOLUNTEER_REWARDS = "volunteer-rewards"

# A ledger's resource is the prefix and its account id: ``ledger-parking``.
LEDGER_PREFIX = "ledger-"

# The two tables flattened from ledgers/accounts.yaml; checked like resources, but not
# resources of the data package.
ACCOUNTS = "accounts"
ASSERTIONS = "assertions"
# The names the downloads publish those two tables under: no resource may take them.
PUBLISHED_ACCOUNTS = "accounts"
PUBLISHED_ASSERTIONS = "balance-assertions"
# The owners' register flattened from community.yaml's owners_register (one row per
# issue and scope): checked like a resource, published under the same name.
OWNERS_REGISTER = "owners-register"
PUBLISHED_REGISTER = OWNERS_REGISTER
RESERVED_NAMES = frozenset({PUBLISHED_ACCOUNTS, PUBLISHED_ASSERTIONS, PUBLISHED_REGISTER})

# Tables whose rows are parts of another table's records (the persons a notice is
# about): by resource, the field naming the record and the table it is in. A part is
# public when its record is, and its personal details are published for as long.
PARTS = {BRANCH_NOTICE_PERSONS: ("notice", BRANCH_NOTICES)}


def ledger_resource(account: str) -> str:
    """The resource name of an account's ledger."""
    return LEDGER_PREFIX + account


def ledger_account(resource: str) -> str | None:
    """The account a resource name holds the ledger of, or None for any other."""
    return resource.removeprefix(LEDGER_PREFIX) if resource.startswith(LEDGER_PREFIX) else None
