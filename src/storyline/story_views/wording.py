"""Wording: each outlet's characteristic terms, with the entity they are used around.

Terms are content words and two-word phrases (names left out: they are actors, not
wording). Each outlet's use of a term is compared with every other outlet's by the
log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): the
prior is the term's share of the whole scope, so rare terms do not win on chance, and the
z-score says how sure the difference is. A term is characteristic when the outlet uses it
at least twice, at least twice as often as all other outlets together, and its z-score is
high enough (a little lower for two-word phrases, which are rarely repeated by chance).
Each term is tied to the *shared* entity (one that several outlets name) that is most
telling about it — often next to it, rarely elsewhere — and for each other outlet the
characteristic term it uses around the same entity is shown beside it: two ways of naming
the same thing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.story_views.evidence import Evidence, evidence_at
from storyline.story_views.scope import Scope, Unit

PRIOR = 1.0  # weight of the prior, as a share of the scope's term count
Z_MIN = 1.0  # z-score from which a word is characteristic
PHRASE_Z_MIN = 0.8  # … and a two-word phrase (rarer by nature: repeating one is deliberate)
MIN_USES = 2  # an outlet uses a characteristic term at least this often …
RATIO = 2.0  # … and at least this many times as often as all other outlets together
MAX_TERMS = 6
EXAMPLES = 2


@dataclass(frozen=True, slots=True)
class Wording:
    """A term one outlet uses where others don't, with example sentences."""

    term: str
    count: int
    others: int
    z: float
    anchor: str | None
    instead: tuple[tuple[str, str], ...]
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "count": self.count,
            "others": self.others,
            "z": round(self.z, 3),
            "anchor": self.anchor,
            "instead": [{"outlet": o, "term": t} for o, t in self.instead],
            "evidence": [e.to_dict() for e in self.evidence],
        }


def unit_terms(u: Unit) -> list[str]:
    """Content words and adjacent pairs of them (``historic partnership``)."""
    out = [t for t in u.tokens if t and not t[0].isdigit()]
    for a, b in zip(u.tokens, u.tokens[1:], strict=False):
        if a and b and not a[0].isdigit() and not b[0].isdigit():
            out.append(f"{a} {b}")
    return out


@dataclass(frozen=True, slots=True)
class _Counts:
    by_outlet: dict[str, Counter[str]]
    total: Counter[str]
    units: dict[tuple[str, str], list[Unit]]  # (outlet, term) → the sentences using it
    sizes: dict[str, int]  # terms used per outlet
    size: int  # terms used in all


def _count(scope: Scope) -> _Counts:
    by_outlet: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    units: dict[tuple[str, str], list[Unit]] = {}
    for u in scope.units:
        outlet = scope.outlets[u.doc]
        terms = unit_terms(u)
        by_outlet.setdefault(outlet, Counter()).update(terms)
        total.update(terms)
        for t in dict.fromkeys(terms):
            units.setdefault((outlet, t), []).append(u)
    sizes = {o: sum(c.values()) for o, c in by_outlet.items()}
    return _Counts(by_outlet, total, units, sizes, sum(sizes.values()))


def log_odds_z(counts: _Counts, outlet: str, term: str) -> float:
    """The z-score of the log-odds ratio of ``term`` in ``outlet`` against all others."""
    mine = counts.by_outlet[outlet]
    n_all = counts.size
    n_mine = counts.sizes[outlet]
    n_rest = n_all - n_mine
    prior = PRIOR * n_all
    alpha = prior * counts.total[term] / n_all
    y_mine = mine[term]
    y_rest = counts.total[term] - y_mine
    delta = math.log((y_mine + alpha) / (n_mine + prior - y_mine - alpha)) - math.log(
        (y_rest + alpha) / (n_rest + prior - y_rest - alpha)
    )
    return delta / math.sqrt(1.0 / (y_mine + alpha) + 1.0 / (y_rest + alpha))


def _shared_entities(scope: Scope) -> dict[str, str]:
    """Entities named by at least two outlets: id → name."""
    outlets: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for m in scope.mentions():
        if m.entity:
            outlets.setdefault(m.entity, set()).add(scope.outlets[m.doc])
            names[m.entity] = m.entity_name or m.text
    return {e: names[e] for e, o in outlets.items() if len(o) >= 2}


def _around(
    scope: Scope, index: dict[Any, int], units: Sequence[Unit], shared: dict[str, str]
) -> Counter[str]:
    """Shared entities named in the given sentences or right next to them (``index``: each
    sentence's position in the scope)."""
    found: Counter[str] = Counter()
    for u in units:
        i = index[u.key]
        near = {
            e
            for j in (i - 1, i, i + 1)
            if 0 <= j < len(scope.units)
            for e in (scope.units[j].entities if scope.units[j].doc == u.doc else ())
        }
        found.update(e for e in near if e in shared)
    return found


