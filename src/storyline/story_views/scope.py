"""What a view looks at: the whole story or one event, cut into citable sentence pieces.

A *unit* is a sentence, or the part of a sentence between line breaks (a headline and a
first paragraph can come out of segmentation as one sentence), with everything known about
it: content words, the entities named in it, the events and figures reported in it, and
how much of it is direct quotation. Every unit keeps its document and offsets, so whatever
a view says about it can be cited.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from storyline.errors import NotInStore
from storyline.store.brief_queries import (
    FactDocument,
    FactEvent,
    FactFigure,
    FactMention,
    FactQuote,
    FactStance,
    StoryFacts,
)
from storyline.story_views.boilerplate import LEADS, boilerplate, keys, lead, runs
from storyline.story_views.text import fold, is_content, words


@dataclass(frozen=True, slots=True)
class Unit:
    """A citable piece of a sentence and the facts it carries."""

    doc: str
    start: int
    end: int
    text: str
    position: int
    terms: tuple[str, ...]
    tokens: tuple[str | None, ...]
    entities: frozenset[str]
    events: frozenset[str]
    figures: tuple[FactFigure, ...]
    times: frozenset[str]
    quoted: float
    is_title: bool
    report: str = ""  # the independent report of its document (copies share one)
    speakers: frozenset[str] = frozenset()  # who the quotes in it are by (see speaker_key)
    stances: tuple[tuple[frozenset[str], str], ...] = ()  # (holders, polarity) stated in it
    people: frozenset[str] = frozenset()  # the people (resolved entities) it names

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Scope:
    """The documents a view covers, their outlets, and their units in document order."""

    facts: StoryFacts
    documents: tuple[FactDocument, ...]
    event: FactEvent | None
    outlets: dict[str, str]
    units: tuple[Unit, ...]
    event_units: frozenset[tuple[str, int, int]]
    by_id: dict[str, FactDocument]
    boilerplate: frozenset[str] = frozenset()  # sentence keys left out (not news)
    # each document's units in order, built on first use (:meth:`units_in`)
    _units_by_doc: dict[str, list[Unit]] = field(default_factory=dict, compare=False, repr=False)

    def units_in(self, doc: str) -> list[Unit]:
        """The units of one document, in order (an index built on first use, so finding
        the sentence of a span does not scan every unit of the story)."""
        if not self._units_by_doc and self.units:
            for u in self.units:
                self._units_by_doc.setdefault(u.doc, []).append(u)
        return self._units_by_doc.get(doc, [])

    def report(self, doc: str) -> str:
        """The independent report a document belongs to (copies of one article share it)."""
        return self.facts.report(doc)

    @property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(d.id for d in self.documents)

    def in_scope(self, doc: str) -> bool:
        return doc in self.outlets

    def mentions(self) -> list[FactMention]:
        return [m for m in self.facts.mentions if m.doc in self.outlets]

    def quotes(self) -> list[FactQuote]:
        return [q for q in self.facts.quotes if q.doc in self.outlets]

    def figures(self) -> list[FactFigure]:
        return [f for f in self.facts.figures if f.doc in self.outlets]


_SPACE = re.compile(r"\s+")
_BULLETS = "•·*-–—>|"
_MIN_WORDS = 4


def outlet_label(doc: FactDocument) -> str:
    """The outlet a document is grouped under; a document of unknown outlet stands alone."""
    if doc.outlet:
        return doc.outlet
    return f"unknown outlet ({PurePath(doc.source).name or doc.id})"


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The line-separated pieces of text[start:end], trimmed of spaces and bullet marks."""
    out = []
    pos = start
    for line in re.split(r"(\n+)", text[start:end]):
        a, b = pos, pos + len(line)
        pos = b
        if line.startswith("\n"):
            continue
        while a < b and (text[a].isspace() or text[a] in _BULLETS):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _within(spans: Sequence[tuple[int, int]], starts: Sequence[int], a: int, b: int) -> list[int]:
    """Indices of spans that lie inside [a, b) (spans sorted by start)."""
    i = bisect.bisect_left(starts, a)
    out = []
    while i < len(spans) and spans[i][0] < b:
        if spans[i][1] <= b:
            out.append(i)
        i += 1
    return out


