"""Stage 1, load: read staff files safely. Nothing here knows what a ledger or a decision is:
a file the project names is read only through the one rule below (inside the project,
links followed; a regular file, never a folder or a pipe; up to a size limit; through
the one decoder), or the problem says exactly why not. YAML documents are in
``documents``, CSV tables in ``csv``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from builder.core.problems import Problem, problem
from builder.load.text import GB18030, decode

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Opening never waits (a FIFO swapped in after the check) and never follows a link
# swapped in after the path was resolved.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_KINDS = {
    stat.S_IFIFO: ("命名管道（FIFO）", "a named pipe (FIFO)"),
    stat.S_IFSOCK: ("套接字", "a socket"),
    stat.S_IFCHR: ("设备", "a device"),
    stat.S_IFBLK: ("设备", "a device"),
}


def unsafe_path(relpath: object) -> bool:
    """Whether a path written in a project file is not one gongshi follows: the Data
    Package's rule (a POSIX path relative to its descriptor, never absolute, never
    ``..``), and no URL, backslash or control character. What is left can still be a
    link out of the project; ``checked_path`` refuses that when the file is read."""
    if not isinstance(relpath, str) or not relpath.strip():
        return True
    if "\\" in relpath or any(ord(c) < 32 or ord(c) == 127 for c in relpath):
        return True
    posix = PurePosixPath(relpath)
    return (
        posix.is_absolute()
        or ".." in posix.parts
        or bool(PureWindowsPath(relpath).drive)
        or _URL.match(relpath) is not None
    )


def checked_path(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Path | None, list[Problem]]:
    """The real path of a file the project names, or why it may not be read: missing, a
    link out of the project or to nothing, a folder, a pipe or device, unreadable, too
    large. Only ``stat`` is asked, so a FIFO is never opened (opening one waits)."""
    path = root / relpath
    try:
        real = path.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links; a NUL in the name
        return None, [problem("file-broken-link", relpath, target=_link_target(path))]
    if not real.is_relative_to(root.resolve()):
        return None, [problem("file-outside-project", relpath, target=str(real))]
    try:
        info = real.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return None, [problem("file-broken-link", relpath, target=_link_target(path))]
        return None, [problem("file-missing", relpath)]
    except OSError as exc:  # a folder on the way that may not be entered
        return None, [problem("file-unreadable", relpath, detail=exc.strerror or str(exc))]
    found = _not_regular(relpath, info.st_mode)
    if found:
        return None, found
    if info.st_size > max_bytes:
        return None, [_too_large(relpath, info.st_size, max_bytes)]
    return real, []


def open_checked(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[BinaryIO | None, list[Problem]]:
    """The file opened for reading in binary (``name`` is its real path), after
    ``checked_path``; the caller closes it."""
    real, problems = checked_path(root, relpath, max_bytes)
    if real is None:
        return None, problems
    return _open_regular(real, relpath)


def read_bytes(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, never more than ``max_bytes`` (a file still growing included)."""
    real, problems = checked_path(root, relpath, max_bytes)
    if real is None:
        return None, problems
    return read_named(real, relpath, max_bytes)


def read_named(
    path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a file a person named on the command line (``normalize FILE``),
    problems under ``name``: a regular file up to ``max_bytes``, as ``validate`` reads
    it, without the project rule (the file may lie in no project)."""
    stream, problems = _open_regular(path, name)
    if stream is None:
        return None, problems
    try:
        with stream:
            size = os.fstat(stream.fileno()).st_size
            raw = stream.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as exc:  # e.g. EIO, or EISDIR on a system that opens folders
        return None, [problem("file-unreadable", name, detail=exc.strerror or str(exc))]
    if size > max_bytes or len(raw) > max_bytes:  # or grown since
        return None, [_too_large(name, max(size, len(raw)), max_bytes)]
    return raw, []


def _open_regular(path: Path, name: str) -> tuple[BinaryIO | None, list[Problem]]:
    """Open without waiting (a FIFO) and without following a link; then make sure it is
    a regular file, in case it was replaced since it was looked at."""
    try:
        stream = open(path, "rb", opener=_opener)  # noqa: SIM115 (the caller closes it)
    except FileNotFoundError:
        return None, [problem("file-missing", name)]
    except OSError as exc:
        return None, [problem("file-unreadable", name, detail=exc.strerror or str(exc))]
    found = _not_regular(name, os.fstat(stream.fileno()).st_mode)
    if found:
        stream.close()
        return None, found
    return stream, []


def read_text(
    root: Path, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a staff file as UTF-8 text, or say exactly why it cannot be read."""
    raw, problems = read_bytes(root, relpath, max_bytes)
    if raw is None:
        return None, problems
    decoded = decode(raw)
    if not decoded.is_utf8:
        code = "encoding-gbk" if decoded.encoding == GB18030 else "encoding-unknown"
        return None, [problem(code, relpath, decoded.bad_line)]
    text = decoded.text or ""
    if not text.strip():
        return None, [problem("file-empty", relpath)]
    return text, []


def folder_problems(root: Path, folder: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Problem]:
    """Every file under ``folder`` (pages, templates: what the build reads whole) that
    the one rule refuses, so a pipe cannot hang the build and a link out of the project
    cannot publish what lies outside. Nothing is opened; links to folders are not
    followed, only checked to stay inside."""
    base = root / folder
    if not os.path.lexists(base):
        return []
    inside = root.resolve()
    if not base.resolve().is_relative_to(inside):
        return [problem("file-outside-project", folder, target=str(base.resolve()))]
    problems: list[Problem] = []
    for current, folders, files in os.walk(base):
        folders.sort()
        for name in sorted(files + folders):
            path = Path(current, name)
            relpath = path.relative_to(root).as_posix()
            if name in folders:
                if path.is_symlink() and not path.resolve().is_relative_to(inside):
                    problems.append(
                        problem("file-outside-project", relpath, target=str(path.resolve()))
                    )
                continue
            problems += checked_path(root, relpath, max_bytes)[1]
    return problems


def _opener(path: str, flags: int) -> int:
    return os.open(path, _OPEN_FLAGS)


def _not_regular(relpath: str, mode: int) -> list[Problem]:
    if stat.S_ISREG(mode):
        return []
    if stat.S_ISDIR(mode):
        return [problem("file-is-directory", relpath)]
    kind, kind_en = _KINDS.get(stat.S_IFMT(mode), ("特殊文件", "a special file"))
    return [problem("file-not-regular", relpath, kind=kind, kind_en=kind_en)]


def _too_large(relpath: str, size: int, max_bytes: int) -> Problem:
    return problem(
        "file-too-large",
        relpath,
        size_mb=f"{size / 1048576:.1f}",
        limit_mb=f"{max_bytes / 1048576:.0f}",
    )


def _link_target(path: Path) -> str:
    """Where a broken link points, as written in the link (a path, never content)."""
    try:
        return os.readlink(path)
    except (OSError, ValueError):
        return str(path)
