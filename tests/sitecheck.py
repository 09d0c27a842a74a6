"""Reading a built site the way a checker would: every file, every link, every tag."""

from __future__ import annotations

import gzip
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Tags(HTMLParser):
    """Collects every start tag with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def all_bytes(site: Path):
    """Every file's bytes, Pagefind's gzipped index decompressed, so a search is real."""
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


def internal_links(site: Path, page: Path, prefix: str = "/") -> list[tuple[str, Path]]:
    """(link as written, file it should reach) for every local href and src on a page.

    ``prefix`` is the path the site is published under (from ``site_url``): MkDocs
    writes absolute links on 404.html, which must work from any missing address."""
    base = "/" + page.relative_to(site).as_posix()
    result = []
    for tag, attrs in parse(page).tags:
        for name in ("href", "src"):
            value = attrs.get(name)
            if not value or (tag == "link" and attrs.get("rel") == "canonical"):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith(("#", "mailto:", "tel:")):
                continue
            link_path = unquote(parts.path)
            if link_path.startswith(prefix):
                link_path = "/" + link_path[len(prefix) :]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(base), link_path))
            path = site / target.lstrip("/")
            if value.endswith("/") or path.is_dir():
                path = path / "index.html"
            result.append((value, path))
    return result
