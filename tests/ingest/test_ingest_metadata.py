"""Metadata: bylines, outlets, dates with their origins, language."""

from __future__ import annotations

import pytest

from storyline.document import DateClaim, RawArticle
from storyline.ingest.clean import Cleaned, clean_text
from storyline.ingest.dates import (
    date_from_url,
    find_date,
    is_bare_date,
    parse_date,
    parse_given_date,
)
from storyline.ingest.html import HtmlPage
from storyline.ingest.metadata import (
    build_metadata,
    copyright_outlet,
    detect_language,
    outlet_from_url,
    parse_byline,
    registrable_domain,
    site_suffix_outlet,
)

BODY = (
    "The Hubble Space Telescope was carried into orbit by the shuttle Discovery in April 1990 "
    "and has since made more than 1.5 million observations of the universe.\n\n"
    "A flaw in its main mirror blurred the first images until astronauts fitted corrective "
    "optics during a servicing mission in December 1993."
)


def raw(content: str = BODY, **given: object) -> RawArticle:
    return RawArticle(source="test.txt", content=content, format="text", **given)  # type: ignore[arg-type]


# ------------------------------------------------------------------ bylines


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("Authors: Mara Lind, Tomas Berg, NDT", ("Mara Lind", "Tomas Berg"), "NDT"),
        (
            "Author: Leo Brandt is a fellow at the Institute of War and Peace Studies, NDT",
            ("Leo Brandt",),
            "NDT",
        ),
        ("By Ana Ruiz and Tom Hale", ("Ana Ruiz", "Tom Hale"), None),
        ("By Ana Ruiz, Reuters", ("Ana Ruiz",), "Reuters"),
        ("By Ana Ruiz | The Example Courier", ("Ana Ruiz",), "The Example Courier"),
        ("By Ana Ruiz, Staff Writer", ("Ana Ruiz",), None),
        ("By Ana Ruiz, a professor of history at Leiden University", ("Ana Ruiz",), None),
        ("By Ana Ruiz & Tom Hale, Beijing", ("Ana Ruiz", "Tom Hale"), None),
        ("By Ana Ruiz in Lisbon", ("Ana Ruiz",), None),
    ],
)
def test_parse_byline(line: str, authors: tuple[str, ...], outlet: str | None) -> None:
    byline = parse_byline(line)
    assert byline.authors == authors
    assert byline.outlet == outlet


def test_a_date_in_a_byline_is_a_byline_claim() -> None:
    byline = parse_byline("By Ana Ruiz | March 2, 2022")
    assert byline.authors == ("Ana Ruiz",)
    assert byline.dates == (DateClaim("2022-03-02", "byline", "March 2, 2022"),)
    assert parse_byline("By Ana Ruiz | Published 3 May 2021").dates == (
        DateClaim("2021-05-03", "text-cue", "Published 3 May 2021"),
    )


# ------------------------------------------------------------------ outlets


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.reuters.com/world/some-story") == "Reuters"
    assert outlet_from_url("https://frontline.thehindu.com/x") == "Frontline"
    assert outlet_from_url("https://edition.cnn.com/2022/02/04/asia/x") == "CNN"
    assert outlet_from_url("https://news.example.co.uk/a/b") == "example.co.uk"
    assert outlet_from_url("http://127.0.0.1:8000/a") is None


def test_registrable_domain() -> None:
    assert registrable_domain("www.blog.example.com") == "example.com"
    assert registrable_domain("www.example.com.au") == "example.com.au"


def test_site_suffix_needs_a_repeated_suffix() -> None:
    lines = [
        "1. Pingback: Why Freight Rates Stayed High Through 2021 | Harbour Notes",
        "2. Pingback: Five Chokepoints That Shape Global Shipping | Harbour Notes",
        "Home | World",
    ]
    assert site_suffix_outlet(lines) == "Harbour Notes"
    assert site_suffix_outlet(lines[:1]) is None


