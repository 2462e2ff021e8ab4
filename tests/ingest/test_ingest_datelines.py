"""Publication dates from bylines, "Published"/"Updated" lines and datelines, the year of
a dateline that leaves it out inferred from context, each claim with its origin."""

from __future__ import annotations

import pytest

from storyline.document import RawArticle
from storyline.ingest import prepare
from storyline.ingest.clean import clean_text
from storyline.ingest.dates import find_dateline, text_year, year_for
from storyline.ingest.metadata import build_metadata, parse_byline

STORY = (
    "The ministers of the two river states met at the border town of Orvel and agreed to "
    "share the water of the Saro, the ministry said in a statement.\n\n"
    "The talks lasted four hours and covered fishing rights and the new dam."
)


def meta_of(text: str, **given: object) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    raw = RawArticle(source="t.txt", content=text, format="text", **given)  # type: ignore[arg-type]
    meta = build_metadata(raw, clean_text(text))
    return meta.published, meta.published_origin, [(d.value, d.origin) for d in meta.dates]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("LAGOS, 2 June 2024 - ", "2024-06-02"),
        ("LAGOS, Nigeria, 2nd June 2024 — ", "2024-06-02"),
        ("WASHINGTON, Feb. 6, 2023 (Reuters) - ", "2023-02-06"),
        ("PORT ORVEL, Tuesday, March 5, 2024: ", "2024-03-05"),
        ("Orvel, Sept. 30, 2021 (Xinhua) -- ", "2021-09-30"),
    ],
)
def test_datelines_with_their_year(line: str, value: str) -> None:
    found = find_dateline("Water deal\n\n" + line + STORY)
    assert found is not None and found.value() == value
    published, origin, _ = meta_of("Water deal\n\n" + line + STORY)
    assert (published, origin) == (value, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "May 16, 2024: " + STORY,  # a date line, not a dateline
        "At Orvel Bridge, September 11, 2021. (Photo: agency)\n\n" + STORY,  # a caption
        "The talks, May 5 - " + STORY,  # lowercase words are no place
        "WASHINGTON (AP) — " + STORY,  # no date in it
        STORY * 4 + "\n\nORVEL, May 5 - The end.",  # too far down to head the story
    ],
)
def test_what_is_no_dated_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_a_missing_year_comes_from_the_text_and_says_so() -> None:
    text = (
        "BEIJING, May 16 /TASS/. The foreign ministers of the two states held talks, the "
        "ministry said. The deal signed in 2019 expires in 2023, and the 2023 budget pays "
        "for the new port.\n\nThe ministers will meet again later."
    )
    found = find_dateline(text)
    assert found is not None and found.year is None and (found.month, found.day) == (5, 16)
    raw = RawArticle(source="t.txt", content=text, format="text")
    doc = prepare(raw)
    assert not isinstance(doc, str) and hasattr(doc, "meta")
    claim = doc.meta.dates[0]
    assert (claim.value, claim.origin) == ("2023-05-16", "dateline")
    assert "BEIJING, May 16 /TASS/" in claim.evidence and "2023" in claim.evidence


def test_a_given_date_wins_and_gives_the_dateline_its_year() -> None:
    text = "ORVEL, Dec. 30 - " + STORY
    published, origin, claims = meta_of(text, published="2023-01-02")
    assert (published, origin) == ("2023-01-02", "given")
    assert claims == [("2023-01-02", "given"), ("2022-12-30", "dateline")]  # year before


def test_no_year_anywhere_gives_no_claim() -> None:
    assert meta_of("ORVEL, May 5 - " + STORY)[2] == []


def test_year_helpers() -> None:
    assert year_for(12, 30, "2023-01-02") == 2022
    assert year_for(1, 3, "2022-12-28") == 2023
    assert year_for(6, 1, "2021") == 2021
    assert text_year("no years here") is None
    found = text_year("In 2014 and 2020, then 2020 again, and 2000 troops")
    assert found is not None and found[0] == 2020


@pytest.mark.parametrize(
    ("lines", "value", "origin"),
    [
        ("By Jane Roe\nFebruary 5, 2022 at 19:00 JST", "2022-02-05", "text-cue"),
        ("By Jane Roe, February 5, 2022 at 19:00 JST", "2022-02-05", "byline"),
        ("Updated on Sep 15, 2022", "2022-09-15", "text-cue"),
        ("Published 10:32 AM EST, Tue March 3, 2020", "2020-03-03", "text-cue"),
        ("Posted on 4 March 2024 by Jane Roe", "2024-03-04", "text-cue"),
        ("Last updated: 2021-11-02T08:15:00Z", "2021-11-02", "text-cue"),
        ("By Jane Roe | Mar. 02 2022, 5:05 pm", "2022-03-02", "byline"),
    ],
)
def test_bylines_and_cue_lines(lines: str, value: str, origin: str) -> None:
    text = "Water deal signed at the border\n" + lines + "\n" + STORY
    published, got, _ = meta_of(text)
    assert (published, got) == (value, origin)


def test_a_byline_date_and_its_authors() -> None:
    byline = parse_byline("By Jane Roe and John Doe, February 5, 2022 at 19:00 JST")
    assert byline.authors == ("Jane Roe", "John Doe")
    assert [(d.value, d.origin) for d in byline.dates] == [("2022-02-05", "byline")]


def test_published_beats_updated_and_both_are_kept() -> None:
    text = (
        "Water deal signed at the border\nPublished May 2, 2024 | Updated on May 3, 2024\n" + STORY
    )
    published, origin, claims = meta_of(text)
    assert (published, origin) == ("2024-05-02", "text-cue")
    assert ("2024-05-03", "text-cue") in claims
