"""The polite fetcher against a real server on 127.0.0.1: conditional requests, the
per-host rate limit and in-flight cap, robots.txt, retries with backoff, size caps."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator

import pytest

from storyline.errors import FetchError
from storyline.watch.http import PoliteFetcher
from tests.watch.site import Site, serving


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    with serving(s):
        yield s


def test_conditional_requests_get_304(site: Site) -> None:
    site.put("/feed.xml", "<rss/>", content_type="application/rss+xml")
    with PoliteFetcher(rate=100) as fetcher:
        first = fetcher.get(f"{site.base}/feed.xml")
        assert first.status == 200 and first.etag and first.last_modified
        again = fetcher.get(
            f"{site.base}/feed.xml", etag=first.etag, last_modified=first.last_modified
        )
    assert again.status == 304 and again.body == b""
    (_, _, headers) = site.requests()[-1]
    assert headers["if-none-match"] == first.etag
    assert headers["user-agent"].startswith("storyline/")


def test_requests_to_one_host_keep_the_rate(site: Site) -> None:
    site.put("/a", "x", content_type="text/plain")
    with PoliteFetcher(rate=5) as fetcher:  # one request per 0.2 s
        started = time.monotonic()
        for _ in range(4):
            fetcher.get(f"{site.base}/a")
        took = time.monotonic() - started
    assert took >= 0.55, took


def test_requests_in_flight_to_one_host_are_capped(site: Site) -> None:
    site.put("/slow", "x", content_type="text/plain", delay=0.3)
    with PoliteFetcher(rate=1000, per_host=2) as fetcher:
        threads = [
            threading.Thread(target=fetcher.get, args=(f"{site.base}/slow",)) for _ in range(6)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert site.max_in_flight == 2


def test_server_errors_are_retried_with_backoff(site: Site) -> None:
    site.put("/busy", "finally", content_type="text/plain", failures_left=2)
    waits: list[float] = []
    with PoliteFetcher(rate=1000, retries=2, backoff=0.01, sleep=waits.append) as fetcher:
        answer = fetcher.get(f"{site.base}/busy")
    assert answer.body == b"finally"
    assert len(site.requests("/busy")) == 3
    assert [w for w in waits if w >= 0.01] == [0.01, 0.02]  # exponential
    site.put("/down", "no", status=500, content_type="text/plain")
    with (
        PoliteFetcher(rate=1000, retries=1, backoff=0.01) as fetcher,
        pytest.raises(FetchError, match=r"HTTP 500 .*after 2 tries"),
    ):
        fetcher.get(f"{site.base}/down")


def test_robots_txt_is_respected_for_article_pages(site: Site) -> None:
    site.put(
        "/robots.txt",
        "User-agent: storyline\nDisallow: /members/\n\nUser-agent: *\nDisallow: /\n",
        content_type="text/plain",
    )
    site.put("/members/story", "secret", content_type="text/html")
    site.put("/news/story", "<p>open</p>", content_type="text/html")
    with PoliteFetcher(rate=1000) as fetcher:
        assert fetcher.fetch(f"{site.base}/news/story").body == b"<p>open</p>"
        with pytest.raises(FetchError, match=r"robots\.txt .* disallows"):
            fetcher.fetch(f"{site.base}/members/story")
        fetcher.fetch(f"{site.base}/news/story")
    assert len(site.requests("/robots.txt")) == 1  # read once per host
    assert not site.requests("/members/story")


def test_an_unreadable_robots_txt_keeps_the_host_out(site: Site) -> None:
    site.put("/robots.txt", "oops", status=500, content_type="text/plain")
    site.put("/news/story", "<p>x</p>", content_type="text/html")
    with (
        PoliteFetcher(rate=1000, retries=0) as fetcher,
        pytest.raises(FetchError, match=r"robots\.txt .* cannot be read"),
    ):
        fetcher.fetch(f"{site.base}/news/story")
    assert not site.requests("/news/story")


def test_a_missing_robots_txt_allows_everything_and_crawl_delay_slows(site: Site) -> None:
    site.put("/news/story", "<p>x</p>", content_type="text/html")
    with PoliteFetcher(rate=1000) as fetcher:
        fetcher.fetch(f"{site.base}/news/story")  # robots.txt answers 404
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    with PoliteFetcher(rate=1000) as fetcher:
        started = time.monotonic()
        for _ in range(2):
            fetcher.fetch(f"{site.base}/news/story")
        assert time.monotonic() - started >= 0.95  # robots.txt asks one second apart


def test_size_cap_and_gzipped_sitemaps(site: Site) -> None:
    site.put("/big", "x" * 5000, content_type="text/plain")
    with (
        PoliteFetcher(rate=1000, max_bytes=1000) as fetcher,
        pytest.raises(FetchError, match="larger than"),
    ):
        fetcher.get(f"{site.base}/big")
    site.put("/s.xml.gz", gzip.compress(b"<urlset/>"), content_type="application/x-gzip")
    with PoliteFetcher(rate=1000) as fetcher:
        assert fetcher.get(f"{site.base}/s.xml.gz").body == b"<urlset/>"
