"""Lighthouse scores of the sample site on a phone: a figure to report, not a test.

    npm ci && python benchmarks/lighthouse.py [--runs N] [--keep DIR]

Builds the sample community, serves it on 127.0.0.1 under /gongshi/ (as GitHub Pages
publishes it: gzip for text, as Pages sends it), and runs npm ``lighthouse`` with the
machine's Chromium in Lighthouse's default mobile emulation (Moto G class screen,
simulated slow 4G and 4x CPU slowdown) on the home page and a ledger page. Prints the
performance and accessibility scores (the target is 95 or more for both) with the
metrics behind the performance score. Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = {"home": "", "ledger": "ledgers/parking/2025/"}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded for text when the browser accepts it (as Pages does)."""

    def log_message(self, format, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()  # other files, and the redirect of a folder to "…/"
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _metric(label: str, value: float) -> str:
    return f"{label} {value:.3f}" if label == "CLS" else f"{label} {value:.0f} ms"


def build(target: Path) -> Path:
    site = target / "gongshi"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(REPO), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr}")
    return site


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile emulation, the default) on ``url``; its JSON report."""
    result = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=performance,accessibility",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            "--no-enable-error-reporting",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    if result.returncode != 0 or not report.is_file():
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median shown)")
    parser.add_argument("--keep", type=Path, help="folder to keep the JSON reports in")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("lighthouse is not installed: run `npm ci` in the repository first")
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium is not installed: apt-get install -y chromium")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root)
        handler = functools.partial(_Handler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/gongshi/"
        reports = Path(args.keep) if args.keep else root / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        version = None
        try:
            print(f"Lighthouse, mobile emulation, {args.runs} run(s) per page, median:")
            for name, path in PAGES.items():
                runs = [
                    lighthouse(base + path, reports / f"{name}-{i + 1}.json")
                    for i in range(args.runs)
                ]
                version = runs[0]["lighthouseVersion"]
                score = {
                    category: statistics.median(
                        round(r["categories"][category]["score"] * 100) for r in runs
                    )
                    for category in ("performance", "accessibility")
                }
                metrics = ", ".join(
                    _metric(
                        label, statistics.median(r["audits"][audit]["numericValue"] for r in runs)
                    )
                    for audit, label in METRICS.items()
                )
                failed = sorted(
                    {
                        audit["id"]
                        for r in runs
                        for ref in r["categories"]["accessibility"]["auditRefs"]
                        if (audit := r["audits"][ref["id"]])["score"] is not None
                        and audit["score"] < 1
                        and ref["weight"] > 0
                    }
                )
                print(
                    f"  {name:7} /gongshi/{path:24} performance {score['performance']:>3}"
                    f"  accessibility {score['accessibility']:>3}   ({metrics})"
                )
                if failed:
                    print(f"          accessibility audits not passed: {', '.join(failed)}")
        finally:
            server.shutdown()
            server.server_close()
        print(f"Lighthouse {version}, Chromium at {CHROMIUM}; target: both scores >= 95")
        if args.keep:
            print(f"reports: {reports}")


if __name__ == "__main__":
    main()
