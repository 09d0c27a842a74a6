"""The worst a careless or hostile pull request can do: time and peak memory of
``gongshi validate`` on each kind of hostile input, next to the untouched sample and
to stock Frictionless on the same files.

    python benchmarks/hostile.py [--cases "WORDS;..."] [--timeout 300] [--code DIR]
                                 [--no-frictionless] [--workdir DIR] [--out FILE]

Each case is a copy of the sample community with one file made hostile (a 100,000-column
header, 100,000 bad rows, an exponent of a hundred million, a 100,000-digit amount, a
50 MB cell, a million rows with Excel-for-Mac line endings, a data file that is a FIFO,
…). Every gongshi run must end within ``--timeout`` with exit code 1 or 2 and no
traceback; the table says so per case ("ok") or shows what went wrong. ``--code``
runs another checkout's ``builder`` on its own sample (to compare before and after a
change). Figures come from ``run.py``'s ``measure_once`` (GNU time where present).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import machine_heading, measure_once

REPO = Path(__file__).resolve().parents[1]
PARTS = ("data", "content", "site_templates", "mkdocs.yml")
PARKING = "data/ledgers/parking.csv"
DECISIONS = "data/committee/decisions.yaml"
ROW = "TC-2026-{n:05d},2026-01-05,income,临时停车费,{amount},临时停车收费汇总,,"


def _append(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def wide_header(root: Path) -> None:
    path = root / PARKING
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += "," + ",".join(f"x{i}" for i in range(100_000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def many_errors(root: Path) -> None:
    _append(root / PARKING, [ROW.format(n=n, amount="abc") for n in range(100_000)])


def million_bad_keys(root: Path) -> None:
    # Every row breaks the voucher pattern and repeats one key: two million errors.
    path = root / PARKING
    header = path.read_text(encoding="utf-8").splitlines()[0]
    row = "bad,2026-01-05,income,临时停车费,1.00,汇总,,\n"  # 52 MB: just under the limit
    path.write_text(header + "\n" + row * 1_000_000, encoding="utf-8")


def huge_exponent(root: Path) -> None:
    _append(root / PARKING, [ROW.format(n=1, amount="1e999999999")])
    path = root / DECISIONS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("total_area:", "total_area: 1e99999999 #", 1), encoding="utf-8")


def huge_digits(root: Path) -> None:
    _append(root / PARKING, [ROW.format(n=1, amount="9" * 100_000 + ".5")])


def huge_cell(root: Path) -> None:
    _append(root / PARKING, [ROW.format(n=1, amount="1.00") + "x" * 50_000_000])


def excel_for_mac(root: Path) -> None:
    path = root / PARKING
    lines = path.read_text(encoding="utf-8").splitlines()
    lines += [ROW.format(n=n % 100_000, amount="1.00") for n in range(1_000_000)]
    path.write_bytes("\r".join(lines).encode("utf-8") + b"\r")


def fifo(root: Path) -> None:
    path = root / PARKING
    path.unlink()
    os.mkfifo(path)


def directory(root: Path) -> None:
    path = root / PARKING
    path.unlink()
    path.mkdir()


def nul_bytes(root: Path) -> None:
    _append(root / PARKING, [ROW.format(n=n, amount="1.00") + "\x00" * 100 for n in range(10_000)])


CASES: dict[str, Callable[[Path], None]] = {
    "sample (untouched)": lambda root: None,
    "header of 100,000 columns": wide_header,
    "100,000 rows with a bad amount": many_errors,
    "1M rows, bad voucher, one key (2M errors)": million_bad_keys,
    "exponent 1e999999999": huge_exponent,
    "amount of 100,000 digits": huge_digits,
    "one cell of 50 MB": huge_cell,
    "1M rows, CR-only line endings": excel_for_mac,
    "data file is a FIFO": fifo,
    "data file is a directory": directory,
    "10,000 rows with NUL bytes": nul_bytes,
}


def make(source: Path, workdir: Path, name: str, build: Callable[[Path], None]) -> Path:
    root = workdir / name.replace(" ", "-").replace(",", "")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for part in PARTS:
        part_path = source / part
        (shutil.copytree if part_path.is_dir() else shutil.copy2)(part_path, root / part)
    build(root)
    return root


def verdict(status: str, code: int | None, stderr: bytes) -> str:
    if status != "ok":
        return status
    if b"Traceback" in stderr:
        return "traceback"
    return "ok" if code in (1, 2) else f"exit {code}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="words of the cases to run, ';' between (default: all)")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--code", type=Path, help="a checkout whose builder to run")
    parser.add_argument("--no-frictionless", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    words = [w.strip() for w in args.cases.split(";")] if args.cases else [""]
    chosen = {name for name in CASES if any(w in name for w in words)}
    env = dict(os.environ)
    if args.code:
        env["PYTHONPATH"] = str(args.code.resolve())
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gongshi-hostile-"))
    rows = [
        "| input | gongshi | s | MB | exit | Frictionless | s | MB |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for name, build in CASES.items():
        if name not in chosen:
            continue
        root = make(args.code or REPO, workdir, name, build)
        command = [sys.executable, "-m", "builder", "validate", str(root), "--format", "json"]
        status, seconds, peak, code, _, stderr = measure_once(command, args.timeout, env)
        cells = [name, verdict(status, code, stderr), _s(seconds), _mb(peak), str(code)]
        if args.no_frictionless or name in ("data file is a FIFO",):
            cells += ["—", "", ""]  # stock Frictionless opens a FIFO and waits for ever
        else:
            peer = ["frictionless", "validate", str(root / "data/datapackage.yaml"), "--json"]
            p_status, p_seconds, p_peak, _, _, _ = measure_once(peer, args.timeout)
            cells += [p_status, _s(p_seconds), _mb(p_peak)]
        rows.append("| " + " | ".join(cells) + " |")
        print(rows[-1], file=sys.stderr, flush=True)
        shutil.rmtree(root, ignore_errors=True)
    code = f"builder from {args.code.resolve()}" if args.code else "builder from this checkout"
    table = "\n".join([machine_heading(), code, "", *rows, ""])
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


def _s(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:.2f}"


def _mb(peak_kb: int | None) -> str:
    return "" if peak_kb is None else f"{peak_kb / 1024:.0f}"


if __name__ == "__main__":
    raise SystemExit(main())
