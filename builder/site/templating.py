"""The one way gongshi makes a Jinja2 environment, and the site pages' environment.

Every template the package renders (site pages, charts, QR codes, the pull-request
summary, scaffolded records) goes through an environment made by ``make_environment``,
so they share the options that decide their bytes and their safety: an undefined name
is an error (never an empty string on a page), the template's own last newline is
kept, and block tags leave no blank lines behind.

Every value staff typed reaches a page through autoescaping, or through the ``md``
filter where the template writes Markdown, so ``<script>`` and Markdown link tricks are
shown as text; into a page's YAML front matter through ``yaml_string``, which writes any
Unicode text so that YAML reads it back unchanged. On a page, a value never brings a
``[`` of its own (``page_text``): citation markers are the templates' and content/
pages', and a marker typed into a record is only text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from builder.core.formatting import date_zh, money, quantity
from builder.site.blocks import HtmlBlocks
from builder.site.citations import chinese_number

# The project's page templates, relative to its root.
TEMPLATE_DIR = "site_templates/pages"
# Python-Markdown's escapable characters (with `|` from its tables extension); any
# other backslash would be shown to residents.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
# What YAML cannot read as itself inside a double-quoted scalar once JSON has escaped
# quotes, backslashes and control characters: characters outside YAML's printable set
# (DEL, C1 controls, U+FFFE/U+FFFF, lone surrogates), those YAML 1.1 reads as a line
# break (U+0085, U+2028, U+2029) and the byte order mark. YAML 1.1 (PyYAML, so MkDocs)
# and JSON both read a \u escape for them.
_YAML_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def make_environment(
    loader: jinja2.BaseLoader,
    *,
    autoescape: bool = True,
    finalize: Callable[[Any], Any] | None = None,
) -> jinja2.Environment:
    """An environment with the shared options. ``autoescape``: True for HTML, SVG and
    Markdown pages; False only for text that escapes its own way (a pull-request
    summary's ``md_cell``, YAML scaffolds, with ``yaml_string``). ``finalize``: applied
    to every value a template writes (``page_text`` for site pages)."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    env.filters["yaml_string"] = yaml_string
    return env


def yaml_json(value: Any, **options: Any) -> str:
    """``value`` as JSON that YAML reads back exactly too: characters outside the Basic
    Multilingual Plane as themselves (JSON's surrogate-pair escapes are not YAML), the
    few YAML would misread as ``\\u`` escapes. ``options``: ``json.dumps``'s."""
    text = json.dumps(value, **{**options, "ensure_ascii": False})
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def yaml_string(value: Any) -> Markup:
    """``value`` as a one-line YAML double-quoted scalar that reads back exactly, for
    front matter and YAML files: quotes, ``#``, ``: ``, a leading ``-``, ``*``, ``&`` or
    ``!`` and line breaks are only text there, and any Unicode character is kept."""
    return Markup(yaml_json("" if value is None else str(value)))


def page_text(value: Any) -> Any:
    """Every value a page template writes: text with a ``[`` gets it as a character
    reference (which reads the same), so no record can form a ``[[cite:…]]`` marker that
    the build would expand, or a Markdown link. Markup (from a filter or macro, escaped
    its own way) and values that are not text pass unchanged."""
    if type(value) is str and "[" in value:
        return Markup(str(escape(value)).replace("[", "&#91;"))
    return value


def md_escape(value: Any) -> Markup:
    """Text for a Markdown context: HTML-escaped, and Markdown syntax backslash-escaped,
    so a title like ``[点我](javascript:…)`` stays text. Line breaks become spaces;
    other spaces (an ideographic space in a Chinese title) stay as typed."""
    text = str(escape("" if value is None else value))
    text = " ".join(line.strip(" \t") for line in text.splitlines()).strip(" \t")
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def text_blocks(value: str | None) -> list[list[str]]:
    """Staff text as paragraphs of lines (blank lines separate paragraphs); the
    template's ``paragraphs`` macro lays them out, escaping every line."""
    blocks = re.split(r"\n\s*\n", (value or "").strip())
    return [block.splitlines() for block in blocks if block.strip()]


# A public telephone number in staff text: a landline with its area code (0123-8816 5107,
# 010 12345678), a 400/800 service number or a five-digit public hotline (12345, 12319).
# Mobile numbers are personal details and are masked before they reach a page
# (rules.personal_info), so they are never linked.
_PHONE = re.compile(
    r"(?<![\d-])(?<!\d\.)(?:0\d{2,3}[- ]?\d{3,4} ?\d{4}|[48]00-?\d{3}-?\d{4}|12\d{3})"
    r"(?![\d-]|\.\d)"
)


def phone_parts(value: str | None) -> list[tuple[str, str]]:
    """Staff text cut around its phone numbers: (text, "") and (number as written,
    digits to dial), so the template makes each number a tap-to-call link."""
    text = value or ""
    parts, last = [], 0
    for m in _PHONE.finditer(text):
        parts += [(text[last : m.start()], ""), (m.group(), re.sub(r"[^\d]", "", m.group()))]
        last = m.end()
    parts.append((text[last:], ""))
    return [(shown, dial) for shown, dial in parts if shown]


@lru_cache(maxsize=8)
def page_environment(project_root: Path) -> tuple[jinja2.Environment, HtmlBlocks]:
    """The environment of a project's page templates, one for the life of the process:
    each rebuild of ``gongshi serve`` then compiles only the templates that changed
    (Jinja checks their modification times) instead of all of them again. Per-build
    values go in its globals (``context.make_site``)."""
    env = make_environment(jinja2.FileSystemLoader(project_root / TEMPLATE_DIR), finalize=page_text)
    # Templates written before ``yaml_string`` put titles in front matter with ``tojson``.
    env.policies["json.dumps_function"] = yaml_json
    blocks = HtmlBlocks()
    env.filters.update(
        md=md_escape,
        money=money,
        date_zh=date_zh,
        blocks=text_blocks,
        html_block=blocks,
        chinese_number=chinese_number,  # an item as the statute writes it: 第（六）项
        phone_parts=phone_parts,
        quantity=quantity,
    )
    return env, blocks
