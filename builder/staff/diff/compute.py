"""The comparison, top to bottom: read both revisions, validate each, compare."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from builder.core.history import correction_note
from builder.core.problems import ConfigError
from builder.load.revisions import Repository
from builder.pipeline import Validation, validate_project
from builder.publish.provenance import CHINA_TIME
from builder.staff.diff.model import Diff, Side
from builder.staff.diff.rows import compare_resources
from builder.staff.diff.summaries import (
    compare_decisions,
    compare_ledgers,
    entering_notices,
    problems_minus,
)


def compute_diff(
    project_dir: str | Path, base: str, head: str | None = None, today: date | None = None
) -> Diff:
    """Compare the project at revision ``base`` with revision ``head`` (None: the working
    tree). ``today`` (default: today in China) dates notice statuses, the current
    ledger year and the "dated in the future" check, on both sides alike.

    Raises ConfigError for set-up problems: not a git repository, a revision not in the
    clone, the working tree not a project.
    """
    today = today or datetime.now(CHINA_TIME).date()
    project_dir = Path(project_dir).resolve()
    repo = Repository(project_dir)
    base_commit = repo.commit(base)
    head_commit = repo.commit(head) if head is not None else None
    base_side, before = read_revision(repo, base, base_commit, today)
    after: Validation | None
    if head is None or head_commit is None:
        head_side, after = Side(None, None), validate_project(project_dir, today=today)
    else:
        head_side, after = read_revision(repo, head, head_commit, today)
    if before is None or after is None:
        return Diff(base_side, head_side, today)
    return Diff(
        base_side,
        head_side,
        today,
        resources=tuple(d for d in compare_resources(before, after) if d.any),
        ledger=compare_ledgers(before.records, after.records, today),
        decisions=compare_decisions(before.records, after.records),
        notices=entering_notices(before.records, after.records, today),
        new_errors=problems_minus(after.report.errors, before.report.errors),
        fixed_errors=problems_minus(before.report.errors, after.report.errors),
        base_errors=before.report.error_count,
        head_errors=after.report.error_count,
        correction_note=_note(repo, base_commit, head_commit),
    )


def _note(repo: Repository, base: str, head: str | None) -> str | None:
    """The correction note (``core.history.correction_note``) of the commits after base."""
    messages = repo.git("log", "--format=%B", f"{base}..{head or 'HEAD'}").decode(errors="replace")
    return correction_note(messages)


def read_revision(
    repo: Repository, revision: str, commit: str, today: date
) -> tuple[Side, Validation | None]:
    """The project as it is at ``commit``, validated; or why it cannot be read."""
    with tempfile.TemporaryDirectory(prefix="gongshi-diff-") as tmp:
        root = Path(tmp)
        repo.export(commit, root)
        try:
            return Side(revision, commit), validate_project(root, today=today)
        except ConfigError as exc:
            return Side(revision, commit, (exc.message, exc.message_en)), None
