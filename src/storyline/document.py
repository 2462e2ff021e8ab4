"""The core model: articles as they arrive, documents with clean text, and annotations.

Every annotation is a span of character offsets into ``Document.text`` (Python string
indices, end exclusive), so ``document.text[a.start:a.end]`` is always its evidence.
All classes are frozen and slotted: stages never mutate, they return new annotations.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

# --------------------------------------------------------------------------- inputs

InputFormat = Literal["text", "html"]
# how ingest cleans an article's text: ``full`` for scraped pages and text (drop the site
# around the article), ``light`` for text already extracted (drop only unmistakable
# chrome), ``none`` (the text as given, whitespace normalised); see storyline.ingest.clean
CleanMode = Literal["full", "light", "none"]
CLEAN_MODES: tuple[CleanMode, ...] = ("full", "light", "none")


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as ingested, before cleaning: its content and any metadata given with it.

    ``source`` names where it came from so a user can find it again: a file path, a URL,
    or ``path:LINE`` for a JSONL line. Metadata given explicitly (JSONL fields) wins over
    anything found in the content.
    """

    source: str
    content: str
    format: InputFormat
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    clean: CleanMode | None = None  # None: by input kind (full; JSONL text lines say light)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not analysed, with the reason (cause and what to do) and the action."""

    source: str
    reason: str
    action: str = "skipped"


# ------------------------------------------------------------------------- documents

DateOrigin = Literal[
    "given", "html-metadata", "text-cue", "page-header", "url", "byline", "dateline"
]


@dataclass(frozen=True, slots=True)
class DateClaim:
    """A date the article's content claims, with where it was read, so a user can judge it.

    ``value`` is an ISO 8601 prefix (``2022``, ``2022-03``, ``2022-03-02``); ``evidence`` is
    the raw text or metadata field it was read from. A bare date in a page header may be
    the day the page was rendered, not published: its origin is ``page-header``. A
    dateline opening the story ("LAGOS, 2 June 2024 -") has origin ``dateline``; when it
    leaves out the year, the evidence says where the year was taken from.
    """

    value: str
    origin: DateOrigin
    evidence: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What cleaning found out about an article besides its text."""

    title: str | None = None
    outlet: str | None = None
    outlet_origin: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    published_origin: DateOrigin | None = None
    dates: tuple[DateClaim, ...] = ()
    language: str = "en"
    url: str | None = None
    # an undated article's date inferred from other articles about the same event (see
    # :mod:`storyline.resolve.dating`); ``published`` stays what the article itself says
    inferred_date: str | None = None
    inferred_from: str | None = None
    cleaning: CleanMode | None = None  # how ingest cleaned the text (None: not recorded)

    @property
    def reference_date(self) -> str | None:
        """The date relative expressions ("on Friday", "last year") are resolved against."""
        return self.published or self.inferred_date


@dataclass(frozen=True, slots=True)
class Document:
    """An article with clean text (no site chrome) and its metadata.

    ``id`` is a content hash of the clean text (see :func:`document_id`), so the same
    article ingested twice, from any source, is one document.
    """

    id: str
    source: str
    text: str
    meta: Metadata

    @property
    def analysable(self) -> bool:
        """English, Russian and Chinese articles are analysed (see :mod:`storyline.lang`);
        others are stored and reported as such."""
        return self.meta.language in ANALYSED_LANGUAGES


# the languages analysed: English by spaCy, the others by storyline.lang's backbones
ANALYSED_LANGUAGES = frozenset({"en", "ru", "zh"})
_WS = re.compile(r"\s+")


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of the parts (joined with a separator that text cannot contain)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def document_id(clean_text: str) -> str:
    """The stable id of a document: a hash of its clean text, case- and whitespace-folded."""
    return "d_" + content_hash(_WS.sub(" ", clean_text).strip().casefold())


# ----------------------------------------------------------------------- annotations


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the clean text."""

    start: int
    end: int


EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "WORK", "OTHER"]
ENTITY_TYPES: tuple[EntityType, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "EVENT",
    "WORK",
    "OTHER",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an actor in one document.

    The span covers the name only: titles and possessives are outside it ("President
    Vladimir Putin's" → ``Vladimir Putin``). ``name`` is the surface form normalised for
    matching (quotes and spacing folded). ``kb_id`` and ``canonical`` are set when the
    gazetteer recognised the name; ``origin`` says what found it (``gazetteer``, ``ner``).
    ``role`` keeps a title seen with the name ("President", "Foreign Minister") as a hint
    for resolution.
    """

    start: int
    end: int
    text: str
    label: EntityType
    name: str
    kb_id: str | None = None
    canonical: str | None = None
    origin: str = "ner"
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: a direct quotation or reported speech.

    ``start``/``end`` cover the quoted words without the quote marks (for reported speech,
    the reported clause). ``speaker_start``/``speaker_end`` point at the name mention that
    identifies the speaker (for "he said", the antecedent's mention), or are None;
    ``speaker_text`` is how the speaker is written next to the quote ("he", "Zhang", "the
    Kremlin"). ``cue`` is the speech verb or phrase ("said", "according to").
    ``speaker_via`` says how the speaker was found (one of :data:`SPEAKER_VIA`, or None
    when there is no speaker).
    """

    start: int
    end: int
    text: str
    direct: bool
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    speaker_via: str | None = None


# How a quote's speaker was found: named next to the cue ("name"); through an apposition
# or a title given with the name earlier ("apposition", "title": "the Russian leader" →
# "Russian President Vladimir Putin"); a description left without a person ("description");
# a pronoun ("pronoun"); a quote continuing the previous speaker's turn ("turn"); the office
# holder the gazetteer knows for the article's date ("office_holder"); a body or a document
# speaking for several ("collective": a joint statement, "the two countries").
SPEAKER_VIA = (
    "name",
    "apposition",
    "title",
    "description",
    "pronoun",
    "turn",
    "office_holder",
    "collective",
)


Polarity = Literal["support", "oppose"]


@dataclass(frozen=True, slots=True)
class Stance:
    """A stated position: holders support or oppose a target, with the evidence span.

    ``holders`` are the offsets of the holders' name mentions; ``target_start`` and
    ``target_end`` cover the target phrase in the text.
    """

    start: int
    end: int
    holders: tuple[tuple[int, int], ...]
    holder_text: str
    polarity: Polarity
    target: str
    target_start: int
    target_end: int
    cue: str


FigureKind = Literal["actual", "target", "forecast", "estimate"]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with what it measures: ``value`` in base units of ``unit``.

    ``subject`` is a readable normalised phrase for what is measured; ``kind`` says whether
    it is an actual value, a target, a forecast or an estimate; ``period`` is the ISO
    prefix of the time the value refers to. ``hedge`` keeps "around", "more than"…;
    ``duration`` and ``rate`` keep attached spans of time ("over 10 years", "annually");
    ``place`` names the places of the figure's clause that its subject does not already name
    ("cases in Florida" → "Florida"; several are joined by ", ").

    ``measure`` is the kind of quantity (``money``, ``percent``, ``count``, ``duration``,
    ``age``, ``length``, ``area``, ``volume``, ``mass``, ``speed``, ``energy``, ``power``,
    ``data``, ``temperature``, ``angle``, ``multiple``) and ``unit_text`` the unit as
    written ("miles", "$", "bcm"); ``low``/``high`` bound a range ("between 5 and 7
    million"); ``qualifier`` is the hedge normalised (``about``, ``more than``, ``at least``,
    ``less than``, ``at most``, ``up to``, ``nearly``); ``direction`` (``up``/``down``) a
    change the text states ("rose 5%", "fell by $2bn"); ``counted`` the noun a count counts
    (singular); ``salient`` says the figure is of a measure the story views keep to (money,
    shares, counts, goods, energy, distances and land — not ages, durations, speeds…).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    subject: str | None = None
    kind: FigureKind | None = None
    period: str | None = None
    hedge: str | None = None
    duration: str | None = None
    rate: str | None = None
    place: str | None = None
    measure: str | None = None
    unit_text: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    direction: str | None = None
    counted: str | None = None
    salient: bool = True


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression and the ISO date prefix it denotes (None when unresolved)."""

    start: int
    end: int
    text: str
    value: str | None
    anchor: str | None = None  # what a relative expression was resolved against


@dataclass(frozen=True, slots=True)
class EventMention:
    """A mention of an event in one document: PLOVER type, trigger, participants, place, date.

    ``participants`` and ``place`` are offsets of name mentions; ``date`` is an ISO prefix;
    ``time`` the offsets of the time expression it was dated by (kept even when that
    expression has no value yet, in an undated article).
    """

    start: int
    end: int
    type: str
    trigger: str
    label: str
    participants: tuple[tuple[int, int], ...] = ()
    place: tuple[int, int] | None = None
    date: str | None = None
    time: tuple[int, int] | None = None  # the time expression that dates it, if any
    # ``date`` inferred, not read: ``date_rule`` says how (see storyline.stages.events_dates)
    date_inferred: bool = False
    date_rule: str | None = None


Layers = Mapping[str, tuple[object, ...]]


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document and the annotation layers the stages added to it, by layer name."""

    document: Document
    layers: Layers = field(default_factory=lambda: MappingProxyType({}))
    pipeline: str = ""

    def layer(self, name: str) -> tuple[object, ...]:
        return self.layers.get(name, ())

    def with_layers(self, added: Mapping[str, tuple[object, ...]], pipeline: str = "") -> Analysis:
        merged = dict(self.layers)
        merged.update(added)
        return Analysis(self.document, MappingProxyType(merged), pipeline or self.pipeline)


# -------------------------------------------------------------------- cross-document


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A mention as the cross-document resolver sees it: with its id and document."""

    id: str
    doc: str
    mention: Mention


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor, resolved across all documents, with every mention of it."""

    id: str
    name: str
    type: EntityType
    kb_id: str | None
    aliases: tuple[str, ...]
    mention_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """Holders (entity ids, sorted) support or oppose a target, with the evidence stances."""

    id: str
    holders: tuple[str, ...]
    polarity: Polarity
    target: str
    target_entity: str | None
    stance_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Figures from different documents that measure the same thing, and if they agree."""

    id: str
    label: str
    subject: str
    period: str | None
    kind: str | None
    unit: str
    figure_ids: tuple[str, ...]
    agree: bool
    outlets: tuple[str, ...] = ()
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What copy detection keeps of one document (:mod:`storyline.resolve.copies`): how
    many distinct word 5-grams its text has, their MinHash signature (little-endian uint32
    values) and the news agency the text credits, if any, with the words that say so."""

    shingles: int
    signature: bytes
    credit: str | None
    credit_evidence: str | None


@dataclass(frozen=True, slots=True)
class Report:
    """One independent report: a document and every copy of it (syndicated, republished or
    lightly edited) that other outlets carry.

    ``documents`` starts with the lead copy (the earliest published, else the first by id);
    ``origin`` is the wire or first publisher (``AP``, ``Reuters``, an outlet's name) and
    ``origin_evidence`` the words or field that say so.
    """

    id: str
    documents: tuple[str, ...]
    origin: str | None
    origin_evidence: str | None

    @property
    def copies(self) -> int:
        """How many documents carry this report (1 for an article no one else carries)."""
        return len(self.documents)


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, resolved across documents."""

    id: str
    type: str
    label: str
    participants: tuple[str, ...]
    place: str | None
    date: str | None
    mention_ids: tuple[str, ...]
    # no report states ``date``: it was inferred for its mentions by ``date_rule``
    date_inferred: bool = False
    date_rule: str | None = None


def mention_id(doc: str, start: int, end: int) -> str:
    """The stable id of a mention: its document and offsets."""
    return "m_" + content_hash(doc, str(start), str(end))
