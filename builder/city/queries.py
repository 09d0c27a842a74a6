"""Every figure of the city site: one named SQL query each, over the store's files.

``open_city(DIR)`` gives a DuckDB connection with a view per input (``SOURCES``):
``harvest`` (``communities/*/harvest.json``) and the tables the figures read
(``tables/<table>/*.parquet``: the ledgers, the maintenance fund, accounts, decisions,
the owners' register, the calendar and the feed). ``run(city, name)`` runs one of
``QUERIES`` and returns its rows as dicts. Money comes back as Decimal (DECIMAL(38,2)
sums); figures per 100 households are rounded half up to the fen in SQL
(``per_hundred``), never through float.

Which communities a city figure sums (``counted``): those whose newest harvest is good
(``ok`` or ``unchanged``) and that have a stored copy. A community whose newest harvest
failed (tampered, invalid, unreachable, ...) is shown with its reason and its last good
copy's date, and its figures are never in a city total.

The same SQL runs over Parquet on object storage: see ``README.md`` here (httpfs).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.city import store
from builder.core.fund import INFLOW_KINDS
from builder.core.model import ENTRY_TYPES, OWNERS_USES
from builder.core.personal import UNTIL

if TYPE_CHECKING:
    import duckdb

__all__ = ["COUNTED", "QUERIES", "SOURCES", "merged", "open_city", "run"]

# The statuses of a newest harvest whose stored copy the city totals count.
COUNTED = ("ok", "unchanged")

_HARVEST_COLUMNS = (
    ("id", "VARCHAR"),
    ("name", "VARCHAR"),
    ("district", "VARCHAR"),
    ("street", "VARCHAR"),
    ("url", "VARCHAR"),
    ("path", "VARCHAR"),
    ("contact", "VARCHAR"),
    ("households", "BIGINT"),
    ("harvested", "DATE"),
    ("status", "VARCHAR"),
    ("reasons", "STRUCT(code VARCHAR, file VARCHAR, zh VARCHAR, en VARCHAR)[]"),
    ("last_good", "DATE"),
    ("site_built", "DATE"),
    ("commit", "VARCHAR"),
)

_MONEY = "DECIMAL(18,2)"
# view → (the tables' folder glob under tables/, the columns the queries read).
SOURCES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "ledger": (
        "ledger-*",
        (
            ("community", "VARCHAR"),
            ("row", "BIGINT"),
            ("voucher", "VARCHAR"),
            ("date", "DATE"),
            ("type", "VARCHAR"),
            ("category", "VARCHAR"),
            ("amount", _MONEY),
        ),
    ),
    "fund_ledger": (
        "fund-ledger",
        (("community", "VARCHAR"), ("date", "DATE"), ("kind", "VARCHAR"), ("amount", _MONEY)),
    ),
    "fund_uses": (
        "fund-uses",
        (("community", "VARCHAR"), ("date", "DATE"), ("amount", _MONEY)),
    ),
    "accounts": (
        "accounts",
        (
            ("community", "VARCHAR"),
            ("id", "VARCHAR"),
            ("kind", "VARCHAR"),
            ("opened", "DATE"),
            ("opening_balance", _MONEY),
        ),
    ),
    "decisions": (
        "decisions",
        (
            ("community", "VARCHAR"),
            ("row", "BIGINT"),
            ("id", "VARCHAR"),
            ("date", "DATE"),
            ("body", "VARCHAR"),
            ("title", "VARCHAR"),
            ("result", "VARCHAR"),
        ),
    ),
    "register": (
        "owners-register",
        (("community", "VARCHAR"), ("as_of", "DATE"), ("units", "BIGINT")),
    ),
    "calendar": (
        store.CALENDAR,
        (
            ("community", "VARCHAR"),
            ("row", "BIGINT"),
            ("duty", "VARCHAR"),
            ("duty_zh", "VARCHAR"),
            ("period_zh", "VARCHAR"),
            ("due_date", "DATE"),
            ("publication_date", "DATE"),
            ("status", "VARCHAR"),
            ("days_late", "BIGINT"),
        ),
    ),
    "feed": (
        store.FEED,
        (
            ("community", "VARCHAR"),
            ("row", "BIGINT"),
            ("id", "VARCHAR"),
            ("url", "VARCHAR"),
            ("title", "VARCHAR"),
            ("published", "DATE"),
        ),
    ),
}

_INCOME, _COST = ENTRY_TYPES[0], ENTRY_TYPES[1]


def _list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(store.literal(v) for v in values) + ")"


# The figures. Each names its columns; rows come in a stated, total order.
QUERIES: dict[str, str] = {
    # One row per community of the registry: where it is, its newest harvest, whether
    # the city counts it, its households (the registry's, else its published register's
    # whole-community units) and its calendar's counts.
    "communities": f"""
        SELECT h.id, h.name, h.district, h.street, h.url, h.status, h.reasons,
               h.harvested, h.last_good, h.site_built, h.commit,
               coalesce(h.households, r.units) AS households,
               h.households IS NULL AND r.units IS NOT NULL AS households_from_register,
               h.status IN {_list(COUNTED)} AND h.last_good IS NOT NULL AS counted,
               coalesce(c.overdue, 0) AS overdue, coalesce(c.late, 0) AS late,
               coalesce(c.on_time, 0) AS on_time, coalesce(c.items, 0) AS items
        FROM harvest h
        LEFT JOIN (
            SELECT community, arg_max(units, (as_of, units)) AS units
            FROM register GROUP BY community
        ) r ON r.community = h.id
        LEFT JOIN (
            SELECT community,
                   count(*) FILTER (status = 'overdue') AS overdue,
                   count(*) FILTER (status = 'late') AS late,
                   count(*) FILTER (status = 'done-on-time') AS on_time,
                   count(*) AS items
            FROM calendar GROUP BY community
        ) c ON c.community = h.id
        ORDER BY h.district, h.street, h.id
    """,
    # By district and street: how many communities, how many counted, how many up to
    # date on every duty (no overdue item), the overdue items, the last harvest and the
    # oldest site build among them.
    "streets": """
        SELECT district, street,
               count(*) AS communities,
               count(*) FILTER (counted) AS counted,
               count(*) FILTER (counted AND overdue = 0) AS up_to_date,
               coalesce(sum(overdue) FILTER (counted), 0) AS overdue,
               max(harvested) AS last_harvest,
               min(site_built) AS oldest_build,
               list(id ORDER BY id) AS ids,
               list(id ORDER BY id) FILTER (counted AND overdue > 0) AS overdue_ids
        FROM communities
        GROUP BY district, street
        ORDER BY district, street
    """,
    # By district, street and duty: of the counted communities whose calendar has the
    # duty, how many have no overdue item of it, and which have.
    "duties": """
        WITH per AS (
            SELECT k.district, k.street, c.community, c.duty, min(c.duty_zh) AS duty_zh,
                   count(*) FILTER (c.status = 'overdue') AS overdue
            FROM calendar c JOIN communities k ON k.id = c.community AND k.counted
            GROUP BY k.district, k.street, c.community, c.duty
        )
        SELECT district, street, duty, min(duty_zh) AS duty_zh,
               count(*) AS communities,
               count(*) FILTER (overdue = 0) AS up_to_date,
               coalesce(list(community ORDER BY community) FILTER (overdue > 0), [])
                   AS overdue_ids
        FROM per
        GROUP BY district, street, duty
        ORDER BY district, street, duty
    """,
    # The counted communities' overdue items, the longest overdue first.
    "overdue": """
        SELECT c.community, k.name, k.district, k.street, c.duty, c.duty_zh, c.period_zh,
               c.due_date, c.days_late
        FROM calendar c JOIN communities k ON k.id = c.community AND k.counted
        WHERE c.status = 'overdue'
        ORDER BY c.days_late DESC NULLS LAST, c.community, c.row
    """,
    # Per community and year: the common-income ledgers' income, costs, net income and
    # the uses the owners decided; the maintenance fund's balance at the year's end.
    "community_years": f"""
        WITH ledger_years AS (
            SELECT community, year(date) AS year,
                   sum(amount) FILTER (type = '{_INCOME}') AS income,
                   sum(amount) FILTER (type = '{_COST}') AS cost,
                   sum(amount) FILTER (type IN {_list(OWNERS_USES)}) AS uses
            FROM ledger GROUP BY ALL
        ),
        fund_years AS (
            SELECT community, year(date) AS year FROM fund_ledger
            UNION SELECT community, year(date) FROM fund_uses
            UNION SELECT community, year FROM ledger_years
        ),
        fund AS (
            SELECT y.community, y.year,
                   a.opening
                   + coalesce((SELECT sum(l.amount) FROM fund_ledger l
                               WHERE l.community = y.community
                                 AND l.kind IN {_list(INFLOW_KINDS)}
                                 AND year(l.date) <= y.year), 0)
                   - coalesce((SELECT sum(u.amount) FROM fund_uses u
                               WHERE u.community = y.community
                                 AND year(u.date) <= y.year), 0) AS fund_balance
            FROM fund_years y
            JOIN (SELECT community, sum(opening_balance) AS opening, min(opened) AS opened
                  FROM accounts WHERE kind = 'fund' GROUP BY community) a
              ON a.community = y.community AND year(a.opened) <= y.year
        )
        SELECT y.community, y.year,
               coalesce(l.income, 0) AS income, coalesce(l.cost, 0) AS cost,
               coalesce(l.income, 0) - coalesce(l.cost, 0) AS net,
               coalesce(l.uses, 0) AS uses,
               f.fund_balance
        FROM (SELECT DISTINCT community, year FROM fund_years) y
        LEFT JOIN ledger_years l USING (community, year)
        LEFT JOIN fund f USING (community, year)
        ORDER BY y.community, y.year
    """,
    # Per year: the counted communities' totals, the communities summed, and the
    # figures per 100 households over those whose households are known.
    "city_years": """
        SELECT y.year,
               sum(y.income) AS income, sum(y.cost) AS cost, sum(y.net) AS net,
               sum(y.uses) AS uses, sum(y.fund_balance) AS fund_balance,
               list(y.community ORDER BY y.community) AS ids,
               coalesce(sum(k.households), 0) AS households,
               list(y.community ORDER BY y.community) FILTER (k.households > 0)
                   AS ids_with_households,
               per_hundred(sum(y.income) FILTER (k.households > 0),
                           sum(k.households) FILTER (k.households > 0)) AS income_per_100,
               per_hundred(sum(y.net) FILTER (k.households > 0),
                           sum(k.households) FILTER (k.households > 0)) AS net_per_100
        FROM community_years y JOIN communities k ON k.id = y.community AND k.counted
        GROUP BY y.year
        ORDER BY y.year
    """,
    # Per year, the counted communities with households, ranked by common income per
    # 100 households (ties by id).
    "ranking": """
        SELECT y.year, y.community, k.name, k.district, k.street, k.households,
               y.income, y.net,
               per_hundred(y.income, k.households) AS income_per_100,
               per_hundred(y.net, k.households) AS net_per_100,
               k.overdue,
               rank() OVER (PARTITION BY y.year
                            ORDER BY per_hundred(y.income, k.households) DESC) AS rank
        FROM community_years y JOIN communities k ON k.id = y.community AND k.counted
        WHERE k.households > 0
        ORDER BY y.year DESC, rank, y.community
    """,
    # Each community's decisions, newest first.
    "decisions": """
        SELECT community, id, date, body, title, result
        FROM decisions
        ORDER BY community, date DESC, row DESC
    """,
    # The communities' table of the downloads: the registry and each newest harvest,
    # its reasons in words.
    "harvests": """
        SELECT id, name, district, street, url, status,
               array_to_string(list_transform(reasons, r -> r.zh), '；') AS reasons_zh,
               array_to_string(list_transform(reasons, r -> r.en), '; ') AS reasons_en,
               harvested, last_good, site_built, commit, households, counted
        FROM communities
        ORDER BY id
    """,
    # The city feed: the counted communities' newest disclosures.
    "feed": """
        SELECT f.community, k.name, f.id, f.url, f.title, f.published
        FROM feed f JOIN communities k ON k.id = f.community AND k.counted
        ORDER BY f.published DESC NULLS LAST, f.community, f.row
        LIMIT 200
    """,
}

# The queries kept as tables, so the later ones read the earlier ones by name: each is
# computed once (the ledgers, millions of rows in a city, are read once, by
# community_years), as are the small inputs several queries read.
_TABLES = ("communities", "community_years")
_KEPT_SOURCES = frozenset({"calendar", "register", "feed"})

# Money per 100 households, rounded half up to the fen, in exact integer arithmetic.
_PER_HUNDRED = """
    CREATE MACRO per_hundred(amount, households) AS CAST(CAST(
        CASE WHEN households IS NULL OR households <= 0 OR amount IS NULL THEN NULL
             ELSE sign(amount) * ((abs(CAST(amount * 100 AS HUGEINT)) * 200 + households)
                                  // (2 * households)) END
        AS DECIMAL(38,0)) * 0.01 AS DECIMAL(18,2))
"""


def _typed(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"CAST({store.quote(n)} AS {t}) AS {store.quote(n)}" for n, t in columns)


def _nothing(columns: tuple[tuple[str, str], ...]) -> str:
    """A SELECT of no rows with ``columns``: a view of files no community published."""
    names = ", ".join(f"CAST(NULL AS {t}) AS {store.quote(n)}" for n, t in columns)
    return f"SELECT {names} WHERE false"


def _source(folder: Path, pattern: str, columns: tuple[tuple[str, str], ...]) -> str:
    """A view's SELECT: its columns from the Parquet files (none: no rows)."""
    names = _typed(columns)
    if not any(folder.glob(f"{pattern}/*.parquet")):
        return _nothing(columns)
    files = store.literal(str(folder / pattern / "*.parquet"))
    return f"SELECT {names} FROM read_parquet({files}, union_by_name = true)"


def _harvest(out: Path) -> str:
    """The harvest view's SELECT: every community's harvest.json."""
    names = _typed(_HARVEST_COLUMNS)
    if not any((out / store.COMMUNITIES).glob(f"*/{store.HARVEST_JSON}")):
        return _nothing(_HARVEST_COLUMNS)
    files = store.literal(str(out / store.COMMUNITIES / "*" / store.HARVEST_JSON))
    declared = (
        "{"
        + ", ".join(f"{store.literal(n)}: {store.literal(t)}" for n, t in _HARVEST_COLUMNS)
        + "}"
    )
    return f"SELECT {names} FROM read_json({files}, format = 'auto', columns = {declared})"


@contextmanager
def open_city(out: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection over DIR's files, with the views the queries read."""
    out = Path(out)
    city = store.connect()
    try:
        city.execute(_PER_HUNDRED)
        city.execute(f"CREATE TEMP TABLE harvest AS {_harvest(out)}")
        for view, (pattern, columns) in SOURCES.items():
            kind = "TEMP TABLE" if view in _KEPT_SOURCES else "VIEW"
            select = _source(out / store.TABLES, pattern, columns)
            city.execute(f"CREATE {kind} {view} AS {select}")
        for name in _TABLES:
            city.execute(f"CREATE TEMP TABLE {name} AS {QUERIES[name]}")
        yield city
    finally:
        city.close()


def merged(
    out: Path,
    table: str,
    communities: list[str],
    as_of: str | None = None,
    personal: tuple[str, ...] = (),
) -> str | None:
    """The SELECT of a merged download: one stored table of the given (counted)
    communities, in the order of their ids and then of their rows; None when none of
    them has the table. A failed harvest's last good copy is not among them.

    The order comes from the files, not from a sort (a city's ledgers are millions of
    rows): the files are listed sorted, each stored ordered by ``row``, and one DuckDB
    thread with insertion order preserved (``store.connect``) reads them in that order.

    The ``personal`` fields of a row whose ``personal_until`` is before ``as_of`` (the
    city build's date) are left out too: a copy stored earlier may outlive them."""
    folder = Path(out) / store.TABLES / table
    files = [folder / f"{c}.parquet" for c in sorted(communities)]
    listed = ", ".join(store.literal(str(f)) for f in files if f.is_file())
    if not listed:
        return None
    until = store.quote(UNTIL)
    columns = "*"
    if as_of and personal:
        replaced = ", ".join(
            f"{store.expired_or(store.quote(f), until, as_of)} AS {store.quote(f)}"
            for f in personal
        )
        columns = f"* REPLACE ({replaced})"
    return f"SELECT {columns} FROM read_parquet([{listed}], union_by_name = true)"


def run(city: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
    """The rows of the query ``name``, each a dict of its columns."""
    # A query kept as a table (open_city) is read, not computed again.
    result = city.execute(f"SELECT * FROM {name}" if name in _TABLES else QUERIES[name])
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
