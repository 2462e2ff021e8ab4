"""Feeds and sitemaps read safely (written feeds, no network), canonical URLs, sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import BadSource, FeedError
from storyline.watch.canonical import canonical_url, page_canonical
from storyline.watch.feeds import parse_feed
from storyline.watch.poll import expand_sources
from storyline.watch.present import since_time
from tests.watch.site import atom, news_sitemap, rss


def test_rss_items_give_url_title_date_and_author() -> None:
    body = rss(
        "Port",
        [("http://a.test/one", "One &amp; two", "Wed, 02 Dec 2026 07:30:00 +0100", "Ivo Dane")],
    )
    parsed = parse_feed(body.encode(), "http://a.test/feed")
    assert parsed.kind == "rss"
    (entry,) = parsed.entries
    assert entry.url == "http://a.test/one"
    assert entry.title == "One & two"
    assert entry.published == "2026-12-02T06:30:00Z"  # in UTC
    assert entry.authors == ("Ivo Dane",)


def test_rss_author_email_and_permalink_guid() -> None:
    body = (
        "<rss version='2.0'><channel><item><title>T</title>"
        "<guid>http://a.test/by-guid</guid><author>desk@a.test (Ana Vale)</author></item>"
        "<item><title>no link</title><guid isPermaLink='false'>x1</guid></item>"
        "</channel></rss>"
    )
    (entry,) = parse_feed(body.encode(), "u").entries
    assert entry.url == "http://a.test/by-guid" and entry.authors == ("Ana Vale",)


def test_atom_entries() -> None:
    body = atom("A", [("http://a.test/x", "X", "2026-12-01T10:00:00Z", "Bo Lind")])
    parsed = parse_feed(body.encode(), "u")
    assert parsed.kind == "atom"
    (entry,) = parsed.entries
    assert (entry.url, entry.title, entry.published, entry.authors) == (
        "http://a.test/x",
        "X",
        "2026-12-01T10:00:00Z",
        ("Bo Lind",),
    )


def test_news_sitemap_gives_outlet_and_publication_date() -> None:
    body = news_sitemap("Ledger", [("http://a.test/n", "News", "2026-11-30T06:00:00Z")])
    (entry,) = parse_feed(body.encode(), "u").entries
    assert entry.outlet == "Ledger" and entry.published == "2026-11-30T06:00:00Z"
    assert entry.title == "News"


def test_plain_sitemap_keeps_only_entries_with_lastmod() -> None:
    body = (
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<url><loc>http://a.test/dated</loc><lastmod>2026-12-01</lastmod></url>"
        "<url><loc>http://a.test/about</loc></url></urlset>"
    )
    parsed = parse_feed(body.encode(), "u")
    assert parsed.kind == "sitemap"
    assert [(e.url, e.updated, e.published) for e in parsed.entries] == [
        ("http://a.test/dated", "2026-12-01", None)
    ]


def test_sitemap_index_lists_sitemaps() -> None:
    body = (
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<sitemap><loc>http://a.test/s1.xml</loc></sitemap>"
        "<sitemap><loc>http://a.test/s2.xml</loc></sitemap></sitemapindex>"
    )
    parsed = parse_feed(body.encode(), "u")
    assert parsed.kind == "sitemapindex" and parsed.sitemaps == (
        "http://a.test/s1.xml",
        "http://a.test/s2.xml",
    )


@pytest.mark.parametrize(
    "body",
    [
        # "billion laughs": entities that expand without bound
        "<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        "<rss><channel><item><title>&b;</title><link>http://a.test/</link></item></channel></rss>",
        # an external entity that would read a local file
        "<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        "<rss><channel><item><title>&x;</title><link>http://a.test/</link></item></channel></rss>",
    ],
)
def test_entity_declarations_are_refused(body: str) -> None:
    with pytest.raises(FeedError, match="declares entities"):
        parse_feed(body.encode(), "u")


def test_malformed_and_foreign_documents_fail_with_the_reason() -> None:
    with pytest.raises(FeedError, match="not well-formed XML"):
        parse_feed(b"<rss><channel>", "u")
    with pytest.raises(FeedError, match=r"root element <html>"):
        parse_feed(b"<html><body>hello</body></html>", "u")


def test_canonical_urls_drop_tracking_fragment_and_default_port() -> None:
    assert (
        canonical_url("HTTPS://News.Example.org:443/a/b?utm_source=rss&id=7&fbclid=x#top")
        == "https://news.example.org/a/b?id=7"
    )
    assert canonical_url("http://a.test/x?b=2&a=1") == canonical_url("http://a.test/x?a=1&b=2")
    assert canonical_url("http://a.test:8080") == "http://a.test:8080/"


def test_a_page_names_its_canonical_url() -> None:
    page = '<html><head><link href="/story?utm_medium=x" rel="canonical"></head></html>'
    assert page_canonical(page, "http://a.test/mirror/1") == "http://a.test/story"
    assert page_canonical("<html><head></head></html>", "http://a.test/") is None
    assert page_canonical('<link rel=canonical href="javascript:x">', "http://a.test/") is None


def test_sources_come_from_urls_and_listing_files(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# port story\nhttp://a.test/feed.xml\n\nhttp://b.test/sitemap.xml  # news\n",
        encoding="utf-8",
    )
    assert expand_sources([str(listing), "http://a.test/feed.xml"]) == [
        "http://a.test/feed.xml",
        "http://b.test/sitemap.xml",
    ]
    with pytest.raises(BadSource, match="no source"):
        expand_sources([])


def test_since_reads_dates_times_and_durations() -> None:
    from datetime import UTC, datetime

    from storyline.clock import FixedClock

    clock = FixedClock(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    assert since_time("2h", clock) == "2026-12-03T10:00:00+00:00"
    assert since_time("2026-12-01") == "2026-12-01T00:00:00+00:00"
    assert since_time("2026-12-01T10:00+01:00") == "2026-12-01T09:00:00+00:00"
