"""Stage 1, load: read staff files safely. Nothing here knows what a ledger or a decision is:
a file is read only inside the project, up to a size limit, through the one decoder,
or the problem says exactly why not (missing, a link out of the project, too large,
not UTF-8, empty). YAML documents are in ``documents``, CSV tables in ``csv``.
"""

from __future__ import annotations

from pathlib import Path

from builder.core.problems import Problem, problem
from builder.load.text import GB18030, decode

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def checked_path(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Path | None, list[Problem]]:
    """The real path of a staff file, or why it may not be read: missing, a link out
    of the project, too large."""
    path = root / relpath
    if not path.exists():
        return None, [problem("file-missing", relpath)]
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        return None, [problem("file-outside-project", relpath, target=str(real))]
    size = real.stat().st_size
    if size > max_bytes:
        return None, [
            problem(
                "file-too-large",
                relpath,
                size_mb=f"{size / 1048576:.1f}",
                limit_mb=f"{max_bytes / 1048576:.0f}",
            )
        ]
    return real, []


def read_text(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a staff file as UTF-8 text, or say exactly why it cannot be read."""
    real, problems = checked_path(root, relpath, max_bytes)
    if real is None:
        return None, problems
    decoded = decode(real.read_bytes())
    if not decoded.is_utf8:
        code = "encoding-gbk" if decoded.encoding == GB18030 else "encoding-unknown"
        return None, [problem(code, relpath, decoded.bad_line)]
    text = decoded.text or ""
    if not text.strip():
        return None, [problem("file-empty", relpath)]
    return text, []
