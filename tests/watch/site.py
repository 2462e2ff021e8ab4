"""A news site on 127.0.0.1 whose pages the tests change between polls: a real threaded
HTTP server with ETag and Last-Modified validators (answering 304 when they match), pages
that fail with a status, pages that answer slowly, and a log of every request."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    validators: bool = True
    failures_left: int = 0  # answer 503 this many times first


class Site:
    """Routes (path → Page) that tests edit while the server runs."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []  # (method, path, headers)
        self.lock = threading.Lock()
        self.base = ""
        self.in_flight = 0
        self.max_in_flight = 0

    def put(self, path: str, body: bytes | str, **kw: object) -> None:
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.pages[path] = Page(data, **kw)  # type: ignore[arg-type]

    def requests(self, path: str | None = None) -> list[tuple[str, str, dict[str, str]]]:
        with self.lock:
            return [r for r in self.log if path is None or r[1] == path]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with site.lock:
                site.log.append(("GET", self.path, headers))
                page = site.pages.get(self.path.split("?", 1)[0])
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
                failing = page is not None and page.failures_left > 0
                if page is not None and failing:
                    page.failures_left -= 1
            try:
                self._answer(page, headers, failing)
            finally:
                with site.lock:
                    site.in_flight -= 1

        def _answer(self, page: Page | None, headers: dict[str, str], failing: bool) -> None:
            if page is None:
                self._send(404, b"not found", "text/plain", {})
                return
            if page.delay:
                time.sleep(page.delay)
            if failing:
                self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
                return
            extra: dict[str, str] = {}
            if page.validators and page.status == 200:
                etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
                modified = formatdate(1_700_000_000 + len(page.body), usegmt=True)
                extra = {"ETag": etag, "Last-Modified": modified}
                if headers.get("if-none-match") == etag:
                    self._send(304, b"", page.content_type, extra)
                    return
            self._send(page.status, page.body, page.content_type, extra)

        def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client closing a kept-alive connection is not an error here


@contextmanager
def serving(site: Site) -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield site.base
    finally:
        httpd.shutdown()
        httpd.server_close()


def rss(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """An RSS 2.0 feed of (url, title, RFC 822 date, author) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate>"
        f"<dc:creator>{a}</dc:creator><guid isPermaLink='false'>{u}</guid></item>"
        for u, t, d, a in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
        f"<title>{title}</title><link>http://example.invalid/</link>{body}</channel></rss>"
    )


def atom(title: str, entries: list[tuple[str, str, str, str]]) -> str:
    """An Atom feed of (url, title, ISO date, author) entries."""
    body = "".join(
        f"<entry><title>{t}</title><link href='{u}'/><id>{u}</id><published>{d}</published>"
        f"<updated>{d}</updated><author><name>{a}</name></author></entry>"
        for u, t, d, a in entries
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{title}</title><id>urn:test</id><updated>2026-12-02T00:00:00Z</updated>{body}</feed>"
    )


def news_sitemap(outlet: str, entries: list[tuple[str, str, str]]) -> str:
    """A news sitemap of (url, title, ISO date) entries."""
    body = "".join(
        f"<url><loc>{u}</loc><news:news><news:publication><news:name>{outlet}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{d}</news:publication_date><news:title>{t}</news:title>"
        "</news:news></url>"
        for u, t, d in entries
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><urlset "
        "xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{body}</urlset>"
    )
