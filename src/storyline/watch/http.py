"""Polite fetching for ``storyline watch``: one HTTP stack for feeds and article pages.

* a clear User-Agent (:data:`WATCH_USER_AGENT`), and robots.txt respected per host
  (its ``Crawl-delay`` too); a robots.txt that answers 4xx allows everything, one that
  cannot be read (5xx, network) disallows the host for this poll, as RFC 9309 says;
* conditional requests: ``If-None-Match`` / ``If-Modified-Since`` from the validators
  stored for a feed, so an unchanged feed costs one request answered ``304``;
* a per-host rate limit (requests per second) and a per-host cap on requests in flight,
  so fetching in threads never hammers one site;
* retries with exponential backoff on 5xx, 429, timeouts and refused connections
  (``Retry-After`` honoured up to a bound);
* the timeouts and size caps of URL ingest (:mod:`storyline.ingest.urls`).

:class:`PoliteFetcher` also is a :class:`~storyline.ingest.urls.Fetcher`, so article
pages go through :func:`~storyline.ingest.urls.fetch_input` like ``analyze URL`` does.
"""

from __future__ import annotations

import gzip
import io
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from storyline import __version__
from storyline.errors import FetchError
from storyline.ingest.encoding import MAX_BYTES, human_size
from storyline.ingest.urls import DEADLINE, TIMEOUT, FetchedPage, _connect_reason

WATCH_USER_AGENT = f"storyline/{__version__} (news feed watcher; polite: robots.txt, rate limit)"
ROBOTS_AGENT = "storyline"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 30.0


@dataclass(frozen=True, slots=True)
class Answer:
    """A conditional GET's answer: 200 with the body, or 304 (not modified, no body)."""

    url: str
    status: int
    content_type: str
    body: bytes
    etag: str | None
    last_modified: str | None


class WatchFetcher(Protocol):
    """What the watcher needs of HTTP (:class:`PoliteFetcher`, or a fake in unit tests)."""

    requests: int

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
    ) -> Answer:
        """Fetch ``url`` conditionally; raises FetchError with a one-line reason."""
        ...

    def fetch(self, url: str) -> FetchedPage: ...

    def robots_refusal(self, url: str) -> str | None: ...

    def forget_robots(self) -> None: ...

    def close(self) -> None: ...


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class _Host:
    """Per-host politeness: the next free slot, the in-flight cap, robots.txt."""

    def __init__(self, per_host: int) -> None:
        self.lock = threading.Lock()
        self.next_slot = 0.0
        self.in_flight = threading.Semaphore(per_host)
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_error: str | None = None
        self.robots_loaded = False
        self.robots_loading = threading.Lock()  # one robots.txt request per host


