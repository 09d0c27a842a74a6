"""The MkDocs plugin ``gongshi``: a thin shell that runs the pipeline inside a build.

on_config      validate the records (invalid data stops the build with the report)
on_files       add the generated pages, charts and downloads as generated files
on_page_markdown  turn citation markers into links; unknown articles stop the build
on_post_build  index the built site for Chinese search with Pagefind
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from builder import citations, messages, report
from builder.pipeline import Validation, validate_project
from builder.problems import ConfigError
from builder.provenance import Provenance, read_provenance
from builder.publish import DOWNLOADS, build_downloads
from builder.render import SiteRenderer, date_zh

log = get_plugin_logger(__name__)


class GongshiConfig(Config):
    search = config_options.Type(bool, default=True)


class GongshiPlugin(BasePlugin[GongshiConfig]):
    validation: Validation
    provenance: Provenance
    renderer: SiteRenderer

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.provenance = read_provenance(root)
        # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the same input as our pages.
        os.environ["SOURCE_DATE_EPOCH"] = str(self.provenance.epoch)
        try:
            self.validation = validate_project(root)
        except ConfigError as exc:
            raise PluginError(f"{exc.message}\n{exc.message_en}") from exc
        if not self.validation.report.valid:
            zh, en = messages.render("build-invalid-data", {})
            raise PluginError(f"{zh} / {en}\n" + report.as_text(self.validation.report))
        self.renderer = SiteRenderer(root, self.validation.records, self.provenance, config)
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.renderer.render_all():
            files.append(File.generated(config, page.src_uri, content=page.content))
        downloads = build_downloads(
            self.validation.project,
            self.validation.records,
            self.validation.report,
            self.provenance,
        )
        for download in downloads:
            files.append(
                File.generated(config, f"{DOWNLOADS}/{download.path}", content=download.content)
            )
        page = self.renderer.downloads(downloads, self.validation.report.to_dict())
        files.append(File.generated(config, page.src_uri, content=page.content))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        page.meta.setdefault("updated", date_zh(self.provenance.build_date))
        template = self.renderer.env.get_template("partials/citation.html")
        for marker, law_id, spec in citations.find_citations(markdown):
            try:
                citation = citations.resolve(law_id, spec)
            except citations.UnknownCitation as exc:
                zh, en = messages.render(
                    "citation-unknown", {"page": page.file.src_uri, "marker": marker}
                )
                raise PluginError(f"{zh} / {en}") from exc
            markdown = markdown.replace(marker, template.render(citation=citation).strip(), 1)
        return markdown

    def on_post_build(self, config) -> None:
        if not self.config.search:
            return
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            zh, en = messages.render("search-index-failed", {"detail": result.stderr.strip()})
            raise PluginError(f"{zh} / {en}")

    def on_serve(self, server, config, builder):
        # Staff preview edits of records and templates, not only of content/.
        root = Path(config.config_file_path).parent
        for folder in ("data", "site_templates"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server
