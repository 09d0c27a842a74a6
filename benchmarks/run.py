"""gongshi side by side with stock Frictionless, pandas and MkDocs: one Markdown table.

    python benchmarks/run.py [--sizes 10k,100k,1M] [--build-size 10k] [--build-years 10]
                             [--no-build] [--no-serve] [--repeat 3] [--timeout 1800]
                             [--workdir DIR] [--out FILE]

For each size, a synthetic project (``benchmarks/generate.py``, cached under
``--workdir``/<size> and generated only when missing) is checked in a fresh process by
(a) ``gongshi validate PROJECT --format json``, (b) the stock ``frictionless validate
PROJECT/data/datapackage.yaml --json`` and (c) pandas ``read_csv`` of the two ledger
CSVs (``dtype=str``: the floor, reading the bytes). Then ``gongshi build`` of a
``--build-years`` community is set against a plain ``mkdocs build`` (built-in ``mkdocs``
theme and MkDocs' defaults, so its own search index) of as many Markdown pages as the
gongshi site has HTML pages, each about as long as its gongshi counterpart. Last,
``gongshi serve`` of a copy of the sample: the time from saving an edited ledger row
until the served page shows it.

Wall time and peak memory (maximum resident set size of the largest process of the
command) come from GNU ``/usr/bin/time -f "%e %M"`` (Debian package ``time``); without
it, from ``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process. Each command runs
``--repeat`` times: the table shows the median time and the largest peak. A command
that runs past ``--timeout`` seconds is killed and shown as "timeout". Nothing is
fetched from the network.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATE = HERE / "generate.py"
GNU_TIME = "/usr/bin/time"
LEDGERS = ("data/ledgers/parking.csv", "data/ledgers/advertising.csv")
PANDAS_SCRIPT = """\
import sys
import pandas as pd
rows = 0
for path in sys.argv[1:]:
    rows += len(pd.read_csv(path, dtype=str, keep_default_na=False))
print(rows)
"""
# Used when /usr/bin/time is missing: a fresh process whose only child is the command,
# so RUSAGE_CHILDREN's ru_maxrss (KB on Linux) is that command's peak.
RUSAGE_WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as f:
    f.write(f"{elapsed:.2f} {peak}\\n")
sys.exit(code)
"""
# The build in-process, so that its own peak (the Python process: validate, records, site)
# is told apart from its children's (Pagefind's indexer, the QR worker).
BUILD_WRAPPER = """\
import resource, runpy, sys
sys.argv = ["builder", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("builder", run_name="__main__")
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"gongshi-peak-kb {own} {children}", file=sys.stderr)
sys.exit(code)
"""
VALIDATE_TARGET = "≥ 5× faster, memory ≤, same verdict"
GROWTH_TARGET = "≤ 12×"
BUILD_TARGET = "≤ 1.5×"
BUILD_MEMORY_MB = 200
BUILD_MEMORY_TARGET = f"≤ {BUILD_MEMORY_MB} MB"
SERVE_TARGET = "≤ 1 s"
SAMPLE_PARTS = ("data", "content", "site_templates", "mkdocs.yml")
SERVE_LEDGER = "data/ledgers/parking.csv"
# What generate.py copies from the repository that decides how the site looks.
SITE_SOURCES = ("mkdocs.yml", "content", "site_templates")


@dataclass
class Measurement:
    """One command's result.

    Attributes:
        status: "ok", "timeout", "failed" (the command itself broke) or "skipped".
        seconds: median wall time of the runs.
        peak_mb: the largest peak resident memory of the runs, in MB (1024² bytes).
        valid, errors: the verdict a validator gave, and its error count.
        own_mb, children_mb: for the build, the peak of the Python process itself and
            the largest of its children (Pagefind), in MB.
        detail: what else the command reported (rows read, pages built, why it failed).
    """

    status: str
    seconds: float | None = None
    peak_mb: float | None = None
    valid: bool | None = None
    errors: int | None = None
    own_mb: float | None = None
    children_mb: float | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def verdict(self) -> str:
        if not self.ok:
            return self.status
        if self.valid is None:
            return self.detail or "—"
        return f"{'valid' if self.valid else 'invalid'}, {self.errors} errors"


