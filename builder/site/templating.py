"""The one way gongshi makes a Jinja2 environment, and the site pages' environment.

Every template the package renders (site pages, charts, QR codes, the pull-request
summary, scaffolded records) goes through an environment made by ``make_environment``,
so they share the options that decide their bytes and their safety: an undefined name
is an error (never an empty string on a page), the template's own last newline is
kept, and block tags leave no blank lines behind.

Every value staff typed reaches a page through autoescaping, or through the ``md``
filter where the template writes Markdown, so ``<script>`` and Markdown link tricks are
shown as text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from builder.core.formatting import date_zh, money
from builder.site.blocks import HtmlBlocks

# The project's page templates, relative to its root.
TEMPLATE_DIR = "site_templates/pages"
# Python-Markdown's escapable characters (with `|` from its tables extension); any
# other backslash would be shown to residents.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def make_environment(loader: jinja2.BaseLoader, *, autoescape: bool = True) -> jinja2.Environment:
    """An environment with the shared options. ``autoescape``: True for HTML, SVG and
    Markdown pages; False only for text that escapes its own way (a pull-request
    summary's ``md_cell``, YAML scaffolds)."""
    return jinja2.Environment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def md_escape(value: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped, and Markdown syntax backslash-escaped,
    so a title like ``[点我](javascript:…)`` stays text. Newlines become spaces."""
    text = str(escape("" if value is None else value))
    text = " ".join(text.split())
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def text_blocks(value: str | None) -> list[list[str]]:
    """Staff text as paragraphs of lines (blank lines separate paragraphs); the
    template's ``paragraphs`` macro lays them out, escaping every line."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [block.splitlines() for block in blocks if block.strip()]


@lru_cache(maxsize=8)
def page_environment(project_root: Path) -> tuple[jinja2.Environment, HtmlBlocks]:
    """The environment of a project's page templates, one for the life of the process:
    each rebuild of ``gongshi serve`` then compiles only the templates that changed
    (Jinja checks their modification times) instead of all of them again. Per-build
    values go in its globals (``context.make_site``)."""
    env = make_environment(jinja2.FileSystemLoader(project_root / TEMPLATE_DIR))
    blocks = HtmlBlocks()
    env.filters.update(
        md=md_escape, money=money, date_zh=date_zh, blocks=text_blocks, html_block=blocks
    )
    return env, blocks
