"""Legal references on the hand-written pages (法治宣传 and the explanations) and in the
page templates' own text: each ``[[cite:…]]`` marker becomes a link to the official
database (``citations``), drawn by the project's ``partials/citation.html``. A marker
typed into a record is text: a page template writes no ``[`` of a record's
(``templating.page_text``), so none reaches this expansion."""

from __future__ import annotations

from builder.site import citations
from builder.site.context import Site

CITATION_TEMPLATE = "partials/citation.html"


class UnknownMarker(citations.UnknownCitation):
    """A marker citing an article the catalogue does not know.

    Attributes:
        marker: the marker as written, e.g. ``[[cite:civil-code:9999]]``.
    """

    def __init__(self, marker: str) -> None:
        super().__init__(marker)
        self.marker = marker


def link_citations(site: Site, markdown: str) -> str:
    """``markdown`` with every citation marker replaced by its link; UnknownMarker for
    the first marker that cites something unknown."""
    template = site.env.get_template(CITATION_TEMPLATE)
    for marker, law_id, spec in citations.find_citations(markdown):
        try:
            citation = citations.resolve(law_id, spec)
        except citations.UnknownCitation as exc:
            raise UnknownMarker(marker) from exc
        markdown = markdown.replace(marker, template.render(citation=citation).strip(), 1)
    return markdown
