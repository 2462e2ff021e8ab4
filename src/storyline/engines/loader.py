"""The one writer's side of a run, shared by every engine.

Whatever does the per-document work (this process, worker processes, Spark executors),
prepared documents come back here in input order. :class:`StoryLoader` decides what
each one is — new, changed, unchanged, a duplicate of another input, not English, too
long — records it in the run report and writes analyses to the store. Because every
engine goes through it, the same inputs give the same database whichever engine ran.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Literal

import storyline.ingest as ingest_package
from storyline import __version__
from storyline.document import Analysis, Document, RawArticle, Skipped
from storyline.nlp import MAX_LENGTH
from storyline.store import StoreWriter

# what happened to one input, for progress display and the run summary
Outcome = str  # "analysed", "reanalysed", "unchanged", "duplicate", "not_analysed", "skipped"
ProgressCallback = Callable[[str, Outcome], None]
Decision = Literal["analyse", "done"]


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


def needs_analysis(doc: Document, stored_pipeline: str | None, sig: str) -> bool:
    """Whether the NLP backbone and the stages must run on this document.

    Not when the store holds it analysed by the same chain, not for languages we do not
    analyse, not for texts longer than the backbone takes. A worker calls this before
    parsing; the loader decides again with the whole run in view.
    """
    return (
        stored_pipeline != pipeline_for(doc, sig) and doc.analysable and len(doc.text) <= MAX_LENGTH
    )


def pipeline_for(doc: Document, sig: str) -> str:
    """The chain signature a document is analysed by: ``sig`` (English's) or, for Russian
    and Chinese, that language's chain (:mod:`storyline.lang`)."""
    if doc.meta.language == "en" or not doc.analysable:
        return sig
    from storyline.lang import chain_signature

    return chain_signature(doc.meta.language)


def code_digest(salt: str, *packages: ModuleType, files: Sequence[Path] = ()) -> bytes:
    """A digest naming code: storyline's version, ``salt``, and the source of every module
    of ``packages`` and of ``files``. What was made by other code is made again."""
    digest = hashlib.sha256(f"{__version__}\0{salt}".encode())
    sources = [p for pkg in packages for p in sorted(Path(str(pkg.__file__)).parent.glob("*.py"))]
    for path in [*files, *sources]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


@functools.cache
def _ingest_key(sig: str) -> bytes:
    """Names the code an input goes through before it is stored: the sources of ``ingest/``
    and the stage chain."""
    return code_digest(sig, ingest_package)


def input_digest(raw: RawArticle, sig: str) -> str:
    """A digest of one input as read (content and given metadata) and of the code that
    would prepare and analyse it: equal digests give the same stored document."""
    fields = json.dumps(dataclasses.asdict(raw), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(_ingest_key(sig) + fields.encode()).hexdigest()[:32]


class StoryLoader:
    """Takes prepared inputs in input order, decides what each is and writes to the store."""

    def __init__(
        self,
        store: StoreWriter,
        sig: str,
        report: RunReport,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.store = store
        self.sig = sig
        self.report = report
        self.progress = progress or (lambda source, outcome: None)
        self.seen: dict[str, str] = {}  # doc id → source, within this run
        self.replacing: set[str] = set()
        self.extra_sources: list[tuple[str, str]] = []  # (doc id, another source that gave it)
        self.digests: dict[str, str] = {}  # source → digest of the input as read this run

    def fresh(self, items: Iterable[RawArticle | Skipped]) -> Iterator[RawArticle | Skipped]:
        """The inputs that must be prepared: an input read exactly as when it was stored
        (same content, metadata and code) is recorded as unchanged here, without cleaning,
        metadata or language detection."""
        for item in items:
            if isinstance(item, RawArticle):
                digest = input_digest(item, self.sig)
                doc_id = self.store.unchanged_input(item.source, digest)
                if doc_id is not None and doc_id not in self.seen:
                    self.seen[doc_id] = item.source
                    self.report.unchanged.append(item.source)
                    self.progress(item.source, "unchanged")
                    continue
                self.digests[item.source] = digest
            yield item

    def skip(self, item: Skipped) -> None:
        self.store.record_skipped(item)
        self.report.skipped.append(item)
        self.progress(item.source, "skipped")

    def decide(self, doc: Document) -> Decision:
        """``analyse`` when the document must be analysed and written; else it is done here."""
        store, report, sig = self.store, self.report, pipeline_for(doc, self.sig)
        stored = store.stored_pipeline(doc.id)
        first = self.seen.get(doc.id) or store.source_of(doc.id)
        if doc.id in self.seen or (stored == sig and first not in (None, doc.source)):
            # the same article again, from another input (or the same input twice)
            if first != doc.source:
                self.extra_sources.append((doc.id, doc.source))
                report.duplicates.append((doc.source, first or doc.source))
                self.progress(doc.source, "duplicate")
            return "done"
        self.seen[doc.id] = doc.source
        if stored == sig:
            report.unchanged.append(doc.source)
            self.progress(doc.source, "unchanged")
            return "done"
        if not doc.analysable:
            reason = (
                f"language '{doc.meta.language}' is not analysed (only English, Russian "
                "and Chinese are); "
                "the article is stored with its metadata"
            )
            store.write_analysis(Analysis(doc, pipeline=sig), status_reason=reason)
            report.not_analysed.append((doc.source, reason))
            self.progress(doc.source, "not_analysed")
            return "done"
        if len(doc.text) > MAX_LENGTH:
            self.skip(
                Skipped(
                    doc.source,
                    f"clean text has {len(doc.text):,} characters, more than the "
                    f"{MAX_LENGTH:,} the NLP backbone takes; split the article",
                )
            )
            return "done"
        if stored is not None:
            self.replacing.add(doc.id)
        return "analyse"

    def write(self, analysis: Analysis) -> None:
        """Store an analysis the loader decided to analyse."""
        self.store.write_analysis(analysis)
        doc = analysis.document
        if doc.id in self.replacing:
            self.report.reanalysed.append(doc.source)
            self.progress(doc.source, "reanalysed")
        else:
            self.report.analysed.append(doc.source)
            self.progress(doc.source, "analysed")

    def take(self, result: Analysis | Skipped) -> None:
        """Store an analysis, or record the skip of a document a stage failed on."""
        if isinstance(result, Skipped):
            self.skip(result)
        else:
            self.write(result)

    def finish(self) -> None:
        """Record the other inputs that gave documents already stored."""
        for doc_id, source in self.extra_sources:
            self.store.add_source(doc_id, source)
        self.store.set_input_digests(self.digests)
