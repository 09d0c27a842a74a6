"""The MkDocs plugin ``gongshi``: a thin shell that runs the pipeline inside a build.

on_config      validate the records (invalid data stops the build with the report)
on_files       add the generated pages, charts, feeds and downloads as generated files
on_env         add the print versions' QR codes, made meanwhile by a second process
on_page_markdown  turn citation markers into links; unknown articles stop the build
on_post_page   put the generated pages' finished tables back as each page is written
on_post_build  mark the folder as a gongshi site; index it for Chinese search (Pagefind)
on_serve       watch data/ and the templates too
on_build_error in serve, say the preview was not updated (MkDocs logs the report, and
               the browser shows it as a banner over the last good preview, which
               stays served after bad data)

In ``mkdocs serve`` the plugin object lives across rebuilds (it has ``on_startup``):
the search index is rebuilt in the background there, so an edit shows at once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from builder import messages
from builder.core import personal, report
from builder.core.formatting import date_zh
from builder.core.model import Records
from builder.core.problems import ConfigError, Problem
from builder.pipeline import (
    Validation,
    ValidationCache,
    read_history,
    unpublishable,
    validate_project,
)
from builder.publish import feeds, preview, search_index, snapshots, target
from builder.publish.downloads import DOWNLOADS, build_downloads
from builder.publish.provenance import Provenance, read_provenance
from builder.site import downloads_page, legal, qr
from builder.site.blocks import put_blocks
from builder.site.build import qr_codes, render_site
from builder.site.context import Generated, Site, make_site

log = get_plugin_logger(__name__)


class GongshiConfig(Config):
    search = config_options.Type(bool, default=True)


class GongshiPlugin(BasePlugin[GongshiConfig]):
    validation: Validation
    published: Records  # the records as published on the build date (core.personal)
    provenance: Provenance
    snapshots: snapshots.Snapshots
    site: Site
    serving = False  # inside `mkdocs serve` / `gongshi serve`
    cache: ValidationCache | None = None
    indexing: subprocess.Popen | None = None  # a search index still being made (serve)
    site_touched = False  # this build has begun to replace the site folder
    qr_batch: qr.Batch | None = None  # the QR codes being made for this build
    site_dir = ""  # where this build writes the site
    # What a preview's banner lists: its heading (zh, en), the problems, a build error.
    banner: tuple[tuple[str, str], list[Problem], str] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this object for every rebuild of a serve.
        self.serving = command == "serve"
        # Rebuilds re-read and re-check only the files an edit changed.
        self.cache = ValidationCache() if self.serving else None

    def on_shutdown(self) -> None:
        self._stop_indexing()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site_touched = False
        self.site_dir = config.site_dir
        self.banner = None
        if self.serving:  # the preview's banner of problems (publish/preview.py)
            config.extra_javascript.append(preview.SCRIPT)
        root = Path(config.config_file_path).parent
        try:
            self.provenance = read_provenance(root)
            # The yearly snapshots of the downloads, an input like the build date.
            self.snapshots = snapshots.read_snapshots(os.environ)
            # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the same input as our pages.
            os.environ["SOURCE_DATE_EPOCH"] = str(self.provenance.epoch)
            self.validation = validate_project(
                root, cache=self.cache, build_date=self.provenance.build_date
            )
        except ConfigError as exc:
            self.banner = (messages.render("serve-banner-kept", {}), [], exc.message)
            raise PluginError(f"{exc.message}\n{exc.message_en}") from exc
        if not self.validation.report.valid:
            self.banner = (
                messages.render("serve-banner-kept", {}),
                self.validation.report.errors + self.validation.report.warnings,
                "",
            )
            zh, en = messages.render("build-invalid-data", {})
            raise PluginError(f"{zh} / {en}\n" + report.as_text(self.validation.report))
        held = unpublishable(self.validation.report)
        if held and self.serving:  # a preview shows a draft, its banner lists the hints
            heading = messages.render("serve-banner-placeholders", {"count": len(held)})
            self.banner = (heading, held, "")
        elif held:
            zh, en = messages.render("build-placeholders", {"count": len(held)})
            raise PluginError(f"{zh}\n{en}\n" + report.by_file(held))
        # What every published form reads (pages, print pages, downloads, the search
        # index and sitemap made from them): personal details past their end, on the
        # build date, taken out once here. Validation judged the full records.
        self.published = personal.published(self.validation.records, self.provenance.build_date)
        # Each record's history: first published, later changes, corrections (更正).
        history = read_history(root, self.provenance.build_date)
        self.site = make_site(
            root, self.published, self.provenance, config, preview=self.serving, history=history
        )
        # Made on another processor while MkDocs converts the pages (see on_env).
        self.qr_codes = qr_codes(self.site)
        self.qr_batch = qr.Batch(self.qr_codes.values())
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.site_touched = True  # MkDocs empties the site folder next
        # A previous preview's index would be written into the folder this build empties.
        self._stop_indexing()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.blocks: dict[str, tuple[bytes, ...]] = {}
        for page in render_site(self.site):
            self._add(files, config, page)
        for feed in feeds.feed_files(self.site):
            self._add(files, config, feed)
        downloads = build_downloads(
            self.validation.project,
            self.published,
            self.validation.report,
            self.provenance,
        )
        for download in downloads:
            files.append(
                File.generated(config, f"{DOWNLOADS}/{download.path}", content=download.content)
            )
        self._add(
            files,
            config,
            downloads_page.page(
                self.site, downloads, self.validation.report.to_dict(), self.snapshots
            ),
        )
        return files

    def _add(self, files: Files, config: MkDocsConfig, generated: Generated) -> None:
        files.append(File.generated(config, generated.src_uri, content=generated.content))
        if generated.blocks:
            self.blocks[generated.src_uri] = generated.blocks

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # The last moment before MkDocs copies the files that are not pages.
        assert self.qr_batch is not None  # made in on_config, which every build runs first
        codes = self.qr_batch.result()
        for src, address in self.qr_codes.items():
            files.append(
                File.generated(
                    config, src, content=codes[address], inclusion=InclusionLevel.INCLUDED
                )
            )
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        page.meta.setdefault("updated", date_zh(self.provenance.build_date))
        return self._cited(markdown, page)

    def _cited(self, text: str, page: Page) -> str:
        """``text`` with its citation markers linked (a page's Markdown, or a table
        block of its HTML that skipped the Markdown conversion)."""
        try:
            return legal.link_citations(self.site, text)
        except legal.UnknownMarker as exc:
            zh, en = messages.render(
                "citation-unknown", {"page": page.file.src_uri, "marker": exc.marker}
            )
            raise PluginError(f"{zh} / {en}") from exc

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The generated pages' tables skipped the Markdown conversion (blocks.BLOCK_MARK).
        # They go back into the finished page only now, as it is written: MkDocs holds
        # every page's converted content until the end, which then holds no table twice.
        blocks = self.blocks.pop(page.file.src_uri, None)
        if not blocks:
            return output
        # A table's cells may cite an article too (the calendar's 依据 column).
        cited = [
            self._cited(b.decode("utf-8"), page).encode("utf-8") if b"[[cite:" in b else b
            for b in blocks
        ]
        return put_blocks(output, cited)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Marks the folder as a gongshi site, which a later `gongshi build` may replace.
        target.write_marker(config.site_dir)
        if self.serving and self.banner is not None:
            preview.write_problems(config.site_dir, *self.banner)
        if not self.config.search:
            return
        # In a preview nobody reads its output: it runs on after this build returns.
        indexing = search_index.start_indexing(config.site_dir, quiet=self.serving)
        if self.serving:
            # The preview is served now; its index follows in a few seconds (the search
            # page says so), or is stopped by the next edit's rebuild.
            self.indexing = indexing
            return
        _, stderr = indexing.communicate()
        if indexing.returncode != 0:
            zh, en = messages.render("search-index-failed", {"detail": stderr.strip()})
            raise PluginError(f"{zh} / {en}")

    def _stop_indexing(self) -> None:
        search_index.stop_indexing(self.indexing)
        self.indexing = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.qr_batch is not None:
            self.qr_batch.close()
        # Bad data stops the build in on_config, before MkDocs empties the site folder:
        # the last good preview is still whole there (MkDocs logs the report next).
        if self.serving:
            code = "serve-not-updated" if self.site_touched else "serve-kept-last"
            zh, en = messages.render(code, {})
            log.error(f"{zh} / {en}")
            # The browser shows it too, over the pages kept (the next good build empties
            # the folder, and the banner goes with it).
            banner = self.banner or (messages.render("serve-banner-kept", {}), [], str(error))
            preview.write_problems(self.site_dir, *banner)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        # Staff preview edits of records and templates, not only of content/.
        root = Path(config.config_file_path).parent
        for folder in ("data", "site_templates"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        _poll_often(server)

        def rebuild() -> None:
            self.site_touched = False
            try:
                builder()
            except Abort:
                if self.site_touched:
                    raise  # MkDocs then holds pages back until a build succeeds
                # The site folder is as the last good build left it: keep serving it
                # rather than MkDocs' stalled pages. The report is in the log; the next
                # save rebuilds.

        server.builder = rebuild
        return server


# MkDocs looks for changed files every 0.5 s (polling, which works on every file system
# staff may use); a quarter of a second of waiting on average, as long as the rebuild
# of the sample itself. Stat-ing a project's few hundred files ten times a second costs
# next to nothing.
POLL_SECONDS = 0.1


def _poll_often(server: LiveReloadServer) -> None:
    """Re-schedule the server's watches on a polling observer that looks more often.
    Before the server starts (on_serve), so nothing is missed; MkDocs adds its `watch:`
    paths afterwards, to the new observer."""
    from watchdog.observers.polling import PollingObserver  # MkDocs' own, for serve only

    watched = dict(getattr(server, "_watched_paths", {}))  # path -> times watched
    if not watched or server.observer.is_alive():
        return
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
