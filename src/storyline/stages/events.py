"""The ``events`` stage: meetings, visits, talks, agreements, sanctions and attacks.

A trigger word (a verb like "met", "visited", "signed", "invaded", or a noun like
"summit", "talks", "visit", "sanctions") gives the event and its PLOVER type. Its
participants are the name mentions (PERSON, GPE, ORG) the parse attaches to it: the
subject and object of a verb (and their conjuncts), "with X", "between X and Y", the
possessor or modifier of a noun ("Xi's visit", "the Xi-Putin summit"). "in Beijing" (a
GPE/LOC mention after in/at, or the object of "visit") is the place. The date is the value
of a time expression in the trigger's clause, else in its sentence (the ``times`` stage
has resolved it against the publication date). The evidence span is the sentence.

Precision first: participants are PERSON, GPE and ORG name mentions only (not demonyms,
not what an agreement is *about* — "a statement on X", "talks about X" —, not the event's own
place: a lone GPE modifying a meeting noun, "the Melbourne meeting", is its place). A
meeting or agreement (CONSULT, AGREE) needs two participants, or one PERSON/GPE participant
with a place or a counterpart noun ("met his Chinese counterpart", "the two leaders");
other events need something acted on ("X sanctions Y"). A trigger inside a title-cased
phrase ("the Joint Statement on ...") is a document's name, not an event.

The date, when the trigger's sentence has none: a time expression of an earlier sentence of
the same paragraph (or of the heading just before it) that holds a trigger of the same
family (meet/summit/talks, visit, call, sign/deal); else, for the article's main news (a
past-tense trigger in its first three sentences) in a document whose only dates are
relative to its publication date, that date — but only when a weekday, "today" or
"yesterday" of the document resolves to it. Otherwise None: a day is never invented.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.document import EventMention, Mention, Sentence, TimeExpression
from storyline.stages.registry import StageInput, StageOutput, stage

# lemma → (PLOVER type, verb used in the label)
VERB_TRIGGERS: dict[str, tuple[str, str]] = {
    "meet": ("CONSULT", "meets"), "visit": ("CONSULT", "visits"), "host": ("CONSULT", "hosts"),
    "call": ("CONSULT", "calls"), "phone": ("CONSULT", "calls"), "sign": ("AGREE", "signs"),
    "agree": ("AGREE", "agrees with"), "sanction": ("SANCTION", "sanctions"),
    "invade": ("ASSAULT", "invades"), "attack": ("ASSAULT", "attacks"),
    "bomb": ("ASSAULT", "bombs"), "shell": ("ASSAULT", "shells"), "strike": ("ASSAULT", "strikes"),
    "fight": ("FIGHT", "fights"), "clash": ("FIGHT", "clashes with"),
    "accuse": ("ACCUSE", "accuses"), "condemn": ("ACCUSE", "condemns"),
    "blame": ("ACCUSE", "blames"), "reject": ("REJECT", "rejects"), "veto": ("REJECT", "vetoes"),
    "support": ("SUPPORT", "supports"), "endorse": ("SUPPORT", "endorses"),
}  # fmt: skip
NOUN_TRIGGERS: dict[str, tuple[str, str]] = {
    "meeting": ("CONSULT", "meets"), "summit": ("CONSULT", "holds a summit with"),
    "talk": ("CONSULT", "holds talks with"), "visit": ("CONSULT", "visits"),
    "call": ("CONSULT", "calls"), "agreement": ("AGREE", "signs an agreement with"),
    "deal": ("AGREE", "makes a deal with"), "treaty": ("AGREE", "signs a treaty with"),
    "accord": ("AGREE", "signs an accord with"), "pact": ("AGREE", "signs a pact with"),
    "statement": ("AGREE", "issues a joint statement with"),
    "sanction": ("SANCTION", "sanctions"), "invasion": ("ASSAULT", "invades"),
    "strike": ("ASSAULT", "strikes"), "attack": ("ASSAULT", "attacks"),
}  # fmt: skip
_ACTORS = frozenset({"PERSON", "GPE", "ORG"})
_PLACES = frozenset({"GPE", "LOC"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "agent", "poss", "compound", "amod", "nmod"})
_WITH = frozenset({"with", "between", "among", "against", "on", "to", "by"})
# what a meeting or an agreement is about, not who takes part
_TOPIC_PREP = frozenset({"on", "about", "over", "against", "regarding", "concerning"})
_PLACE_PREP = frozenset({"in", "at"})
_PAIRED = frozenset({"CONSULT", "AGREE"})
# a noun standing for the other side of a meeting: "his Chinese counterpart", "the leaders"
_COUNTERPARTS = frozenset(
    {"counterpart", "leader", "president", "minister", "pair", "delegation", "host", "premier"}
)
# trigger lemma → family, for borrowing the date of an earlier sentence about the same event
_FAMILIES: dict[str, str] = {
    "meet": "meet", "meeting": "meet", "summit": "meet", "talk": "meet", "host": "meet",
    "visit": "visit", "call": "call", "phone": "call", "sign": "sign", "agreement": "sign",
    "deal": "sign", "treaty": "sign", "accord": "sign", "pact": "sign", "statement": "sign",
}  # fmt: skip
_DAY_WORDS = re.compile(
    r"\b(?:today|yesterday|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


def _mention_at(tok: Any, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    return None


def _with_conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos"):
            out.extend(_with_conjuncts(c))
    return out


def _heads_of(tok: Any) -> list[Any]:
    """The tokens a name mention is reached through (its head word and conjuncts)."""
    return _with_conjuncts(tok)


def _collect(
    trigger: Any, mentions: list[Mention]
) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """Subjects, other participants and places attached to a trigger token."""
    subjects: list[Mention] = []
    others: list[Mention] = []
    places: list[Mention] = []
    is_visit = trigger.lemma_ == "visit"

    def add(tok: Any, bucket: list[Mention], place_ok: bool = False) -> None:
        for t in _heads_of(tok):
            m = _mention_at(t, mentions)
            if m is None:
                continue
            if place_ok and m.label in _PLACES:
                places.append(m)
            elif m.label in _ACTORS or m.origin == "gazetteer-demonym":
                bucket.append(m)

    for child in trigger.children:
        if child.dep_ in _SUBJ:
            add(child, subjects)
            if child.dep_ == "compound":
                for grand in child.children:
                    if grand.dep_ in ("compound", "amod"):
                        add(grand, subjects)
        elif child.dep_ in ("dobj", "attr", "dative"):
            add(child, others, place_ok=is_visit)
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                word = child.lower_
                if word in _PLACE_PREP:
                    add(pobj, others, place_ok=True)
                elif word in _WITH:
                    add(pobj, others)
    # a noun trigger's verb: "X and Y held talks", "X signed a deal with Y"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass", "attr"):
        verb = trigger.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                add(child, subjects)
            elif child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and child.lower_ in _PLACE_PREP:
                        add(pobj, others, place_ok=True)
                    elif pobj.dep_ == "pobj" and child.lower_ in _WITH:
                        add(pobj, others)
    seen: set[tuple[int, int]] = set()
    firsts: list[Mention] = []
    seconds: list[Mention] = []
    for bucket, into in ((subjects, firsts), (others, seconds)):
        for m in bucket:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                into.append(m)
    return firsts, seconds, places


def _name(m: Mention) -> str:
    return m.canonical or m.name or m.text


def _label(verb: str, subjects: list[Mention], objects: list[Mention], place: Mention | None
           ) -> str:  # fmt: skip
    """A readable label: "Putin meets Xi in Beijing", "China and Russia sign", "Xi visits
    Moscow"."""
    if not subjects:
        subjects, objects = objects[:1], objects[1:]
    names = [_name(m) for m in subjects]
    words = verb.split()
    if len(names) > 1 and words[0].endswith("s"):
        words[0] = words[0][:-2] if words[0].endswith("shes") else words[0][:-1]
    if not objects and words[-1] in ("with", "an", "a"):
        words = words[:1] if words[-1] == "with" else words
    label = f"{' and '.join(names)} {' '.join(words)}"
    if objects:
        label += " " + " and ".join(_name(m) for m in objects)
    if place is not None:
        label += (" " if verb == "visits" and not objects else " in ") + _name(place)
    return label


