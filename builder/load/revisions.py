"""Reading a project as it was at a git revision, without touching the working tree.

Files are listed with ``git ls-tree`` and read with one ``git cat-file --batch`` into a
directory the caller gives; nothing is checked out, nothing fetched from a network.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from builder.core.problems import ConfigError
from builder.load.project import DATA_DIR


class Repository:
    """The repository a project lives in; runs git there, never changing anything."""

    def __init__(self, project_dir: Path) -> None:
        if not project_dir.is_dir():
            raise ConfigError("project-missing", path=str(project_dir))
        self.project_dir = project_dir
        top = self._run(["rev-parse", "--show-toplevel"], cwd=project_dir, check=False)
        if top.returncode != 0:
            detail = top.stderr.decode(errors="replace").strip()
            raise ConfigError("diff-not-git", path=str(project_dir), detail=detail)
        self.top = Path(top.stdout.decode().strip())
        prefix = self._run(["rev-parse", "--show-prefix"], cwd=project_dir)
        self.prefix = prefix.stdout.decode().strip()  # "" or "sub/dir/"

    @staticmethod
    def _run(
        args: list[str], cwd: Path, input: bytes | None = None, check: bool = True
    ) -> subprocess.CompletedProcess:
        # No network: no prompts, and no lazy fetch of missing objects in partial clones.
        env = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_NO_LAZY_FETCH": "1",
            "GIT_LITERAL_PATHSPECS": "1",  # a project folder named "[a]*" is just a name
        }
        try:
            result = subprocess.run(
                ["git", *args], cwd=cwd, input=input, capture_output=True, env=env, timeout=120
            )
        except FileNotFoundError as exc:
            raise ConfigError("diff-git-missing") from exc
        except subprocess.TimeoutExpired as exc:
            raise ConfigError("diff-git-failed", revision=" ".join(args), detail="timeout") from exc
        if check and result.returncode != 0:
            detail = result.stderr.decode(errors="replace").strip()
            raise ConfigError("diff-git-failed", revision=" ".join(args), detail=detail)
        return result

    def git(self, *args: str, input: bytes | None = None) -> bytes:
        return self._run(list(args), cwd=self.top, input=input).stdout

    def commit(self, revision: str) -> str:
        """The full hash of ``revision``; a clear error when the clone does not have it."""
        found = None
        if revision and not revision.startswith("-"):
            result = self._run(
                ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                cwd=self.top,
                check=False,
            )
            found = result.stdout.decode().strip() if result.returncode == 0 else None
        if found:
            return found
        shallow = self._run(["rev-parse", "--is-shallow-repository"], cwd=self.top, check=False)
        code = (
            "diff-revision-shallow"
            if shallow.stdout.decode().strip() == "true"
            else "diff-revision-unknown"
        )
        raise ConfigError(code, revision=revision)

    def export(self, commit: str, dest: Path) -> None:
        """Write the project's data/ directory as it is at ``commit`` into ``dest``."""
        listing = self.git(
            "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{self.prefix}{DATA_DIR}"
        )
        blobs = []
        for item in listing.split(b"\0"):
            if not item:
                continue
            meta, _, raw_path = item.partition(b"\t")
            mode, kind, oid = meta.split(b" ")
            if kind == b"blob":  # submodules ("commit") hold no records
                blobs.append((mode, oid, os.fsdecode(raw_path)))
        if not blobs:
            return
        data = self.git("cat-file", "--batch", input=b"".join(oid + b"\n" for _, oid, _ in blobs))
        position = 0
        for mode, _, path in blobs:
            header_end = data.index(b"\n", position)
            size = int(data[position:header_end].split(b" ")[2])
            content = data[header_end + 1 : header_end + 1 + size]
            position = header_end + 1 + size + 1
            target = dest / path[len(self.prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == b"120000":
                # A link stays a link: the loader refuses one that leads out of the project.
                os.symlink(os.fsdecode(content), target)
            else:
                target.write_bytes(content)

    def shallow(self) -> bool:
        """Whether this is a shallow clone (its history cut short)."""
        result = self._run(["rev-parse", "--is-shallow-repository"], cwd=self.top, check=False)
        return result.stdout.decode().strip() == "true"

    def data_log(self) -> list[tuple[str, int, str]]:
        """Every commit of the first-parent history of HEAD that changed the project's
        data/, oldest first, as (hash, commit time in seconds, message): one ``git log``."""
        path = f"{self.prefix}{DATA_DIR}"
        out = self.git(
            "log", "--first-parent", "--reverse", "--format=%H%x00%ct%x00%B%x01", "HEAD", "--", path
        )
        commits = []
        for item in out.decode(errors="replace").split("\x01"):
            item = item.strip("\n")
            if not item:
                continue
            commit, stamp, message = item.split("\x00", 2)
            commits.append((commit, int(stamp), message))
        return commits
