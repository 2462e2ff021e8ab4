"""The brief: an extractive, cited summary of the whole story or of one event.

How lines are chosen (deterministic, offline, no model):

1. Every sentence piece (:class:`~storyline.story_views.scope.Unit`) becomes a vector of
   its content words (tf-idf) and of the facts it carries — resolved entities, resolved
   events, figure groups — so two sentences that report the same event or figure are
   linked even when worded differently: facts are the bridges between sources.
2. Centrality: PageRank over the sentence-similarity graph, where links between
   different reports count more than links inside one report (a document and its
   copies), and the restart vector gives every report the same weight and favours each
   article's lead.
3. Corroboration: a sentence is *carried* by another document when that document has a
   near-duplicate of it (same words and facts) that states the same fact — the same
   figures within rounding, the same speaker, holder and polarity, the same people and
   events (:mod:`storyline.story_views.corroboration`). ``sources`` counts the
   independent reports that carry the line (copies of one syndicated or republished
   article count once; ``copies`` counts the documents) and each document is cited.
   Near-duplicates that state other values are the line's *disagreements*, shown with it,
   never counted as sources. Boilerplate (a site's widgets and prompts, repeated on pages
   about unrelated things; :mod:`storyline.story_views.boilerplate`) is never a line nor
   a source.
4. Selection: greedy, by centrality × corroboration, skipping lines too similar to a line
   already chosen (redundancy), lowering the weight of a document each time one of its
   sentences is chosen (coverage of every report), and of lines that are mostly a direct
   quote or open with a pronoun that points outside the line.
5. Order: lines carried by more independent reports first, then by score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.store import StoreReader
from storyline.store.brief_queries import StoryFacts
from storyline.story_views.corroboration import compare
from storyline.story_views.scope import Scope, Unit, story_scope
from storyline.story_views.text import cosine, idf_table, norm, tf_idf, words

DAMPING = 0.85
SAME_DOC_LINK = 0.3  # weight of a link between two sentences of one document
MIN_LINK = 0.05  # similarities below this are not links
CARRIED = 0.3  # similarity at which another document carries a sentence …
CARRIED_WORDS = 0.45  # … and the words they share weigh this much of the shorter one's …
CARRIED_LONGER = 0.25  # … and this much of the longer one's
MIN_TERMS = 3  # content words a sentence needs to be a line or to carry one ("5:45 p.m. ET")
SAME_STORY = 0.08  # word similarity of two articles below which they tell different stories
SAME_STORY_APART = 0.2  # … and of two published more than FAR_APART days apart
REDUNDANT = 0.35  # similarity to a chosen line at which a candidate is redundant
DOC_DECAY = 0.6  # weight kept by a document for each of its sentences already chosen
DATE_CONFLICT = 0.3  # similarity kept by two sentences dated to different days
FAR_APART = 31  # days between publications beyond which two articles report different news
FAR_APART_LINK = 0.5  # similarity kept by sentences of articles published far apart
COMMON_KEY_SHARE = 0.05  # keys in more than this share of sentences do not find pairs …
COMMON_KEY_MIN = 30  # … unless they are in no more than this many
NEIGHBOURS = 25  # links kept per sentence in the centrality graph (the strongest)
MAX_UNITS = 2000  # sentences considered in all (the leads of each document first)
_CAPTION = re.compile(
    r"\((?:left|right|centre|center|front|back|l|r|pictured|file|photo)\)|\[photo\]|"
    r"\bpictured\b|\bfile photo\b|\bphoto(?:graph)?: ",
    re.I,
)
_DANGLING = re.compile(
    r"^(?:he|she|it|they|this|these|those|that|but|and|so|also|however|meanwhile|yet)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a line's evidence is: ``documents[doc].text[start:end]``."""

    doc: str
    start: int
    end: int
    outlet: str
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "outlet": self.outlet,
            "published": self.published,
        }


