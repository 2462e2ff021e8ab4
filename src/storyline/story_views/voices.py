"""Voices: whom each outlet quotes, by type and side.

A quote's speaker is the resolved entity of the mention next to it. Its *category* says
what kind of voice it is and its *side* which state it speaks for, from evidence only:

* ``official`` — a person with an official title (from the gazetteer's role, or a title
  written before the name: "Foreign Minister …"), a state speaking as itself ("Norway
  said"), a capital standing for its state, or a state body (a ministry, "the Kremlin").
  The side is the state: the gazetteer's country of the person or body, else a demonym or
  country name written just before the title ("Icelandic Foreign Minister …").
* ``analyst`` — a person described with words such as analyst, professor, fellow,
  economist, researcher, or placed at an institute, university, forum or think tank.
* ``state media`` — a news organisation the gazetteer ties to a state.
* ``institution`` — any other organisation (an international body, a company, a union,
  a think tank speaking as itself); its side is a state it names or is tied to, if any.
* ``document`` — a statement, report or document that "says" something.
* ``person`` — a named person with none of the above; ``unattributed`` — no speaker found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.gazetteer import Gazetteer, load_gazetteer
from storyline.store.brief_queries import FactMention, FactQuote
from storyline.story_views.evidence import Evidence, evidence_at
from storyline.story_views.scope import Scope

_OFFICIAL_TITLE = re.compile(
    r"president|minister|premier|chancellor|secretary|ambassador|envoy|spokes|governor|"
    r"mayor|senator|congress|representative|king|queen|prince|emir|sheikh|sultan|general|"
    r"admiral|commander|colonel|marshal|leader|chairman|chairwoman|chief|head of state",
    re.I,
)
_ANALYST_WORDS = re.compile(
    r"\b(?:analyst|analysts|professor|expert|experts|researcher|fellow|economist|scholar|"
    r"academic|specialist|lecturer|observer|observers|think[- ]tank|institute|university|"
    r"scientist|scientists|biologist|biologists|"
    r"centre|center|forum|foundation|consultancy)\b",
    re.I,
)
_STATE_BODY = re.compile(
    r"ministry|kremlin|government|cabinet|parliament|commission|army|party|congress|"
    r"department|office|council|presidency|embassy|navy|guard|military|white house",
    re.I,
)
_OF_STATE = re.compile(r",? of ((?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})")
_MEDIA = re.compile(r"news|agency|press|television|radio|tv\b|daily|times|post|gazette", re.I)
_DOCUMENT = re.compile(
    r"statement|report|document|communiqu|declaration|treaty|agreement|draft|paper|memo|"
    r"letter|readout|transcript|study|survey|data",
    re.I,
)
_UNNAMED_OFFICIAL = re.compile(r"official|government|ministry|spokes|diplomat|authorit", re.I)
_UNNAMED_ANALYST = re.compile(
    r"analyst|expert|observer|scholar|researcher|economist|scientist|biologist", re.I
)


@dataclass(frozen=True, slots=True)
class Voice:
    """One speaker quoted by one outlet: how often, as what kind of voice, with evidence."""

    speaker: str
    entity: str | None
    category: str
    side: str | None
    count: int
    evidence: tuple[Evidence, ...]

    @property
    def group(self) -> str:
        return group_label(self.category, self.side)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "entity": self.entity,
            "category": self.category,
            "side": self.side,
            "group": self.group,
            "count": self.count,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class VoiceGroup:
    """How many quotes an outlet gives to one kind of voice (e.g. officials of a state)."""

    category: str
    side: str | None
    count: int
    speakers: tuple[str, ...]

    @property
    def label(self) -> str:
        return group_label(self.category, self.side)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "side": self.side,
            "label": self.label,
            "count": self.count,
            "speakers": list(self.speakers),
        }


def group_label(category: str, side: str | None) -> str:
    """A readable name of a kind of voice: ``officials of Norway``, ``analysts``."""
    plural = {
        "official": "officials",
        "analyst": "analysts",
        "institution": "institutions",
        "state media": "state media",
        "document": "documents",
        "person": "other people",
        "unattributed": "unattributed",
    }.get(category, category)
    if side and category in ("official", "state media"):
        return f"{plural} of {side}"
    if side:
        return f"{plural} ({side})"
    return plural


@dataclass(frozen=True, slots=True)
class _Kind:
    category: str
    side: str | None


class _Classifier:
    """Decides the category and side of speakers, remembering what it found per entity."""

    def __init__(self, scope: Scope, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.texts = {d.id: d.text for d in scope.facts.documents}
        self.by_entity: dict[str, list[FactMention]] = {}
        for m in scope.facts.mentions:  # every document: a title may be written elsewhere
            if m.entity:
                self.by_entity.setdefault(m.entity, []).append(m)
        self.sentences: dict[str, list[tuple[int, int]]] = {}
        for s in scope.facts.sentences:
            self.sentences.setdefault(s.doc, []).append((s.start, s.end))
        self.cache: dict[str, _Kind] = {}

    def _state_of(self, key: str | None) -> str | None:
        entry = self.gaz.entry(key)
        if entry is None:
            return None
        if entry.stands_for:
            return self._state_of(entry.stands_for)
        return entry.name if entry.type == "GPE" else None

    def _state_named_in(self, text: str) -> str | None:
        """A state named by a demonym or a country name in a few words of text."""
        found = re.findall(r"[^\W\d_][\w'-]*", text)
        for end in range(len(found), 0, -1):  # the nearest name first, longest form first
            for size in (3, 2, 1):
                if end - size < 0:
                    continue
                hit = self.gaz.hit(" ".join(found[end - size : end]))
                if hit and hit.entry.type == "GPE" and hit.kind in ("demonym", "name"):
                    return self._state_of(hit.entry.key)
        return None

    def _sentence(self, m: FactMention) -> str:
        for a, b in self.sentences.get(m.doc, []):
            if a <= m.start < b:
                return self.texts[m.doc][a:b]
        return self.texts[m.doc][max(0, m.start - 150) : m.end + 150]

    def _person(self, mentions: Sequence[FactMention]) -> _Kind:
        entry = self.gaz.canonical_entry(mentions[0].entity_kb_id, mentions[0].entity_name)
        side = self._state_of(entry.country) if entry else None
        official = bool(entry and entry.role) or any(
            m.role and _OFFICIAL_TITLE.search(m.role) for m in mentions
        )
        if side is None:
            for m in mentions:
                text = self.texts[m.doc]
                if m.role:  # "Icelandic Foreign Minister X": the words before the title
                    before = text[max(0, m.start - len(m.role) - 40) : m.start]
                    side = self._state_named_in(before.rsplit(".", 1)[-1])
                after = _OF_STATE.match(text, m.end)  # "Minister X of Chile"
                if side is None and m.role and after:
                    side = self._state_named_in(after.group(1))
                if side:
                    break
        if official:
            return _Kind("official", side)
        if any(_ANALYST_WORDS.search(self._sentence(m)) for m in mentions):
            return _Kind("analyst", None)
        return _Kind("person", side)

    def _organisation(self, name: str, mentions: Sequence[FactMention]) -> _Kind:
        entry = self.gaz.canonical_entry(mentions[0].entity_kb_id, mentions[0].entity_name)
        side = (self._state_of(entry.country) if entry else None) or self._state_named_in(name)
        if side and _MEDIA.search(name):
            return _Kind("state media", side)
        if side and _STATE_BODY.search(name):
            return _Kind("official", side)
        return _Kind("institution", side)

    def entity(self, entity: str) -> _Kind:
        if entity in self.cache:
            return self.cache[entity]
        mentions = self.by_entity.get(entity, [])
        kind = _Kind("person", None)
        if mentions:
            etype = mentions[0].entity_type
            name = mentions[0].entity_name or mentions[0].text
            if etype == "PERSON":
                kind = self._person(mentions)
            elif etype == "GPE":
                entry = self.gaz.canonical_entry(mentions[0].entity_kb_id, name)
                state = self._state_of(entry.key) if entry else None
                kind = _Kind("official", state or name)
            elif etype == "ORG":
                kind = self._organisation(name, mentions)
            elif etype == "NORP":
                kind = _Kind("person", None)
            else:
                kind = _Kind("institution", None)
        self.cache[entity] = kind
        return kind

    def unnamed(self, speaker_text: str | None) -> _Kind:
        text = speaker_text or ""
        if not text:
            return _Kind("unattributed", None)
        if _DOCUMENT.search(text):
            return _Kind("document", None)
        if _UNNAMED_ANALYST.search(text):
            return _Kind("analyst", None)
        if _UNNAMED_OFFICIAL.search(text):
            return _Kind("official", self._state_named_in(text))
        return _Kind("unattributed", None)


def outlet_voices(
    scope: Scope, quotes: Iterable[FactQuote], gaz: Gazetteer | None = None
) -> dict[str, tuple[list[Voice], list[VoiceGroup]]]:
    """Per outlet: every speaker it quotes (most quoted first) and the kinds of voice."""
    classify = _Classifier(scope, gaz or load_gazetteer())
    at = {(m.doc, m.start, m.end): m for m in scope.facts.mentions}
    tally: dict[str, dict[tuple[str, str | None], list[FactQuote]]] = {}
    kinds: dict[tuple[str, str | None], _Kind] = {}
    for q in quotes:
        if not scope.in_scope(q.doc):
            continue
        m = None
        if q.speaker_start is not None and q.speaker_end is not None:
            m = at.get((q.doc, q.speaker_start, q.speaker_end))
        if m is not None and m.entity:
            key: tuple[str, str | None] = (m.entity_name or m.text, m.entity)
            kinds[key] = classify.entity(m.entity)
        else:
            key = (_speaker_words(q.speaker_text), None)
            kinds[key] = classify.unnamed(q.speaker_text)
        tally.setdefault(scope.outlets[q.doc], {}).setdefault(key, []).append(q)
    out: dict[str, tuple[list[Voice], list[VoiceGroup]]] = {}
    for outlet, speakers in tally.items():
        voices = [
            Voice(
                speaker=name,
                entity=entity,
                category=kinds[(name, entity)].category,
                side=kinds[(name, entity)].side,
                count=len(qs),
                evidence=tuple(evidence_at(scope, q.doc, q.start, q.end) for q in qs),
            )
            for (name, entity), qs in speakers.items()
        ]
        voices.sort(key=lambda v: (-v.count, v.speaker))
        groups: dict[tuple[str, str | None], list[Voice]] = {}
        for v in voices:
            groups.setdefault((v.category, v.side), []).append(v)
        summary = [
            VoiceGroup(cat, side, sum(v.count for v in vs), tuple(v.speaker for v in vs))
            for (cat, side), vs in groups.items()
        ]
        summary.sort(key=lambda g: (-g.count, g.label))
        out[outlet] = (voices, summary)
    return out


def _speaker_words(text: str | None) -> str:
    if not text:
        return "unattributed"
    words = " ".join(text.split())
    return words[:60]
