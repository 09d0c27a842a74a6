"""Where a build comes from: the git commit, its time, and the build date.

The build date is one explicit input: SOURCE_DATE_EPOCH when set (the scheduled daily
publish passes the day), else the commit time. Output never reads the clock, so the
same commit and build date give the same bytes.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from builder import __version__
from builder.core.numbers import read_integer
from builder.core.problems import ConfigError

# Residents read dates in China Standard Time; a commit at 23:30 UTC is the next day there.
CHINA_TIME = timezone(timedelta(hours=8), "CST")


@dataclass(frozen=True)
class Provenance:
    """Attributes:
    commit: the full commit hash, or None outside a git repository.
    commit_time: the commit's time (UTC), or None.
    dirty: True when tracked files differ from the commit.
    build_time: the moment the build is dated with (UTC).
    builder_version: gongshi's version.
    """

    commit: str | None
    commit_time: datetime | None
    dirty: bool
    build_time: datetime
    builder_version: str = __version__

    @property
    def build_date(self) -> date:
        return self.build_time.astimezone(CHINA_TIME).date()

    @property
    def epoch(self) -> int:
        return int(self.build_time.timestamp())

    def to_dict(self) -> dict:
        return {
            "commit": self.commit,
            "commit_time": self.commit_time.isoformat() if self.commit_time else None,
            "dirty": self.dirty,
            "build_time": self.build_time.isoformat(),
            "build_date": self.build_date.isoformat(),
            "builder": f"gongshi {self.builder_version}",
        }


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


# The latest build date a SOURCE_DATE_EPOCH may give: the end of year 9999.
LATEST_EPOCH = 253_402_300_799


def _epoch_time(epoch: str) -> datetime:
    """SOURCE_DATE_EPOCH as a time. A malformed value stops the build (the
    reproducible-builds specification asks so) rather than dating it by the clock."""
    seconds = read_integer(epoch)
    if seconds is None or not 0 <= seconds <= LATEST_EPOCH:
        raise ConfigError("source-date-epoch-bad", value=epoch[:40])
    return datetime.fromtimestamp(seconds, UTC)


def epoch_date() -> date | None:
    """SOURCE_DATE_EPOCH's day as residents read it (China Standard Time), or None when
    it is unset: the one date input of a command that dates what it writes (a harvest)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return _epoch_time(epoch).astimezone(CHINA_TIME).date() if epoch else None


def read_provenance(root: Path) -> Provenance:
    """The commit of ``root`` and the build time, from SOURCE_DATE_EPOCH or the commit."""
    commit = _git(root, "rev-parse", "HEAD")
    stamp = _git(root, "log", "-1", "--format=%ct") if commit else None
    commit_time = datetime.fromtimestamp(int(stamp), UTC) if stamp else None
    dirty = bool(_git(root, "status", "--porcelain", "--untracked-files=no")) if commit else False
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        build_time = _epoch_time(epoch)
    elif commit_time is not None:
        build_time = commit_time
    else:
        # Not a git checkout and no SOURCE_DATE_EPOCH: date the build by its newest record.
        newest = max(
            (p.stat().st_mtime for p in (root / "data").rglob("*") if p.is_file()), default=0
        )
        build_time = datetime.fromtimestamp(int(newest), UTC)
    return Provenance(commit, commit_time, dirty, build_time)


@dataclass(frozen=True)
class FirstCommit:
    """The first commit whose version of a file held a line.

    Attributes:
        commit: its full hash.
        day: its commit date (as git writes it, YYYY-MM-DD).
    """

    commit: str
    day: str


def first_commits(root: Path, relpath: str) -> dict[str, FirstCommit]:
    """For each first cell (a CSV row's id) of the lines ever added to ``relpath``, the
    first commit that added it: where the site published a disclosure, the commit shows
    since when the public repository held it. Empty outside git."""
    log = _git(root, "log", "--reverse", "--format=%x00%H %cs", "-U0", "--", relpath)
    found: dict[str, FirstCommit] = {}
    current: FirstCommit | None = None
    for line in (log or "").splitlines():
        if line.startswith("\x00"):
            commit, _, day = line[1:].partition(" ")
            current = FirstCommit(commit, day)
        elif current and line.startswith("+") and not line.startswith("+++"):
            key = line[1:].split(",", 1)[0].strip()
            found.setdefault(key, current)
    return found
