"""``gongshi normalize FILE... [--write]`` as results: what happened to each file, and
the text that says so. The command line prints it; nothing here prints."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder import messages
from builder.core import report
from builder.staff.normalize.files import Normalized, normalize_file
from builder.staff.writing import write_atomically


@dataclass(frozen=True)
class FileOutcome:
    """What normalize did with one file.

    Attributes:
        file: the path as given.
        result: the file as read and normalized; None when it could not be read.
        write: whether writing was asked for.
        written: whether the normalized text was written (only for a file that changed
            and has no problems).
        error: (Chinese, English) when the file could not be read or written.
    """

    file: str
    result: Normalized | None
    write: bool
    written: bool = False
    error: tuple[str, str] | None = None

    @property
    def problems(self) -> bool:
        """Whether a value needs a person (the file was then left as it was)."""
        return bool(self.result and self.result.problems)


def normalize_files(files: Iterable[str], write: bool) -> Iterator[FileOutcome]:
    """Normalize each file in turn and, with ``write``, save those that changed and have
    no problems. A file that cannot be read or written does not stop the others."""
    for name in files:
        path = Path(name)
        if not path.is_file():
            missing = messages.render("normalize-file-missing", {"path": name})
            yield FileOutcome(name, None, write, error=missing)
            continue
        try:
            result = normalize_file(path)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            yield FileOutcome(
                name, None, write, error=_failed("normalize-unreadable", name, detail)
            )
            continue
        if not (write and result.changed and not result.problems):
            yield FileOutcome(name, result, write)
            continue
        try:
            write_atomically(path, result.text.encode("utf-8"))
        except OSError as exc:
            detail = exc.strerror or str(exc)
            error = _failed("normalize-write-failed", name, detail)
            yield FileOutcome(name, result, write, error=error)
            continue
        yield FileOutcome(name, result, write, written=True)


def _failed(code: str, path: str, detail: str) -> tuple[str, str]:
    return messages.render(code, {"path": path, "detail": detail})


def describe(outcome: FileOutcome) -> str:
    """What the command shows for one file on standard output: the diff and the list of
    changes, the values a person must decide, and what became of the file. Empty when
    the file could not be read (``outcome.error`` says why)."""
    result = outcome.result
    if result is None:
        return ""
    parts = []
    if result.changed:
        parts.append(result.diff())
        parts.append("{} / {}:\n".format(*messages.render("normalize-changes-heading", {})))
        parts.extend(f"  · {change}\n" for change in result.changes)
    if result.problems:
        parts.append(report.problem_list(result.problems) + "\n")
        if result.changed or outcome.write:
            parts.append(_both("normalize-held-back", result.file))
    elif not result.changed:
        parts.append(_both("normalize-unchanged", result.file))
    elif outcome.written:
        parts.append(_both("normalize-written", result.file))
    elif not outcome.write:
        parts.append(_both("normalize-dry-run", result.file))
    return "".join(parts)


def _both(code: str, path: str) -> str:
    zh, en = messages.render(code, {"path": path})
    return f"{zh}\n{en}\n"
