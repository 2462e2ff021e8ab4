"""Read queries for the brief and the framing views: one snapshot of the story's facts.

The views (:mod:`storyline.story_views`) need, for every analysed document, its sentences,
its resolved name mentions, quotes with their speakers, figures with their groups, stances
and event mentions with the events they were resolved into. :func:`story_facts` reads all
of it in a handful of queries and returns frozen rows; the views never touch SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FactDocument:
    """An analysed document as the views see it: id, metadata and clean text."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    inferred: str | None = None  # a date inferred from other articles when none is given


@dataclass(frozen=True, slots=True)
class FactSentence:
    doc: str
    idx: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FactMention:
    """A name mention with the entity it was resolved to (entity fields None if unresolved)."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    kb_id: str | None
    canonical: str | None
    role: str | None
    entity: str | None
    entity_name: str | None
    entity_type: str | None
    entity_kb_id: str | None


@dataclass(frozen=True, slots=True)
class FactQuote:
    doc: str
    start: int
    end: int
    text: str
    direct: bool
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker: str | None = None  # the entity the speaker's mention was resolved to


@dataclass(frozen=True, slots=True)
class FactFigure:
    """A figure with the group it belongs to (None when no other document reports it)."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    value: float
    unit: str
    subject: str | None
    kind: str | None
    period: str | None
    group: str | None
    group_label: str | None
    group_agree: bool | None
    hedge: str | None = None  # "around", "at least"… (it widens the values it allows)


@dataclass(frozen=True, slots=True)
class FactStance:
    doc: str
    start: int
    end: int
    holder_text: str
    polarity: str
    target: str
    position: str | None
    holders: tuple[str, ...] = ()  # the entities the holder mentions were resolved to


@dataclass(frozen=True, slots=True)
class FactEventMention:
    """An event mention with the resolved event it belongs to (None if none)."""

    doc: str
    start: int
    end: int
    type: str
    label: str
    date: str | None
    event: str | None


@dataclass(frozen=True, slots=True)
class FactTime:
    """A time expression and the ISO date prefix it was resolved to (None if unresolved)."""

    doc: str
    start: int
    end: int
    value: str | None


@dataclass(frozen=True, slots=True)
class FactEvent:
    id: str
    type: str
    label: str
    date: str | None


@dataclass(frozen=True, slots=True)
class StoryFacts:
    """Everything the brief and the framing read, for every analysed document."""

    documents: tuple[FactDocument, ...]
    sentences: tuple[FactSentence, ...]
    mentions: tuple[FactMention, ...]
    quotes: tuple[FactQuote, ...]
    figures: tuple[FactFigure, ...]
    stances: tuple[FactStance, ...]
    event_mentions: tuple[FactEventMention, ...]
    events: tuple[FactEvent, ...]
    times: tuple[FactTime, ...]
    # doc id → the independent report it is a copy of; a document missing here (a database
    # analysed before reports existed, hand-built facts) is a report of its own
    reports: Mapping[str, str] = field(default_factory=dict)

    def report(self, doc: str) -> str:
        """The independent report ``doc`` belongs to (its own id when it has none)."""
        return self.reports.get(doc, doc)


_ANALYSED = "SELECT id FROM documents WHERE status = 'analysed'"
# the entity of the name mention at a document's offsets (a quote's speaker, a holder)
_ENTITY_AT = (
    "SELECT min(em.entity_id) FROM mentions m JOIN entity_mentions em ON em.mention_id = m.id "
    "WHERE m.doc_id = {doc} AND m.start = {start} AND m.end = {end}"
)


