"""Speakers found through in-document coreference, on texts written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyline.document import SPEAKER_VIA, Document, Metadata, Quote, document_id
from storyline.stages.quotes_coref import office_valid, role_classes
from storyline.stages.registry import REGISTRY, run_stages

Analyse = Callable[..., list[Quote]]


@pytest.fixture(scope="module")
def analyse(nlp: Any) -> Analyse:
    import storyline.stages
    import storyline.stages.quotes  # noqa: F401

    chain = [REGISTRY[n] for n in ("sentences", "entities", "quotes")]

    def run(text: str, published: str | None = None, title: str | None = None) -> list[Quote]:
        meta = Metadata(published=published, title=title)
        layers = run_stages(chain, Document(document_id(text), "test", text, meta), nlp(text))
        mentions = {(m.start, m.end) for m in layers["mentions"]}  # type: ignore[attr-defined]
        quotes = [q for q in layers["quotes"] if isinstance(q, Quote)]
        for q in quotes:
            assert q.speaker_via in (*SPEAKER_VIA, None)
            assert (q.speaker_via is None) == (q.speaker_text is None)
            if q.speaker_start is not None:
                assert (q.speaker_start, q.speaker_end) in mentions
        return quotes

    return run


def only(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def who(text: str, q: Quote) -> str | None:
    if q.speaker_start is None:
        return None
    return text[q.speaker_start : q.speaker_end]


def test_a_title_given_with_the_name_links_a_later_description(analyse: Analyse) -> None:
    text = (
        "Russian President Vladimir Putin met the visiting delegation in Sochi on Monday.\n\n"
        "“We are ready to talk about every question on the table,” the Russian leader said."
    )
    q = only(analyse(text), "ready to talk")
    assert (who(text, q), q.speaker_text, q.speaker_via) == (
        "Vladimir Putin",
        "the Russian leader",
        "title",
    )


def test_an_apposition_links_the_expert(analyse: Analyse) -> None:
    text = (
        "Mark Ellery, an expert at the Harbour Institute, has followed the talks for years. "
        "The delegations met twice in March.\n\n"
        "“Nothing in this draft settles the border question,” the expert said."
    )
    q = only(analyse(text), "settles the border")
    assert (who(text, q), q.speaker_via) == ("Mark Ellery", "apposition")


def test_a_description_without_antecedent_stays_a_description(analyse: Analyse) -> None:
    text = (
        "Trade between the two neighbours fell sharply last year.\n\n"
        "“We will keep our markets open to every partner,” the Chinese president said."
    )
    q = only(analyse(text), "markets open")
    assert q.speaker_text == "the Chinese president"
    assert (who(text, q), q.speaker_via) == (None, "description")  # not China


def test_a_description_names_the_person_of_that_state_not_another(analyse: Analyse) -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan and French President Emmanuel Macron spoke "
        "by phone on Sunday.\n\n"
        "“Our soldiers will stay until the job is done,” the Turkish leader said."
    )
    q = only(analyse(text), "soldiers will stay")
    assert who(text, q) == "Recep Tayyip Erdogan"


def test_the_office_holder_serves_only_when_the_text_gives_no_antecedent(
    analyse: Analyse,
) -> None:
    text = (
        "“The partnership has no limits and no forbidden areas,” the Chinese president said "
        "on Tuesday.\n\nXi Jinping later flew on to Budapest for two days of talks."
    )
    q = only(analyse(text, published="2024-05-07"), "no limits")
    assert (who(text, q), q.speaker_via) == ("Xi Jinping", "office_holder")
    # in 2010 the gazetteer's president of China was someone else: no link
    q = only(analyse(text, published="2010-05-07"), "no limits")
    assert (who(text, q), q.speaker_via) == (None, "description")


def test_office_years() -> None:
    assert office_valid("President of China", "2024-01-01", ["President of China (2003-2013)"])
    assert not office_valid("President of China", "2008", ["President of China (2003-2013)"])
    assert office_valid("Premier of China (2013-2023)", "2015-06", [])
    assert not office_valid("Premier of China (2013-2023)", "2024", [])
    assert not office_valid("President of China", None, [])


def test_role_words() -> None:
    assert role_classes(["the", "russian", "president"]) == {"president"}
    assert role_classes(["vice", "-", "president"]) == {"vice president"}
    assert role_classes(["u.s.", "secretary", "of", "state"]) == {"secretary of state"}
    assert role_classes(["deputy", "foreign", "minister"]) == set()


def test_a_pronoun_is_the_subject_of_the_main_clause_not_the_last_name(
    analyse: Analyse,
) -> None:
    text = (
        "Mr. Hale spoke to reporters after Governor Tom Briggs had left the room.\n\n"
        "“The budget will pass before the summer,” he said."
    )
    q = only(analyse(text), "budget will pass")
    assert (who(text, q), q.speaker_via) == ("Hale", "pronoun")


def test_a_pronoun_skips_a_person_of_the_other_gender(analyse: Analyse) -> None:
    text = (
        "Mr. Quill thanked Ms. Rowan for the report on Monday.\n\n"
        "“The numbers speak for themselves,” she said."
    )
    q = only(analyse(text), "numbers speak")
    assert who(text, q) == "Rowan"


def test_he_is_the_speaker_of_the_previous_statement(analyse: Analyse) -> None:
    text = (
        "Navy spokesman Dan Ortiz said the ships would return in May, a month after "
        "Admiral Ken Wells had asked for more time.\n\n"
        "He said the crews were ready."
    )
    q = only(analyse(text), "crews were ready")
    assert who(text, q) == "Dan Ortiz"


def test_a_quote_without_cue_continues_the_turn(analyse: Analyse) -> None:
    text = (
        "“The river has never been this low in spring,” said Anna Berg, a hydrologist.\n\n"
        "“If the rain does not come soon, the barges will stop running on the lower reach.”"
    )
    q = only(analyse(text), "barges will stop")
    assert (who(text, q), q.speaker_via) == ("Anna Berg", "turn")


def test_the_two_countries_speak_through_their_joint_statement(analyse: Analyse) -> None:
    text = (
        "China and Russia signed a joint statement in Beijing on Friday.\n\n"
        "“Friendship between the two states has no limits,” the two countries said in the "
        "joint statement."
    )
    q = only(analyse(text, published="2022-02-04"), "no limits")
    assert q.speaker_via == "collective"
    assert who(text, q) is not None and "statement" in (who(text, q) or "")


def test_a_news_agency_reporting_a_leader_is_not_the_speaker(analyse: Analyse) -> None:
    text = (
        "“We will never allow anyone to split the country,” Xinhua quoted Xi Jinping as "
        "saying.\n\n"
        "“The sanctions will fail as they failed before,” TASS reported Vladimir Putin as "
        "saying."
    )
    quotes = analyse(text)
    assert who(text, only(quotes, "split the country")) == "Xi Jinping"
    assert who(text, only(quotes, "sanctions will fail")) == "Vladimir Putin"


def test_a_headline_is_no_quote(analyse: Analyse) -> None:
    text = (
        "Ministers Vow ‘Nothing Will Stop The Harbour Project Now’ After Vote\n\n"
        "The council approved the harbour plan on Tuesday by nine votes to two."
    )
    assert analyse(text) == []


def test_the_sentence_after_a_quote_is_no_speaker(analyse: Analyse) -> None:
    text = (
        "“Security must come first in every budget we write,” said Andrzej Duda. "
        "Defence spending reached four percent of output last year."
    )
    q = only(analyse(text), "Security must")
    assert q.speaker_text == "Andrzej Duda"


def test_a_signed_quote_names_its_speaker(analyse: Analyse) -> None:
    text = (
        "Readers wrote to us about the closure of the ferry line.\n\n"
        "“Nobody asked the islanders before the timetable was cut.” ― Maria Lopez\n"
        "“We lose two hours every day since the change.” ― Tom Baker"
    )
    quotes = analyse(text)
    assert who(text, only(quotes, "Nobody asked")) == "Maria Lopez"
    assert who(text, only(quotes, "two hours")) == "Tom Baker"


def test_a_partial_quote_takes_the_named_subject_of_its_verb(analyse: Analyse) -> None:
    text = (
        "“We are shocked,” said Ahmet Kaya, a spokesman for the airline.\n\n"
        "Later in the day, Russian President Vladimir Putin called the attack a “stab in "
        "the back delivered by the accomplices of terrorists.”"
    )
    q = only(analyse(text), "stab in")
    assert who(text, q) == "Vladimir Putin"


def test_a_relative_pronoun_speaks_for_its_noun(analyse: Analyse) -> None:
    text = (
        "The Foreign Office has released a statement that says: “We urge all sides to return "
        "to the talks without delay.”\n\n"
        "The plan was backed by Senator Ruth Okafor, who said it “will save the harbour.”"
    )
    quotes = analyse(text)
    first = only(quotes, "urge all sides")
    assert (who(text, first), first.speaker_via) == ("Foreign Office", "collective")
    assert who(text, only(quotes, "save the harbour")) == "Ruth Okafor"


def test_an_agency_citing_a_leader_is_not_the_speaker(analyse: Analyse) -> None:
    text = "“The door to dialogue remains open,” Xinhua reported, citing Wang Yi."
    assert who(text, only(analyse(text), "door to dialogue")) == "Wang Yi"


def test_the_group_is_the_body_an_earlier_speaker_spoke_for(analyse: Analyse) -> None:
    text = (
        "A spokesman for a rebel group called the Northern Harbour Brigade told reporters "
        "that it held the airfield.\n\n"
        "The group said the convoy had turned back before dawn."
    )
    q = only(analyse(text), "convoy had turned")
    assert (who(text, q), q.speaker_via) == ("Northern Harbour Brigade", "description")


def test_the_newspaper_is_not_an_earlier_one_when_another_came_between(
    analyse: Analyse,
) -> None:
    text = (
        "The Harbour Gazette newspaper reported that the strike would last a week.\n\n"
        "On Sunday a fire damaged the offices of a weekly newspaper in the old town. "
        "The newspaper said its archive was lost."
    )
    q = only(analyse(text), "archive was lost")
    assert who(text, q) is None


def test_the_one_told_is_not_the_speaker(analyse: Analyse) -> None:
    text = (
        "Paul Ferris was leaving the theatre when he was told to stay inside because of "
        "“a man with a knife in the square.”"
    )
    q = only(analyse(text), "man with a knife")
    assert q.speaker_via != "pronoun" and who(text, q) != "Paul Ferris"
    text = "Reporters were told by Mayor Lina Hart that the bridge “will reopen before winter.”"
    assert "Lina Hart" in (who(text, only(analyse(text), "reopen before")) or "")


def test_asking_someone_and_citing_something_keep_the_speaker(analyse: Analyse) -> None:
    text = (
        "“Should there be a registry of every boat in the harbour?” a reporter can be heard "
        "asking Mayor Tim Cole after the meeting.\n\n"
        "“Most of the anger is justified,” Ana Ruiz said, citing the many families who had "
        "lost their moorings."
    )
    quotes = analyse(text)
    assert only(quotes, "registry").speaker_text == "a reporter"
    assert only(quotes, "anger is justified").speaker_text == "Ana Ruiz"
