"""The local engine: ingest → stages per document → store, then resolve across documents.

Per-document work (:func:`analyse_documents`) depends on one article only and is what a
worker process or a Spark executor runs. Cross-document work (:func:`resolve_story`)
reads what is stored and rebuilds the resolved views.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from itertools import chain, islice
from pathlib import Path
from typing import Any

import storyline.resolve as resolve_package
import storyline.story_views as story_views_package
from storyline.clock import Clock
from storyline.document import (
    Analysis,
    CleanMode,
    Document,
    Entity,
    RawArticle,
    Skipped,
    StoredMention,
)
from storyline.engines.loader import (
    Outcome,
    ProgressCallback,
    RunReport,
    StoryLoader,
    code_digest,
)
from storyline.engines.workers import analyse_in_workers, prefetched
from storyline.errors import StageFailed
from storyline.ingest import iter_inputs, prepare
from storyline.ingest.urls import Fetcher
from storyline.lang import LANGUAGES
from storyline.lang import analyse as analyse_language
from storyline.nlp import load_pipeline
from storyline.resolve.copies import SIGNATURE_BYTES, Candidate, fingerprint, group_reports
from storyline.resolve.dating import TimeInfo, independent_mentions
from storyline.resolve.dating import infer_dates as infer_document_dates
from storyline.resolve.entities import resolve_entities
from storyline.resolve.event_dating import resolve_dated_events, without_soft_dates
from storyline.resolve.events import resolve_events
from storyline.resolve.figures import group_figures
from storyline.resolve.positions import aggregate_positions
from storyline.stages import default_chain
from storyline.stages.registry import StageSpec, run_stages, signature
from storyline.store import StoreWriter
from storyline.story_views.stored import refresh_story_views

BATCH_SIZE = 16

__all__ = [
    "BATCH_SIZE",
    "Outcome",
    "ProgressCallback",
    "RunReport",
    "analyse_documents",
    "analyze",
    "remove",
    "resolve_if_changed",
    "resolve_story",
]


def analyse_documents(
    documents: Iterable[Document],
    specs: Sequence[StageSpec] | None = None,
    nlp: Any = None,
    batch_size: int | None = None,
) -> Iterator[Analysis | Skipped]:
    """Parse documents in batches with the NLP backbone and run every stage on each.

    Pure per-document work: the result for a document depends on that document only. A
    stage that raises on a document gives a :class:`Skipped` for it (its reason names the
    stage and the error) in its place, and the other documents go on.
    """
    specs = tuple(specs) if specs is not None else default_chain()
    sig = signature(specs)
    batch_size = batch_size or BATCH_SIZE
    batch: list[Document] = []

    def flush() -> Iterator[Analysis | Skipped]:
        nonlocal nlp
        # Russian and Chinese go through their own backbone and chain (storyline.lang)
        english = [d for d in batch if d.meta.language not in LANGUAGES]
        if english and nlp is None:
            nlp = load_pipeline()
        parses = iter(nlp.pipe([d.text for d in english], batch_size=batch_size) if english else ())
        for doc in batch:
            if doc.meta.language in LANGUAGES:
                yield from analyse_language([doc])
                continue
            try:
                layers = run_stages(specs, doc, next(parses))
            except StageFailed as exc:
                yield Skipped(doc.source, str(exc))
                continue
            yield Analysis(doc, pipeline=sig).with_layers(layers)
        batch.clear()

    for doc in documents:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def resolve_story(
    store: StoreWriter,
    *,
    infer_dates: bool = True,
    known_entities: tuple[list[StoredMention], list[Entity]] | None = None,
) -> int:
    """Rebuild every cross-document view from the stored annotations; returns entity count.

    Entities first: every other view refers to name mentions through the entity they
    resolve to. Then events; an undated article that reports an event dated elsewhere gets
    an inferred date (:mod:`storyline.resolve.dating`) and, when that date changed, its
    stages run again against it — the one time stored documents are re-analysed — and the
    story is resolved once more (reusing the entities when no name mention changed).
    """
    mentions = list(store.iter_mentions())
    if known_entities is not None and known_entities[0] == mentions:
        entities = known_entities[1]
    else:
        entities = resolve_entities(mentions, store.reference_dates())
    store.replace_entities(entities)
    index = store.entity_index()
    fields = store.document_fields()
    published = {doc: pub for doc, (pub, _) in fields.items()}
    outlets = {doc: outlet for doc, (_, outlet) in fields.items()}
    pages = store.page_dates()
    # an undated page's header date is independent evidence of its year
    known = {d: pub or (pages[d][0][:4] if d in pages else None) for d, pub in published.items()}
    event_mentions = list(store.iter_event_mentions())
    events = resolve_dated_events(event_mentions, index, known)
    if infer_dates:
        times = {key: TimeInfo(*row) for key, row in store.time_index().items()}
        before = independent_mentions(without_soft_dates(event_mentions), published, times)
        inferred = infer_document_dates(
            before, resolve_events(before, index, known), published, times, pages
        )
        changed = store.set_inferred_dates(
            {doc: (d.value, d.evidence) for doc, d in inferred.items()}
        )
        if changed:
            for analysis in analyse_documents(store.load_documents(changed)):
                if isinstance(analysis, Analysis):  # a failure keeps the stored analysis
                    store.write_analysis(analysis)
            return resolve_story(store, infer_dates=False, known_entities=(mentions, entities))
    reports = resolve_reports(store)
    store.replace_views(
        aggregate_positions(list(store.iter_stances()), index),
        group_figures(list(store.iter_figures()), outlets, store.reference_dates(), reports),
        events,
    )
    refresh_story_views(store)  # the read model's precomputed views (brief, graph, counts)
    return len(entities)


@functools.cache
def resolution_key() -> str:
    """Names the resolution code: storyline's version and the sources of ``resolve/``,
    ``story_views/`` (the stored views) and this module, so an upgrade or a changed rule
    rebuilds the views on the next run."""
    digest = code_digest("", resolve_package, story_views_package, files=[Path(__file__)])
    return digest.hex()[:16]


def resolve_if_changed(store: StoreWriter) -> int:
    """Resolve the story unless the last finished resolution, by the same code, saw exactly
    the documents stored now (an unchanged re-run costs seconds); returns entity count."""
    key = resolution_key()
    if not store.resolution_current(key):
        resolve_story(store)
    return store.mark_resolved(key)


def resolve_reports(store: StoreWriter) -> dict[str, str]:
    """Group copies of one article into independent reports (:mod:`storyline.resolve.copies`);
    only documents analysed since the last run are read, to fingerprint them. Returns each
    document's report id."""
    store.add_missing_fingerprints(fingerprint, SIGNATURE_BYTES)
    reports, similarity = group_reports(Candidate(*row) for row in store.iter_fingerprints())
    store.replace_reports(reports, similarity)
    return {doc: report.id for report in reports for doc in report.documents}


