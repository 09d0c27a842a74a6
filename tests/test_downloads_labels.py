"""The downloads for an office worker: the Excel copies under Chinese titles with
Chinese names for coded values, from one catalogue (``VALUE_LABELS``) that has a name
for every code a published schema allows; and the data dictionary (README.txt) that
lists every published file and column."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import REPO
from inline import TODAY, write_project

from builder.core.schema import Field
from builder.core.text import starts_formula
from builder.messages.site import VALUE_LABELS
from builder.pipeline import validate_project
from builder.publish.downloads import build_downloads
from builder.publish.excel import (
    excel_cells,
    excel_descriptor,
    headers,
    is_code,
    labelled,
    unlabelled_codes,
)
from builder.publish.provenance import Provenance


def _published(root: Path, today=TODAY) -> dict[str, bytes]:
    validation = validate_project(root, today)
    assert validation.report.valid, validation.report.errors
    provenance = Provenance("0" * 40, None, False, datetime(2026, 7, 1, tzinfo=UTC))
    files = build_downloads(validation.project, validation.records, validation.report, provenance)
    return {f.path: f.content for f in files}


@pytest.fixture(scope="module")
def sample() -> dict[str, bytes]:
    return _published(REPO, None)


def _package(files: dict[str, bytes]) -> list[dict]:
    return json.loads(files["datapackage.json"])["resources"]


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_every_code_the_sample_publishes_has_a_chinese_name(sample):
    for resource in _package(sample):
        if not resource["name"].endswith("-excel"):
            assert unlabelled_codes(resource["schema"]) == [], resource["name"]


def test_every_coded_cell_of_the_sample_is_a_chinese_name_in_the_excel_copy(sample):
    seen: set[str] = set()
    for resource in _package(sample):
        if resource["name"].endswith("-excel"):
            continue
        keys = set(resource["schema"].get("primaryKey") or [])
        coded = [
            (i, f["name"])
            for i, f in enumerate(resource["schema"]["fields"])
            if f["name"] not in keys
            and any(map(is_code, (f.get("constraints") or {}).get("enum") or []))
        ]
        plain = _rows(sample[resource["path"]])
        excel = _rows(sample[f"excel/{resource['path']}"])
        for column, name in coded:
            for plain_row, excel_row in zip(plain[1:], excel[1:], strict=True):
                if plain_row[column]:
                    assert excel_row[column] == VALUE_LABELS[name][plain_row[column]]
                    seen.add(f"{name}={plain_row[column]}")
    # The sample's ledgers, decisions and accounts have such cells.
    assert {"type=income", "type=cost", "body=owners_assembly", "result=passed"} <= seen


@pytest.mark.parametrize(
    ("fields", "primary_key", "missing"),
    [
        # A new kind of ledger entry, of decision body, a new coded field: each found.
        (
            [{"name": "type", "constraints": {"enum": ["income", "refund"]}}],
            [],
            [("type", "refund")],
        ),
        (
            [{"name": "body", "constraints": {"enum": ["committee", "street_office"]}}],
            [],
            [("body", "street_office")],
        ),
        (
            [{"name": "channel", "constraints": {"enum": ["online", "cash"]}}],
            [],
            [("channel", "online"), ("channel", "cash")],
        ),
        # Words already written for people, and a key's identifiers, are no codes.
        ([{"name": "status", "constraints": {"enum": ["施工中", "停工"]}}], [], []),
        ([{"name": "id", "constraints": {"enum": ["parking", "garage"]}}], ["id"], []),
        (
            [{"name": "kind", "constraints": {"enum": ["deposit", "transfer_in", "interest"]}}],
            [],
            [],
        ),
        ([{"name": "basis", "constraints": {"enum": ["owners_decision", "emergency"]}}], [], []),
    ],
)
def test_a_code_without_a_chinese_name_is_found(fields, primary_key, missing):
    assert unlabelled_codes({"fields": fields, "primaryKey": primary_key}) == missing


def test_the_catalogue_names_each_code_once_and_never_as_a_formula():
    for field, labels in VALUE_LABELS.items():
        assert all(is_code(code) for code in labels), field
        assert len(set(labels.values())) == len(labels), field  # the copy loses nothing
        assert not any(starts_formula(label) for label in labels.values())
    # The fixed vocabulary of issue 13.
    assert VALUE_LABELS["type"]["cost"] == "合理成本"
    assert VALUE_LABELS["type"]["owners_use"] == "业主决定的其他用途"
    assert VALUE_LABELS["kind"]["transfer_in"] == "公共收益转入"


def test_two_fields_of_one_title_get_headers_of_their_own():
    fields = [Field("a", "金额"), Field("b", "金额"), Field("c", "日期")]
    shown = headers(fields)
    assert shown["c"] == "日期" and len(set(shown.values())) == 3
    assert "a" in shown["a"] and "b" in shown["b"]


MEMBERS = """\
id,name,role,building,term_start,term_end,personal_basis,consent_date,basis_source,personal_until
M01,某某,主任,1幢,2024-01-01,2028-12-31,legal_duty,,《业主大会议事规则》第十二条,
"""
DECISIONS = """\
- id: JY-2026-01
  date: 2026-02-01
  body: committee
  title: "=维修"
  summary: 维修
  result: passed
  members_total: 7
  members_present: 7
  members_approve: 7
"""


@pytest.mark.parametrize("which", ["sample", "inline"])
def test_the_dictionary_lists_every_published_file_and_column(which, sample, tmp_path):
    if which == "sample":
        files = sample
    else:
        files = _published(
            write_project(tmp_path / "p", decisions=DECISIONS, committee_members=MEMBERS)
        )
    content = files["README.txt"]
    assert content.startswith(b"\xef\xbb\xbf") and b"\r\n" in content
    assert b"\n" not in content.replace(b"\r\n", b"")  # Notepad's line ends, only
    text = content.decode("utf-8-sig")
    sums = files["SHA256SUMS"].decode().splitlines()
    assert "README.txt" in {line.split("  ", 1)[1] for line in sums}
    for path in files:
        assert f"  {path}\r\n" in text, path
    for resource in _package(files):
        assert resource["path"] in text and resource["title"] in text
        if resource["name"].endswith("-excel"):
            continue
        for field in resource["schema"]["fields"]:
            assert f"{field['title']}（原始数据中的列名：{field['name']}" in text
            for value in (field.get("constraints") or {}).get("enum") or []:
                label = VALUE_LABELS.get(field["name"], {}).get(value)
                assert (f"{value} = {label}" if label else value) in text


def test_a_free_text_field_of_a_coded_name_keeps_its_text():
    # A community's own schema: the ledger's `type` as free text with a pattern.
    free = Field("type", "收支", "string", {"pattern": "[a-z]+"})
    coded = Field("type", "收支", "string", {"enum": ["income", "cost"]})
    assert not labelled(free) and labelled(coded)
    changed: set[str] = set()
    assert excel_cells([free], ["income"], {"type"}, changed) == ["income"]
    assert excel_cells([coded], ["income"], {"type"}, changed) == ["收入"]
    described = excel_descriptor(
        {"fields": [{"name": "type", "constraints": {"pattern": "[a-z]+"}}]},
        changed,
        {"type": "收支"},
    )
    assert described["fields"] == [{"name": "收支", "constraints": {"pattern": "[a-z]+"}}]
