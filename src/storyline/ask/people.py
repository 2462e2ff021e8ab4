"""Answers about actors: who, what did X say, and what does X think of Y (positions).

Quotes and stances come with their resolved speaker and holders, so "what did Gabuev
say" finds every quote of the entity Alexander Gabuev, whatever name the article used
next to it ("he", "Gabuev", "Alexander Gabuev").
"""

from __future__ import annotations

import re

from storyline.ask.compose import Draft, join_names, marks, not_found
from storyline.ask.evidence import Evidence, Scorer, name_in, names_of
from storyline.ask.facts import action_words, closeness, entities_ok, ranked_sentences
from storyline.ask.model import Answer, EntityRef, Question
from storyline.ask.question import OPPOSE_WORDS, SUPPORT_WORDS
from storyline.ask.text import STOP, content_words, related_stems, stem, stems
from storyline.store.ask_queries import AskQuote, AskSentence, AskStance

MAX_QUOTES = 6
MAX_POSITIONS = 6
_WHO_SAID = re.compile(
    r"^\s*who (?:has |had )?(?:said|says|say|told|tells|warned|described|called|"
    r"argued|claimed|added|noted|predicted|compared)\b",
    re.I,
)
_WHO_IS = re.compile(r"^\s*who (?:is|was|are|were) (?P<x>[^?]+?)\??$", re.I)
_FOCUS_TYPES = {"person": {"PERSON"}, "org": {"ORG"}, "country": {"GPE"}, "place": {"GPE", "LOC"}}


def _speaker_name(q: AskQuote, evidence: Evidence) -> str:
    entity = evidence.entity(q.speaker)
    return entity.name if entity else (q.speaker_text or "unattributed")


def _topic_match(question: Question, text: str) -> bool:
    """The text is about the question's topic (its entities or words after of/about/on)."""
    if not question.topic and not question.topic_words:
        return True
    have = stems(text)
    if question.topic_words:  # words are more telling than names ("the Chinese yuan")
        return any(stem(w) in have or related_stems(w) & have for w in question.topic_words)
    return any(name_in(n, text) for ref in question.topic for n in names_of(ref))


def _subject(question: Question) -> tuple[EntityRef, ...]:
    return question.subject or question.entities


# -------------------------------------------------------------------- said


def _by_speaker(q: AskQuote, refs: tuple[EntityRef, ...]) -> bool:
    if q.speaker is not None:
        return q.speaker in {r.id for r in refs}
    return any(name_in(n, q.speaker_text or "") for r in refs for n in names_of(r))


