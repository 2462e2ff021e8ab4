"""The terminal view of an answer: the answer, then each numbered source sentence."""

from __future__ import annotations

from storyline.ask.model import Answer


def answer_lines(answer: Answer) -> list[str]:
    """The answer text, then ``[n] “sentence” — outlet, date (doc start-end)`` per citation."""
    lines = answer.text.splitlines()
    if answer.citations:
        lines.append("")
        if answer.copies > answer.sources:
            lines.append(
                f"sources ({answer.sources} independent "
                f"report{'s' if answer.sources != 1 else ''}, {answer.copies} copies):"
            )
        else:
            lines.append("sources:")
    for i, c in enumerate(answer.citations, start=1):
        sentence = " ".join(c.text.split())
        where = f"{c.outlet or 'outlet unknown'}, {c.published or 'undated'}"
        lines.append(f"[{i}] “{sentence}” — {where} ({c.doc} {c.start}-{c.end})")
    for note in answer.notes:
        lines.append(f"note: {note}")
    if answer.phrased_by == "llm":
        lines.append("(phrased by the language model from the sources above)")
    return lines
