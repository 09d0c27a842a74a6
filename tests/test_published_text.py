"""Staff text published as typed: in the downloads (the Excel copy disarms formulas,
the plain CSV stays exact), in page front matter (any Unicode scalar value), and on the
pages (a citation marker typed into a record is text)."""

from __future__ import annotations

import csv
import hashlib
import html
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from corpus import CORPUS
from inline import TODAY, write_project

from builder.core.text import starts_formula
from builder.messages.site import VALUE_LABELS
from builder.pipeline import validate_project
from builder.publish.downloads import build_downloads, excel_text
from builder.publish.provenance import Provenance
from builder.site.templating import make_environment, page_text, yaml_string

# (typed cell, the Excel copy's cell). OWASP's leading characters, and text that only
# looks like them further in.
FORMULAS = [
    ('=HYPERLINK("http://x"&A1,"y")', '\'=HYPERLINK("http://x"&A1,"y")'),
    ("+SUM(1)", "'+SUM(1)"),
    ("-2+3", "'-2+3"),
    ("@cmd", "'@cmd"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\t文字", "'\t文字"),
    ("3幢屋面防水", "3幢屋面防水"),
    ("a=1+2", "a=1+2"),
    ("'已有单引号", "'已有单引号"),
    ("＝全角", "＝全角"),
]


@pytest.mark.parametrize(("typed", "excel"), FORMULAS)
def test_excel_text_disarms_exactly_the_cells_that_start_a_formula(typed, excel):
    assert excel_text(typed) == excel
    assert starts_formula(typed) == (excel != typed)


def _fund_uses(cells: list[str]) -> str:
    """A fund-use table: one row per project text, and one with a negative amount; the
    columns the sample's schema has (a field these rows do not fill stays empty)."""
    schema = yaml.safe_load((REPO / "data/schemas/fund_use.yaml").read_text(encoding="utf-8"))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(
        out, [f["name"] for f in schema["fields"]], lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    row = {
        "date": "2026-03-02",
        "basis": "owners_decision",
        "decision": "JY-2026-01",
        "location": "1幢",
        "amount": "100.00",
        "contractor": "某公司",
        "status": "施工中",
    }
    for n, text in enumerate(cells, 1):
        writer.writerow({**row, "id": f"WX-2026-{n:02d}", "project": text})
    writer.writerow(
        {**row, "id": "WX-2026-90", "project": "退款冲回", "amount": "-120.50", "status": "已验收"}
    )
    return out.getvalue()


def _published(root: Path) -> dict[str, bytes]:
    validation = validate_project(root, TODAY)
    provenance = Provenance(None, None, False, datetime(2026, 7, 1, tzinfo=UTC))
    files = build_downloads(validation.project, validation.records, validation.report, provenance)
    return {f.path: f.content for f in files}


def _rows(content: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding), newline="")))


# Committee decisions (the fund uses' decision among them) with formula-like text: a
# tab or carriage return only fits multi-line text, and a lone CR only a YAML string.
DECISIONS = """\
- id: JY-2026-01
  date: 2026-02-01
  body: committee
  title: "@关于维修的决定"
  summary: "\\r=1"
  result: passed
  members_total: 7
  members_present: 7
  members_approve: 7
- id: JY-2026-02
  date: 2026-02-02
  body: committee
  title: 普通标题
  summary: "\\t=1"
  result: passed
  members_total: 7
  members_present: 7
  members_approve: 7
- id: JY-2026-03
  date: 2026-02-03
  body: committee
  title: "-2+3"
  summary: "\\t文字"
  result: passed
  members_total: 7
  members_present: 7
  members_approve: 7
"""
# (title, summary) of those decisions in the Excel copy; the plain CSV has them as typed.
DECISION_CELLS = [
    ("'@关于维修的决定", "'\r=1"),
    ("普通标题", "'\t=1"),
    ("'-2+3", "'\t文字"),
]
ONE_LINE = [(typed, excel) for typed, excel in FORMULAS if not typed.startswith(("\t", "\r"))]