def _export_citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"doc": c.doc, "start": c.start, "end": c.end} for c in citations]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Similar sentences that state other values than the line (or, when ``versus`` is
    given, than those sources of the line): what they say (``says``) instead of what the
    line or ``versus`` says (``instead_of``), one of them in full, and every document
    saying it."""

    text: str
    says: tuple[str, ...]
    instead_of: tuple[str, ...]
    citations: tuple[Citation, ...]
    sources: int
    copies: int
    outlets: tuple[str, ...]
    versus: tuple[Citation, ...] = ()  # the sources it differs from (none: the line itself)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "says": list(self.says),
            "instead_of": list(self.instead_of),
            "citations": [c.to_dict() for c in self.citations],
            "sources": self.sources,
            "copies": self.copies,
            "outlets": list(self.outlets),
            "versus": [c.to_dict() for c in self.versus],
        }

    def to_export(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "says": list(self.says),
            "instead_of": list(self.instead_of),
            "citations": _export_citations(self.citations),
            "sources": self.sources,
            "copies": self.copies,
            "outlets": list(self.outlets),
            "versus": _export_citations(self.versus),
        }


@dataclass(frozen=True, slots=True)
class BriefLine:
    """One line of the brief: a sentence, every document stating the same fact, and its
    score. ``sources`` counts independent reports, ``copies`` documents (a wire story run
    by three outlets is one source, three copies); ``disagreements`` are the similar
    sentences that state other values."""

    text: str
    citations: tuple[Citation, ...]
    sources: int
    outlets: tuple[str, ...]
    score: float
    copies: int = 1
    disagreements: tuple[Disagreement, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "sources": self.sources,
            "copies": self.copies,
            "outlets": list(self.outlets),
            "score": round(self.score, 6),
            "disagreements": [d.to_dict() for d in self.disagreements],
        }

    def to_export(self) -> dict[str, Any]:
        """The line as the JSON export's ``brief`` section holds it."""
        return {
            "text": self.text,
            "citations": _export_citations(self.citations),
            "sources": self.sources,
            "copies": self.copies,
            "outlets": list(self.outlets),
            "disagreements": [d.to_export() for d in self.disagreements],
        }


@dataclass(frozen=True, slots=True)
class Brief:
    """The brief of the whole story (``event`` None) or of one event."""

    event: str | None
    label: str
    documents: int
    lines: tuple[BriefLine, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "label": self.label,
            "documents": self.documents,
            "lines": [line.to_dict() for line in self.lines],
        }


def build_brief(reader: StoreReader, event_id: str | None = None, length: int = 10) -> Brief:
    """The brief of the story in ``reader`` (or of one event), at most ``length`` lines."""
    return brief_from_facts(reader.story_facts(), event_id, length)


def brief_from_facts(facts: StoryFacts, event_id: str | None = None, length: int = 10) -> Brief:
    return shorten(chosen_lines(facts, event_id, length), length)


def chosen_lines(
    facts: StoryFacts, event_id: str | None = None, length: int = 10, scope: Scope | None = None
) -> Brief:
    """The brief's lines in the order they were chosen (most central first). Choosing is
    greedy, so the first N lines of a longer choice are the choice of N lines:
    :func:`shorten` makes the brief of any shorter length from it (the stored brief,
    :mod:`storyline.story_views.stored`). ``scope``: the scope of ``event_id`` when the
    caller has it already."""
    scope = scope if scope is not None else story_scope(facts, event_id)
    label = scope.event.label if scope.event else "the whole story"
    units = _considered(scope.units, len(scope.documents))
    lines = _lines(scope, units, max(0, length))
    return Brief(event_id, label, len(scope.documents), tuple(lines))


def shorten(chosen: Brief, length: int) -> Brief:
    """The brief of ``length`` lines from lines in chosen order: the first ``length``,
    corroborated lines first."""
    lines = sorted(chosen.lines[: max(0, length)], key=_line_order)
    return Brief(chosen.event, chosen.label, chosen.documents, tuple(lines))


