"""Event mentions from captions, travel, possessive pronouns and lead sentences, and the
time expression kept on a mention of an undated article (texts written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Document, EventMention, Metadata, document_id


@pytest.fixture(scope="module")
def run_events(nlp: Any) -> Any:
    import storyline.stages  # noqa: F401
    from storyline.stages.registry import REGISTRY, check_chain, run_stages

    chain = [REGISTRY[n] for n in ("sentences", "entities", "times", "events")]
    check_chain(chain)

    def run(text: str, published: str | None = "2021-06-16") -> list[EventMention]:
        doc = Document(document_id(text), "test", text, Metadata(published=published))
        out = run_stages(chain, doc, nlp(text))["events"]
        return [e for e in out if isinstance(e, EventMention)]

    return run


def _names(text: str, event: EventMention) -> set[str]:
    return {text[a:b] for a, b in event.participants}


@pytest.mark.slow
def test_photo_caption_seen_with_is_a_meeting_at_the_city(run_events: Any) -> None:
    text = (
        "Chancellor Olaf Scholz (right) seen with President Emmanuel Macron at the Elysee "
        "Palace in Paris on March 3, 2021. Photo: Agency\n\nThe two men spoke for hours."
    )
    (event,) = [e for e in run_events(text) if e.type == "CONSULT"]
    assert _names(text, event) == {"Olaf Scholz", "Emmanuel Macron"}
    assert event.place is not None and text[event.place[0] : event.place[1]] == "Paris"
    assert event.date == "2021-03-03"
    assert event.time is not None and text[event.time[0] : event.time[1]] == "March 3, 2021"


@pytest.mark.slow
def test_caption_without_a_verb_names_two_people_meeting(run_events: Any) -> None:
    text = (
        "Scholz wants closer ties.\n\nOlaf Scholz and Emmanuel Macron in Paris on March 3."
        "\n\nThe talks ran late."
    )
    caption = [e for e in run_events(text) if e.label.endswith("in Paris")]
    assert len(caption) == 1
    assert _names(text, caption[0]) == {"Olaf Scholz", "Emmanuel Macron"}
    assert caption[0].date == "2021-03-03"


@pytest.mark.slow
def test_flying_to_a_city_is_a_visit_there(run_events: Any) -> None:
    text = "IN THE SECOND WEEK OF MARCH, President Emmanuel Macron flew to Berlin for talks."
    visits = [e for e in run_events(text) if e.label == "Emmanuel Macron visits Berlin"]
    assert len(visits) == 1
    assert visits[0].date == "2021-03"  # the capitalised month is read too


@pytest.mark.slow
def test_their_meeting_is_the_documents_main_pair(run_events: Any) -> None:
    text = (
        "Olaf Scholz and Emmanuel Macron spoke about energy. Scholz and Macron also "
        "discussed defence.\n\nReporters waited outside their meeting in Berlin for hours."
    )
    meetings = [e for e in run_events(text) if "Berlin" in e.label]
    assert meetings and _names(text, meetings[0]) == {"Olaf Scholz", "Emmanuel Macron"}


@pytest.mark.slow
def test_lead_date_of_a_nameless_summit_dates_the_named_meeting(run_events: Any) -> None:
    text = (
        "France and Germany drew closer after a summit on Tuesday ended in a joint plan.\n\n"
        "In a long statement after Emmanuel Macron met Olaf Scholz in Berlin, the two "
        "countries said they would build a new tank.\n\nOther news followed."
    )
    met = [e for e in run_events(text) if e.trigger == "met"]
    assert len(met) == 1 and met[0].date == "2021-06-15"
    # the same article without a publication date keeps the link to "Tuesday", unvalued
    undated = [e for e in run_events(text, published=None) if e.trigger == "met"]
    assert undated[0].date is None and undated[0].time is not None
    assert text[undated[0].time[0] : undated[0].time[1]] == "Tuesday"


@pytest.mark.slow
def test_what_might_happen_or_happened_many_times_is_no_event(run_events: Any) -> None:
    text = (
        "The European Union has threatened sanctions against Serbia if Belgrade attacks "
        "Kosovo. Officials warned of consequences in the event of Serbia invading Kosovo. "
        "Emmanuel Macron had met his German counterpart on 12 occasions."
    )
    # the threat is the event, not the sanctions or the attack it is about
    assert [(e.type, e.label) for e in run_events(text)] == [
        ("THREATEN", "European Union threatens sanctions against Serbia")
    ]


@pytest.mark.slow
def test_a_state_visit_by_one_of_the_pair_is_a_visit_to_the_other(run_events: Any) -> None:
    text = (
        "Olaf Scholz and Emmanuel Macron have grown close. Scholz and Macron speak often."
        "\n\nScholz praised the ties as he began his two-day state visit on Monday."
    )
    visits = [e for e in run_events(text) if e.trigger == "visit"]
    assert len(visits) == 1 and _names(text, visits[0]) == {"Scholz", "Emmanuel Macron"}
    assert visits[0].label == "Olaf Scholz visits Emmanuel Macron"


@pytest.mark.slow
def test_deals_signed_at_the_lead_meeting_take_its_date(run_events: Any) -> None:
    text = (
        "Emmanuel Macron met Olaf Scholz in Berlin on Monday.\n\n"
        "The two sides signed 12 deals, including an agreement between Airbus and Siemens "
        "on the supply of engines."
    )
    deals = [e for e in run_events(text) if e.type == "AGREE" and "Airbus" in e.label]
    assert deals and deals[0].date == "2021-06-14"


@pytest.mark.slow
def test_a_vaguer_lead_date_does_not_replace_a_day(run_events: Any) -> None:
    text = (
        "Emmanuel Macron held talks with Olaf Scholz in Lyon on Monday, at the start of a "
        "forum.\n\nIt was the third meeting between the two leaders this year."
    )
    talks = [e for e in run_events(text) if "Lyon" in e.label]
    assert talks and talks[0].date == "2021-06-14"


@pytest.mark.slow
def test_the_ministers_meeting_a_day_ahead_of_the_summit(run_events: Any) -> None:
    text = (
        "Emmanuel Macron met Olaf Scholz in Berlin on Friday.\n\n"
        "A day ahead of the Macron-Scholz meeting, French Foreign Minister Catherine Colonna "
        "and her German counterpart Annalena Baerbock said both nations opposed new tariffs."
        "\n\nThe French foreign ministry said in a statement after the foreign ministers' "
        "meeting that talks were useful."
    )
    events = run_events(text)
    ministers = [e for e in events if "Colonna" in e.label]
    assert ministers and _names(text, ministers[0]) == {"Catherine Colonna", "Annalena Baerbock"}
    assert ministers[0].date == "2021-06-10"  # the Thursday before Friday 11 June
    summit = [e for e in events if "Scholz" in e.label]
    assert summit and all(e.date == "2021-06-11" for e in summit)


@pytest.mark.slow
def test_a_group_meeting_at_a_place(run_events: Any) -> None:
    text = "At the Quad Foreign Ministers' meeting in Melbourne on Friday, Antony Blinken spoke."
    quad = [e for e in run_events(text) if e.label == "Quad meets in Melbourne"]
    assert quad and quad[0].date == "2021-06-11"


@pytest.mark.slow
def test_attending_a_fair_in_a_city(run_events: Any) -> None:
    text = (
        "On Friday, Olaf Scholz is scheduled to attend the opening of the German-French "
        "trade fair in Strasbourg, highlighting ties."
    )
    (event,) = run_events(text)
    assert (
        event.label
        == "Olaf Scholz attends the opening of the German-French trade fair in Strasbourg"
    )
    assert event.date == "2021-06-18"  # the coming Friday


@pytest.mark.slow
def test_a_visit_to_a_country_is_made_by_the_clauses_subject(run_events: Any) -> None:
    text = "Olaf Scholz left Paris on Monday at the end of a two-day state visit to France."
    (event,) = run_events(text)
    assert event.label == "Olaf Scholz visits France"
    assert event.place is not None and text[event.place[0] : event.place[1]] == "France"