def test_copyright_outlet() -> None:
    assert copyright_outlet(["© 2024 The Example Post. All rights reserved."]) == "The Example Post"
    assert copyright_outlet(["Example Weekly (c) 2021 | About | Privacy"]) == "Example Weekly"
    assert copyright_outlet(["Copyright 2019-2024 Example Media Group"]) == "Example Media Group"
    assert copyright_outlet(["Menu | About | (c) 2023"]) is None
    assert copyright_outlet(["No footer here."]) is None


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mar 02, 2022 05:00 IST", "2022-03-02"),
        ("Wednesday, June 19, 2024", "2024-06-19"),
        ("2 March 2022", "2022-03-02"),
        ("2nd of March, 2022", "2022-03-02"),
        ("2022-03-02T05:00:00Z", "2022-03-02"),
        ("2022/3/2", "2022-03-02"),
        ("March 2022", "2022-03"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("25/12/2021", "2021-12-25"),
        ("12/25/2021", "2021-12-25"),
        ("03/02/2022", "2022"),  # day and month cannot be told apart: only the year is sure
        ("February 30, 2022", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, value: str | None) -> None:
    assert parse_date(text) == value


def test_parse_given_date() -> None:
    assert parse_given_date("2022") == "2022"
    assert parse_given_date("2022-03") == "2022-03"
    assert parse_given_date(" 2022-03-02T10:00:00+01:00 ") == "2022-03-02"
    assert parse_given_date("yesterday") is None


def test_bare_date_lines() -> None:
    assert is_bare_date("Wednesday, June 19, 2024")
    assert is_bare_date("June 19, 2024 | 10:42 am EDT")
    assert is_bare_date("19.06.2024")
    assert not is_bare_date("Putin and Xi met in Beijing on February 4, 2022.")
    assert not is_bare_date("Published: June 19, 2024")
    assert find_date("met on 4 February 2022 in Beijing") == ("2022-02-04", 7, 22)


def test_date_from_url() -> None:
    assert date_from_url("https://example.com/2022/02/04/summit") == "2022-02-04"
    assert date_from_url("https://example.com/news/2022-02-04-summit") == "2022-02-04"
    assert date_from_url("https://example.com/2022/02/summit") == "2022-02"
    assert date_from_url("https://example.com/2022/13/45/x") is None
    assert date_from_url("https://example.com/story/12345") is None


def test_dates_inside_body_sentences_are_not_claims() -> None:
    text = (
        "Hubble at thirty-four\n\n"
        "Hubble was launched on April 24, 1990, aboard the shuttle Discovery from the Kennedy "
        "Space Center in Florida.\n\n" + BODY
    )
    meta = build_metadata(raw(text), clean_text(text))
    assert meta.dates == ()
    assert meta.published is None


def test_date_priority_given_html_cue_url_header() -> None:
    text = (
        "Menu\n\nMonday, May 6, 2024\n\nHubble at thirty-four\n\n"
        "Updated: 8 May 2024\n\nPublished: 7 May 2024\n\n" + BODY
    )
    cleaned = clean_text(text)
    url = "https://example.com/2024/05/05/hubble"
    page = HtmlPage(text="", date="2024-05-04")

    everything = build_metadata(raw(text, published="2024-05-03", url=url), cleaned, page)
    assert [(c.value, c.origin) for c in everything.dates] == [
        ("2024-05-03", "given"),
        ("2024-05-04", "html-metadata"),
        ("2024-05-07", "text-cue"),  # "Published" before "Updated"
        ("2024-05-08", "text-cue"),
        ("2024-05-05", "url"),
        ("2024-05-06", "page-header"),
    ]
    assert (everything.published, everything.published_origin) == ("2024-05-03", "given")

    no_given = build_metadata(raw(text, url=url), cleaned, page)
    assert (no_given.published, no_given.published_origin) == ("2024-05-04", "html-metadata")
    no_html = build_metadata(raw(text, url=url), cleaned)
    assert (no_html.published, no_html.published_origin) == ("2024-05-07", "text-cue")
    assert no_html.dates[0].evidence == "Published: 7 May 2024"

    header_only = "Menu\n\nMonday, May 6, 2024\n\nHubble at thirty-four\n\n" + BODY
    meta = build_metadata(raw(header_only), clean_text(header_only))
    # the day the page was shown, not the day it was published: its year only
    assert (meta.published, meta.published_origin) == (None, None)
    assert meta.inferred_date == "2024" and meta.reference_date == "2024"
    assert meta.inferred_from is not None and "Monday, May 6, 2024" in meta.inferred_from
    meta = build_metadata(raw(header_only, url=url), clean_text(header_only))
    assert (meta.published, meta.published_origin) == ("2024-05-05", "url")


# ------------------------------------------------------------------ title, outlet, authors


def test_given_metadata_wins() -> None:
    text = "Hubble at thirty-four\n\nBy Ana Ruiz, NDT\n\n" + BODY
    cleaned = clean_text(text)
    page = HtmlPage(text="", title="HTML title", sitename="HTML Site", authors=("Html Author",))
    meta = build_metadata(
        raw(
            text,
            title="Given title",
            outlet="Given Outlet",
            authors=("Given Author",),
            url="https://www.reuters.com/x",
        ),
        cleaned,
        page,
    )
    assert (meta.title, meta.outlet, meta.outlet_origin) == ("Given title", "Given Outlet", "given")
    assert meta.authors == ("Given Author",)

    meta = build_metadata(raw(text, url="https://www.reuters.com/x"), cleaned, page)
    assert (meta.title, meta.outlet, meta.outlet_origin) == ("HTML title", "HTML Site", "html")
    assert meta.authors == ("Html Author",)

    meta = build_metadata(raw(text, url="https://www.reuters.com/x"), cleaned)
    assert (meta.title, meta.outlet, meta.outlet_origin) == (
        "Hubble at thirty-four",
        "Reuters",
        "url",
    )
    assert meta.authors == ("Ana Ruiz",)
    assert meta.url == "https://www.reuters.com/x"

    meta = build_metadata(raw(text), cleaned)
    assert (meta.outlet, meta.outlet_origin) == ("NDT", "byline")


def test_empty_cleaned_text_has_defaults() -> None:
    meta = build_metadata(raw(""), Cleaned(text=""))
    assert meta.title is None and meta.outlet is None and meta.language == "en"


# ------------------------------------------------------------------ language


def test_language() -> None:
    assert detect_language(BODY) == "en"
    assert detect_language("Hallo") == "en"  # too short to judge: the default
    assert detect_language("Евротоннель открыли в 1994 году") == "ru"  # the script decides
    german = (
        "Das Weltraumteleskop Hubble wurde im April 1990 mit der Raumfähre Discovery in eine "
        "Umlaufbahn gebracht. Seitdem hat es mehr als eine Million Beobachtungen gemacht, und "
        "die Bilder haben die Astronomie verändert."
    )
    assert detect_language(german) == "de"
    assert detect_language("") == "en"