def _line_order(line: BriefLine) -> tuple[int, int, float]:
    return (-line.sources, -line.copies, -line.score)


def _considered(units: Sequence[Unit], n_docs: int) -> list[Unit]:
    """The sentences the graph is built on: each document's first ones, within MAX_UNITS."""
    per_doc = max(8, MAX_UNITS // max(1, n_docs))
    return [u for u in units if u.position < per_doc]


# how much each kind of key counts in a sentence's vector: a name alone links sentences
# about different things; a resolved event or a figure group is strong evidence
_KEY_WEIGHT = {"entity": 0.5, "event": 1.5, "figure": 1.5}


def _vectors(units: Sequence[Unit]) -> list[dict[str, float]]:
    bags = [[*u.terms, *_fact_keys(u)] for u in units]
    idf = idf_table(bags)
    out = []
    for bag in bags:
        v = tf_idf(bag, idf)
        for k in v:
            kind = k.split(":", 1)[0] if ":" in k else ""
            v[k] *= _KEY_WEIGHT.get(kind, 1.0)
        out.append(v)
    return out


def _dates_conflict(a: Unit, b: Unit) -> bool:
    """Both sentences are dated and no date of one is compatible with a date of the other."""
    if not a.times or not b.times:
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in a.times for y in b.times)


def _fact_keys(u: Unit) -> list[str]:
    keys = [f"entity:{e}" for e in sorted(u.entities)]
    keys += [f"event:{e}" for e in sorted(u.events)]
    for f in u.figures:
        keys.append(f"figure:{f.group}" if f.group else f"figure:{f.unit}:{f.value:.4g}")
    return keys


def _day(published: str | None) -> date | None:
    """A publication date known to the day, else None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _similarities(
    units: Sequence[Unit], vectors: Sequence[dict[str, float]], published: dict[str, str | None]
) -> list[dict[int, float]]:
    """Sparse similarity rows. Only pairs that share a key are compared, and keys found in
    a large share of all sentences are not used to find pairs (they add little to any
    similarity). Sentences dated to different days, or from articles published far apart,
    are taken to be about different things unless they are very close."""
    norms = [norm(v) for v in vectors]
    index: dict[str, list[int]] = {}
    for i, v in enumerate(vectors):
        for k in v:
            index.setdefault(k, []).append(i)
    common = max(COMMON_KEY_MIN, int(COMMON_KEY_SHARE * len(vectors)))
    days = {doc: _day(p) for doc, p in published.items()}
    rows: list[dict[int, float]] = [{} for _ in vectors]
    for i, v in enumerate(vectors):
        seen: set[int] = set()
        for k in v:
            if len(index[k]) <= common:
                seen.update(j for j in index[k] if j > i)
        day_i = days.get(units[i].doc)
        for j in sorted(seen):
            s = cosine(v, vectors[j], norms[i], norms[j])
            day_j = days.get(units[j].doc)
            if _dates_conflict(units[i], units[j]):
                s *= DATE_CONFLICT
            elif day_i and day_j and abs((day_i - day_j).days) > FAR_APART:
                s *= FAR_APART_LINK
            if s >= MIN_LINK:
                rows[i][j] = s
                rows[j][i] = s
    return rows


def _pagerank(
    units: Sequence[Unit], sims: Sequence[dict[int, float]], restart: Sequence[float]
) -> list[float]:
    n = len(units)
    out: list[dict[int, float]] = []
    for i, row in enumerate(sims):
        strongest = sorted(row.items(), key=lambda x: (-x[1], x[0]))[:NEIGHBOURS]
        weights = {
            j: s * (SAME_DOC_LINK if _report(units[j]) == _report(units[i]) else 1.0)
            for j, s in strongest
        }
        total = sum(weights.values())
        out.append({j: w / total for j, w in weights.items()} if total else {})
    rank = list(restart)
    for _ in range(100):
        new = [(1 - DAMPING) * p for p in restart]
        dangling = sum(rank[i] for i in range(n) if not out[i])
        for i in range(n):
            for j, w in out[i].items():
                new[j] += DAMPING * rank[i] * w
        for i in range(n):
            new[i] += DAMPING * dangling * restart[i]
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < 1e-10:
            break
    return rank


def _report(u: Unit) -> str:
    return u.report or u.doc


def _restart(scope: Scope, units: Sequence[Unit]) -> list[float]:
    """Each report (a document and its copies) the same total weight, leads first; an
    event's own sentences favoured."""
    raw = []
    for u in units:
        w = 1.0 / (1.0 + u.position)
        if u.key in scope.event_units:
            w *= 3.0
        raw.append(w)
    per_report: dict[str, float] = {}
    for u, w in zip(units, raw, strict=True):
        per_report[_report(u)] = per_report.get(_report(u), 0.0) + w
    weights = [w / per_report[_report(u)] for u, w in zip(units, raw, strict=True)]
    total = sum(weights)
    return [w / total for w in weights] if total else weights


