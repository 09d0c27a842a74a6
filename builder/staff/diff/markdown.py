"""The Chinese summary of a Diff, in Markdown, for a pull request's job summary.

The template (``builder/staff/templates/diff.md.j2``) lays out the figures; every value
staff typed goes through ``md_cell`` first.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2

from builder.core.formatting import date_zh, money, signed_money
from builder.messages import LABELS
from builder.messages.site import VOTE_MATTERS as MATTERS
from builder.messages.site import VOTE_RESULTS as RESULT_ZH
from builder.site.citations import chinese_number
from builder.site.templating import make_environment
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


def _environment() -> jinja2.Environment:
    # Markdown: every staff value goes through md_cell instead of autoescaping.
    env = make_environment(jinja2.PackageLoader("builder.staff", "templates"), autoescape=False)
    env.filters.update(
        md_cell=md_cell,
        money=money,
        signed=signed_money,
        date_zh=date_zh,
        chinese_number=chinese_number,  # an item as the statute writes it: 第（六）项
    )
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
