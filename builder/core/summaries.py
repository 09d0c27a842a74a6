"""Where the site's figures used to be computed; kept only for importers not yet moved.

Ledger arithmetic lives in ``builder.core.ledger``, the public-or-not decision and a
notice's status in ``builder.core.disclosure``.
"""

from __future__ import annotations

from builder.core.disclosure import notice_status as notice_status
from builder.core.disclosure import public_only as public
from builder.core.ledger import AccountYear as AccountYear
from builder.core.ledger import AssertionCheck as AssertionCheck
from builder.core.ledger import MonthTotals as MonthTotals
from builder.core.ledger import account_years as account_years

__all__ = [
    "AccountYear",
    "AssertionCheck",
    "MonthTotals",
    "account_years",
    "notice_status",
    "public",
]
