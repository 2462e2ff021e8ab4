"""Inferred event dates: a report's main event dated from its publication day, weekday
dates placed by tense and marked, and what gets no inferred date."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.document import Document, EventMention, Metadata, document_id
from storyline.stages.events_dates import is_opinion

FRIDAY = "2031-05-09"  # a Friday


@pytest.fixture(scope="module")
def run_events(nlp: Any) -> Any:
    import storyline.stages
    import storyline.stages.events
    import storyline.stages.times  # noqa: F401
    from storyline.stages.registry import REGISTRY, check_chain, run_stages

    chain = [REGISTRY[n] for n in ("sentences", "entities", "times", "events")]
    check_chain(chain)

    def run(text: str, published: str | None = FRIDAY) -> list[EventMention]:
        doc = Document(document_id(text), "test", text, Metadata(published=published))
        out = run_stages(chain, doc, nlp(text))["events"]
        return [e for e in out if isinstance(e, EventMention)]

    return run


def dates(events: list[EventMention]) -> list[tuple[str, str | None, bool, str | None]]:
    return [(e.type, e.date, e.date_inferred, e.date_rule) for e in events]


@pytest.mark.slow
def test_the_main_event_of_a_report_gets_its_publication_day(run_events: Any) -> None:
    text = (
        "Leaders meet at the Great Hall\n\n"
        "President Lena Marsh met Prime Minister Tomas Krell outside the Great Hall and the "
        "two leaders held talks on the river dam.\n\n"
        "Krell later met Mayor Ana Voss in Orvel City."
    )
    found = run_events(text)
    first = [e for e in found if e.start == text.index("President")]
    assert first and all(
        (e.date, e.date_inferred, e.date_rule) == (FRIDAY, True, "publication_day") for e in first
    )
    later = [e for e in found if e.start == text.index("Krell later")]
    assert later and all(e.date is None and not e.date_inferred for e in later)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "day", "rule"),
    [
        ("President Lena Marsh met Prime Minister Tomas Krell on Thursday.", "2031-05-08",
         "weekday_past"),
        ("President Lena Marsh will meet Prime Minister Tomas Krell on Monday.", "2031-05-12",
         "weekday_future"),
        ("President Lena Marsh met Prime Minister Tomas Krell on Friday.", FRIDAY,
         "weekday_today"),
    ],
)  # fmt: skip
def test_weekday_dates_are_marked_with_their_rule(
    run_events: Any, sentence: str, day: str, rule: str
) -> None:
    (event,) = [e for e in run_events(sentence) if e.type == "CONSULT"]
    assert (event.date, event.date_inferred, event.date_rule) == (day, True, rule)


@pytest.mark.slow
def test_a_stated_date_is_not_inferred(run_events: Any) -> None:
    text = "President Lena Marsh met Prime Minister Tomas Krell on May 6, 2031 in Orvel City."
    (event,) = [e for e in run_events(text) if e.type == "CONSULT"]
    assert (event.date, event.date_inferred, event.date_rule) == ("2031-05-06", False, None)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published"),
    [
        # no publication day: not a report we can date (a month is not a day)
        ("President Lena Marsh met Prime Minister Tomas Krell in Orvel City.", "2031-05"),
        ("President Lena Marsh met Prime Minister Tomas Krell in Orvel City.", None),
        # habitual, future, negated
        ("President Lena Marsh usually met Prime Minister Tomas Krell in Orvel City.", FRIDAY),
        ("President Lena Marsh will meet Prime Minister Tomas Krell in Orvel City.", FRIDAY),
        ("President Lena Marsh did not meet Prime Minister Tomas Krell in Orvel City.", FRIDAY),
        # an opinion piece
        (
            "OPINION: Talk is cheap\n\nPresident Lena Marsh met Prime Minister Tomas Krell in "
            "Orvel City, and nothing changed.",
            FRIDAY,
        ),
        # background with its own date keeps it; no other event is the main one
        ("In 2014 Veloria annexed the Saro valley after a short war.", FRIDAY),
    ],
)
def test_what_gets_no_publication_day(run_events: Any, text: str, published: str | None) -> None:
    for e in run_events(text, published):
        assert e.date_rule != "publication_day", dates([e])


@pytest.mark.slow
def test_only_the_first_event_sentence_is_the_main_event(run_events: Any) -> None:
    text = (
        "Officials in Orvel City said the river had risen by a metre.\n\n"
        "President Lena Marsh met Prime Minister Tomas Krell in Orvel City. "
        "Krell signed an agreement with Veloria. Marsh met the mayor of Orvel City."
    )
    found = run_events(text)
    inferred = {e.start for e in found if e.date_rule == "publication_day"}
    assert inferred == {text.index("President")}


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        ("OPINION: Talk is cheap\n\nBody.", True),
        ("Analysis/Opinion:\n\nBody.", True),
        ("Commentary | The river\n\nBody.", True),
        ("Leaders meet\n\nOpinion polls show support for the deal.", False),
        ("Leaders meet in Orvel City\n\nBody.", False),
    ],
)
def test_opinion_pieces_are_told_by_their_label(text: str, opinion: bool) -> None:
    assert is_opinion(text) is opinion


@pytest.mark.slow
@pytest.mark.parametrize(
    "after",
    [
        "Officials will speak to reporters on Monday.",  # a day ahead: not when it happened
        "Officials said on Monday that the mood was good.",  # may be another event's day
        "Officials had said in April that the mood was good.",
    ],
)
def test_a_day_named_later_is_not_taken_for_the_lead(run_events: Any, after: str) -> None:
    text = "President Lena Marsh met Prime Minister Tomas Krell in Orvel City.\n\n" + after
    (event,) = [e for e in run_events(text) if e.start == 0]
    assert (event.date, event.date_rule) == (FRIDAY, "publication_day")


@pytest.mark.slow
def test_the_lead_dates_check_takes_the_stated_day_out(tmp_path: Any, nlp: Any) -> None:
    from storyline.evaluation.lead_dates import evaluate

    lead = "President Lena Marsh met Prime Minister Tomas Krell in Orvel City {} for talks."
    body = "\n\nThe two leaders discussed the river dam and the price of grain."
    rows = [
        ("a", "2031-05-09", lead.format("on Friday")),  # that day: the publication day
        ("b", "2031-05-09", lead.format("on Thursday")),  # the day before: missed
        ("c", "2031-05-09", "President Lena Marsh met Prime Minister Tomas Krell today."),  # right
        ("held", "2031-05-09", lead.format("on Friday")),  # left out
        ("d", "2031-05-09", "OPINION: Talks\n\n" + lead.format("on Friday")),  # opinion
    ]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(
            json.dumps({"source": s, "published": p, "text": t + body}) + "\n" for s, p, t in rows
        ),
        encoding="utf-8",
    )
    scores = evaluate(path, {"held"}, nlp=nlp)
    assert (scores.reports, scores.right, scores.publication_day) == (3, 2, 2)