def test_excel_copy_disarms_formulas_in_text_fields_only(tmp_path):
    typed = [cell for cell, _ in ONE_LINE]
    root = write_project(tmp_path / "p", decisions=DECISIONS, fund_uses=_fund_uses(typed))
    # A number field that allows a negative amount: a number there is never disarmed.
    schema = root / "data/schemas/fund_use.yaml"
    descriptor = yaml.safe_load(schema.read_text(encoding="utf-8"))
    amount_spec = next(f for f in descriptor["fields"] if f["name"] == "amount")
    del amount_spec["constraints"]["minimum"]
    schema.write_text(yaml.safe_dump(descriptor, allow_unicode=True), encoding="utf-8")
    files = _published(root)
    excel = files["excel/fund-uses.csv"]
    plain = files["fund-uses.csv"]
    assert excel.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    excel_rows, plain_rows = _rows(excel, "utf-8-sig"), _rows(plain, "utf-8")
    # The Excel copy's header is the titles; the plain CSV's the field names.
    project, amount = plain_rows[0].index("project"), plain_rows[0].index("amount")
    assert (excel_rows[0][project], excel_rows[0][amount]) == ("项目", "金额（元）")
    assert [row[project] for row in excel_rows[1:-1]] == [cell for _, cell in ONE_LINE]
    assert [row[project] for row in plain_rows[1:-1]] == typed  # exactly as published
    assert excel_rows[-1][amount] == plain_rows[-1][amount] == "-120.50"
    # Every other cell is the same in both copies, a coded one by its Chinese name.
    names = plain_rows[0]
    for excel_row, plain_row in zip(excel_rows[1:], plain_rows[1:], strict=True):
        named = [VALUE_LABELS.get(n, {}).get(v, v) for n, v in zip(names, plain_row, strict=True)]
        del excel_row[project], named[project]
        assert excel_row == named
    excel_rows = _rows(files["excel/decisions.csv"], "utf-8-sig")
    plain_rows = _rows(files["decisions.csv"], "utf-8")
    title, summary = excel_rows[0].index("标题"), excel_rows[0].index("内容摘要")
    assert [(row[title], row[summary]) for row in excel_rows[1:]] == DECISION_CELLS
    # Coded values are written by their Chinese names, next to the disarmed text.
    body, result = excel_rows[0].index("决定机构"), excel_rows[0].index("表决结果")
    assert {(row[body], row[result]) for row in excel_rows[1:]} == {("业主委员会", "通过")}
    assert [(row[title], row[summary]) for row in plain_rows[1:]] == [
        ("@关于维修的决定", "\r=1"),
        ("普通标题", "\t=1"),
        ("-2+3", "\t文字"),
    ]
    # The checksums describe the bytes published, each copy its own.
    sums = dict(reversed(line.split("  ", 1)) for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS"}
    for path, digest in sums.items():
        assert hashlib.sha256(files[path]).hexdigest() == digest, path


def test_excel_copy_is_still_described_truly_by_its_schema(tmp_path):
    # The apostrophe makes a cell one longer and changes its first character: the Excel
    # copy's descriptor allows that where it happened, and only there.
    typed = ["-" + "长" * 79, "@x"]
    root = write_project(tmp_path / "p", fund_uses=_fund_uses(typed))
    files = _published(root)
    package = yaml.safe_load(files["datapackage.json"])
    described = {r["name"]: r["schema"] for r in package["resources"]}

    def field(resource: str, name: str) -> dict:
        return next(f for f in described[resource]["fields"] if f["name"] == name)

    assert field("fund-uses", "project")["constraints"]["maxLength"] == 80
    # The Excel copy's fields are named by the header it has: the titles.
    assert field("fund-uses-excel", "项目")["constraints"]["maxLength"] == 81
    assert field("fund-uses-excel", "部位")["constraints"]["maxLength"] == 60
    assert described["fund-uses-excel"]["primaryKey"] == ["编号"]
    # Its headers differ from the referenced tables': the plain copy keeps the keys.
    assert "foreignKeys" not in described["fund-uses-excel"]
    assert described["fund-uses"]["foreignKeys"]


@pytest.mark.parametrize("text", [*CORPUS, "a\nb\r\nc", "\x85\u2028\u2029\x7f", "\\", ""])
def test_yaml_string_reads_back_exactly_in_front_matter(text):
    front = f"---\ntitle: {yaml_string(text)}\n---\n"
    assert "\n" not in front[4:-5]  # one line: the front matter cannot end early
    assert yaml.safe_load(front.split("---")[1]) == {"title": text}


def test_tojson_in_an_older_template_writes_yaml_too(tmp_path):
    # Projects made before yaml_string have `| tojson` in their front matter.
    from builder.site.templating import page_environment

    pages = tmp_path / "site_templates/pages"
    pages.mkdir(parents=True)
    (pages / "t.md.j2").write_text("---\ntitle: {{ title | tojson }}\n---\n", encoding="utf-8")
    env, _ = page_environment(tmp_path)
    for text in CORPUS:
        front = env.get_template("t.md.j2").render(title=text)
        assert yaml.safe_load(front.split("---")[1]) == {"title": text}


def test_page_values_never_bring_a_bracket_of_their_own():
    env = make_environment(
        __import__("jinja2").DictLoader({"p": "{{ v }}[[cite:x:1]]"}), finalize=page_text
    )
    out = env.get_template("p").render(v="[[cite:civil-code:278]]")
    assert out == "&#91;&#91;cite:civil-code:278]][[cite:x:1]]"
    assert html.unescape(out) == "[[cite:civil-code:278]][[cite:x:1]]"
