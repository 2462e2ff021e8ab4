"""The local engine: ingest → stages per document → store, then resolve across documents.

Per-document work (:func:`analyse_documents`) depends on one article only and is what a
worker process or a Spark executor runs. Cross-document work (:func:`resolve_story`)
reads what is stored and rebuilds the resolved views.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clock import Clock
from storyline.document import Analysis, Document, Skipped
from storyline.ingest import iter_inputs, prepare
from storyline.ingest.urls import Fetcher
from storyline.nlp import load_pipeline
from storyline.resolve.dating import TimeInfo
from storyline.resolve.dating import infer_dates as infer_document_dates
from storyline.resolve.entities import resolve_entities
from storyline.resolve.events import resolve_events
from storyline.resolve.figures import group_figures
from storyline.resolve.positions import aggregate_positions
from storyline.stages import default_chain
from storyline.stages.registry import StageSpec, run_stages, signature
from storyline.store import StoreWriter

BATCH_SIZE = 16

# what happened to one input, for progress display and the run summary
Outcome = str  # "analysed", "reanalysed", "unchanged", "duplicate", "not_analysed", "skipped"
ProgressCallback = Callable[[str, Outcome], None]


@dataclass
class RunReport:
    """What a run did with every input: the run summary."""

    analysed: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, stored as)
    not_analysed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    skipped: list[Skipped] = field(default_factory=list)
    entities: int = 0
    seconds: float = 0.0

    @property
    def stored_anything(self) -> bool:
        """True when the database now holds every article the inputs gave (exit code 0)."""
        return bool(self.analysed or self.reanalysed or self.unchanged or self.duplicates)


def analyse_documents(
    documents: Iterable[Document],
    specs: Sequence[StageSpec] | None = None,
    nlp: Any = None,
    batch_size: int | None = None,
) -> Iterator[Analysis]:
    """Parse documents in batches with the NLP backbone and run every stage on each.

    Pure per-document work: the result for a document depends on that document only.
    """
    specs = tuple(specs) if specs is not None else default_chain()
    nlp = nlp if nlp is not None else load_pipeline()
    sig = signature(specs)
    batch_size = batch_size or BATCH_SIZE
    batch: list[Document] = []

    def flush() -> Iterator[Analysis]:
        parses = nlp.pipe([d.text for d in batch], batch_size=batch_size)
        for doc, parse in zip(batch, parses, strict=True):
            yield Analysis(doc, pipeline=sig).with_layers(run_stages(specs, doc, parse))
        batch.clear()

    for doc in documents:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()


def resolve_story(store: StoreWriter, *, infer_dates: bool = True) -> int:
    """Rebuild every cross-document view from the stored annotations; returns entity count.

    Entities first: every other view refers to name mentions through the entity they
    resolve to. Then events; an undated article that reports an event dated elsewhere gets
    an inferred date (:mod:`storyline.resolve.dating`) and, when that date changed, its
    stages run again against it — the one time stored documents are re-analysed — and the
    story is resolved once more.
    """
    entities = resolve_entities(list(store.iter_mentions()))
    store.replace_entities(entities)
    index = store.entity_index()
    fields = store.document_fields()
    published = {doc: pub for doc, (pub, _) in fields.items()}
    outlets = {doc: outlet for doc, (_, outlet) in fields.items()}
    event_mentions = list(store.iter_event_mentions())
    events = resolve_events(event_mentions, index, published)
    if infer_dates:
        times = {key: TimeInfo(*row) for key, row in store.time_index().items()}
        inferred = infer_document_dates(event_mentions, events, published, times)
        changed = store.set_inferred_dates(
            {doc: (d.value, d.evidence) for doc, d in inferred.items()}
        )
        if changed:
            for analysis in analyse_documents(store.load_documents(changed)):
                store.write_analysis(analysis)
            return resolve_story(store, infer_dates=False)
    store.replace_views(
        aggregate_positions(list(store.iter_stances()), index),
        group_figures(list(store.iter_figures()), outlets),
        events,
    )
    return len(entities)


def analyze(
    paths: Sequence[str],
    db: str | Path,
    *,
    fetcher: Fetcher | None = None,
    clock: Clock | None = None,
    on_progress: ProgressCallback | None = None,
    batch_size: int | None = None,
) -> RunReport:
    """Analyse every article the paths give into the database at ``db``."""
    began = time.perf_counter()
    batch_size = batch_size or BATCH_SIZE
    specs = default_chain()  # checks the chain before anything starts
    sig = signature(specs)
    report = RunReport()
    progress = on_progress or (lambda source, outcome: None)
    with StoreWriter(db, clock) as store:
        seen: dict[str, str] = {}  # doc id → source, within this run
        pending: list[Document] = []
        replacing: set[str] = set()
        extra_sources: list[tuple[str, str]] = []  # (doc id, another source that gave it)

        def flush() -> None:
            for analysis in analyse_documents(pending, specs, batch_size=batch_size):
                store.write_analysis(analysis)
                doc = analysis.document
                if doc.id in replacing:
                    report.reanalysed.append(doc.source)
                    progress(doc.source, "reanalysed")
                else:
                    report.analysed.append(doc.source)
                    progress(doc.source, "analysed")
            pending.clear()

        def skip(item: Skipped) -> None:
            store.record_skipped(item)
            report.skipped.append(item)
            progress(item.source, "skipped")

        for item in iter_inputs(paths, fetcher):
            prepared = item if isinstance(item, Skipped) else prepare(item)
            if isinstance(prepared, Skipped):
                skip(prepared)
                continue
            doc = prepared
            stored = store.stored_pipeline(doc.id)
            first = seen.get(doc.id) or store.source_of(doc.id)
            if doc.id in seen or (stored == sig and first not in (None, doc.source)):
                # the same article again, from another input (or the same input twice)
                if first != doc.source:
                    extra_sources.append((doc.id, doc.source))
                    report.duplicates.append((doc.source, first or doc.source))
                    progress(doc.source, "duplicate")
                continue
            seen[doc.id] = doc.source
            if stored == sig:
                report.unchanged.append(doc.source)
                progress(doc.source, "unchanged")
                continue
            if not doc.analysable:
                reason = (
                    f"language '{doc.meta.language}' is not analysed (only English is); "
                    "the article is stored with its metadata"
                )
                store.write_analysis(Analysis(doc, pipeline=sig), status_reason=reason)
                report.not_analysed.append((doc.source, reason))
                progress(doc.source, "not_analysed")
                continue
            max_length = int(getattr(load_pipeline(), "max_length", 1_000_000))
            if len(doc.text) > max_length:
                skip(
                    Skipped(
                        doc.source,
                        f"clean text has {len(doc.text):,} characters, more than the "
                        f"{max_length:,} the NLP backbone takes; split the article",
                    )
                )
                continue
            if stored is not None:
                replacing.add(doc.id)
            pending.append(doc)
            if len(pending) >= batch_size:
                flush()
        if pending:
            flush()
        for doc_id, source in extra_sources:
            store.add_source(doc_id, source)
        report.entities = resolve_story(store)
    report.seconds = time.perf_counter() - began
    return report
