"""The ``events`` stage: events of every PLOVER type — meetings, agreements, support,
concessions, retreats, demands, refusals, accusations, threats, protests, sanctions,
mobilisations, arrests and court cases, attacks, aid.

A trigger word (a verb like "met", "signed", "accused", "arrested", "invaded", or a noun
like "summit", "talks", "sanctions", "protest") gives the event and its PLOVER type; which
words and which of their senses count is in :mod:`events_triggers` ("called for a ban" is
a demand, "called her a liar" an accusation, only a phone call is a consultation), and
what is no event (denied, wished, threatened, asked, habitual) in :mod:`events_modality`.
Its
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
other events need a named actor and something acted on ("X sanctions Y"), or a verb that
reads without one ("X resigned", "X called for a ban"); who an arrest, a charge or a
killing happens to is enough ("X was arrested"), and a crowd's protest has its place
("thousands protested in Minsk"). A trigger inside a title-cased phrase ("the Joint
Statement on ...") is a document's name, not an event.

The date, when the trigger's sentence has none: a time expression of an earlier sentence of
the same paragraph (or of the heading just before it) that holds a trigger of the same
family (meet/summit/talks, visit, call, sign/deal); else, for the article's main news (a
past-tense trigger in its first three sentences) in a document whose only dates are
relative to its publication date, that date — but only when a weekday, "today" or
"yesterday" of the document resolves to it. Otherwise None: a day is never invented.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any

from spacy.attrs import IDX, POS
from spacy.parts_of_speech import AUX, VERB

from storyline.document import EventMention, Mention, Sentence, TimeExpression
from storyline.stages.events_context import (
    CAPTION_VERBS,
    TRAVEL_VERBS,
    caption_participants,
    date_from_anchors,
    date_from_lead,
    main_pair,
    place_below,
    pronoun_participants,
    role_participants,
    travel,
    verbless_caption,
    visit_host,
)
from storyline.stages.events_dates import date_events
from storyline.stages.events_labels import counterpart_phrase, label, name, what
from storyline.stages.events_modality import (
    hypothetical,
    question,
    repeated,
    title_cased,
    unrealised,
)
from storyline.stages.events_triggers import (
    LIGHT_VERBS,
    NOUN_TRIGGERS,
    PAIRED,
    VERB_TRIGGERS,
    Sense,
    noun_verb,
    sense,
)
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.token_table import LemmaFinder

_CANDIDATES = LemmaFinder(
    frozenset(VERB_TRIGGERS) | frozenset(NOUN_TRIGGERS) | CAPTION_VERBS | TRAVEL_VERBS
)
_ACTORS = frozenset({"PERSON", "GPE", "ORG"})
_PLACES = frozenset({"GPE", "LOC"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "agent", "poss", "compound", "amod", "nmod"})
_WITH = frozenset({"with", "between", "among", "against", "on", "to", "by"})
# what a meeting or an agreement is about, not who takes part
_TOPIC_PREP = frozenset({"on", "about", "over", "against", "regarding", "concerning"})
_PLACE_PREP = frozenset({"in", "at"})
# events whose "to X" is where they go: "deployed troops to Lithuania"
_MOVES = frozenset({"MOBILIZE"})
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
_DEFINITE = frozenset({"the", "his", "her", "their", "its"})
# a time after these words bounds a period ("since 2020"), it does not date the event
_BOUNDING = re.compile(r"\b(?:since|until|till|through)\s+(?:the\s+)?$", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


class _Mentions(list[Mention]):
    """The document's name mentions, in order, with a quick lookup of the one at a token."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        super().__init__(mentions)
        self._starts = [m.start for m in self]
        # in order and apart (as the entities stage gives them), at most one mention holds
        # an offset, and a binary search finds it
        self._apart = all(a.end <= b.start for a, b in pairwise(self))

    def at(self, offset: int) -> Mention | None:
        """The first mention holding ``offset``."""
        if self._apart:
            k = bisect_right(self._starts, offset) - 1
            return self[k] if k >= 0 and offset < self[k].end else None
        return next((m for m in self if m.start <= offset < m.end), None)


