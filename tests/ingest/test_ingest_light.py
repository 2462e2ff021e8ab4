"""Cleaning by input kind: text given as already extracted keeps every content line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.document import Document, RawArticle, Skipped
from storyline.errors import MalformedInput
from storyline.ingest import iter_inputs, prepare
from storyline.ingest.clean import clean_text
from storyline.ingest.jsonl import article_from_object
from storyline.ingest.light import as_given, clean_as, keep_content

FIXTURES = Path(__file__).parent / "fixtures"
WIRE = (FIXTURES / "given_wire_results.txt").read_text(encoding="utf-8")

HEADLINE = "CYCLING - VAN DER BERG TAKES ALPINE STAGE , KOWALSKA KEEPS LEAD"
DATELINE = "GRENOBLE , France 2026-07-14"
TABLE = [
    "Leading results of the 14th stage :",
    "1. Pieter van der Berg ( Netherlands ) Team Nordlicht 5:12:44",
    "2. Luca Ferrante ( Italy ) Aurora Cycling 0:41 behind",
    "3. Tomas Lindqvist ( Sweden ) Baltic Velo 1:02",
    "Overall standings :",
    "Marta Kowalska ( Poland ) 58:21:09",
    "Isabel Moreau ( France ) 0:37",
    "Henrik Dahl ( Norway ) 1:15",
]
LIST = ["Points for the day :", "- Ferrante 30", "- Lindqvist 25", "- Moreau 20"]
CHROME = [
    "Share this article",
    "Facebook Twitter Email",
    "Advertisement",
    "Sign up for our newsletter",
    "We use cookies to improve your experience. Accept all cookies",
    "Read more",
]
# a two-sentence article whose every word is capitalised: no line reads as prose
SHORT = "Storm Closes Oslo Airport.\nHeavy Snow Grounded All Flights On Monday, Avinor Said."


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def test_light_keeps_headline_dateline_table_and_list_and_drops_chrome() -> None:
    cleaned = keep_content(WIRE)
    kept = lines(cleaned.text)
    for line in [HEADLINE, DATELINE, *TABLE, *LIST]:
        assert line in kept, line
    for line in CHROME:
        assert line not in kept, line
    # nothing else was dropped: the content lines in their order, paragraphs by blank lines
    expected = [
        line for line in WIRE.split("\n") if line and line not in CHROME
    ]  # the fixture has single spaces and no trailing ones
    assert kept == expected
    assert cleaned.text.startswith(HEADLINE + "\n\n" + DATELINE + "\n\n")
    assert "\n".join(TABLE[:4]) in cleaned.text  # a table stays one block
    assert cleaned.headline == HEADLINE


def test_full_clean_still_drops_what_light_keeps() -> None:
    """The scraped-page cleaner is unchanged: on a page it drops the tail of short lines
    (which is why already-extracted text must not go through it)."""
    kept = lines(clean_text(WIRE).text)
    assert HEADLINE in kept
    assert not any(line in kept for line in [DATELINE, *TABLE[1:], *LIST[1:]])
    assert not any(line in kept for line in CHROME)


def test_none_keeps_the_text_as_given_with_whitespace_normalised() -> None:
    text = "  Share   this\tarticle \n\n\n\nAdvertisement\nThe  minister resigned.\u200b\n\n"
    cleaned = as_given(text)
    assert cleaned.text == "Share this article\n\nAdvertisement\nThe minister resigned."
    assert lines(as_given(WIRE).text) == lines(WIRE)


def test_a_short_article_with_sentences_is_kept_in_light_mode() -> None:
    assert clean_text(SHORT).text == ""  # the full cleaner finds no body in it
    assert keep_content(SHORT).text == SHORT
    doc = prepare(RawArticle("short.txt", SHORT, "text", clean="light"))
    assert isinstance(doc, Document)
    assert doc.text == SHORT
    assert doc.meta.cleaning == "light"
    skipped = prepare(RawArticle("short.txt", SHORT, "text"))
    assert isinstance(skipped, Skipped)
    assert "--clean light" in skipped.reason


def test_only_chrome_is_still_skipped_in_light_mode() -> None:
    result = prepare(RawArticle("x", "\n".join(CHROME), "text", clean="light"))
    assert isinstance(result, Skipped)
    assert result.reason.startswith("no article text left")
    assert "--clean none" in result.reason


def test_light_line_rules() -> None:
    text = "\n".join(
        [
            "Final table :",
            "",
            "| Team | Won | Lost |",
            "| Lyn | 3 | 1 |",
            "Home | World | Sport | Business",
            "Ferrante     30     2:01",
            "Home     World     Sport",
            "W D L G / F G / A P",
            "By Friday , talks had collapsed .",
            "By Jane Roe",
            "No comment on the deal , she said .",
            "Leave a comment",
            "Photo: AFP/Jane Roe",
            "Related stories",
            "Tags: cycling, Tour de France",
            "More: Ferrante wins the mountain stage in the rain",
            "More than 200 riders started the race .",
        ]
    )
    cleaned = keep_content(text)
    assert lines(cleaned.text) == [
        "Final table :",
        "| Team | Won | Lost |",  # a table row, not a menu
        "| Lyn | 3 | 1 |",
        "Ferrante 30 2:01",  # columns holding numbers: a table row
        "W D L G / F G / A P",  # "/" does not make a menu in given text
        "By Friday , talks had collapsed .",  # a sentence, not a byline
        "No comment on the deal , she said .",  # a sentence, not comment-section chrome
        "More than 200 riders started the race .",  # "More:" links another story; this is news
    ]
    assert cleaned.bylines == ("By Jane Roe",)


def test_light_keeps_bullet_marks_and_a_bare_date_as_a_lead_date() -> None:
    text = "Vote count begins\n\nJuly 14, 2026\n\n* Polls closed at 8 pm\n* Turnout was 61%\n"
    cleaned = keep_content(text)
    assert lines(cleaned.text) == [
        "Vote count begins",
        "July 14, 2026",
        "* Polls closed at 8 pm",
        "* Turnout was 61%",
    ]
    assert cleaned.lead_dates == ("July 14, 2026",)


def test_repeated_long_paragraph_is_dropped_but_repeated_rows_stay() -> None:
    para = (
        "The council voted on Monday to close the old bridge for repairs that engineers say "
        "will take at least two years to finish."
    )
    text = f"{para}\n\nLyn 1 0\nLyn 1 0\n\n{para}"
    assert lines(keep_content(text).text) == [para, "Lyn 1 0", "Lyn 1 0"]


def test_clean_as_picks_the_mode() -> None:
    assert clean_as(WIRE, "full").text == clean_text(WIRE).text
    assert clean_as(WIRE, "light").text == keep_content(WIRE).text
    assert clean_as(WIRE, "none").text == as_given(WIRE).text


def test_jsonl_text_is_light_html_full_and_a_line_may_say_otherwise() -> None:
    assert article_from_object({"text": "x"}, "f.jsonl", 1).clean == "light"
    assert article_from_object({"html": "<p>x</p>"}, "f.jsonl", 1).clean is None
    assert article_from_object({"text": "x", "clean": "full"}, "f.jsonl", 1).clean == "full"
    assert article_from_object({"text": "x", "clean": "none"}, "f.jsonl", 1).clean == "none"
    with pytest.raises(MalformedInput, match="'clean' must be one of full, light, none"):
        article_from_object({"text": "x", "clean": "strong"}, "f.jsonl", 3)


def test_a_jsonl_article_is_cleaned_light_and_the_run_option_overrides(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    rows = [{"text": WIRE}, {"text": SHORT}, {"text": WIRE, "clean": "full"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    by_kind = [prepare(r) for r in iter_inputs([str(path)]) if isinstance(r, RawArticle)]
    wire, short, scraped = by_kind
    assert isinstance(wire, Document) and isinstance(short, Document)
    assert isinstance(scraped, Document)
    assert [wire.meta.cleaning, short.meta.cleaning, scraped.meta.cleaning] == [
        "light",
        "light",
        "full",
    ]
    assert wire.text == keep_content(WIRE).text and short.text == SHORT
    assert scraped.text == clean_text(WIRE).text

    forced = [prepare(r) for r in iter_inputs([str(path)], clean="none")]
    assert all(isinstance(d, Document) and d.meta.cleaning == "none" for d in forced)
    assert all(isinstance(d, Document) and "Advertisement" in d.text for d in forced[::2])

    txt = tmp_path / "wire.txt"
    txt.write_text(WIRE, encoding="utf-8")
    (as_file,) = [prepare(r) for r in iter_inputs([str(txt)])]
    (as_light,) = [prepare(r) for r in iter_inputs([str(txt)], clean="light")]
    assert isinstance(as_file, Document) and as_file.meta.cleaning == "full"
    assert isinstance(as_light, Document) and as_light.text == wire.text