@dataclass
class Row:
    """One line of the table: gongshi against a reference."""

    check: str
    size: str
    gongshi: Measurement
    reference: str
    ref: Measurement
    target: str = "—"
    met: str = "—"
    note: str = ""


@dataclass
class Results:
    """Everything one run measured, keyed by size label."""

    rows_per_size: dict[str, int] = field(default_factory=dict)
    validate: dict[str, dict[str, Measurement]] = field(default_factory=dict)
    build: dict[str, Measurement] = field(default_factory=dict)
    serve: dict[str, Measurement] = field(default_factory=dict)
    build_label: str = ""
    pages: dict[str, int] = field(default_factory=dict)
    largest_page_kb: float | None = None


# --- running and measuring ------------------------------------------------------


def timer() -> str:
    return "GNU time" if Path(GNU_TIME).is_file() else "getrusage wrapper"


def measure_once(command: list[str], timeout: float, env: dict | None = None):
    """Run ``command`` once in a fresh process: (status, seconds, peak KB, exit code,
    stdout, stderr)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as handle:
        timing = handle.name
    if Path(GNU_TIME).is_file():
        full = [GNU_TIME, "-f", "%e %M", "-o", timing, *command]
    else:
        full = [sys.executable, "-c", RUSAGE_WRAPPER, timing, *command]
    process = subprocess.Popen(
        full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: a timeout kills the whole tree
        env=env,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        Path(timing).unlink(missing_ok=True)
        return "timeout", float(timeout), None, None, b"", b""
    lines = Path(timing).read_text().split("\n")
    Path(timing).unlink(missing_ok=True)
    # GNU time writes "Command exited with non-zero status N" before the figures.
    figures = [line for line in lines if re.fullmatch(r"[0-9.]+ [0-9]+", line.strip())]
    if not figures:
        return "failed", None, None, process.returncode, stdout, stderr
    seconds, peak_kb = figures[-1].split()
    return "ok", float(seconds), int(peak_kb), process.returncode, stdout, stderr


def measure(command, timeout, repeat, parse, env=None, prepare=None) -> Measurement:
    """Run ``command`` ``repeat`` times; ``parse(code, stdout, stderr)`` gives the verdict
    fields of a Measurement or raises ValueError when the command broke."""
    times, peaks = [], []
    result = Measurement("failed")
    for _ in range(repeat):
        if prepare:
            prepare()
        status, seconds, peak_kb, code, stdout, stderr = measure_once(command, timeout, env)
        if status == "timeout":
            return Measurement("timeout", seconds)
        try:
            if status != "ok":
                raise ValueError("no timing")
            fields = parse(code, stdout, stderr)
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            return Measurement("failed", detail=f"{exc}: {' / '.join(tail)}")
        times.append(seconds)
        peaks.append(peak_kb / 1024)
        result = Measurement("ok", **fields)
    result.seconds = statistics.median(times)
    result.peak_mb = max(peaks)
    return result


def parse_gongshi(code: int, stdout: bytes, stderr: bytes) -> dict:
    if code not in (0, 1):
        raise ValueError(f"exit code {code}")
    report = json.loads(stdout)
    return {"valid": report["valid"], "errors": len(report["errors"])}


def parse_frictionless(code: int, stdout: bytes, stderr: bytes) -> dict:
    report = json.loads(stdout)
    return {"valid": report["valid"], "errors": report["stats"]["errors"]}


def parse_pandas(code: int, stdout: bytes, stderr: bytes) -> dict:
    if code != 0:
        raise ValueError(f"exit code {code}")
    return {"detail": f"{int(stdout):,} rows read"}


def parse_build(code: int, stdout: bytes, stderr: bytes) -> dict:
    if code != 0:
        raise ValueError(f"exit code {code}")
    found = re.findall(rb"^gongshi-peak-kb ([0-9]+) ([0-9]+)$", stderr, re.M)
    if not found:
        return {}
    own, children = (int(kb) / 1024 for kb in found[-1])
    return {"own_mb": own, "children_mb": children}


def commands(project: Path) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "gongshi": [python, "-m", "builder", "validate", str(project), "--format", "json"],
        "frictionless": [
            python,
            "-m",
            "frictionless",
            "validate",
            str(project / "data/datapackage.yaml"),
            "--json",
        ],
        "pandas": [python, "-c", PANDAS_SCRIPT, *(str(project / f) for f in LEDGERS)],
    }


# --- projects -------------------------------------------------------------------


def ensure_project(workdir: Path, label: str, years: int, seed: int, timeout: float) -> Path:
    """The generated project for ``label``, generated only when missing or different."""
    project = workdir / (label if years == 10 else f"{label}-{years}y")
    marker = project / "benchmark.json"
    if marker.is_file():
        made = json.loads(marker.read_text(encoding="utf-8"))
        if (made["years"], made["seed"], made["errors"]) == (years, seed, 0):
            log(f"{label}: cached project {project}")
            return project
    if project.exists():
        shutil.rmtree(project)  # an incomplete or different generation of our own
    log(f"{label}: generating {years} years into {project} …")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(GENERATE), label, str(project), "--years", str(years),
         "--seed", str(seed)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"run.py: generating {label} failed:\n{done.stderr}")
    log(f"{label}: generated in {time.perf_counter() - started:.1f} s")
    return project


def refresh_site_sources(project: Path) -> None:
    """Give a cached project this checkout's theme, page templates and hand-written pages,
    so the build measures the code and templates being benchmarked (the generated
    records stay as they were)."""
    for part in SITE_SOURCES:
        source, target = REPO / part, project / part
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def visible_text_length(page: Path) -> int:
    """Characters of text a reader sees in the page's main content."""
    html = page.read_text(encoding="utf-8", errors="replace")
    main = re.search(r"<main\b.*?</main>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else html)
    return len(" ".join(text.split()))


def plain_project(root: Path, lengths: list[int]) -> Path:
    """A plain MkDocs project: the built-in theme with MkDocs' defaults (its search
    plugin builds a search index, as gongshi's Pagefind does), one Markdown page for
    each length (``index.md`` first) holding about that many characters of text, half
    prose and half a table, as the gongshi pages do. The nav lists the first 20 pages
    (a gongshi site's nav names its sections, not every generated page)."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True)
    sentence = "本页是基准测试生成的普通页面，篇幅与 gongshi 网站上对应的页面相近。"
    row = "| 2025-03-05 | 临时停车费 | 12.00 | 东门出口 |"  # about 30 visible characters
    names = []
    for n, length in enumerate(lengths):
        name = "index.md" if n == 0 else f"pages/{n:05d}.md"
        names.append(name)
        prose = sentence * max(1, length // 2 // len(sentence))
        rows = "\n".join([row] * max(1, length // 2 // 30))
        (docs / name).write_text(
            f"# 页面 {n}\n\n{prose}\n\n| 日期 | 类别 | 金额 | 摘要 |\n|---|---|---|---|\n{rows}\n",
            encoding="utf-8",
        )
    nav = "\n".join(f"  - '{name}'" for name in names[:20])
    (root / "mkdocs.yml").write_text(
        f"site_name: Plain MkDocs baseline\ntheme:\n  name: mkdocs\nnav:\n{nav}\n",
        encoding="utf-8",
    )
    return root


def run_build(results: Results, project: Path, args: argparse.Namespace) -> None:
    """gongshi build of the project, then a plain mkdocs build of as many pages."""
    sites = args.workdir / "sites"
    gongshi_site, plain_site = sites / "gongshi", sites / "plain"
    made = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
    refresh_site_sources(project)
    env = dict(os.environ)
    # The build date is an explicit input (DESIGN.md); the generated project has no commit.
    env["SOURCE_DATE_EPOCH"] = str(
        int(datetime.fromisoformat(made["today"]).replace(tzinfo=UTC).timestamp())
    )
    log(f"build: gongshi build {project} …")
    results.build["gongshi"] = measure(
        [sys.executable, "-c", BUILD_WRAPPER, "build", str(project),
         "--site-dir", str(gongshi_site)],
        args.timeout,
        args.repeat,
        parse_build,
        env=env,
        prepare=lambda: shutil.rmtree(gongshi_site, ignore_errors=True),
    )  # fmt: skip
    if not results.build["gongshi"].ok:
        results.build["mkdocs"] = Measurement("skipped")
        return
    pages = html_pages(gongshi_site)
    results.pages["gongshi"] = len(pages)
    results.largest_page_kb = max(p.stat().st_size for p in pages) / 1024
    # The built-in mkdocs theme adds 404.html by itself, as the gongshi theme does.
    lengths = [visible_text_length(p) for p in pages if p.name != "404.html"]
    plain = plain_project(args.workdir / "plain-mkdocs", lengths)
    log(f"build: mkdocs build of {len(lengths)} plain pages …")
    results.build["mkdocs"] = measure(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml"),
         "--site-dir", str(plain_site)],
        args.timeout,
        args.repeat,
        parse_build,
        prepare=lambda: shutil.rmtree(plain_site, ignore_errors=True),
    )  # fmt: skip
    if results.build["mkdocs"].ok:
        results.pages["mkdocs"] = len(html_pages(plain_site))


# --- gongshi serve: an edit until the preview shows it ---------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def edit_last_entry(ledger: Path, marker: str) -> int:
    """Append ``marker`` to the description of the ledger's last row; its year."""
    rows = list(csv.reader(io.StringIO(ledger.read_text(encoding="utf-8"))))
    header, last = rows[0], rows[-1]
    last[header.index("description")] += marker
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    ledger.write_text(buffer.getvalue(), encoding="utf-8")
    return int(last[header.index("date")][:4])


def wait_for(url: str, needle: bytes | None, timeout: float, process: subprocess.Popen) -> bool:
    """Poll ``url`` every 20 ms until it answers (and holds ``needle``, when given)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and process.poll() is None:
        body = fetch(url)
        if body is not None and (needle is None or needle in body):
            return True
        time.sleep(0.02)
    return False


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def measure_serve(args: argparse.Namespace) -> Measurement:
    """Start ``gongshi serve`` on a copy of the sample, wait until it serves, then
    ``--repeat`` times: edit one ledger row's description and time until the served
    page of that row's year shows the new text (polled over HTTP every 20 ms). The
    figure is everything a member of staff waits for: noticing the change, the rebuild,
    serving the page."""
    project = args.workdir / "serve-sample"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for part in SAMPLE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    site_url = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text("utf-8"), re.M)
    mount = urllib.parse.urlparse(site_url.group(1) if site_url else "/").path or "/"
    port = free_port()
    base = f"http://127.0.0.1:{port}{mount if mount.endswith('/') else mount + '/'}"
    log_file = (args.workdir / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", str(project), "--dev-addr",
         f"127.0.0.1:{port}"],
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    times: list[float] = []
    try:
        if not wait_for(base, None, args.timeout, process):
            return Measurement("failed", detail="serve did not start (see serve.log)")
        for n in range(1, args.repeat + 1):
            time.sleep(1.0)  # let the server settle after the previous rebuild
            marker = f"（基准测试修改{n}）"
            started = time.perf_counter()
            year = edit_last_entry(project / SERVE_LEDGER, marker)
            page = f"{base}ledgers/parking/{year}/"
            if not wait_for(page, marker.encode("utf-8"), 60, process):
                return Measurement("timeout", 60.0)
            times.append(time.perf_counter() - started)
        peak = peak_rss_mb(process.pid)
    finally:
        # Ctrl+C, as staff stop it: serve removes its temporary site.
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log_file.close()
    return Measurement(
        "ok", statistics.median(times), peak, detail=" / ".join(f"{t:.2f}" for t in times)
    )


def run_serve(results: Results, args: argparse.Namespace) -> None:
    """The serve rebuild, against a cold ``gongshi build`` of the same sample."""
    log("serve: gongshi serve of the sample, editing one ledger row …")
    results.serve["gongshi"] = measure_serve(args)
    site = args.workdir / "sites" / "sample"
    log("serve: gongshi build of the sample …")
    results.serve["build"] = measure(
        [sys.executable, "-m", "builder", "build", str(args.workdir / "serve-sample"),
         "--site-dir", str(site)],
        args.timeout,
        args.repeat,
        parse_build,
        prepare=lambda: shutil.rmtree(site, ignore_errors=True),
    )  # fmt: skip


# --- the table ------------------------------------------------------------------


def ratio(a: Measurement, b: Measurement, attribute: str) -> float | None:
    x, y = getattr(a, attribute), getattr(b, attribute)
    if not (a.ok and b.ok) or not x or not y:
        return None
    return x / y


def comparison_rows(results: Results) -> list[Row]:
    rows: list[Row] = []
    for label, measured in results.validate.items():
        size = f"{label} ({results.rows_per_size.get(label, 0):,} rows)"
        g, f, p = measured["gongshi"], measured["frictionless"], measured["pandas"]
        agree = "—"
        if g.ok and f.ok:
            agree = "agree" if g.valid == f.valid else "DISAGREE"
        time_ratio, memory_ratio = ratio(g, f, "seconds"), ratio(g, f, "peak_mb")
        met = "—"
        if time_ratio is not None and memory_ratio is not None:
            met = "yes" if time_ratio <= 0.2 and memory_ratio <= 1 and agree == "agree" else "no"
        rows.append(
            Row(
                "validate",
                size,
                g,
                "frictionless validate",
                f,
                VALIDATE_TARGET,
                met,
                f"{g.verdict()} · {f.verdict()} · {agree}",
            )
        )
        rows.append(Row("read floor", size, g, "pandas read_csv (ledgers)", p, note=p.verdict()))
    big, small = results.validate.get("1M"), results.validate.get("100k")
    if big and small:
        growth = ratio(big["gongshi"], small["gongshi"], "seconds")
        rows.append(
            Row(
                "cost growth",
                "1M ÷ 100k",
                big["gongshi"],
                "gongshi validate at 100k",
                small["gongshi"],
                GROWTH_TARGET,
                "—" if growth is None else ("yes" if growth <= 12 else "no"),
                "time at 1M ÷ time at 100k",
            )
        )
    if results.build:
        g, m = results.build["gongshi"], results.build["mkdocs"]
        build_ratio = ratio(g, m, "seconds")
        note = ""
        if "gongshi" in results.pages:
            note = (
                f"{results.pages['gongshi']} HTML pages · {results.pages.get('mkdocs', '?')}"
                f" HTML pages; largest gongshi page {results.largest_page_kb:.0f} KB"
            )
        rows.append(
            Row(
                "build",
                results.build_label,
                g,
                "plain mkdocs build",
                m,
                BUILD_TARGET,
                "—" if build_ratio is None else ("yes" if build_ratio <= 1.5 else "no"),
                note,
            )
        )
        if g.own_mb is not None:
            own = Measurement(g.status, g.seconds, g.own_mb)
            rows.append(
                Row(
                    "build memory",
                    results.build_label,
                    own,
                    "—",
                    Measurement("skipped"),
                    BUILD_MEMORY_TARGET,
                    "yes" if g.own_mb <= BUILD_MEMORY_MB else "no",
                    f"the Python process alone; Pagefind's indexer, its own process, "
                    f"peaked at {g.children_mb:.0f} MB",
                )
            )
    if results.serve:
        g, b = results.serve["gongshi"], results.serve["build"]
        rows.append(
            Row(
                "serve rebuild",
                "sample",
                g,
                "gongshi build of the sample",
                b,
                SERVE_TARGET,
                "—" if not g.ok else ("yes" if g.seconds <= 1 else "no"),
                f"edit of one ledger row until the served page shows it; runs: {g.detail}"
                if g.ok
                else g.detail,
            )
        )
    return rows


def cell_seconds(m: Measurement) -> str:
    if m.status == "timeout":
        return f"timeout ({m.seconds:.0f} s)"
    if not m.ok:
        return m.status
    return f"{m.seconds:.2f}" if m.seconds < 100 else f"{m.seconds:.0f}"


def cell_mb(m: Measurement) -> str:
    return f"{m.peak_mb:.0f}" if m.ok and m.peak_mb is not None else "—"


def cell_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


HEADER = (
    "check",
    "size",
    "gongshi s",
    "gongshi MB",
    "reference",
    "ref. s",
    "ref. MB",
    "time ratio",
    "memory ratio",
    "target",
    "met",
    "verdicts / notes",
)


def format_table(rows: list[Row], heading: str) -> str:
    """The heading line, then one Markdown table (ratios are gongshi ÷ reference)."""
    lines = [heading, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = (
            row.check,
            row.size,
            cell_seconds(row.gongshi),
            cell_mb(row.gongshi),
            row.reference,
            cell_seconds(row.ref),
            cell_mb(row.ref),
            cell_ratio(ratio(row.gongshi, row.ref, "seconds")),
            cell_ratio(ratio(row.gongshi, row.ref, "peak_mb")),
            row.target,
            row.met,
            row.note.replace("|", "/"),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def machine_heading(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in ("frictionless", "pandas", "mkdocs"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return (
        f"Measured {now:%Y-%m-%d %H:%M} UTC · {os.cpu_count()} CPUs ({cpu}) · {memory} · "
        f"Python {platform.python_version()} · {' · '.join(versions)} · "
        f"gongshi {gongshi_revision()} · timing by {timer()}"
    )


def gongshi_revision() -> str:
    """The checkout's commit, marked when it has uncommitted changes (read-only git)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return f"{commit}{' + uncommitted changes' if dirty else ''}"


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated (10k,100k,1M)")
    parser.add_argument("--build-size", default="10k", help="size of the built community")
    parser.add_argument("--build-years", type=int, default=10, help="years of the built one")
    parser.add_argument("--no-build", action="store_true", help="skip the build comparison")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per command")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/gongshi-bench"))
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    if not Path(GNU_TIME).is_file():
        log("no /usr/bin/time (apt-get install time); measuring with a getrusage wrapper")
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = Results()
    for label in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        project = ensure_project(args.workdir, label, 10, args.seed, args.timeout)
        made = json.loads((project / "benchmark.json").read_text(encoding="utf-8"))
        results.rows_per_size[label] = sum(made["rows"][f] for f in LEDGERS)
        measured = {}
        for tool, command in commands(project).items():
            log(f"{label}: {tool} …")
            parse = {"gongshi": parse_gongshi, "frictionless": parse_frictionless}.get(
                tool, parse_pandas
            )
            measured[tool] = m = measure(command, args.timeout, args.repeat, parse)
            log(f"{label}: {tool}: {cell_seconds(m)} s, {cell_mb(m)} MB, {m.verdict()}")
        results.validate[label] = measured
    if not args.no_build:
        project = ensure_project(
            args.workdir, args.build_size, args.build_years, args.seed, args.timeout
        )
        results.build_label = f"{args.build_size}, {args.build_years} years"
        run_build(results, project, args)
    if not args.no_serve:
        run_serve(results, args)
    table = format_table(comparison_rows(results), machine_heading())
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
