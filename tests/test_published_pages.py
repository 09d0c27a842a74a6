"""One real build of the sample with hostile and unusual staff text in many records:
every title and text reads back exactly on its pages and in the downloads, no front
matter leaks onto a page, and a citation marker typed into a record stays text."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLE_PARTS, append_line, gongshi
from corpus import CORPUS
from sitecheck import Tags, html_pages

SITE_NAME = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]

LONG = "长" * 1000 + "𠮷" * 1000  # 2000 characters, the summary's maximum
# Citation markers typed into records: well formed (known and unknown articles) or not.
MARKERS = [
    "见[[cite:civil-code:278]]",
    "见[[cite:civil-code:9999]]",
    "见[[cite:civil-code-278]]",
    "见[[cite:nonexistent]]",
]
TEXTS = [*CORPUS, *MARKERS]


def _decision(n: int, title: str, summary: str) -> dict:
    return {
        "id": f"JY-2026-{60 + n:02d}",
        "date": "2026-10-01",
        "body": "committee",
        "title": title,
        "summary": summary,
        "result": "passed",
        "members_total": 7,
        "members_present": 7,
        "members_approve": 7,
    }


def _notice(n: int, text: str) -> dict:
    return {
        "id": f"GS-2026-{60 + n:02d}",
        "title": text,
        "kind": "其他",
        "start": "2026-10-01",
        "end": "2026-10-07",
        "body": text,
        "issuer": text,
        "scope": "public",
    }


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "community"
    root.mkdir()
    for part in SAMPLE_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    decisions = [_decision(n, text, text) for n, text in enumerate(TEXTS)]
    decisions.append(_decision(len(TEXTS), "长摘要的决定", LONG))
    notices = [_notice(n, text) for n, text in enumerate(TEXTS)]
    for relpath, records in (
        ("data/committee/decisions.yaml", decisions),
        ("data/branch/notices.yaml", notices),
    ):
        with (root / relpath).open("a", encoding="utf-8") as file:
            file.write("\n" + yaml.safe_dump(records, allow_unicode=True, sort_keys=False))
    for n, text in enumerate(TEXTS):
        # An income and a cost of the same amount: every balance stays as asserted.
        for kind, voucher in (("income", 900 + n), ("cost", 950 + n)):
            append_line(
                root / "data/ledgers/parking.csv",
                _csv_line(
                    [f"TC-2026-{voucher}", "2026-11-20", kind, "其他", "1.00", text, text, ""]
                ),
            )
    site = root.parent / "site"
    result = gongshi("build", str(root), "--site-dir", str(site), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Page(Tags):
    """A page's text nodes, and the text of its <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.parts: dict[str, str] = {"title": "", "h1": ""}

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        super().handle_data(data)
        for tag in self.parts:
            if tag in self.open:
                self.parts[tag] += data


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_title_and_text_reads_back_exactly(built):
    for n, text in enumerate(TEXTS):
        page = _read(built / f"committee/decisions/JY-2026-{60 + n:02d}/index.html")
        assert page.parts["title"].strip() == f"{text} - {SITE_NAME}"
        assert page.parts["h1"] == text
        assert text in page.text  # the summary: a paragraph of exactly the text
        printed = _read(built / f"committee/decisions/JY-2026-{60 + n:02d}/print/index.html")
        assert printed.parts["h1"] == text
        assert printed.parts["title"].strip() == f"{text}（打印版） - {SITE_NAME}"
    long = _read(built / f"committee/decisions/JY-2026-{60 + len(TEXTS)}/index.html")
    assert LONG in long.text


def test_notices_and_ledger_entries_show_their_text(built):
    pages = {path: _read(path) for path in html_pages(built)}
    titles = {page.parts["h1"] for page in pages.values()}
    ledger_text = [
        node for path, page in pages.items() if "ledgers" in path.parts for node in page.text
    ]
    for text in TEXTS:
        assert text in titles  # its notice page
        assert ledger_text.count(text) >= 4  # counterparty and description, twice


def test_no_front_matter_reaches_a_page(built):
    for path in html_pages(built):
        page = _read(path)
        shown = "".join(page.text)
        assert "title:" not in shown and "\\u" not in shown, path
        assert not page.parts["h1"].startswith(("---", "title")), path


def test_a_citation_marker_in_a_record_is_text(built):
    for n, marker in enumerate(MARKERS, len(CORPUS)):
        path = built / f"committee/decisions/JY-2026-{60 + n:02d}/index.html"
        page = _read(path)
        assert marker in page.text  # shown as typed, in its own paragraph
        html = path.read_text(encoding="utf-8")
        before = html.index("决定内容")
        summary = html[before : html.index("表决情况", before)]
        assert 'class="citation"' not in summary
    # The template's own markers still become links on the same pages.
    html = (built / "committee/decisions/JY-2023-01/index.html").read_text(encoding="utf-8")
    assert "《民法典》第二百七十八条</a>" in html


def test_downloads_carry_the_text_and_disarm_formulas(built):
    downloads = built / "downloads"
    check = subprocess.run(
        ["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=downloads, capture_output=True
    )
    assert check.returncode == 0, check.stdout
    plain = list(csv.DictReader(io.StringIO((downloads / "decisions.csv").read_text("utf-8"))))
    excel = list(
        csv.DictReader(io.StringIO((downloads / "excel/decisions.csv").read_text("utf-8-sig")))
    )
    titles = {row["id"]: row["title"] for row in plain}
    excel_titles = {row["决定编号"]: row["标题"] for row in excel}  # the schema's titles
    for n, text in enumerate(TEXTS):
        key = f"JY-2026-{60 + n:02d}"
        assert titles[key] == text
        assert excel_titles[key] == ("'" + text if text.startswith("-") else text)
