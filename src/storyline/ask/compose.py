"""Putting an answer together: numbered sentence citations, facts, and "not found"."""

from __future__ import annotations

from storyline.ask.evidence import Evidence
from storyline.ask.model import Answer, Citation, Fact, Question

NOT_FOUND = "Not found"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Draft:
    """Collects citations (deduplicated, numbered from 1) and facts for one answer."""

    def __init__(self, question: Question, evidence: Evidence) -> None:
        self.question = question
        self.evidence = evidence
        self.citations: list[Citation] = []
        self.facts: list[Fact] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, doc: str, start: int, end: int) -> int:
        """The number of the citation of the sentences covering [start, end) in doc."""
        citation = self.evidence.citation(doc, start, end)
        key = (citation.doc, citation.start, citation.end)
        if key not in self._numbers:
            self.citations.append(citation)
            self._numbers[key] = len(self.citations)
        return self._numbers[key]

    def fact(
        self,
        kind: str,
        text: str,
        numbers: list[int],
        *,
        id: str | None = None,
        value: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.facts.append(
            Fact(
                kind=kind,
                text=text,
                citations=tuple(dict.fromkeys(numbers)),
                id=id,
                value=value,
                extra=tuple((extra or {}).items()),
            )
        )

    def answer(self, text: str) -> Answer:
        docs = {c.doc for c in self.citations}
        return Answer(
            question=self.question.text,
            type=self.question.type,
            found=True,
            text=text,
            citations=tuple(self.citations),
            facts=tuple(self.facts),
            sources=len({self.evidence.reports.get(d, d) for d in docs}),
            copies=len(docs),
        )


def marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers))


def not_found(question: Question, reason: str) -> Answer:
    """The answer when nothing stored supports one: it says so and why, and cites nothing."""
    return Answer(
        question=question.text,
        type=question.type,
        found=False,
        text=f"{NOT_FOUND}: {reason}.",
    )


def human_date(value: str) -> str:
    """An ISO 8601 prefix as words: 2022 → 2022, 2022-02 → February 2022, … → 4 February 2022."""
    parts = value.split("-")
    try:
        if len(parts) >= 3:
            return f"{int(parts[2][:2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
