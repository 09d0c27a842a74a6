"""Fetch one community's published files: over HTTP(S) from its site root, or from a
local folder holding a built site, always within bounds.

Bounds (``Limits``): every wait on the network (connect, each read) has a time-out and
a community has a total time; a file, once decompressed, and a community's files
together have a size limit, checked as the bytes arrive (a ``Content-Length`` over the
limit is refused before reading). Only gzip is accepted as a content encoding, and
it is inflated a block at a time up to the file limit, so a small "gzip bomb" never
grows past it. A redirect is followed within the same scheme, host and port (or from
http to https on the same host) only; to anywhere else it is a failure of its own.
Only the standard library is used.

A failure is a ``FetchFailed``: its status (``unreachable``, ``timeout``,
``too-large``, ``redirected``) and the message code and parameters saying why.
"""

from __future__ import annotations

import http.client
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from builder import __version__
from builder.load.files import read_bytes

MB = 1024 * 1024
USER_AGENT = f"gongshi/{__version__} (city harvest)"
BLOCK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
GONE = (404, 410)


@dataclass(frozen=True)
class Limits:
    """How far one community's fetch may go.

    Attributes:
        timeout: seconds any one wait on the network may take (connect, each read).
        total: seconds all of a community's requests may take together.
        file_bytes: the most bytes one file may have (after decompression).
        community_bytes: the most bytes a community's files may have together.
        redirects: the most same-host redirects followed for one file.
    """

    timeout: float = 20.0
    total: float = 300.0
    file_bytes: int = 64 * MB
    community_bytes: int = 512 * MB
    redirects: int = 5


class FetchFailed(Exception):
    """A file could not be fetched; ``status`` is the community's harvest status."""

    def __init__(self, outcome: str, code: str, file: str, **params: Any) -> None:
        self.status = outcome
        self.code = code
        self.file = file
        self.params = params
        super().__init__(f"{outcome}: {code} {file} {params}")