def _quoted_share(text: str, a: int, b: int, quotes: Sequence[FactQuote]) -> float:
    inside = 0
    for q in quotes:
        if q.direct and q.end > a and q.start < b:
            inside += min(b, q.end) - max(a, q.start)
    return inside / max(1, b - a)


def _tokens(text: str, a: int, b: int, names: Sequence[FactMention]) -> tuple[str | None, ...]:
    """The folded words of text[a:b], None for stop words; names are left out (they are
    compared as entities) and break word sequences, as stop words do."""
    out: list[str | None] = []
    pos = a
    for m in [*names, None]:
        stop = b if m is None else max(pos, m.start)
        for _, _, surface in words(text[pos:stop]):
            f = fold(surface)
            out.append(f if is_content(f) else None)
        out.append(None)
        if m is not None:
            pos = max(pos, m.end)
    return tuple(out)


_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "who", "this", "that", "these", "those"}
    | {"his", "her", "their", "its", "one"}
)


def speaker_key(entity: str | None, text: str | None) -> str | None:
    """Who a quote or stance is by, comparably: its resolved entity, else the name written
    for it (folded); None when it names no one (a pronoun, nothing)."""
    if entity:
        return entity
    name = " ".join((text or "").split())
    if not name or not name[:1].isupper() or name.casefold() in _PRONOUNS:
        return None
    return "name:" + fold(name.split()[-1])


def _stance_keys(s: FactStance) -> frozenset[str]:
    if s.holders:
        return frozenset(s.holders)
    key = speaker_key(None, s.holder_text)
    return frozenset({key} if key else ())


def _doc_pieces(facts: StoryFacts) -> dict[str, list[tuple[int, int, str]]]:
    """Every document's sentence pieces of at least a few words: (start, end, text)."""
    texts = {d.id: d.text for d in facts.documents}
    out: dict[str, list[tuple[int, int, str]]] = {d.id: [] for d in facts.documents}
    for s in facts.sentences:
        text = texts.get(s.doc)
        if text is None:
            continue
        for a, b in _pieces(text, s.start, s.end):
            piece = _SPACE.sub(" ", text[a:b])
            if len(words(piece)) >= _MIN_WORDS:
                out[s.doc].append((a, b, piece))
    return out


def _news_pieces(
    facts: StoryFacts, pieces: dict[str, list[tuple[int, int, str]]], skip: frozenset[str]
) -> dict[str, list[tuple[int, int, str]]]:
    """The pieces without boilerplate, and with a site's label at the top of the page cut
    off (see :mod:`~storyline.story_views.boilerplate`)."""
    if not skip:
        return pieces
    labels = {k for k in skip if k.startswith("lead:")}
    texts = {d.id: d.text for d in facts.documents}
    out = {}
    for doc, ps in pieces.items():
        kept = []
        for n, (a, b, text) in enumerate(ps):
            if any(k in skip for k in keys(text)) or any(r in skip for r in runs(text)):
                continue
            found = lead(text) if n < LEADS and labels else None
            if found and found[0] in labels:
                rest = text[found[1] :].split()[0]
                a = texts[doc].index(rest, a)
                text = _SPACE.sub(" ", texts[doc][a:b])
            kept.append((a, b, text))
        out[doc] = kept
    return out


