"""Rule profiles: the disclosure duties of a place's law, as data shipped with the tool
(``builder/rules/profiles/<id>.yaml``), and the reader of one duty that community.yaml's
own duties (``rules.disclosure_rules``) share.

A profile file::

    title: 上海市
    extends: national            # the duties of another profile, replaced here by key
    law: shanghai-residential-property-management-provisions   # the rules' default law
    rules:
      - {duty: common_income, every: quarter, source: {article: 66}}
      - {duty: decisions, body: committee, within_days: 3, source: {article: 26}}

Every source must be a law and article of the citation catalogue (``builder/site/
laws.yaml``), which the site links. A profile is part of the tool, not staff input: a
fault in one stops the command with the file, line and field (ConfigError).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from builder.core.duties import (
    BEFORE_DUTIES,
    BODIES,
    DUTIES,
    EVENT_DUTIES,
    MONTHS,
    DutyRule,
    Profile,
)
from builder.core.model import RuleSource
from builder.core.numbers import read_integer
from builder.core.problems import ConfigError, Problem, problem
from builder.load.documents import Document, read_yaml, unknown_fields
from builder.messages.commands import LIST_JOIN
from builder.site.citations import catalogue

PROFILE_DIR = Path(__file__).resolve().parent.parent / "rules" / "profiles"
PROFILE_KEYS = ("title", "extends", "law", "rules")
RULE_KEYS = (
    "duty",
    "body",
    "every",
    "due_by",
    "within_days",
    "before_days",
    "display_days",
    "source",
)
MAX_DAYS = 365

Path_ = tuple[Any, ...]


def profile_ids() -> tuple[str, ...]:
    """The profiles shipped with the tool, by id (the file name without ``.yaml``)."""
    return tuple(sorted(p.stem for p in PROFILE_DIR.glob("*.yaml")))


@cache
def load_profile(profile_id: str) -> Profile:
    """The profile ``profile_id`` with the duties it extends. Raises ConfigError naming
    the profile file, line and field of the first fault."""
    return _load(profile_id, ())


def _load(profile_id: str, seen: tuple[str, ...]) -> Profile:
    relpath = f"{profile_id}.yaml"
    shown = f"builder/rules/profiles/{relpath}"
    if profile_id not in profile_ids() or profile_id in seen:
        raise ConfigError(
            "profile-unknown", value=profile_id, allowed=LIST_JOIN.join(profile_ids())
        )
    doc, problems = read_yaml(PROFILE_DIR, relpath)
    if doc is None or not isinstance(doc.data, dict):
        _fail(shown, problems or [problem("yaml-not-mapping-doc", relpath, 1)])
    assert doc is not None and isinstance(doc.data, dict)
    data = doc.data
    problems += unknown_fields(doc, data, PROFILE_KEYS)
    title, law = data.get("title"), data.get("law")
    if not isinstance(title, str) or not title:
        problems.append(_bad(doc, ("title",), title, "地名", "the place's name"))
    if law is not None and law not in catalogue():
        problems.append(_bad(doc, ("law",), law, _laws(), _laws()))
    base: tuple[DutyRule, ...] = ()
    laws: tuple[str, ...] = (law,) if isinstance(law, str) else ()
    if data.get("extends") is not None:
        parent = _load(str(data["extends"]), (*seen, profile_id))
        base, laws = parent.rules, (*laws, *parent.laws)
    items = data.get("rules")
    if not isinstance(items, list):
        problems.append(_bad(doc, ("rules",), None, "职责的列表", "a list of duties"))
        items = []
    own: list[DutyRule] = []
    for n, raw in enumerate(items):
        path = ("rules", n)
        if not isinstance(raw, dict):
            problems.append(_bad(doc, path, None, "一项职责", "a duty"))
            continue
        source, found = _law_source(doc, (*path, "source"), raw.get("source"), law)
        problems += found
        rule, found = read_duty(doc, path, raw, source, profile_id)
        problems += found
        if rule is not None:
            own.append(rule)
    keys = [r.key for r in own]
    for n, key in enumerate(keys):
        if key in keys[:n]:
            problems.append(
                _bad(doc, ("rules", n), "/".join(filter(None, key)), "不重复", "unique")
            )
    if problems:
        _fail(shown, problems)
    return Profile(profile_id, str(title), laws, merged(base, own))


def merged(base: tuple[DutyRule, ...], later: list[DutyRule]) -> tuple[DutyRule, ...]:
    """``base`` with each rule of ``later`` in place of the one of the same key (or
    added after them)."""
    rules = {r.key: r for r in base}
    for r in later:
        rules[r.key] = r
    return tuple(rules.values())


def read_duty(
    doc: Document, path: Path_, raw: dict[str, Any], source: RuleSource | None, origin: str
) -> tuple[DutyRule | None, list[Problem]]:
    """One duty of a profile or of community.yaml: what, whose, by when, how long on
    display; ``source`` read by the caller (a profile's law, or a community source)."""
    problems = unknown_fields(doc, raw, RULE_KEYS, *path)
    duty, body, every = raw.get("duty"), raw.get("body"), raw.get("every")
    if duty not in DUTIES:
        problems.append(_bad(doc, (*path, "duty"), duty, LIST_JOIN.join(DUTIES), ", ".join(DUTIES)))
    if body is not None and (body not in BODIES or duty != "decisions"):
        problems.append(_bad(doc, (*path, "body"), body, LIST_JOIN.join(BODIES), ", ".join(BODIES)))
    if every is not None and (every not in MONTHS or duty in EVENT_DUTIES):
        problems.append(
            _bad(doc, (*path, "every"), every, LIST_JOIN.join(MONTHS), ", ".join(MONTHS))
        )
    days = {}
    for key in ("within_days", "before_days", "display_days"):
        value = raw.get(key)
        number = read_integer(value)
        if value is not None and (number is None or not 1 <= number <= MAX_DAYS):
            problems.append(_bad(doc, (*path, key), value, "1 到 365 的整数", "1 to 365"))
        days[key] = number if value is not None else None
    if (days["within_days"] or days["before_days"]) and duty not in EVENT_DUTIES:
        field = "within_days" if days["within_days"] else "before_days"
        problems.append(_bad(doc, (*path, field), raw.get(field), "仅用于事件类职责", "events"))
    if days["before_days"] and duty not in BEFORE_DUTIES:
        allowed = ", ".join(BEFORE_DUTIES)
        problems.append(_bad(doc, (*path, "before_days"), raw["before_days"], allowed, allowed))
    due_by = _month_day(raw.get("due_by"))
    if raw.get("due_by") is not None and (due_by is None or every != "year"):
        problems.append(_bad(doc, (*path, "due_by"), raw["due_by"], "MM-DD（按年的职责）", "MM-DD"))
    if problems or source is None:
        return None, problems
    return DutyRule(
        duty=str(duty),
        body=body,
        every=every,
        due_by=due_by,
        within_days=days["within_days"],
        before_days=days["before_days"],
        display_days=days["display_days"],
        source=source,
        origin=origin,
        file=doc.file,
        line=doc.line(*path),
    ), []


def _month_day(raw: Any) -> tuple[int, int] | None:
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != "-":
        return None
    month, day = read_integer(raw[:2]), read_integer(raw[3:])
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 28 + 3:
        return None
    return month, day


def _law_source(
    doc: Document, path: Path_, raw: Any, default_law: Any
) -> tuple[RuleSource | None, list[Problem]]:
    """A profile rule's source: {law (default: the profile's), article}, both in the
    citation catalogue."""
    if not isinstance(raw, dict):
        return None, [_bad(doc, path, None, "{law, article}", "{law, article}")]
    problems = unknown_fields(doc, raw, ("law", "article"), *path)
    law = raw.get("law", default_law)
    laws = catalogue()
    if law not in laws:
        return None, [*problems, _bad(doc, (*path, "law"), law, _laws(), _laws())]
    article = read_integer(raw.get("article"))
    if article is None or article not in laws[law].articles:
        return None, [
            *problems,
            problem(
                "rule-source-unknown-article",
                doc.file,
                doc.line(*path, "article"),
                ".".join(map(str, (*path, "article"))),
                value=raw.get("article") or "",
                law=law,
            ),
        ]
    return RuleSource(law=str(law), article=article), problems


def _laws() -> str:
    return ", ".join(catalogue())


def _bad(doc: Document, path: Path_, value: Any, expected: str, expected_en: str) -> Problem:
    return problem(
        "duty-rule-bad",
        doc.file,
        doc.line(*path),
        ".".join(map(str, path)),
        value="" if value is None else str(value),
        expected=expected,
        expected_en=expected_en or expected,
    )


def _fail(shown: str, problems: list[Problem]) -> None:
    first = problems[0]
    raise ConfigError(
        "profile-invalid",
        file=shown,
        line=first.line,
        field=first.field or "",
        detail=first.message,
        detail_en=first.message_en,
    )
