"""community.yaml as staff may mistype it: every wrong shape is an error at its line,
never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import has, line_of, replace_line, validate_json

COMMUNITY = "data/community.yaml"


@pytest.mark.parametrize("typed", ["[三分之二以上]", "{a: 1}", "0.5", "过半数以上"])
def test_a_committee_threshold_that_is_no_term_is_reported(project: Path, typed: str) -> None:
    path = project / COMMUNITY
    line = line_of(path, "quorum:")
    replace_line(path, line, "quorum: 过半数", f"quorum: {typed}")

    code, report = validate_json(project)

    assert code == 1
    assert has(
        report, "community-bad-threshold", COMMUNITY, line, "rules.committee_meeting.value.quorum"
    )


def test_the_sample_writes_every_rule_setting_with_its_source(project: Path) -> None:
    path = project / COMMUNITY
    text = path.read_text(encoding="utf-8")
    for name in ("cost_threshold", "committee_cost_limit", "committee_meeting"):
        assert f"  {name}:" in text
    assert "ledger:" not in text and "meeting_rule:" not in text

    _, report = validate_json(project)

    assert not [e for e in report["errors"] if e["file"] == COMMUNITY]


def test_a_setting_left_where_it_was_is_reported_at_its_old_key(project: Path) -> None:
    path = project / COMMUNITY
    path.write_text(
        path.read_text(encoding="utf-8") + 'ledger:\n  cost_threshold: "5000.00"\n',
        encoding="utf-8",
    )

    code, report = validate_json(project)

    assert code == 1
    line = line_of(path, 'cost_threshold: "5000.00"')
    assert has(report, "rule-setting-moved", COMMUNITY, line, "ledger.cost_threshold")