@dataclass(frozen=True)
class Fetched:
    """A file as the source gave it; ``content`` is None for 304 Not Modified.

    Attributes:
        content: its bytes (decompressed), or None when not modified.
        etag, last_modified: the validators the server sent, if any.
    """

    content: bytes | None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Source:
    """One community's site: an http(s) ``url`` ending with "/", or a local ``root``.

    ``requests`` lists every file asked for, in order (so a test or the report can
    say what an incremental harvest fetched); ``received`` counts its bytes.
    """

    url: str | None
    root: Path | None
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], float] = time.monotonic
    requests: list[str] = field(default_factory=list)
    received: int = 0
    _started: float | None = None
    _connection: http.client.HTTPConnection | None = None
    _origin: tuple[str, str, int | None] | None = None

    def get(
        self, relpath: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched | None:
        """``relpath`` (under the site root), None when the site has no such file
        (404/410, or missing from the folder). ``etag``/``last_modified`` make the
        request conditional (then ``content`` may be None: not modified)."""
        if self._started is None:
            self._started = self.clock()
        self.requests.append(relpath)
        if self.root is not None:
            return self._read_local(relpath)
        assert self.url is not None
        return self._get_http(relpath, etag, last_modified)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # --- a local folder -----------------------------------------------------------

    def _read_local(self, relpath: str) -> Fetched | None:
        assert self.root is not None
        if not self.root.is_dir():
            raise FetchFailed(
                "unreachable", "city-unreachable", relpath, detail=f"{self.root}: not a folder"
            )
        content, problems = read_bytes(self.root, relpath, self.limits.file_bytes)
        if content is None:
            found = problems[0]
            if found.code == "file-missing":
                return None
            if found.code == "file-too-large":
                raise self._too_large(relpath)
            raise FetchFailed("unreachable", "city-unreachable", relpath, detail=found.message_en)
        self._count(relpath, len(content))
        return Fetched(content)

    # --- HTTP ---------------------------------------------------------------------

    def _get_http(
        self, relpath: str, etag: str | None, last_modified: str | None
    ) -> Fetched | None:
        assert self.url is not None
        target = urljoin(self.url, quote(relpath))
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(self.limits.redirects + 1):
            response = self._request(relpath, target, headers)
            status = response.status
            if status in REDIRECTS:
                location = response.getheader("Location") or ""
                self._discard(response)
                following = urljoin(target, location)
                if not location or not _same_site(self.url, following):
                    raise FetchFailed("redirected", "city-redirected", relpath, target=following)
                target = following
                continue
            if status == 304 and (etag or last_modified):
                self._discard(response)
                return Fetched(None, etag, last_modified)
            if status in GONE:
                self._discard(response)
                return None
            if status != 200:
                self._discard(response)
                raise FetchFailed("unreachable", "city-http-status", relpath, status=status)
            content = self._body(relpath, response)
            return Fetched(content, response.getheader("ETag"), response.getheader("Last-Modified"))
        raise FetchFailed("redirected", "city-redirected", relpath, target=target)

    def _request(
        self, relpath: str, target: str, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        parts = urlsplit(target)
        path = parts.path or "/"
        try:
            connection = self._connect(relpath, parts.scheme, parts.hostname or "", parts.port)
            connection.request("GET", path, headers=headers)
            return connection.getresponse()
        except TimeoutError as exc:
            self.close()
            raise self._timed_out(relpath) from exc
        # ValueError: what http.client says of an address it cannot send (a space, a
        # character outside ASCII in a redirect's Location).
        except (OSError, ValueError, http.client.HTTPException) as exc:
            self.close()
            detail = str(exc)[:200] or type(exc).__name__
            raise FetchFailed("unreachable", "city-unreachable", relpath, detail=detail) from exc

    def _connect(
        self, relpath: str, scheme: str, host: str, port: int | None
    ) -> http.client.HTTPConnection:
        """The community's one connection (kept alive while the server allows)."""
        origin = (scheme, host, port)
        if self._connection is None or self._origin != origin:
            self.close()
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            self._connection = kind(host, port, timeout=self._wait(relpath))
            self._origin = origin
        elif self._connection.sock is not None:
            self._connection.sock.settimeout(self._wait(relpath))
        return self._connection

    def _wait(self, relpath: str) -> float:
        """How long the next wait may take: the time-out, or what is left of the total."""
        assert self._started is not None
        left = self.limits.total - (self.clock() - self._started)
        if left <= 0:
            raise self._timed_out(relpath)
        return min(self.limits.timeout, left)

    def _body(self, relpath: str, response: http.client.HTTPResponse) -> bytes:
        limit = self.limits.file_bytes
        declared = response.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > limit:
            self.close()
            raise self._too_large(relpath)
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            self.close()
            raise FetchFailed("unreachable", "city-bad-encoding", relpath, encoding=encoding)
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        parts: list[bytes] = []
        size = 0
        try:
            while True:
                self._set_read_timeout(relpath)
                block = response.read(BLOCK)
                if not block:
                    break
                if inflate is not None:
                    # Never more than the limit out, whatever a block of input holds.
                    block = inflate.decompress(block, limit + 1 - size)
                    if inflate.unconsumed_tail:
                        raise self._too_large(relpath)
                size += len(block)
                if size > limit:
                    raise self._too_large(relpath)
                self._count(relpath, len(block))
                parts.append(block)
            if inflate is not None and not inflate.eof:  # cut short, or not gzip at all
                raise FetchFailed("unreachable", "city-bad-encoding", relpath, encoding=encoding)
        except FetchFailed:
            self.close()
            raise
        except TimeoutError as exc:
            self.close()
            raise self._timed_out(relpath) from exc
        except zlib.error as exc:
            self.close()
            raise FetchFailed(
                "unreachable", "city-bad-encoding", relpath, encoding=encoding
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            detail = str(exc)[:200] or type(exc).__name__
            raise FetchFailed("unreachable", "city-unreachable", relpath, detail=detail) from exc
        return b"".join(parts)

    def _set_read_timeout(self, relpath: str) -> None:
        connection = self._connection
        if connection is not None and connection.sock is not None:
            connection.sock.settimeout(self._wait(relpath))

    def _discard(self, response: http.client.HTTPResponse) -> None:
        """Drop a response's body: a short one is read (the connection stays usable),
        anything longer closes the connection."""
        try:
            declared = response.getheader("Content-Length")
            if declared and declared.strip().isdigit() and int(declared) <= BLOCK:
                response.read()
                return
        except (OSError, http.client.HTTPException):
            pass
        self.close()

    # --- bounds -------------------------------------------------------------------

    def _count(self, relpath: str, size: int) -> None:
        """Add ``size`` bytes to the community's total; past its limit, a failure."""
        self.received += size
        if self.received > self.limits.community_bytes:
            self.close()
            raise self._too_large(relpath)

    def _too_large(self, relpath: str) -> FetchFailed:
        return FetchFailed(
            "too-large",
            "city-too-large",
            relpath,
            file_mb=_mb(self.limits.file_bytes),
            community_mb=_mb(self.limits.community_bytes),
        )

    def _timed_out(self, relpath: str) -> FetchFailed:
        return FetchFailed(
            "timeout",
            "city-timeout",
            relpath,
            seconds=_number(self.limits.timeout),
            total=_number(self.limits.total),
        )


def _same_site(registered: str, following: str) -> bool:
    """Whether a redirect stays on the registered site: the same host, and the same
    scheme and port, or the upgrade from http to https (never the reverse)."""
    before, after = _origin(registered), _origin(following)
    if before == after:
        return True
    upgrade = (before[0], after[0]) == ("http", "https") and (before[2], after[2]) == (80, 443)
    return upgrade and before[1] == after[1]


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def _mb(size: int) -> str:
    return f"{size / MB:g}"


def _number(seconds: float) -> str:
    return f"{seconds:g}"
