"""The evidence a question is answered from: the store's facts, sentences and their scores.

:class:`Evidence` wraps the read queries with per-document caches (sentences, name
mentions, time expressions) and turns any fact's offsets into a sentence-level
:class:`~storyline.ask.model.Citation`. :class:`Scorer` says how well a span of text
supports a question: the question's entities it mentions (by resolved mention or by
name) and its content words (by stem, or a related word).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.ask.model import Citation, EntityRef, Question
from storyline.ask.text import RELATED, fts_query, related_stems, stem, stems
from storyline.store.ask_queries import (
    AskDocument,
    AskEntity,
    AskEvent,
    AskFigure,
    AskMention,
    AskQueries,
    AskQuote,
    AskSentence,
    AskStance,
    AskTime,
)

ENTITY_WEIGHT = 2.0
HEADLINE_WEIGHT = 0.5
RELATED_WEIGHT = 0.6


class Evidence:
    """Everything answering reads, loaded lazily and cached for one question or many."""

    def __init__(self, queries: AskQueries) -> None:
        self.q = queries
        self.documents: dict[str, AskDocument] = queries.documents()
        self.reports: dict[str, str] = queries.reports()
        self._entities: list[AskEntity] | None = None
        self._entity_map: dict[str, AskEntity] | None = None
        self._quotes: list[AskQuote] | None = None
        self._stances: list[AskStance] | None = None
        self._figures: list[AskFigure] | None = None
        self._events: list[AskEvent] | None = None
        self._sentences: dict[str, list[AskSentence]] = {}
        self._mentions: dict[str, list[AskMention]] = {}
        self._times: dict[str, list[AskTime]] = {}

    # ------------------------------------------------------------- whole tables

    @property
    def entities(self) -> list[AskEntity]:
        if self._entities is None:
            self._entities = self.q.entities()
        return self._entities

    def entity(self, entity_id: str | None) -> AskEntity | None:
        if entity_id is None:
            return None
        return self.entity_map().get(entity_id)

    def entity_map(self) -> dict[str, AskEntity]:
        if self._entity_map is None:
            self._entity_map = {e.id: e for e in self.entities}
        return self._entity_map

    @property
    def quotes(self) -> list[AskQuote]:
        if self._quotes is None:
            self._quotes = self.q.quotes()
        return self._quotes

    @property
    def stances(self) -> list[AskStance]:
        if self._stances is None:
            self._stances = self.q.stances()
        return self._stances

    @property
    def figures(self) -> list[AskFigure]:
        if self._figures is None:
            self._figures = self.q.figures()
        return self._figures

    @property
    def events(self) -> list[AskEvent]:
        if self._events is None:
            self._events = self.q.events()
        return self._events

    # ------------------------------------------------------------ per document

    def _load(self, doc: str) -> None:
        if doc in self._sentences:
            return
        self._sentences[doc] = self.q.sentences([doc])
        self._mentions[doc] = self.q.mentions([doc])
        self._times[doc] = self.q.times([doc])

    def sentences(self, doc: str) -> list[AskSentence]:
        self._load(doc)
        return self._sentences[doc]

    def mentions_in(self, doc: str, start: int, end: int) -> list[AskMention]:
        self._load(doc)
        return [m for m in self._mentions[doc] if m.start >= start and m.end <= end]

    def times_in(self, doc: str, start: int, end: int) -> list[AskTime]:
        self._load(doc)
        return [t for t in self._times[doc] if t.start >= start and t.end <= end]

    def sentence_span(self, doc: str, start: int, end: int) -> tuple[int, int, str]:
        """The whole sentences covering [start, end): their offsets and text."""
        sents = self.sentences(doc)
        if not sents:
            text = self.q.document_text(doc)
            return start, end, text[start:end]
        starts = [s.start for s in sents]
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = first
        while last + 1 < len(sents) and sents[last + 1].start < end:
            last += 1
        a, b = sents[first].start, sents[last].end
        if first == last:
            return a, b, sents[first].text
        text = self.q.document_text(doc)
        return a, b, text[a:b]

    def citation(self, doc: str, start: int, end: int) -> Citation:
        a, b, text = self.sentence_span(doc, start, end)
        meta = self.documents.get(doc)
        return Citation(
            doc=doc,
            start=a,
            end=b,
            text=text,
            outlet=meta.outlet if meta else None,
            published=meta.published if meta else None,
            title=meta.title if meta else None,
        )

    # --------------------------------------------------------------- retrieval

    def search(
        self, question: Question, limit: int = 300, extra: Sequence[str] = ()
    ) -> list[AskSentence]:
        """Candidate sentences for a question: FTS5 over its words, names and related words."""
        words: list[str] = list(extra)
        for word in (*question.keywords, *question.topic_words):
            words.append(word)
            words.extend(_related_surface(word))
        for ref in question.entities:
            words.extend([ref.surface, ref.name, *ref.aliases])
        words.extend(question.unknown)
        terms = [t for w in words for t in re.findall(r"[\w]+", w) if len(t) > 1]
        return self.q.search(fts_query(terms), limit)


def _related_surface(word: str) -> list[str]:
    """The related words of a question's word as written, for the FTS5 query."""
    root = stem(word)
    return [o for key, others in RELATED.items() if stem(key) == root for o in others]


