"""What validation read and checked, kept by file content across runs (``gongshi
serve``): an edit re-reads and re-checks only the files it changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.check.tables import Checked, CheckedTable, check_project
from builder.check.typed import Collector
from builder.load.files import read_bytes
from builder.load.project import Project
from builder.load.stage import Loaded, load_project


@dataclass
class ValidationCache:
    """The load and check stages' results, keyed by the SHA-256 of the files they came
    from: an entry for old content is never used, so nothing can go stale. Memory grows
    with each version of a file seen, which a preview session can afford. Disabled,
    it only runs the stages (the domain rules always run on everything)."""

    enabled: bool = True
    loaded: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    checked: dict[str, CheckedTable] = field(default_factory=dict)
    hashes: dict[str, str | None] = field(default_factory=dict)
    hits: int = 0

    def load(self, project: Project, fast: set[str]) -> Loaded:
        """The load stage, each file read again only if its content changed."""
        self.hashes.clear()  # a new run: files are hashed again, old results stay
        return load_project(project, fast, read=self.read)

    def check(
        self,
        project: Project,
        loaded: Loaded,
        fast: set[str],
        collector: Callable[[str], Collector],
    ) -> Checked:
        """The check stage, a table checked again only if it or a table its foreign
        keys look into changed."""
        if not self.enabled:
            return check_project(project, loaded, fast, collector)
        root = project.root
        # A table with rows of the private data directory is checked afresh each run.
        prints = {
            r.name: d
            for r in project.resources
            if r.file not in loaded.private_files and (d := self.digest(root, r.file))
        }
        return check_project(project, loaded, fast, collector, prints, self.checked)

    def read(
        self, root: Path, relpath: str, reader: Callable[[Path, str], tuple], tag: str = ""
    ) -> tuple:
        """``reader(root, relpath)``, or its earlier result for the same content."""
        if not self.enabled:
            return reader(root, relpath)
        key = (relpath, self.digest(root, relpath) or "", tag)
        if key[1] and key in self.loaded:
            self.hits += 1
            return self.loaded[key]
        result = reader(root, relpath)
        if key[1]:
            self.loaded[key] = result
        return result

    def digest(self, root: Path, relpath: str) -> str | None:
        if relpath not in self.hashes:
            # Read by the load stage's rule (inside the project, a regular file, within
            # the size limit); a file it refuses has no digest and is loaded afresh.
            raw, _ = read_bytes(root, relpath)
            self.hashes[relpath] = hashlib.sha256(raw).hexdigest() if raw is not None else None
        return self.hashes[relpath]


NO_CACHE = ValidationCache(enabled=False)
