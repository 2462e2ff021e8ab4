"""The ``sentences`` stage: sentence spans from the parse, trimmed of surrounding space."""

from __future__ import annotations

from storyline.document import Sentence
from storyline.stages.registry import StageInput, StageOutput, stage


@stage("sentences", version=1, adds=["sentences"], needs=["parse"])
def sentences(inp: StageInput) -> StageOutput:
    text = inp.document.text
    found: list[Sentence] = []
    for sent in inp.parse.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Sentence(start, end))
    return {"sentences": tuple(found)}
