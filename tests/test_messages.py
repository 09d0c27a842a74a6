"""The message catalogue: every code renders with its declared parameters, a missing one
is an error, and every call site in builder/ supplies what its message needs.

The static test reads builder/ with ``ast``: a call naming a message code —
``problem("code", ...)``, ``ConfigError("code", ...)``, ``messages.render("code", {...})``,
or a wrapper that passes its own ``code`` argument to one of those — must supply every
parameter of that code, so a hole in a message fails here, not on a staff member's screen.
"""

from __future__ import annotations

import json
import string

import pytest
from conftest import cli
from message_sites import Module, Site, message_sites, missing_parameters, modules
from mutations import PARKING, gbk_file

from builder.core.problems import ConfigError, problem
from builder.messages import MESSAGES, MissingParameter, parameters, render

# --- rendering ------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_renders_with_its_declared_parameters(code):
    params = {name: f"<{name}>" for name in parameters(code)}
    zh, en = render(code, params)
    assert zh and en
    for name in parameters(code):
        # Each parameter shows in one language at least (some are language-specific).
        assert f"<{name}>" in zh + en, (code, name)


@pytest.mark.parametrize("code", sorted(c for c in MESSAGES if parameters(c) - {"title"}))
def test_a_missing_parameter_raises(code):
    params = {name: "x" for name in parameters(code)}
    for name in sorted(parameters(code) - {"title"}):
        partial = {k: v for k, v in params.items() if k != name}
        if name == "field":
            partial.pop("title", None)
        with pytest.raises(MissingParameter, match=name):
            render(code, partial)
        with pytest.raises(MissingParameter, match=name):
            render(code, {**partial, name: None})


def test_title_falls_back_to_field():
    zh, en = render("missing-field", {"field": "amount"})
    assert "“amount”（amount）" in zh and "'amount' (amount)" in en


def test_problem_passes_where_it_is_into_the_message():
    found = problem("encoding-gbk", "data/ledgers/parking.csv", 7)
    assert "第 7 行" in found.message and "line 7" in found.message_en
    with pytest.raises(MissingParameter):
        problem("encoding-gbk", "data/ledgers/parking.csv")


def test_config_error_passes_where_it_is_into_the_message():
    error = ConfigError("project-missing", path="/nowhere", file="x.yaml", line=3)
    assert (error.code, error.file, error.line) == ("project-missing", "x.yaml", 3)
    assert "/nowhere" in error.message
    with pytest.raises(MissingParameter):
        ConfigError("project-missing")


def test_every_template_uses_only_plain_placeholders():
    # A format spec or conversion ("{value!r}", "{n:>3}") would hide a parameter's type.
    for code, templates in MESSAGES.items():
        for template in templates:
            for _, name, spec, conversion in string.Formatter().parse(template):
                if name is not None:
                    assert name.isidentifier() and not spec and not conversion, (code, name)


@pytest.fixture(scope="module")
def sites() -> list[Site]:
    return message_sites(modules())


def test_the_call_sites_are_found(sites):
    # The finder must see the main entry points; an empty list would pass vacuously.
    files = {site.file for site in sites}
    assert {"builder/load/files.py", "builder/rules/decisions.py"} <= files
    assert len(sites) > 80


def test_every_named_code_exists(sites):
    unknown = [
        (site.file, site.line, code)
        for site in sites
        for code in site.codes or ()
        if code not in MESSAGES
    ]
    assert unknown == []


def test_the_code_of_every_call_site_is_known(sites):
    # A code this test cannot follow is fine only where the parameters are open too
    # (``**params`` built elsewhere): then the renderer's own check is what guards it.
    unknown = [(s.file, s.line) for s in sites if s.codes is None and not s.supplied.open]
    assert unknown == []


def test_every_call_site_passes_every_parameter(sites):
    missing = [m for site in sites for m in missing_parameters(site)]
    assert missing == [], "\n".join(f"{f}:{n}: {c} lacks {p}" for f, n, c, p in missing)


def test_the_static_check_finds_a_missing_parameter():
    source = """
def check(file, kind):
    yield problem("encoding-gbk", file)
    yield problem("encoding-gbk", file, 3)
    raise ConfigError("project-missing")

def wrapped(file):
    return say("diff-git-failed", revision="HEAD")

def say(code, **params):
    return messages.render(code, {"detail": "x", **params})

def either(file, flag):
    code = "notice-end-before-start" if flag else "term-end-before-start"
    return problem(code, file, 1, "end", start=1)

def dated(file, today):
    checks = [("date-in-future", {"today": today}), ("date-before-opened", {"opened": 1})]
    for code, params in checks:
        yield problem(code, file, 2, "date", value=1, **params)
"""
    sites = message_sites([Module("example.py", source)])
    found = [m for site in sites for m in missing_parameters(site)]
    assert sorted(found) == [
        ("example.py", 3, "encoding-gbk", ["line"]),
        ("example.py", 5, "project-missing", ["path"]),
        ("example.py", 15, "notice-end-before-start", ["end"]),
        ("example.py", 15, "term-end-before-start", ["end"]),
        ("example.py", 20, "date-before-opened", ["account"]),
    ]


# --- bug 1, through the command line --------------------------------------------------


def test_a_gbk_ledger_names_the_line_it_stops_at(project):
    code, file, line, _ = gbk_file(project)
    result = cli("validate", str(project), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    [error] = [e for e in report["errors"] if e["code"] == code]
    assert (error["file"], error["line"]) == (PARKING, line) == (file, line)
    assert f"第 {line} 行开始无法按 UTF-8 读取" in error["message"]
    assert f"from line {line} on" in error["message_en"]
