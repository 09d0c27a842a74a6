"""The harvest: every community of a registry shard fetched, verified and stored.

For each community, in order:

1. ``SHA256SUMS`` (under ``downloads/``), as a conditional request when DIR holds a
   good copy (its ETag / Last-Modified). Not modified, or the same bytes as the stored
   copy's: the community is "unchanged" and nothing else is fetched.
2. Every file it lists, each checked against its checksum as it arrives; a file whose
   checksum the stored copy already had is taken from the stored copy instead of
   fetched again. Then ``feeds/all.json`` (not checksummed; a site may lack it).
3. ``verify.verify_copy``: the data package's own hashes, every table against the
   standard schemas, the JSON files.
4. A good copy is stored whole (``store.write_community``: files, tables and
   ``harvest.json``); a failed one writes only ``harvest.json`` and the last good copy
   stays, with its date (``last_good``).

A community DIR holds that the registry no longer lists is removed from DIR, copy and
tables (``prune``): the city site shows the communities of the registry, not every one
it ever had. Every shard reads the whole registry, so each removes only those no
shard holds.

Shards (``--shard K/N``) take the communities whose id hashes to K (a stable hash, so
a community stays in its shard however the registry grows); shards write disjoint
folders, so their DIRs merge by being put together. ``--jobs J`` harvests J
communities at a time, each within its own ``fetch.Limits``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from builder.city import store
from builder.city.fetch import Fetched, FetchFailed, Limits, Source
from builder.city.registry import Community
from builder.city.verify import (
    FEED,
    PROVENANCE,
    Reason,
    read_sums,
    reason,
    standard,
    sums_digest,
    verify_copy,
    worst,
)
from builder.core.problems import ConfigError
from builder.publish.downloads import DOWNLOADS, SUMS
from builder.publish.provenance import CHINA_TIME, epoch_date

# Fetched copies are put together here, inside DIR, until they are stored.
INCOMING = ".incoming"
GOOD = ("ok", "unchanged")
# The store is called by one thread at a time: it tidies shared folders of DIR (empty
# tables/<resource>/ and .staging/) that another community's write may be filling.
_STORE_LOCK = threading.Lock()
# What a harvest.json carries over from the last good copy when this harvest is not one.
KEPT = ("last_good", "site_built", "commit", "etag", "last_modified", "sums_sha256")


@dataclass(frozen=True)
class Shard:
    """The K-th of N shards (1-based)."""

    index: int = 1
    count: int = 1

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``K/N`` with 1 ≤ K ≤ N; ConfigError (exit 2) otherwise."""
        left, _, right = text.partition("/")
        if left.strip().isdigit() and right.strip().isdigit():
            shard = cls(int(left), int(right))
            if 1 <= shard.index <= shard.count:
                return shard
        raise ConfigError("city-shard-bad", value=text[:40])

    def holds(self, community_id: str) -> bool:
        digest = hashlib.sha256(community_id.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class Outcome:
    """One community's harvest, for the report.

    Attributes:
        id: the community.
        result: its harvest.json record.
        requests: the files asked of its site, in order.
        received: the bytes received.
    """

    id: str
    result: dict[str, Any]
    requests: list[str] = field(default_factory=list)
    received: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.result["status"],
            "reasons": self.result["reasons"],
            "last_good": self.result["last_good"],
            "requests": self.requests,
            "received": self.received,
        }


def harvest_date() -> date:
    """SOURCE_DATE_EPOCH's day, or today in China (a harvest is dated when it runs)."""
    return epoch_date() or datetime.now(CHINA_TIME).date()


