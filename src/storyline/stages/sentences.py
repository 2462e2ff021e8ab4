"""The ``sentences`` stage: sentence spans from the parse, trimmed of surrounding space.

The parser sometimes runs a headline, a list of bullet points and the first paragraph into
one sentence. A paragraph break (a blank line) and a line that starts with a bullet mark
always end a sentence, so the spans here never cross them; a piece the parser cut off in
the middle of a sentence (a lone bullet mark, a piece starting in lower case) is joined
back to the one before.
"""

from __future__ import annotations

import re

from storyline.document import Sentence
from storyline.stages.registry import StageInput, StageOutput, stage

# a blank line, or a line break before a bullet mark: a sentence never runs across them
HARD_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*|\n[ \t\u00a0]*(?=[•·▪●◦‣\-–*]\s)")


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end) if end > start else None


def split_at_breaks(text: str, start: int, end: int) -> list[Sentence]:
    """The span ``text[start:end]`` cut at every hard break, each piece trimmed."""
    pieces: list[Sentence] = []
    cursor = start
    for m in HARD_BREAK.finditer(text, start, end):
        piece = _trimmed(text, cursor, m.start())
        if piece is not None:
            pieces.append(piece)
        cursor = m.end()
    last = _trimmed(text, cursor, end)
    if last is not None:
        pieces.append(last)
    return pieces


def _joinable(text: str, first: Sentence, second: Sentence) -> bool:
    """The parser split where a sentence goes on: a piece that is only a bullet mark or
    punctuation, or a next piece that starts in lower case, with no hard break between."""
    if HARD_BREAK.search(text, first.end, second.start + 1):
        return False
    alone = not any(ch.isalnum() for ch in text[first.start : first.end])
    return alone or text[second.start].islower()


def join_split_sentences(text: str, found: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for s in found:
        if out and _joinable(text, out[-1], s):
            out[-1] = Sentence(out[-1].start, s.end)
        else:
            out.append(s)
    return out


@stage("sentences", version=2, adds=["sentences"], needs=["parse"])
def sentences(inp: StageInput) -> StageOutput:
    text = inp.document.text
    found: list[Sentence] = []
    for sent in inp.parse.sents:
        found.extend(split_at_breaks(text, sent.start_char, sent.end_char))
    return {"sentences": tuple(join_split_sentences(text, found))}
