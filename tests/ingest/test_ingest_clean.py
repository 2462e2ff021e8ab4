"""The scraped-text cleaner, on our own articles written in four different site styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.clean import clean_text, normalise_line

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def assert_no_chrome(text: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment.lower() not in text.lower(), fragment


def assert_faithful(source: str, clean: str) -> None:
    """Every clean line (bullet mark aside) is a piece of the source, in source order."""
    flat = " ".join(re.sub("[\u200b\u2060\ufeff]", "", source).split())
    at = 0
    for line in clean.split("\n"):
        if not line:
            continue
        piece = line.removeprefix("• ")
        found = flat.find(piece, at)
        assert found >= 0, piece
        at = found + len(piece)


# ------------------------------------------------------------------ a magazine with a wall


def test_magazine_with_sign_in_wall_and_comment_guidelines() -> None:
    source = fixture_text("magazine_signin_wall.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[0] == "The telescope that unfolded itself a million miles from Earth"
    assert cleaned.headline == paras[0]
    assert paras[1].startswith("After a Christmas Day launch")  # the standfirst
    # the caption shown twice (once with odd spacing) is kept once, normalised
    captions = [p for p in paras if p.startswith("The James Webb Space Telescope lifts off")]
    assert captions == [
        "The James Webb Space Telescope lifts off on an Ariane 5 rocket from Kourou, French "
        "Guiana, on December 25, 2021. The launch was run by Arianespace for the European "
        "Space Agency."
    ]
    assert "A mirror unfolds" in paras  # subheadings stay
    assert "First light" in paras
    assert paras[-1].startswith("Because its launch was so accurate")
    assert len(paras) == 12
    assert_no_chrome(
        cleaned.text,
        "Sign in",
        "Save articles",
        "Join the conversation",
        "newsletters",
        "Comments must be",
        "community guidelines",
        "Published",
    )
    assert cleaned.cue_lines == ("Published : Jul 14, 2022 09:30 IST",)
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a blog with pingbacks


def test_blog_with_pingbacks_comment_form_and_tags() -> None:
    source = fixture_text("blog_pingbacks.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert cleaned.headline == "The Week A Giant Container Ship Blocked The Suez Canal"
    assert paras[0] == cleaned.headline
    # the image credit is trimmed off the caption; the caption itself stays
    assert (
        paras[1]
        == "The Ever Given wedged across the southern end of the Suez Canal on March 24, 2021."
    )
    assert "Salvage crews tried several approaches at once:" in paras
    bullets = next(p for p in paras if p.startswith("• "))
    assert bullets.split("\n") == [
        "• dredgers removed tens of thousands of cubic metres of sand from around the bow;",
        "• a fleet of tugboats pulled and pushed the hull on each high tide; and",
        "• engineers considered lifting containers off the deck if nothing else worked.",
    ]
    # the short last paragraph of the article is kept, the page tail is not
    assert paras[-1] == "It was a reminder of how much depends on a few narrow passages."
    assert_no_chrome(
        cleaned.text,
        "Photo credit",
        "Posted on",
        "Filed under",
        "responses to",
        "Pingback",
        "Harbour Notes",
        "Leave a Reply",
        "email address",
        "Post Comment",
        "Save my name",
    )
    assert cleaned.cue_lines == ("Posted on April 2, 2021 by Lena Kovac",)
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a newspaper


def test_newspaper_with_bullet_standfirst_authors_byline_and_related_box() -> None:
    source = fixture_text("newspaper_authors_byline.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[0] == "Finland becomes Nato's 31st member as its flag is raised in Brussels"
    assert paras[1] == (
        "• Accession ends decades of military non-alignment and doubles the alliance's land "
        "border with Russia\n"
        "• Sweden, which applied on the same day last year, is still waiting for Turkey and "
        "Hungary to approve its bid"
    )
    assert paras[2].startswith("Finland formally joined Nato on Tuesday")
    assert paras[-1].startswith("Russian officials said they would respond")
    assert len(paras) == 10
    assert cleaned.bylines == ("Authors: Mara Lind, Tomas Berg, NDT",)
    assert_no_chrome(cleaned.text, "Authors:", "You might also like", "Sweden's long road")
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a header menu and date


def test_page_with_header_menu_date_indentation_and_moderation_footer() -> None:
    source = fixture_text("header_menu_indented.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[0] == "Orion capsule splashes down after 25-day trip around the Moon"
    assert all(p == p.strip() and "  " not in p for p in paras)  # no indentation left
    assert paras[1].startswith("NASA's Orion spacecraft parachuted")
    assert paras[-1] == "Details are from NASA's briefing."
    assert len(paras) == 8
    assert cleaned.header_dates == ("Monday, March 4, 2024",)
    assert_no_chrome(cleaned.text, "Sign In", "password", "Sections", "2024", "moderated")
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a wire service


def test_wire_story_with_kicker_menu_read_time_and_read_next() -> None:
    source = fixture_text("wire_service.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[0] == "Exclusive: Japan's H3 rocket reaches orbit on second attempt"
    assert paras[1].startswith("TOKYO, Feb 17 (Wire) - Japan's new flagship H3 rocket")
    assert paras[-1] == "Officials said the result put the programme back on track."
    assert len(paras) == 5
    assert cleaned.bylines == ("By Kenji Mori and Ana Ruiz",)
    # "February 17, 2024 9:32 AM GMT+9 Updated 2 hours ago": a date and an update cue
    assert cleaned.cue_lines == ("Updated 2 hours ago",)
    assert cleaned.lead_dates == ("February 17, 2024 9:32 AM GMT+9",)
    assert_no_chrome(
        cleaned.text,
        "Skip to",
        "Asia Pacific",
        "minute read",
        "Advertisement",
        "Scroll to continue",
        "Editing by",
        "opens new tab",
        "Read Next",
        "yen weakens",
    )
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a newsletter promo


def test_newsletter_promo_inside_the_body_and_topic_links_after_it() -> None:
    source = fixture_text("newsletter_promo.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[:2] == [
        "Glaciers in the Alps lost a record share of their ice in 2022",
        "Swiss glaciers shrank by about 6% of their remaining volume in a single year, "
        "scientists say",
    ]
    assert paras[-1].startswith("Some smaller glaciers have effectively disappeared")
    assert len(paras) == 5
    assert cleaned.lead_dates == ("Wed 28 Sep 2022 14.00 BST",)
    assert_no_chrome(
        cleaned.text,
        "The Example Post",
        "Sign up",
        "Privacy Notice",
        "newsletter promotion",
        "Explore more",
        "Climate crisis",
        "Reuse this content",
        "Most viewed",
    )
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ a page laid out in columns


def test_columns_layout_header_decorated_newsletter_and_credit_line() -> None:
    source = fixture_text("columns_layout.txt")
    cleaned = clean_text(source)
    paras = paragraphs(cleaned.text)

    assert paras[0] == "Notre-Dame reopens five years after the fire that toppled its spire"
    assert paras[1] == "More than 800 million euros were donated for the rebuilding"
    assert paras[2].startswith("Notre-Dame de Paris reopened on Saturday")
    assert paras[-1] == "The first Mass in the restored cathedral was celebrated the following day."
    assert len(paras) == 8
    assert cleaned.bylines == ("By Claire Duval in Paris",)
    assert cleaned.cue_lines == ("Updated 21:05 CET", "Published: 7 December 2024")
    assert cleaned.header_dates == ("Saturday 7 December 2024",)
    assert_no_chrome(
        cleaned.text,
        "GAZETTE",
        "Log in",
        "Puzzles",
        "EUROPE > FRANCE",
        "Share this",
        "AFP/Example Pictures",
        "NEWSLETTER",
        "Sign up",
        "rights reserved",
    )
    assert_faithful(source, cleaned.text)


# ------------------------------------------------------------------ paragraph separators


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_single_newlines_and_crlf_give_the_same_clean_text(name: str) -> None:
    source = fixture_text(name)
    expected = clean_text(source).text
    single = re.sub(r"\n\s*\n+", "\n", source)  # pasted without blank lines
    assert clean_text(single).text == expected
    assert clean_text(source.replace("\n", "\r\n")).text == expected


# ------------------------------------------------------------------ single rules

BODY_1 = (
    "The Channel Tunnel opened in May 1994 and runs for about 50 kilometres beneath the sea "
    "between Folkestone in England and Coquelles in France."
)
BODY_2 = (
    "Its undersea section, at 38 kilometres, is the longest of any tunnel in the world, and "
    "trains cross it in roughly 35 minutes."
)
BODY_3 = (
    "Construction took six years and employed more than 13,000 workers at its peak, with "
    "boring machines starting from both coasts."
)


def test_inline_related_box_is_dropped_but_the_body_after_it_is_kept() -> None:
    text = "\n\n".join(
        [
            "Tunnel under the Channel turns thirty",
            BODY_1,
            "Related stories",
            "How the tunnel boring machines met",
            "Ten facts about the Eurostar",
            BODY_2,
            "Advertisement",
            BODY_3,
        ]
    )
    clean = clean_text(text).text
    assert paragraphs(clean) == ["Tunnel under the Channel turns thirty", BODY_1, BODY_2, BODY_3]


def test_share_bars_menus_and_teasers_inside_the_body_are_dropped() -> None:
    text = "\n\n".join(
        [
            "Tunnel under the Channel turns thirty",
            "Home | World | Europe | Transport",
            "Share this article: Facebook Twitter Email",
            BODY_1,
            "Read more: The engineers who dug under the sea",
            BODY_2,
            "Story continues below advertisement",
            BODY_3,
            "Tags: Transport, France, United Kingdom",
        ]
    )
    clean = clean_text(text).text
    assert paragraphs(clean) == ["Tunnel under the Channel turns thirty", BODY_1, BODY_2, BODY_3]


def test_comment_thread_after_the_article_is_cut_even_when_it_is_prose() -> None:
    text = "\n\n".join(
        [
            "Tunnel under the Channel turns thirty",
            BODY_1,
            BODY_2,
            "2 Comments",
            "I rode through it on the first public day and still remember how quiet it was "
            "inside the carriage.",
            "Great article, though you could have mentioned the fire that closed it in 1996.",
        ]
    )
    assert paragraphs(clean_text(text).text) == [
        "Tunnel under the Channel turns thirty",
        BODY_1,
        BODY_2,
    ]


def test_title_case_subheadings_between_paragraphs_are_kept() -> None:
    text = "\n\n".join(
        ["Tunnel under the Channel turns thirty", BODY_1, "Digging From Both Sides", BODY_3]
    )
    assert "Digging From Both Sides" in paragraphs(clean_text(text).text)


def test_a_run_of_short_link_lines_inside_the_body_is_a_menu() -> None:
    text = "\n\n".join([BODY_1, "World\nEurope\nTransport\nScience", BODY_2])
    assert paragraphs(clean_text(text).text) == [BODY_1, BODY_2]


def test_a_short_list_after_a_colon_is_kept() -> None:
    text = "\n\n".join(
        [BODY_1, "The tunnel has three bores:\n- north rail\n- south rail\n- service", BODY_2]
    )
    assert paragraphs(clean_text(text).text) == [
        BODY_1,
        "The tunnel has three bores:",
        "• north rail\n• south rail\n• service",
        BODY_2,
    ]


def test_bylines_and_published_lines_go_to_metadata_not_text() -> None:
    text = "\n\n".join(
        [
            "Tunnel under the Channel turns thirty",
            "By Ana Ruiz and Tom Hale",
            "Updated: May 6, 2024 10:15 am",
            BODY_1,
            BODY_2,
        ]
    )
    cleaned = clean_text(text)
    assert paragraphs(cleaned.text) == ["Tunnel under the Channel turns thirty", BODY_1, BODY_2]
    assert cleaned.bylines == ("By Ana Ruiz and Tom Hale",)
    assert cleaned.cue_lines == ("Updated: May 6, 2024 10:15 am",)


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    line = "By the time the tunnel opened, the project had cost about twice its first estimate."
    cleaned = clean_text("\n\n".join([BODY_1, line]))
    assert cleaned.bylines == ()
    assert paragraphs(cleaned.text) == [BODY_1, line]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The Channel Tunnel opened in May 1994 and runs for about 50 kilometres\n"
        "beneath the sea between Folkestone in England and Coquelles in\n"
        "France, carrying both passenger and freight trains."
    )
    assert clean_text(wrapped).text == " ".join(wrapped.split("\n"))


def test_lines_in_one_block_become_separate_paragraphs() -> None:
    text = "Tunnel under the Channel turns thirty\n" + BODY_1 + "\n" + BODY_2
    assert paragraphs(clean_text(text).text) == [
        "Tunnel under the Channel turns thirty",
        BODY_1,
        BODY_2,
    ]


def test_a_date_line_in_the_page_header_is_recorded_as_header_date() -> None:
    text = "\n\n".join(
        ["Menu", "Friday, May 3, 2024", "Tunnel under the Channel turns thirty", BODY_1]
    )
    cleaned = clean_text(text)
    assert cleaned.header_dates == ("Friday, May 3, 2024",)
    assert cleaned.lead_dates == ()


def test_a_date_line_under_the_headline_is_a_lead_date() -> None:
    text = "\n\n".join(["Tunnel under the Channel turns thirty", "6 May 2024", BODY_1, BODY_2])
    cleaned = clean_text(text)
    assert cleaned.lead_dates == ("6 May 2024",)
    assert "2024" not in cleaned.text


def test_a_short_headline_is_found_and_a_sentence_is_not_a_headline() -> None:
    cleaned = clean_text("Xi meets Putin\n\n" + BODY_1)
    assert cleaned.headline == "Xi meets Putin"
    cleaned = clean_text("Tunnel reopens\n\nThe tunnel reopened on Friday.")
    assert cleaned.headline == "Tunnel reopens"
    assert paragraphs(cleaned.text) == ["Tunnel reopens", "The tunnel reopened on Friday."]


def test_header_lines_and_byline_lines_are_not_joined_as_wrapped_text() -> None:
    text = (
        "THE DAILY EXAMPLE Log in | Subscribe\n"
        "Home World Business Science Sport Culture Podcasts\n"
        "Friday, 3 May 2024\n\n"
        "Tunnel under the Channel turns thirty\n\n"
        "By Ana Ruiz, Transport correspondent\n"
        "Published: 3 May 2024\n\n" + BODY_1
    )
    cleaned = clean_text(text)
    assert cleaned.headline == "Tunnel under the Channel turns thirty"
    assert cleaned.bylines == ("By Ana Ruiz, Transport correspondent",)
    assert cleaned.cue_lines == ("Published: 3 May 2024",)
    assert cleaned.header_dates == ("Friday, 3 May 2024",)


def test_a_labelled_caption_is_kept_and_a_bare_credit_dropped() -> None:
    caption = "Photo: Eurostar trains wait at the Coquelles terminal near Calais."
    text = "\n\n".join([BODY_1, caption, "Image: Example Pictures/Jane Roe", BODY_2])
    assert paragraphs(clean_text(text).text) == [BODY_1, caption, BODY_2]


def test_text_without_headline_keeps_all_paragraphs() -> None:
    cleaned = clean_text(BODY_1 + "\n\n" + BODY_2)
    assert cleaned.headline is None
    assert paragraphs(cleaned.text) == [BODY_1, BODY_2]


def test_only_chrome_leaves_nothing() -> None:
    text = "Log in\n\nSubscribe now\n\nMenu\n\nShare\n\n© 2024 Example Media. All rights reserved."
    assert clean_text(text).text == ""


def test_text_in_other_scripts_survives() -> None:
    text = (
        "Евротоннель открыли в 1994 году\n\n"
        "Тоннель под Ла-Маншем длиной около пятидесяти километров соединяет Великобританию "
        "и Францию, по нему ходят пассажирские и грузовые поезда."
    )
    assert paragraphs(clean_text(text).text) == text.split("\n\n")


def test_light_mode_keeps_short_lines_but_drops_chrome() -> None:
    text = "\n\n".join(["Tunnel turns 30", BODY_1, "Short note.", "Sign in to comment", "Share"])
    assert paragraphs(clean_text(text, light=True).text) == [
        "Tunnel turns 30",
        BODY_1,
        "Short note.",
    ]


def test_whitespace_is_normalised_inside_lines() -> None:
    assert normalise_line("\u00a0 two\t\tspaces \u200b here  ") == "two spaces here"


# ------------------------------------------------------------------ the faithfulness property

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGH.,:;!?|•-“”'", min_size=1, max_size=12)
_LINE = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
_INDENT = st.sampled_from(["", "  ", "\t", "    • ", "- ", "1. "])
_BLOCK = st.lists(st.tuples(_INDENT, _LINE).map("".join), min_size=1, max_size=4).map("\n".join)
_TEXT = st.lists(_BLOCK, min_size=1, max_size=12).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_every_clean_line_occurs_in_the_input(text: str) -> None:
    for light in (False, True):
        clean = clean_text(text, light=light).text
        assert_faithful(text, clean)
        assert "\n\n\n" not in clean
        assert clean == clean.strip()
        for line in clean.split("\n"):
            assert line == line.strip()
            assert not re.search(r"\s{2,}", line)
