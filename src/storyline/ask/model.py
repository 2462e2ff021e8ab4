"""What a question becomes and what an answer holds.

An :class:`Answer` is a short text whose ``[n]`` markers point at ``citations[n-1]``;
every citation is a span of whole sentences, ``documents[doc].text[start:end] == text``,
with the article's outlet and publication date. ``facts`` are the structured items the
answer was composed from, each naming the citations that carry it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuestionType = Literal["amount", "when", "where", "who", "said", "stance", "what"]

QUESTION_TYPES: tuple[QuestionType, ...] = (
    "amount",
    "when",
    "where",
    "who",
    "said",
    "stance",
    "what",
)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity the question names, and the words it was named with."""

    id: str
    name: str
    type: str
    surface: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    """A question taken apart: its type, the entities it names and its other content words.

    ``subject`` are the entities the question is about (the speaker of "what did X say",
    the holder of "what does X think of Y"); ``topic`` the entities and words after
    "of/about/on" in such questions. ``unknown`` are capitalised names the store does not
    know as entities. ``polarity`` is set by "oppose"/"support"-like verbs.
    """

    text: str
    type: QuestionType
    entities: tuple[EntityRef, ...]
    keywords: tuple[str, ...]
    subject: tuple[EntityRef, ...] = ()
    topic: tuple[EntityRef, ...] = ()
    topic_words: tuple[str, ...] = ()
    polarity: str | None = None
    unknown: tuple[str, ...] = ()
    focus: str | None = None  # "person", "place", "org", "country", "count" …
    subject_text: str = ""  # the words naming the speaker or holder, as asked


@dataclass(frozen=True, slots=True)
class Citation:
    doc: str
    start: int
    end: int
    text: str
    outlet: str | None
    published: str | None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One structured item an answer uses: its kind, store id, words and normalised value."""

    kind: str  # figure, quote, stance, position, event, time, entity, sentence
    text: str
    citations: tuple[int, ...]
    id: str | None = None
    value: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "text": self.text,
            "value": self.value,
            "citations": list(self.citations),
        }
        out.update((k, v) for k, v in self.extra if k not in out)
        return out


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to one question; ``found`` is False when nothing stored supports one."""

    question: str
    type: QuestionType
    found: bool
    text: str
    citations: tuple[Citation, ...] = ()
    facts: tuple[Fact, ...] = ()
    phrased_by: str = "rules"
    notes: tuple[str, ...] = field(default=())
    sources: int = 0  # independent reports among the cited documents (copies count once)
    copies: int = 0  # cited documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "type": self.type,
            "found": self.found,
            "answer": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "facts": [f.to_dict() for f in self.facts],
            "phrased_by": self.phrased_by,
            "notes": list(self.notes),
            "sources": self.sources,
            "copies": self.copies,
        }
