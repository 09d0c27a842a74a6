"""Where a site may be written, and how it replaces the old one without harming anything.

A build replaces its site folder as a whole. So before any work starts, ``refuse_unsafe``
turns down a folder whose replacement would destroy something: the project or a folder
holding it, a source the build reads, a git work tree, or a folder of files that is not
an earlier gongshi site (those carry ``MARKER``). ``staged`` then gives a new folder
beside the target to build into (the same file system, so the final move is a rename),
named with ``STAGING_PREFIX`` (ignored by the project's .gitignore), and swaps it in
only when the build succeeded; what a killed build left behind goes on the next run.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from builder.core.problems import ConfigError
from builder.load.project import DATA_DIR, Project
from builder.site.templating import TEMPLATE_DIR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Written into every built site's root (by the plugin, so `mkdocs build` marks it too).
MARKER = ".gongshi-site"
MARKER_TEXT = (
    "This folder is a site built by gongshi. `gongshi build` replaces it as a whole.\n"
    "本目录是 gongshi 生成的网站，重新生成时会整个替换。\n"
)
# A site built before the marker existed: its provenance names gongshi as the builder.
LEGACY_PROVENANCE = "downloads/provenance.json"

STAGING_PREFIX = ".gongshi-staging-"
# .gongshi-staging-<pid>-<token>-<build|previous>-<site folder name>
_STAGING_NAME = re.compile(r"\.gongshi-staging-(\d+)-[0-9a-f]+-(build|previous)-(.+)\Z", re.S)
# What an older gongshi left when killed (a mkdtemp folder beside the site): stale.
_LEGACY_STAGING = re.compile(r"\.(.+)-building-[a-z0-9_]{8}\Z", re.S)


def sources(project: Project, config: MkDocsConfig) -> list[Path]:
    """Everything the build reads, besides the project root itself."""
    root = project.root
    paths = [
        root / DATA_DIR,
        root / Path(TEMPLATE_DIR).parts[0],  # site_templates/, pages and theme alike
        Path(config.docs_dir),
        Path(config.config_file_path),
        *(root / resource.file for resource in project.resources),
        *(Path(path) for path in config.watch),
    ]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    return [path.resolve() for path in paths]


def refuse_unsafe(target: Path, root: Path, read: Iterable[Path]) -> None:
    """Raise ConfigError (exit code 2) when replacing ``target`` could destroy anything.

    Paths are compared resolved and by file identity, so ``..``, a symbolic link or
    another spelling of the same folder is caught too. Nothing is written here.
    """
    target, root = target.resolve(), root.resolve()
    shown = str(target)
    if _within(root, target):
        raise ConfigError("site-dir-project", path=shown, project=str(root))
    for source in read:
        if _within(target, source) or _within(source, target):
            raise ConfigError("site-dir-source", path=shown, source=str(source))
    try:
        nearest = next(p for p in (target, *target.parents) if p.exists())
        if not nearest.is_dir():
            raise ConfigError("site-dir-not-folder", path=shown, file=str(nearest))
        if nearest != target:
            return  # a new folder: nothing there to lose
        if os.path.lexists(target / ".git"):
            raise ConfigError("site-dir-git", path=shown)
        with os.scandir(target) as entries:
            empty = next(entries, None) is None
    except OSError as exc:
        raise unwritable(target, exc) from exc
    if not empty and not is_site(target):
        raise ConfigError("site-dir-not-site", path=shown, marker=MARKER)


def is_site(folder: Path) -> bool:
    """Does ``folder`` hold a site gongshi built (so a build may replace it)?"""
    if (folder / MARKER).is_file():
        return True
    try:
        with open(folder / LEGACY_PROVENANCE, "rb") as file:
            provenance = json.loads(file.read(65536))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(provenance, dict) and str(provenance.get("builder")).startswith("gongshi ")


def write_marker(site_dir: str | Path) -> None:
    (Path(site_dir) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new empty folder beside ``target`` to build into; it replaces ``target`` when
    the ``with`` block ends normally and is removed when it raises, so a failed build
    leaves the old site whole. A folder the user cannot write is a ConfigError."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        staging = _new_name(target, "build")
        # mkdir, not mkdtemp: the folder gets the umask's mode, as `mkdocs build` gives
        # it (a 0700 site is a 403 for a web server running as another user).
        staging.mkdir()
    except OSError as exc:
        raise unwritable(target, exc) from exc
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)


def _swap(staging: Path, target: Path) -> None:
    previous = None
    try:
        if target.exists():
            # Keep a mode the user gave the site folder, as a rebuild in place would.
            staging.chmod(target.stat().st_mode & 0o7777)
            previous = _new_name(target, "previous")
            target.rename(previous)
        staging.rename(target)
    except OSError as exc:
        if previous is not None and not target.exists():
            with suppress(OSError):
                previous.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise unwritable(target, exc) from exc
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def _new_name(target: Path, kind: str) -> Path:
    return target.with_name(
        f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(6)}-{kind}-{target.name}"
    )


def _remove_stale(target: Path) -> None:
    """Remove what a killed build left beside ``target`` (a running build's are kept).
    A backup of the site whose swap was cut short goes back in place if the site is
    missing: it is the last good one."""
    try:
        with os.scandir(target.parent) as entries:
            listed = [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return  # housekeeping only: a folder that cannot be listed may still be built into
    left = [
        (Path(entry.path), found)
        for entry in listed
        if (found := _STAGING_NAME.match(entry.name)) and not _running(int(found[1]))
    ]
    for entry in listed:
        legacy = _LEGACY_STAGING.match(entry.name)
        if legacy and legacy[1] == target.name:
            shutil.rmtree(entry.path, ignore_errors=True)
    for path, found in sorted(left):
        if found[2] == "previous" and found[3] == target.name and not target.exists():
            path.rename(target)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Is the build that made a staging folder still running?"""
    if pid == os.getpid() or pid <= 0 or os.name != "posix":
        # This process's earlier builds are over; elsewhere, signal 0 would not probe.
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # another user's process
    return True


def unwritable(target: Path, exc: OSError) -> ConfigError:
    return ConfigError("site-dir-unwritable", path=str(target), detail=exc.strerror or str(exc))


def _within(inner: Path, outer: Path) -> bool:
    """Is ``inner`` the folder ``outer`` or inside it? By path, and by file identity for
    the parts that exist (a bind mount or a case-insensitive spelling of one folder)."""
    inner, outer = inner.resolve(), outer.resolve()
    if inner == outer or outer in inner.parents:
        return True
    try:
        wanted = outer.stat()
    except OSError:
        return False
    for path in (inner, *inner.parents):
        try:
            found = path.stat()
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False
