"""More rules of the times grammar: the current unit, holidays, centuries, spelled decades,
"in N units", "the week after next", bare seasons and numeric dates; and the tense cues
the stage reads from the parse ("payable", "postponed until", "since", "is to")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from storyline.document import Document, Metadata, document_id
from storyline.stages.times_rules import Context, Tense, find

PUB = date(2022, 2, 9)  # a Wednesday


def values(text: str, ref: date | None = PUB, tense: Tense | None = None) -> dict[str, Any]:
    ctx = Context(ref, tense, text)
    return {f.text: f.resolve(ctx).value for f in find(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit for the year rose.", {"the year": "2022"}),
        ("Profit for the full year rose.", {"the full year": "2022"}),
        ("in the current fiscal year", {"the current fiscal year": "2022"}),
        ("They expect a deal by the end of the year.", {"by the end of the year": "2022"}),
        ("a deal by end of year", {"by end of year": "2022"}),
        ("year-end results", {"year-end": "2022"}),
        ("Prices rose earlier in the week.", {"earlier in the week": "2022-W06"}),
        ("Sales in the month were flat.", {"the month": "2022-02"}),
        ("They rested over the weekend.", {"the weekend": "2022-W06-WE"}),
        ("the year before", {"the year before": None}),  # anchored elsewhere
        ("the year 2000", {"the year 2000": "2000"}),
        ("the year-ago quarter", {"the year-ago quarter": "2020-Q4"}),  # not "the year"
        ("the week of April 10", {"April 10": "2022-04-10"}),
    ],
)
def test_the_current_unit(text: str, expected: dict[str, Any]) -> None:
    got = values(text)
    assert {k: v for k, v in got.items() if k in expected or "year" in k} == expected


def test_a_past_weekend_told_before_saturday_is_the_last_one() -> None:
    assert values("They rested over the weekend.", tense="past") == {"the weekend": "2022-W05-WE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Thanksgiving Day 2021", "2021-11-25"),
        ("last Thanksgiving", "2021-11-25"),
        ("next Christmas", "2022-12-25"),
        ("on Christmas Eve", "2021-12-24"),  # nearest to February 2022: the past one
        ("Election Day 2020", "2020-11-03"),
        ("Labor Day 2021", "2021-09-06"),
        ("Memorial Day 2021", "2021-05-31"),
        ("Easter 2022", "2022-04-17"),
        ("Easter Monday 2019", "2019-04-22"),
        ("Good Friday 2024", "2024-03-29"),
        ("New Year's Day 2023", "2023-01-01"),
    ],
)
def test_holidays(text: str, expected: str) -> None:
    assert list(values(text).values()) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the 20th century", {"the 20th century": "19"}),
        ("the twenty-first century", {"the twenty-first century": "20"}),
        ("this century", {"this century": "20"}),
        ("the nineties", {"the nineties": "199"}),
        ("the mid-'80s", {"the mid-'80s": "198"}),
    ],
)
def test_centuries_and_decades(text: str, expected: dict[str, Any]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Talks resume in two weeks.", "present", {"in two weeks": "2022-W08"}),
        ("They will vote in three days.", "future", {"in three days": "2022-02-12"}),
        ("Prices rose 10% in two weeks.", "past", {"in two weeks": None}),  # a duration
        ("It ends in a year or two.", "future", {}),
        ("the week after next", None, {"the week after next": "2022-W08"}),
        ("the year after next", None, {"the year after next": "2024"}),
        ("the early summer", "past", {"the early summer": "2021-SU"}),
        ("this past winter", None, {"this past winter": "2021-WI"}),
        ("The Arab Spring began.", "past", {}),  # a name, not a season
        ("on 21/04/2016", None, {"21/04/2016": "2016-04-21"}),
        ("on 2015/08/12", None, {"2015/08/12": "2015-08-12"}),
        ("on 13.5.2015", None, {"13.5.2015": "2015-05-13"}),
        ("on 3-7-2017", None, {"3-7-2017": "2017-03-07"}),
        ("version 1.2.2015.3", None, {}),
        ("Last April, he said", "past", {"Last April": "2021-04"}),
        ("Last Friday, he said", "past", {"Last Friday": "2022-02-04"}),
    ],
)
def test_more_relative_expressions(
    text: str, tense: Tense | None, expected: dict[str, Any]
) -> None:
    assert values(text, tense=tense) == expected


@pytest.fixture(scope="module")
def stage_values(nlp: Any) -> Any:
    import storyline.stages.times  # noqa: F401
    from storyline.stages.registry import REGISTRY, StageInput, run_stages
    from storyline.stages.times import find_times

    def run(text: str, published: str = "1989-10-26") -> dict[str, str | None]:
        doc = Document(document_id(text), "t", text, Metadata(published=published))
        parse = nlp(text)
        layers = run_stages([REGISTRY["sentences"]], doc, parse)
        return {t.text: t.timeml for t in find_times(StageInput(doc, parse, layers))}

    return run


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 26 October 1989 (a Thursday)
        ("The board declared a dividend, payable Dec. 7 to holders.", {"Dec. 7": "1989-12-07"}),
        ("The company cut its dividend due to the loss in March.", {"March": "1989-03"}),
        ("The vote was postponed until Tuesday.", {"Tuesday": "1989-10-31"}),
        ("The firm has scheduled a news conference Monday.", {"Monday": "1989-10-30"}),
        ("Shares are to resume trading Tuesday.", {"Tuesday": "1989-10-31"}),
        ("The pact, effective June 1, covers wages.", {"June 1": "1990-06-01"}),
        ("Police have searched for him since shortly after the Dec. 23 attack.",
         {"the Dec. 23": "1988-12-23"}),
        ("Net rose in the third quarter. It was $5 million a year ago.",
         {"the third quarter": "1989-Q3", "a year ago": "1988-Q3"}),
        ("It was $5 million a year ago.", {"a year ago": "1988"}),
    ],
)  # fmt: skip
def test_tense_and_topic_read_from_the_text(
    stage_values: Any, text: str, expected: dict[str, str | None]
) -> None:
    got = stage_values(text)
    assert {k: v for k, v in got.items() if k in expected} == expected
