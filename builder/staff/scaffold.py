"""Scaffolding for staff: ``gongshi init`` (a new community repository) and
``gongshi new`` (the next record, ready to fill in).

Everything a new repository needs ships in the package: ``scaffold/`` links to this
repository's own schemas, page templates and legal pages (so they cannot drift apart)
and holds the community repository's own workflows (which install the gongshi pinned in
its requirements.txt, not a checkout of the tool as this repository's CI does);
``templates/`` holds the community-specific starting files.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import jinja2

from builder import __version__
from builder.core import resources as R
from builder.core.model import WHOLE_COMMUNITY
from builder.core.problems import ConfigError, Problem
from builder.load.csv import read_csv
from builder.load.documents import read_yaml
from builder.load.project import ACCOUNTS, Project, Resource, open_project
from builder.load.table import Table
from builder.messages.commands import ISSUER_HINT
from builder.site.templating import make_environment
from builder.staff.writing import write_atomically

INDEX = "index"  # install gongshi from PyPI
REQUIREMENTS = "requirements.txt"  # the community's pin, which its workflows install
WHEELS = "wheels"  # where a wheel install source is kept in the community repository
NOTICE_DAYS = 7  # a typical public period, start and end day included
# YAML and CSV scaffolds: nothing is HTML, and the values are the tool's own.
_ENV = make_environment(jinja2.PackageLoader("builder.staff", "templates"), autoescape=False)


def scaffold_root() -> Path:
    """The project every new community starts from, shipped in the package: its data
    package and Table Schemas are the standard ones (the city harvest checks with them)."""
    return Path(str(resources.files("builder.staff").joinpath("scaffold")))


@dataclass(frozen=True)
class InitOptions:
    """What ``gongshi init`` needs to know of the new community.

    Attributes:
        name: the short name (页眉、“某某业主委员会”).
        full_name: the full name the home page and print notices carry; None leaves a
            fill-in hint (the build stops until it is filled).
        site_url: the site's public address (QR codes, links).
        install_from: where the community's workflows install gongshi from: "index"
            (PyPI), another package index's URL, a ``git+`` URL, or a wheel file.
    """

    name: str
    full_name: str | None
    site_url: str
    install_from: str = INDEX


def init_project(target: Path, options: InitOptions, today: date) -> list[Path]:
    """Create a new community repository at ``target``; returns the files written.

    Refuses a directory that already has files (a git repository's ``.git`` aside: a
    clone of a new, empty repository), so nothing of a staff member's is lost; refuses
    an install source it cannot pin before writing anything.
    """
    if target.exists() and (not target.is_dir() or any(p.name != ".git" for p in target.iterdir())):
        raise ConfigError("init-not-empty", path=str(target))
    pin = install_pin(options.install_from, __version__)
    try:
        _write_project(target, options, pin, today)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ConfigError("init-unwritable", path=str(target), detail=detail) from exc
    return sorted(p for p in target.rglob("*") if p.is_file() and ".git" not in p.parts[:-1])


@dataclass(frozen=True)
class InstallPin:
    """How a community repository installs the gongshi it is built with.

    Attributes:
        requirement: the line of requirements.txt that names gongshi and its version.
        index_url: another package index than PyPI, or None.
        wheel: a wheel file to copy into the repository (to ``WHEELS``), or None.
    """

    requirement: str
    index_url: str | None = None
    wheel: Path | None = None


def install_pin(source: str, version: str) -> InstallPin:
    """The pin for an install source (see InitOptions.install_from); ConfigError for a
    source that is none of them, or a wheel file that is not there."""
    if source == INDEX:
        return InstallPin(f"gongshi=={version}")
    if source.startswith("git+"):
        # A ref after the repository's path is kept; else the release's tag.
        ref = "" if "@" in source.rsplit("/", 1)[-1] else f"@v{version}"
        return InstallPin(f"gongshi @ {source}{ref}")
    if source.endswith(".whl"):
        wheel = Path(source)
        if not wheel.is_file():
            raise ConfigError("init-no-wheel", path=source)
        return InstallPin(f"./{WHEELS}/{wheel.name}", wheel=wheel)
    if source.startswith(("https://", "http://")):
        return InstallPin(f"gongshi=={version}", index_url=source)
    raise ConfigError("init-install-source", source=source)


def site_url_of_remote(target: Path) -> str | None:
    """The GitHub Pages address of the repository ``target`` was cloned from
    (``https://github.com/ORG/REPO`` -> ``https://ORG.github.io/REPO/``), if any."""
    try:
        remote = subprocess.run(
            ["git", "-C", str(target), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.fullmatch(
        r"(?:https://github\.com/|git@github\.com:)([\w.-]+)/([\w.-]+?)(?:\.git)?/?", remote
    )
    if not found:
        return None
    owner, repo = found.group(1).lower(), found.group(2)
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def _write_project(target: Path, options: InitOptions, pin: InstallPin, today: date) -> None:
    scaffold = scaffold_root()
    for part in ("site_templates", "content", "data/schemas", ".github/workflows"):
        shutil.copytree(scaffold / part, target / part, dirs_exist_ok=True)
    shutil.copy2(scaffold / "data/datapackage.yaml", target / "data/datapackage.yaml")
    if pin.wheel is not None:
        (target / WHEELS).mkdir(parents=True, exist_ok=True)
        shutil.copy2(pin.wheel, target / WHEELS / pin.wheel.name)
    context = {
        "name": options.name,
        "full_name": options.full_name,
        "site_url": options.site_url,
        "today": today.isoformat(),
        "year": today.year,
        "pin": pin,
        "version": __version__,
    }
    files = {
        "mkdocs.yml": "init/mkdocs.yml.j2",
        "data/community.yaml": "init/community.yaml.j2",
        ACCOUNTS: "init/accounts.yaml.j2",
        REQUIREMENTS: "init/requirements.txt.j2",
    }
    for relpath, template in files.items():
        (target / relpath).parent.mkdir(parents=True, exist_ok=True)
        (target / relpath).write_text(_ENV.get_template(template).render(context), encoding="utf-8")
    (target / ".gitignore").write_text("/site/\n.gongshi-staging-*\n", encoding="utf-8")
    # One empty file per resource: a CSV header, or an empty YAML list.
    for resource in open_project(target).resources:
        path = target / resource.file
        path.parent.mkdir(parents=True, exist_ok=True)
        if resource.format == "csv":
            path.write_text(",".join(resource.schema.names) + "\n", encoding="utf-8")
        else:
            path.write_text(
                _ENV.get_template("init/records.yaml.j2").render(
                    title=resource.title, schema=resource.schema_file.removeprefix("data/")
                ),
                encoding="utf-8",
            )


@dataclass(frozen=True)
class NewRecord:
    """A record to fill in.

    Attributes:
        file: the file it goes into.
        text: the record, ready to append.
    """

    file: Path
    text: str


def _next_id(existing: list[str], prefix: str, width: int) -> str:
    numbers = [
        int(m.group(1))
        for value in existing
        # ASCII digits within the number reader's bound: int() of a 5,000-digit id fails.
        if (m := re.fullmatch(rf"{re.escape(prefix)}([0-9]{{1,15}})", value))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def _yaml_list(root: Path, relpath: str) -> tuple[list[dict] | None, list[Problem]]:
    """The records of a YAML list, read as ``validate`` reads them (the one decoder, the
    safe loader); None and the problems when the file cannot be read."""
    doc, problems = read_yaml(root, relpath)
    if doc is None:
        return None, problems
    data = doc.data
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else [], []


def _resource(project: Project, name: str) -> Resource:
    resource = project.resource(name)
    if resource is None:
        raise ConfigError("new-no-resource", resource=name)
    return resource


def new_record(
    project_dir: Path, kind: str, today: date, account: str = "parking"
) -> tuple[NewRecord | None, list[Problem]]:
    """The next decision, ledger entry or notice, with the next free id and today's date.

    The file it goes into is read as ``validate`` reads it: when it cannot be (not
    UTF-8, a syntax error, missing), no record and the problems that say why.
    """
    project = open_project(project_dir)
    root = project.root
    if kind == "decision":
        file = _resource(project, R.DECISIONS).file
        records, problems = _yaml_list(root, file)
        if records is None:
            return None, problems
        # The last whole-community vote's totals: a vote of some buildings has its own.
        whole = (None, WHOLE_COMMUNITY)
        assembly = [
            r
            for r in records
            if r.get("body") == "owners_assembly" and r.get("voting_scope") in whole
        ]
        last = assembly[-1] if assembly else {}
        text = _ENV.get_template("new_decision.yaml.j2").render(
            id=_next_id([str(r.get("id")) for r in records], f"JY-{today.year}-", 2),
            today=today.isoformat(),
            total_area=last.get("total_area", "0.00"),
            total_owners=last.get("total_owners", 0),
        )
        return NewRecord(root / file, text), []
    if kind == "notice":
        file = _resource(project, R.BRANCH_NOTICES).file
        records, problems = _yaml_list(root, file)
        if records is None:
            return None, problems
        issuer = records[-1]["issuer"] if records and records[-1].get("issuer") else ISSUER_HINT
        text = _ENV.get_template("new_notice.yaml.j2").render(
            id=_next_id([str(r.get("id")) for r in records], f"GS-{today.year}-", 2),
            today=today.isoformat(),
            end=(today + timedelta(days=NOTICE_DAYS - 1)).isoformat(),
            issuer=issuer,
        )
        return NewRecord(root / file, text), []
    if kind == "entry":
        resource = project.resource(R.ledger_resource(account))
        if resource is None:
            raise ConfigError("new-unknown-account", account=account)
        table, problems = read_csv(root, resource.file)
        if table is None:
            return None, problems
        vouchers = _column(table, "voucher")
        prefixes = [v.rsplit("-", 2)[0] for v in vouchers if v.count("-") == 2]
        code = prefixes[-1] if prefixes else account[:2].upper()
        voucher = _next_id(vouchers, f"{code}-{today.year}-", 3)
        row = {"voucher": voucher, "date": today.isoformat(), "type": "income", "amount": "0.00"}
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(
            [row.get(name, "") for name in resource.schema.names]
        )
        return NewRecord(root / resource.file, buffer.getvalue()), []
    raise ConfigError("new-unknown-kind", kind=kind)


def _column(table: Table, name: str) -> list[str]:
    """The cells of one column, as read ("" where a row is short of it)."""
    if name not in table.header:
        return []
    index = table.header.index(name)
    return [str(row[index]) if index < len(row) else "" for row in table.rows]


def append_record(record: NewRecord) -> None:
    """Append the record to its file (only with --write), keeping the file's last newline.

    ``new_record`` has read the file as UTF-8 already; raises ConfigError when it cannot
    be written.
    """
    try:
        text = record.file.read_text(encoding="utf-8")
        if text.strip() == "[]" or text.rstrip().endswith("\n[]"):
            text = text.rstrip()[: -len("[]")]  # the empty list of a new project gives way
        if text and not text.endswith("\n"):
            text += "\n"
        write_atomically(record.file, (text + record.text).encode("utf-8"))
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ConfigError("new-write-failed", file=str(record.file), detail=detail) from exc
