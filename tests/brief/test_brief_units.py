"""The brief on hand-built facts: corroboration, redundancy, order, citations, length."""

from __future__ import annotations

import re

import pytest

from storyline.errors import NotInStore
from storyline.evaluation.brief import line_cited
from storyline.store.brief_queries import FactDocument, FactSentence, StoryFacts
from storyline.story_views.brief import brief_from_facts
from storyline.story_views.text import content_terms, fold


def _facts(texts: dict[str, tuple[str, str]]) -> StoryFacts:
    """Documents (id → (outlet, text)) cut into sentences at full stops; no other facts."""
    docs, sentences = [], []
    for doc_id, (outlet, text) in texts.items():
        docs.append(FactDocument(doc_id, f"{doc_id}.txt", None, outlet, "2025-01-01", text))
        for idx, m in enumerate(re.finditer(r"[^.]+\.", text)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            sentences.append(FactSentence(doc_id, idx, start, m.end()))
    return StoryFacts(tuple(docs), tuple(sentences), (), (), (), (), (), (), ())


SHARED = "The harbour council approved the new ferry terminal after a long debate."
FACTS = _facts(
    {
        "d_a": ("Alpha", f"{SHARED} Builders will start work in the spring season. Costs rose."),
        "d_b": (
            "Beta",
            f"{SHARED} Residents complained about noise from the building site all summer.",
        ),
        "d_c": ("Gamma", "Fishermen said the terminal would block their moorings near the pier."),
    }
)


def test_a_sentence_carried_by_several_outlets_is_one_line_citing_them_all() -> None:
    brief = brief_from_facts(FACTS, length=5)
    first = brief.lines[0]
    assert first.text == SHARED
    assert first.sources == 2 and {c.doc for c in first.citations} == {"d_a", "d_b"}
    assert [line.text for line in brief.lines].count(SHARED) == 1  # no repeat
    assert sum(SHARED in line.text for line in brief.lines) == 1


def test_lines_are_ordered_by_sources_and_every_line_is_cited() -> None:
    brief = brief_from_facts(FACTS, length=5)
    assert [line.sources for line in brief.lines] == sorted(
        (line.sources for line in brief.lines), reverse=True
    )
    texts = {d.id: d.text for d in FACTS.documents}
    for i, line in enumerate(brief.lines):
        assert line_cited(brief, texts, i)
        assert line.sources == len({c.doc for c in line.citations})


def test_too_short_sentences_are_not_lines_and_length_is_respected() -> None:
    brief = brief_from_facts(FACTS, length=2)
    assert len(brief.lines) == 2
    assert all(line.text != "Costs rose." for line in brief_from_facts(FACTS, length=10).lines)


def test_the_brief_is_deterministic() -> None:
    assert brief_from_facts(FACTS).to_dict() == brief_from_facts(FACTS).to_dict()


def test_an_empty_story_has_an_empty_brief() -> None:
    empty = StoryFacts((), (), (), (), (), (), (), (), ())
    assert brief_from_facts(empty).lines == ()


def test_an_unknown_event_is_an_error_naming_it() -> None:
    with pytest.raises(NotInStore, match="v_missing"):
        brief_from_facts(FACTS, event_id="v_missing")


def test_words_fold_plurals_and_possessives_but_keep_numbers_with_separators() -> None:
    assert (
        fold("Quotas") == "quota"
        and fold("Norway's") == "norway"
        and fold("policies") == ("policy")
    )
    assert content_terms("The 380,000 tonnes of the 2030 target in 3 years") == [
        "380,000",
        "tonne",
        "2030",
        "target",
    ]


def test_a_photo_caption_is_not_chosen_over_a_reported_fact() -> None:
    caption = "The harbour master (left) seen with the mayor at the new ferry terminal."
    fact = "The harbour council approved the new ferry terminal after a long debate."
    facts = _facts({"d_a": ("Alpha", f"{caption} {fact}"), "d_b": ("Beta", f"{caption} {fact}")})
    assert brief_from_facts(facts, length=1).lines[0].text == fact