def _usable(u: Unit) -> float:
    """How fit a sentence is to stand alone as a line (0 = not at all)."""
    n = sum(1 for _, _, w in words(u.text) if len(w) > 1 and not w[0].isdigit())
    if u.is_title or n < 6 or len(set(u.terms)) < MIN_TERMS:
        return 0.0
    fit = 1.0
    if u.quoted > 0.5:
        fit *= 0.6
    if _DANGLING.match(u.text.lstrip("“\"'‘ ")):
        fit *= 0.6
    if n > 60:
        fit *= 0.7
    if u.text[:1].islower():  # a fragment of a list or of a cut sentence
        fit *= 0.3
    if _CAPTION.search(u.text):  # a photo caption kept by the cleaner
        fit *= 0.3
    facts = len(u.figures) + len(u.events) + min(1, len(u.times))
    return fit * (1.0 + 0.2 * min(3, facts))


def _shared_weight(a: dict[str, float], b: dict[str, float]) -> tuple[float, float]:
    """The weight of the words two sentences share, as a share of the lighter sentence's
    words and of the heavier one's (a short report of a fact is carried by a longer one
    that says more, but not by one that is mostly about something else)."""
    wa, wb = sum(a.values()), sum(b.values())
    if not wa or not wb:
        return 0.0, 0.0
    in_a = sum(w for t, w in a.items() if t in b)
    in_b = sum(w for t, w in b.items() if t in a)
    return (in_a / wa, in_b / wb) if wa <= wb else (in_b / wb, in_a / wa)


class _Stories:
    """Whether two articles tell the same story: the similarity of all their words (a stock
    phrase such as "spoke on condition of anonymity" in two unrelated articles is not one
    fact), higher for articles published far apart, or a resolved event both report."""

    def __init__(self, units: Sequence[Unit], published: dict[str, str | None]) -> None:
        self.days = {doc: _day(p) for doc, p in published.items()}
        bags: dict[str, list[str]] = {}
        self.events: dict[str, set[str]] = {}
        for u in units:
            bags.setdefault(u.doc, []).extend(u.terms)
            self.events.setdefault(u.doc, set()).update(u.events)
        idf = idf_table(bags.values())
        self.vectors = {doc: tf_idf(bag, idf) for doc, bag in bags.items()}
        self.norms = {doc: norm(v) for doc, v in self.vectors.items()}
        self.known: dict[tuple[str, str], bool] = {}

    def same(self, a: str, b: str) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in self.known:
            va, vb = self.vectors.get(a, {}), self.vectors.get(b, {})
            s = cosine(va, vb, self.norms.get(a), self.norms.get(b)) if va and vb else 0.0
            shared = self.events.get(a, set()) & self.events.get(b, set())
            day_a, day_b = self.days.get(a), self.days.get(b)
            apart = bool(day_a and day_b and abs((day_a - day_b).days) > FAR_APART)
            self.known[key] = s >= (SAME_STORY_APART if apart else SAME_STORY) or bool(shared)
        return self.known[key]