@dataclass(frozen=True, slots=True)
class Support:
    """How a span supports a question: entities present, words matched, and a score.

    ``entities`` are named in the span itself or, weighing less, in the headline of its
    article (later sentences often say "the two leaders" for names the headline gives).
    """

    entities: frozenset[str]
    words: frozenset[str]
    score: float
    coverage: float


def names_of(ref: EntityRef) -> tuple[str, ...]:
    return (ref.surface, ref.name, *ref.aliases)


def name_in(name: str, text: str) -> bool:
    if len(name) < 2:
        return False
    flags = 0 if (len(name) <= 4 and name.isupper()) else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags) is not None


class Scorer:
    """Scores spans of text against one question."""

    def __init__(self, question: Question, evidence: Evidence) -> None:
        self.question = question
        self.evidence = evidence
        words = [*question.keywords]
        self.word_stems = {w: stem(w) for w in words}
        self.related = {w: related_stems(w) for w in words}
        self.unknown = question.unknown
        self.date_words, self.date_prefix = date_of(question.keywords)

    def dated(self, doc: str, start: int, end: int) -> bool:
        """The span's dates (or its article's date) fall in the question's year/month."""
        if self.date_prefix is None:
            return False
        values = [t.value or "" for t in self.evidence.times_in(doc, start, end)]
        meta = self.evidence.documents.get(doc)
        if meta and meta.published:
            values.append(meta.published)
        return any(_date_matches(v, self.date_prefix) for v in values)

    def entities_in(self, doc: str, start: int, end: int, text: str) -> set[str]:
        """Ids of the question's entities the span mentions (resolved mention or name)."""
        wanted = {r.id: r for r in self.question.entities}
        found = {m.entity for m in self.evidence.mentions_in(doc, start, end) if m.entity in wanted}
        for ref in self.question.entities:
            if ref.id not in found and any(name_in(n, text) for n in names_of(ref)):
                found.add(ref.id)
        return {f for f in found if f is not None}

    def support(self, doc: str, start: int, end: int, text: str) -> Support:
        ents = self.entities_in(doc, start, end, text)
        meta = self.evidence.documents.get(doc)
        title = (meta.title or "") if meta else ""
        headline = {
            r.id
            for r in self.question.entities
            if r.id not in ents and any(name_in(n, title) for n in names_of(r))
        }
        have = stems(text)
        matched: set[str] = set()
        score = ENTITY_WEIGHT * len(ents) + HEADLINE_WEIGHT * len(headline)
        ents |= headline
        if self.date_words and self.dated(doc, start, end):
            matched |= self.date_words
            score += len(self.date_words)
        for word, root in self.word_stems.items():
            if word in matched:
                continue
            if root in have:
                matched.add(word)
                score += 1.0
            elif self.related[word] & have:
                matched.add(word)
                score += RELATED_WEIGHT
        for name in self.unknown:
            if name_in(name, text):
                matched.add(name)
                score += 1.5
        wanted = len(self.question.entities) + len(self.word_stems) + len(self.unknown)
        coverage = (len(ents) + len(matched)) / wanted if wanted else 0.0
        return Support(frozenset(ents), frozenset(matched), score, coverage)

    def sentence(self, s: AskSentence) -> Support:
        return self.support(s.doc, s.start, s.end, s.text)


MONTH_NUMBERS = {calendar.month_name[i].lower(): i for i in range(1, 13)}


def date_of(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str | None, int | None] | None]:
    """The year and month a question's words name ("in September 2022"), and those words."""
    year = next((w for w in words if re.fullmatch(r"(19|20)\d\d", w)), None)
    month_word = next((w for w in words if w in MONTH_NUMBERS), None)
    if year is None and month_word is None:
        return frozenset(), None
    used = frozenset(w for w in (year, month_word) if w)
    return used, (year, MONTH_NUMBERS[month_word] if month_word else None)


def _date_matches(value: str, prefix: tuple[str | None, int | None]) -> bool:
    year, month = prefix
    if year and not value.startswith(year):
        return False
    return not (month and value[5:7] != f"{month:02d}")
