"""The Chinese summary of a Diff, in Markdown, for a pull request's job summary.

The template (``builder/staff/templates/diff.md.j2``) lays out the figures; every value
staff typed goes through ``md_cell`` first.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import jinja2

from builder.messages import LABELS
from builder.rules.decisions import MATTERS, RESULT_ZH
from builder.site.render import date_zh, money
from builder.staff.diff.model import Diff

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#$])")


def md_cell(value: Any) -> str:
    """Staff text for a Markdown line or table cell: one line, HTML and Markdown syntax
    shown as text (a ``|`` cannot end the cell, ``<b>`` and ``**`` do nothing)."""
    text = " ".join(str("" if value is None else value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text and text[0] in "-+=":
        text = "\\" + text  # not a list item or heading underline when it starts a line
    return text


def signed(value: Decimal) -> str:
    if not value:
        return "0.00"
    return ("+" if value > 0 else "−") + money(abs(value))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("builder.staff", "templates"),
        autoescape=False,  # Markdown: every staff value goes through md_cell instead
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md_cell=md_cell, money=money, signed=signed, date_zh=date_zh)
    env.globals.update(
        MATTERS=MATTERS,
        RESULT_ZH=RESULT_ZH,
        BODY_ZH=LABELS["body"],
        STATUS_ZH=LABELS["status"],
        OWNER_BODY="owners_assembly",
        LIMIT=30,
    )
    return env


def render_markdown(diff: Diff) -> str:
    """The summary as Markdown, ending in one line break."""
    text = _environment().get_template("diff.md.j2").render(diff=diff)
    return text.rstrip("\n") + "\n"
