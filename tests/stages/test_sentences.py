"""The ``sentences`` stage: paragraph breaks and bullet lines end sentences; pieces the
parser cut off mid-sentence are joined back (texts written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Document, Metadata, Sentence, document_id
from storyline.stages.sentences import join_split_sentences, split_at_breaks


def test_split_at_blank_lines_and_bullets() -> None:
    text = "Headline words here\n\n• first point\n• second point\n\nBody starts. Here."
    pieces = [text[s.start : s.end] for s in split_at_breaks(text, 0, len(text))]
    assert pieces == ["Headline words here", "• first point", "• second point",
                      "Body starts. Here."]  # fmt: skip


def test_pieces_cut_mid_sentence_are_joined() -> None:
    text = "• Apples\nand pears grow here."
    found = [Sentence(0, 1), Sentence(2, 8), Sentence(9, len(text))]
    joined = join_split_sentences(text, found)
    assert [text[s.start : s.end] for s in joined] == [text]


@pytest.mark.slow
def test_headline_bullets_and_lead_are_separate_sentences(nlp: Any) -> None:
    import storyline.stages  # noqa: F401
    from storyline.stages.registry import REGISTRY, run_stages

    text = (
        "Ministers agree on a budget deal\n\n• Spending rises by a tenth\n• Taxes stay as "
        "they are\n\nThe finance ministers of the bloc agreed on Monday to raise spending."
    )
    doc = Document(document_id(text), "test", text, Metadata())
    found = run_stages([REGISTRY["sentences"]], doc, nlp(text))["sentences"]
    pieces = [text[s.start : s.end] for s in found if isinstance(s, Sentence)]
    assert pieces[0] == "Ministers agree on a budget deal"
    assert pieces[-1].startswith("The finance ministers")
    assert all("\n\n" not in p for p in pieces)
