"""The entities stage on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.document import Mention
from storyline.gazetteer import build_gazetteer, load_gazetteer
from storyline.stages.registry import REGISTRY
from tests.conftest import AnalyseText


def by_text(mentions: tuple[Mention, ...]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.text, []).append(m)
    return found


def test_stage_is_registered_with_its_contract() -> None:
    spec = REGISTRY["entities"]
    assert (spec.version, spec.adds, spec.needs) == (3, ("mentions",), ("parse", "sentences"))


# ------------------------------------------------------------------------ gazetteer data


def test_gazetteer_loads_without_conflicts() -> None:
    gaz = load_gazetteer()
    assert gaz.conflicts == ()
    assert len([e for e in gaz.entries if e.type == "GPE" and e.stands_for is None]) > 190


@pytest.mark.parametrize(
    ("surface", "name", "kb_id"),
    [
        ("U.S.", "United States", "Q30"),
        ("America", "United States", "Q30"),
        ("Britain", "United Kingdom", "Q145"),
        ("U.K.", "United Kingdom", "Q145"),
        ("Nato", "NATO", "Q7184"),
        ("North Atlantic Treaty Organisation", "NATO", "Q7184"),
        ("Xi", "Xi Jinping", "Q15031"),
        ("Sergey Lavrov", "Sergei Lavrov", "Q58217"),
        ("Yury Ushakov", "Yuri Ushakov", None),
        ("Russians", "Russia", "Q159"),
        ("Kiev", "Kyiv", "Q1899"),
    ],
)
def test_gazetteer_names(surface: str, name: str, kb_id: str | None) -> None:
    hit = load_gazetteer().hit(surface)
    assert hit is not None
    assert (hit.entry.name, hit.entry.kb_id) == (name, kb_id)


def test_gazetteer_reports_a_name_given_to_two_entries() -> None:
    countries = "Atlantis\tQ1\tAtl\t\t\t\t\nAtlantica\tQ2\tAtl\t\t\t\t\n"
    gaz = build_gazetteer(countries, '{"entries": []}')
    assert gaz.conflicts == ("'Atl' names both Atlantis and Atlantica",)


def test_gazetteer_rejects_an_unknown_type() -> None:
    with pytest.raises(ValueError, match="unknown type"):
        build_gazetteer("", '{"entries": [{"name": "X", "type": "THING"}]}')


# ------------------------------------------------------------------------------ spans


@pytest.mark.slow
def test_titles_and_possessives_are_outside_the_span(analyse_text: AnalyseText) -> None:
    found = by_text(analyse_text("Yesterday President Vladimir Putin's spokesman denied it."))
    (putin,) = found["Vladimir Putin"]
    assert (putin.label, putin.kb_id, putin.role, putin.origin) == (
        "PERSON",
        "Q7747",
        "President",
        "gazetteer",
    )


@pytest.mark.slow
def test_a_title_becomes_the_role_and_a_variant_gets_its_canonical_name(
    analyse_text: AnalyseText,
) -> None:
    found = by_text(analyse_text("Foreign Minister Sergey Lavrov met the European Union's envoy."))
    (lavrov,) = found["Sergey Lavrov"]
    assert (lavrov.canonical, lavrov.role) == ("Sergei Lavrov", "Foreign Minister")
    assert found["European Union"][0].kb_id == "Q458"  # "the" and "'s" left out


@pytest.mark.slow
def test_unknown_people_keep_their_titles_as_roles(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text("Energy Minister Laila Haddad and Secretary of State Tom Brennan met in Oslo.")
    )
    assert found["Laila Haddad"][0].role == "Energy Minister"
    assert found["Tom Brennan"][0].role == "Secretary of State"
    assert "Energy" not in found and "State" not in found


@pytest.mark.slow
def test_hyphenated_compounds_give_one_mention_per_actor(analyse_text: AnalyseText) -> None:
    text = (
        "The Biden-Macron call lasted an hour, and India-Japan ties deepened "
        "with U.S.-backed loans."
    )
    found = by_text(analyse_text(text))
    assert found["Biden"][0].kb_id == "Q6279"
    assert found["Macron"][0].kb_id == "Q3052772"
    assert [found[c][0].kb_id for c in ("India", "Japan", "U.S.")] == ["Q668", "Q17", "Q30"]
    assert not any("-" in m.text for m in analyse_text(text))


@pytest.mark.slow
def test_hyphenated_people_known_in_the_document_are_split(analyse_text: AnalyseText) -> None:
    text = "The Anderson-Whitfield report came out after Paul Anderson and Kate Whitfield spoke."
    names = [m.text for m in analyse_text(text) if m.label == "PERSON"]
    assert names[:2] == ["Anderson", "Whitfield"]


@pytest.mark.slow
def test_demonyms_are_norp_linked_to_their_country(analyse_text: AnalyseText) -> None:
    found = by_text(analyse_text("Japanese officials met Brazilian diplomats in Geneva."))
    japanese, brazilian = found["Japanese"][0], found["Brazilian"][0]
    assert (japanese.label, japanese.kb_id, japanese.canonical) == ("NORP", "Q17", "Japan")
    assert (brazilian.label, brazilian.kb_id, brazilian.origin) == (
        "NORP",
        "Q155",
        "gazetteer-demonym",
    )


@pytest.mark.slow
def test_capitals_act_as_their_state_but_are_places_after_in_or_to(
    analyse_text: AnalyseText,
) -> None:
    mentions = analyse_text(
        "Tokyo and Canberra signed a defence pact. The delegation arrived in Tokyo on Monday."
    )
    assert [(m.text, m.kb_id, m.origin) for m in mentions] == [
        ("Tokyo", "Q17", "gazetteer-metonym"),
        ("Canberra", "Q408", "gazetteer-metonym"),
        ("Tokyo", "Q1490", "gazetteer"),
    ]
    mentions = analyse_text(
        "Analysts said Paris rejected the plan, and Berlin's position hardened "
        "before the chancellor flew to Berlin."
    )
    assert [(m.text, m.canonical) for m in mentions] == [
        ("Paris", "France"),
        ("Berlin", "Germany"),
        ("Berlin", "Berlin"),
    ]


@pytest.mark.slow
def test_short_acronyms_are_case_sensitive(analyse_text: AnalyseText) -> None:
    mentions = analyse_text("Let us hope the US agrees with us.")
    assert [(m.text, m.kb_id) for m in mentions] == [("US", "Q30")]


@pytest.mark.slow
def test_acronym_variants_and_lookalikes(analyse_text: AnalyseText) -> None:
    found = by_text(analyse_text("Nato members met; NATO officials said Xinhua had quoted Xi."))
    assert found["Nato"][0].kb_id == found["NATO"][0].kb_id == "Q7184"
    assert (found["Xinhua"][0].label, found["Xinhua"][0].kb_id) == ("ORG", "Q204839")
    assert (found["Xi"][0].label, found["Xi"][0].kb_id) == ("PERSON", "Q15031")


@pytest.mark.slow
def test_a_longer_proper_name_around_a_country_stands(analyse_text: AnalyseText) -> None:
    found = by_text(
        analyse_text("She works at the Russian Academy of Sciences and met Kenyan officials.")
    )
    assert found["Russian Academy of Sciences"][0].label == "ORG"
    assert "Russian" not in found
    assert found["Kenyan"][0].kb_id == "Q114"


@pytest.mark.slow
def test_multiword_names_match_lowercase_but_not_plain_words(analyse_text: AnalyseText) -> None:
    mentions = analyse_text(
        "A spokesman for the Indonesian foreign ministry said the west of the country was calm."
    )
    assert [(m.text, m.label, m.canonical) for m in mentions] == [
        ("Indonesian foreign ministry", "ORG", "Indonesian Ministry of Foreign Affairs")
    ]


@pytest.mark.slow
def test_a_surname_alone_is_the_person_named_before(analyse_text: AnalyseText) -> None:
    mentions = analyse_text(
        "Mark Halloway, a trade official, spoke first. Later Halloway said talks would resume."
    )
    assert [(m.text, m.label) for m in mentions] == [
        ("Mark Halloway", "PERSON"),
        ("Halloway", "PERSON"),
    ]


@pytest.mark.slow
def test_no_junk_and_spans_are_evidence(analyse_text: AnalyseText) -> None:
    text = (
        "In 2023, about 40 percent of the 1,200 delegates (R.) voted; the West and "
        "Western Europe watched.\nSeemingly, nobody objected."
    )
    for m in analyse_text(text):
        assert text[m.start : m.end] == m.text
        assert any(c.isupper() for c in m.text) and sum(c.isalpha() for c in m.text) >= 2
        assert "\n" not in m.text
        assert m.text not in ("Seemingly", "2023", "R.")


@pytest.mark.slow
def test_a_surname_that_is_also_a_country_is_the_person(analyse_text: AnalyseText) -> None:
    mentions = analyse_text("Michael Jordan scored 30 points. Afterwards Jordan rested.")
    assert [(m.text, m.label, m.kb_id) for m in mentions] == [
        ("Michael Jordan", "PERSON", None),
        ("Jordan", "PERSON", None),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister gave an interview to The Irish newspaper on Monday.",
        "Writing on its front page, The Australian argued that the vote should wait.",
    ],
)
def test_demonym_titled_publication_is_not_the_nation(analyse_text: AnalyseText, text: str) -> None:
    found = by_text(analyse_text(text))
    publication = [m for ms in found.values() for m in ms if m.origin == "publication"]
    assert len(publication) == 1, found
    for m in publication:
        assert m.label == "ORG" and m.kb_id is None and m.text.startswith("The ")


@pytest.mark.slow
def test_demonym_before_a_noun_stays_the_nation(analyse_text: AnalyseText) -> None:
    found = by_text(analyse_text("The Irish government said it would not object."))
    (irish,) = found["Irish"]
    assert irish.label == "NORP" and irish.kb_id is not None
