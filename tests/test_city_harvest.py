"""The city harvest (builder/city: registry, fetch, verify, harvest): communities built
from the sample, served on 127.0.0.1, harvested into DIR — every failure class, the
incremental re-harvest, the last good copy kept, shards merged equal to one harvest.

The sample site is built once (the ``site`` fixture: these tests are slow); each
community is a copy of its published files, some changed as a failing site would be.
A change "re-signed" also rewrites SHA256SUMS and the data package's hashes, as a site
that certifies its own data would: only the standard schemas can catch it.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, tree_digest

from builder.city.fetch import MB, Limits
from builder.city.harvest import Shard, harvest
from builder.city.registry import read_registry
from builder.pipeline import build_project

DAY = date(2026, 12, 1)
LATER = date(2026, 12, 2)
EPOCH_DAY = "1764547200"  # 2025-12-01 00:00 UTC: 2025-12-01 in China
# 20 MB of zeros in some 20 KB of gzip, made once: sent, it must never be held whole.
BOMB = gzip.compress(b"0" * (20 * MB), compresslevel=9)
SERVED = ("datapackage.json", "SHA256SUMS", "provenance.json", "calendar.json")


# --- the communities ------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample community's site, built once."""
    target = tmp_path_factory.mktemp("sample") / "site"
    build_project(Path(__file__).resolve().parents[1], target)
    return target


def community(root: Path, site: Path, name: str) -> Path:
    """A copy of the built site's published files (downloads/ and feeds/) at root/name."""
    folder = root / name
    shutil.copytree(site / "downloads", folder / "downloads")
    shutil.copytree(site / "feeds", folder / "feeds")
    return folder