def _mention_at(tok: Any, mentions: _Mentions) -> Mention | None:
    return mentions.at(tok.idx)


_DATELINE_HEAD = re.compile(r"[A-Z][A-Z .'/-]{3,},(?:\s+[A-Z][\w.]*)*(?:\s*\()?\s*$")
_DATELINE = re.compile(r"\s*(?:,|\(|\)|—|-)")


def _dateline(m: Mention, tok: Any) -> bool:
    """ "QUETTA, Pakistan (Reuters) -": a dateline's place in capitals, the country after it
    and the agency in brackets are no actors of the sentence's event."""
    text = tok.doc.text
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start : m.start]
    if m.text.isupper() and len(m.text) >= 4 and not head.strip():
        return bool(_DATELINE.match(text, m.end))
    return bool(_DATELINE_HEAD.match(head)) and bool(_DATELINE.match(text, m.end))


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _label_at(tok: Any, mentions: _Mentions) -> str | None:
    m = mentions.at(tok.idx)
    return m.label if m is not None else None


def _with_conjuncts(tok: Any) -> list[Any]:
    """A name and its conjuncts and appositions; an apposition to a list ("the US, Britain
    and Australia (Aukus)") names the group, not one more participant."""
    out = [tok]
    listed = any(c.dep_ == "conj" for c in tok.children) or tok.dep_ == "conj"
    for c in tok.children:
        if c.dep_ == "conj" or (c.dep_ == "appos" and not listed):
            out.extend(_with_conjuncts(c))
    return out


class _Found:
    """What the parse attaches to a trigger: subjects, others, places, a counterpart noun."""

    def __init__(self, mentions: _Mentions) -> None:
        self.mentions = mentions
        self.subjects: list[Mention] = []
        self.others: list[Mention] = []
        self.places: list[Mention] = []
        self.counterpart: Any = None

    def add(
        self, tok: Any, bucket: list[Mention], place_ok: bool = False, venue: bool = False
    ) -> None:
        """Sort the names under ``tok`` into ``bucket`` or the places; after "in"/"at"
        (``venue``) an organisation is where it happens ("at the Elysee Palace"), not who."""
        for t in _with_conjuncts(tok):
            m = _mention_at(t, self.mentions)
            if m is None:
                if bucket is self.others and _is_counterpart(t):
                    self.counterpart = self.counterpart or t
                continue
            if _dateline(m, t):
                continue
            if place_ok and m.label in _PLACES:
                self.places.append(m)
            elif m.label in _ACTORS and not (venue and m.label == "ORG"):
                bucket.append(m)

    def prep(self, prep: Any, etype: str) -> None:
        word = prep.lower_
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if word in _PLACE_PREP:
                self.add(pobj, self.others, place_ok=True, venue=True)
            elif word in _WITH and not (etype in PAIRED and word in _TOPIC_PREP):
                self.add(pobj, self.others)


