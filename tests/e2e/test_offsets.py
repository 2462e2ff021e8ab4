"""Property: every span any stage produces slices the clean text to its own evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.document import (
    EventMention,
    Figure,
    Mention,
    Quote,
    RawArticle,
    Sentence,
    Stance,
    TimeExpression,
)
from storyline.engines.local import analyse_documents
from storyline.ingest import prepare

VOCABULARY = (
    "Putin Xi Jinping Beijing Moscow NATO Nato the talks said President Lavrov's “deal” "
    "$250bn on Friday Gazprom Wang Yi Kazakhstan — é trade and Russia-China U.S. EU in "
    'Harbin Ministry Foreign of a 100 million tonnes (AUKUS) ’s "we oppose" met visited '
    'he opposes supports 25 per cent last year in 2019 Thursday signed "no limits"'
)
WORDS = st.sampled_from(VOCABULARY.split(" "))
SENTENCE = st.lists(WORDS, min_size=4, max_size=18).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=2, max_size=5).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=3, max_size=6).map(lambda ps: "\n\n".join(ps))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ARTICLE)
def test_every_span_slices_the_clean_text(body: str) -> None:
    prepared = prepare(RawArticle("gen.txt", "A generated headline\n\n" + body, "text"))
    if not hasattr(prepared, "text"):
        return  # skipped inputs carry a reason, not spans
    (analysis,) = analyse_documents([prepared])  # type: ignore[list-item]
    text = analysis.document.text
    for item in analysis.layer("sentences"):
        assert isinstance(item, Sentence)
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end].strip() == text[item.start : item.end]
    mentions = set()
    for item in analysis.layer("mentions"):
        assert isinstance(item, Mention)
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        mentions.add((item.start, item.end))
    for item in analysis.layer("quotes"):
        assert isinstance(item, Quote)
        assert text[item.start : item.end] == item.text and item.start < item.end
        if item.speaker_start is not None:
            assert (item.speaker_start, item.speaker_end) in mentions
    for item in analysis.layer("stances"):
        assert isinstance(item, Stance)
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.target_start : item.target_end] == item.target
        assert all(h in mentions for h in item.holders)
    for item in analysis.layer("figures"):
        assert isinstance(item, Figure)
        assert text[item.start : item.end] == item.text and item.start < item.end
    for item in analysis.layer("times"):
        assert isinstance(item, TimeExpression)
        assert text[item.start : item.end] == item.text and item.start < item.end
    for item in analysis.layer("events"):
        assert isinstance(item, EventMention)
        assert 0 <= item.start < item.end <= len(text)
        assert all(p in mentions for p in item.participants)
