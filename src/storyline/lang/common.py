"""What the Russian and Chinese chains share: merging NER with gazetteer names, speakers of
quotes, events from cue words, and the ``times`` layer.

Both chains find candidate names two ways — the backbone's NER and the gazetteer's names
in the language (:mod:`storyline.lang.names`) — and merge them as the English stage does:
where they overlap the gazetteer wins (it sets ``kb_id`` and the English ``canonical``
name), unless the NER span is a longer organisation or place around it ("Министерство
иностранных дел России", "俄罗斯联邦委员会").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from storyline.document import (
    EntityType,
    EventMention,
    Mention,
    Quote,
    Sentence,
    TimeExpression,
)
from storyline.gazetteer import GazEntry
from storyline.lang.dates import find_times
from storyline.stages.registry import StageInput, StageOutput

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE"})
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def gazetteer_mention(start: int, end: int, text: str, name: str, entry: GazEntry) -> Mention:
    """A mention the gazetteer recognised: it carries the entry's id and English name."""
    return Mention(
        start, end, text, entry.type, name, kb_id=entry.kb_id, canonical=entry.name,
        origin="gazetteer",
    )  # fmt: skip


def merge(ner: Sequence[Mention], gazetteer: Sequence[Mention]) -> tuple[Mention, ...]:
    """NER and gazetteer mentions, without overlaps, in text order (see the module doc)."""
    out: list[Mention] = []
    for g in gazetteer:
        around = [n for n in ner if n.start <= g.start and g.end <= n.end]
        if any(n.end - n.start > g.end - g.start and n.label in ("ORG", "LOC") for n in around):
            continue
        out.append(g)
    for n in ner:
        if not any(m.start < n.end and n.start < m.end for m in out):
            out.append(n)
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))


def sentence_of(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    starts = [s.start for s in sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return sentences[i]
    return None


def speaker_before(
    mentions: Sequence[Mention], sentence: Sentence | None, offset: int, gap: int
) -> Mention | None:
    """The last speaker-like mention ending at most ``gap`` characters before ``offset``,
    inside the sentence."""
    best = None
    for m in mentions:
        if m.label not in SPEAKER_LABELS or m.end > offset or offset - m.end > gap:
            continue
        if sentence is not None and m.start < sentence.start:
            continue
        best = m
    return best


def speaker_after(
    mentions: Sequence[Mention], sentence: Sentence | None, offset: int, gap: int
) -> Mention | None:
    """The first speaker-like mention starting at most ``gap`` characters after ``offset``."""
    for m in mentions:
        if m.label not in SPEAKER_LABELS or m.start < offset or m.start - offset > gap:
            continue
        if sentence is not None and m.end > sentence.end:
            return None
        return m
    return None


def previous_person(mentions: Sequence[Mention], offset: int) -> Mention | None:
    """The nearest PERSON mention before ``offset`` (the antecedent of "он", "他")."""
    people = [m for m in mentions if m.label == "PERSON" and m.end <= offset]
    return people[-1] if people else None


def quote(
    text: str, start: int, end: int, direct: bool, cue: str, speaker: Mention | None,
    speaker_text: str | None = None,
) -> Quote | None:  # fmt: skip
    """A quote of ``text[start:end]`` (trimmed), attributed to ``speaker`` when known."""
    while start < end and text[start] in " ,，:：—–-\n":
        start += 1
    while end > start and text[end - 1] in " ,，.。!！?？;；\n":
        end -= 1
    if end - start < 4:
        return None
    return Quote(
        start, end, text[start:end], direct,
        speaker_text=speaker_text or (speaker.text if speaker else None),
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        cue=cue,
    )  # fmt: skip


def unique_quotes(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Quotes in text order, the first of two overlapping ones kept."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if not any(o.start < q.end and q.start < o.end for o in out):
            out.append(q)
    return tuple(out)


def times_layer(inp: StageInput, language: str) -> StageOutput:
    """The ``times`` layer: every Russian or Chinese time expression, resolved against the
    article's reference date (publication date, else inferred)."""
    reference = inp.document.meta.reference_date
    found = find_times(inp.document.text, language, reference)
    return {
        "times": tuple(TimeExpression(f.start, f.end, f.text, f.value, f.anchor) for f in found)
    }


def events_from_cues(
    inp: StageInput,
    cues: Sequence[tuple[int, int, str, str, str]],
    aside: Sequence[tuple[int, int]] = (),
) -> StageOutput:
    """Events from cue words ``(start, end, trigger, type, label)``: the sentence's PERSON,
    ORG and GPE mentions are the participants (a GPE after a place word is the place), its
    first dated time expression the date. A meeting or agreement needs two participants."""
    sentences = tuple(s for s in inp.layers["sentences"] if isinstance(s, Sentence))
    mentions = tuple(m for m in inp.layers["mentions"] if isinstance(m, Mention))
    times = tuple(t for t in inp.layers["times"] if isinstance(t, TimeExpression))
    events: list[EventMention] = []
    seen: set[tuple[int, str]] = set()
    for start, _end, trigger, etype, label in cues:
        sent = sentence_of(sentences, start)
        if sent is None or (sent.start, etype) in seen:
            continue
        inside = [
            m
            for m in mentions
            if sent.start <= m.start
            and m.end <= sent.end
            and not any(a <= m.start and m.end <= b for a, b in aside)
        ]
        place = next((m for m in inside if m.label == "GPE" and _is_place(inp, m)), None)
        participants = [m for m in inside if m.label in PARTICIPANT_LABELS and m is not place]
        if len({(m.kb_id or m.name) for m in participants}) < 2:
            continue
        time = next((t for t in times if sent.start <= t.start and t.end <= sent.end), None)
        seen.add((sent.start, etype))
        events.append(
            EventMention(
                sent.start, sent.end, etype, trigger, label,
                participants=tuple((m.start, m.end) for m in participants[:6]),
                place=(place.start, place.end) if place else None,
                date=time.value if time else None,
                time=(time.start, time.end) if time else None,
            )
        )  # fmt: skip
    return {"events": tuple(events)}


_PLACE_BEFORE = ("в ", "во ", "在", "于", "赴", "抵达")


def _is_place(inp: StageInput, m: Mention) -> bool:
    before = inp.document.text[max(0, m.start - 3) : m.start]
    return any(before.endswith(w) for w in _PLACE_BEFORE)


def label_of(ner: str, entry_type: EntityType | None = None) -> EntityType | None:
    """A backbone's NER label as storyline's type (PER/ORG/LOC; a place is a GPE unless the
    gazetteer says otherwise)."""
    if ner == "PER":
        return "PERSON"
    if ner == "ORG":
        return "ORG"
    if ner == "LOC":
        return entry_type or "GPE"
    return None
