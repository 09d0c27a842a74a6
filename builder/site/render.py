"""Kept only for importers not yet moved: the site is made by ``builder.site.build``
(a module per section); money and dates are formatted by ``builder.core.formatting``."""

from __future__ import annotations

from builder.core.formatting import date_zh as date_zh
from builder.core.formatting import money as money
from builder.site.templating import md_escape as md_escape

__all__ = ["date_zh", "md_escape", "money"]
