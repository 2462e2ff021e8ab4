"""People's names in the entities stage: relatives of known people, spans that read as a
person, states apart from their cities, parties, and widget text that is no name."""

from __future__ import annotations

import pytest

from storyline.document import EntityType, Mention
from storyline.stages.entities_people import given_names, is_boilerplate, reads_as_person
from tests.conftest import AnalyseText


def by_text(mentions: tuple[Mention, ...]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.text, []).append(m)
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Marta Quill Marta QuillSunday",  # a name glued to the next word of a widget
        "Tomas Reyes TomasReyes",
        "Dale HarrowThe Hill",
        "HarrowHarrow",
        "Ida Vance/AP Ida Vance/AP",  # a photo credit twice
        "Reuters/Pool Reuters/Pool",
        "Marta Quill Marta",  # the name starting again
    ],
)
def test_widget_text_is_boilerplate(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text", ["WikiLeaks", "BuzzFeed News", "Ed FitzGerald", "Abdullah Abdullah", "Marta Quill"]
)
def test_names_in_camel_case_or_doubled_stand(text: str) -> None:
    assert not is_boilerplate(text)


def test_a_name_before_a_word_glued_to_its_surname_is_boilerplate() -> None:
    assert is_boilerplate("Marta Quill Marta", "QuillSunday")
    assert is_boilerplate("Marta Quill", "QuillMonday")
    assert not is_boilerplate("Marta Quill", "YouTube")


def test_widget_text_gives_no_mention(analyse_text: AnalyseText) -> None:
    found = analyse_text(
        "Dr. Marta Quill warned about the outbreak on Friday.\n"
        "Marta Quill Marta QuillSunday\n"
        "The agency said Quill would brief the governors."
    )
    assert not [m for m in found if "Marta Quill Marta" in m.text or "QuillSunday" in m.text]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Anatol Brisk", True),
        ("Leila Vantner", True),
        ("John F. Kerwin", True),
        ("Victoria Falls", False),  # a place word
        ("Boston University", False),  # no given name
        ("Charles River Associates", False),
        ("Charlie Hebdo", False),  # a magazine
        ("Alexandra Township", False),
        ("Nancy", False),  # one word
    ],
)
def test_spans_that_read_as_a_person(text: str, person: bool) -> None:
    assert reads_as_person(text) is person


def test_the_given_names_list_loads() -> None:
    names = given_names()
    assert {"James", "Sarah", "Anatol"} <= names
    assert "Jordan" not in names and "Georgia" not in names


def test_a_known_surname_after_another_given_name_is_a_relative(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text(
            "Ivanka Trump and Melania Trump arrived first. Donald Trump Jr. spoke after them, "
            "and President Trump left early."
        )
    )
    for relative in ("Ivanka Trump", "Melania Trump", "Donald Trump Jr."):
        (m,) = found[relative]
        assert (m.label, m.kb_id) == ("PERSON", None), m
    (president,) = found["Trump"]
    assert president.kb_id == "Q22686"


def test_a_state_is_not_its_largest_city(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text(
            "Officials in New York state and in New York City disagreed, while Washington state "
            "sued and lawmakers in Washington, D.C. watched."
        )
    )
    assert found["New York state"][0].kb_id == "Q1384"
    assert found["New York City"][0].kb_id == "Q60"
    assert found["Washington state"][0].kb_id == "Q1223"
    assert found["Washington, D.C."][0].kb_id != "Q1223"


def test_the_parties_names_are_one_party(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text(
            "Republicans in the Senate and the GOP leadership met. The Republican Party "
            "chair spoke. Democrats and the Democratic Party answered; one Democrat walked out."
        )
    )
    for name in ("Republicans", "GOP", "Republican Party"):
        assert found[name][0].kb_id == "Q29468", name
    for name in ("Democrats", "Democratic Party", "Democrat"):
        assert found[name][0].kb_id == "Q29552", name


def test_a_lone_common_word_is_not_a_person(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text(
            "Manhunt\nThe manhunt went on for a week as police searched the hills.\n"
            "Senator Ilse Grauwen said Grauwen would wait."
        )
    )
    assert "Manhunt" not in found
    assert found["Grauwen"][0].label == "PERSON"


def test_a_plural_people_after_the_is_no_publication(analyse_text: AnalyseText) -> None:
    found = by_text(analyse_text("“The Russians are disappointed,” the envoy said on Monday."))
    assert all(m.label == "NORP" for m in found["Russians"])
    assert "The Russians" not in found


def test_people_listed_in_one_span_are_split() -> None:
    from storyline.stages.entities import _split_hyphenated_people

    text = "Ana Pelt met Rui Osk. Pelt and Osk spoke; Pelt, Osk agreed."

    def at(name: str, label: EntityType = "PERSON", nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Mention(start, start + len(name), name, label, name)

    listed = [at("Ana Pelt"), at("Rui Osk"), at("Pelt and Osk", "ORG"), at("Pelt, Osk", "ORG")]
    found = _split_hyphenated_people(listed)
    assert [(m.text, m.label) for m in found[2:]] == [
        ("Pelt", "PERSON"),
        ("Osk", "PERSON"),
        ("Pelt", "PERSON"),
        ("Osk", "PERSON"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
