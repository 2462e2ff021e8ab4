"""URLs as inputs: fetching behind a small protocol, so tests and engines can swap it."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from storyline.document import InputFormat, RawArticle, Skipped
from storyline.errors import FetchError, UnreadableInput
from storyline.ingest.encoding import MAX_BYTES, declared_html_charset, decode_text, human_size

__all__ = [
    "USER_AGENT",
    "FetchedPage",
    "Fetcher",
    "HttpxFetcher",
    "fetch_input",
    "is_url",
]

USER_AGENT = "storyline/0.1"
TIMEOUT = 10.0
"""Seconds to wait for a connection, and for each read."""
DEADLINE = 60.0
"""Seconds a whole download may take (a server dripping bytes would never time out)."""

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page: the final URL (after redirects), status, content type and body."""

    url: str
    status: int
    content_type: str
    body: bytes


class Fetcher(Protocol):
    """Fetches a URL; raises :class:`~storyline.errors.FetchError` with a one-line reason."""

    def fetch(self, url: str) -> FetchedPage: ...


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` URL."""
    return value.lower().startswith(("http://", "https://"))


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_text_type(mime: str) -> bool:
    return mime.startswith("text/") or mime in _HTML_TYPES


def _too_large(limit: int) -> FetchError:
    return FetchError(
        f"the page is larger than {human_size(limit)}; save the article text as a .txt file"
    )


def _connect_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if any(
        s in text
        for s in (
            "name or service not known",
            "nodename nor servname",
            "getaddrinfo failed",
            "name resolution",
            "no address associated",
        )
    ):
        return "host name not found"
    if "unreachable" in text:
        return "network unreachable"
    if "ssl" in text or "certificate" in text:
        return "secure connection failed"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return first[:120]


class HttpxFetcher:
    """The real fetcher: httpx, redirects followed, timeouts, a size cap, text only.

    Use it as a context manager (or call :meth:`close`) to release its connections.
    """

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        deadline: float = DEADLINE,
        user_agent: str = USER_AGENT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=10,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def fetch(self, url: str) -> FetchedPage:
        host = urlsplit(url).hostname or url
        try:
            with self._client.stream("GET", url) as response:
                return self._read(response)
        except FetchError:
            raise
        except httpx.TimeoutException:
            raise FetchError(
                f"timed out: {host} did not answer within {self.timeout:g} s; "
                "try again later or save the page as .html"
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError(
                "too many redirects; open the URL in a browser and use the final one"
            ) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL):
            raise FetchError("not a valid http(s) URL; check it") from None
        except httpx.ConnectError as exc:
            raise FetchError(
                f"cannot reach {host} ({_connect_reason(exc)}); check the URL or your network"
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(
                f"cannot fetch it from {host} ({_connect_reason(exc)}); "
                "check the URL or your network"
            ) from None

    def _read(self, response: httpx.Response) -> FetchedPage:
        status = response.status_code
        if status >= 400:
            raise FetchError(
                f"the server answered HTTP {status} {response.reason_phrase}; check the URL"
            )
        content_type = response.headers.get("content-type", "")
        mime = _mime(content_type)
        if mime and not _is_text_type(mime):
            raise FetchError(
                f"not a text page (content type {mime}); "
                "download it and convert it to .txt or .html"
            )
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise _too_large(self.max_bytes)
        chunks: list[bytes] = []
        total = 0
        started = time.monotonic()
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise _too_large(self.max_bytes)
            if time.monotonic() - started > self.deadline:
                raise FetchError(
                    f"timed out: the download took longer than {self.deadline:g} s; "
                    "save the page as .html"
                )
            chunks.append(chunk)
        return FetchedPage(str(response.url), status, content_type, b"".join(chunks))


def fetch_input(url: str, fetcher: Fetcher) -> RawArticle | Skipped:
    """A URL as an article (HTML or plain text), or Skipped with the reason."""
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        return Skipped(url, str(exc))
    mime = _mime(page.content_type)
    body = page.body
    if len(body) > MAX_BYTES:
        return Skipped(url, str(_too_large(MAX_BYTES)))
    if not body.strip():
        return Skipped(url, "the page is empty; check the URL")
    fmt: InputFormat
    if mime in _HTML_TYPES:
        fmt = "html"
    elif mime in _TEXT_TYPES:
        fmt = "text"
    elif not mime:
        fmt = "html" if body.lstrip()[:1] == b"<" else "text"
    else:
        return Skipped(
            url,
            f"not an article page (content type {mime}); save the article as .txt or .html",
        )
    m = _CHARSET.search(page.content_type)
    declared = m.group(1) if m else (declared_html_charset(body) if fmt == "html" else None)
    try:
        text = decode_text(body, declared)
    except UnreadableInput as exc:
        return Skipped(url, str(exc))
    return RawArticle(source=url, content=text, format=fmt, url=page.url or url)
