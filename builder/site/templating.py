"""The one way gongshi makes a Jinja2 environment.

Every template the package renders (site pages, charts, QR codes, the pull-request
summary, scaffolded records) goes through an environment made here, so they share the
options that decide their bytes and their safety: an undefined name is an error (never
an empty string on a page), the template's own last newline is kept, and block tags
leave no blank lines behind.
"""

from __future__ import annotations

import jinja2


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