def _is_counterpart(tok: Any) -> bool:
    """ "his counterpart", "the two leaders" — a definite noun for the other side."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _COUNTERPARTS:
        return False
    return any(c.dep_ == "poss" or c.lower_ in _DEFINITE for c in tok.children)


# a plural noun for both sides of what the sentence just reported: "the two governments"
_COLLECTIVES = frozenset(
    {"government", "country", "nation", "side", "leader", "minister", "delegation", "state"}
)


def _collective_subject(trigger: Any) -> bool:
    """ "the two governments signed", "both sides agreed": a subject that names no one but
    counts the two sides already named."""
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass") else trigger  # "… signed a pact"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ != "NNS" or subject.lemma_.lower() not in _COLLECTIVES:
        return False
    return any(c.lower_ in ("two", "both") for c in subject.children)


def _is_place_modifier(child: Any, trigger: Any, mentions: _Mentions) -> bool:
    """A lone place name modifying a meeting noun ("the Melbourne meeting") is its place."""
    if child.dep_ != "compound" or trigger.pos_ != "NOUN" or len(_with_conjuncts(child)) > 1:
        return False
    if any(c.dep_ in ("compound", "amod") for c in child.children):
        return False
    m = _mention_at(child, mentions)
    return m is not None and m.label in _PLACES and "-" not in m.text


def _collect(trigger: Any, mentions: _Mentions, etype: str) -> _Found:
    """Subjects, other participants, places and a counterpart noun attached to a trigger."""
    found = _Found(mentions)
    is_visit = trigger.lemma_ == "visit"
    patient = trigger.pos_ == "VERB" and etype not in PAIRED
    for child in trigger.children:
        if child.dep_ == "nsubjpass" and patient:  # "X was arrested": who it happens to
            found.add(child, found.others)
        elif child.dep_ == "agent":  # "by X"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.add(pobj, found.subjects)
        elif child.dep_ == "prep" and child.lower_ == "of" and etype not in PAIRED:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.add(pobj, found.others)  # "the invasion of Ukraine", "the arrest of X"
        elif (
            child.dep_ == "compound" and etype == "SANCTION" and _label_at(child, mentions) == "GPE"
        ):
            found.add(child, found.others)  # "new Iran sanctions": who is sanctioned
        elif child.dep_ in _SUBJ:
            if etype in ("CONSULT", "PROTEST") and _is_place_modifier(child, trigger, mentions):
                found.add(child, found.subjects, place_ok=True)
                continue
            found.add(child, found.subjects)
            if child.dep_ in ("compound", "poss"):  # "the Quad foreign ministers' meeting"
                for grand in child.children:
                    if grand.dep_ in ("compound", "amod"):
                        found.add(grand, found.subjects)
        elif child.dep_ in ("dobj", "attr", "dative") or (
            etype == "ACCUSE" and child.dep_ == "oprd" and not found.others
        ):
            found.add(child, found.others, place_ok=is_visit)
        elif child.dep_ == "prep" and (is_visit or etype in _MOVES) and child.lower_ == "to":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.add(pobj, found.others, place_ok=True)  # "a visit to Russia": where
        elif child.dep_ == "prep":
            found.prep(child, etype)
    # "Xi left Moscow at the end of a state visit to Russia": who made the visit
    if is_visit and trigger.pos_ == "NOUN" and not found.subjects and not found.others:
        verb = trigger.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and verb.pos_ == "VERB":
            found.add(subject, found.subjects)
    # "Trump called her a liar" parsed as a clause modifying "Trump"; "the man arrested"
    if trigger.pos_ == "VERB" and trigger.dep_ == "acl" and not found.subjects:
        if trigger.tag_ == "VBD":
            found.add(trigger.head, found.subjects)
        elif trigger.tag_ == "VBN" and patient and not found.others and trigger.i > trigger.head.i:
            found.add(trigger.head, found.others)
    # "Qadhafi was ousted and killed": the subject of the first verb
    if trigger.pos_ == "VERB" and trigger.dep_ == "conj" and not (found.subjects or found.others):
        first = trigger.head
        for child in first.children:
            if child.dep_ == "nsubj" and not (patient and _is_passive(first)):
                found.add(child, found.subjects)
            elif child.dep_ in ("nsubj", "nsubjpass"):
                found.add(child, found.others if patient else found.subjects)
    # "X is scheduled to attend": the subject of the verb it completes
    if trigger.pos_ == "VERB" and trigger.dep_ == "xcomp" and not found.subjects:
        for child in trigger.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found.add(child, found.subjects)
    # a noun trigger's verb: "X and Y held talks", "X signed a deal with Y"
    verb = noun_verb(trigger)
    if verb is not None and (etype in PAIRED or verb.lemma_.lower() in LIGHT_VERBS):
        if verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head  # "Egypt claims to have launched airstrikes"
        for child in verb.children:
            if child.dep_ in ("nsubj", "agent"):
                found.add(child, found.subjects)
            elif child.dep_ == "prep":
                found.prep(child, etype)
    seen: set[tuple[int, int]] = set()
    place_names = {name(p) for p in found.places}
    for bucket in (found.subjects, found.others):
        kept = []
        for m in bucket:
            if (m.start, m.end) not in seen and name(m) not in place_names:
                seen.add((m.start, m.end))
                kept.append(m)
        bucket[:] = kept
    return found


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


_CROWDS = _words(
    "protester protestor demonstrator people thousand hundred student worker resident "
    "activist supporter crowd citizen"
)


def _acceptable(etype: str, meaning: Sense, found: _Found, place: Mention | None, tok: Any) -> bool:
    """Enough participants for the event to be one (see the module doc)."""
    people = found.subjects + found.others
    if not people:
        # "thousands protested in Hong Kong", "protests in Minsk": the place stands for them
        return etype == "PROTEST" and place is not None and _crowd(tok)
    if etype == "COOPERATE" and not found.subjects:
        return False  # "dissuading locals from cooperating with X": who cooperates?
    if etype in PAIRED and meaning.alone and found.subjects:
        return True  # "China agreed to cut import levies": one side agreeing to do something
    if etype in PAIRED:
        if len(people) >= 2:
            return True
        alone = people[0]
        if alone.label == "ORG":  # a group meeting somewhere: "the Quad meeting in Melbourne"
            return place is not None
        if alone.label not in ("PERSON", "GPE"):
            return False
        return (
            place is not None
            or found.counterpart is not None
            or (meaning.verb == "visits" and bool(found.others))
        )
    if not found.subjects:  # "X was arrested": who it happens to, for the verbs that allow it
        return meaning.passive is not None
    # "X sanctions Y": something acted on, or a verb that reads without one
    return (
        bool(found.others) or meaning.alone or (meaning.verb.endswith("with") and len(people) >= 2)
    )


def _crowd(tok: Any) -> bool:
    if tok.pos_ == "NOUN":
        return True
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None and tok.dep_ == "acl":
        subject = tok.head
    return subject is not None and subject.lemma_.lower() in _CROWDS


def dating(times: list[TimeExpression], text: str) -> list[TimeExpression]:
    """The time expressions that can date an event: not bounding a period ("since 2020"),
    and valued — or, without a value, relative to a publication date still to be found."""
    return [
        t
        for t in times
        if not _BOUNDING.search(text[max(0, t.start - 20) : t.start])
        and (t.value is not None or t.anchor is None)
    ]


def _windows(trigger: Any, sentence: Sentence | None) -> list[tuple[int, int]]:
    """Where a trigger's date may be written: its phrase, its clause, its sentence."""
    subtree = [t.idx for t in trigger.subtree]
    head = trigger.head
    clause = [t.idx for t in head.subtree] if head is not trigger else subtree
    spans = [(min(subtree), max(subtree) + 1), (min(clause), max(clause) + 1)]
    if sentence is not None:
        spans.append((sentence.start, sentence.end))
    return spans