def harvest(
    communities: Sequence[Community],
    out: Path,
    shard: Shard | None = None,
    jobs: int = 1,
    limits: Limits | None = None,
    today: date | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Harvest the communities of ``shard`` into ``out``; their outcomes in registry
    order. One community's failure never touches another's."""
    out = Path(out)
    day = today or harvest_date()
    shard = shard or Shard()
    limits = limits or Limits()
    mine = [c for c in communities if shard.holds(c.id)]
    standard()  # read the shipped schemas once, before the threads need them
    store.connect().close()  # without DuckDB, say so now, before anything is fetched
    out.mkdir(parents=True, exist_ok=True)

    def one(community: Community) -> Outcome:
        outcome = harvest_one(community, out, day, limits or Limits())
        if progress is not None:
            progress(outcome)
        return outcome

    if jobs <= 1:
        outcomes = [one(c) for c in mine]
    else:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            outcomes = list(pool.map(one, mine))
    # Another shard writing into the same DIR may still be using it: then it stays.
    with contextlib.suppress(OSError):
        (out / INCOMING).rmdir()
    return outcomes


def prune(communities: Sequence[Community], out: Path) -> list[str]:
    """Remove from ``out`` the communities the registry no longer lists; their ids."""
    listed = {c.id for c in communities}
    gone = [c for c in store.stored_communities(out) if c not in listed]
    for community in gone:
        store.remove_community(out, community)
    return gone


def counts(outcomes: Sequence[Outcome]) -> dict[str, int]:
    """How many communities ended in each status, sorted by status."""
    return dict(sorted(Counter(o.result["status"] for o in outcomes).items()))


def harvest_one(community: Community, out: Path, day: date, limits: Limits) -> Outcome:
    """Fetch, verify and store one community (see the module's docstring)."""
    previous = _previous(out, community.id)
    source = Source(community.url, community.root, limits)
    staging = out / INCOMING / community.id
    try:
        result = _harvest(community, out, day, source, previous, staging)
    finally:
        source.close()
        if staging.exists():
            shutil.rmtree(staging)
    return Outcome(community.id, result, list(source.requests), source.received)


def _harvest(
    community: Community,
    out: Path,
    day: date,
    source: Source,
    previous: dict[str, Any],
    staging: Path,
) -> dict[str, Any]:
    base = {
        **community.to_dict(),
        "harvested": day.isoformat(),
        **{key: previous.get(key) for key in KEPT},
    }
    stored = out / store.COMMUNITIES / community.id / store.PUBLISHED
    has_copy = bool(previous.get("last_good")) and (stored / SUMS).is_file()
    sums: Fetched | None = None
    try:
        sums = source.get(
            f"{DOWNLOADS}/{SUMS}",
            previous.get("etag") if has_copy else None,
            previous.get("last_modified") if has_copy else None,
        )
        if sums is None:
            raise FetchFailed("unreachable", "city-http-status", SUMS, status=404)
        if has_copy and (
            sums.content is None or sums_digest(sums.content) == previous.get("sums_sha256")
        ):
            result = {**base, "status": "unchanged", "reasons": [], "last_good": day.isoformat()}
            result |= _validators(sums, previous)
            with _STORE_LOCK:
                store.write_result(out, result)
            return result
        if sums.content is None:  # a 304 to a request that was not conditional
            raise FetchFailed("unreachable", "city-http-status", SUMS, status=304)
        listed, reasons = read_sums(sums.content)
        if not reasons:
            reasons = _fetch_listed(source, listed, staging, stored)
            (staging / SUMS).write_bytes(sums.content)
            feed = source.get(FEED)
            if feed is not None and feed.content is not None:
                (staging / FEED).parent.mkdir(parents=True, exist_ok=True)
                (staging / FEED).write_bytes(feed.content)
            if worst(reasons) is None:
                reasons = verify_copy(staging, listed, source.limits.file_bytes)
    except FetchFailed as failed:
        reasons = [reason(failed.status, failed.code, failed.file, **failed.params)]
    status = worst(reasons) or (reasons[0].status if reasons else "ok")
    result = {**base, "status": status, "reasons": [r.to_dict() for r in reasons]}
    if status != "ok" or sums is None or sums.content is None:
        with _STORE_LOCK:
            store.write_result(out, result)
        return result
    provenance = _provenance(staging)
    result |= {
        "last_good": day.isoformat(),
        "site_built": provenance.get("build_date"),
        "commit": provenance.get("commit"),
        "etag": sums.etag,
        "last_modified": sums.last_modified,
        "sums_sha256": sums_digest(sums.content),
    }
    with _STORE_LOCK:
        store.write_community(out, community.to_dict(), staging, result, standard().descriptors)
    return result


def _fetch_listed(
    source: Source, listed: dict[str, str], staging: Path, stored: Path
) -> list[Reason]:
    """Every file SHA256SUMS lists into ``staging``, each checked against its checksum;
    one the stored copy holds with the same checksum is copied from there."""
    reasons = []
    staging.mkdir(parents=True, exist_ok=True)
    for path, digest in sorted(listed.items()):
        content = _stored(stored / path, digest)
        if content is None:
            fetched = source.get(f"{DOWNLOADS}/{path}")
            if fetched is None or fetched.content is None:
                reasons.append(reason("tampered", "city-file-missing", path))
                continue
            content = fetched.content
        if sums_digest(content) != digest:
            reasons.append(reason("tampered", "city-tampered", path))
            continue
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return reasons


def _stored(path: Path, digest: str) -> bytes | None:
    """The stored copy's file when it still has ``digest`` (never a link)."""
    if path.is_symlink() or not path.is_file():
        return None
    content = path.read_bytes()
    return content if sums_digest(content) == digest else None


def _previous(out: Path, community: str) -> dict[str, Any]:
    """The community's last harvest.json, or nothing when it has none (or it cannot be
    read: then the next harvest starts afresh)."""
    try:
        return store.read_result(out, community) or {}
    except (OSError, ValueError):
        return {}


def _validators(sums: Fetched, previous: dict[str, Any]) -> dict[str, Any]:
    """The ETag / Last-Modified to send next time: the server's newest, if any."""
    if sums.content is None:
        return {}
    return {
        "etag": sums.etag or previous.get("etag"),
        "last_modified": sums.last_modified or previous.get("last_modified"),
    }


def _provenance(folder: Path) -> dict[str, Any]:
    try:
        value = json.loads((folder / PROVENANCE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v if isinstance(v, str) else None for k, v in value.items()}


def report(
    outcomes: Sequence[Outcome],
    shard: Shard,
    day: date,
    out: Path,
    removed: Sequence[str] = (),
) -> dict[str, Any]:
    """The harvest as one JSON object (``--format json``)."""
    return {
        "harvested": day.isoformat(),
        "shard": str(shard),
        "out": str(out),
        "counts": counts(outcomes),
        "communities": [o.to_dict() for o in outcomes],
        "removed": list(removed),
    }
