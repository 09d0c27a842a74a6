"""The benchmark tooling: the generator makes a valid, reproducible project and plants
exactly the errors it lists; run.py lays out its table. No timing is asserted here:
figures come from running the benchmark, never from a test."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, validate_json

BENCHMARKS = REPO / "benchmarks"
TODAY = date.today().isoformat()  # one day for the whole module, even across midnight


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def generate(out: Path, *options: str) -> Path:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), "10k", str(out), "--today", TODAY,
         *options],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def digest(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "10k")


def test_sizes_parse():
    parse_size = load("generate").parse_size
    assert parse_size("10k") == 10_000
    assert parse_size("100k") == 100_000
    assert parse_size("1M") == 1_000_000
    assert parse_size("2500") == 2500
    with pytest.raises(ValueError):
        parse_size("lots")


def test_generated_project_is_valid(generated: Path):
    code, report = validate_json(generated)
    assert code == 0, report["errors"][:5]
    assert report["valid"] and not report["warnings"]
    made = json.loads((generated / "benchmark.json").read_text(encoding="utf-8"))
    ledgers = ("data/ledgers/parking.csv", "data/ledgers/advertising.csv")
    assert sum(made["rows"][f] for f in ledgers) == 10_000
    assert report["stats"]["resources"]["ledger-parking"] == made["rows"][ledgers[0]]


def test_generation_is_deterministic(generated: Path, tmp_path: Path):
    again = generate(tmp_path / "again")
    assert digest(again) == digest(generated)


def test_planted_errors_are_reported_exactly(tmp_path: Path):
    root = generate(tmp_path / "planted", "--errors", "8")
    planted = json.loads((root / "planted-errors.json").read_text(encoding="utf-8"))
    assert len(planted) == 8
    assert len({e["code"] for e in planted}) >= 7  # varied kinds, not one kind eight times
    code, report = validate_json(root)
    assert code == 1
    found = {(e["file"], e["line"], e["field"], e["code"]) for e in report["errors"]}
    assert found == {(e["file"], e["line"], e["field"], e["code"]) for e in planted}
    # A schema error in the advertising ledger stops its balance checks, as it should.
    assert {w["code"] for w in report["warnings"]} <= {"balance-not-checked"}


def test_table_layout():
    run = load("run")
    M = run.Measurement
    results = run.Results(
        rows_per_size={"100k": 100_000, "1M": 1_000_000},
        validate={
            "100k": {
                "gongshi": M("ok", 6.0, 250.0, True, 0),
                "frictionless": M("ok", 4.0, 64.0, True, 0),
                "pandas": M("ok", 0.5, 80.0, detail="100,000 rows read"),
            },
            "1M": {
                "gongshi": M("timeout", 1800.0),
                "frictionless": M("ok", 40.0, 300.0, True, 0),
                "pandas": M("ok", 3.0, 400.0, detail="1,000,000 rows read"),
            },
        },
        build={"gongshi": M("ok", 6.0, 150.0), "mkdocs": M("ok", 2.0, 50.0)},
        build_label="10k, 10 years",
        pages={"gongshi": 270, "mkdocs": 270},
        largest_page_kb=84.0,
    )
    table = run.format_table(run.comparison_rows(results), "Measured on a test machine")
    lines = table.splitlines()
    assert lines[0] == "Measured on a test machine"
    body = [line for line in lines if line.startswith("|")]
    assert {line.count("|") for line in body} == {len(run.HEADER) + 1}
    assert len(body) == 2 + 6  # header, rule; validate and read floor for each size; growth; build
    validate_100k = next(line for line in body if line.startswith("| validate | 100k"))
    assert "| 1.50× | 3.91× |" in validate_100k
    assert "| no |" in validate_100k and "agree" in validate_100k
    assert "timeout (1800 s)" in next(line for line in body if "| validate | 1M" in line)
    growth = next(line for line in body if line.startswith("| cost growth"))
    assert "| — |" in growth  # no ratio from a timed-out run
    build = next(line for line in body if line.startswith("| build"))
    assert "| 3.00× |" in build and "270 HTML pages" in build
