"""The city benchmark: harvest N communities' published sites from a local HTTP server,
query and build the city index, and print a table like ``run.py``'s.

    python benchmarks/city.py [--sizes 100,1000] [--shards 1,4] [--rows 10k]
        [--variants 3] [--jobs 2] [--workdir /tmp/gongshi-city-bench] [--out FILE]
        [--no-build]

The communities. Building 1,000 full sites would take most of an hour, so the
generator writes the folders a build publishes (``downloads/`` and ``feeds/``) from a
few real builds: ``--variants`` projects of ``--rows`` ledger rows (``generate.py``,
seeds 1, 2, ...) are each built once with ``gongshi build``, and community ``i`` gets
the published files of variant ``i mod variants`` (hard links, so N communities cost
little disk), with its own ``provenance.json`` (a commit made from its id) and the
``SHA256SUMS`` line of that file: exactly what a build of the same records at another
commit publishes. ``check_generated`` compares a few generated folders with their
variant's real build, file by file. Some communities fail on purpose: every 20th is
tampered (a ledger amount changed after the build, checksums left as they were) and
every 25th is unreachable (registered, not served).

The runs. For each N and shard count: a cold harvest into an empty DIR (the shards
run at the same time, each a ``gongshi city harvest --shard K/N`` process with
``--jobs`` into a DIR of its own, then copied together into one DIR as the city
workflow's merge job does; the copy is timed too), then a harvest of the unchanged
sites into the same DIRs; then the city
overview's queries (``builder.city.queries``) over the single-shard DIR, and, unless
``--no-build``, ``gongshi city build``. Peak memory is the largest resident set of any
one process of a run (``os.wait4``). The tests never assert on these figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "benchmarks" / "generate.py"
# A fixed build day for the variants and the harvests: the same bytes on every run.
EPOCH = "1764460800"  # 2025-11-30 00:00 UTC
TODAY = "2025-11-30"
DISTRICTS = ("临溪区", "江北区", "南湖区", "西岭区", "东港区")
TAMPERED_EVERY = 20
UNREACHABLE_EVERY = 25
# The overview's queries (builder/city/queries.py), each timed alone.
OVERVIEW = ("communities", "streets", "duties", "overdue", "ranking", "harvests")
TARGETS = {
    "cold": ("harvest, cold", 600.0, "≤ 10 min for 1,000"),
    "unchanged": ("harvest, unchanged", 60.0, "≤ 1 min for 1,000"),
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}


# --- the communities ---------------------------------------------------------------------


def build_variants(workdir: Path, rows: str, count: int) -> list[Path]:
    """``count`` real builds of generated projects: their sites' folders."""
    sites = []
    for seed in range(1, count + 1):
        project = workdir / "variants" / f"project-{seed}"
        site = workdir / "variants" / f"site-{seed}"
        if not (site / "downloads" / "SHA256SUMS").is_file():
            log(f"generating and building variant {seed} ({rows} ledger rows)")
            shutil.rmtree(project, ignore_errors=True)
            subprocess.run(
                [sys.executable, str(GENERATE), rows, str(project), "--seed", str(seed),
                 "--today", TODAY],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run(
                [sys.executable, "-m", "builder", "build", str(project), "--site-dir", str(site)],
                check=True, capture_output=True, env=env(),
            )  # fmt: skip
        sites.append(site)
    return sites


def community_id(n: int) -> str:
    return f"c{n:05d}"


def generate_community(web: Path, variant: Path, n: int) -> None:
    """Community ``n``'s published folders under ``web``, from ``variant``'s build."""
    target = web / community_id(n)
    if target.exists():
        shutil.rmtree(target)
    for part in ("downloads", "feeds"):
        for source in sorted((variant / part).rglob("*")):
            if source.is_file():
                destination = target / part / source.relative_to(variant / part)
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, destination)
    downloads = target / "downloads"
    provenance = json.loads((variant / "downloads/provenance.json").read_text(encoding="utf-8"))
    provenance["commit"] = hashlib.sha1(community_id(n).encode()).hexdigest()
    _replace(downloads / "provenance.json", json.dumps(provenance, indent=2) + "\n")
    if n % TAMPERED_EVERY == TAMPERED_EVERY - 1:  # changed on the host after the build
        ledger = downloads / "ledger-parking.csv"
        text = ledger.read_text(encoding="utf-8")
        head, first, rest = text.split("\n", 2)
        cells = first.split(",")
        amount = head.split(",").index("amount")
        cells[amount] = "1.00" if cells[amount] != "1.00" else "2.00"
        _replace(ledger, "\n".join([head, ",".join(cells), rest]))
    sums = downloads / "SHA256SUMS"
    digest = hashlib.sha256((downloads / "provenance.json").read_bytes()).hexdigest()
    lines = [
        f"{digest}  provenance.json" if line.endswith("  provenance.json") else line
        for line in sums.read_text(encoding="utf-8").splitlines()
    ]
    _replace(sums, "\n".join(lines) + "\n")


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a file of its own (never through a hard link)."""
    path.unlink()
    path.write_text(text, encoding="utf-8")


def check_generated(web: Path, variants: list[Path], sample: list[int]) -> int:
    """Compare generated communities with their variant's real build: every file the
    same bytes but provenance.json (its commit) and SHA256SUMS (that file's line).
    Returns the number of files compared."""
    compared = 0
    for n in sample:
        variant = variants[n % len(variants)]
        folder = web / community_id(n)
        for part in ("downloads", "feeds"):
            built = sorted(
                p.relative_to(variant) for p in (variant / part).rglob("*") if p.is_file()
            )
            made = sorted(p.relative_to(folder) for p in (folder / part).rglob("*") if p.is_file())
            assert built == made, (n, part)
            for relative in built:
                if relative.name in ("provenance.json", "SHA256SUMS"):
                    continue
                if (
                    n % TAMPERED_EVERY == TAMPERED_EVERY - 1
                    and relative.name == "ledger-parking.csv"
                ):
                    continue
                assert (variant / relative).read_bytes() == (folder / relative).read_bytes()
                compared += 1
        real = json.loads((variant / "downloads/provenance.json").read_text(encoding="utf-8"))
        mine = json.loads((folder / "downloads/provenance.json").read_text(encoding="utf-8"))
        assert {**mine, "commit": real["commit"]} == real
    return compared


def write_registry(path: Path, count: int, base: str) -> None:
    lines = []
    for n in range(count):
        district = DISTRICTS[n % len(DISTRICTS)]
        street = f"第{(n // len(DISTRICTS)) % 4 + 1}街道"
        lines += [
            f"- id: {community_id(n)}",
            f"  name: 第{n + 1}小区",
            f"  district: {district}",
            f"  street: {district}{street}",
            f"  contact: 0123-{n:04d} 0000",
            f"  url: {base}/{community_id(n)}/",
            f"  households: {600 + (n * 37) % 1800}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the runs ---------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float
    counts: dict[str, int]


def run_processes(commands: list[list[str]]) -> Run:
    """Run ``commands`` at the same time; wall time, the largest peak RSS, the statuses."""
    started = time.monotonic()
    processes = []
    for command in commands:
        out = open(os.devnull, "wb")  # noqa: SIM115
        stdout = subprocess.PIPE
        processes.append(subprocess.Popen(command, stdout=stdout, stderr=out, env=env()))
    peak = 0
    counts: dict[str, int] = {}
    outputs = {p.pid: p.stdout.read() for p in processes}  # type: ignore[union-attr]
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"{process.args} failed with {process.returncode}")
        peak = max(peak, usage.ru_maxrss)
        for status_name, count in json.loads(outputs[process.pid])["counts"].items():
            counts[status_name] = counts.get(status_name, 0) + count
    return Run(time.monotonic() - started, peak / 1024, dict(sorted(counts.items())))


def harvest_commands(registry: Path, out: Path, shards: int, jobs: int) -> list[list[str]]:
    """One ``gongshi city harvest`` per shard, each into its own DIR (``shard_dir``), as
    the jobs of a CI matrix do; ``merge`` then puts them together."""
    return [
        [sys.executable, "-m", "builder", "city", "harvest", str(registry),
         "--out", str(shard_dir(out, k, shards)), "--shard", f"{k}/{shards}",
         "--jobs", str(jobs), "--format", "json"]
        for k in range(1, shards + 1)
    ]  # fmt: skip


def shard_dir(out: Path, k: int, shards: int) -> Path:
    return out if shards == 1 else out.with_name(f"{out.name}.shard-{k}")


def merge(out: Path, shards: int) -> float:
    """Put the shards' DIRs together into ``out`` (as the city workflow's merge job
    downloads every shard's artifact into one folder); its seconds."""
    started = time.monotonic()
    if shards > 1:
        shutil.rmtree(out, ignore_errors=True)
        for k in range(1, shards + 1):
            shutil.copytree(shard_dir(out, k, shards), out, dirs_exist_ok=True)
    return time.monotonic() - started


def time_queries(out: Path) -> dict[str, float]:
    """Seconds of each overview query over DIR (a fresh connection, views included)."""
    sys.path.insert(0, str(REPO))
    from builder.city import queries

    timings = {}
    started = time.monotonic()
    with queries.open_city(out) as city:
        timings["open"] = time.monotonic() - started
        for name in OVERVIEW:
            if name not in queries.QUERIES:
                continue
            started = time.monotonic()
            queries.run(city, name)
            timings[name] = time.monotonic() - started
    return timings


def time_build(out: Path, site: Path) -> Run:
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "city", "build", str(out), "--site-dir", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env(),
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"city build failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return Run(time.monotonic() - started, usage.ru_maxrss / 1024, {})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def table(rows: list[list[str]]) -> str:
    header = ["N", "shards", "run", "seconds", "per community (ms)", "peak MB", "result", "target"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--shards", default="1,4")
    parser.add_argument("--rows", default="10k")
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", default="/tmp/gongshi-city-bench")
    parser.add_argument("--out")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    shard_counts = [int(s) for s in args.shards.split(",")]
    workdir = Path(args.workdir)
    variants = build_variants(workdir, args.rows, args.variants)
    web = workdir / "web"
    largest = max(sizes)
    log(f"generating {largest} communities' published folders")
    web.mkdir(parents=True, exist_ok=True)
    for n in range(largest):
        if n % UNREACHABLE_EVERY != UNREACHABLE_EVERY - 1:
            generate_community(web, variants[n % len(variants)], n)
        elif (web / community_id(n)).exists():
            shutil.rmtree(web / community_id(n))
    sample = [0, 1, 2, TAMPERED_EVERY - 1]
    log(f"checked against the real builds: {check_generated(web, variants, sample)} files equal")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(web)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    rows: list[list[str]] = []
    try:
        time.sleep(1)
        for size in sizes:
            registry = workdir / f"registry-{size}.yaml"
            write_registry(registry, size, f"http://127.0.0.1:{port}")
            for shards in shard_counts:
                out = workdir / f"DIR-{size}-{shards}"
                for k in range(1, shards + 1):
                    shutil.rmtree(shard_dir(out, k, shards), ignore_errors=True)
                for kind in ("cold", "unchanged"):
                    log(f"N={size} shards={shards}: {kind} harvest")
                    found = run_processes(harvest_commands(registry, out, shards, args.jobs))
                    found.seconds += merge(out, shards)
                    label, limit, target = TARGETS[kind]
                    # The targets are for N = 1,000; smaller runs are shown, not judged.
                    verdict = (
                        "" if size < 1000 else " (met)" if found.seconds <= limit else " (MISSED)"
                    )
                    rows.append([
                        f"{size:,}", str(shards), label, f"{found.seconds:.1f}",
                        f"{1000 * found.seconds / size:.0f}", f"{found.peak_mb:.0f}",
                        ", ".join(f"{n} {s}" for s, n in found.counts.items()),
                        f"{target}{verdict}",
                    ])  # fmt: skip
                    print(table(rows[-1:]).splitlines()[-1], flush=True)
            out = (
                workdir / f"DIR-{size}-1"
                if 1 in shard_counts
                else workdir / f"DIR-{size}-{shard_counts[0]}"
            )
            timings = time_queries(out)
            slowest = max(timings.values())
            rows.append([
                f"{size:,}", "-", "overview queries", f"{sum(timings.values()):.2f}",
                "-", "-", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()),
                f"≤ 1 s each ({'met' if slowest <= 1 else 'MISSED'})",
            ])  # fmt: skip
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            if not args.no_build:
                log(f"N={size}: city build")
                built = time_build(out, workdir / f"site-{size}")
                rows.append([
                    f"{size:,}", "-", "city build", f"{built.seconds:.1f}",
                    f"{1000 * built.seconds / size:.0f}", f"{built.peak_mb:.0f}", "-", "-",
                ])  # fmt: skip
                print(table(rows[-1:]).splitlines()[-1], flush=True)
    finally:
        server.terminate()
        server.wait()
    text = table(rows)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