def story_facts(conn: sqlite3.Connection) -> StoryFacts:
    """Read the facts of every analysed document, each list in document and offset order."""
    documents = tuple(
        FactDocument(r[0], r[1], r[2], r[3], r[4], r[5], r[6])
        for r in conn.execute(
            "SELECT id, source, title, outlet, published, text, inferred_date FROM documents "
            "WHERE status = 'analysed' ORDER BY source, id"
        )
    )
    sentences = tuple(
        FactSentence(r[0], r[1], r[2], r[3])
        for r in conn.execute(
            f"SELECT doc_id, idx, start, end FROM sentences WHERE doc_id IN ({_ANALYSED}) "
            "ORDER BY doc_id, idx"
        )
    )
    mentions = tuple(
        FactMention(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11])
        for r in conn.execute(
            "SELECT m.doc_id, m.start, m.end, m.text, m.label, m.kb_id, m.canonical, m.role, "
            "e.id, e.name, e.type, e.kb_id FROM mentions m "
            "LEFT JOIN entity_mentions em ON em.mention_id = m.id "
            "LEFT JOIN entities e ON e.id = em.entity_id "
            f"WHERE m.doc_id IN ({_ANALYSED}) ORDER BY m.doc_id, m.start, m.end"
        )
    )
    quotes = tuple(
        FactQuote(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8])
        for r in conn.execute(
            "SELECT q.doc_id, q.start, q.end, q.text, q.direct, q.speaker_text, "
            "q.speaker_start, q.speaker_end, "
            f"({_ENTITY_AT.format(doc='q.doc_id', start='q.speaker_start', end='q.speaker_end')}) "
            "FROM quotes q ORDER BY q.doc_id, q.start, q.id"
        )
    )
    figures = tuple(
        FactFigure(
            *(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]),
            None if r[12] is None else bool(r[12]),
            r[13],
        )
        for r in conn.execute(
            "SELECT f.id, f.doc_id, f.start, f.end, f.text, f.value, f.unit, f.subject, f.kind, "
            "f.period, g.id, g.label, g.agree, f.hedge FROM figures f "
            "LEFT JOIN figure_group_members gm ON gm.figure_id = f.id "
            "LEFT JOIN figure_groups g ON g.id = gm.group_id "
            "WHERE f.salient ORDER BY f.doc_id, f.start, f.id"
        )
    )
    holders: dict[str, list[str]] = {}
    for r in conn.execute(
        "SELECT h.stance_id, "
        f"({_ENTITY_AT.format(doc='s.doc_id', start='h.start', end='h.end')}) AS entity "
        "FROM stance_holders h JOIN stances s ON s.id = h.stance_id "
        "ORDER BY h.stance_id, h.start"
    ):
        if r[1] is not None:
            holders.setdefault(r[0], []).append(r[1])
    stances = tuple(
        FactStance(
            *(r[1], r[2], r[3], r[4], r[5], r[6], r[7]),
            tuple(dict.fromkeys(holders.get(r[0], []))),
        )
        for r in conn.execute(
            "SELECT s.id, s.doc_id, s.start, s.end, s.holder_text, s.polarity, s.target, "
            "min(ps.position_id) FROM stances s "
            "LEFT JOIN position_stances ps ON ps.stance_id = s.id "
            "GROUP BY s.id ORDER BY s.doc_id, s.start, s.id"
        )
    )
    event_mentions = tuple(
        FactEventMention(*r)
        for r in conn.execute(
            "SELECT m.doc_id, m.start, m.end, m.type, m.label, m.date, min(l.event_id) "
            "FROM event_mentions m LEFT JOIN event_links l ON l.event_mention_id = m.id "
            "GROUP BY m.id ORDER BY m.doc_id, m.start, m.id"
        )
    )
    events = tuple(
        FactEvent(*r)
        for r in conn.execute(
            "SELECT id, type, label, date FROM events ORDER BY date IS NULL, date, label, id"
        )
    )
    times = tuple(
        FactTime(*r)
        for r in conn.execute("SELECT doc_id, start, end, value FROM times ORDER BY doc_id, start")
    )
    reports = {
        r[0]: r[1]
        for r in conn.execute(
            f"SELECT doc_id, report_id FROM report_documents WHERE doc_id IN ({_ANALYSED})"
        )
    }
    return StoryFacts(
        documents,
        sentences,
        mentions,
        quotes,
        figures,
        stances,
        event_mentions,
        events,
        times,
        reports,
    )