class _Carry:
    """Which sentences of other documents carry a sentence (see :meth:`near`)."""

    def __init__(
        self,
        units: Sequence[Unit],
        sims: Sequence[dict[int, float]],
        said: Sequence[dict[str, float]],
        stories: _Stories,
    ) -> None:
        self.units, self.sims, self.said, self.stories = units, sims, said, stories

    def near(self, i: int, j: int) -> bool:
        """Are ``i`` and ``j`` near-duplicates: similar in words and facts, most of the words
        of the shorter of the two in the other (a shared event or name is not the same
        news), and in articles that tell the same story?"""
        a, b = self.units[i], self.units[j]
        if a.doc == b.doc or self.sims[i].get(j, 0.0) < CARRIED:
            return False
        if len(self.said[i]) < MIN_TERMS or len(self.said[j]) < MIN_TERMS:
            return False
        shorter, longer = _shared_weight(self.said[i], self.said[j])
        if shorter < CARRIED_WORDS or longer < CARRIED_LONGER:
            return False
        if len(self.said[i].keys() & self.said[j].keys()) < MIN_TERMS:  # "talking points"
            return False
        return self.stories.same(a.doc, b.doc)

    def around(self, i: int) -> dict[str, int]:
        """For each other document with a near-duplicate of sentence ``i``, its closest one."""
        best: dict[str, tuple[float, int]] = {}
        for j, s in self.sims[i].items():
            doc = self.units[j].doc
            if not self.near(i, j):
                continue
            if doc not in best or s > best[doc][0] or (s == best[doc][0] and j < best[doc][1]):
                best[doc] = (s, j)
        return {doc: j for doc, (_, j) in sorted(best.items())}


@dataclass(frozen=True, slots=True)
class _Cluster:
    """A sentence, the other documents' sentences stating the same fact, and those that
    state other values."""

    same: tuple[int, ...]
    differ: tuple[int, ...]

    @property
    def members(self) -> tuple[int, ...]:
        return (*self.same, *self.differ)


def _cluster(units: Sequence[Unit], carry: _Carry, i: int) -> _Cluster:
    same: list[int] = []
    differ: list[int] = []
    for j in carry.around(i).values():
        relation = compare(units[i], units[j]).relation
        if relation == "same":
            same.append(j)
        elif relation == "differs":
            differ.append(j)
    return _Cluster(tuple(same), tuple(differ))


def _lines(scope: Scope, units: Sequence[Unit], length: int) -> list[BriefLine]:
    if not units or length == 0:
        return []
    published = {d.id: d.published or d.inferred for d in scope.documents}
    sims = _similarities(units, _vectors(units), published)
    rank = _pagerank(units, sims, _restart(scope, units))
    idf = idf_table(u.terms for u in units)
    said = [tf_idf(u.terms, idf) for u in units]
    stories = _Stories(scope.units, published)
    carry = _Carry(units, sims, said, stories)
    clusters = [_cluster(units, carry, i) for i in range(len(units))]
    others = [
        len({_report(units[j]) for j in c.same} - {_report(u)})
        for u, c in zip(units, clusters, strict=True)
    ]
    base = [rank[i] * _usable(u) * (1.0 + 0.5 * others[i]) for i, u in enumerate(units)]
    chosen: list[int] = []
    cited: set[int] = set()
    per_report: dict[str, int] = {}
    while len(chosen) < length:
        best, best_score = -1, 0.0
        for i, u in enumerate(units):
            cluster = [i, *clusters[i].members]
            if base[i] <= 0.0 or any(j in cited for j in cluster):
                continue
            overlap = max((sims[c].get(j, 0.0) for c in cluster for j in cited), default=0.0)
            if overlap >= REDUNDANT:
                continue
            score = base[i] * DOC_DECAY ** per_report.get(_report(u), 0) * (1.0 - overlap)
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        cited.add(best)
        cited.update(clusters[best].members)
        per_report[_report(units[best])] = per_report.get(_report(units[best]), 0) + 1
    return [_line(scope, units, rank, carry, i, clusters[i], base[i]) for i in chosen]