def _date(trigger: Any, sentence: Sentence, times: list[TimeExpression]) -> str | None:
    subtree = [t.idx for t in trigger.subtree]
    lo, hi = min(subtree), max(subtree) + 1
    head = trigger.head
    clause = [t.idx for t in head.subtree] if head is not trigger else subtree
    c_lo, c_hi = min(clause), max(clause) + 1
    for a, b in ((lo, hi), (c_lo, c_hi), (sentence.start, sentence.end)):
        found = [t for t in times if a <= t.start < b and t.value is not None]
        if found:
            return min(found, key=lambda t: abs(t.start - trigger.idx)).value
    return None


@stage("events", version=1, adds=["events"], needs=["parse", "sentences", "mentions", "times"])
def events(inp: StageInput) -> StageOutput:
    mentions = [m for m in inp.layers.get("mentions", ()) if isinstance(m, Mention)]
    times = [t for t in inp.layers.get("times", ()) if isinstance(t, TimeExpression)]
    sentences = [s for s in inp.layers.get("sentences", ()) if isinstance(s, Sentence)]
    found: list[EventMention] = []
    for tok in inp.parse:
        if tok.pos_ in ("VERB",) and tok.lemma_ in VERB_TRIGGERS:
            etype, verb = VERB_TRIGGERS[tok.lemma_]
        elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in NOUN_TRIGGERS:
            etype, verb = NOUN_TRIGGERS[tok.lemma_.lower()]
            if tok.lemma_.lower() == "statement" and not any(
                c.lower_ == "joint" for c in tok.children
            ):
                continue
        else:
            continue
        sentence = next((s for s in sentences if s.start <= tok.idx < s.end), None)
        if sentence is None:
            continue
        subjects, objects, places = _collect(tok, mentions)
        people = subjects + objects
        if not people:
            continue
        place = places[0] if places else None
        found.append(
            EventMention(
                start=sentence.start,
                end=sentence.end,
                type=etype,
                trigger=tok.text,
                label=_label(verb, subjects, objects, place),
                participants=tuple((m.start, m.end) for m in people),
                place=(place.start, place.end) if place else None,
                date=_date(tok, sentence, times),
            )
        )
    return {"events": tuple(_dedupe(found))}


def _dedupe(found: list[EventMention]) -> list[EventMention]:
    """One event per sentence and type when a verb and its noun describe the same thing
    ("held talks", "signed a deal"): the one with more participants stays."""
    best: dict[tuple[int, str], EventMention] = {}
    for e in found:
        key = (e.start, e.type)
        kept = best.get(key)
        if kept is None or len(e.participants) > len(kept.participants):
            if kept is not None and set(kept.participants) - set(e.participants):
                best[(e.start, e.type + e.trigger)] = kept
            best[key] = e
    return sorted(best.values(), key=lambda e: (e.start, e.type, e.trigger))
