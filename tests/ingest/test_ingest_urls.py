"""URLs: a real HTTP server on 127.0.0.1 in a thread, and a fake fetcher for the protocol."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from storyline.document import Document, RawArticle, Skipped
from storyline.errors import FetchError
from storyline.ingest import FetchedPage, Fetcher, HttpxFetcher, iter_inputs, prepare
from storyline.ingest.urls import USER_AGENT, fetch_input

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE_HTML = (FIXTURES / "news_page.html").read_bytes()
PLAIN = (
    "Voyager 1 crossed into interstellar space in August 2012\n\n"
    "Launched in September 1977, the probe became the first human-made object to leave the "
    "heliosphere, the bubble of charged particles blown out by the Sun.\n"
)


@dataclass
class Route:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        route = self.routes.get(self.path, Route(404, "text/plain", b"not found"))
        if route.delay:
            time.sleep(route.delay)
        try:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output quiet


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    agents: list[str]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server() -> Iterator[Server]:
    routes: dict[str, Route] = {}
    agents: list[str] = []
    handler = type("TestHandler", (Handler,), {"routes": routes, "seen_agents": agents})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        host, port = httpd.server_address[:2]
        yield Server(f"http://{host!s}:{port}", routes, agents)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def fetcher() -> Iterator[HttpxFetcher]:
    with HttpxFetcher(timeout=2.0) as f:
        yield f


def test_an_html_page_becomes_an_html_article(server: Server, fetcher: HttpxFetcher) -> None:
    server.routes["/story"] = Route(body=ARTICLE_HTML)
    result = fetch_input(server.url("/story"), fetcher)
    assert isinstance(result, RawArticle)
    assert (result.format, result.source, result.url) == (
        "html",
        server.url("/story"),
        server.url("/story"),
    )
    assert "Jezero Crater" in result.content
    assert server.agents == [USER_AGENT]
    document = prepare(result)
    assert isinstance(document, Document)
    assert document.meta.title == "Perseverance rover lands in Jezero Crater"


def test_a_text_page_becomes_a_text_article(server: Server, fetcher: HttpxFetcher) -> None:
    server.routes["/plain"] = Route(content_type="text/plain; charset=utf-8", body=PLAIN.encode())
    result = fetch_input(server.url("/plain"), fetcher)
    assert isinstance(result, RawArticle)
    assert (result.format, result.content) == ("text", PLAIN)


def test_redirects_are_followed_and_the_final_url_kept(
    server: Server, fetcher: HttpxFetcher
) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"}, content_type="")
    server.routes["/new"] = Route(content_type="text/plain", body=PLAIN.encode())
    result = fetch_input(server.url("/old"), fetcher)
    assert isinstance(result, RawArticle)
    assert (result.source, result.url) == (server.url("/old"), server.url("/new"))


def test_a_declared_charset_is_used(server: Server, fetcher: HttpxFetcher) -> None:
    text = "Le lac Baïkal est le plus profond du monde."
    server.routes["/fr"] = Route(
        content_type="text/plain; charset=iso-8859-1", body=text.encode("latin-1")
    )
    result = fetch_input(server.url("/fr"), fetcher)
    assert isinstance(result, RawArticle) and result.content == text


def test_http_error_status(server: Server, fetcher: HttpxFetcher) -> None:
    result = fetch_input(server.url("/missing"), fetcher)
    assert result == Skipped(
        server.url("/missing"), "the server answered HTTP 404 Not Found; check the URL"
    )


def test_too_large_body_is_refused(server: Server) -> None:
    server.routes["/big"] = Route(content_type="text/plain", body=b"x" * 50_000)
    with (
        HttpxFetcher(max_bytes=1000) as small,
        pytest.raises(FetchError, match=r"^the page is larger than 1000 bytes"),
    ):
        small.fetch(server.url("/big"))
    # also when the server does not announce the length up front (streamed)
    server.routes["/big2"] = Route(content_type="text/plain", body=b"y" * 50_000, length=False)
    with HttpxFetcher(max_bytes=1000) as small:
        small_result = fetch_input(server.url("/big2"), small)
    assert isinstance(small_result, Skipped)
    assert small_result.reason.startswith("the page is larger than 1000 bytes")


def test_non_text_content_type(server: Server, fetcher: HttpxFetcher) -> None:
    server.routes["/doc.pdf"] = Route(content_type="application/pdf", body=b"%PDF-1.4")
    result = fetch_input(server.url("/doc.pdf"), fetcher)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("not a text page (content type application/pdf)")
    server.routes["/style.css"] = Route(content_type="text/css", body=b"body{}")
    result = fetch_input(server.url("/style.css"), fetcher)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("not an article page (content type text/css)")


def test_timeout(server: Server) -> None:
    server.routes["/slow"] = Route(body=ARTICLE_HTML, delay=1.0)
    with HttpxFetcher(timeout=0.2) as quick:
        result = fetch_input(server.url("/slow"), quick)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("timed out: 127.0.0.1 did not answer within 0.2 s")


def test_connection_refused() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    results = list(iter_inputs([url]))  # the default fetcher, made and closed by iter_inputs
    assert results == [
        Skipped(url, "cannot reach 127.0.0.1 (connection refused); check the URL or your network")
    ]


# ------------------------------------------------------------------ the protocol


class FakeFetcher:
    def __init__(self, pages: dict[str, FetchedPage]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def fetch(self, url: str) -> FetchedPage:
        self.asked.append(url)
        if url not in self.pages:
            raise FetchError("cannot reach example.org (host name not found); check the URL")
        return self.pages[url]


def test_a_fake_fetcher_serves_iter_inputs(tmp_path: Path) -> None:
    (tmp_path / "local.txt").write_text(PLAIN, encoding="utf-8")
    page = FetchedPage("https://example.org/final", 200, "text/html", ARTICLE_HTML)
    fake = FakeFetcher({"https://example.org/story": page})
    checked: Fetcher = fake  # FakeFetcher satisfies the protocol
    results = list(
        iter_inputs(
            ["https://example.org/story", str(tmp_path / "local.txt"), "https://example.org/gone"],
            checked,
        )
    )
    assert fake.asked == ["https://example.org/story", "https://example.org/gone"]
    first, second, third = results
    assert isinstance(first, RawArticle) and first.url == "https://example.org/final"
    assert isinstance(second, RawArticle) and second.format == "text"
    assert third == Skipped(
        "https://example.org/gone", "cannot reach example.org (host name not found); check the URL"
    )


def test_empty_and_undecodable_pages() -> None:
    fake = FakeFetcher(
        {
            "http://a/empty": FetchedPage("http://a/empty", 200, "text/plain", b"  \n"),
            "http://a/bin": FetchedPage("http://a/bin", 200, "text/plain", b"\x00\x01" * 100),
        }
    )
    empty = fetch_input("http://a/empty", fake)
    assert isinstance(empty, Skipped) and empty.reason.startswith("the page is empty")
    binary = fetch_input("http://a/bin", fake)
    assert isinstance(binary, Skipped) and binary.reason.startswith("binary file")