def answer_said(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    who = _subject(question)
    said_by = {stem(w) for w in content_words(question.subject_text)}
    if who:
        quotes = [q for q in evidence.quotes if _by_speaker(q, who)]
        names = join_names([r.name for r in who])
    elif said_by and not question.unknown:
        # a speaker that is no entity ("the joint statement"): by the words written for it
        quotes = [q for q in evidence.quotes if said_by <= stems(q.speaker_text or "")]
        names = question.subject_text.strip()
    else:
        name = question.unknown[0] if question.unknown else "that speaker"
        return not_found(question, f"the articles quote no one called {name}")
    if not quotes:
        return not_found(question, f"the articles quote nothing by {names}")
    on_topic = []
    for q in quotes:
        _, _, sentence = evidence.sentence_span(q.doc, q.start, q.end)
        if _topic_match(question, q.text) or _topic_match(question, sentence):
            on_topic.append(q)
    if not on_topic:
        return not_found(question, f"nothing {names} said in the articles is about that")
    # a quote inside another (a phrase quoted within reported speech) adds nothing
    on_topic = [
        q
        for q in on_topic
        if not any(
            o is not q and o.doc == q.doc and o.start <= q.start and q.end <= o.end
            for o in on_topic
        )
    ]
    # direct quotes first, then the longer (more informative) ones
    chosen = sorted(on_topic, key=lambda q: (not q.direct, -len(q.text), q.doc, q.start))
    chosen = sorted(chosen[:MAX_QUOTES], key=lambda q: (q.doc, q.start))
    draft = Draft(question, evidence)
    lines = []
    for q in chosen:
        n = draft.cite(q.doc, q.start, q.end)
        speaker = _speaker_name(q, evidence)
        draft.fact("quote", q.text, [n], id=q.id, extra={"speaker": speaker})
        words = f"“{q.text.strip()}”" if q.direct else f"(reported) {q.text.strip()}"
        lines.append(f"- {words} {marks([n])}")
    more = len(on_topic) - len(chosen)
    tail = f"\n({more} more not shown)" if more > 0 else ""
    return draft.answer(f"{names[:1].upper()}{names[1:]} said:\n" + "\n".join(lines) + tail)


# ------------------------------------------------------------------ stance


def _stance_rank(s: AskStance, holders: set[str]) -> int:
    have = set(s.holders)
    if holders and holders <= have:
        return 0
    if have & holders:
        return 1
    return 2


def answer_stance(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    who = _subject(question)
    holders = {r.id for r in who}
    if not holders:
        return not_found(question, "the question names no one the articles know")
    names = join_names([r.name for r in who])
    found: list[AskStance] = []
    for s in evidence.stances:
        if question.polarity and s.polarity != question.polarity:
            continue
        if _stance_rank(s, holders) > 1:
            continue
        _, _, sentence = evidence.sentence_span(s.doc, s.start, s.end)
        if _topic_match(question, s.target) or (
            question.topic and _topic_match(question, sentence)
        ):
            found.append(s)
    best_rank = min((_stance_rank(s, holders) for s in found), default=2)
    found = [s for s in found if _stance_rank(s, holders) == best_rank]
    draft = Draft(question, evidence)
    groups: dict[str, list[AskStance]] = {}
    for s in found:
        groups.setdefault(s.position or s.id, []).append(s)
    order = sorted(groups.values(), key=lambda g: (-len(g), g[0].target.lower()))
    lines = []
    for group in order[:MAX_POSITIONS]:
        nums = [draft.cite(s.doc, s.start, s.end) for s in group]
        first = group[0]
        emap = evidence.entity_map()
        who_text = join_names([emap[h].name for h in first.holders if h in emap])
        draft.fact(
            "position" if first.position else "stance",
            first.target,
            nums,
            id=first.position or first.id,
            value=first.polarity,
            extra={"holders": who_text},
        )
        verb = _verb(first.polarity, len(first.holders))
        lines.append(f"- {who_text} {verb} {first.target} {marks(nums)}")
    quotes = []
    if question.topic or question.topic_words:
        for q in evidence.quotes:
            if _by_speaker(q, who) and _topic_match(question, q.text):
                quotes.append(q)
    for q in quotes[:3]:
        n = draft.cite(q.doc, q.start, q.end)
        draft.fact("quote", q.text, [n], id=q.id, extra={"speaker": _speaker_name(q, evidence)})
        words = f"“{q.text.strip()}”" if q.direct else f"(reported) {q.text.strip()}"
        lines.append(f"- {_speaker_name(q, evidence)} said: {words} {marks([n])}")
    if not lines:
        return _stance_sentences(question, evidence, scorer, names)
    return draft.answer(f"Positions of {names}:\n" + "\n".join(lines))


_CUES = {
    "oppose": frozenset(stem(w) for w in (*OPPOSE_WORDS, "opposition")),
    "support": frozenset(stem(w) for w in (*SUPPORT_WORDS, "backing")),
}


def _stance_sentences(question: Question, evidence: Evidence, scorer: Scorer, names: str) -> Answer:
    """No stance was extracted: the sentences that name the holders with a stance word."""
    polar = {"oppose": OPPOSE_WORDS, "support": SUPPORT_WORDS}
    words = polar.get(question.polarity or "", OPPOSE_WORDS + SUPPORT_WORDS)
    cues = _CUES.get(question.polarity or "", _CUES["oppose"] | _CUES["support"])
    draft = Draft(question, evidence)
    lines: list[str] = []
    for sup, s in ranked_sentences(question, evidence, scorer, extra=words):
        if len(lines) >= 3:
            break
        if not entities_ok(question, sup) or not stems(s.text) & cues:
            continue
        if (question.topic or question.topic_words) and not _topic_match(question, s.text):
            continue
        n = draft.cite(s.doc, s.start, s.end)
        draft.fact("sentence", s.text, [n])
        lines.append(f"- {' '.join(s.text.split())} {marks([n])}")
    if not lines:
        what = f" {question.polarity}" if question.polarity else " take a position on"
        return not_found(question, f"the articles state nothing {names}{what} that")
    return draft.answer(
        f"No stance of {names} was extracted; the articles say:\n" + "\n".join(lines)
    )


def _verb(polarity: str, holders: int) -> str:
    return polarity if holders > 1 else polarity + "s"


# --------------------------------------------------------------------- who


def answer_who(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    if _WHO_SAID.search(question.text):
        return _who_said(question, evidence, scorer)
    if question.polarity:
        return _who_holds(question, evidence)
    m = _WHO_IS.match(question.text)
    if m and len(question.entities) == 1 and not question.keywords:
        return _who_is(question, evidence)
    return _who_in_sentences(question, evidence, scorer)


def _who_said(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    ranked = []
    for q in evidence.quotes:
        sup = scorer.support(q.doc, q.start, q.end, q.text)
        if sup.coverage >= 0.5 and entities_ok(question, sup):
            ranked.append((sup.score, q))
    if not ranked:
        return _who_in_sentences(question, evidence, scorer)
    ranked.sort(key=lambda t: (-t[0], t[1].doc, t[1].start))
    top = ranked[0][0]
    draft = Draft(question, evidence)
    speakers: dict[str, list[int]] = {}
    for score, q in ranked:
        if score < top:
            break
        n = draft.cite(q.doc, q.start, q.end)
        name = _speaker_name(q, evidence)
        speakers.setdefault(name, []).append(n)
        draft.fact("quote", q.text, [n], id=q.id, extra={"speaker": name})
    return draft.answer("; ".join(f"{name} {marks(ns)}" for name, ns in speakers.items()))


def _who_holds(question: Question, evidence: Evidence) -> Answer:
    draft = Draft(question, evidence)
    emap = evidence.entity_map()
    holders: dict[str, list[int]] = {}
    for s in evidence.stances:
        if s.polarity != question.polarity:
            continue
        target = stems(s.target)
        words = [w for w in question.keywords if stem(w) in target or related_stems(w) & target]
        names_ok = all(any(name_in(n, s.target) for n in names_of(r)) for r in question.entities)
        if not names_ok or len(words) * 2 < len(question.keywords):
            continue
        name = join_names([emap[h].name for h in s.holders if h in emap]) or s.holder_text
        if name.lower() in STOP:  # an unresolved pronoun ("they") names no one
            continue
        n = draft.cite(s.doc, s.start, s.end)
        holders.setdefault(name, []).append(n)
        draft.fact("stance", s.target, [n], id=s.id, value=s.polarity, extra={"holders": name})
    if not holders:
        return not_found(question, f"the articles record no one who {question.polarity}s that")
    return draft.answer("; ".join(f"{name} {marks(ns)}" for name, ns in holders.items()))


_APPOSITION = re.compile(r"^,\s+((?:a|an|the)\s[^,.;]{3,120}|[a-z][^,.;]{3,120})")
_BEFORE = re.compile(r"((?:[\w.’'-]+ ){1,5})$")
_ROLE_WORDS = """
    president minister premier secretary spokesman spokeswoman spokesperson ceo chancellor
    king queen senator director professor chairman chairwoman general ambassador adviser
    advisor aide analyst envoy leader governor mayor official head chief founder editor
    correspondent scholar expert fellow researcher commander deputy
"""
ROLES = frozenset(_ROLE_WORDS.split())


def title_before(text: str) -> str | None:
    """The title written just before a name ("Chinese President", "Kremlin spokesman")."""
    run = _BEFORE.search(text)
    if run is None:
        return None
    words: list[str] = []
    for word in reversed(run.group(1).split()):
        low = word.lower().strip(".")
        if low != "of" and not word[:1].isupper() and low not in ROLES:
            break
        words.insert(0, word)
    while words and words[0].lower() == "of":
        words.pop(0)
    if not any(w.lower().strip(".") in ROLES for w in words):
        return None
    return " ".join(words)


def _who_is(question: Question, evidence: Evidence) -> Answer:
    """What the articles call a person: the apposition after the name ("X, an analyst at
    …"), else the title most often written before it ("Kremlin spokesman X"), else a
    relative clause after it ("X, who is responsible for …")."""
    ref = question.entities[0]
    draft = Draft(question, evidence)
    docs = sorted({s.doc for s in evidence.search(question)})
    found: dict[int, dict[str, list[tuple[str, int, int]]]] = {0: {}, 1: {}, 2: {}}
    for doc in docs:
        text = evidence.q.document_text(doc)
        for m in evidence.mentions_in(doc, 0, len(text)):
            if m.entity != ref.id:
                continue
            a, b, _ = evidence.sentence_span(doc, m.start, m.end)
            after = _APPOSITION.match(text[m.end : b])
            people = [
                p
                for p in evidence.mentions_in(doc, m.end, b)
                if p.label == "PERSON" and after and p.start < m.end + after.end()
            ]
            if after and not people:
                words = after.group(1).strip()
                rank = 2 if words.split()[0].lower() in ("who", "which", "whose") else 0
                found[rank].setdefault(words, []).append((doc, m.start, m.end))
            title = title_before(text[max(a, m.start - 80) : m.start])
            if title:
                found[1].setdefault(title, []).append((doc, m.start, m.end))
    for rank in (0, 1, 2):
        if found[rank]:
            options = found[rank]
            best = max(options, key=lambda t: (len(options[t]), len(t)))
            nums = [draft.cite(d, x, y) for d, x, y in options[best][:4]]
            draft.fact("entity", best, nums, id=ref.id)
            return draft.answer(f"{ref.name}: {best} {marks(nums)}")
    return not_found(question, f"the articles do not say who {ref.name} is")


def _who_in_sentences(question: Question, evidence: Evidence, scorer: Scorer) -> Answer:
    asked = {r.id for r in question.entities}
    emap = evidence.entity_map()
    action = action_words(question, scorer)
    terms = [stem(w) for w in action]

    def candidates(s: AskSentence, types: set[str]) -> list[tuple[str, str, float]]:
        """(key, name, closeness to the question's words) of each possible answer."""
        out = []
        for m in evidence.mentions_in(s.doc, s.start, s.end):
            entity = emap.get(m.entity or "")
            if (entity.type if entity else m.label) not in types or m.entity in asked:
                continue
            if any(name_in(n, m.text) for r in question.entities for n in names_of(r)):
                continue
            near = closeness(s.text, m.start - s.start, m.end - s.start, terms) if terms else 1
            out.append((m.entity or m.text, entity.name if entity else m.text, near))
        return out

    # the sentences must match what the question asks about someone ("travelled with"),
    # not only its names and dates, and must name someone who could be the answer
    ranked = [
        (sup, s)
        for sup, s in ranked_sentences(question, evidence, scorer)
        if entities_ok(question, sup) and (not action or sup.words & action)
    ]
    types = _FOCUS_TYPES.get(question.focus or "person", {"PERSON"})
    found = [(sup, s, c) for sup, s in ranked for c in [candidates(s, types)] if c]
    if not found:
        return not_found(question, "no one in the articles fits the question")
    top = found[0][0].score
    votes: dict[str, float] = {}
    names: dict[str, str] = {}
    cites: dict[str, list[tuple[str, int, int]]] = {}
    for sup, s, cands in found:
        if sup.score < 0.75 * top:
            break
        for key, name, near in cands:
            # a name next to the question's words ("Foreign Minister Sergei Lavrov") counts more
            votes[key] = votes.get(key, 0.0) + sup.score * (0.5 + near)
            names.setdefault(key, name)
            cites.setdefault(key, []).append((s.doc, s.start, s.end))
    draft = Draft(question, evidence)
    order = sorted(votes, key=lambda k: (-votes[k], names[k]))
    parts = []
    for key in order[:10]:
        nums = [draft.cite(d, a, b) for d, a, b in dict.fromkeys(cites[key])]
        draft.fact("entity", names[key], nums, id=key if key.startswith("e_") else None)
        parts.append(f"{names[key]} {marks(nums)}")
    return draft.answer("; ".join(parts))