_TEMPORAL_PREPS = frozenset({"after", "before", "following", "since", "until", "amid"})
# "two days after the arrest": the expression is dated from the event, it does not date it
_RELATIVE_TO = re.compile(r"[^,;]*\b(?:after|before|following)\s+(?:the\s+)?$", re.I)


def _time_of(
    trigger: Any, sentence: Sentence | None, times: list[TimeExpression]
) -> tuple[TimeExpression, bool] | None:
    """The time expression dating a trigger: the nearest valued one in the smallest window;
    else (an undated article) the nearest one without a value, kept for later dating. And
    whether it was found outside the trigger's own phrase (a weaker link)."""
    windows = _windows(trigger, sentence)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in _TEMPORAL_PREPS:
        windows = windows[:1]  # "on Friday, after the arrest": Friday dates the main clause
    text = trigger.doc.text
    phrase = trigger.left_edge.idx
    for valued in (True, False):
        for i, (a, b) in enumerate(windows):
            found = [
                t
                for t in times
                if a <= t.start < b
                and (t.value is not None) == valued
                and not _RELATIVE_TO.match(text[t.start : phrase] if t.end <= phrase else "")
            ]
            if found:
                near = min(found, key=lambda t: abs(t.start - trigger.idx))
                return near, i > 0
    return None