def _line(
    scope: Scope,
    units: Sequence[Unit],
    rank: Sequence[float],
    carry: _Carry,
    i: int,
    cluster: _Cluster,
    score: float,
) -> BriefLine:
    """The line reads as the version that most reports agree with (then the clearest, most
    fact-rich one); every other sentence is compared with that one again. Sentences that
    state other values than the line, or than one another, are its disagreements."""
    pool = [i, *cluster.same]

    def agreeing(j: int) -> list[int]:
        return [
            k
            for k in (*pool, *cluster.differ)
            if k == j or ((k == i or carry.near(j, k)) and _same(units, j, k))
        ]

    support = {j: len({_report(units[k]) for k in agreeing(j)}) for j in pool}
    shown = max(pool, key=lambda j: (support[j], rank[j] * _usable(units[j]), -j))
    same = agreeing(shown)
    same.sort(key=lambda j: j != shown)
    differ: list[tuple[int, tuple[str, ...], tuple[str, ...], tuple[int, ...]]] = []
    for j in (*pool, *cluster.differ):
        if j in same or not (j == i or carry.near(shown, j)):
            continue
        c = compare(units[shown], units[j])
        if c.relation == "differs":
            differ.append((j, c.theirs, c.mine, ()))
    for x, a in enumerate(same[1:], start=1):
        for b in same[x + 1 :]:
            if not carry.near(a, b):
                continue
            c = compare(units[a], units[b])
            if c.relation == "differs":  # both state the line's fact, and differ on another
                differ.append((b, c.theirs, c.mine, (a,)))
    citations = _citations(scope, units, same)
    return BriefLine(
        text=units[shown].text,
        citations=citations,
        sources=len({_report(units[j]) for j in same}),
        outlets=tuple(sorted({c.outlet for c in citations})),
        score=score,
        copies=len({units[j].doc for j in same}),
        disagreements=_disagreements(scope, units, differ),
    )


def _same(units: Sequence[Unit], a: int, b: int) -> bool:
    return compare(units[a], units[b]).relation == "same"


def _citations(scope: Scope, units: Sequence[Unit], order: Sequence[int]) -> tuple[Citation, ...]:
    published = {d.id: d.published for d in scope.documents}
    return tuple(
        Citation(u.doc, u.start, u.end, scope.outlets[u.doc], published.get(u.doc))
        for u in (units[j] for j in order)
    )


def _disagreements(
    scope: Scope,
    units: Sequence[Unit],
    differ: Sequence[tuple[int, tuple[str, ...], tuple[str, ...], tuple[int, ...]]],
) -> tuple[Disagreement, ...]:
    """The differing sentences (each with what it says, what it differs from and the
    sentences saying that); those that agree with each other together."""
    groups: list[list[tuple[int, tuple[str, ...], tuple[str, ...], tuple[int, ...]]]] = []
    for item in differ:
        for group in groups:
            first = group[0]
            if first[3] == item[3] and _same(units, first[0], item[0]):
                group.append(item)
                break
        else:
            groups.append([item])
    out = []
    for group in groups:
        members = [j for j, _, _, _ in group]
        citations = _citations(scope, units, members)
        _, says, instead_of, versus = group[0]
        out.append(
            Disagreement(
                text=units[members[0]].text,
                says=says,
                instead_of=instead_of,
                citations=citations,
                sources=len({_report(units[j]) for j in members}),
                copies=len({units[j].doc for j in members}),
                outlets=tuple(sorted({c.outlet for c in citations})),
                versus=_citations(scope, units, versus),
            )
        )
    return tuple(out)