def resign(folder: Path) -> None:
    """Rewrite the data package's hashes and SHA256SUMS to match the files as they are."""
    downloads = folder / "downloads"
    package_file = downloads / "datapackage.json"
    package = json.loads(package_file.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        content = (downloads / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
    package_file.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    sums = downloads / "SHA256SUMS"
    lines = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        path = line.split("  ", 1)[1]
        digest = hashlib.sha256((downloads / path).read_bytes()).hexdigest()
        lines.append(f"{digest}  {path}")
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_amount(folder: Path) -> str:
    """The first ledger row's amount cell of the parking ledger."""
    lines = (folder / "downloads/ledger-parking.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    return lines[1].split(",")[header.index("amount")]


# --- a server on 127.0.0.1 --------------------------------------------------------------


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the communities' folders; a few paths behave as hostile sites do."""

    log: list[tuple[str, dict[str, str]]]
    port: int

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        self.log.append((self.path, dict(self.headers)))
        name = self.path.strip("/").split("/", 1)[0]
        rest = self.path.split("/", 2)[2] if self.path.count("/") >= 2 else ""
        if name == "slow":
            time.sleep(2)
        elif name == "away":  # to another host: localhost is not 127.0.0.1
            return self._redirect(f"http://localhost:{self.port}/good-a/{rest}")
        elif name == "moved":  # within the same host: followed
            return self._redirect(f"/good-a/{rest}")
        elif name == "bomb" and rest == "downloads/SHA256SUMS":
            return self._bomb()
        elif name == "etag" and rest == "downloads/SHA256SUMS":
            return self._etag(Path(self.directory) / name / rest)
        elif name == "huge" and rest == "downloads/SHA256SUMS":
            self.send_response(200)
            self.send_header("Content-Length", str(100 * MB))
            self.end_headers()
            return None
        return super().do_GET()

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _etag(self, file: Path) -> None:
        """SHA256SUMS with an ETag (and no Last-Modified), honouring If-None-Match."""
        body = file.read_bytes()
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _bomb(self) -> None:
        body = BOMB
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Path, str, list]]:
    """(root folder, base URL, request log) of a threaded server on 127.0.0.1."""
    root = tmp_path / "web"
    root.mkdir()
    log: list = []

    def handler(*args, **kwargs):
        return Handler(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # A client that hangs up early (a refused bomb, a time-out) is the test's point, not
    # the server's error: not printed into the captured output of the command.
    server.handle_error = lambda request, address: None  # type: ignore[method-assign]
    Handler.log = log
    Handler.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()


def registry(path: Path, entries: list[dict[str, str]]) -> Path:
    lines = []
    for entry in entries:
        base = {"name": f"{entry['id']} 小区", "district": "临溪区", "street": "某街道"}
        base |= {"contact": "0123-0000 0000", **entry}
        lines.append(
            "- " + "\n  ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in base.items())
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(out: Path, ident: str) -> dict:
    return json.loads((out / "communities" / ident / "harvest.json").read_text(encoding="utf-8"))


def harvest_cli(registry_file: Path, out: Path, *extra: str, monkeypatch=None) -> dict:
    result = cli(
        "city", "harvest", str(registry_file), "--out", str(out), "--format", "json", *extra
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return json.loads(result.stdout)


def harvested_once(root: Path, base: str, site: Path, tmp_path: Path):
    """One served community, "good-a", harvested once on DAY: (its folder on the
    server, the registry's communities, DIR)."""
    folder = community(root, site, "good-a")
    entries = [{"id": "good-a", "url": f"{base}/good-a/"}]
    communities, _ = read_registry(registry(tmp_path / "r.yaml", entries))
    out = tmp_path / "DIR"
    harvest(communities, out, today=DAY)
    return folder, communities, out


def tables_of(out: Path, ident: str) -> list[str]:
    return sorted(p.parent.name for p in (out / "tables").glob(f"*/{ident}.parquet"))


# --- the registry -----------------------------------------------------------------------


def test_registry_errors_name_the_file_line_and_field(tmp_path):
    file = tmp_path / "registry.yaml"
    file.write_text(
        "- id: a\n"  # 1
        "  name: 甲\n"
        "  district: 临溪区\n"
        "  street: 某街道\n"
        "  contact: x\n"
        "  url: https://a.example.org/\n"
        "- id: a\n"  # 7: the id again
        "  name: 乙\n"
        "  district: 临溪区\n"
        "  street: 某街道\n"
        "  contact: x\n"
        "  url: ftp://b.example.org/\n"  # 12: not http(s)
        "- id: Bad Id\n"  # 13
        "  district: 临溪区\n"  # no name, no street
        "  contact: x\n"
        "  path: sites/c\n"
        "  households: many\n",  # 17
        encoding="utf-8",
    )
    result = cli("city", "harvest", str(file), "--out", str(tmp_path / "out"), "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    errors = {(e["code"], e["line"], e["field"]) for e in json.loads(result.stdout)["errors"]}
    assert errors == {
        ("city-registry-duplicate-id", 7, "id"),
        ("city-registry-bad-url", 12, "url"),
        ("city-registry-bad-id", 13, "id"),
        ("missing-field", 13, "name"),
        ("missing-field", 13, "street"),
        ("city-registry-bad-households", 17, "households"),
    }
    assert all(e["file"] == "registry.yaml" for e in json.loads(result.stdout)["errors"])
    assert "社区名册有错误" in result.stderr and "nothing was harvested" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_registry_entry_needs_exactly_one_of_url_and_path(tmp_path):
    file = registry(
        tmp_path / "r.yaml",
        [{"id": "both", "url": "https://x.example/", "path": "x"}, {"id": "neither"}],
    )
    _, problems = read_registry(file)
    assert [(p.code, p.line) for p in problems] == [
        ("city-registry-url-or-path", 1),
        ("city-registry-url-or-path", 8),
    ]
    assert "url" in problems[0].message and "path" in problems[0].message_en


@pytest.mark.parametrize("shard", ["0/4", "5/4", "x", "1/0"])
def test_a_bad_shard_is_a_usage_error(tmp_path, shard):
    file = registry(tmp_path / "r.yaml", [{"id": "a", "url": "https://x.example/"}])
    result = cli("city", "harvest", str(file), "--out", str(tmp_path / "o"), "--shard", shard)
    assert result.returncode == 2
    assert "K/N" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_bad_jobs_are_a_usage_error(tmp_path):
    file = registry(tmp_path / "r.yaml", [{"id": "a", "url": "https://x.example/"}])
    result = cli("city", "harvest", str(file), "--out", str(tmp_path / "o"), "--jobs", "0")
    assert result.returncode == 2 and "--jobs" in result.stderr


def test_a_missing_registry_is_a_usage_error(tmp_path):
    result = cli("city", "harvest", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "none.yaml" in result.stderr


def test_shards_split_the_registry_stably():
    ids = [f"community-{n}" for n in range(400)]
    shards = [Shard(k, 4) for k in range(1, 5)]
    held = [[i for i in ids if s.holds(i)] for s in shards]
    assert sorted(i for h in held for i in h) == sorted(ids)  # each id in exactly one shard
    assert all(60 < len(h) < 140 for h in held)  # roughly a quarter each
    # Adding communities moves none of the others.
    assert [i for i in ids if shards[0].holds(i)] == [
        i for i in [*ids, "new"] if shards[0].holds(i) and i != "new"
    ]


# --- harvesting ---------------------------------------------------------------------------


def test_harvest_of_served_communities_flags_each_failure_and_stores_only_good_copies(
    site, served, tmp_path, monkeypatch
):
    root, base, _ = served
    for name in ("good-a", "good-b", "tampered", "invalid", "differs"):
        community(root, site, name)
    # Tampered: a ledger changed on the host after the build.
    edit(root / "tampered/downloads/ledger-parking.csv", first_amount(root / "tampered"), "1.00")
    # Invalid: an amount that is not a number, re-signed: its checksums all match.
    edit(root / "invalid/downloads/ledger-parking.csv", first_amount(root / "invalid"), "many")
    resign(root / "invalid")
    # Schema differs: the site relaxed a type in its own published schema, re-signed.
    package = root / "differs/downloads/datapackage.json"
    text = package.read_text(encoding="utf-8")
    described = json.loads(text)
    parking = next(r for r in described["resources"] if r["name"] == "ledger-parking")
    amount = next(f for f in parking["schema"]["fields"] if f["name"] == "amount")
    amount["type"] = "string"
    package.write_text(json.dumps(described, ensure_ascii=False, indent=2) + "\n", "utf-8")
    resign(root / "differs")
    names = ["good-a", "good-b", "tampered", "invalid", "differs"]
    entries = [{"id": n, "url": f"{base}/{n}/"} for n in names]
    entries.append({"id": "gone", "url": f"{base}/gone/"})  # 404 everywhere
    entries.append({"id": "closed", "url": "http://127.0.0.1:9/"})  # nothing listens
    entries.append({"id": "local", "path": str(community(tmp_path, site, "local"))})
    file = registry(tmp_path / "registry.yaml", entries)
    out = tmp_path / "DIR"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DAY)
    found = harvest_cli(file, out, "--jobs", "3")

    statuses = {c["id"]: c["status"] for c in found["communities"]}
    assert statuses == {
        "good-a": "ok",
        "good-b": "ok",
        "tampered": "tampered",
        "invalid": "invalid",
        "differs": "schema-differs",
        "gone": "unreachable",
        "closed": "unreachable",
        "local": "ok",
    }
    assert found["harvested"] == "2025-12-01"
    assert found["counts"] == {
        "invalid": 1,
        "ok": 3,
        "schema-differs": 1,
        "tampered": 1,
        "unreachable": 2,
    }
    reasons = {
        c["id"]: [(r["code"], r["file"]) for r in c["reasons"]] for c in found["communities"]
    }
    assert reasons["tampered"] == [("city-tampered", "ledger-parking.csv")]
    assert reasons["invalid"] == [("city-invalid-data", "ledger-parking.csv")]
    assert ("city-schema-differs", "ledger-parking.csv") in reasons["differs"]

    good = read(out, "good-a")
    provenance = json.loads((site / "downloads/provenance.json").read_text(encoding="utf-8"))
    assert good["status"] == "ok" and good["last_good"] == "2025-12-01"
    assert good["site_built"] == provenance["build_date"] and good["commit"] == provenance["commit"]
    assert good["url"] == f"{base}/good-a/" and good["path"] is None
    # The verified copy, byte for byte the site's, and its tables.
    published = out / "communities/good-a/published"
    for name in (*SERVED, "ledger-parking.csv", "excel/ledger-parking.csv"):
        assert (published / name).read_bytes() == (site / "downloads" / name).read_bytes()
    assert (published / "feeds/all.json").read_bytes() == (site / "feeds/all.json").read_bytes()
    assert "ledger-parking" in tables_of(out, "good-a") and "calendar" in tables_of(out, "good-a")
    # Nothing of a community that never had a good harvest is stored, but its result is.
    for name in ("tampered", "invalid", "differs", "gone", "closed"):
        result = read(out, name)
        assert result["last_good"] is None and result["reasons"]
        assert tables_of(out, name) == []
        assert not (out / "communities" / name / "published").exists()
        assert result["reasons"][0]["zh"] and result["reasons"][0]["en"]
    assert not (out / ".incoming").exists()


def test_the_text_report_says_each_status_in_chinese_and_english(site, served, tmp_path):
    root, base, _ = served
    community(root, site, "good-a")
    file = registry(
        tmp_path / "r.yaml",
        [
            {"id": "good-a", "url": f"{base}/good-a/"},
            {"id": "closed", "url": "http://127.0.0.1:9/"},
        ],
    )
    result = cli("city", "harvest", str(file), "--out", str(tmp_path / "DIR"))
    assert result.returncode == 0
    assert "good-a：已采集并核对" in result.stdout and "good-a: ok" in result.stdout
    assert (
        "closed：无法访问" in result.stdout
        and "Could not fetch downloads/SHA256SUMS" in result.stdout
    )
    assert "1 ok, 1 unreachable" in result.stdout


def test_an_unchanged_site_costs_one_request_for_sha256sums(site, served, tmp_path):
    root, base, log = served
    names = ("good-a", "etag")  # Last-Modified / If-Modified-Since; ETag / If-None-Match
    for name in names:
        community(root, site, name)
    entries = [{"id": n, "url": f"{base}/{n}/"} for n in names]
    communities, _ = read_registry(registry(tmp_path / "r.yaml", entries))
    out = tmp_path / "DIR"
    first = harvest(communities, out, today=DAY)
    assert [o.result["status"] for o in first] == ["ok", "ok"]
    cold = len(log)
    assert cold > 2 * 30  # every listed file, the feed too
    assert read(out, "etag")["etag"] and read(out, "etag")["last_modified"] is None
    stored = tree_digest(out / "communities/good-a/published")

    log.clear()
    again = harvest(communities, out, today=LATER)
    assert [o.result["status"] for o in again] == ["unchanged", "unchanged"]
    assert sorted(path for path, _ in log) == [
        "/etag/downloads/SHA256SUMS",
        "/good-a/downloads/SHA256SUMS",
    ]
    # Conditional: what the server sent came back.
    headers = {path.split("/")[1]: sent for path, sent in log}
    assert headers["good-a"]["If-Modified-Since"] == read(out, "good-a")["last_modified"]
    assert headers["etag"]["If-None-Match"] == read(out, "etag")["etag"]
    result = read(out, "good-a")
    assert result["last_good"] == LATER.isoformat() and result["harvested"] == LATER.isoformat()
    assert tree_digest(out / "communities/good-a/published") == stored


def test_a_rebuilt_site_fetches_only_the_files_that_changed(site, served, tmp_path):
    root, base, log = served
    folder, communities, out = harvested_once(root, base, site, tmp_path)
    # A new build: the provenance changed (a later build date), nothing else.
    edit(
        folder / "downloads/provenance.json",
        '"build_date": "',
        '"build_date": "2099-01-01", "was": "',
    )
    resign(folder)
    log.clear()
    (outcome,) = harvest(communities, out, today=LATER)
    assert outcome.result["status"] == "ok"
    fetched = sorted(path.removeprefix("/good-a/") for path, _ in log)
    assert fetched == [
        "downloads/SHA256SUMS",
        "downloads/provenance.json",
        "feeds/all.json",
    ]
    assert outcome.result["site_built"] == "2099-01-01"


def test_a_failed_reharvest_keeps_the_last_good_copy_and_its_date(site, served, tmp_path):
    root, base, _ = served
    folder, communities, out = harvested_once(root, base, site, tmp_path)
    first = read(out, "good-a")
    kept_files = tree_digest(out / "communities/good-a/published")
    kept_tables = tree_digest(out / "tables")
    # The host's ledger is changed after the build, and its SHA256SUMS line with it; the
    # data package still states the built file's hash.
    ledger = folder / "downloads/ledger-parking.csv"
    edit(ledger, first_amount(folder), "0.01")
    sums = folder / "downloads/SHA256SUMS"
    digest = hashlib.sha256(ledger.read_bytes()).hexdigest()
    lines = [
        f"{digest}  ledger-parking.csv" if line.endswith("  ledger-parking.csv") else line
        for line in sums.read_text(encoding="utf-8").splitlines()
    ]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")
    harvest(communities, out, today=LATER)
    result = read(out, "good-a")
    assert result["status"] == "tampered" and result["harvested"] == LATER.isoformat()
    assert result["last_good"] == DAY.isoformat()
    assert [(r["code"], r["file"]) for r in result["reasons"]] == [
        ("city-package-hash", "ledger-parking.csv")
    ]
    assert result["sums_sha256"] == first["sums_sha256"]  # still the stored copy's
    assert tree_digest(out / "communities/good-a/published") == kept_files
    assert tree_digest(out / "tables") == kept_tables


def test_a_good_reharvest_replaces_the_copy_entirely(site, served, tmp_path):
    root, base, _ = served
    folder, communities, out = harvested_once(root, base, site, tmp_path)
    assert (out / "communities/good-a/published/calendar.json").is_file()
    # The next build publishes no calendar (and one ledger row less).
    (folder / "downloads/calendar.json").unlink()
    sums = folder / "downloads/SHA256SUMS"
    kept = [
        line
        for line in sums.read_text(encoding="utf-8").splitlines()
        if not line.endswith("  calendar.json")
    ]
    sums.write_text("\n".join(kept) + "\n", encoding="utf-8")
    ledger = folder / "downloads/ledger-parking.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    ledger.write_text("".join(lines[:-1]), encoding="utf-8")
    resign(folder)
    (outcome,) = harvest(communities, out, today=LATER)
    assert outcome.result["status"] == "ok", outcome.result["reasons"]
    published = out / "communities/good-a/published"
    assert not (published / "calendar.json").exists()
    assert "calendar" not in tables_of(out, "good-a")
    assert (published / "ledger-parking.csv").read_bytes() == ledger.read_bytes()
    assert read(out, "good-a")["last_good"] == LATER.isoformat()


def test_a_community_dropped_from_the_registry_is_removed_from_dir(site, served, tmp_path):
    root, base, _ = served
    community(root, site, "good-a")
    community(root, site, "good-b")
    both = [{"id": i, "url": f"{base}/{i}/"} for i in ("good-a", "good-b")]
    out = tmp_path / "DIR"
    harvest_cli(registry(tmp_path / "both.yaml", both), out)
    assert tables_of(out, "good-b")
    # Not the harvester's: a folder without harvest.json stays.
    (out / "communities/notes").mkdir()

    found = harvest_cli(registry(tmp_path / "one.yaml", both[:1]), out)

    assert found["removed"] == ["good-b"]
    assert not (out / "communities/good-b").exists() and tables_of(out, "good-b") == []
    assert read(out, "good-a")["status"] == "unchanged" and tables_of(out, "good-a")
    assert (out / "communities/notes").is_dir()
    # The text report says it, in Chinese and English.
    harvest_cli(registry(tmp_path / "both.yaml", both), out)
    text = cli("city", "harvest", str(tmp_path / "one.yaml"), "--out", str(out))
    assert text.returncode == 0
    assert "good-b：已不在社区名册中" in text.stdout and "good-b: no longer in the registry" in (
        text.stdout
    )


# --- bounded fetching ------------------------------------------------------------------------


def test_slow_huge_bombs_and_redirects_are_flagged_and_do_not_hold_up_the_others(
    site, served, tmp_path
):
    root, base, _ = served
    for name in ("good-a", "slow", "moved", "away", "bomb", "huge"):
        community(root, site, name)
    names = ["good-a", "slow", "moved", "away", "bomb", "huge"]
    communities, _ = read_registry(
        registry(tmp_path / "r.yaml", [{"id": n, "url": f"{base}/{n}/"} for n in names])
    )
    limits = Limits(timeout=0.5, total=5, file_bytes=2 * MB, community_bytes=20 * MB)
    out = tmp_path / "DIR"
    started = time.monotonic()
    outcomes = harvest(communities, out, jobs=3, limits=limits, today=DAY)
    assert time.monotonic() - started < 20
    found = {o.id: o.result for o in outcomes}
    assert {i: r["status"] for i, r in found.items()} == {
        "good-a": "ok",
        "slow": "timeout",
        "moved": "ok",  # a redirect within the host is followed
        "away": "redirected",
        "bomb": "too-large",
        "huge": "too-large",
    }
    assert found["away"]["reasons"][0]["code"] == "city-redirected"
    assert "localhost" in found["away"]["reasons"][0]["en"]
    assert "2 MB" in found["bomb"]["reasons"][0]["en"]
    assert found["slow"]["reasons"][0]["code"] == "city-timeout"
    # The bomb's 20 MB were never held: inflating stopped at the limit.
    bomb = next(o for o in outcomes if o.id == "bomb")
    assert bomb.received <= 2 * MB + 64 * 1024


def test_a_community_over_its_byte_budget_is_too_large(site, served, tmp_path):
    root, base, _ = served
    community(root, site, "good-a")
    communities, _ = read_registry(
        registry(tmp_path / "r.yaml", [{"id": "good-a", "url": f"{base}/good-a/"}])
    )
    (outcome,) = harvest(
        communities, tmp_path / "DIR", limits=Limits(community_bytes=100_000), today=DAY
    )
    assert outcome.result["status"] == "too-large"
    assert outcome.result["reasons"][0]["code"] == "city-too-large"


# --- shards -----------------------------------------------------------------------------------


def test_shards_merged_equal_one_harvest_byte_for_byte(site, served, tmp_path, monkeypatch):
    root, base, _ = served
    names = [f"c{n}" for n in range(6)]
    for name in names:
        community(root, site, name)
    edit(root / "c2/downloads/ledger-parking.csv", first_amount(root / "c2"), "1.00")  # tampered
    entries = [{"id": n, "url": f"{base}/{n}/", "households": "1200"} for n in names]
    entries.append({"id": "closed", "url": "http://127.0.0.1:9/"})
    file = registry(tmp_path / "registry.yaml", entries)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_DAY)
    single = tmp_path / "single"
    harvest_cli(file, single, "--jobs", "2")
    merged = tmp_path / "merged"
    seen = []
    for k in range(1, 4):
        part = tmp_path / f"shard-{k}"
        report = harvest_cli(file, part, "--shard", f"{k}/3", "--jobs", "1")
        seen += [c["id"] for c in report["communities"]]
        shutil.copytree(part, merged, dirs_exist_ok=True)  # as CI artifacts are put together
    assert sorted(seen) == sorted([*names, "closed"])
    assert tree_digest(merged) == tree_digest(single)
    assert read(single, "c0")["households"] == 1200
    # And a second cold harvest gives the same bytes again.
    again = tmp_path / "again"
    harvest_cli(file, again)
    assert tree_digest(again) == tree_digest(single)