def _past(trigger: Any) -> bool:
    """Whether the trigger's verb (a noun's nearest verb above it) is in a past tense."""
    tok = trigger
    for _ in range(5):
        if (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep") or tok.head.i == tok.i:
            break  # "including" is a preposition here
        tok = tok.head
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return (
        tok.tag_ == "VBD"
        or any(a.tag_ == "VBD" for a in auxes)
        or (tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes))
    )


class _Dater:
    """The date of an event whose sentence has no time expression (see the module doc)."""

    def __init__(
        self,
        inp: StageInput,
        sentences: list[Sentence],
        times: list[TimeExpression],
        candidates: list[tuple[Any, str]],
    ):
        text = inp.document.text
        self.text = text
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.times = times
        self.triggers: list[tuple[int, str]] = []  # (char offset, family)
        for tok, lemma in candidates:
            family = _FAMILIES.get(lemma)
            if family and tok.pos_ in ("VERB", "NOUN", "PROPN"):
                self.triggers.append((tok.idx, family))
        self.breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
        published = inp.document.meta.reference_date
        self.published = published[:10] if published and len(published) >= 10 else None

    def _paragraph(self, offset: int) -> tuple[int, int]:
        start = max((b for b in self.breaks if b < offset), default=0)
        end = min((b for b in self.breaks if b >= offset), default=len(self.text))
        return start, end

    def _heading_before(self, start: int) -> tuple[int, int] | None:
        """The paragraph before ``start`` when it is a single short line with no full stop."""
        if start == 0:
            return None
        p_start, p_end = self._paragraph(start - 1)
        line = self.text[p_start:p_end].strip()
        if "\n" in line or len(line.split()) > 20 or line[-1:] in ".!?\"'”":
            return None
        return p_start, p_end

    def borrowed(self, trigger: Any, sentence: Sentence) -> TimeExpression | None:
        family = _FAMILIES.get(trigger.lemma_.lower())
        if family is None:
            return None
        p_start = self._paragraph(sentence.start)[0]
        spans = [
            (s.start, s.end)
            for s in reversed(self.sentences)
            if s.start >= p_start and s.end <= sentence.start
        ]
        heading = self._heading_before(p_start)
        if heading is not None:
            spans.append(heading)
        for a, b in spans:
            offsets = [o for o, f in self.triggers if a <= o < b and f == family]
            found = [t for t in self.times if a <= t.start < b]
            valued = [t for t in found if t.value is not None]
            if offsets and found:
                return min(valued or found, key=lambda t: min(abs(t.start - o) for o in offsets))
        return None

    def main_news(self, trigger: Any, sentence: Sentence) -> TimeExpression | None:
        if self.published is None or not _past(trigger):
            return None
        if sentence not in self.sentences[:3]:
            return None
        if any(t.anchor is None for t in self.times):  # an absolute date: not the only one
            return None
        return next(
            (t for t in self.times if t.value == self.published and _DAY_WORDS.search(t.text)),
            None,
        )