@dataclass(slots=True)
class _Context:
    """What every term of one scope is compared with, computed once per scope: the
    sentences' positions, how many sentences name each entity, and (memoised) the shared
    entities around each outlet's uses of a term."""

    scope: Scope
    counts: _Counts
    shared: dict[str, str]
    index: dict[Any, int]
    spread: Counter[str]
    memo: dict[tuple[str, str], Counter[str]]

    def near(self, outlet: str, term: str) -> Counter[str]:
        key = (outlet, term)
        if key not in self.memo:
            self.memo[key] = _around(self.scope, self.index, self.counts.units[key], self.shared)
        return self.memo[key]


def _surface(units: Sequence[Unit], term: str) -> str:
    """The term as the articles wrote it most often (case kept)."""
    forms: Counter[str] = Counter()
    wanted = term.split()
    for u in units:
        tokens = u.text.split()
        for i in range(len(tokens) - len(wanted) + 1):
            piece = [w.strip(".,;:!?\"'“”‘’()") for w in tokens[i : i + len(wanted)]]
            if [w.casefold() for w in piece] == wanted or [
                w.casefold().rstrip("s") for w in piece
            ] == [w.rstrip("s") for w in wanted]:
                forms[" ".join(piece)] += 1
    return forms.most_common(1)[0][0] if forms else term


def outlet_wording(scope: Scope) -> dict[str, list[Wording]]:
    """Per outlet, its most characteristic terms (at most MAX_TERMS), strongest first."""
    if len(set(scope.outlets.values())) < 2:
        return {}
    counts = _count(scope)
    shared = _shared_entities(scope)
    z: dict[str, dict[str, float]] = {
        o: {t: log_odds_z(counts, o, t) for t in c} for o, c in counts.by_outlet.items()
    }
    kept = {o: _characteristic(counts, z[o], o) for o in counts.by_outlet}
    context = _Context(
        scope,
        counts,
        shared,
        {u.key: i for i, u in enumerate(scope.units)},
        Counter(e for u in scope.units for e in u.entities),
        {},
    )
    return {
        outlet: [_wording(context, z, kept, outlet, t) for t in terms]
        for outlet, terms in kept.items()
    }


def _characteristic(counts: _Counts, z: dict[str, float], outlet: str) -> list[str]:
    mine = counts.by_outlet[outlet]

    def characteristic(term: str, score: float) -> bool:
        floor = PHRASE_Z_MIN if " " in term else Z_MIN
        used = mine[term]
        return score >= floor and used >= MIN_USES and used >= RATIO * (counts.total[term] - used)

    # strongest first; at equal strength a phrase before a single word
    ranked = sorted(z.items(), key=lambda x: (-round(x[1], 9), " " not in x[0], x[0]))
    picked = [t for t, score in ranked if characteristic(t, score)]
    phrases = [t for t in picked if " " in t]
    kept = [
        t
        for t in picked
        # a word (nearly) always used inside a characteristic phrase adds nothing to it
        if " " in t or not any(t in p.split() and mine[t] <= mine[p] + 1 for p in phrases)
    ]
    return kept[:MAX_TERMS]


def _wording(
    context: _Context,
    z: dict[str, dict[str, float]],
    kept: dict[str, list[str]],
    outlet: str,
    term: str,
) -> Wording:
    scope, counts, shared = context.scope, context.counts, context.shared
    units = counts.units[(outlet, term)]
    anchors = context.near(outlet, term)
    # the most telling shared entity: often next to the term, rarely elsewhere
    spread = context.spread
    n = len(scope.units)

    def telling(e: str) -> tuple[float, str]:
        return (-anchors[e] * math.log((1 + n) / (1 + spread[e])), shared[e])

    anchor = min(anchors, key=telling) if anchors else None
    instead: list[tuple[str, str]] = []
    if anchor is not None:
        for other in sorted(counts.by_outlet):
            if other == outlet:
                continue
            best: tuple[float, str] | None = None
            for t in kept[other]:
                score = z[other][t]
                if anchor in context.near(other, t) and (best is None or (score, t) > best):
                    best = (score, t)
            if best is not None:
                instead.append((other, _surface(counts.units[(other, best[1])], best[1])))
    return Wording(
        term=_surface(units, term),
        count=counts.by_outlet[outlet][term],
        others=counts.total[term] - counts.by_outlet[outlet][term],
        z=z[outlet][term],
        anchor=shared.get(anchor) if anchor else None,
        instead=tuple(instead),
        evidence=tuple(evidence_at(scope, u.doc, u.start, u.end) for u in units[:EXAMPLES]),
    )
