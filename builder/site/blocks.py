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


def put_blocks(html: str, blocks: Sequence[bytes]) -> str:
    """The page's HTML with its marked blocks (UTF-8) back in place of their placeholders."""
    return _BLOCK_MARK.sub(lambda match: blocks[int(match.group(1))].decode("utf-8"), html)


class HtmlBlocks:
    """The ``html_block`` filter: keeps the finished HTML blocks of the page being made
    (``page``) and leaves a BLOCK_MARK placeholder in the page's Markdown.

    A block is kept as UTF-8: every generated page's blocks wait in memory until MkDocs
    writes the page, and these tables (mostly ASCII markup around Chinese text) take
    about half the room of a Python string, which is two bytes a character throughout.
    """

    def __init__(self) -> None:
        self.page: list[bytes] | None = None

    def __call__(self, html: str) -> Markup:
        if self.page is None:  # not inside a page (a chart): nothing to convert
            return Markup(html)
        self.page.append(str(html).encode("utf-8"))
        # Blank lines around make the placeholder a block of its own, whatever follows.
        return Markup(f"\n\n{BLOCK_MARK.format(n=len(self.page) - 1)}\n\n")