def _sentence_finder(sentences: list[Sentence]) -> Callable[[int], Sentence | None]:
    """The first of ``sentences`` (sorted by start) that holds an offset, or None.

    Sentences from the sentences stage do not overlap, so a binary search finds it; the
    linear scan stays for any that do.
    """
    starts = [s.start for s in sentences]
    if all(a.end <= b.start for a, b in pairwise(sentences)):

        def search(idx: int) -> Sentence | None:
            k = bisect_right(starts, idx) - 1
            return sentences[k] if k >= 0 and idx < sentences[k].end else None

        return search
    return lambda idx: next((s for s in sentences if s.start <= idx < s.end), None)


@stage("events", version=5, adds=["events"], needs=["parse", "sentences", "mentions", "times"])
def events(inp: StageInput) -> StageOutput:
    mentions = _Mentions(m for m in inp.layers.get("mentions", ()) if isinstance(m, Mention))
    times = [t for t in inp.layers.get("times", ()) if isinstance(t, TimeExpression)]
    times = dating(times, inp.document.text)
    sentences = sorted(
        (s for s in inp.layers.get("sentences", ()) if isinstance(s, Sentence)),
        key=lambda s: s.start,
    )
    # the tokens that can start an event, found once (most tokens can't)
    starts = [inp.parse[i] for i in _CANDIDATES.positions(inp.parse)]
    candidates = [(t, t.lemma_.lower()) for t in starts]

    def label_at(t: Any) -> str | None:
        m = mentions.at(t.idx) if t is not None else None
        return m.label if m is not None else None

    meanings = {t.i: kind for t, _ in candidates if (kind := sense(t, label_at)) is not None}
    paired = [(t, lemma) for t, lemma in candidates if t.i in meanings
              and meanings[t.i].type in PAIRED]  # fmt: skip
    dater = _Dater(inp, sentences, [t for t in times if t.value is not None], paired)
    pair = main_pair(mentions, inp.document.text)
    found: list[tuple[EventMention, str | None, bool]] = []
    orphans: list[tuple[str, int, TimeExpression]] = []

    def add(
        tok: Any,
        sentence: Sentence,
        etype: str,
        label: str,
        got: _Found,
        place: Mention | None,
        named_in: Sentence | None = None,
    ) -> None:
        timed = _time_of(tok, sentence, times)
        if timed is None and named_in is not None:  # dated like the sentence naming them
            near = [t for t in times if named_in.start <= t.start < named_in.end]
            timed = (near[0], True) if near else None
        when, loose = timed if timed is not None else (None, False)
        if when is None or when.value is None:
            better = dater.borrowed(tok, sentence) or dater.main_news(tok, sentence)
            if better is not None and (better.value is not None or when is None):
                when = better
        event = EventMention(
            start=sentence.start,
            end=sentence.end,
            type=etype,
            trigger=tok.text,
            label=label,
            participants=tuple((m.start, m.end) for m in got.subjects + got.others),
            place=(place.start, place.end) if place else None,
            date=when.value if when else None,
            time=(when.start, when.end) if when else None,
        )
        family = _FAMILIES.get(tok.lemma_.lower()) if etype in PAIRED else None
        found.append((event, family if family != "sign" or _past(tok) else None, loose))

    sentence_at = _sentence_finder(sentences)
    for tok, _lemma in candidates:
        sentence = sentence_at(tok.idx)
        if sentence is None:
            continue
        trip = travel(tok, mentions)
        if trip is not None:
            who, where = trip
            got = _Found(mentions)
            got.subjects.append(who)
            add(tok, sentence, "CONSULT", label("visits", [who], [], where), got, where)
            continue
        shown = caption_participants(tok, mentions)
        meaning = Sense("CONSULT", "meets") if shown else meanings.get(tok.i)
        if meaning is None:
            continue
        etype, verb = meaning.type, meaning.verb
        if title_cased(tok) or hypothetical(tok) or repeated(tok) or question(tok):
            continue
        if unrealised(tok, etype in PAIRED):
            continue
        got = _collect(tok, mentions, etype)
        if not got.subjects and found and _collective_subject(tok):
            # "A met B … and the two governments signed a pact": the sides just named
            last = found[-1][0]
            if last.start == sentence.start and len(last.participants) >= 2:
                got.subjects.extend(
                    m for start, _ in last.participants if (m := mentions.at(start)) is not None
                )
        if etype == "PROTEST" and tok.pos_ == "NOUN":  # "the North Dakota protests": where
            got.places[:0] = [m for m in got.subjects if m.label in _PLACES]
            got.subjects[:] = [m for m in got.subjects if m.label not in _PLACES]
        got.subjects[:0] = [m for m in shown if m not in got.subjects + got.others]
        named_in: Sentence | None = None
        if not got.subjects and not got.others and tok.pos_ in ("NOUN", "PROPN"):
            got.subjects.extend(pronoun_participants(tok, mentions, sentences, pair))
        if not got.subjects and not got.others and tok.pos_ == "NOUN":
            people, named_in = role_participants(tok, mentions, sentences, inp.document.text)
            got.subjects.extend(people)
        place = got.places[0] if got.places else None
        if place is None and etype != "AGREE":
            place = place_below(tok, mentions)
            attended = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if place is None and attended is not None and verb == "attends":
                # "attend the opening of the trade fair in Harbin"
                place = next(
                    (
                        m
                        for t in attended.subtree
                        if t.dep_ == "pobj"
                        and t.head.lower_ in ("in", "at")
                        and (m := _mention_at(t, mentions)) is not None
                        and m.label in _PLACES
                    ),
                    None,
                )
        host = visit_host(tok, got.subjects + got.others, pair) if place is None else None
        if host is not None:
            got.others.append(host)
        if not _acceptable(etype, meaning, got, place, tok):
            family = _FAMILIES.get(tok.lemma_.lower()) if etype in PAIRED else None
            if family is not None and not (got.subjects or got.others):
                timed = _time_of(tok, None, times)
                if timed is not None:
                    orphans.append((family, tok.idx, timed[0]))
            continue
        counterpart = counterpart_phrase(got.counterpart) if got.counterpart else None
        if not got.others and (etype not in PAIRED or verb == "attends" or meaning.alone):
            counterpart = what(tok, place)
        if not got.subjects and not got.others and place is not None:  # a crowd's protest
            got.others.append(place)
            readable = f"protest in {name(place)}"
        else:
            readable = label(verb, got.subjects, got.others, place, counterpart, meaning.passive)
        add(tok, sentence, etype, readable, got, place, named_in)
    verbs = _verb_offsets(inp.parse)
    for sentence in sentences:
        k = bisect_left(verbs, sentence.start)
        if k < len(verbs) and verbs[k] < sentence.end:
            continue  # a verb starts in the sentence: no verbless caption
        span = inp.parse.char_span(sentence.start, sentence.end, alignment_mode="expand")
        people = verbless_caption(span, mentions) if span is not None and len(span) else []
        if people:
            got = _Found(mentions)
            got.subjects.extend(people)
            place = place_below(span.root, mentions)
            if place is not None:
                add(span.root, sentence, "CONSULT", label("meets", people[:1], people[1:],
                    place), got, place)  # fmt: skip
    dated = date_from_lead(found, orphans, sentences, inp.document.text)
    kept = _dedupe(date_from_anchors(dated, inp.document.text))
    published = inp.document.meta.published  # a report's own date: inferred dates marked
    kept = date_events(kept, times, sentences, inp.parse, inp.document.text, published)
    return {"events": tuple(kept)}


def _verb_offsets(doc: Any) -> list[int]:
    """Where the document's verbs and auxiliaries start, in order (read in bulk: most
    sentences have one, and a sentence that has one is no verbless caption)."""
    cols = doc.to_array([POS, IDX])
    verbs = (cols[:, 0] == VERB) | (cols[:, 0] == AUX)
    offsets: list[int] = cols[verbs, 1].tolist()
    return offsets


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