def analyze(
    paths: Sequence[str],
    db: str | Path,
    *,
    fetcher: Fetcher | None = None,
    clock: Clock | None = None,
    on_progress: ProgressCallback | None = None,
    batch_size: int | None = None,
    workers: int = 1,
    clean: CleanMode | None = None,
) -> RunReport:
    """Analyse every article the paths give into the database at ``db``.

    Incremental: documents stored by the same stage chain are not analysed again, and the
    cross-document views are rebuilt from everything stored. With ``workers`` > 1, ingest,
    the NLP backbone and the stages run in that many processes while this one writes the
    store; a run with fewer inputs than ``workers × batch_size`` stays in this process,
    where starting workers would cost more than it saves. ``clean`` sets the cleaning
    mode of every input (None: by input kind, see :mod:`storyline.ingest`).
    """
    began = time.perf_counter()
    batch_size = batch_size or BATCH_SIZE
    specs = default_chain()  # checks the chain before anything starts
    sig = signature(specs)
    report = RunReport()
    with StoreWriter(db, clock) as store:
        loader = StoryLoader(store, sig, report, on_progress)
        items: Iterator[RawArticle | Skipped] = loader.fresh(iter_inputs(paths, fetcher, clean))
        head = list(islice(items, workers * batch_size)) if workers > 1 else []
        items = chain(head, items)
        with store.batched(documents=batch_size):
            if workers > 1 and len(head) >= workers * batch_size:
                results = analyse_in_workers(
                    items, db=store.path, sig=sig, workers=workers, batch_size=batch_size
                )
                with closing(results):  # an interrupt here stops the workers at once
                    for prepared, analysis in results:
                        if isinstance(prepared, Skipped):
                            loader.skip(prepared)
                        elif loader.decide(prepared) == "analyse":
                            # None: stored by another run since a worker looked
                            loader.take(analysis or next(analyse_documents([prepared], specs)))
            else:
                _analyse_here(loader, items, specs, batch_size)
            loader.finish()
        report.entities = resolve_if_changed(store)
    report.seconds = time.perf_counter() - began
    return report


def _analyse_here(
    loader: StoryLoader,
    items: Iterable[RawArticle | Skipped],
    specs: Sequence[StageSpec],
    batch_size: int,
) -> None:
    """Ingest and analyse in this process, parsing the documents in batches (the next
    articles are read and prepared in a thread meanwhile)."""
    pending: list[Document] = []

    def flush() -> None:
        for analysis in analyse_documents(pending, specs, batch_size=batch_size):
            loader.take(analysis)
        pending.clear()

    stream = (item if isinstance(item, Skipped) else prepare(item) for item in items)
    for prepared in prefetched(stream, 2 * batch_size):
        if isinstance(prepared, Skipped):
            loader.skip(prepared)
        elif loader.decide(prepared) == "analyse":
            pending.append(prepared)
            if len(pending) >= batch_size:
                flush()
    if pending:
        flush()


def remove(
    db: str | Path, source: str, *, clock: Clock | None = None
) -> tuple[list[str], list[str], int]:
    """Remove an input from the database and rebuild the cross-document views.

    ``source`` is a source as stored, a folder (every source under it), a JSONL file
    (every line of it) or a feed or sitemap ``storyline watch`` follows (every article it
    brought, and what the watcher keeps of it). Documents that no other source holds go
    with all their annotations. Returns (the sources removed, the documents deleted, the
    entity count).
    """
    from storyline.store.watch import WatchStore

    with StoreWriter(db, clock) as store:
        removed, deleted = store.remove_source(source)
        watch = WatchStore(store)
        feeds, brought = watch.feed_sources(source)
        if feeds:  # a watched feed: what it brought goes, and its state
            for article in brought:
                more, gone = store.remove_source(article)
                removed += more
                deleted += gone
            watch.forget_feed(feeds)
            removed += [f for f in feeds if f not in removed]
        entities = resolve_if_changed(store) if removed else 0
    return removed, deleted, entities
