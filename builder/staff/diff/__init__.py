"""``gongshi diff BASE [HEAD]``: what a change will publish, for a pull request's summary.

Both revisions are read with git (``ls-tree`` and ``cat-file``, into a temporary
directory; the working tree is never checked out or written), each is validated with
``validate_project``, and the two results are compared:

1. records of each resource, by primary key (rows without one as multisets);
2. every ledger account's years: income, reasonable cost, net income, the uses the
   owners decided and the closing balance;
3. decisions that are new (or whose votes changed), with the result the rules compute;
4. public notices that enter or are in their public period;
5. validation errors that are new, and those that were fixed.

HEAD defaults to the working tree (the project directory as it is). A revision whose
project cannot be read (no data/datapackage.yaml at that commit, a broken schema) is
reported in the summary instead of compared (``Side.error``); set-up problems (not a
git repository, a revision that is not in the clone, the working tree not a project)
raise ConfigError. The command's exit codes are the CLI's: 0 when the comparison was
made (also when only BASE cannot be read: the change may add or repair the project), 1
when the project at HEAD cannot be read (the change would publish nothing), 2 for a
set-up problem.

Modules: ``compute`` (the comparison's order), ``rows`` (records
by primary key), ``summaries`` (ledgers, decisions, notices, errors), ``words`` (values
as text), ``markdown`` and ``json_summary`` (the two outputs), ``model`` (the records).

Privacy: branch records carry a ``scope``; internal ones are never published. The
summary (Markdown and JSON) lists only public rows; of internal rows it gives a count of
changed records and nothing else (no ids, titles, topics or field values). A row that
moves from public to internal shows as removed from publication, the reverse as added.
Validation errors are listed as ``gongshi validate`` lists them.
"""

from __future__ import annotations

import json

from builder.core.problems import ConfigError
from builder.messages.commands import LIST_JOIN
from builder.staff.diff.compute import compute_diff
from builder.staff.diff.json_summary import to_json
from builder.staff.diff.markdown import md_cell, render_markdown
from builder.staff.diff.model import Diff
from builder.staff.diff.rows import compare_rows
from builder.staff.diff.words import excerpt

FORMATS = ("markdown", "json")

__all__ = [
    "FORMATS",
    "Diff",
    "compare_rows",
    "compute_diff",
    "excerpt",
    "md_cell",
    "render",
    "render_markdown",
    "to_json",
]


def render(diff: Diff, fmt: str = "markdown") -> str:
    """The summary in ``fmt`` (one of FORMATS), ending in a line break."""
    if fmt == "json":
        return json.dumps(to_json(diff), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(diff)
    raise ConfigError("diff-format-unknown", value=fmt, allowed=LIST_JOIN.join(FORMATS))
