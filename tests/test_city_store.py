"""The city store (builder/city/store.py): a community's verified copy and its Parquet
tables in DIR, deterministic, replaced whole by a re-harvest."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from builder.city import store
from builder.core.problems import ConfigError

LEDGER_FIELDS = [
    {"name": "voucher", "type": "string"},
    {"name": "date", "type": "date"},
    {"name": "type", "type": "string"},
    {"name": "amount", "type": "number"},
    {"name": "count", "type": "integer"},
]


def published(folder: Path, ledger: str, *, calendar: bool = True) -> Path:
    """A downloads folder as a site publishes it: one ledger, its Excel copy, a
    calendar and a feed."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ledger-parking.csv").write_text(textwrap.dedent(ledger), encoding="utf-8")
    (folder / "excel").mkdir(exist_ok=True)
    (folder / "excel/ledger-parking.csv").write_text("\ufeff凭证号\n", encoding="utf-8")
    package = {
        "name": "gongshi-published-records",
        "resources": [
            {
                "name": "ledger-parking",
                "path": "ledger-parking.csv",
                "schema": {"fields": LEDGER_FIELDS},
            },
            {
                "name": "ledger-parking-excel",
                "path": "excel/ledger-parking.csv",
                "schema": {"fields": [{"name": "凭证号", "type": "string"}]},
            },
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    if calendar:
        items = [
            {
                "duty": "common_income",
                "period": "2026-Q1",
                "due_date": "2026-04-30",
                "publication_date": None,
                "status": "overdue",
                "days_late": 12,
                "first_commit": None,
                "source": {"law": "x", "article": 8, "text": "《x》第八条"},
            },
            {
                "duty": "decisions",
                "period": "JY-1",
                "due_date": "2026-01-12",
                "publication_date": "2026-01-09",
                "status": "done-on-time",
                "days_late": None,
                "first_commit": {"commit": "abc", "date": "2026-01-09"},
                "source": {},
            },
        ]
        (folder / "calendar.json").write_text(
            json.dumps(
                {"version": 1, "profile": "shanghai", "build_date": "2026-05-12", "items": items}
            ),
            encoding="utf-8",
        )
    (folder / "feeds").mkdir(exist_ok=True)
    feed = {
        "items": [
            {
                "id": "u1",
                "url": "u1",
                "title": "台账",
                "date_published": "2026-05-01T00:00:00+08:00",
            }
        ]
    }
    (folder / "feeds/all.json").write_text(json.dumps(feed), encoding="utf-8")
    return folder


LEDGER = """\
    voucher,date,type,amount,count
    TC-1,2026-01-08,income,37800.00,3
    TC-2,2026-01-16,cost,1642.37,
    "TC-3","2026-02-01",cost,"0.05",1
    """


def rows(path: Path) -> list[dict[str, object]]:
    connection = store.connect()
    try:
        result = connection.execute(f"SELECT * FROM read_parquet('{path}') ORDER BY row")
        names = [d[0] for d in result.description]
        return [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    finally:
        connection.close()


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_community_is_stored_as_typed_tables_with_its_files(tmp_path: Path) -> None:
    source = published(tmp_path / "src", LEDGER)
    out = tmp_path / "DIR"
    store.write_community(out, {"id": "qinghe"}, source, {"id": "qinghe", "status": "ok"})

    ledger = rows(out / "tables/ledger-parking/qinghe.parquet")
    assert [r["voucher"] for r in ledger] == ["TC-1", "TC-2", "TC-3"]
    assert [r["row"] for r in ledger] == [1, 2, 3]
    assert {r["community"] for r in ledger} == {"qinghe"}
    assert ledger[1]["amount"] == Decimal("1642.37") and ledger[1]["count"] is None
    assert str(ledger[0]["date"]) == "2026-01-08" and ledger[0]["count"] == 3
    # The figures add up exactly as the published CSV's do.
    with (source / "ledger-parking.csv").open(encoding="utf-8") as handle:
        expected = sum(Decimal(r["amount"]) for r in csv.DictReader(handle))
    assert sum(Decimal(r["amount"]) for r in ledger) == expected == Decimal("39442.42")

    calendar = rows(out / "tables/calendar/qinghe.parquet")
    assert [(r["duty"], r["status"], r["days_late"]) for r in calendar] == [
        ("common_income", "overdue", 12),
        ("decisions", "done-on-time", None),
    ]
    assert calendar[0]["source_article"] == "8" and calendar[0]["profile"] == "shanghai"
    assert str(calendar[1]["first_commit_date"]) == "2026-01-09"
    assert str(rows(out / "tables/feed/qinghe.parquet")[0]["published"]) == "2026-05-01"
    # The Excel copy is kept with the files, never made a table.
    assert sorted(p.name for p in (out / "tables").iterdir()) == [
        "calendar",
        "feed",
        "ledger-parking",
    ]
    assert (out / "communities/qinghe/published/excel/ledger-parking.csv").is_file()
    assert not (out / ".staging").exists()

    harvest = (out / "communities/qinghe/harvest.json").read_text(encoding="utf-8")
    assert harvest == '{\n  "id": "qinghe",\n  "status": "ok"\n}\n'
    assert store.read_result(out, "qinghe") == {"id": "qinghe", "status": "ok"}


def test_the_same_copy_gives_the_same_bytes(tmp_path: Path) -> None:
    source = published(tmp_path / "src", LEDGER)
    for out in (tmp_path / "a", tmp_path / "b"):
        store.write_community(out, {"id": "qinghe"}, source, {"id": "qinghe"})
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_a_re_harvest_replaces_every_file_and_table(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    first = published(tmp_path / "one", LEDGER)
    (first / "old-only.csv").write_text("x\n1\n", encoding="utf-8")
    store.write_community(out, {"id": "qinghe"}, first, {"id": "qinghe"})
    store.write_community(out, {"id": "other"}, first, {"id": "other"})

    again = published(tmp_path / "two", "voucher,date,type,amount,count\n", calendar=False)
    store.write_community(out, {"id": "qinghe"}, again, {"id": "qinghe", "status": "ok"})

    assert rows(out / "tables/ledger-parking/qinghe.parquet") == []
    assert not (out / "tables/calendar/qinghe.parquet").exists()
    assert not (out / "communities/qinghe/published/old-only.csv").exists()
    assert not (out / "communities/qinghe/published/calendar.json").exists()
    # Another community's copy is untouched.
    assert len(rows(out / "tables/ledger-parking/other.parquet")) == 3
    assert (out / "tables/calendar/other.parquet").is_file()


def test_a_failed_harvest_writes_its_result_and_keeps_the_last_good_copy(
    tmp_path: Path,
) -> None:
    out = tmp_path / "DIR"
    source = published(tmp_path / "s", LEDGER)
    store.write_community(out, {"id": "qinghe"}, source, {"id": "qinghe"})
    store.write_result(out, {"id": "qinghe", "status": "tampered", "last_good": "2026-05-01"})
    assert len(rows(out / "tables/ledger-parking/qinghe.parquet")) == 3
    assert store.read_result(out, "qinghe") == {
        "id": "qinghe",
        "last_good": "2026-05-01",
        "status": "tampered",
    }


def test_removing_a_community_removes_all_its_tables(tmp_path: Path) -> None:
    out = tmp_path / "DIR"
    source = published(tmp_path / "s", LEDGER)
    store.write_community(out, {"id": "qinghe"}, source, {"id": "qinghe"})
    store.remove_tables(out, "qinghe")
    assert sorted(p.name for p in (out / "tables").rglob("*")) == [
        "calendar",
        "feed",
        "ledger-parking",
    ]  # the folders stay: another thread may be writing into them


def test_communities_stored_from_several_threads_at_once(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    source = published(tmp_path / "s", LEDGER)
    out = tmp_path / "DIR"
    ids = [f"c{n}" for n in range(12)]

    def stored(cid: str) -> None:
        store.write_community(out, {"id": cid}, source, {"id": cid})
        store.remove_tables(out, cid)  # as a re-harvest does, while others write
        store.write_community(out, {"id": cid}, source, {"id": cid})

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(stored, ids))
    for table in ("calendar", "feed", "ledger-parking"):
        assert sorted(p.stem for p in (out / "tables" / table).iterdir()) == sorted(ids)
    assert not (out / ".staging").exists()


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "Qing He"])
def test_an_id_that_cannot_name_a_folder_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(store.StoreError):
        store.write_community(
            tmp_path / "DIR", {"id": bad}, published(tmp_path / "s", LEDGER), {"id": bad}
        )
    assert not (tmp_path / "x").exists()


def test_without_duckdb_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(ConfigError) as caught:
        store.connect()
    assert "gongshi[city]" in caught.value.message and "gongshi[city]" in caught.value.message_en


def test_gongshi_imports_without_duckdb() -> None:
    import subprocess

    code = (
        "import sys; sys.modules['duckdb'] = None; "
        "import builder.cli, builder.pipeline, builder.city.store; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_the_tests_install_the_same_duckdb_as_the_city_extra() -> None:
    # The README's test command installs ".[test]"; the city's Parquet bytes depend on
    # the exact DuckDB, so the tests must run the version a city installs.
    import tomllib

    extras = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    pins = {name: [r for r in extras[name] if r.startswith("duckdb")] for name in ("test", "city")}
    assert pins["test"] == pins["city"] == ["duckdb==1.4.4"]
