"""The framing: how each outlet tells the story (or one event), from the evidence.

For each outlet: its voices (whom it quotes, by type and side), its emphasis (actors only
it names) and omissions (actors most others name and it leaves out), the measures
(figures' topics) only it reports or that it leaves out, its wording (terms it
uses where others don't, with example sentences) and its exclusive claims; for the story,
the figures outlets disagree on. Documents of unknown outlet each stand alone. Every item
carries its evidence (document, offsets, text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.gazetteer import Gazetteer
from storyline.store import StoreReader
from storyline.store.brief_queries import StoryFacts
from storyline.story_views.emphasis import (
    Claim,
    Emphasis,
    FigureDisagreement,
    Omission,
    Topic,
    emphasis_and_omissions,
    exclusive_claims,
    figure_disagreements,
    topics,
)
from storyline.story_views.scope import Scope, story_scope
from storyline.story_views.text import idf_table, tf_idf
from storyline.story_views.voices import Voice, VoiceGroup, outlet_voices
from storyline.story_views.wording import Wording, outlet_wording


@dataclass(frozen=True, slots=True)
class OutletFraming:
    """How one outlet tells the story."""

    outlet: str
    documents: tuple[str, ...]
    quotes: int
    voice_groups: tuple[VoiceGroup, ...]
    voices: tuple[Voice, ...]
    emphasis: tuple[Emphasis, ...]
    omissions: tuple[Omission, ...]
    topics: tuple[Topic, ...]
    topics_left_out: tuple[Topic, ...]
    wording: tuple[Wording, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "documents": list(self.documents),
            "quotes": self.quotes,
            "voice_groups": [g.to_dict() for g in self.voice_groups],
            "voices": [v.to_dict() for v in self.voices],
            "emphasis": [e.to_dict() for e in self.emphasis],
            "omissions": [o.to_dict() for o in self.omissions],
            "topics": [t.to_dict() for t in self.topics],
            "topics_left_out": [t.to_dict() for t in self.topics_left_out],
            "wording": [w.to_dict() for w in self.wording],
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class Framing:
    """The framing of the whole story (``event`` None) or of one event."""

    event: str | None
    label: str
    outlets: tuple[OutletFraming, ...]
    disagreements: tuple[FigureDisagreement, ...]

    def outlet(self, name: str) -> OutletFraming | None:
        return next((o for o in self.outlets if o.outlet == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "label": self.label,
            "outlets": [o.to_dict() for o in self.outlets],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


def build_framing(reader: StoreReader, event_id: str | None = None) -> Framing:
    """The framing of the story in ``reader``, or of one event."""
    return framing_from_facts(reader.story_facts(), event_id)


def framing_from_facts(
    facts: StoryFacts,
    event_id: str | None = None,
    gazetteer: Gazetteer | None = None,
    scope: Scope | None = None,
) -> Framing:
    """The framing from the story's facts (``scope``: the scope of ``event_id`` when the
    caller has it already)."""
    scope = scope if scope is not None else story_scope(facts, event_id)
    label = scope.event.label if scope.event else "the whole story"
    voices = outlet_voices(scope, scope.quotes(), gazetteer)
    emphasis = emphasis_and_omissions(scope)
    wording = outlet_wording(scope)
    measures = topics(scope)
    claims = exclusive_claims(scope, _term_vectors(scope))
    docs: dict[str, list[str]] = {}
    for d in scope.documents:
        docs.setdefault(scope.outlets[d.id], []).append(d.id)
    outlets = []
    for outlet in sorted(docs, key=lambda o: (o.startswith("unknown outlet"), o.casefold())):
        said, groups = voices.get(outlet, ([], []))
        stressed, left_out = emphasis.get(outlet, ([], []))
        own, missing = measures.get(outlet, ([], []))
        outlets.append(
            OutletFraming(
                outlet=outlet,
                documents=tuple(docs[outlet]),
                quotes=sum(v.count for v in said),
                voice_groups=tuple(groups),
                voices=tuple(said),
                emphasis=tuple(stressed),
                omissions=tuple(left_out),
                topics=tuple(own),
                topics_left_out=tuple(missing),
                wording=tuple(wording.get(outlet, [])),
                claims=tuple(claims.get(outlet, [])),
            )
        )
    return Framing(event_id, label, tuple(outlets), tuple(figure_disagreements(scope)))


def _term_vectors(scope: Scope) -> dict[tuple[str, int, int], dict[str, float]]:
    idf = idf_table(u.terms for u in scope.units)
    return {u.key: tf_idf(u.terms, idf) for u in scope.units}
