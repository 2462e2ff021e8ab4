"""Answers on two short articles written for these tests (tests/ask/conftest.py): every type
of question, "not found" when nothing supports an answer, and citations that are exactly
the text at their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.ask import Answer, Asker
from storyline.errors import AskError
from storyline.store import StoreReader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def asker(mini_db: Path) -> Iterator[Asker]:
    with StoreReader(mini_db) as reader:
        yield Asker(reader)


@pytest.fixture(scope="module")
def texts(mini_db: Path) -> dict[str, str]:
    with StoreReader(mini_db) as reader:
        return {d.document.id: d.document.text for d in reader.documents()}


def check_citations(answer: Answer, texts: dict[str, str]) -> None:
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert marks == set(range(1, len(answer.citations) + 1)), answer.text
    for c in answer.citations:
        assert texts[c.doc][c.start : c.end] == c.text
        assert c.outlet in {"Fjord Post", "Andes Daily"}


@pytest.mark.parametrize(
    ("question", "qtype", "expected"),
    [
        ("How much fish feed will Norway supply to Chile?", "amount", ["40,000 tonnes"]),
        ("How much was trade between Norway and Chile in 2022?", "amount", ["$2.5 billion"]),
        ("When did Quiroga meet Haugen in Oslo?", "when", ["12 June 2023"]),
        ("Where did Quiroga meet Haugen?", "where", ["Oslo"]),
        ("Who travelled with Quiroga?", "who", ["Diego Salas", "Lucia Ferrer", "Tomas Vidal"]),
        ("Who is Ingrid Moe?", "who", ["analyst at the Bergen Institute"]),
        ("Who is Tomas Vidal?", "who", ["Fisheries Minister"]),
        ("Who said the numbers look large?", "who", ["Ingrid Moe"]),
        ("What did Reyes say?", "said", ["not consulted", "ignored small fishermen"]),
        ("What do Norway and Chile oppose?", "stance", ["oppose bottom trawling"]),
        ("What does Chile think of bottom trawling?", "stance", ["ban on bottom trawling"]),
        ("What will Norway and Chile study?", "what", ["research vessel"]),
    ],
)
def test_each_type_of_question_is_answered_with_valid_citations(
    asker: Asker, texts: dict[str, str], question: str, qtype: str, expected: list[str]
) -> None:
    answer = asker.answer(question)
    assert answer.type == qtype
    assert answer.found, answer.text
    for words in expected:
        assert words in answer.text
    check_citations(answer, texts)


def test_a_figure_both_outlets_report_cites_both(asker: Asker) -> None:
    answer = asker.answer("How much fish feed will Norway supply to Chile?")
    assert {c.outlet for c in answer.citations} == {"Fjord Post", "Andes Daily"}
    figures = [f for f in answer.facts if f.kind == "figure"]
    assert figures and all(f.value == "40000 tonne" for f in figures)


def test_a_weekday_and_a_written_date_agree_on_one_day(asker: Asker) -> None:
    answer = asker.answer("When did Quiroga meet Haugen in Oslo?")
    assert answer.text.startswith("12 June 2023")
    assert {f.value for f in answer.facts} == {"2023-06-12"}


def test_the_asked_person_is_not_their_own_companion(asker: Asker) -> None:
    answer = asker.answer("Who travelled with Quiroga?")
    assert "Quiroga" not in answer.text


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("What did Angela Merkel say?", "never mention Angela Merkel"),
        ("How much salmon did Japan buy?", "never mention Japan"),
        ("What did Lars Haugen say about bananas?", "about that"),
        ("How many whales did Norway catch?", "no figure"),
        ("What did Ingrid Moe say about whaling?", "about that"),
        ("How much?", "names nothing to look for"),
        ("Where?", "names nothing to look for"),
    ],
)
def test_unsupported_questions_are_not_found_and_cite_nothing(
    asker: Asker, question: str, why: str
) -> None:
    answer = asker.answer(question)
    assert not answer.found
    assert answer.text.startswith("Not found:")
    assert why in answer.text
    assert answer.citations == () and answer.facts == ()


def test_to_dict_has_the_contract_fields(asker: Asker) -> None:
    data = asker.answer("Who travelled with Quiroga?").to_dict()
    assert {"answer", "citations", "facts"} <= set(data)
    citation = data["citations"][0]
    assert {"doc", "start", "end", "text", "outlet", "published"} <= set(citation)
    assert all(set(f["citations"]) <= {1} for f in data["facts"])


def test_empty_and_overlong_questions_are_errors(asker: Asker) -> None:
    with pytest.raises(AskError, match="empty"):
        asker.answer("   ")
    with pytest.raises(AskError, match="keep it under"):
        asker.answer("why " * 200)


def test_answers_are_deterministic(asker: Asker) -> None:
    first = asker.answer("What did Reyes say?").to_dict()
    assert asker.answer("What did Reyes say?").to_dict() == first