def _units(
    facts: StoryFacts, docs: Sequence[FactDocument], pieces: dict[str, list[tuple[int, int, str]]]
) -> list[Unit]:
    mentions: dict[str, list[FactMention]] = {}
    for m in facts.mentions:
        mentions.setdefault(m.doc, []).append(m)
    events: dict[str, list[tuple[int, int, str]]] = {}
    for e in facts.event_mentions:
        if e.event is not None:
            events.setdefault(e.doc, []).append((e.start, e.end, e.event))
    figures: dict[str, list[FactFigure]] = {}
    for f in facts.figures:
        figures.setdefault(f.doc, []).append(f)
    quotes: dict[str, list[FactQuote]] = {}
    for q in facts.quotes:
        quotes.setdefault(q.doc, []).append(q)
    stances: dict[str, list[FactStance]] = {}
    for st in facts.stances:
        stances.setdefault(st.doc, []).append(st)
    times: dict[str, list[tuple[int, int, str]]] = {}
    for t in facts.times:
        if t.value and len(t.value) >= 7:
            times.setdefault(t.doc, []).append((t.start, t.end, t.value))

    out: list[Unit] = []
    for doc in docs:
        ms = mentions.get(doc.id, [])
        m_spans = [(m.start, m.end) for m in ms]
        m_starts = [m.start for m in ms]
        title = _SPACE.sub(" ", doc.title or "").strip().casefold()
        for position, (a, b, text) in enumerate(pieces.get(doc.id, [])):
            inside = [ms[i] for i in _within(m_spans, m_starts, a, b)]
            tokens = _tokens(doc.text, a, b, inside)
            said = [q for q in quotes.get(doc.id, []) if q.start < b and q.end > a]
            held = [st for st in stances.get(doc.id, []) if st.start < b and st.end > a]
            out.append(
                Unit(
                    doc=doc.id,
                    start=a,
                    end=b,
                    text=text,
                    position=position,
                    terms=tuple(t for t in tokens if t),
                    tokens=tokens,
                    entities=frozenset(m.entity for m in inside if m.entity),
                    events=frozenset(ev for x, y, ev in events.get(doc.id, []) if x < b and y > a),
                    figures=tuple(
                        f for f in figures.get(doc.id, []) if f.start >= a and f.end <= b
                    ),
                    times=frozenset(v for x, y, v in times.get(doc.id, []) if x >= a and y <= b),
                    quoted=_quoted_share(doc.text, a, b, quotes.get(doc.id, [])),
                    is_title=bool(title) and text.casefold() == title,
                    report=facts.report(doc.id),
                    speakers=frozenset(
                        k for q in said if (k := speaker_key(q.speaker, q.speaker_text))
                    ),
                    stances=tuple((who, st.polarity) for st in held if (who := _stance_keys(st))),
                    people=frozenset(
                        m.entity for m in inside if m.entity and m.entity_type == "PERSON"
                    ),
                )
            )
    return out


def story_scope(facts: StoryFacts, event_id: str | None = None) -> Scope:
    """The whole story, or the documents that report one event (``NotInStore`` if unknown)."""
    event = None
    docs = facts.documents
    event_spans: set[tuple[str, int, int]] = set()
    if event_id is not None:
        event = next((e for e in facts.events if e.id == event_id), None)
        if event is None:
            raise NotInStore(
                f"event {event_id}: not in the database; the export's 'events' list "
                "('storyline export') has every event id"
            )
        spans = [(m.doc, m.start, m.end) for m in facts.event_mentions if m.event == event_id]
        wanted = {doc for doc, _, _ in spans}
        docs = tuple(d for d in docs if d.id in wanted)
        event_spans = set(spans)
    pieces = _doc_pieces(facts)
    skip = boilerplate(
        {d: [t for _, _, t in ps] for d, ps in pieces.items()},
        facts.reports,
        {d.id: d.title for d in facts.documents},
        {d.id: d.outlet for d in facts.documents},
    )
    pieces = _news_pieces(facts, pieces, skip)
    units = _units(facts, docs, pieces)
    event_units = {
        u.key
        for u in units
        for doc, a, b in event_spans
        if doc == u.doc and a < u.end and b > u.start
    }
    return Scope(
        facts=facts,
        documents=tuple(docs),
        event=event,
        outlets={d.id: outlet_label(d) for d in docs},
        units=tuple(units),
        event_units=frozenset(event_units),
        by_id={d.id: d for d in docs},
        boilerplate=skip,
    )
