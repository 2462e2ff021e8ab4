"""Fixtures of the watch tests: a news site on 127.0.0.1 that changes between polls, and
the database three real ``storyline watch --once`` runs build from it (shared by the CLI
and web tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from tests.watch.site import Site, atom, news_sitemap, rss, serving
from tests.watch.story import PAGES_POLL_ONE, PAGES_POLL_TWO, article_page

HEALTHY = ("/feed.xml", "/atom.xml", "/sitemap-index.xml", "/news-sitemap.xml")
OPTIONS = ("--once", "--timeout", "1", "--retries", "1", "--rate", "50")


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@dataclass
class Polls:
    site: Site
    base: str
    db: Path
    sources: Path
    outputs: list[str]
    requests: list[list[tuple[str, str, dict[str, str]]]]

    def watch(self) -> str:
        self.site.clear_log()
        result = run(
            "watch", str(self.sources), f"{self.base}/atom.xml", "--db", str(self.db), *OPTIONS
        )
        assert result.exit_code == 0, result.output
        self.outputs.append(result.output)
        self.requests.append(self.site.requests())
        return result.output


def _rss_items(base: str, poll: int) -> list[tuple[str, str, str, str]]:
    items = []
    for path, (_, title, _, _) in PAGES_POLL_ONE.items():
        if poll == 2 and path.startswith("harbour"):
            title = "Updated: " + title  # an updated item: same URL, new title
        items.append(
            (
                f"{base}/{path}?utm_source=rss&amp;utm_medium=feed",
                title,
                "Mon, 30 Nov 2026 08:00:00 GMT",
                "Mara Olsen",
            )
        )
    if poll == 2:
        for path, (_, title, _, _) in PAGES_POLL_TWO.items():
            items.append((f"{base}/{path}", title, "Wed, 02 Dec 2026 07:30:00 GMT", "Ivo Dane"))
            items.append(
                (f"{base}/{path}?fbclid=x1y2", title, "Wed, 02 Dec 2026 07:30:00 GMT", "Ivo Dane")
            )
    return items


@pytest.fixture(scope="session")
def polls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Polls]:
    tmp = tmp_path_factory.mktemp("watch")
    site = Site()
    with serving(site) as base:
        site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        for path, (outlet, title, date, text) in {**PAGES_POLL_ONE, **PAGES_POLL_TWO}.items():
            site.put(f"/{path}", article_page(outlet, title, date, text))
        site.put("/private/leak", article_page("Harbour Post", "x", "2026-11-30", "Secret."))
        site.put(
            "/feed.xml", rss("Port news", _rss_items(base, 1)), content_type="application/rss+xml"
        )
        site.put(
            "/atom.xml",
            atom(
                "Harbour Post",
                [
                    (
                        f"{base}/harbour/strike-begins?utm_campaign=atom",
                        "Dockers strike",
                        "2026-11-30T08:00:00Z",
                        "Mara Olsen",
                    ),
                    (f"{base}/private/leak", "Leak", "2026-11-30T09:00:00Z", "Nobody"),
                ],
            ),
            content_type="application/atom+xml",
        )
        site.put(
            "/news-sitemap.xml",
            news_sitemap(
                "Kessmark Ledger",
                [(f"{base}/ledger/cargo-stops", "Cargo stops", "2026-11-30T06:00:00Z")],
            ),
            content_type="application/xml",
        )
        site.put(
            "/sitemap-index.xml",
            "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<sitemap><loc>{base}/news-sitemap.xml</loc></sitemap></sitemapindex>",
            content_type="application/xml",
        )
        site.put(
            "/broken.xml", "<rss><channel><item><title>cut off", content_type="application/rss+xml"
        )
        site.put("/down.xml", "server trouble", status=500, content_type="text/plain")
        site.put("/slow.xml", rss("Slow", []), delay=2.5, content_type="application/rss+xml")
        sources = tmp / "sources.txt"
        sources.write_text(
            "# the feeds of the port story\n"
            + "".join(
                f"{base}{p}\n"
                for p in (
                    "/feed.xml",
                    "/sitemap-index.xml",
                    "/broken.xml",
                    "/down.xml",
                    "/slow.xml",
                )
            ),
            encoding="utf-8",
        )
        state = Polls(site, base, tmp / "story.db", sources, [], [])
        state.watch()
        # between polls: new items (one listed twice), an updated item, the 500 recovers
        # and lists a mirror of a stored article (its page names the original as canonical)
        site.put(
            "/feed.xml", rss("Port news", _rss_items(base, 2)), content_type="application/rss+xml"
        )
        outlet, title, date, text = PAGES_POLL_ONE["ledger/cargo-stops"]
        site.put(
            "/mirror/cargo",
            article_page(outlet, title, date, text, canonical=f"{base}/ledger/cargo-stops"),
        )
        site.put(
            "/down.xml",
            rss(
                "Mirror", [(f"{base}/mirror/cargo", title, "Mon, 30 Nov 2026 09:00:00 GMT", "Wire")]
            ),
            content_type="application/rss+xml",
        )
        state.watch()
        state.watch()  # nothing new
        yield state
