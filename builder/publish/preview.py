"""What a local preview (``gongshi serve``) shows in the browser about the records: a
file beside the pages listing the problems of the last edit, which the preview's script
(``assets/preview-problems.js`` of the project's theme) shows as a banner on every page.

A failed rebuild leaves the last good pages in place and writes the file among them; the
next good build empties the folder, and the banner is gone. A published site never has
either: both are added only while serving.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from builder.core.problems import Problem

PROBLEMS_FILE = "gongshi-preview-problems.json"
SCRIPT = "assets/preview-problems.js"  # in the project's theme (site_templates/theme)


def write_problems(
    site_dir: str | Path, heading: tuple[str, str], problems: Iterable[Problem], detail: str = ""
) -> None:
    """Write the banner's content: its heading (Chinese, English), the problems with
    their file, line and field, and any other report (``detail``: a build error)."""
    listed = [
        {
            "file": p.file,
            "line": p.line,
            "field": p.field,
            "severity": p.severity,
            "message": p.message,
            "message_en": p.message_en,
            "code": p.code,
        }
        for p in problems
    ]
    content = {"heading": heading[0], "heading_en": heading[1], "problems": listed}
    if detail:
        content["detail"] = detail
    folder = Path(site_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PROBLEMS_FILE).write_text(
        json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8"
    )
