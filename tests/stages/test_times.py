"""The ``times`` stage: the pure grammar and normaliser, and the stage over a parse."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.document import Document, Metadata, TimeExpression, document_id
from storyline.stages.times_rules import (
    ISO_PREFIX,
    Context,
    Tense,
    find,
    iso_prefix,
    parse_reference,
    shift_from,
)

PUB = date(2022, 2, 9)  # a Wednesday


def values(text: str, ref: date | None = PUB, tense: Tense | None = "past") -> dict[str, Any]:
    ctx = Context(ref, tense, text)
    return {f.text: f.resolve(ctx).value for f in find(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on February 4, 2022.", {"February 4, 2022": "2022-02-04"}),
        ("They met on 4 February 2022.", {"4 February 2022": "2022-02-04"}),
        ("It opened Mar 02, 2022.", {"Mar 02, 2022": "2022-03-02"}),
        ("It opened on Sept. 3rd, 2021.", {"Sept. 3rd, 2021": "2021-09-03"}),
        ("They met in 2019.", {"2019": "2019"}),
        ("A visit in March 2023 followed.", {"March 2023": "2023-03"}),
        ("Trade grew in 2012-13.", {"2012-13": "2012"}),
        ("Ties have deepened since 2019.", {"2019": "2019"}),
        ("Growth slowed in early 2020.", {"early 2020": "2020"}),
        ("The deal was signed on 2021-11-30.", {"2021-11-30": "2021-11-30"}),
        ("Output fell in the third quarter of 2021.", {"the third quarter of 2021": "2021-Q3"}),
    ],
)
def test_absolute_dates(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected
    assert values(text, ref=None) == expected  # no publication date needed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade rose last year.", {"last year": "2021"}),
        ("Trade rose this year.", {"this year": "2022"}),
        ("Prices rose this month.", {"this month": "2022-02"}),
        ("Prices will rise next month.", {"next month": "2022-03"}),
        ("They spoke today.", {"today": "2022-02-09"}),
        ("They spoke yesterday.", {"yesterday": "2022-02-08"}),
        ("They will speak tomorrow.", {"tomorrow": "2022-02-10"}),
        ("They met in March last year.", {"March last year": "2021-03"}),
        ("They met three years ago.", {"three years ago": "2019"}),
        ("They met last week.", {"last week": "2022-W05"}),
        ("It was founded two decades ago.", {"two decades ago": "2002"}),
    ],
)
def test_relative_dates(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected
    assert values(text, ref=None) == dict.fromkeys(expected)


@pytest.mark.parametrize(
    ("ref", "tense", "text", "value"),
    [
        (date(2022, 2, 9), "past", "on Friday", "2022-02-04"),
        (date(2022, 2, 9), "future", "on Friday", "2022-02-11"),
        (date(2022, 2, 4), "past", "on Friday", "2022-02-04"),  # the day itself
        (date(2022, 2, 4), "past", "last Friday", "2022-01-28"),
        (date(2022, 2, 4), "future", "next Friday", "2022-02-11"),
        (date(2022, 3, 1), "past", "on Sunday", "2022-02-27"),  # back across a month end
        (date(2022, 1, 2), "past", "on Thursday", "2021-12-30"),  # back across a year end
        (date(2021, 12, 30), "future", "on Monday", "2022-01-03"),  # ahead across a year end
        (date(2024, 3, 1), "past", "on Wednesday", "2024-02-28"),  # leap year
        (date(2022, 2, 9), "present", "on Thursday", "2022-02-10"),  # nearer one
    ],
)
def test_weekdays_follow_the_tense(ref: date, tense: Tense, text: str, value: str) -> None:
    assert list(values(text, ref, tense).values()) == [value]


@pytest.mark.parametrize(
    ("ref", "tense", "text", "value"),
    [
        (date(2022, 2, 9), "past", "in December", "2021-12"),
        (date(2022, 2, 9), "future", "in October", "2022-10"),
        (date(2022, 2, 9), "past", "in October", "2021-10"),
        (date(2022, 3, 9), "future", "in January", "2023-01"),
        (date(2022, 2, 9), "past", "on January 30", "2022-01-30"),
        (date(2022, 1, 5), "past", "on December 28", "2021-12-28"),
        (date(2021, 12, 28), "future", "on January 3", "2022-01-03"),
        (date(2022, 2, 9), "past", "Monday, Dec. 27", "2021-12-27"),  # weekday picks the year
    ],
)
def test_month_and_day_without_year(ref: date, tense: Tense, text: str, value: str) -> None:
    assert list(values(text, ref, tense).values()) == [value]


def test_anchored_and_vague_expressions() -> None:
    text = "A day earlier, seven months later, and now, recently."
    ctx = Context(PUB, "past", text)
    kinds = {f.text: (f.resolve(ctx).value, f.resolve(ctx).kind) for f in find(text)}
    assert kinds == {
        "A day earlier": (None, "anchored"),
        "seven months later": (None, "anchored"),
        "now": ("PRESENT_REF", "vague"),
        "recently": ("PAST_REF", "vague"),
    }
    assert shift_from("a day earlier", "2022-02-04", ctx) == "2022-02-03"
    assert shift_from("seven months later", "2022-02", ctx) == "2022-09"
    assert shift_from("a day earlier", "2022-02", ctx) is None  # never invent a day
    assert shift_from("a year earlier", "2021-Q3", ctx) == "2020-Q3"


def test_durations_and_numbers_are_not_dates() -> None:
    assert values("It grew 10 percent over the past year.") == {"the past year": None}
    assert values("The 30-year deal ran for 10 years.") == {}
    assert values("They may march in May.") == {"May": "2021-05"}


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2022-02-04", "2022-02-04"),
        ("2022-Q3", "2022"),
        ("2022-W05", "2022-02"),  # Jan 31 – Feb 6 spans two months → year? see below
        ("2022-W06", "2022-02"),
        ("2022-SU", "2022"),
        ("PRESENT_REF", None),
        ("199", None),
        (None, None),
    ],
)
def test_iso_prefix(value: str | None, iso: str | None) -> None:
    if value == "2022-W05":
        iso = "2022"  # the week of 31 January crosses into February: only the year is sure
    assert iso_prefix(value) == iso


def test_reference_needs_a_day() -> None:
    assert parse_reference("2022-02-04") == date(2022, 2, 4)
    assert parse_reference("2022-02") is None
    assert parse_reference(None) is None


# ------------------------------------------------------------------------- the stage


@pytest.fixture(scope="module")
def run_times(nlp: Any) -> Any:
    import storyline.stages
    import storyline.stages.times  # noqa: F401
    from storyline.stages.registry import REGISTRY, run_stages

    chain = [REGISTRY["sentences"], REGISTRY["times"]]

    def run(text: str, published: str | None = "2022-02-09") -> dict[str, str | None]:
        doc = Document(document_id(text), "test", text, Metadata(published=published))
        out = run_stages(chain, doc, nlp(text))["times"]
        assert all(isinstance(t, TimeExpression) for t in out)
        found = [t for t in out if isinstance(t, TimeExpression)]
        for t in found:
            assert text[t.start : t.end] == t.text
        return {t.text: t.value for t in found}

    return run


@pytest.mark.slow
def test_stage_uses_the_tense(run_times: Any) -> None:
    text = "The ministers met on Friday. They will meet again on Thursday."
    assert run_times(text) == {"Friday": "2022-02-04", "Thursday": "2022-02-10"}
    planned = "The leaders are scheduled to hold talks on Friday."
    assert run_times(planned) == {"Friday": "2022-02-11"}


@pytest.mark.slow
def test_stage_without_publication_date(run_times: Any) -> None:
    text = "The envoys met last year, on March 3, 2021, and again on Friday."
    assert run_times(text, published=None) == {
        "last year": None,
        "March 3, 2021": "2021-03-03",
        "Friday": None,
    }


@pytest.mark.slow
def test_stage_leaves_out_vague_times_and_counts(run_times: Any) -> None:
    text = "Now 2000 soldiers are there; recently a day earlier than planned, in 1999."
    assert run_times(text) == {"a day earlier": None, "1999": "1999"}


@pytest.mark.slow
def test_stage_anchors_on_a_date_in_the_sentence(run_times: Any) -> None:
    text = "The summit opened on June 10, 2021, and the ministers met a day earlier."
    assert run_times(text) == {"June 10, 2021": "2021-06-10", "a day earlier": "2021-06-09"}


_WORDS = st.sampled_from(
    [
        "on Friday", "last year", "March 2023", "4 February 2022", "yesterday", "in 2019",
        "the third quarter", "Sept. 31", "now", "2000 people", "the 1990s", "a day earlier",
        "next week", "Monday, Dec. 27", "early 2020", "they met", "Mr. May", "and", ",", "2012-13",
    ]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    words=st.lists(_WORDS, min_size=1, max_size=8),
    published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
)
def test_spans_slice_the_text_and_values_are_iso_prefixes(
    run_times: Any, words: list[str], published: str | None
) -> None:
    text = " ".join(words) + "."
    for value in run_times(text, published).values():
        assert value is None or ISO_PREFIX.match(value), value


def test_capitalised_runs_are_read() -> None:
    found = {f.text: f.resolve(Context(PUB, "past")).value for f in find(
        "IN THE FIRST WEEK OF FEBRUARY, AS THE crisis grew")}  # fmt: skip
    assert found == {"FEBRUARY": "2022-02"}


@pytest.mark.slow
def test_a_reference_known_to_the_month_resolves_only_what_it_can(nlp: Any) -> None:
    from storyline.stages.registry import REGISTRY, run_stages

    text = "On Friday they met; on February 4 they signed. Trade grew last year and this month."
    doc = Document(document_id(text), "t", text, Metadata(inferred_date="2022-02"))
    chain = [REGISTRY["sentences"], REGISTRY["times"]]
    out = run_stages(chain, doc, nlp(text))["times"]
    got = {t.text: t.value for t in out if isinstance(t, TimeExpression)}
    assert got["Friday"] is None  # no weekday against a month
    assert got["February 4"] == "2022-02-04"
    assert got["last year"] == "2021"
    assert got["this month"] == "2022-02"
