"""Evidence: where a claim of a view comes from, one click from its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.story_views.scope import Scope

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Evidence:
    """``documents[doc].text[start:end]`` (``text``, spaces folded), with outlet and date."""

    doc: str
    start: int
    end: int
    outlet: str
    published: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "outlet": self.outlet,
            "published": self.published,
            "text": self.text,
        }


def evidence_at(scope: Scope, doc: str, start: int, end: int) -> Evidence:
    """The evidence at these offsets of a document in scope."""
    document = scope.by_id[doc]
    text = _SPACE.sub(" ", document.text[start:end]).strip()
    return Evidence(doc, start, end, scope.outlets[doc], document.published, text)


def sentence_evidence(scope: Scope, doc: str, start: int, end: int) -> Evidence:
    """The evidence of a span as the sentence piece that holds it (the span if none does)."""
    for u in scope.units_in(doc):
        if u.start <= start < u.end:
            return evidence_at(scope, doc, u.start, max(u.end, end))
    return evidence_at(scope, doc, start, end)
