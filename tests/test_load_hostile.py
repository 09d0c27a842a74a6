"""Hostile and clumsy input at the load stage (issue 12): every CSV the reader cannot
take is one ``csv-syntax`` problem at its line, in validate and normalize alike; every
file the project names is read through one rule (inside the project, a regular file,
bounded), so a folder, a pipe, a dangling link or an unreadable file is a clear problem,
never a traceback or a hang; resource names are the Data Package's."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import cli, gongshi, validate_json

from builder.load import files
from builder.load.csv import MAX_CELL_CHARS, MAX_COLUMNS, read_csv, read_csv_frames
from builder.load.files import unsafe_path

PARKING = "data/ledgers/parking.csv"
DECISIONS = "data/committee/decisions.yaml"
PACKAGE = "data/datapackage.yaml"
SECRET = "SECRET-7f3a-never-shown"


def _lines(root: Path, relpath: str = PARKING) -> list[bytes]:
    return (root / relpath).read_bytes().split(b"\n")


def _errors(report: dict, file: str = PARKING) -> list[tuple[int | None, str]]:
    return [(e["line"], e["code"]) for e in report["errors"] if e["file"] == file]


def _edit_package(root: Path, old: str, new: str) -> None:
    path = root / PACKAGE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- CSV the reader cannot take: one csv-syntax problem at its line ------------------


def _cr_only(lines: list[bytes]) -> tuple[bytes, int]:
    return b"\r".join(lines), 1  # Excel for Mac


def _cr_then_lf(lines: list[bytes]) -> tuple[bytes, int]:
    return b"\r".join(lines[:4]) + b"\n" + b"\n".join(lines[4:]), 1


def _lf_then_cr(lines: list[bytes]) -> tuple[bytes, int]:
    return b"\n".join(lines[:6]) + b"\r" + b"\n".join(lines[6:]), 6


def _cr_in_crlf(lines: list[bytes]) -> tuple[bytes, int]:
    return b"\r\n".join(lines[:3]) + b"\r\r\n" + b"\r\n".join(lines[3:]), 3


def _cr_at_the_end(lines: list[bytes]) -> tuple[bytes, int]:
    return b"\n".join(lines).rstrip(b"\n") + b"\r", len(lines) - 1


def _cr_inside_a_cell(lines: list[bytes]) -> tuple[bytes, int]:
    lines[4] = lines[4].replace(b",", b",Alt\rEnter", 1)
    return b"\n".join(lines), 5


CR_CASES = [_cr_only, _cr_then_lf, _lf_then_cr, _cr_in_crlf, _cr_at_the_end, _cr_inside_a_cell]


@pytest.mark.parametrize("make", CR_CASES, ids=lambda f: f.__name__.strip("_"))
def test_a_bare_cr_ending_a_line_is_csv_syntax_naming_normalize(project, make):
    data, line = make(_lines(project))
    (project / PARKING).write_bytes(data)
    code, report = validate_json(project)
    assert code == 1
    assert _errors(report) == [(line, "csv-syntax")]
    frictionless = cli("validate", str(project), "--format", "json", "--engine", "frictionless")
    assert json.loads(frictionless.stdout)["errors"] == report["errors"]
    problem = report["errors"][0]
    assert "gongshi normalize" in problem["message"] and "--write" in problem["message"]
    assert "CR" in problem["message_en"] and "_csv" not in problem["message_en"]


@pytest.mark.parametrize("make", [_cr_only, _cr_then_lf, _lf_then_cr, _cr_in_crlf])
def test_normalize_fixes_what_validate_sends_it(project, make):
    sample = (project / PARKING).read_bytes()
    data, _ = make(_lines(project))
    (project / PARKING).write_bytes(data)
    written = cli("normalize", str(project / PARKING), "--write")
    assert written.returncode == 0, written.stdout + written.stderr
    _, report = validate_json(project)
    if make is _cr_in_crlf:  # CR CR LF: two line ends, so a blank line, now said plainly
        assert _errors(report) == [(4, "blank-row")]
    else:
        assert _errors(report) == [] and (project / PARKING).read_bytes() == sample


def test_a_cr_inside_quotes_is_text_not_a_line_end(project):
    lines = _lines(project)
    cells = lines[4].split(b",")
    cells[6] = b'"two\rlines"'  # the description
    lines[4] = b",".join(cells)
    (project / PARKING).write_bytes(b"\n".join(lines))
    _, report = validate_json(project)
    assert "csv-syntax" not in {code for _, code in _errors(report)}


def _long_unquoted(lines: list[bytes]) -> tuple[bytes, int]:
    lines[2] = lines[2] + b"x" * (MAX_CELL_CHARS + 1)
    return b"\n".join(lines), 3


def _long_quoted(lines: list[bytes]) -> tuple[bytes, int]:
    lines[9] = lines[9] + b'"' + "长".encode() * (MAX_CELL_CHARS + 1) + b'"'
    return b"\n".join(lines), 10


def _wide_header(lines: list[bytes]) -> tuple[bytes, int]:
    return b",".join(b"c%d" % i for i in range(100_000)) + b"\n", 1


def _wide_row(lines: list[bytes]) -> tuple[bytes, int]:
    lines[5] = lines[5] + b"," * MAX_COLUMNS
    return b"\n".join(lines), 6


SYNTAX_CASES = [_long_unquoted, _long_quoted, _wide_header, _wide_row]


@pytest.mark.parametrize("make", SYNTAX_CASES, ids=lambda f: f.__name__.strip("_"))
def test_what_the_reader_cannot_take_is_one_verdict_everywhere(project, make):
    data, line = make(_lines(project))
    (project / PARKING).write_bytes(data)
    verdicts = []
    for engine in ("auto", "frictionless"):
        result = cli("validate", str(project), "--format", "json", "--engine", engine)
        assert "Traceback" not in result.stderr
        verdicts.append(json.loads(result.stdout)["errors"])
    code, report = validate_json(project)
    assert code == 1 and _errors(report) == [(line, "csv-syntax")]
    assert verdicts[0] == verdicts[1]  # the fast path left it to the strict reader
    message = report["errors"][0]["message"]

    normalized = cli("normalize", str(project / PARKING), "--write")
    assert normalized.returncode == 1
    assert f"第 {line} 行：{message}" in normalized.stdout
    assert (project / PARKING).read_bytes() == data  # nothing written


def test_the_verdict_does_not_depend_on_frictionless_being_imported(project):
    import frictionless.formats.csv.parser  # noqa: F401  (raises the csv module's limit)

    before = csv.field_size_limit()
    data, line = _long_quoted(_lines(project))
    (project / PARKING).write_bytes(data)
    table, problems = read_csv(project, PARKING)
    assert table is None and [(p.line, p.code) for p in problems] == [(line, "csv-syntax")]
    assert csv.field_size_limit() == before  # left as it was found


def test_limits_are_limits_not_less(project):
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS))
    cell = "x" * MAX_CELL_CHARS
    (project / PARKING).write_text(f"{header}\n{cell}{',' * (MAX_COLUMNS - 1)}\n")
    table, problems = read_csv(project, PARKING)
    assert problems == [] and table is not None and len(table.header) == MAX_COLUMNS
    assert len(table.rows[0]) == MAX_COLUMNS and table.rows[0][0] == cell


@pytest.mark.parametrize("make", [*CR_CASES, *SYNTAX_CASES], ids=lambda f: f.__name__)
def test_the_fast_path_leaves_irregular_files_to_the_strict_reader(project, make):
    data, _ = make(_lines(project))
    (project / PARKING).write_bytes(data)
    assert read_csv_frames(project, PARKING) is None


def test_normalize_reads_as_validate_does(project):
    huge = project / PARKING
    with huge.open("wb") as stream:  # sparse: 51 MB said, nothing written
        stream.truncate(51 * 1024 * 1024)
    _, report = validate_json(project)
    assert _errors(report) == [(None, "file-too-large")]
    result = cli("normalize", str(huge), "--write")
    assert result.returncode == 1 and "(file-too-large)" in result.stdout
    assert report["errors"][0]["message"] in result.stdout

    for kind in ("fifo", "folder"):
        _make(kind, huge, huge)
        result = gongshi("normalize", str(huge), timeout=60)  # a pipe must not hang it
        assert result.returncode == 2 and "Traceback" not in result.stderr


# --- every file the project names: one rule, a clear problem, no hang ----------------


def _make(kind: str, path: Path, secret: Path) -> None:
    """Replace ``path`` by something that is no readable file of the project."""
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        path.symlink_to("no-such-file")
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "outside":
        path.symlink_to(secret)
    elif kind == "huge":
        with path.open("wb") as stream:  # sparse: 51 MB said, nothing written
            stream.truncate(51 * 1024 * 1024)


CODES = {
    "folder": "file-is-directory",
    "fifo": "file-not-regular",
    "dangling": "file-broken-link",
    "loop": "file-broken-link",
    "outside": "file-outside-project",
    "huge": "file-too-large",
}
READ_BY_VALIDATE = [
    PARKING,
    DECISIONS,
    "data/community.yaml",
    "data/ledgers/accounts.yaml",
    "content/legal/owners-rights.md",
    "site_templates/theme/main.html",
    "mkdocs.yml",
]


def _outside(project: Path) -> Path:
    """A file beside the project, holding a secret no message may show."""
    secret = project.parent / "outside.txt"
    secret.write_text(f"a,b\n{SECRET},x\n", encoding="utf-8")
    return secret


# Pages and templates are walked, not named: a folder there is just a folder.
PAGES = ("content/legal/owners-rights.md", "site_templates/theme/main.html")


@pytest.mark.parametrize("kind", CODES)
def test_a_named_file_that_is_no_readable_file_is_a_problem(project, kind):
    secret = _outside(project)
    named = [f for f in READ_BY_VALIDATE if kind != "folder" or f not in PAGES]
    for relpath in named:
        _make(kind, project / relpath, secret)
    # In a process of its own: were a FIFO opened, the time-out would say so.
    result = gongshi("validate", str(project), "--format", "json", timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    found = {(e["file"], e["code"]) for e in report["errors"]}
    assert {(relpath, CODES[kind]) for relpath in named} <= found


def test_a_folder_as_a_data_file_no_longer_raises(project):
    # Issue 12's example: IsADirectoryError.
    (project / PARKING).unlink()
    (project / PARKING).mkdir()
    code, report = validate_json(project)
    assert code == 1 and _errors(report) == [(None, "file-is-directory")]
    assert "文件夹" in report["errors"][0]["message"]


def test_an_unreadable_file_is_a_problem(project, monkeypatch):
    opener = files._opener

    def refused(path: str, flags: int) -> int:
        if path.endswith((PARKING, DECISIONS)):
            raise PermissionError(13, "Permission denied", path)
        return opener(path, flags)

    if os.geteuid() != 0:  # root reads anything: then only the opener can refuse
        (project / PARKING).chmod(0)
    monkeypatch.setattr(files, "_opener", refused)
    code, report = validate_json(project)
    assert code == 1
    found = {(e["file"], e["code"]) for e in report["errors"]}
    assert (PARKING, "file-unreadable") in found and (DECISIONS, "file-unreadable") in found
    assert "Permission denied" in report["errors"][0]["message"]


@pytest.mark.parametrize(
    "relpath", [PACKAGE, "data/schemas/ledger_entry.yaml", "data/schemas/account.yaml"]
)
@pytest.mark.parametrize("kind", CODES)
def test_a_descriptor_that_is_no_readable_file_is_a_configuration_error(project, relpath, kind):
    _make(kind, project / relpath, _outside(project))
    # A FIFO in a process of its own: were it opened, the time-out would say so.
    result = gongshi("validate", str(project)) if kind == "fifo" else cli("validate", str(project))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    assert relpath in result.stderr


def test_a_pipe_among_the_pages_does_not_hang_the_build(project, tmp_path):
    os.mkfifo(project / "content/pipe.md")
    result = gongshi("build", str(project), "--site-dir", str(tmp_path / "site"), timeout=60)
    assert result.returncode == 1
    assert "content/pipe.md" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


def test_a_link_out_of_the_project_among_pages_and_templates_is_refused(project):
    secret = _outside(project)
    (project / "content/leak.md").symlink_to(secret)
    (project / "site_templates/theme/outside").symlink_to(secret.parent)
    code, report = validate_json(project)
    assert code == 1
    assert {(e["file"], e["code"]) for e in report["errors"]} == {
        ("content/leak.md", "file-outside-project"),
        ("site_templates/theme/outside", "file-outside-project"),
    }


def test_a_data_folder_linked_out_of_the_project_is_outside(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (project / "data/ledgers").rename(elsewhere)
    (project / "data/ledgers").symlink_to(elsewhere)
    code, report = validate_json(project)
    assert code == 1
    assert (PARKING, "file-outside-project") in {(e["file"], e["code"]) for e in report["errors"]}


# --- paths and names the data package gives ----------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "../../outside.txt",
        "ledgers/../../../outside.txt",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "ledgers\\..\\..\\outside.txt",
        "https://example.org/parking.csv",
        "file:///etc/passwd",
        "",
        "ledgers/park\ning.csv",
    ],
)
@pytest.mark.parametrize("key", ["path", "schema"])
def test_a_path_out_of_data_is_refused_before_anything_is_read(project, path, key):
    _outside(project)
    old = "path: ledgers/parking.csv" if key == "path" else "schema: schemas/ledger_entry.yaml"
    quoted = path.replace("\\", "\\\\").replace("\n", "\\n")
    _edit_package(project, old, f'{key}: "{quoted}"')
    result = cli("validate", str(project))
    assert result.returncode == 2
    assert f"ledger-parking: {key}" in result.stderr and SECRET not in result.stderr


def test_an_inline_schema_is_refused_plainly(project):
    _edit_package(project, "schema: schemas/ledger_entry.yaml", "schema: {fields: []}")
    result = cli("validate", str(project))
    assert result.returncode == 2 and "ledger-parking: schema" in result.stderr


def test_a_schema_link_out_of_the_project_is_not_read(project):
    secret = _outside(project)
    secret.write_text(f"fields: [{SECRET}\n", encoding="utf-8")  # broken: would be quoted
    schema = project / "data/schemas/fee_item.yaml"
    schema.unlink()
    schema.symlink_to(secret)
    result = cli("validate", str(project))
    assert result.returncode == 2
    assert "data/schemas/fee_item.yaml" in result.stderr and SECRET not in result.stderr


def test_schema_yaml_errors_say_where_but_not_what_is_there(project):
    schema = project / "data/schemas/fee_item.yaml"
    schema.write_text(f"fields: [{{name: {SECRET}\n", encoding="utf-8")
    result = cli("validate", str(project))
    assert result.returncode == 2 and "第 2 行" in result.stderr and SECRET not in result.stderr


def test_a_schema_alias_bomb_is_refused(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (project / "data/schemas/fee_item.yaml").write_text(bomb, encoding="utf-8")
    result = gongshi("validate", str(project), timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "../ledger-parking",
        "ledger-..",
        "Ledger-Parking",
        "ledger parking",
        "",
        "-parking",
        "ledger-parking.",
        "ledger/parking",
        "停车",
        "ledger--parking",
        "123",
        "[a, b]",
        "null",
    ],
)
def test_a_resource_name_must_be_the_data_packages(project, name):
    value = name if name in ("123", "[a, b]", "null") else f'"{name}"'
    _edit_package(project, "name: ledger-parking", f"name: {value}")
    result = cli("validate", str(project))
    assert result.returncode == 2, result.stdout
    assert "资源名" in result.stderr and "Traceback" not in result.stderr


def test_a_resource_name_used_twice_is_refused(project):
    _edit_package(project, "name: ledger-advertising", "name: ledger-parking")
    result = cli("validate", str(project))
    assert result.returncode == 2 and "ledger-parking" in result.stderr and "重复" in result.stderr


@pytest.mark.parametrize("name", ["accounts", "balance-assertions"])
def test_a_resource_may_not_take_a_name_the_downloads_publish_under(project, name):
    _edit_package(project, "name: fund-uses", f"name: {name}")
    result = cli("validate", str(project))
    assert result.returncode == 2 and name in result.stderr and "已被占用" in result.stderr


def test_the_sample_names_and_paths_pass():
    import yaml
    from conftest import REPO

    from builder.load.project import NAME_PATTERN

    package = yaml.safe_load((REPO / PACKAGE).read_text(encoding="utf-8"))
    for entry in package["resources"]:
        assert NAME_PATTERN.fullmatch(entry["name"])
        assert not unsafe_path(entry["path"]) and not unsafe_path(entry["schema"])
    assert not unsafe_path("ledgers/a|<b>.csv")  # odd but inside: the name is the staff's


@pytest.mark.parametrize("account", ["../evil", "Parking", "a/b", "parking\\n"])
def test_an_account_id_that_is_no_ledger_name_is_an_error_not_a_path(project, account):
    path = project / "data/ledgers/accounts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("parking:", f'"{account}":', 1), encoding="utf-8")
    code, report = validate_json(project)
    assert code == 1
    assert "ledger-missing-file" in {e["code"] for e in report["errors"]} or any(
        e["file"] == "data/ledgers/accounts.yaml" for e in report["errors"]
    )


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("FIFOs and symbolic links as on POSIX")


@pytest.mark.parametrize("kind", CODES)
@pytest.mark.parametrize("command", ["build", "serve"])
def test_mkdocs_yml_that_is_no_readable_file_stops_build_and_serve_first(
    project, tmp_path, kind, command
):
    # MkDocs reads mkdocs.yml before validation runs: a link out of the project, a pipe
    # or a folder there must stop the command before MkDocs opens it.
    _make(kind, project / "mkdocs.yml", _outside(project))
    args = (
        ["--site-dir", str(tmp_path / "site")]
        if command == "build"
        else ["--dev-addr", "127.0.0.1:0"]
    )
    result = gongshi(command, str(project), *args, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
