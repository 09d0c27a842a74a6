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
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    replace_line(path, line, text.split("quorum:", 1)[1], f" {typed}")

    code, report = validate_json(project)

    assert code == 1
    assert has(
        report,
        "community-bad-threshold",
        COMMUNITY,
        line,
        "owners_committee.meeting_rule.quorum",
    )
