"""The ``events`` stage over a parse: types, participants, place, date, label."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Document, EventMention, Metadata, document_id


@pytest.fixture(scope="module")
def run_events(nlp: Any) -> Any:
    import storyline.stages
    import storyline.stages.events
    import storyline.stages.times  # noqa: F401
    from storyline.stages.registry import REGISTRY, check_chain, run_stages

    chain = [REGISTRY[n] for n in ("sentences", "entities", "times", "events")]
    check_chain(chain)

    def run(text: str, published: str | None = "2021-06-16") -> list[EventMention]:
        doc = Document(document_id(text), "test", text, Metadata(published=published))
        out = run_stages(chain, doc, nlp(text))["events"]
        return [e for e in out if isinstance(e, EventMention)]

    return run


@pytest.mark.slow
def test_meeting_with_participants_place_and_date(run_events: Any) -> None:
    text = "Chancellor Angela Merkel met Emmanuel Macron in Paris on Monday."
    (event,) = run_events(text)
    assert event.type == "CONSULT"
    assert [text[a:b] for a, b in event.participants] == ["Angela Merkel", "Emmanuel Macron"]
    assert event.place is not None and text[event.place[0] : event.place[1]] == "Paris"
    assert event.date == "2021-06-14"
    assert event.label == "Angela Merkel meets Emmanuel Macron in Paris"
    assert (event.start, event.end) == (0, len(text))


@pytest.mark.slow
def test_visit_agreement_sanction_and_attack(run_events: Any) -> None:
    text = (
        "Narendra Modi visited Tokyo in May 2019. Canada and Mexico signed a trade deal "
        "last year. The European Union imposed sanctions on Belarus. "
        "Iraq invaded Kuwait on August 2, 1990."
    )
    found = {(e.type, e.date): e for e in run_events(text)}
    assert set(found) == {
        ("CONSULT", "2019-05"),
        ("AGREE", "2020"),
        ("SANCTION", None),
        ("ASSAULT", "1990-08-02"),
    }
    assert found[("CONSULT", "2019-05")].label == "Narendra Modi visits Tokyo"
    assert found[("ASSAULT", "1990-08-02")].label == "Iraq invades Kuwait"


@pytest.mark.slow
def test_no_participant_no_event(run_events: Any) -> None:
    assert run_events("The meeting was held behind closed doors on Tuesday.") == []


@pytest.mark.slow
def test_counterpart_completes_a_one_sided_meeting(run_events: Any) -> None:
    text = "Xi Jinping met his Russian counterpart in Moscow on Tuesday."
    (event,) = run_events(text)
    assert event.label == "Xi Jinping meets his Russian counterpart in Moscow"
    assert event.date == "2021-06-15"
    assert run_events("Angela Merkel held talks.") == []


@pytest.mark.slow
def test_topics_titles_and_groups_are_not_participants(run_events: Any) -> None:
    text = "Canada and Mexico held talks on NATO."
    (event,) = run_events(text)
    assert [text[a:b] for a, b in event.participants] == ["Canada", "Mexico"]
    titled = "Officials praised the Joint Statement of Canada and Mexico on Trade."
    assert run_events(titled) == []
    assert run_events("The West sanctioned heavily.") == []


@pytest.mark.slow
def test_date_borrowed_from_an_earlier_sentence_about_the_same_meeting(run_events: Any) -> None:
    text = (
        "Angela Merkel met Emmanuel Macron in Paris on Monday. "
        "The meeting between Merkel and Macron lasted two hours."
    )
    assert [e.date for e in run_events(text)] == ["2021-06-14", "2021-06-14"]
    since = "It was the first meeting between Angela Merkel and Emmanuel Macron since 2019."
    assert [e.date for e in run_events(since)] == [None]


@pytest.mark.slow
def test_main_news_takes_the_publication_day_only_with_a_day_word(run_events: Any) -> None:
    news = "Angela Merkel met Emmanuel Macron in Paris. The leaders will speak again."
    found = run_events(news, "2021-06-18")  # the main event: its day inferred, and said so
    assert [(e.date, e.date_inferred, e.date_rule) for e in found] == [
        ("2021-06-18", True, "publication_day")
    ]
    today = news + " Both leaders left Paris today."
    assert [e.date for e in run_events(today, "2021-06-18")] == ["2021-06-18"]
    assert [e.date for e in run_events(today, None)] == [None]
