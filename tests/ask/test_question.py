"""Question analysis: type, entities (by name, alias or surname), content words, subject and
topic, polarity, and names the store does not know."""

from __future__ import annotations

import pytest

from storyline.ask.people import title_before
from storyline.ask.question import EntityLinker, analyse
from storyline.store.ask_queries import AskEntity

ENTITIES = [
    AskEntity("e_quiroga", "Marta Quiroga", "PERSON", ("Quiroga",)),
    AskEntity("e_haugen", "Lars Haugen", "PERSON", ()),
    AskEntity("e_norway", "Norway", "GPE", ("Norwegian",)),
    AskEntity("e_chile", "Chile", "GPE", ("Chilean",)),
    AskEntity("e_oslo", "Oslo", "GPE", ()),
    AskEntity("e_us", "United States", "GPE", ("US", "U.S.")),
    AskEntity("e_nato", "NATO", "ORG", ("Nato",)),
]
LINKER = EntityLinker(ENTITIES)


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("How much fish feed will Norway supply to Chile?", "amount"),
        ("How many ministers travelled with Quiroga?", "amount"),
        ("What share of the catch goes to Chile?", "amount"),
        ("When did Quiroga meet Haugen in Oslo?", "when"),
        ("In which year did Norway sign the deal?", "when"),
        ("Where did Quiroga meet Haugen?", "where"),
        ("Who travelled with Quiroga?", "who"),
        ("Which countries signed the deal?", "who"),
        ("What did Haugen say?", "said"),
        ("What has Quiroga told reporters about salmon?", "said"),
        ("What does Chile think of bottom trawling?", "stance"),
        ("What is Norway's position on whaling?", "stance"),
        ("What do Norway and Chile oppose?", "stance"),
        ("Does Chile support a ban?", "stance"),
        ("What will Norway and Chile study?", "what"),
    ],
)
def test_question_types(question: str, qtype: str) -> None:
    assert analyse(question, LINKER).type == qtype


def test_entities_by_name_alias_and_surname_and_the_remaining_words() -> None:
    q = analyse("When did Quiroga meet Haugen in Oslo?", LINKER)
    assert [e.name for e in q.entities] == ["Marta Quiroga", "Lars Haugen", "Oslo"]
    assert q.keywords == ("meet",)
    assert q.unknown == ()


def test_acronyms_match_in_capitals_only() -> None:
    assert [e.name for e in analyse("Did the US sign?", LINKER).entities] == ["United States"]
    assert analyse("What did they tell us about Chile?", LINKER).entities[0].name == "Chile"
    assert len(analyse("What did they tell us about Chile?", LINKER).entities) == 1


def test_names_joined_by_a_hyphen_are_both_entities_and_no_keyword() -> None:
    q = analyse("How much was Norway-Chile trade in 2022?", LINKER)
    assert {e.name for e in q.entities} == {"Norway", "Chile"}
    assert q.keywords == ("trade", "2022")


def test_said_and_stance_questions_split_subject_and_topic() -> None:
    said = analyse("What did Haugen say about the research vessel?", LINKER)
    assert [e.name for e in said.subject] == ["Lars Haugen"]
    assert said.topic_words == ("research", "vessel")
    stance = analyse("What does Chile think of NATO?", LINKER)
    assert [e.name for e in stance.subject] == ["Chile"]
    assert [e.name for e in stance.topic] == ["NATO"]
    assert analyse("What do Norway and Chile oppose?", LINKER).polarity == "oppose"
    assert analyse("Who supports the ban?", LINKER).polarity == "support"


def test_unknown_capitalised_names_are_kept_but_dates_and_question_words_are_not() -> None:
    q = analyse("What did Angela Merkel say in September about Oslo?", LINKER)
    assert q.unknown == ("Angela Merkel",)
    assert "september" in q.keywords
    assert analyse("Where did Quiroga go on Monday?", LINKER).unknown == ()


@pytest.mark.parametrize(
    ("before", "title"),
    [
        ("The talks were led by Kremlin spokesman ", "Kremlin spokesman"),
        ("His delegation includes Foreign Minister ", "Foreign Minister"),
        ("said U.S. Secretary of State ", "U.S. Secretary of State"),
        ("He will meet Chinese Premier ", "Chinese Premier"),
        ("The deal was praised by ", None),
        ("On Thursday ", None),
    ],
)
def test_the_title_written_before_a_name(before: str, title: str | None) -> None:
    assert title_before(before) == title