class PoliteFetcher:
    """The real fetcher of ``storyline watch`` (httpx). Use as a context manager."""

    def __init__(
        self,
        *,
        rate: float = 1.0,
        per_host: int = 2,
        retries: int = 2,
        backoff: float = 1.0,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        deadline: float = DEADLINE,
        user_agent: str = WATCH_USER_AGENT,
        robots: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.per_host = per_host
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.obey_robots = robots
        self.sleep = sleep
        self.requests = 0  # HTTP requests sent (robots.txt and retries included)
        self._count = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=10,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def forget_robots(self) -> None:
        """Read each host's robots.txt again when next needed (at every poll)."""
        with self._hosts_lock:
            for host in self._hosts.values():
                with host.lock:
                    host.robots_loaded = False
                    host.robots_error = None

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str) -> FetchedPage:
        """An article page (the :class:`~storyline.ingest.urls.Fetcher` protocol)."""
        answer = self.get(url, robots=True)
        return FetchedPage(answer.url, answer.status, answer.content_type, answer.body)

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
    ) -> Answer:
        """Fetch ``url`` conditionally. robots.txt is checked with ``robots`` (article
        pages, which are discovered links); the feeds a user names are fetched as
        ``analyze URL`` fetches a named page, so an unchanged feed costs one request."""
        host_name = self._host_key(url)
        host = self._host(host_name)
        if robots:
            self._check_robots(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._polite(host, lambda: self._once(url, headers))
            except _Retry as again:
                if attempt >= self.retries:
                    raise FetchError(f"{again.reason} (after {attempt + 1} tries)") from None
                wait = self.backoff * (2**attempt)
                if again.wait is not None:
                    wait = max(wait, min(again.wait, MAX_RETRY_AFTER))
                self.sleep(wait)
                attempt += 1

    # ---------------------------------------------------------------- internals

    @staticmethod
    def _host_key(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    def _host(self, key: str) -> _Host:
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.per_host)
            return self._hosts[key]

    def _polite(self, host: _Host, call: Callable[[], Answer]) -> Answer:
        """Run ``call`` in the host's next rate-limit slot, within its in-flight cap."""
        with host.in_flight:
            with host.lock:
                now = time.monotonic()
                slot = max(now, host.next_slot)
                host.next_slot = slot + self._interval(host)
            if slot > now:
                self.sleep(slot - now)
            with self._count:
                self.requests += 1
            return call()

    def _interval(self, host: _Host) -> float:
        delay = host.robots.crawl_delay(ROBOTS_AGENT) if host.robots is not None else None
        return max(self.interval, float(delay or 0))

    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching ``url``, or None when it allows it; raises
        FetchError when the host's robots.txt cannot be read (tried again next poll)."""
        if not self.obey_robots or urlsplit(url).path == "/robots.txt":
            return None
        key = self._host_key(url)
        host = self._host(key)
        with host.robots_loading:
            if not host.robots_loaded:
                self._load_robots(key, host)
        if host.robots_error is not None:
            raise FetchError(host.robots_error)
        if host.robots is not None and not host.robots.can_fetch(ROBOTS_AGENT, url):
            return (
                f"robots.txt of {key} disallows it for storyline; not fetched "
                "(ask the site, or save the page yourself)"
            )
        return None

    def _check_robots(self, url: str) -> None:
        refusal = self.robots_refusal(url)
        if refusal is not None:
            raise FetchError(refusal)

    def _load_robots(self, key: str, host: _Host) -> None:
        robots_url = f"{key}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        error: str | None = None
        try:
            answer = self._polite(host, lambda: self._once(robots_url, {}, allow_4xx=True))
            if answer.status < 400:
                parser.parse(answer.body.decode("utf-8", "replace").splitlines())
            else:
                parser.parse([])  # no rules: everything allowed
        except (_Retry, FetchError) as exc:
            reason = exc.reason if isinstance(exc, _Retry) else str(exc)
            error = (
                f"robots.txt of {key} cannot be read ({reason}); the host is not fetched "
                "until it can be (retried next poll)"
            )
        with host.lock:
            host.robots = parser
            host.robots_error = error
            host.robots_loaded = True

    def _once(self, url: str, headers: dict[str, str], *, allow_4xx: bool = False) -> Answer:
        host = urlsplit(url).hostname or url
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                return self._read(response, allow_4xx)
        except (FetchError, _Retry):
            raise
        except httpx.TimeoutException:
            raise _Retry(f"timed out: {host} did not answer within {self.timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError("too many redirects; check the URL") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL):
            raise FetchError("not a valid http(s) URL; check it") from None
        except httpx.ConnectError as exc:
            raise _Retry(f"cannot reach {host} ({_connect_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise _Retry(f"cannot fetch it from {host} ({_connect_reason(exc)})") from None

    def _read(self, response: httpx.Response, allow_4xx: bool) -> Answer:
        status = response.status_code
        url = str(response.url)
        if status in _RETRY_STATUS:
            after = response.headers.get("retry-after", "")
            raise _Retry(
                f"the server answered HTTP {status} {response.reason_phrase}",
                float(after) if after.isdigit() else None,
            )
        if status == 304:
            return Answer(url, 304, "", b"", None, None)
        if status >= 400 and not allow_4xx:
            raise FetchError(
                f"the server answered HTTP {status} {response.reason_phrase}; check the URL"
            )
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise self._too_large()
        chunks: list[bytes] = []
        total = 0
        started = time.monotonic()
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise self._too_large()
            if time.monotonic() - started > self.deadline:
                raise FetchError(
                    f"timed out: the download took longer than {self.deadline:g} s; try later"
                )
            chunks.append(chunk)
        body = b"".join(chunks)
        if body[:2] == b"\x1f\x8b":  # a gzipped sitemap served as a file
            body = self._gunzip(body)
        return Answer(
            url,
            status,
            response.headers.get("content-type", ""),
            body,
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )

    def _gunzip(self, body: bytes) -> bytes:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
                data = f.read(self.max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise FetchError(f"a broken gzip file ({exc}); check the URL") from None
        if len(data) > self.max_bytes:
            raise self._too_large()
        return data

    def _too_large(self) -> FetchError:
        return FetchError(f"larger than {human_size(self.max_bytes)}; not read")
