"""One poll of the watched sources, and the loop of polls (``storyline watch``).

A poll: each source is fetched conditionally (a 304 costs nothing more); a feed or
sitemap that fails is recorded and reported, and the others go on. The article URLs
listed are made canonical; those seen before (stored, or failed too often) are not
fetched again. New pages are fetched in threads (polite per host, see
:mod:`storyline.watch.http`) while this thread cleans, analyses and stores them through
the same :class:`~storyline.engines.loader.StoryLoader` as ``analyze``. When the poll added
documents, the story is resolved again and the change set stored
(:mod:`storyline.watch.changes`).

Nothing is lost to Ctrl-C or SIGTERM: each article's URL row is written before its
document, in the same batch of savepoints; a stored document stays ``pending`` until a
change set names it, so a poll cut short is resolved and reported by the next one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

from storyline.clock import Clock, SystemClock
from storyline.document import Document, RawArticle, Skipped
from storyline.engines.loader import ProgressCallback, RunReport, StoryLoader
from storyline.engines.local import BATCH_SIZE, analyse_documents, resolve_if_changed
from storyline.errors import BadSource, FeedError, FetchError
from storyline.ingest import prepare
from storyline.ingest.urls import fetch_input, is_url
from storyline.stages import default_chain
from storyline.stages.registry import signature
from storyline.store import StoreWriter
from storyline.store.lock import writer_lock
from storyline.store.watch import SourceState, WatchStore
from storyline.watch.canonical import canonical_url, page_canonical
from storyline.watch.changes import compute_changes
from storyline.watch.feeds import FeedEntry, parse_feed
from storyline.watch.http import WatchFetcher

MAX_SITEMAPS = 200
"""Sitemaps read from one index at most per poll."""


@dataclass(slots=True)
class SourceReport:
    """What one watched source gave this poll."""

    url: str
    outcome: str  # "read", "not modified", "failed"
    kind: str | None = None
    entries: int = 0
    new: int = 0
    error: str | None = None
    failures: int = 0


@dataclass(slots=True)
class PollReport:
    """What one poll did: per source, per article, and the change set."""

    at: str = ""
    sources: list[SourceReport] = field(default_factory=list)
    run: RunReport = field(default_factory=RunReport)
    fetched: int = 0  # article pages requested (robots.txt refusals not counted)
    seen_before: int = 0  # listed articles not fetched: stored or tried before
    requests: int = 0  # HTTP requests sent (feeds, robots.txt, pages, retries)
    new_documents: int = 0  # documents in this poll's change set
    changes: int = 0
    change_set: int | None = None
    seconds: float = 0.0


def expand_sources(values: Sequence[str]) -> list[str]:
    """URLs as given, and the URLs listed in files (one a line, ``#`` comments)."""
    found: list[str] = []
    for value in values:
        if is_url(value):
            found.append(value.strip())
            continue
        path = Path(value)
        if not path.is_file():
            raise BadSource(
                f"{value}: neither an http(s) URL nor a file listing feed URLs; check it"
            )
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BadSource(f"{value}: cannot read it ({exc}); give a UTF-8 text file") from None
        for number, line in enumerate(lines, start=1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            if not is_url(text):
                raise BadSource(
                    f"{value}:{number}: {text!r} is not an http(s) URL; one feed URL a line"
                )
            found.append(text)
    if not found:
        raise BadSource("no source to watch; give feed or sitemap URLs, or a file listing them")
    return list(dict.fromkeys(found))


class Poller:
    """Polls sources into one database; the fetcher is shared by the polls of a run."""

    def __init__(
        self,
        db: str | Path,
        fetcher: WatchFetcher,
        *,
        clock: Clock | None = None,
        threads: int = 8,
        batch_size: int = BATCH_SIZE,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.db = Path(db)
        self.fetcher = fetcher
        self.clock = clock or SystemClock()
        self.threads = threads
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.specs = default_chain()

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def poll(self, sources: Sequence[str]) -> PollReport:
        began = time.perf_counter()
        requests = self.fetcher.requests
        self.fetcher.forget_robots()
        report = PollReport()
        with StoreWriter(self.db, self.clock) as store:
            watch = WatchStore(store)
            listed, answered = self._read_sources(watch, sources, report)
            todo = self._new_articles(watch, listed, report)
            loader = StoryLoader(store, signature(self.specs), report.run, self.on_progress)
            with store.batched(documents=self.batch_size):
                retry = self._fetch_and_analyse(watch, loader, todo, report)
                loader.finish()
            # validators only now: a poll cut short reads its feeds in full next time, and
            # a feed with articles to try again is not answered 304 before they are
            for state in answered:
                keep = state.url not in retry
                watch.source_ok(
                    state.url,
                    kind=state.kind,
                    parent=state.parent,
                    etag=state.etag if keep else None,
                    last_modified=state.last_modified if keep else None,
                    status=state.last_status or 200,
                    now=self._now(),
                )
            pending = watch.pending_documents()
            if pending:
                before = watch.snapshot()
                report.run.entities = resolve_if_changed(store)
                changes = compute_changes(watch, before, pending)
                report.at = self._now()
                report.change_set = watch.store_changes(report.at, pending, changes)
                report.new_documents, report.changes = len(pending), len(changes)
        report.at = report.at or self._now()
        report.requests = self.fetcher.requests - requests
        report.seconds = time.perf_counter() - began
        report.run.seconds = report.seconds
        return report

    # ---------------------------------------------------------------- sources

    def _read_sources(
        self, watch: WatchStore, sources: Sequence[str], report: PollReport
    ) -> tuple[list[tuple[str, FeedEntry]], list[SourceState]]:
        """Every entry the sources list, and the sources that answered (their validators
        to store once the poll is done)."""
        listed: list[tuple[str, FeedEntry]] = []
        answered: list[SourceState] = []
        queue: list[tuple[str, str | None]] = [(s, None) for s in sources]
        children = 0
        visited: set[str] = set()
        for url, parent in queue:
            if url in visited:  # a sitemap named directly and listed by an index too
                continue
            visited.add(url)
            state = watch.source(url)
            item = SourceReport(url, "read", kind=state.kind if state else None)
            report.sources.append(item)
            try:
                answer = self.fetcher.get(
                    url,
                    etag=state.etag if state else None,
                    last_modified=state.last_modified if state else None,
                )
                if answer.status == 304 and state is not None:
                    item.outcome = "not modified"
                    answered.append(replace(state, parent=parent, last_status=304))
                    if state.kind == "sitemapindex":  # the sitemaps it listed may have changed
                        for child in watch.children(url)[:MAX_SITEMAPS]:
                            queue.append((child, url))
                    continue
                parsed = parse_feed(answer.body, url)
            except (FetchError, FeedError) as exc:
                item.outcome, item.error = "failed", str(exc)
                item.failures = watch.source_failed(
                    url, parent=parent, status=None, error=str(exc), now=self._now()
                )
                continue
            item.kind, item.entries = parsed.kind, len(parsed.entries)
            answered.append(
                SourceState(
                    url,
                    parsed.kind,
                    parent,
                    answer.etag,
                    answer.last_modified,
                    None,
                    None,
                    answer.status,
                    0,
                    None,
                )
            )
            base = answer.url or url
            listed_maps = [urljoin(base, child) for child in parsed.sitemaps]
            if parsed.kind == "sitemapindex":
                watch.source_ok(  # its children name it as their parent
                    url,
                    kind=parsed.kind,
                    parent=parent,
                    etag=state.etag if state else None,
                    last_modified=state.last_modified if state else None,
                    status=answer.status,
                    now=self._now(),
                )
                watch.drop_children(url, listed_maps)
            for child in listed_maps:
                if children < MAX_SITEMAPS:
                    queue.append((child, url))
                    children += 1
            listed.extend((url, replace(e, url=urljoin(base, e.url))) for e in parsed.entries)
        return listed, answered

    def _new_articles(
        self, watch: WatchStore, listed: list[tuple[str, FeedEntry]], report: PollReport
    ) -> list[tuple[str, str, FeedEntry]]:
        """(feed, canonical URL, entry) of every article not seen before, each once."""
        todo: dict[str, tuple[str, str, FeedEntry]] = {}
        new_per_feed: dict[str, int] = {}
        for feed, entry in listed:
            if not is_url(entry.url):
                continue
            canon = canonical_url(entry.url)
            if canon in todo:
                continue
            if watch.known(canon) or watch.known_document_url(canon):
                report.seen_before += 1
                continue
            todo[canon] = (feed, canon, entry)
            new_per_feed[feed] = new_per_feed.get(feed, 0) + 1
        for item in report.sources:
            item.new = new_per_feed.get(item.url, 0)
        return list(todo.values())

    # --------------------------------------------------------------- articles

    def _fetch(self, canon: str, entry: FeedEntry) -> RawArticle | Skipped:
        try:
            refusal = self.fetcher.robots_refusal(entry.url)
        except FetchError as exc:
            return Skipped(canon, str(exc))
        if refusal is not None:
            return Skipped(canon, refusal, action="disallowed")
        got = fetch_input(entry.url, self.fetcher)
        if isinstance(got, Skipped):
            return Skipped(canon, got.reason)
        return replace(
            got,
            source=canon,
            title=entry.title,
            published=entry.published,
            authors=entry.authors,
            outlet=entry.outlet,
        )

    def _fetched(
        self, todo: list[tuple[str, str, FeedEntry]]
    ) -> Iterator[tuple[str, str, RawArticle | Skipped]]:
        """Fetch the pages in threads; yield them in listing order."""
        pool = ThreadPoolExecutor(max_workers=max(1, self.threads), thread_name_prefix="watch")
        futures: list[tuple[str, str, Future[RawArticle | Skipped]]] = [
            (feed, canon, pool.submit(self._fetch, canon, entry)) for feed, canon, entry in todo
        ]
        try:
            for feed, canon, future in futures:
                yield feed, canon, future.result()
        finally:  # on an interrupt, pages not yet requested are not requested
            pool.shutdown(wait=False, cancel_futures=True)

    def _fetch_and_analyse(
        self,
        watch: WatchStore,
        loader: StoryLoader,
        todo: list[tuple[str, str, FeedEntry]],
        report: PollReport,
    ) -> set[str]:
        """Fetch, analyse and store the new articles; returns the feeds with an article
        that failed and is to be tried again."""
        pending: list[tuple[str, str, Document]] = []
        retry: set[str] = set()

        def flush() -> None:
            for (feed, canon, doc), analysis in zip(
                pending,
                analyse_documents(
                    [d for _, _, d in pending], self.specs, batch_size=self.batch_size
                ),
                strict=True,
            ):
                if isinstance(analysis, Skipped):  # a stage failed on this article
                    loader.skip(analysis)
                    watch.article(
                        canon,
                        feed,
                        status="failed",
                        doc_id=None,
                        reason=analysis.reason,
                        now=self._now(),
                    )
                    continue
                # the URL row first: a document is never stored without it
                watch.article(
                    canon, feed, status="pending", doc_id=doc.id, reason=None, now=self._now()
                )
                loader.write(analysis)
            pending.clear()

        for feed, canon, got in self._fetched(todo):
            now = self._now()
            if not (isinstance(got, Skipped) and got.action == "disallowed"):
                report.fetched += 1  # requested (a page robots.txt disallows is not)
            if isinstance(got, Skipped):
                loader.skip(got)
                status = "done" if got.action == "disallowed" else "failed"  # robots.txt: never
                watch.article(canon, feed, status=status, doc_id=None, reason=got.reason, now=now)
                if not watch.known(canon):
                    retry.add(feed)
                continue
            declared = page_canonical(got.content, got.url or canon)
            if declared and declared != canon and watch.known(declared):
                watch.article(
                    canon,
                    feed,
                    status="done",
                    doc_id=None,
                    reason=f"same page as {declared}",
                    now=now,
                )
                report.seen_before += 1
                continue
            prepared = prepare(got)
            if isinstance(prepared, Skipped):
                loader.skip(prepared)
                watch.article(
                    canon, feed, status="done", doc_id=None, reason=prepared.reason, now=now
                )
                continue
            if loader.decide(prepared) == "analyse":
                pending.append((feed, canon, prepared))
                if len(pending) >= self.batch_size:
                    flush()
            else:
                watch.article(canon, feed, status="done", doc_id=prepared.id, reason=None, now=now)
        if pending:
            flush()
        return retry


def watch_loop(
    poller: Poller,
    sources: Sequence[str],
    *,
    once: bool,
    every: float,
    on_poll: Callable[[PollReport], None],
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Poll once, or every ``every`` seconds until interrupted, holding the writer's lock.

    Returns the number of polls made. Ctrl-C (or SIGTERM, under
    :func:`~storyline.engines.signals.stop_on_signals`) between polls ends the sleep;
    during a poll it rolls back only the write in progress."""
    polls = 0
    with writer_lock(poller.db, "storyline watch"):
        while True:
            started = time.monotonic()
            on_poll(poller.poll(sources))
            polls += 1
            if once:
                return polls
            sleep(max(0.0, every - (time.monotonic() - started)))
