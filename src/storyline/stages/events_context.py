"""Event mentions that need more than the trigger's own parse.

* **Possessive pronouns**: "their meeting" is a meeting of the document's main pair of
  people (two people named together, "Xi and Putin", most often); "his visit" is a visit
  by the nearest person named before it in the same or the previous sentence.
* **Photo captions**: "A (left) seen with B in Beijing on 4 February" (a participle of
  *see*, *picture*, *photograph* or *pose* with "with"), and a caption with no verb at all,
  "A and B in Beijing on February 4": two people shown together at a place are meeting.
* **Roles**: "the foreign ministers' meeting" is a meeting of the people named together
  as a clause's subject in this or the two sentences before ("Foreign Minister A and his
  counterpart B said …"), dated like that sentence.
* **State visits**: "as he began his state visit" by one of the document's main pair of
  people, with no place named, is a visit to the other one.
* **Travel**: "flew to Beijing", "travelled to Moscow", "arrived in Harbin" is a visit to
  that place by the person who travels, when the document names them with a title
  somewhere ("Foreign Minister …"): an official's trip, not anyone's travel.
* **Anchored dates**: "a day ahead of the Xi-Putin meeting" dates what it modifies the
  day before that meeting, when another mention of the same people dates the meeting.
* **Lead dating**: the opening sentences of a news article describe its main news. A
  meeting word there with a date but no names ("after a summit on Friday ended …") dates
  the named mentions of the same kind of event in those sentences ("Xi met Putin …"); and
  deals the article says were signed, with no date of their own, take the date of the
  meeting its lead dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from storyline.document import EventMention, Mention, Sentence, TimeExpression
from storyline.stages.times_rules import WEEKDAYS, days_before_event

CAPTION_VERBS = frozenset({"see", "picture", "photograph", "pose", "show"})
TRAVEL_VERBS = frozenset({"fly", "travel", "arrive", "jet"})
_TRAVEL_PREPS = frozenset({"to", "in", "into"})
_PLACES = frozenset({"GPE", "LOC"})
_PLACE_PREPS = frozenset({"in", "at", "to", "into"})
LEAD_SENTENCES = 6


def _mention_at(tok: Any, mentions: Sequence[Mention]) -> Mention | None:
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    return None


def main_pair(mentions: Sequence[Mention], text: str) -> tuple[Mention, Mention] | None:
    """The two people most often named together ("X and Y") in the document; their first
    such mentions."""
    people = sorted((m for m in mentions if m.label == "PERSON"), key=lambda m: m.start)
    pairs: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], tuple[Mention, Mention]] = {}
    for a, b in pairwise(people):
        between = text[a.end : b.start].strip().lower()
        if between not in ("and", "&", ", and") or _key(a) == _key(b):
            continue
        key = (min(_key(a), _key(b)), max(_key(a), _key(b)))
        pairs[key] += 1
        first.setdefault(key, (a, b))
    if not pairs:
        return None
    best = min(pairs, key=lambda k: (-pairs[k], k))
    return first[best]


def _key(m: Mention) -> str:
    name = m.canonical or m.name or m.text
    return name.split()[-1].lower()


def pronoun_participants(
    trigger: Any,
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
    pair: tuple[Mention, Mention] | None,
) -> list[Mention]:
    """The people a possessive pronoun on a noun trigger stands for (see the module doc)."""
    poss = next((c for c in trigger.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None:
        return []
    word = poss.lower_
    if word == "their":
        return list(pair) if pair else []
    if word not in ("his", "her"):
        return []
    here = next((i for i, s in enumerate(sentences) if s.start <= trigger.idx < s.end), None)
    if here is None:
        return []
    lo = sentences[max(0, here - 1)].start
    before = [m for m in mentions if m.label == "PERSON" and lo <= m.start < trigger.idx]
    return [before[-1]] if before else []


ROLE_NOUNS = frozenset(
    {"minister", "leader", "president", "head", "chief", "envoy", "premier", "diplomat"}
)


_JOINED = re.compile(r"\s*,?\s*and\s+(?:(?:his|her|their)\s+)?(?:[\w-]+\s+){0,4}", re.IGNORECASE)


def role_participants(
    trigger: Any, mentions: Sequence[Mention], sentences: Sequence[Sentence], text: str
) -> tuple[list[Mention], Sentence | None]:
    """ "after the foreign ministers' meeting": the people a plural role possessing a
    meeting stands for — two people named together ("Foreign Minister A and his Russian
    counterpart B") in this or the two sentences before, the latest such pair — and the
    sentence they were named in."""
    poss = next((c for c in trigger.children if c.dep_ == "poss"), None)
    if poss is None or poss.tag_ != "NNS" or poss.lemma_.lower() not in ROLE_NOUNS:
        return [], None
    here = next((i for i, s in enumerate(sentences) if s.start <= trigger.idx < s.end), None)
    if here is None:
        return [], None
    for sentence in reversed(sentences[max(0, here - 2) : here + 1]):
        people = sorted(
            (
                m
                for m in mentions
                if m.label == "PERSON" and sentence.start <= m.start < sentence.end
            ),
            key=lambda m: m.start,
        )
        for a, b in reversed(list(pairwise(people))):
            between = text[a.end : b.start]
            if _JOINED.fullmatch(between) and len(between) <= 50 and _key(a) != _key(b):
                return [a, b], sentence
    return [], None


def _coordinated(tok: Any) -> list[Any]:
    """A subject and what is coordinated or in apposition with it ("A and his counterpart
    B": A, counterpart, B)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_coordinated(c))
    return out


def visit_host(
    trigger: Any, people: Sequence[Mention], pair: tuple[Mention, Mention] | None
) -> Mention | None:
    """ "as he began his state visit": a visit by one of the document's main pair of people,
    with no place named, is a visit to the other."""
    if trigger.lemma_.lower() != "visit" or pair is None or len(people) != 1:
        return None
    keys = [_key(m) for m in pair]
    visitor = _key(people[0])
    if people[0].label != "PERSON" or visitor not in keys:
        return None
    return pair[1 - keys.index(visitor)]


def caption_participants(trigger: Any, mentions: Sequence[Mention]) -> list[Mention]:
    """ "A seen with B": A, the noun the participle describes (B comes from "with")."""
    if trigger.lemma_.lower() not in CAPTION_VERBS or trigger.tag_ != "VBN":
        return []
    if not any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
        return []
    if trigger.dep_ != "acl":
        return []
    m = _mention_at(trigger.head, mentions)
    return [m] if m is not None and m.label == "PERSON" else []


def place_below(tok: Any, mentions: Sequence[Mention], depth: int = 3) -> Mention | None:
    """The place named by in/at/to phrases under ``tok`` or its conjuncts, through at most
    ``depth`` prepositional phrases ("seen with B at the guesthouse in Beijing"): the first
    state or city (GPE) among them, else the first other place."""
    found: list[Mention] = []
    _places_below(tok, mentions, depth, found)
    return next((m for m in found if m.label == "GPE"), found[0] if found else None)


def _places_below(tok: Any, mentions: Sequence[Mention], depth: int, out: list[Mention]) -> None:
    if depth == 0:
        return
    for child in tok.children:
        if child.dep_ == "conj":
            _places_below(child, mentions, depth, out)
        if child.dep_ != "prep":
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            m = _mention_at(pobj, mentions)
            if m is not None and m.label in _PLACES and child.lower_ in _PLACE_PREPS:
                out.append(m)
            _places_below(pobj, mentions, depth - 1, out)


def travel(trigger: Any, mentions: Sequence[Mention]) -> tuple[Mention, Mention] | None:
    """ "Putin flew to Beijing": (the traveller, the place)."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in TRAVEL_VERBS:
        return None
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    who = _mention_at(subject, mentions) if subject is not None else None
    if who is None or who.label != "PERSON":
        return None
    if not any(m.role for m in mentions if m.label == "PERSON" and _key(m) == _key(who)):
        return None  # an official's trip is a visit; anyone else's travel is not
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in _TRAVEL_PREPS:
            for pobj in prep.children:
                m = _mention_at(pobj, mentions) if pobj.dep_ == "pobj" else None
                if m is not None and m.label in _PLACES:
                    return who, m
    return None


def verbless_caption(sentence_span: Any, mentions: Sequence[Mention]) -> list[Mention]:
    """ "A and B in Beijing on February 4.": the people of a caption with no verb, when two
    or more are named together as its head."""
    if any(t.pos_ in ("VERB", "AUX") for t in sentence_span):
        return []
    root = sentence_span.root
    head = _mention_at(root, mentions)
    if head is None or head.label != "PERSON":
        return []
    people = [head]
    for c in root.children:
        if c.dep_ == "conj":
            m = _mention_at(c, mentions)
            if m is not None and m.label == "PERSON":
                people.append(m)
    return people if len(people) >= 2 else []


_DAY_LEVEL = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|" + "|".join(WEEKDAYS) + r")\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+|\b[A-Z][a-z]+\.?\s+\d{1,2}\b",
    re.IGNORECASE,
)


def day_level(text: str) -> bool:
    """Whether a time expression names a day ("on Friday", "4 February") — more than a
    year or month ("this year", "last year")."""
    return bool(_DAY_LEVEL.search(text))


def date_from_lead(
    found: Sequence[tuple[EventMention, str | None, bool]],
    orphans: Sequence[tuple[str, int, TimeExpression]],
    sentences: Sequence[Sentence],
    text: str,
) -> list[EventMention]:
    """Give the named mentions of the lead that have no date of their own (or only a vaguer
    one from outside their own phrase: "last year" against "on Friday") the date of a
    nameless one of the same family there (see the module doc). ``found`` is (mention, its
    trigger's family, whether its time is only from outside its phrase); ``orphans`` are
    (family, offset, time) of nameless triggers."""
    if not sentences:
        return [e for e, _, _ in found]
    lead_end = sentences[min(LEAD_SENTENCES, len(sentences)) - 1].end
    dates = {fam: t for fam, offset, t in orphans if offset < lead_end}
    out = []
    for e, fam, loose in found:
        t = dates.get(fam) if fam is not None else None
        if t is not None and e.start < lead_end and e.time != (t.start, t.end):
            own = text[e.time[0] : e.time[1]] if e.time else ""
            if e.time is None or (loose and day_level(t.text) and not day_level(own)):
                e = replace(e, date=t.value, time=(t.start, t.end))
        out.append(e)
    # deals signed (past tense) with no date of their own were signed at the article's main
    # meeting, when the lead dates it
    lead = next((e for e in out if e.start < lead_end and e.type == "CONSULT" and e.time), None)
    if lead is None or lead.time is None:
        return out
    return [
        replace(e, date=lead.date, time=lead.time) if fam == "sign" and e.time is None else e
        for e, (_, fam, _) in zip(out, found, strict=True)
    ]


def date_from_anchors(events: list[EventMention], text: str) -> list[EventMention]:
    """ "A day ahead of the Xi-Putin meeting, the foreign ministers said …": the meeting
    the expression is anchored on is dated elsewhere in the article (by a mention with the
    same people); what the expression dates is that day shifted. The meeting's own mention
    takes the meeting's date, not the shifted one."""
    out = list(events)
    for e in list(out):
        if e.time is None or e.date is not None:
            continue
        shift = days_before_event(text[e.time[0] : e.time[1]])
        if shift is None or not re.match(r"\s+(?:of|than)\s+the\b", text[e.time[1] :]):
            continue
        anchor_at = e.time
        # the meeting anchored on: a mention of this sentence dated by the same expression
        # whose people are dated elsewhere
        for j, ref in enumerate(out):
            if ref.time != anchor_at or ref.start != e.start:
                continue
            dated = next(
                (o for o in out if o.date and len(o.date) == 10 and o is not ref
                 and set(_people(text, o)) == set(_people(text, ref))),
                None,
            )  # fmt: skip
            if dated is None or dated.date is None:
                continue
            shifted = (date.fromisoformat(dated.date) + timedelta(days=shift)).isoformat()
            out[j] = replace(ref, date=dated.date, time=dated.time)
            for k, other in enumerate(out):
                if other.time == anchor_at and k != j:
                    out[k] = replace(other, date=shifted)
            break
    return out


def _people(text: str, e: EventMention) -> list[str]:
    return sorted(text[a:b].split()[-1].lower() for a, b in e.participants)
