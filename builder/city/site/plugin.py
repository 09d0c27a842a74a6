"""The MkDocs plugin of the city site: a thin shell, as the community site's.

on_config      read the figures from DIR (``builder.city.queries``) and write the merged
               downloads into a work folder
on_files       add the generated pages, the downloads and the city feed
on_post_build  mark the folder as a gongshi site; index it for Chinese search (Pagefind)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from builder import messages
from builder.city import queries
from builder.city.site import downloads, pages
from builder.publish import search_index, target

DOWNLOADS = "downloads"


class CityPlugin(BasePlugin):
    """Made by ``builder.city.site.build`` for one build of one DIR."""

    def __init__(self, out: Path, work: Path, title: str, build_date: date) -> None:
        super().__init__()
        self.out, self.work, self.title, self.build_date = out, work, title, build_date
        self.figures: dict[str, list[dict[str, Any]]] = {}
        self.files: list[downloads.CityDownload] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        import duckdb

        try:
            with queries.open_city(self.out) as city:
                self.figures = {name: queries.run(city, name) for name in queries.QUERIES}
                self.files = downloads.write_downloads(
                    city, self.out, self.work / DOWNLOADS, self.title, self.build_date
                )
        except duckdb.Error as exc:
            zh, en = messages.render("city-dir-unreadable", {"detail": str(exc)})
            raise PluginError(f"{zh} / {en}") from exc
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in pages.render_pages(self.figures, self.files, self.title, self.build_date):
            files.append(File.generated(config, page.src_uri, content=page.content))
        for download in self.files:
            files.append(
                File.generated(
                    config, f"{DOWNLOADS}/{download.path}", abs_src_path=str(download.file)
                )
            )
        feed = pages.feed_json(self.figures["feed"], self.title)
        files.append(File.generated(config, pages.FEED, content=feed))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        target.write_marker(config.site_dir)
        indexing = search_index.start_indexing(config.site_dir)
        _, stderr = indexing.communicate()
        if indexing.returncode != 0:
            zh, en = messages.render("search-index-failed", {"detail": stderr.strip()})
            raise PluginError(f"{zh} / {en}")
