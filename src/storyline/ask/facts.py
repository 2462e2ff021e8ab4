"""Answers from figures, dates, places and sentences: how much, when, where, what.

Each answerer ranks the stored facts by the support of the sentence that carries them
(see :class:`~storyline.ask.evidence.Scorer`), keeps only facts whose sentence names the
question's entities, and says "not found" when none is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.ask.compose import Draft, human_date, marks, not_found
from storyline.ask.evidence import Evidence, Scorer, Support, name_in, names_of
from storyline.ask.model import Answer, Question
from storyline.ask.text import stem, stems
from storyline.document import Figure
from storyline.resolve.figures import values_agree
from storyline.store.ask_queries import AskEvent, AskFigure, AskSentence

CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_CITATIONS = 4
MAX_OTHERS = 3  # other values of an amount listed as "other reports"
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_BEFORE_PLACE = re.compile(r"\b(?:in|at|to|near|outside|from|inside)\s+(?:the\s+)?$", re.I)

# question words that say which unit an amount is in
_UNIT_HINTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("oil", "crude", "coal", "grain", "wheat"), frozenset({"tonne", "barrel"})),
    **dict.fromkeys(("gas", "lng"), frozenset({"cubic_metre"})),
    **dict.fromkeys(("percent", "percentage", "share", "proportion"), frozenset({"percent"})),
    **dict.fromkeys(
        ("people", "troops", "soldiers", "deals", "agreements", "meetings", "occasions", "times"),
        frozenset({"count"}),
    ),
}
_MONEY_WORDS = frozenset(
    stem(w)
    for w in [
        "trade",
        "cost",
        "pay",
        "worth",
        "spend",
        "invest",
        "price",
        "revenue",
        "budget",
        "loan",
        "money",
        "dollars",
        "value",
        "fund",
        "funds",
        "aid",
        "exports",
        "imports",
        "turnover",
    ]
)


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    support: Support
    doc: str
    start: int
    end: int


def entities_ok(question: Question, support: Support, missing: int = 0) -> bool:
    """The span names all the question's entities, but ``missing`` of them."""
    return len(question.entities) - len(support.entities) <= missing


def action_words(question: Question, scorer: Scorer) -> frozenset[str]:
    """The question's words for what happened: its keywords but dates, numbers and names."""
    unknown = {w.casefold() for name in question.unknown for w in name.split()}
    return frozenset(
        w
        for w in question.keywords
        if w not in scorer.date_words and not w.isdigit() and w not in unknown
    )


def ranked_sentences(
    question: Question, evidence: Evidence, scorer: Scorer, extra: Sequence[str] = ()
) -> list[tuple[Support, AskSentence]]:
    found = [(scorer.sentence(s), s) for s in evidence.search(question, extra=extra)]
    found = [(sup, s) for sup, s in found if sup.score > 0]
    # BM25 only breaks ties: lower rank is better
    found.sort(key=lambda t: (-t[0].score, t[1].bm25, t[1].doc, t[1].start))
    return found


# -------------------------------------------------------------------- how much


def _unit_ok(question: Question, unit: str) -> float:
    """+ when the unit fits the question's words, − when it clearly does not, 0 unknown."""
    words = {stem(w) for w in question.keywords}
    wanted: set[str] = set()
    for word in question.keywords:
        wanted |= _UNIT_HINTS.get(word, frozenset())
    money = bool(words & _MONEY_WORDS) and not wanted
    if question.focus == "count":
        wanted.add("count")
    if question.focus == "duration":
        wanted = {"year", "month", "day", "week"}
    if question.focus == "percent":
        wanted = {"percent"}
    if money:
        return 2.0 if CURRENCY.match(unit) else -3.0
    if not wanted:
        return 0.0
    return 2.0 if unit in wanted else -3.0


