"""The poller over a fake fetcher (no network, no NLP): failing sources do not stop the
others, a feed with an article to try again is read in full, an article that failed
three times is left alone and its feed asked conditionally again."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import FetchError
from storyline.ingest.urls import FetchedPage
from storyline.watch.http import Answer
from storyline.watch.poll import Poller
from tests.watch.site import rss

FEED = "http://news.test/feed.xml"
GONE = "http://news.test/gone"


@dataclass
class FakeFetcher:
    """Answers from a table; a FetchError in it is raised. Records what was asked."""

    answers: dict[str, Answer | FetchError]
    asked: list[tuple[str, str | None]] = field(default_factory=list)
    requests: int = 0

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
    ) -> Answer:
        self.requests += 1
        self.asked.append((url, etag))
        found = self.answers.get(url, FetchError("the server answered HTTP 404 Not Found"))
        if isinstance(found, FetchError):
            raise found
        if etag is not None and etag == found.etag:
            return Answer(url, 304, "", b"", None, None)
        return found

    def fetch(self, url: str) -> FetchedPage:
        answer = self.get(url)
        return FetchedPage(answer.url, answer.status, answer.content_type, answer.body)

    def robots_refusal(self, url: str) -> str | None:
        return None

    def forget_robots(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_failures_are_reported_retried_and_given_up(tmp_path: Path) -> None:
    feed = rss("News", [(GONE, "Gone", "Mon, 30 Nov 2026 08:00:00 GMT", "Desk")]).encode()
    fake = FakeFetcher(
        {
            FEED: Answer(FEED, 200, "application/rss+xml", feed, '"v1"', None),
            "http://down.test/feed.xml": FetchError("cannot reach down.test (refused)"),
            "http://bad.test/feed.xml": Answer(
                "http://bad.test/feed.xml", 200, "", b"<rss", None, None
            ),
        }
    )
    poller = Poller(tmp_path / "s.db", fake)
    sources = [FEED, "http://down.test/feed.xml", "http://bad.test/feed.xml"]
    for attempt in range(1, 4):
        report = poller.poll(sources)
        outcomes = {s.url: s.outcome for s in report.sources}
        assert outcomes == {
            FEED: "read",
            "http://down.test/feed.xml": "failed",
            "http://bad.test/feed.xml": "failed",
        }
        assert report.fetched == 1 and report.change_set is None
        assert [s.failures for s in report.sources][1:] == [attempt, attempt]
        # the article to try again: the feed is asked without its validator
        assert (FEED, None) in fake.asked
        fake.asked.clear()
    # three failures: the article is left alone, and the feed is asked conditionally
    report = poller.poll(sources)
    assert (FEED, '"v1"') in fake.asked
    assert report.sources[0].outcome == "not modified" and report.fetched == 0
    assert not any(url == GONE for url, _ in fake.asked)
