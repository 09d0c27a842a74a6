"""Finished HTML blocks that skip Markdown.

Python-Markdown reads every raw HTML block with html.parser (about 9 ms for a page of
300 ledger entries, most of a build's time) only to copy it out unchanged. The
templates mark such blocks (the ``html_block`` filter, used by the ``table`` macro); the
page's Markdown then holds a comment in their place, which MkDocs copies through, and
the finished HTML goes back in after conversion (``put_blocks``, from the plugin's
``on_page_content``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

BLOCK_MARK = "<!--gongshi-block-{n}-->"
_BLOCK_MARK = re.compile(r"<!--gongshi-block-([0-9]+)-->")


def put_blocks(html: str, blocks: Sequence[str]) -> str:
    """The page's HTML with its marked blocks back in place of their placeholders."""
    return _BLOCK_MARK.sub(lambda match: blocks[int(match.group(1))], html)


class HtmlBlocks:
    """The ``html_block`` filter: keeps the finished HTML blocks of the page being made
    (``page``) and leaves a BLOCK_MARK placeholder in the page's Markdown."""

    def __init__(self) -> None:
        self.page: list[str] | None = None

    def __call__(self, html: str) -> Markup:
        if self.page is None:  # not inside a page (a chart): nothing to convert
            return Markup(html)
        self.page.append(str(html))
        # Blank lines around make the placeholder a block of its own, whatever follows.
        return Markup(f"\n\n{BLOCK_MARK.format(n=len(self.page) - 1)}\n\n")