def _figure_phrase(f: AskFigure) -> str:
    words = f.text
    if f.hedge and f.hedge.lower() not in words.lower():
        words = f"{f.hedge} {words}"
    for extra in (f.rate, f.duration):
        if extra and extra.lower() not in words.lower():
            words += f" {extra}"
    if f.period and f.period not in words:
        words += f" (in {f.period})"
    return words


def answer_amount(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    cands: list[tuple[float, AskFigure, Support]] = []
    for f in evidence.figures:
        a, b, text = evidence.sentence_span(f.doc, f.start, f.end)
        sup = scorer.support(f.doc, a, b, text)
        if not entities_ok(question, sup) or (question.keywords and not sup.words):
            continue
        if scorer.date_prefix and f.period and not _period_fits(f.period, scorer.date_prefix):
            continue
        subject = stems(f.subject or "")
        score = sup.score + 0.5 * sum(1 for w in question.keywords if stem(w) in subject)
        unit = _unit_ok(question, f.unit)
        if unit < 0:
            continue
        cands.append((score + unit, f, sup))
    if not cands:
        return not_found(question, "no figure in the articles matches the question")
    cands.sort(key=lambda t: (-t[0], t[1].doc, t[1].start))
    best_score, best, _ = cands[0]
    draft = Draft(question, evidence)
    # cited together only where they state the same fact: the same measure (group key,
    # kind, period where both say) and values that agree within rounding and hedges
    same = [f for s, f, _ in cands if _same_fact(f, best)]
    nums = [draft.cite(f.doc, f.start, f.end) for f in same]
    for f in same:
        draft.fact(
            "figure",
            f.text,
            [draft.cite(f.doc, f.start, f.end)],
            id=f.id,
            value=f"{f.value:g} {f.unit}",
            extra={
                "subject": f.subject or "",
                "figure_kind": f.kind or "",
                "period": f.period or "",
            },
        )
    about = f" ({best.subject}{', ' + best.kind if best.kind else ''})" if best.subject else ""
    text = f"{_figure_phrase(best)}{about} {marks(nums)}"
    others: list[str] = []
    seen = {best.value}
    for score, f, _ in cands[1:]:
        if len(others) >= MAX_OTHERS or score < 0.75 * best_score or f.unit != best.unit:
            continue
        if best.period and f.period and best.period[:4] != f.period[:4]:
            continue
        if best.kind and f.kind and best.kind != f.kind:
            continue
        if any(_close(f.value, v) for v in seen):
            continue
        seen.add(f.value)
        n = draft.cite(f.doc, f.start, f.end)
        draft.fact("figure", f.text, [n], id=f.id, value=f"{f.value:g} {f.unit}")
        others.append(f"{_figure_phrase(f)} {marks([n])}")
    if others:
        text += "; other reports: " + "; ".join(others)
    return draft.answer(text)


def _period_fits(period: str, prefix: tuple[str | None, int | None]) -> bool:
    year, month = prefix
    if year and not period.startswith(year):
        return False
    return not (month and len(period) >= 7 and period[5:7] != f"{month:02d}")


def _figure(f: AskFigure) -> Figure:
    return Figure(f.start, f.end, f.text, f.value, f.unit, hedge=f.hedge)


def _same_fact(f: AskFigure, best: AskFigure) -> bool:
    if f is best:
        return True
    if f.unit != best.unit or not values_agree([_figure(f), _figure(best)]):
        return False
    if f.kind and best.kind and f.kind != best.kind:
        return False
    if f.period and best.period and f.period[:4] != best.period[:4]:
        return False
    if f.subject and best.subject:
        return bool(stems(f.subject) & stems(best.subject))
    return True


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


# ------------------------------------------------------------------------ when


def closeness(text: str, start: int, end: int, terms: Iterable[str]) -> float:
    """1 when a question term touches the span, falling with the distance in characters."""
    best = 0.0
    for term in terms:
        for m in re.finditer(rf"(?<!\w){re.escape(term)}", text, re.IGNORECASE):
            d = max(0, start - m.end(), m.start() - end)
            best = max(best, 1.0 / (1.0 + d / 30.0))
    return best


def _terms(question: Question) -> list[str]:
    """Words of the question to look for near a date: places and content words (their
    stems), else every name; people are named all over a story, places and words less."""
    out = [
        n
        for ref in question.entities
        if ref.type in _PLACE_TYPES
        for n in names_of(ref)
        if len(n) > 1
    ]
    out += [stem(w) for w in question.keywords if not w.isdigit()]
    return out or [n for ref in question.entities for n in names_of(ref) if len(n) > 1]


def _event_covers(event: AskEvent, question: Question, evidence: Evidence) -> bool:
    """The event involves every actor the question names and happened at its place."""
    texts = [evidence.sentence_span(d, a, b)[2] for d, a, b in event.mentions]
    for ref in question.entities:
        if ref.type in _PLACE_TYPES:
            if event.place is not None:
                if event.place != ref.id:
                    return False
                continue
            if not any(name_in(n, t) for n in names_of(ref) for t in texts):
                return False
        elif ref.id not in event.participants:
            return False
    return True


def answer_when(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    votes: dict[str, float] = {}
    spans: dict[str, list[tuple[str, int, int, str]]] = {}
    for event in evidence.events:
        if not event.date or not _event_covers(event, question, evidence):
            continue
        strongest = 0.0
        action = action_words(question, scorer)
        for d, a, b in event.mentions:
            sup = scorer.support(d, a, b, evidence.sentence_span(d, a, b)[2])
            # what happened must match too ("leave" is not "sign")
            acted = len(action & sup.words) * 2 >= len(action)
            if acted and (not question.keywords or sup.coverage >= 0.6):
                strongest = max(strongest, sup.score)
        if strongest <= 0:
            continue
        # a resolved event is worth more than one sentence: it joins several reports
        votes[event.date] = votes.get(event.date, 0.0) + 1.5 * strongest
        for d, a, b in event.mentions:
            spans.setdefault(event.date, []).append((d, a, b, event.label))
    terms = _terms(question)
    ranked = ranked_sentences(question, evidence, scorer)
    for sup, s in ranked[:60]:
        if not entities_ok(question, sup):
            continue
        if question.keywords and sup.coverage < 0.5:
            continue
        for t in evidence.times_in(s.doc, s.start, s.end):
            if not t.value or t.value[:1] not in "0123456789":
                continue
            if t.text.strip() in question.keywords:  # a year the question gives is no answer
                continue
            near = closeness(s.text, t.start - s.start, t.end - s.start, terms)
            weight = sup.score * (0.3 + near)
            votes[t.value] = votes.get(t.value, 0.0) + weight
            spans.setdefault(t.value, []).append((t.doc, t.start, t.end, t.text))
    if not votes:
        return not_found(question, "no dated event or sentence in the articles matches it")
    # a less precise value ("2024") lends its support to the best supported value that
    # refines it ("2024-10-22"): the two agree, and the finer one says more
    for value in sorted(votes, key=len):
        finer = [v for v in votes if v != value and v.startswith(value)]
        if finer:
            target = max(finer, key=lambda v: (votes[v], v))
            votes[target] += votes.pop(value)
            spans[target] += spans.pop(value)
    order = sorted(votes, key=lambda v: (-votes[v], -len(v), v))
    best = order[0]
    draft = Draft(question, evidence)
    nums = []
    for doc, a, b, words in spans[best][:MAX_CITATIONS]:
        n = draft.cite(doc, a, b)
        nums.append(n)
        draft.fact("time", words, [n], value=best)
    text = f"{human_date(best)} {marks(nums)}"
    rivals = [v for v in order[1:3] if votes[v] >= 0.8 * votes[best] and not best.startswith(v)]
    if rivals:
        parts = []
        for v in rivals:
            doc, a, b, words = spans[v][0]
            n = draft.cite(doc, a, b)
            draft.fact("time", words, [n], value=v)
            parts.append(f"{human_date(v)} {marks([n])}")
        text += "; other sources: " + "; ".join(parts)
    return draft.answer(text)


# ----------------------------------------------------------------------- where


def answer_where(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    asked = {r.id for r in question.entities}
    votes: dict[str, float] = {}
    names: dict[str, str] = {}
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for event in evidence.events:
        if event.place and event.place not in asked and _event_covers(event, question, evidence):
            place = evidence.entity(event.place)
            if place is None:
                continue
            votes[place.id] = votes.get(place.id, 0.0) + 3.0
            names[place.id] = place.name
            spans.setdefault(place.id, []).extend(event.mentions)
    emap = evidence.entity_map()
    ranked = [
        (sup, s)
        for sup, s in ranked_sentences(question, evidence, scorer)
        if entities_ok(question, sup) and (not question.keywords or sup.coverage >= 0.5)
    ]
    top = ranked[0][0].score if ranked else 0.0
    terms = [stem(w) for w in question.keywords if not w.isdigit()]
    for sup, s in ranked:
        if sup.score < 0.75 * top:
            break
        for m in evidence.mentions_in(s.doc, s.start, s.end):
            entity = emap.get(m.entity or "")
            etype = entity.type if entity else m.label
            if etype not in _PLACE_TYPES or (m.entity in asked):
                continue
            if any(name_in(n, m.text) for r in question.entities for n in names_of(r)):
                continue
            key = m.entity or m.text
            before = s.text[: m.start - s.start]
            near = closeness(s.text, m.start - s.start, m.end - s.start, terms)
            weight = sup.score * (1.0 if _BEFORE_PLACE.search(before) else 0.3) * (0.5 + near)
            votes[key] = votes.get(key, 0.0) + weight
            names.setdefault(key, entity.name if entity else m.text)
            spans.setdefault(key, []).append((m.doc, m.start, m.end))
    if not votes:
        return not_found(question, "no place in the articles is tied to it")
    best = max(votes, key=lambda k: (votes[k], names[k]))
    draft = Draft(question, evidence)
    nums = [draft.cite(d, a, b) for d, a, b in spans[best][:MAX_CITATIONS]]
    draft.fact("entity", names[best], nums, id=best if best.startswith("e_") else None)
    return draft.answer(f"{names[best]} {marks(nums)}")


# ------------------------------------------------------------------------ what


def answer_what(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    ranked = ranked_sentences(question, evidence, scorer)
    # a sentence may leave out one of several names ("Lavrov said …" after "Lavrov and Wang
    # Yi met") when it has most of the question's words
    missing = len(question.entities) // 2
    good = [
        (sup, s)
        for sup, s in ranked
        if (entities_ok(question, sup) and sup.coverage >= (0.5 if question.entities else 0.6))
        or (entities_ok(question, sup, missing) and sup.coverage >= 0.75 and sup.entities)
    ]
    if not good:
        return not_found(question, "no sentence in the articles answers it")
    # what happened ("study") tells more than names: sentences matching more of the
    # question's action words come first
    action = action_words(question, scorer)
    good.sort(key=lambda t: -len(t[0].words & action))
    best_sup, best = good[0]
    draft = Draft(question, evidence)
    n = draft.cite(best.doc, best.start, best.end)
    draft.fact("sentence", best.text, [n])
    text = f"{best.text.strip()} {marks([n])}"
    for sup, s in good[1:4]:
        same_action = sup.words & action == best_sup.words & action
        if s.doc != best.doc and same_action and sup.score >= 0.9 * best_sup.score:
            m = draft.cite(s.doc, s.start, s.end)
            draft.fact("sentence", s.text, [m])
            text += f" Also: {s.text.strip()} {marks([m])}"
            break
    return draft.answer(text)
